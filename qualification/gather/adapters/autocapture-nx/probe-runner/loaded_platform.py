"""One platform load (config → PluginRegistry → load_plugins) as the probe runner uses it (stdlib only).

Hosting: inproc, so that one process holds every plugin and a nested capability call does not hang as it does
under subprocess hosting (a known hang of the platform's subprocess hosts, `plugin_system/host.py`): `AUTOCAPTURE_PLUGINS_HOSTING_MODE=inproc`
plus, in memory only, `plugins.hosting.inproc_allow_all = true`. The platform's permission check reads the
configured mode, not the override, so network-capable plugins load inproc too (registry `_check_permissions`).
A revision whose check refuses them (`Network-capable plugins must run in subprocess hosting mode`) gets them in
a second load with mixed hosting: those plugins in subprocess hosts, every other allowlisted plugin inproc with
an in-memory justification. Nothing is ever written to the config files.
"""
from __future__ import annotations

import contextlib
import copy
import inspect
from pathlib import Path
from typing import Any, Callable

from platform_api import PlatformApi, PlatformLoadError, RunnerApiError, load_config, new_registry, set_hosting_env

NETWORK_HOSTING_ERROR = "Network-capable plugins must run in subprocess hosting mode"


class Load:
    """One registry and what its load_plugins() gave."""

    def __init__(self, api: PlatformApi, config: dict[str, Any]):
        self.registry = new_registry(api, config)
        try:
            result = self.registry.load_plugins()
        except Exception as exc:  # noqa: BLE001 - a global raise aborts the platform's whole load
            raise PlatformLoadError("global", f"{type(exc).__name__}: {exc}") from exc
        self.loaded: dict[str, Any] = {}
        self.capabilities: Any = None
        if isinstance(result, tuple) and len(result) == 2:
            plugins, self.capabilities = result
            for plugin in plugins or []:
                pid = getattr(plugin, "plugin_id", None)
                if isinstance(pid, str):
                    self.loaded.setdefault(pid, plugin)
        self.report = self._report(result)

    def _report(self, result: Any) -> dict[str, Any]:
        method = getattr(self.registry, "load_report", None)
        report = method() if callable(method) else (result if isinstance(result, dict) else getattr(self.registry, "report", None))
        if not isinstance(report, dict):
            # Revisions before load_report() have no per-plugin report: what loaded is all there is.
            report = {"loaded": sorted(self.loaded), "failed": [], "skipped": [], "errors": []}
        return report

    def errors_of(self, plugin_id: str) -> list[dict[str, Any]]:
        return [e for e in self.report.get("errors") or [] if isinstance(e, dict) and e.get("plugin_id") == plugin_id]

    def plugin_objects(self, plugin_id: str) -> dict[str, Any] | None:
        """The plugin's capability objects, through the registry's own proxy where it has one (I/O contracts,
        filesystem and network guards, audit all apply), else the object its capabilities() returned."""
        plugin = self.loaded.get(plugin_id)
        raw = getattr(plugin, "capabilities", None) if plugin is not None else None
        if raw is None and callable(getattr(self.registry, "plugin_capabilities", None)):
            raw = self.registry.plugin_capabilities(plugin_id)
        if not isinstance(raw, dict):
            return None
        return {name: self._proxy_for(plugin_id, name) or obj for name, obj in raw.items()}

    def _proxy_for(self, plugin_id: str, name: str) -> Any:
        # The platform's proxies forward unknown attributes to plugin code (a fallback proxy would *call* a
        # plugin method named `items`), so only what their classes define is looked at.
        registered = self.all_registered().get(name)
        if registered is None:
            return None
        if isinstance(inspect.getattr_static(registered, "plugin_id", None), property):
            return registered if registered.plugin_id == plugin_id else None
        pairs: Any = None
        if inspect.isfunction(inspect.getattr_static(registered, "items", None)):
            try:
                pairs = registered.items()
            except Exception:  # noqa: BLE001 - a policy that leaves no provider: use the plugin's own object
                pairs = None
        if pairs is None:
            pairs = vars(registered).get("_providers") if hasattr(registered, "__dict__") else None
        if isinstance(pairs, dict):
            pairs = list(pairs.items())
        for pair in pairs if isinstance(pairs, list) else []:
            if isinstance(pair, tuple) and len(pair) == 2 and pair[0] == plugin_id:
                return pair[1]
        return None

    def all_registered(self) -> dict[str, Any]:
        for holder in (self.capabilities, getattr(self.registry, "capabilities", None)):
            everything = getattr(holder, "all", None)
            if callable(everything):
                result = everything()
                if isinstance(result, dict):
                    return result
        return {}

    def resolve(self, name: str) -> Any:
        """What the platform resolves for a capability name (provider choice, policies, fallbacks)."""
        for holder in (self.capabilities, self.registry):
            for method in ("get", "get_capability"):
                func = getattr(holder, method, None)
                if callable(func):
                    return func(name)
        raise RunnerApiError("CapabilityRegistry.get", "neither load_plugins()'s CapabilityRegistry nor the registry resolves capability names")

    def close(self) -> None:
        close = getattr(self.registry, "close", None)
        if callable(close):
            close()
        for plugin in self.loaded.values():
            instance = getattr(plugin, "instance", None)
            for method in ("stop", "close"):
                func = getattr(instance, method, None)
                if callable(func):
                    try:
                        func()
                    except Exception:  # noqa: BLE001 - best effort, as the registry's own shutdown
                        pass
                    break


class LoadedPlatform:
    """The inproc load, plus the mixed-hosting load for plugins the platform will only host in subprocesses.
    `exclude` (plugins the suite found hanging or crashing a load) are left out of the allowlist and `enable`
    (plugins loaded for probing only) put in it and enabled, in memory only; `settings` (a spec's plugin settings)
    merged over `plugins.settings.<plugin_id>`, in memory only; `watch` (probe host only) follows the load plugin
    by plugin."""

    def __init__(self, api: PlatformApi, root: Path, exclude: frozenset[str] = frozenset(), watch: Callable[[list[Path]], Any] | None = None, enable: frozenset[str] = frozenset(), settings: dict[str, dict[str, Any]] | None = None):
        set_hosting_env("inproc")
        base = with_settings(enabled(without(load_config(api), exclude), enable - exclude), settings or {})
        self.config = base
        self.excluded = sorted(exclude)
        self.watch = watch(discover(api, base, root)) if watch is not None else None
        config = copy.deepcopy(base)
        config.setdefault("plugins", {}).setdefault("hosting", {})["inproc_allow_all"] = True
        with self.watch if self.watch is not None else contextlib.nullcontext():
            self.primary = Load(api, config)
            self.mixed: Load | None = None
            self.subprocess_hosted = sorted(e["plugin_id"] for e in self.primary.report.get("errors") or [] if isinstance(e, dict) and NETWORK_HOSTING_ERROR in str(e.get("error")))
            if self.subprocess_hosted:
                set_hosting_env("subprocess")
                self.mixed = Load(api, mixed_hosting(base, set(self.subprocess_hosted)))

    def load_for(self, plugin_id: str) -> Load:
        return self.mixed if self.mixed is not None and plugin_id in self.subprocess_hosted else self.primary

    def report_for(self, plugin_id: str) -> dict[str, Any]:
        return self.load_for(plugin_id).report

    def close(self) -> None:
        for load in (self.primary, self.mixed):
            if load is not None:
                load.close()


def without(config: dict[str, Any], exclude: frozenset[str]) -> dict[str, Any]:
    if not exclude:
        return config
    out = copy.deepcopy(config)
    plugins = out.setdefault("plugins", {})
    plugins["allowlist"] = [pid for pid in plugins.get("allowlist") or [] if not (isinstance(pid, str) and pid.strip() in exclude)]
    return out


def enabled(config: dict[str, Any], enable: frozenset[str]) -> dict[str, Any]:
    """The registry enables a plugin that is allowlisted and, by the `plugins.enabled` map or else its manifest,
    enabled (registry `load_plugins`'s `is_enabled`): both are set here, in memory."""
    if not enable:
        return config
    out = copy.deepcopy(config)
    plugins = out.setdefault("plugins", {})
    allowlist = list(plugins.get("allowlist") or [])
    plugins["allowlist"] = allowlist + sorted(pid for pid in enable if pid not in allowlist)
    enabled_map = plugins.get("enabled") if isinstance(plugins.get("enabled"), dict) else {}
    plugins["enabled"] = {**enabled_map, **{pid: True for pid in sorted(enable)}}
    return out


def with_settings(config: dict[str, Any], settings: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A spec's settings for its plugin, layered where a user's own go (`plugins.settings.<plugin_id>`, the layer
    the registry's `_plugin_overrides` reads last): the platform then merges and validates them as a user's."""
    if not settings:
        return config
    out = copy.deepcopy(config)
    plugins = out.setdefault("plugins", {})
    layer = plugins.get("settings") if isinstance(plugins.get("settings"), dict) else {}
    plugins["settings"] = {**layer, **{pid: merged(layer.get(pid), value) for pid, value in sorted(settings.items())}}
    return out


def merged(base: Any, over: dict[str, Any]) -> dict[str, Any]:
    """`over` laid onto `base` key by key, objects recursively (a non-object in `over` replaces)."""
    out = dict(base) if isinstance(base, dict) else {}
    for key, value in over.items():
        out[key] = merged(out.get(key), value) if isinstance(value, dict) else copy.deepcopy(value)
    return out


def discover(api: PlatformApi, config: dict[str, Any], root: Path) -> list[Path]:
    """The manifests the platform itself would discover (its registry's own discovery where it has one)."""
    try:
        registry = new_registry(api, copy.deepcopy(config))
        finder = getattr(registry, "discover_manifest_paths", None)
        if callable(finder):
            return [Path(p) for p in finder()]
    except Exception:  # noqa: BLE001 - discovery is only for naming plugins; the load reports what is wrong
        pass
    return sorted((root / "plugins" / "builtin").rglob("plugin.json"))


def mixed_hosting(config: dict[str, Any], keep: set[str]) -> dict[str, Any]:
    out = copy.deepcopy(config)
    plugins = out.setdefault("plugins", {})
    hosting = plugins.setdefault("hosting", {})
    hosting["mode"] = "subprocess"
    others = sorted(set(plugins.get("allowlist") or []) - keep)
    hosting["inproc_allowlist"] = sorted((set(hosting.get("inproc_allowlist") or []) | set(others)) - keep)
    justifications = dict(hosting.get("inproc_justifications") or {})
    for pid in others:
        justifications.setdefault(pid, "qualification probe: hosted inproc while a network-capable plugin is probed")
    hosting["inproc_justifications"] = justifications
    return out
