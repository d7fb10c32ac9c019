"""Session mode of probe_runner.py: one interpreter answers every step of one plugin's probe run (stdlib only).

    python3 probe_runner.py [--hosting …] --session --plugin <id>

Protocol (JSON lines): stdin carries one request per step,
    {"capability": <name>, "method": <name>, "input": <json>, "via": "plugin" | "registry"}
and stdout one response per request, exactly the payload the one-shot mode prints for that step (`ok/result`,
a call error with `error_type/error/traceback`, `PluginLoadError` with `phase`, `UsageError` for a bad
request line). The caller writes a request only after reading the previous response. EOF on stdin ends the
session with exit 0.

What is shared between steps, and what is not:
  - Shared: the interpreter and the platform modules it has imported (that start-up is what a session saves).
  - Fresh per step: the registry. Every step runs `load_config` + `PluginRegistry(...)` + `load_plugins()`
    exactly as the one-shot mode does, and closes that registry before answering, so plugin instances and
    their in-memory state never reach the next step.
  - Fresh per step: plugin modules. The example platform's inproc loader compiles and exec's each plugin
    module into a new module object on every load, so module state is fresh anyway; but a plugin may also
    `import` helpers from its own directory, which `sys.modules` would keep. After every step the session
    drops every module whose file lies under a plugin root (`<root>/plugins/builtin` and the effective
    config's `plugins.search_paths`), so the next load executes all plugin code again. Platform modules
    (`autocapture_nx.*`) and libraries are kept.
  - Restored after every step: `os.environ`, the working directory and `sys.path` (the runner itself sets
    `AUTOCAPTURE_ROOT`, the hosting mode and the root on `sys.path` per step); unreachable objects are
    collected, so a plugin's leaked SQLite connection is closed before the next step, as a process exit
    would. Not undone: threads a plugin leaves running and its `atexit` hooks (they live until the session
    ends), and the interpreter's hash seed (one per process, so run 1 and run 2, two sessions, still differ).
  - The protocol streams are private: fd 0 becomes /dev/null and fd 1 a copy of stderr before any step runs,
    so nothing a plugin (or a process it starts) reads or writes can touch a request or a response.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, TextIO

Probe = Callable[[argparse.Namespace, Any, Callable[[dict[str, Any]], None]], dict[str, Any]]
PLATFORM_PACKAGE = "autocapture_nx"
EXIT_USAGE = 4  # as probe_runner.py


def claim_protocol_streams() -> tuple[TextIO, TextIO]:
    requests = os.fdopen(os.dup(0), "r", encoding="utf-8")
    responses = os.fdopen(os.dup(1), "w", encoding="utf-8")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    return requests, responses


def plugin_roots(root: Path, config: dict[str, Any]) -> list[Path]:
    """Where the platform discovers plugins (reference §7.1): the builtin root plus each search path."""
    search = (config.get("plugins") or {}).get("search_paths") or []
    entries = [root / "plugins" / "builtin", *(root / str(p) for p in search if isinstance(p, str))]
    return [Path(os.path.abspath(p)) for p in entries]


def _inside(file: str, roots: list[Path]) -> bool:
    path = Path(os.path.abspath(file))
    return any(path == r or r in path.parents for r in roots)


class StepState:
    """What one step may change in this interpreter, taken before the first step and put back after each."""

    def __init__(self, root: Path):
        self.environ = dict(os.environ)
        self.cwd = os.getcwd()
        self.path = list(sys.path)
        self.roots = [Path(os.path.abspath(root / "plugins" / "builtin"))]

    def saw_config(self, root: Path, config: dict[str, Any]) -> None:
        self.roots = plugin_roots(root, config)

    def restore(self) -> None:
        for name, module in list(sys.modules.items()):
            if name == PLATFORM_PACKAGE or name.startswith(PLATFORM_PACKAGE + "."):
                continue
            file = getattr(module, "__file__", None)
            if isinstance(file, str) and _inside(file, self.roots):
                del sys.modules[name]
        os.environ.clear()
        os.environ.update(self.environ)
        os.chdir(self.cwd)
        sys.path[:] = self.path
        gc.collect()


def parse_request(args: argparse.Namespace, line: str) -> tuple[argparse.Namespace, Any] | dict[str, Any]:
    """The step's arguments and input, or the UsageError payload the one-shot mode gives bad arguments."""
    try:
        request = json.loads(line)
    except ValueError as exc:
        return {"ok": False, "error_type": "UsageError", "error": f"request is not JSON: {exc}"}
    if not isinstance(request, dict):
        return {"ok": False, "error_type": "UsageError", "error": "request must be a JSON object"}
    capability, method, via = request.get("capability"), request.get("method"), request.get("via", "plugin")
    if not (isinstance(capability, str) and capability and isinstance(method, str) and method):
        return {"ok": False, "error_type": "UsageError", "error": "request needs a non-empty capability and method"}
    if via not in ("plugin", "registry"):
        return {"ok": False, "error_type": "UsageError", "error": f"request via must be plugin or registry, not {via!r}"}
    step = argparse.Namespace(**{**vars(args), "capability": capability, "method": method, "via": via, "session": False})
    return step, request.get("input", {})


def serve(args: argparse.Namespace, probe: Probe) -> int:
    if not args.plugin or args.all_capabilities or args.list_capabilities:
        usage = {"ok": False, "error_type": "UsageError", "error": "--session needs --plugin and takes no --list-capabilities or --all-capabilities"}
        sys.stdout.write(json.dumps(usage, sort_keys=True) + "\n")
        return EXIT_USAGE
    requests, responses = claim_protocol_streams()
    root = Path(args.root).resolve()
    state = StepState(root)
    for line in requests:
        if not line.strip():
            continue
        parsed = parse_request(args, line)
        if isinstance(parsed, dict):
            output = parsed
        else:
            output = probe(parsed[0], parsed[1], lambda config: state.saw_config(root, config))
            state.restore()
        responses.write(json.dumps(output, sort_keys=True) + "\n")
        responses.flush()
    return 0
