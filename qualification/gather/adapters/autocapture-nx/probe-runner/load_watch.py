"""Which plugin the platform is loading, what each one printed, and a watchdog for a load that never returns.

The platform loads every plugin in one `load_plugins()` call, so when one plugin hangs in its factory, ends the
interpreter while being imported, or prints to stdout, the platform's own commands fail as a whole and name
nobody. While the probe host loads the platform this watch names the culprit:

  - The platform compiles each plugin's module from source (`compile(source, path, "exec")`), and so does the
    import system for the helper modules a plugin imports: Python's `compile` audit event therefore says, for
    every plugin, when its code starts running. Each event under a plugin's directory marks that plugin current.
  - Each marker is appended to a progress file the suite reads if this process dies: the last plugin started is
    the one that ended it (an `os._exit` on import leaves nothing else behind).
  - A watchdog thread: when the current plugin has been loading longer than the limit, it writes every thread's
    stack to the progress file and ends the process (75), so the suite can name the plugin and load without it.
  - stdout (fd 1) goes to a file during the load; the offsets at each marker say which plugin printed what.
"""
from __future__ import annotations

import faulthandler
import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any, TextIO

EXIT_LOAD_HUNG = 75
PRINTED_KEPT = 2048


class LoadWatch:
    def __init__(self, plugin_dirs: dict[str, str], progress_path: Path, stdout_path: Path, limit_s: float):
        self.plugin_dirs = {os.path.abspath(d): pid for d, pid in plugin_dirs.items()}
        self.progress_path, self.stdout_path, self.limit_s = progress_path, stdout_path, limit_s
        self.active = False
        self.current: str | None = None
        self.started = 0.0
        self.marks: list[tuple[str | None, int]] = [(None, 0)]
        self.cache: dict[str, str | None] = {}
        self.progress: TextIO | None = None
        self.saved_fd1 = -1
        self.stdout_fd = -1

    def __enter__(self) -> "LoadWatch":
        self.progress = open(self.progress_path, "a", encoding="utf-8", buffering=1)
        sys.stdout.flush()
        self.saved_fd1 = os.dup(1)
        self.stdout_fd = os.open(self.stdout_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(self.stdout_fd, 1)
        self.active = True
        sys.addaudithook(self._hook)  # permanent by design; inert once `active` is False
        threading.Thread(target=self._watchdog, name="qualify-load-watchdog", daemon=True).start()
        return self

    def __exit__(self, *_exc: Any) -> None:
        self.active = False
        sys.stdout.flush()
        self.marks.append((None, os.lseek(self.stdout_fd, 0, os.SEEK_CUR)))
        os.dup2(self.saved_fd1, 1)
        os.close(self.saved_fd1)
        os.close(self.stdout_fd)
        if self.progress is not None:
            self.progress.write(json.dumps({"event": "loaded"}) + "\n")
            self.progress.close()

    def printed(self) -> dict[str, dict[str, Any]]:
        """Bytes written to stdout while each plugin was current (`<platform>` before the first one)."""
        data = self.stdout_path.read_bytes() if self.stdout_path.exists() else b""
        out: dict[str, dict[str, Any]] = {}
        for (pid, start), (_next, end) in zip(self.marks, self.marks[1:]):
            chunk = data[start:end]
            if not chunk:
                continue
            key = pid or "<platform>"
            seen = out.setdefault(key, {"bytes": 0, "head": ""})
            seen["bytes"] += len(chunk)
            if len(seen["head"]) < PRINTED_KEPT:
                seen["head"] = (seen["head"] + chunk.decode("utf-8", errors="replace"))[:PRINTED_KEPT]
        return out

    def _plugin_of(self, filename: str) -> str | None:
        if filename not in self.cache:
            found = None
            path = os.path.abspath(filename)
            for _ in range(64):
                parent = os.path.dirname(path)
                if parent == path:
                    break
                path = parent
                if path in self.plugin_dirs:
                    found = self.plugin_dirs[path]
                    break
            self.cache[filename] = found
        return self.cache[filename]

    def _hook(self, event: str, args: tuple[Any, ...]) -> None:
        if not self.active or event != "compile" or len(args) < 2 or not isinstance(args[1], str):
            return
        pid = self._plugin_of(args[1])
        if pid is None or pid == self.current:
            return
        sys.stdout.flush()
        self.marks.append((pid, os.lseek(self.stdout_fd, 0, os.SEEK_CUR)))
        self.current, self.started = pid, time.monotonic()
        if self.progress is not None:
            self.progress.write(json.dumps({"event": "start", "plugin": pid}) + "\n")

    def _watchdog(self) -> None:
        while self.active:
            time.sleep(0.05)
            if self.active and self.current is not None and time.monotonic() - self.started > self.limit_s:
                progress = self.progress
                assert progress is not None
                progress.write(json.dumps({"event": "hung", "plugin": self.current, "limit_s": self.limit_s}) + "\n")
                progress.flush()
                faulthandler.dump_traceback(file=progress, all_threads=True)
                progress.flush()
                os._exit(EXIT_LOAD_HUNG)


def plugin_dirs_of(manifest_paths: list[Path]) -> dict[str, str]:
    """Plugin directory → plugin ID, read leniently (a manifest the platform rejects still names its code)."""
    out: dict[str, str] = {}
    for path in manifest_paths:
        try:
            with open(path, "rb") as handle:
                data = json.loads(handle.read(1_048_576).decode("utf-8", errors="replace"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and isinstance(data.get("plugin_id"), str):
            out[str(Path(path).parent)] = data["plugin_id"]
    return out
