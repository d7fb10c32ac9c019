"""`probe_runner.py --serve`: load the platform once, answer every probe step in a fork of it (stdlib only).

Loading the real platform costs 1–6 s (config, registry, every plugin module); a plugin call costs milliseconds.
So the host loads once and answers each step in its own child (`probe_child.py`): a copy of the pristine
loaded platform, its data dir put back to its post-load state first (`dir_snapshot.py`), forked ahead of the
request. The child makes the call, sends the payload and exits; nothing a step does reaches the next one.

Protocol (JSON lines; the suite writes a request only after reading the previous answer):
  → first line from the host: {"event": "ready", "ok": true, "loaded": [...], "subprocess_hosted": [...],
      "data_dir_restored": bool, "load_ms": n}   or   {"event": "ready", "ok": false, <failure payload>}
  ← {"id": n, "op": "call", "plugin", "capability", "method", "input", "via", "timeout_ms"}
  ← {"id": n, "op": "list"}
  ← {"id": n, "op": "setup", "plugin", "calls": [{capability, method, input, via}]}   (a host serving one spec:
      the calls run in the host's own platform and the data dir is snapshotted after them)
  ← {"id": n, "op": "environment", "modules", "programs", "paths"}   (sys.platform, which modules are found, which
      programs are on PATH, which paths exist, a CUDA device)
  → {"id": n, ...payload}   (probe_call.py; plus ProbeTimeout {stack}, ProbeProcessExited {exit_status})
A host whose load failed answers every request with its load failure: the suite sees it per step.

Time limits: the child dumps every thread's stack (faulthandler) and exits when the step's limit is reached; the
host kills the child's process group if it is still there a moment later. A hang costs its own limit plus about
a second and a half, and the host goes on serving.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, TextIO

from dir_snapshot import DirSnapshot
from probe_call import environment_facts, list_capabilities, run_setup
from probe_child import SpareChild
from runner_faults import failure_payload


def claim_protocol_streams() -> tuple[TextIO, TextIO]:
    """Requests and answers on private descriptors; fd 0 becomes /dev/null and fd 1 a copy of stderr, so nothing
    the platform or a plugin reads or prints can touch the protocol."""
    requests = os.fdopen(os.dup(0), "r", encoding="utf-8")
    responses = os.fdopen(os.dup(1), "w", encoding="utf-8")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    return requests, responses


class Host:
    def __init__(self, load: Callable[[], Any], workdir: Path | None, protocol_fds: list[int]):
        # The suite passes a dir it owns (and removes even if this process is killed); alone, we make our own.
        self.own_workdir = workdir is None
        self.workdir = workdir if workdir is not None else Path(tempfile.mkdtemp(prefix="qualify-probe-host-"))
        self.protocol_fds = protocol_fds
        self.platform: Any = None
        self.failure: dict[str, Any] | None = None
        self.spare: SpareChild | None = None
        self.running: SpareChild | None = None
        self.finished: SpareChild | None = None
        started = time.perf_counter()
        self.ready = self._load(load)
        self.ready["load_ms"] = round((time.perf_counter() - started) * 1000)
        data_dir = os.environ.get("AUTOCAPTURE_DATA_DIR")
        self.snapshot = DirSnapshot(Path(data_dir)) if data_dir and self.platform is not None else None
        self.ready["data_dir_restored"] = bool(self.snapshot and self.snapshot.complete)

    def _load(self, load: Callable[[], Any]) -> dict[str, Any]:
        try:
            self.platform = load()
        except BaseException as exc:  # noqa: BLE001 - whatever the load did, the suite gets one answer
            self.failure = failure_payload(exc)
            return {"event": "ready", "ok": False, **self.failure}
        return {"event": "ready", "ok": True, "loaded": sorted(self.platform.primary.loaded), "subprocess_hosted": self.platform.subprocess_hosted}

    def prepare(self) -> None:
        """While no request is waiting: the data dir put back, and the next step's child forked."""
        if self.finished is not None:
            self.finished.finish()
            self.finished = None
        if self.failure is not None or self.spare is not None:
            return
        if self.snapshot is not None:
            self.snapshot.restore()
        self.spare = SpareChild(self.platform, self.workdir, self.protocol_fds)

    def answer(self, request: dict[str, Any]) -> dict[str, Any]:
        if request.get("op") == "environment":  # a fact of the interpreter, whatever the load did
            return environment_facts(list(request.get("modules") or []), list(request.get("programs") or []), list(request.get("paths") or []))
        if self.failure is not None:
            return self.failure
        if request.get("op") == "list":
            return list_capabilities(self.platform)
        if request.get("op") == "setup":
            return self.setup(str(request.get("plugin")), list(request.get("calls") or []))
        self.prepare()
        self.running, self.spare = self.spare, None
        assert self.running is not None
        try:
            return self.running.run(request, max(0.1, float(request.get("timeout_ms") or 30_000) / 1000.0))
        finally:
            self.finished, self.running = self.running, None

    def setup(self, plugin_id: str, calls: list[dict[str, Any]]) -> dict[str, Any]:
        """Runs a spec's setup in the host's own platform (a host serving one spec): the child forked before it
        would not see it, and the data dir is snapshotted again after it, so every step starts from it."""
        if self.spare is not None:
            self.spare.discard()
            self.spare = None
        if self.snapshot is not None:
            self.snapshot.restore()
        answer = run_setup(self.platform, plugin_id, calls)
        data_dir = os.environ.get("AUTOCAPTURE_DATA_DIR")
        self.snapshot = DirSnapshot(Path(data_dir)) if data_dir else None
        return answer

    def close(self) -> None:
        for child in (self.spare, self.running, self.finished):
            if child is not None:
                child.discard()
        self.spare = self.running = self.finished = None
        if self.own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)


def serve(load: Callable[[], Any], workdir: Path | None = None) -> int:
    requests, responses = claim_protocol_streams()
    host = Host(load, workdir, [requests.fileno(), responses.fileno()])
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, lambda number, _frame: (host.close(), os._exit(128 + number)))

    def send(message: dict[str, Any]) -> None:
        responses.write(json.dumps(message, sort_keys=True) + "\n")
        responses.flush()

    send(host.ready)
    host.prepare()
    for line in requests:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            assert isinstance(request, dict) and isinstance(request.get("id"), int)
        except (ValueError, AssertionError):
            send({"id": None, "ok": False, "error_type": "UsageError", "error": "a request must be a JSON object with an integer id"})
            continue
        usage = check_request(request)
        send({"id": request["id"], **(usage or host.answer(request))})
        host.prepare()
    host.close()
    return 0


def check_request(request: dict[str, Any]) -> dict[str, Any] | None:
    if request.get("op") == "list":
        return None
    if request.get("op") == "setup":
        calls = request.get("calls")
        ok = isinstance(request.get("plugin"), str) and isinstance(calls, list) and all(isinstance(c, dict) and isinstance(c.get("capability"), str) and isinstance(c.get("method"), str) for c in calls)
        return None if ok else {"ok": False, "error_type": "UsageError", "error": "setup needs a plugin and a list of calls with capability and method"}
    if request.get("op") == "setup":
        calls = request.get("calls")
        ok = isinstance(request.get("plugin"), str) and isinstance(calls, list) and all(isinstance(c, dict) and isinstance(c.get("capability"), str) and isinstance(c.get("method"), str) for c in calls)
        return None if ok else {"ok": False, "error_type": "UsageError", "error": "setup needs a plugin and a list of calls with capability and method"}
    if request.get("op") == "environment":
        lists = [request.get(key, []) for key in ("modules", "programs", "paths")]
        return None if all(isinstance(v, list) and all(isinstance(m, str) for m in v) for v in lists) else {"ok": False, "error_type": "UsageError", "error": "modules, programs and paths must be lists of names"}
    if request.get("op") != "call":
        return {"ok": False, "error_type": "UsageError", "error": f"unknown op {request.get('op')!r}"}
    for key in ("plugin", "capability", "method"):
        if not isinstance(request.get(key), str) or not request[key]:
            return {"ok": False, "error_type": "UsageError", "error": f"a call needs a non-empty {key}"}
    if request.get("via", "plugin") not in ("plugin", "registry"):
        return {"ok": False, "error_type": "UsageError", "error": f"via must be plugin or registry, not {request.get('via')!r}"}
    return None
