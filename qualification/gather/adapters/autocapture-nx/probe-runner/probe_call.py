"""One probe step, or the capability listing, against a loaded platform; every outcome is a payload (stdlib only).

Payloads (the suite maps each to its ProbeRun outcome, `probe-run-of-payload.ts`):
  {"ok": true, "result": <tagged JSON>}                                 the call returned
  {"ok": false, "error_type", "error", "traceback"}                    the call raised (the plugin's behaviour)
  {"ok": false, "error_type": "PluginLoadError", "phase", "error"}     the platform did not load the plugin
  {"ok": false, "error_type": "SpecInputError", "error"}               the step's tagged input does not decode
  {"ok": false, "error_type": "ResultNotJson", "error"}                the result cannot be carried as JSON
"""
from __future__ import annotations

import json
import os
import traceback
from typing import Any

import tagged_json
from loaded_platform import LoadedPlatform


def load_failure(phase: str, error: str) -> dict[str, Any]:
    return {"ok": False, "error_type": "PluginLoadError", "phase": phase, "error": error}


def _loaded_or_failure(platform: LoadedPlatform, plugin_id: str) -> dict[str, Any] | None:
    load = platform.load_for(plugin_id)
    errors = load.errors_of(plugin_id)
    if errors:
        return load_failure(str(errors[0].get("phase")), str(errors[0].get("error")))
    if plugin_id not in load.loaded and plugin_id not in (load.report.get("loaded") or []):
        return load_failure("not_enabled", f"Plugin {plugin_id} was not loaded (not allowlisted, not enabled, or no manifest)")
    return None


def _tail(text: str, lines: int = 20) -> str:
    return "\n".join(text.splitlines()[-lines:])


# A call error's traceback is recorded as evidence and names this function's lines: moving them changes it.
def call_step(platform: LoadedPlatform, request: dict[str, Any]) -> dict[str, Any]:
    plugin_id, capability, method = request["plugin"], request["capability"], request["method"]
    failure = _loaded_or_failure(platform, plugin_id)
    if failure is not None:
        return failure
    try:
        payload = tagged_json.decode(request.get("input"))
    except tagged_json.TaggedValueError as exc:
        return {"ok": False, "error_type": "SpecInputError", "error": str(exc)}
    load = platform.load_for(plugin_id)
    try:
        if request.get("via") == "registry":
            target = load.resolve(capability)
        else:
            objects = load.plugin_objects(plugin_id) or {}
            if capability not in objects:
                raise LookupError(f"plugin does not expose capability {capability}; it exposes {sorted(objects)}")
            target = objects[capability]
        bound = getattr(target, method)
        # An object is keyword arguments, a tagged tuple positional arguments (a method the platform calls as
        # f(stage, payload)), anything else the one positional argument.
        result = bound(**payload) if isinstance(payload, dict) else bound(*payload) if isinstance(payload, tuple) else bound(payload)
    except Exception as exc:  # noqa: BLE001 - every call failure is data for the suite
        text = getattr(exc, "remote_traceback", "") or traceback.format_exc()
        return {"ok": False, "error_type": getattr(exc, "remote_type", type(exc).__name__), "error": str(exc), "traceback": _tail(text)}
    encoded = tagged_json.encode(result)
    try:
        json.dumps(encoded, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as exc:
        return {"ok": False, "error_type": "ResultNotJson", "error": f"{type(exc).__name__}: {exc}"}
    return {"ok": True, "result": encoded}


def has_methods(obj: Any) -> bool:
    """True when the capability object exposes a public callable (inproc objects and subprocess proxies alike)."""
    # The registry's proxy forwards every attribute; what stands behind it is the plugin's object.
    target = obj.target if isinstance(getattr(type(obj), "target", None), property) else obj
    if target is None:
        return False
    if type(target).__name__ == "RemoteCapability":  # subprocess-hosted: its host lists what it serves
        methods = vars(target).get("methods")
        return methods is None or len(methods) > 0
    return any(not name.startswith("_") and callable(getattr(target, name, None)) for name in dir(target))


def list_capabilities(platform: LoadedPlatform) -> dict[str, Any]:
    """Every loaded plugin's own capabilities() names (an empty capability — None, no public method — left out:
    listing its name would let a plugin pass capability_present with nothing behind it), and the load errors."""
    plugins: dict[str, list[str]] = {}
    errors: dict[str, dict[str, str]] = {}
    loads = [platform.primary] + ([platform.mixed] if platform.mixed is not None else [])
    for load in loads:
        for error in load.report.get("errors") or []:
            pid = str(error.get("plugin_id"))
            if load is platform.primary and pid in platform.subprocess_hosted:
                continue  # answered by the mixed-hosting load
            errors.setdefault(pid, {"phase": str(error.get("phase")), "error": str(error.get("error"))})
    for pid in sorted(set(platform.primary.loaded) | set(platform.subprocess_hosted)):
        load = platform.load_for(pid)
        if pid not in load.loaded:
            continue
        objects = load.plugin_objects(pid) or {}
        plugins[pid] = sorted(name for name, obj in objects.items() if has_methods(obj))
    report = platform.primary.report
    lists = {key: sorted(str(pid) for pid in report.get(key) or []) for key in ("loaded", "failed", "skipped")}
    watch = getattr(platform, "watch", None)
    return {"ok": True, "plugins": plugins, "errors": errors, "subprocess_hosted": platform.subprocess_hosted, "report": lists,
            "excluded": list(getattr(platform, "excluded", [])), "printed": watch.printed() if watch is not None else {}}


def environment_facts(modules: list[str], programs: list[str] | None = None, paths: list[str] | None = None) -> dict[str, Any]:
    """What a spec's `requires_environment` is checked against, asked of the target's own interpreter: its
    `sys.platform`, which top-level modules it can find (importlib, never imported: importing runs code), and
    whether a CUDA device is listed by `nvidia-smi -L`."""
    import importlib.util
    import shutil
    import subprocess
    import sys as _sys

    found: dict[str, bool] = {}
    for name in sorted(set(str(m) for m in modules)):
        try:
            found[name] = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found[name] = False
    gpu = False
    smi = shutil.which("nvidia-smi")
    if smi:
        try:
            listed = subprocess.run([smi, "-L"], capture_output=True, text=True, timeout=10, check=False)
            gpu = listed.returncode == 0 and "GPU " in listed.stdout
        except (OSError, subprocess.SubprocessError):
            gpu = False
    root = os.environ.get("AUTOCAPTURE_ROOT") or "."
    on_path = {name: shutil.which(name) is not None for name in sorted(set(str(p) for p in programs or []))}
    present = {path: os.path.exists(os.path.join(root, os.path.expanduser(path))) for path in sorted(set(str(p) for p in paths or []))}
    return {"ok": True, "platform": _sys.platform, "modules": found, "programs": on_path, "paths": present, "gpu": gpu}


def run_setup(platform: LoadedPlatform, plugin_id: str, calls: list[dict[str, Any]]) -> dict[str, Any]:
    """A spec's `setup` calls, in order, in the calling process itself (not a fork): what they leave behind —
    records in the data dir, state in memory — is the pristine platform every step of that spec starts from.
    The first call that does not return stops the setup; its payload says why."""
    for index, call in enumerate(calls):
        payload = call_step(platform, {**call, "plugin": plugin_id})
        if payload.get("ok") is not True:
            return {"ok": False, "setup_failed": {"index": index, "via": str(call.get("via") or "plugin"), "capability": str(call.get("capability")), "method": str(call.get("method")),
                                                  "error_type": str(payload.get("error_type")), "error": str(payload.get("error"))}}
    return {"ok": True, "calls": len(calls)}
