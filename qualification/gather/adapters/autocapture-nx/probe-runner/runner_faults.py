"""What a fault of the runner, the environment or the platform's own refusal becomes: one payload (stdlib only).

Each is reported by the suite as what it is — its own infrastructure fault (`RunnerApiError`, `RunnerError`,
`EnvironmentError`) or the platform's verdict on the whole load (`PlatformLoadError`: config or global) —
never as one plugin's failure.
"""
from __future__ import annotations

import traceback
from typing import Any

from platform_api import PlatformImportError, PlatformLoadError, RunnerApiError


def failure_payload(exc: BaseException) -> dict[str, Any]:
    if isinstance(exc, RunnerApiError):
        return {"ok": False, "error_type": "RunnerApiError", "piece": exc.piece, "error": str(exc)}
    if isinstance(exc, PlatformLoadError):
        return {"ok": False, "error_type": "PlatformLoadError", "phase": exc.phase, "error": str(exc)}
    if isinstance(exc, PlatformImportError):
        return {"ok": False, "error_type": "EnvironmentError", "error": f"the platform's package cannot be imported: {exc}"}
    if isinstance(exc, ImportError):
        # A dependency the platform imports is not installed for this interpreter: the environment's fault.
        return {"ok": False, "error_type": "EnvironmentError", "error": f"{type(exc).__name__}: {exc}"}
    lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
    return {"ok": False, "error_type": "RunnerError", "error": f"{type(exc).__name__}: {exc}", "traceback": "".join(lines)[-3000:]}
