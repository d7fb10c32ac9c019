#!/usr/bin/env python3
"""Functional probe runner for Autocapture NX plugins (stdlib only).

Run with CWD = the target platform root (or pass --root):

    python3 probe_runner.py --plugin <id> --capability <cap> --method <name> [--via registry] < input.json
    python3 probe_runner.py --plugin <id> --list-capabilities
    python3 probe_runner.py --plugin <id> --session       (one step per JSON line on stdin: probe_session.py)

The plugin is loaded THROUGH THE PLATFORM'S OWN LOADER, never by importing plugin.py directly, so every
registry check (allowlist, enabled, lock hashes, permissions, hosting gates) applies. stdin holds the call
input as JSON: an object is passed as keyword arguments, anything else as one positional argument; empty stdin
means `{}`. `--via plugin` (default) calls the plugin's own object for the capability; `--via registry` calls
what the registry resolves for that name (`PluginRegistry.get_capability`: provider choice, policies,
fallbacks), so a path probe can reach another plugin's capability. The plugin under test must load either way;
a lookup failure is a call error (ok: false).

The suite runs each probe run of a plugin as one `--session` (probe_session.py: one interpreter, a fresh registry
per step) and records per step the one-shot command above, which a person pastes to reproduce that one step.

stdout carries exactly one JSON line (sorted keys):
  {"ok": true, "result": <json>}                                              exit 0
  {"ok": true, "capabilities": [...]}               (--list-capabilities)     exit 0
  {"ok": true, "plugins": {id: [...]}, "errors"}    (--all-capabilities)      exit 0
      (names whose object is None or has no public method are left out: an empty capability is not present)
  {"ok": false, "error_type", "error", "traceback"} the call raised            exit 0
  {"ok": false, "error_type": "PluginLoadError", "phase", "error"}            exit 3
  {"ok": false, "error_type": "UsageError", "error"}  bad runner arguments    exit 4
Load phases: the platform's own `manifest` | `dependency` | `load` (error text verbatim from the load report),
or `config` (load_config raised), `global` (load_plugins raised), `not_enabled` (not attempted: not
allowlisted/enabled), `runner_api` (the platform lacks an API this runner assumes), `runner` (unexpected crash
while loading).

Assumptions about the platform's Python API (the real platform's internals are only partly documented; these
names come from the example platform in fixtures/example-platform and the reference §1.1, §7, §10):
  - `autocapture_nx.kernel.config.load_config(paths, safe_mode=False) -> dict`
  - `autocapture_nx.kernel.paths.default_config_paths()`; if that module is absent,
    `autocapture_nx.kernel.config.default_config_paths()`
  - `autocapture_nx.plugin_system.registry.PluginRegistry(config, safe_mode=False)` with `.load_plugins()`
    (returns or stores the report `{loaded, failed, skipped, errors[{plugin_id, entrypoint, phase, error}]}`),
    `.report`, `.plugin_capabilities(plugin_id) -> {capability: object}`, `.get_capability(name)` (only for
    `--via registry`) and `.close()` (optional).
Hosting: inproc is forced for probing (env AUTOCAPTURE_PLUGINS_HOSTING_MODE=inproc and, in memory only,
plugins.hosting.inproc_allow_all = true), because nested capability calls hang under subprocess hosting
(§10.3). Network-capable plugins cannot load inproc by design; `--hosting subprocess` probes them through the
platform's subprocess host instead, and `--subprocess-only <id,id,…>` (the network-capable plugins) hosts every
other allowlisted plugin inproc, with a justification, in memory only, so one probe starts one host, not one
per plugin. No file is ever written: bytecode writing is disabled before the platform is imported, and plugin
prints are diverted to stderr so stdout stays one JSON line.
"""
from __future__ import annotations

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import contextlib  # noqa: E402
import importlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import traceback  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any, Callable, NoReturn  # noqa: E402

EXIT_OK, EXIT_LOAD_FAILED, EXIT_USAGE = 0, 3, 4


class ProbeExit(Exception):
    def __init__(self, payload: dict[str, Any], code: int):
        super().__init__(payload.get("error", ""))
        self.payload, self.code = payload, code


def _load_failure(phase: str, error: str) -> NoReturn:
    raise ProbeExit({"ok": False, "error_type": "PluginLoadError", "phase": phase, "error": error}, EXIT_LOAD_FAILED)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse would print usage and exit 2
        raise ProbeExit({"ok": False, "error_type": "UsageError", "error": message}, EXIT_USAGE)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = _Parser(prog="probe_runner.py", add_help=False)
    parser.add_argument("--plugin")
    parser.add_argument("--all-capabilities", action="store_true")
    parser.add_argument("--capability")
    parser.add_argument("--method")
    parser.add_argument("--list-capabilities", action="store_true")
    parser.add_argument("--root", default=".")
    parser.add_argument("--hosting", choices=("inproc", "subprocess"), default="inproc")
    parser.add_argument("--subprocess-only", default=None)
    parser.add_argument("--via", choices=("plugin", "registry"), default="plugin")
    parser.add_argument("--session", action="store_true")
    args = parser.parse_args(argv)
    if args.all_capabilities or args.session:  # a session checks its own arguments (probe_session.serve)
        return args
    if not args.plugin:
        parser.error("--plugin is required unless --all-capabilities is given")
    if not args.list_capabilities and not (args.capability and args.method):
        parser.error("--capability and --method are required unless --list-capabilities is given")
    return args


def read_input(list_only: bool) -> Any:
    if list_only:
        return None
    raw = sys.stdin.read()
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise ProbeExit({"ok": False, "error_type": "UsageError", "error": f"stdin is not JSON: {exc}"}, EXIT_USAGE)


def host_others_inproc(config: dict[str, Any], keep: set[str]) -> None:
    """Mixed hosting (§7.4 step 1, §10.1): every allowlisted plugin not in `keep` joins the inproc allowlist, in
    memory only, so probing one network-capable plugin starts one host process instead of one per plugin."""
    plugins = config.setdefault("plugins", {})
    hosting = plugins.setdefault("hosting", {})
    others = sorted(set(plugins.get("allowlist") or []) - keep)
    hosting["inproc_allowlist"] = sorted(set(hosting.get("inproc_allowlist") or []) | set(others))
    justifications = dict(hosting.get("inproc_justifications") or {})
    for pid in others:
        justifications.setdefault(pid, "qualification probe: hosted inproc while a network-capable plugin is probed")
    hosting["inproc_justifications"] = justifications


def load_registry(root: Path, hosting: str, subprocess_only: set[str] | None = None, on_config: Callable[[dict[str, Any]], None] = lambda _c: None) -> Any:
    os.environ["AUTOCAPTURE_ROOT"] = str(root)
    os.environ["AUTOCAPTURE_PLUGINS_HOSTING_MODE"] = hosting
    sys.path.insert(0, str(root))
    try:
        config_mod = importlib.import_module("autocapture_nx.kernel.config")
        registry_mod = importlib.import_module("autocapture_nx.plugin_system.registry")
        try:
            default_config_paths = importlib.import_module("autocapture_nx.kernel.paths").default_config_paths
        except ModuleNotFoundError:
            default_config_paths = config_mod.default_config_paths
    except (ImportError, AttributeError) as exc:
        _load_failure("runner_api", f"{type(exc).__name__}: {exc}")
    try:
        config = config_mod.load_config(default_config_paths(), safe_mode=False)
    except Exception as exc:  # noqa: BLE001
        _load_failure("config", str(exc))
    on_config(config)  # the session learns the plugin roots from it
    if hosting == "inproc":
        config.setdefault("plugins", {}).setdefault("hosting", {})["inproc_allow_all"] = True
    elif subprocess_only is not None:
        host_others_inproc(config, subprocess_only)
    return registry_mod.PluginRegistry(config, safe_mode=False)


def plugin_capabilities(registry: Any, plugin_id: str) -> dict[str, Any]:
    try:
        registry.load_plugins()
    except Exception as exc:  # noqa: BLE001 - a global raise aborts the whole load (§7.2)
        _load_failure("global", str(exc))
    report = getattr(registry, "report", {}) or {}
    errors = [e for e in report.get("errors") or [] if e.get("plugin_id") == plugin_id]
    if errors:
        _load_failure(str(errors[0].get("phase")), str(errors[0].get("error")))
    if plugin_id not in (report.get("loaded") or []):
        _load_failure("not_enabled", f"Plugin {plugin_id} was not loaded (not allowlisted, not enabled, or no manifest)")
    if not hasattr(registry, "plugin_capabilities"):
        _load_failure("runner_api", "PluginRegistry has no plugin_capabilities(plugin_id)")
    return registry.plugin_capabilities(plugin_id)


def has_methods(obj: Any) -> bool:
    """True when the capability object exposes a public callable (inproc objects and subprocess proxies alike)."""
    return obj is not None and any(not name.startswith("_") and callable(getattr(obj, name, None)) for name in dir(obj))


def all_capabilities(registry: Any) -> dict[str, Any]:
    """One platform load, every plugin's `capabilities()` names: the suite's batch form of --list-capabilities."""
    try:
        registry.load_plugins()
    except Exception as exc:  # noqa: BLE001
        _load_failure("global", str(exc))
    report = getattr(registry, "report", {}) or {}
    if not hasattr(registry, "plugin_capabilities"):
        _load_failure("runner_api", "PluginRegistry has no plugin_capabilities(plugin_id)")
    # An empty capability (None, or an object with no public method) is not present: listing its name would let
    # a plugin pass capability_present with nothing behind the name.
    plugins = {pid: sorted(name for name, obj in registry.plugin_capabilities(pid).items() if has_methods(obj))
               for pid in sorted(report.get("loaded") or [])}
    errors: dict[str, dict[str, str]] = {}
    for error in report.get("errors") or []:
        errors.setdefault(str(error.get("plugin_id")), {"phase": str(error.get("phase")), "error": str(error.get("error"))})
    return {"ok": True, "plugins": plugins, "errors": errors}


# A call error's traceback (recorded as evidence) names this function's lines: moving `call` changes that evidence.
def call(resolve: Any, capability: str, method: str, payload: Any) -> dict[str, Any]:
    try:
        target = getattr(resolve(capability), method)
        result = target(**payload) if isinstance(payload, dict) else target(payload)
        json.dumps(result, sort_keys=True)  # a non-JSON result is the plugin's failure, reported as such
        return {"ok": True, "result": result}
    except Exception as exc:  # noqa: BLE001 - every call failure is data for the suite
        lines = getattr(exc, "remote_traceback", "") or traceback.format_exc()
        return {"ok": False, "error_type": getattr(exc, "remote_type", type(exc).__name__), "error": str(exc),
                "traceback": "\n".join(lines.splitlines()[-20:])}


def probe(args: argparse.Namespace, payload: Any, on_config: Callable[[dict[str, Any]], None] = lambda _config: None) -> tuple[dict[str, Any], int]:
    """One platform load and one call (or listing); the registry is closed before returning."""
    registry = None
    try:
        # Plugins and the platform may print; only our one JSON line may reach stdout.
        with contextlib.redirect_stdout(sys.stderr):
            keep = set(filter(None, args.subprocess_only.split(","))) if args.subprocess_only is not None else None
            registry = load_registry(Path(args.root).resolve(), args.hosting, keep, on_config)
            if args.all_capabilities:
                return all_capabilities(registry), EXIT_OK
            capabilities = plugin_capabilities(registry, args.plugin)
            if args.list_capabilities:
                return {"ok": True, "capabilities": sorted(capabilities)}, EXIT_OK
            if args.via == "registry":
                if not callable(getattr(registry, "get_capability", None)):
                    _load_failure("runner_api", "PluginRegistry has no get_capability(name)")
                resolve = registry.get_capability
            else:
                def resolve(name: str) -> Any:
                    if name not in capabilities:
                        raise LookupError(f"plugin does not expose capability {name}; it exposes {sorted(capabilities)}")
                    return capabilities[name]
            return call(resolve, args.capability, args.method, payload), EXIT_OK
    finally:
        if registry is not None and callable(getattr(registry, "close", None)):
            with contextlib.redirect_stdout(sys.stderr), contextlib.suppress(Exception):
                registry.close()


def guarded(action: Callable[[], tuple[dict[str, Any], int]]) -> tuple[dict[str, Any], int]:
    try:
        return action()
    except ProbeExit as exc:
        return exc.payload, exc.code
    except Exception as exc:  # noqa: BLE001 - a runner/platform crash must still yield one JSON line
        return {"ok": False, "error_type": "PluginLoadError", "phase": "runner", "error": f"{type(exc).__name__}: {exc}"}, EXIT_LOAD_FAILED


def session_module() -> Any:
    """probe_session.py, beside this file, loaded by path: the platform's sys.path is never touched for it."""
    import importlib.util  # only a session needs it

    spec = importlib.util.spec_from_file_location("probe_session", Path(__file__).with_name("probe_session.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
    except ProbeExit as exc:
        output, code = exc.payload, exc.code
    else:
        if args.session:
            return session_module().serve(args, lambda step, payload, on_config: guarded(lambda: probe(step, payload, on_config))[0])
        output, code = guarded(lambda: probe(args, read_input(args.list_capabilities or args.all_capabilities)))
    sys.stdout.write(json.dumps(output, sort_keys=True) + "\n")
    sys.stdout.flush()
    return code


if __name__ == "__main__":
    sys.exit(main())
