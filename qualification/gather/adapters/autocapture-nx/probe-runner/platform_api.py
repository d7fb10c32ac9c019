"""The platform's Python API as the probe runner finds it in the target (stdlib only).

Nothing here assumes one revision: each piece is looked up where the platform has kept it, and what cannot be
found raises `RunnerApiError` naming the missing piece — the suite reports that as its own infrastructure fault
(`RUNNER_API`), never as a plugin's. What the runner needs, and where Autocapture NX keeps it:

  default_config_paths()             autocapture_nx.kernel.loader (every revision since 2026-01-24); older
                                     layouts and the bundled example's history: kernel.paths, kernel.config
  load_config(paths, safe_mode)      autocapture_nx.kernel.config
  PluginRegistry(config, safe_mode)  autocapture_nx.plugin_system.registry
  registry.load_plugins()            returns (list[LoadedPlugin], CapabilityRegistry); a LoadedPlugin carries
                                     .plugin_id, .capabilities (the dict its capabilities() returned, `provides`
                                     fallback filled in) and .instance
  registry.load_report()             {loaded, failed, skipped, errors[{plugin_id, entrypoint, phase, error}]}
                                     (a method since 2026-02-07; before that there is no per-plugin report)
  CapabilityRegistry.get(name)       what the platform resolves for a name; raises "Missing capability: <name>"
"""
from __future__ import annotations

import importlib
import inspect
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

CONFIG_PATHS_HOMES = ("autocapture_nx.kernel.loader", "autocapture_nx.kernel.paths", "autocapture_nx.kernel.config")


class RunnerApiError(Exception):
    """The target lacks a piece of API the runner needs: the suite's problem to report, not a plugin's."""

    def __init__(self, piece: str, detail: str):
        super().__init__(f"{piece}: {detail}")
        self.piece = piece


class PlatformLoadError(Exception):
    """The platform itself refused: `config` (load_config raised) or `global` (load_plugins raised)."""

    def __init__(self, phase: str, error: str):
        super().__init__(error)
        self.phase = phase


@dataclass
class PlatformApi:
    default_config_paths: Callable[[], Any]
    load_config: Callable[..., Any]
    registry_class: Any
    where: dict[str, str]


class PlatformImportError(Exception):
    """The platform's own package raised while being imported (a syntax error, a failing module-level line)."""


def _import(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        if getattr(exc, "name", None) and not str(getattr(exc, "name")).startswith("autocapture_nx"):
            raise  # a dependency of the platform is missing: an environment fault, reported as such
        return None
    except Exception as exc:  # noqa: BLE001 - the target's code is broken, not the runner
        raise PlatformImportError(f"importing {name} raised {type(exc).__name__}: {exc}") from exc


def resolve_api(root: Path) -> PlatformApi:
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    where: dict[str, str] = {}
    config_paths = None
    for home in CONFIG_PATHS_HOMES:
        module = _import(home)
        if module is not None and callable(getattr(module, "default_config_paths", None)):
            config_paths, where["default_config_paths"] = module.default_config_paths, home
            break
    if config_paths is None:
        raise RunnerApiError("default_config_paths", f"not found in {', '.join(CONFIG_PATHS_HOMES)}")
    config_mod = _import("autocapture_nx.kernel.config")
    if config_mod is None or not callable(getattr(config_mod, "load_config", None)):
        raise RunnerApiError("load_config", "autocapture_nx.kernel.config.load_config not found")
    registry_mod = _import("autocapture_nx.plugin_system.registry")
    registry_class = getattr(registry_mod, "PluginRegistry", None) if registry_mod is not None else None
    if registry_class is None or not callable(getattr(registry_class, "load_plugins", None)):
        raise RunnerApiError("PluginRegistry", "autocapture_nx.plugin_system.registry.PluginRegistry with load_plugins() not found")
    where["load_config"], where["PluginRegistry"] = "autocapture_nx.kernel.config", "autocapture_nx.plugin_system.registry"
    return PlatformApi(config_paths, config_mod.load_config, registry_class, where)


def _call_with_safe_mode(func: Callable[..., Any], first: Any, safe_mode: bool = False) -> Any:
    """`f(x, safe_mode=…)` where the platform takes it (every known revision), `f(x)` where it does not."""
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):
        params = {}
    return func(first, safe_mode=safe_mode) if "safe_mode" in params else func(first)


def load_config(api: PlatformApi, safe_mode: bool = False) -> dict[str, Any]:
    try:
        config = _call_with_safe_mode(api.load_config, api.default_config_paths(), safe_mode)
    except Exception as exc:  # noqa: BLE001 - the platform's own refusal, verbatim
        raise PlatformLoadError("config", f"{type(exc).__name__}: {exc}") from exc
    if not isinstance(config, dict):
        raise RunnerApiError("load_config", f"returned {type(config).__name__}, not a dict")
    return config


def new_registry(api: PlatformApi, config: dict[str, Any], safe_mode: bool = False) -> Any:
    return _call_with_safe_mode(api.registry_class, config, safe_mode)


def set_hosting_env(mode: str) -> None:
    os.environ["AUTOCAPTURE_PLUGINS_HOSTING_MODE"] = mode
