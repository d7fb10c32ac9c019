"""Which lines of a plugin's code its spec's calls execute, for `qualify probe strength` (stdlib only).

`probe_runner.py --coverage` reads {"plugin", "setup": [calls], "steps": [calls], "files": [paths]} on stdin, loads
the platform once (traced too), runs the setup and then every step's call (inputs as the spec's run sent them) under a line
tracer limited to `files`, and answers {"ok": true, "covered": {file: [lines]}}. A mutant on a line no call runs
cannot be caught by any expectation: strength picks its mutants among covered lines and reports the rest as
uncovered, rather than letting the seed spend the budget on unreachable code.

The steps run one after another in this one process (not each in a pristine fork, as when judged): coverage
only needs to know which lines the calls can reach, and a call's outcome is not judged here.
"""
from __future__ import annotations

import os
import sys
import threading
from typing import Any, Callable

from probe_call import call_step, run_setup


def covered_lines(load: Callable[[], Any], plugin_id: str, setup: list[dict[str, Any]], steps: list[dict[str, Any]], files: list[str]) -> dict[str, Any]:
    """Traced from the platform's load on: what importing and creating the plugin runs (module constants, a
    constructor reading its config) shapes its answers as much as what its methods run."""
    # String operations only inside the tracer: the platform's filesystem guard intercepts stat calls (realpath
    # would be refused, and would fail the traced call).
    wanted = {os.path.normpath(path): path for path in files}
    covered: dict[str, set[int]] = {path: set() for path in files}

    def tracer(frame: Any, event: str, _arg: Any) -> Any:
        original = wanted.get(os.path.normpath(frame.f_code.co_filename)) if event == "call" else None
        if original is None:
            return None
        lines = covered[original]

        def local(inner: Any, kind: str, _a: Any) -> Any:
            if kind == "line":
                lines.add(inner.f_lineno)
            return local

        return local

    sys.settrace(tracer)
    threading.settrace(tracer)
    platform = None
    try:
        platform = load()
        if setup:
            run_setup(platform, plugin_id, setup)
        for step in steps:
            call_step(platform, {**step, "plugin": plugin_id})
    finally:
        sys.settrace(None)
        threading.settrace(None)  # type: ignore[arg-type]
        close = getattr(platform, "close", None)
        if callable(close):
            try:
                close()
            except Exception:  # noqa: BLE001 - best effort, the answer is already known
                pass
    return {"ok": True, "covered": {path: sorted(lines) for path, lines in sorted(covered.items())}}
