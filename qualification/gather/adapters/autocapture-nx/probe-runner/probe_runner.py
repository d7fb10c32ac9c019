#!/usr/bin/env python3
"""Functional probe runner for Autocapture NX plugins (stdlib only; run it with the target's interpreter).

    python3 probe_runner.py [--root <target>] --serve [--workdir <dir>] [--exclude <id,…>] [--enable <id,…>] [--settings <json>] [--load-timeout-ms <n>]
                                                                          (--root defaults to AUTOCAPTURE_ROOT, else .)
    python3 probe_runner.py [--root <target>] --all-capabilities
    python3 probe_runner.py [--root <target>] --registrations [--safe-mode]
    python3 probe_runner.py [--root <target>] --plugin <id> --capability <cap> --method <name> [--via registry] [--enable <id,…>] [--settings <json>] < input.json

Plugins are loaded THROUGH THE PLATFORM'S OWN API (`platform_api.py`: default_config_paths, load_config,
PluginRegistry.load_plugins, load_report), never by importing plugin.py directly, so every registry rule
(allowlist, enabled, lock hashes, permissions, settings) applies; hosting is inproc (`loaded_platform.py`).

  --serve              the suite's mode (`probe_host.py`): one load, then one fork per step, over JSON lines.
  --all-capabilities   every loaded plugin's capabilities() names and the load errors, as one JSON line.
  --registrations      the names the registry registers from each plugin when it loads the platform as
                       `plugins load-report` does (the configured hosting, nothing overridden): under subprocess
                       hosting a lazily started plugin registers what its manifest says, not what it returns.
  --coverage           which lines of the given files a spec's setup and step calls execute (spec_coverage.py),
                       for `qualify probe strength`: stdin {plugin, setup, steps, files}.
  --setup <json>       one call: a spec's setup calls ([{capability, method, input, via}]) run first, in the same
                       process, as the probe host runs them for that spec.
  --enable <id,…>      plugins the target's config does not enable, allowlisted and enabled in memory only, so their
                       spec can be run for information (the config files are never written).
  --settings <json>    {plugin_id: settings}: a spec's plugin settings, merged over `plugins.settings.<plugin_id>`
                       in memory only (the platform merges and validates them as a user's own).
  one call             the command the suite records per step, so a person can reproduce that step alone:
                       stdin holds the input as (tagged) JSON (`tagged_json.py`); an object is passed as keyword
                       arguments, a tagged tuple as positional arguments, anything else as one positional argument; empty stdin means `{}`. `--via
                       plugin` (default) calls the plugin's own object for the capability, `--via registry`
                       what the platform resolves for the name (provider choice, policies, fallbacks).

stdout carries exactly one JSON line (sorted keys), the payload of `probe_call.py` or `runner_faults.py`.
Exit codes: 0 an answer (a call error is an answer), 3 the plugin or platform did not load, 4 bad arguments,
5 the runner could not work with this platform (API, environment, its own crash). No file is ever written:
bytecode writing is off before anything is imported, and plugin prints go to stderr.
"""
from __future__ import annotations

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import contextlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any, NoReturn  # noqa: E402

EXIT_OK, EXIT_LOAD_FAILED, EXIT_USAGE, EXIT_RUNNER = 0, 3, 4, 5


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse would print usage and exit 2
        raise UsageError(message)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = _Parser(prog="probe_runner.py", add_help=False)
    # The platform's own variable names the root (the runner never runs inside the target: see --serve).
    parser.add_argument("--root", default=os.environ.get("AUTOCAPTURE_ROOT") or ".")
    parser.add_argument("--serve", action="store_true")
    parser.add_argument("--workdir")
    parser.add_argument("--exclude", default="")
    parser.add_argument("--enable", default="")
    parser.add_argument("--settings", default="")
    parser.add_argument("--setup", default="")
    parser.add_argument("--coverage", action="store_true")
    parser.add_argument("--load-timeout-ms", type=int, default=0)
    parser.add_argument("--all-capabilities", action="store_true")
    parser.add_argument("--registrations", action="store_true")
    parser.add_argument("--safe-mode", action="store_true")
    parser.add_argument("--plugin")
    parser.add_argument("--capability")
    parser.add_argument("--method")
    parser.add_argument("--via", choices=("plugin", "registry"), default="plugin")
    args = parser.parse_args(argv)
    if not (args.serve or args.all_capabilities or args.registrations or args.coverage or (args.plugin and args.capability and args.method)):
        parser.error("give --serve, --all-capabilities, --registrations, --coverage, or --plugin with --capability and --method")
    return args


def id_set(raw: str) -> frozenset[str]:
    return frozenset(filter(None, (part.strip() for part in raw.split(","))))


def loader(root: Path, exclude: frozenset[str] = frozenset(), watch: Any = None, enable: frozenset[str] = frozenset(), settings: dict[str, dict[str, Any]] | None = None) -> Any:
    def load() -> Any:
        os.environ["AUTOCAPTURE_ROOT"] = str(root)
        from loaded_platform import LoadedPlatform
        from platform_api import resolve_api

        return LoadedPlatform(resolve_api(root), root, exclude, watch, enable, settings)

    return load


def watched(workdir: Path, limit_ms: int) -> Any:
    """The probe host's load is watched (load_watch.py): progress, stdout and a per-plugin limit."""
    from load_watch import LoadWatch, plugin_dirs_of

    def make(manifests: list[Path]) -> Any:
        return LoadWatch(plugin_dirs_of(manifests), workdir / ".qualify-load-progress.jsonl", workdir / ".qualify-load-stdout.bin", max(0.1, limit_ms / 1000.0) if limit_ms > 0 else 30.0)

    return make


def plugin_settings(raw: str) -> dict[str, dict[str, Any]]:
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError as exc:
        raise UsageError(f"--settings is not JSON: {exc}") from exc
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, dict) for k, v in value.items()):
        raise UsageError("--settings must be a JSON object of plugin_id: settings object")
    return value


def setup_calls(raw: str) -> list[dict[str, Any]]:
    try:
        calls = json.loads(raw)
    except ValueError as exc:
        raise UsageError(f"--setup is not JSON: {exc}") from exc
    if not isinstance(calls, list) or not all(isinstance(c, dict) for c in calls):
        raise UsageError("--setup must be a JSON list of calls")
    return calls


def read_input() -> Any:
    raw = sys.stdin.read()
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except ValueError as exc:
        raise UsageError(f"stdin is not JSON: {exc}") from exc


def one_shot(args: argparse.Namespace) -> tuple[dict[str, Any], int]:
    from probe_call import call_step, list_capabilities, run_setup
    from runner_faults import failure_payload

    request = None if args.all_capabilities else {"plugin": args.plugin, "capability": args.capability, "method": args.method, "via": args.via, "input": read_input()}
    platform = None
    # Plugins and the platform may print; only our one JSON line may reach stdout.
    with contextlib.redirect_stdout(sys.stderr):
        try:
            platform = loader(Path(args.root).resolve(), enable=id_set(args.enable), settings=plugin_settings(args.settings))()
            setup = run_setup(platform, args.plugin, setup_calls(args.setup)) if args.setup and request is not None else {"ok": True}
            payload = list_capabilities(platform) if request is None else call_step(platform, request) if setup.get("ok") else setup
        except BaseException as exc:  # noqa: BLE001 - one answer whatever happened
            payload = failure_payload(exc)
        finally:
            if platform is not None:
                with contextlib.suppress(Exception):
                    platform.close()
    kind = payload.get("error_type")
    code = EXIT_LOAD_FAILED if kind in ("PluginLoadError", "PlatformLoadError") else EXIT_RUNNER if kind in ("RunnerApiError", "RunnerError", "EnvironmentError") else EXIT_OK
    return payload, code


def coverage(args: argparse.Namespace) -> tuple[dict[str, Any], int]:
    from runner_faults import failure_payload
    from spec_coverage import covered_lines

    request = read_input()
    if not isinstance(request, dict) or not isinstance(request.get("plugin"), str):
        raise UsageError("--coverage reads {plugin, setup, steps, files} on stdin")
    with contextlib.redirect_stdout(sys.stderr):
        try:
            load = loader(Path(args.root).resolve(), enable=id_set(args.enable), settings=plugin_settings(args.settings))
            payload = covered_lines(load, request["plugin"], list(request.get("setup") or []), list(request.get("steps") or []), [str(f) for f in request.get("files") or []])
        except BaseException as exc:  # noqa: BLE001 - one answer whatever happened
            payload = failure_payload(exc)
    return payload, EXIT_OK if payload.get("ok") else EXIT_RUNNER


def registrations(args: argparse.Namespace) -> tuple[dict[str, Any], int]:
    from platform_api import PlatformLoadError, load_config, new_registry, resolve_api
    from runner_faults import failure_payload

    root = Path(args.root).resolve()
    os.environ["AUTOCAPTURE_ROOT"] = str(root)
    with contextlib.redirect_stdout(sys.stderr):
        try:
            api = resolve_api(root)
            registry = new_registry(api, load_config(api, args.safe_mode), args.safe_mode)
            try:
                loaded, _ = registry.load_plugins()
            except Exception as exc:  # noqa: BLE001 - the platform's whole load raised: its own refusal
                raise PlatformLoadError("global", f"{type(exc).__name__}: {exc}") from exc
            registered = {str(p.plugin_id): sorted(str(name) for name in (getattr(p, "capabilities", None) or {})) for p in loaded}
            payload: dict[str, Any] = {"ok": True, "registered": registered}
        except BaseException as exc:  # noqa: BLE001 - one answer whatever happened
            payload = failure_payload(exc)
    kind = payload.get("error_type")
    return payload, EXIT_LOAD_FAILED if kind in ("PluginLoadError", "PlatformLoadError") else EXIT_RUNNER if kind else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_args(sys.argv[1:] if argv is None else argv)
        if args.serve:
            from probe_host import serve

            workdir = Path(args.workdir) if args.workdir else None
            watch = watched(workdir, args.load_timeout_ms) if workdir is not None else None
            return serve(loader(Path(args.root).resolve(), id_set(args.exclude), watch, id_set(args.enable), plugin_settings(args.settings)), workdir)
        if args.coverage:
            output, code = coverage(args)
            sys.stdout.write(json.dumps(output, sort_keys=True) + "\n")
            sys.stdout.flush()
            os._exit(code)  # as --registrations: the platform's threads must not keep the answer waiting
        if args.registrations:
            output, code = registrations(args)
            sys.stdout.write(json.dumps(output, sort_keys=True) + "\n")
            sys.stdout.flush()
            os._exit(code)  # the platform's subprocess hosts and threads must not keep the answer waiting
        output, code = one_shot(args)
    except UsageError as exc:
        output, code = {"ok": False, "error_type": "UsageError", "error": str(exc)}, EXIT_USAGE
    sys.stdout.write(json.dumps(output, sort_keys=True) + "\n")
    sys.stdout.flush()
    return code


if __name__ == "__main__":
    sys.exit(main())
