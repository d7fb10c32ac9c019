#!/usr/bin/env python3
"""What the platform's own code says about every plugin, for `qualify fidelity` (stdlib only).

    python3 platform_oracle.py [--root <target>]      (AUTOCAPTURE_ROOT, config and data dirs from the env)
    python3 platform_oracle.py [--root <target>] --relock <id,…>
                                  re-locks those plugins' existing lock entries (manifest and artifact digests)
                                  with the platform's own hashing; only ever run on a fidelity variant's copy

Every answer comes from the target's own Python — its config loader, PluginRegistry (alias map, ID
normalisation, effective enabled set, lock check, load_plugins, load_report) and DEPRECATED_CAPTURE_PLUGIN_IDS —
never from a re-implementation; the suite's TypeScript is what is being checked against it. Two registries:

  the load     registry.load_plugins() as `plugins load-report` runs it (the configured hosting): `loaded`,
               the load report's errors, and the names registered from each plugin (`capability_present`).
  the code     the same load with every plugin inproc: what each plugin's capabilities() really returns for
               its entrypoint kinds (`capability_present`).
  the config   the same registry code stopped as soon as it has computed its effective enabled set (its
               `_check_conflicts(manifests_by_id, enabled_set)` is the first thing to see it), with the
               manifest schema and compat checks made to pass: what the config enables for a plugin whose
               manifest the platform refuses — that refusal is `loaded`'s failure, not `enabled`'s. Every
               other plugin's `enabled` is the real load's own enabled set, seen at the same place.

`hash_ok` is the registry's `_check_lock` for the plugin with `plugins.locks.enforce` forced on (the suite
reports a lock mismatch even where the platform does not enforce it). stdout: one JSON line, sorted keys.
"""
from __future__ import annotations

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import importlib  # noqa: E402
import contextlib  # noqa: E402
import copy  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from platform_api import PlatformLoadError, load_config, new_registry, resolve_api  # noqa: E402
from probe_call import has_methods as _usable  # noqa: E402  (what "a usable capability object" means, one place)


class _EnabledSetSeen(Exception):
    """Raised by the spy to stop the config registry before it loads anything."""


def _manifests(registry: Any) -> dict[str, tuple[Path, Any]]:
    """Every discovered plugin.json that parses to an object naming a plugin, by ID (the registry's order)."""
    found: dict[str, tuple[Path, Any]] = {}
    for path in registry.discover_manifest_paths():
        try:
            manifest = json.loads(Path(path).read_text(encoding="utf-8"))
        except Exception:  # noqa: BLE001 - unparseable: the platform cannot name its plugin either
            continue
        if isinstance(manifest, dict) and isinstance(manifest.get("plugin_id"), str):
            found[manifest["plugin_id"]] = (Path(path), manifest)
    return found


def _watch_enabled_set(registry: Any, stop: bool) -> dict[str, Any]:
    """Records the effective enabled set (and the manifests it was drawn from) where the registry first
    passes it on: `_check_conflicts(manifests_by_id, enabled_set)`. `stop` ends the load right there."""
    seen: dict[str, Any] = {}
    original = registry._check_conflicts

    def spy(manifests_by_id: dict[str, Any], enabled_set: set[str]) -> Any:
        seen["enabled"], seen["manifests"] = set(enabled_set), set(manifests_by_id)
        if stop:
            raise _EnabledSetSeen()
        return original(manifests_by_id, enabled_set)

    registry._check_conflicts = spy
    return seen


def _config_view(api: Any, config: dict[str, Any]) -> dict[str, Any]:
    registry = new_registry(api, copy.deepcopy(config))
    registry._validate_manifest = lambda manifest: None
    registry._check_compat = lambda manifest: None
    seen = _watch_enabled_set(registry, stop=True)
    error = None
    try:
        registry.load_plugins()
    except _EnabledSetSeen:
        pass
    except Exception as exc:  # noqa: BLE001 - a refusal before the enabled set exists
        error = f"{type(exc).__name__}: {exc}"
    manifests = _manifests(registry)
    alias_map = registry._alias_map(manifests)
    plugins_cfg = config.get("plugins", {}) if isinstance(config.get("plugins"), dict) else {}
    normalize = lambda raw: set(registry._normalize_ids(raw, alias_map))  # noqa: E731
    enabled_map = plugins_cfg.get("enabled", {})
    referenced = normalize(plugins_cfg.get("allowlist", [])) | normalize(plugins_cfg.get("default_pack", []))
    referenced |= normalize(list(enabled_map.keys()) if isinstance(enabled_map, dict) else [])
    return {
        "allowlist": normalize(plugins_cfg.get("allowlist", [])),
        "enabled": set(seen.get("enabled", set())),
        "error": error,
        "manifests": manifests,
        "referenced": referenced,
        "registry": registry,
    }


def _hash_ok(registry: Any, plugin_id: str, manifest_path: Path) -> tuple[bool, str | None]:
    locks = registry.config.setdefault("plugins", {}).setdefault("locks", {})
    enforce = locks.get("enforce", True)
    locks["enforce"] = True
    try:
        registry._check_lock(plugin_id, manifest_path, manifest_path.parent, registry.load_lockfile())
        return True, None
    except Exception as exc:  # noqa: BLE001 - the registry's own words
        return False, f"{type(exc).__name__}: {exc}"
    finally:
        locks["enforce"] = enforce


def _load_view(api: Any, config: dict[str, Any]) -> dict[str, Any]:
    registry = new_registry(api, copy.deepcopy(config))
    seen = _watch_enabled_set(registry, stop=False)
    try:
        loaded, capabilities = registry.load_plugins()
    except Exception as exc:  # noqa: BLE001 - a global refusal: nothing loaded
        return {"error": f"{type(exc).__name__}: {exc}", "report": {"loaded": [], "errors": []}, "caps": {}, "registered": set(), "instances": [], "seen": seen}
    registered = set(capabilities.all().keys()) if callable(getattr(capabilities, "all", None)) else set()
    caps = {p.plugin_id: dict(getattr(p, "capabilities", {}) or {}) for p in loaded}
    return {"error": None, "report": registry.load_report(), "caps": caps, "registered": registered, "instances": [p.instance for p in loaded], "seen": seen}


def _enabled(pid: str, seen: dict[str, Any], view: dict[str, Any]) -> bool:
    """The platform's own load decides every plugin it accepted the manifest of; a plugin whose manifest it
    refused (schema, compat) is judged by the config view: does the config enable it."""
    if "manifests" in seen and pid in seen["manifests"]:
        return pid in seen["enabled"]
    return pid in view["enabled"]


def _own_capabilities(api: Any, config: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """What each plugin's own capabilities() returns: the platform loaded with every plugin inproc
    (AUTOCAPTURE_PLUGINS_HOSTING_MODE=inproc, inproc_allow_all in memory), so its code runs at load."""
    previous = os.environ.get("AUTOCAPTURE_PLUGINS_HOSTING_MODE")
    os.environ["AUTOCAPTURE_PLUGINS_HOSTING_MODE"] = "inproc"
    try:
        inproc = copy.deepcopy(config)
        inproc.setdefault("plugins", {}).setdefault("hosting", {})["inproc_allow_all"] = True
        registry = new_registry(api, inproc)
        try:
            loaded, _ = registry.load_plugins()
        except Exception:  # noqa: BLE001 - the default load already says whether the platform loads
            return {}
        return {p.plugin_id: dict(getattr(p, "capabilities", {}) or {}) for p in loaded}
    finally:
        if previous is None:
            os.environ.pop("AUTOCAPTURE_PLUGINS_HOSTING_MODE", None)
        else:
            os.environ["AUTOCAPTURE_PLUGINS_HOSTING_MODE"] = previous


def judge(root: Path) -> dict[str, Any]:
    api = resolve_api(root)
    try:
        config = load_config(api)
    except PlatformLoadError as exc:
        return {"config_error": str(exc), "plugins": {}, "unresolved": []}
    registry_mod = sys.modules[api.registry_class.__module__]
    deprecated = set(getattr(registry_mod, "DEPRECATED_CAPTURE_PLUGIN_IDS", set()))
    view = _config_view(api, config)
    load = _load_view(api, config)
    own = _own_capabilities(api, config)
    errors_by_id: dict[str, list[str]] = {}
    for err in load["report"].get("errors", []) or []:
        if isinstance(err, dict) and err.get("plugin_id"):
            errors_by_id.setdefault(str(err["plugin_id"]), []).append(str(err.get("error")))
    plugins: dict[str, Any] = {}
    for pid, (path, manifest) in sorted(view["manifests"].items()):
        if pid in deprecated:
            plugins[pid] = {"deprecated": True}
            continue
        hash_ok, hash_error = _hash_ok(view["registry"], pid, path)
        loaded = pid in (load["report"].get("loaded") or [])
        kinds = {str(e.get("kind")) for e in manifest.get("entrypoints", []) or [] if isinstance(e, dict) and e.get("kind")}
        provides = {str(c) for c in manifest.get("provides", []) or [] if str(c).strip()} if isinstance(manifest.get("provides"), list) else set()
        declared = kinds | provides
        # Registered from this plugin by the platform's own load, and (entrypoint kinds) really returned by its
        # capabilities(); a plugin the inproc load could not hold keeps what the platform's load registered.
        registered_from_it = load["caps"].get(pid, {})
        returned = own.get(pid, registered_from_it)
        missing = sorted(c for c in declared if c not in registered_from_it) + sorted(k for k in kinds if not _usable(returned.get(k)))
        plugins[pid] = {
            "allowlisted": pid in view["allowlist"],
            "capability_present": loaded and bool(declared) and not missing,
            "deprecated": False,
            "enabled": _enabled(pid, load["seen"], view),
            "hash_error": hash_error,
            "hash_ok": hash_ok,
            "load_errors": errors_by_id.get(pid, []),
            "loaded": loaded,
            "manifest": str(path.relative_to(root)) if path.is_relative_to(root) else str(path),
            "missing_capabilities": sorted(set(missing)),
        }
    for instance in load["instances"]:
        with contextlib.suppress(Exception):
            (getattr(instance, "close", None) or (lambda: None))()
    unresolved = sorted(pid for pid in view["referenced"] if pid not in view["manifests"] and pid not in deprecated)
    return {"config_error": None, "config_registry_error": view["error"], "load_error": load["error"], "plugins": plugins, "unresolved": unresolved}


def relock(root: Path, plugin_ids: list[str]) -> dict[str, Any]:
    api = resolve_api(root)
    config = load_config(api)
    registry = new_registry(api, config)
    hashing = importlib.import_module("autocapture_nx.kernel.hashing")  # where every revision keeps it
    lock_path = root / str(config.get("plugins", {}).get("locks", {}).get("lockfile", "config/plugin_locks.json"))
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    manifests = _manifests(registry)
    relocked = []
    for pid in plugin_ids:
        entry = (lock.get("plugins") or {}).get(pid)
        if not isinstance(entry, dict) or pid not in manifests:
            continue
        path = manifests[pid][0]
        entry["manifest_sha256"] = hashing.sha256_file(path)
        entry["artifact_sha256"] = hashing.sha256_directory(path.parent)
        relocked.append(pid)
    lock_path.write_text(json.dumps(lock, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return {"relocked": sorted(relocked)}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="platform_oracle.py")
    parser.add_argument("--root", default=os.environ.get("AUTOCAPTURE_ROOT") or ".")
    parser.add_argument("--relock", default=None)
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    if args.relock is not None:
        print(json.dumps(relock(root, [p for p in args.relock.split(",") if p]), sort_keys=True))
        return 0
    # The platform resolves repo paths from its root; plugin prints must not reach the one JSON line.
    stdout = sys.stdout
    sys.stdout = sys.stderr
    try:
        result = judge(root)
    finally:
        sys.stdout = stdout
    stdout.write(json.dumps(result, sort_keys=True) + "\n")
    stdout.flush()
    os._exit(0)  # subprocess hosts and plugin threads must not keep the oracle alive


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
