"""One probe step's process: a fork of the loaded platform, made before its request arrives (stdlib only).

Forking a loaded platform costs tens of milliseconds (its page tables), and putting the data dir back costs a few
more; both are paid while the host waits for the next request, so a step costs about what its call costs in a
pristine copy of the platform. The child leads its own process group: whatever the plugin starts dies with it.
Until its request comes it blocks on a pipe; if the host dies first, the pipe ends and so does the child.
"""
from __future__ import annotations

import json
import os
import re
import select
import signal
import sys
import time
from pathlib import Path
from typing import Any

from probe_call import call_step

KILL_GRACE_S = 1.5
PRINTED_KEPT = 4096


class SpareChild:
    def __init__(self, platform: Any, workdir: Path, inherited: list[int]):
        self.stack_path, self.printed_path = workdir / ".qualify-step-stack.txt", workdir / ".qualify-step-stdout.bin"
        for stale in (self.stack_path, self.printed_path):
            stale.unlink(missing_ok=True)
        request_r, self.request_w = os.pipe()
        self.answer_r, answer_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # never returns
            for fd in (self.request_w, self.answer_r, *inherited):
                os.close(fd)
            serve_one(platform, request_r, answer_w, self.stack_path, self.printed_path)
        os.close(request_r)
        os.close(answer_w)
        self.pid = pid
        self.reaped = False

    def run(self, request: dict[str, Any], limit_s: float) -> dict[str, Any]:
        data = json.dumps({"request": request, "limit_s": limit_s}).encode("utf-8")
        try:
            while data:
                data = data[os.write(self.request_w, data):]
        except OSError:
            pass  # the child is gone: collect() reports how it ended
        os.close(self.request_w)
        self.request_w = -1
        answer, status, timed_out = collect(self.pid, self.answer_r, limit_s + KILL_GRACE_S)
        self.answer_r = -1  # closed by collect
        self.reaped = status is not None
        return interpret(answer, status, timed_out, self.stack_path, self.printed_path, limit_s)

    def finish(self) -> None:
        """After its answer was sent: the child reaped, and whatever it started killed (before the data dir is
        put back, so nothing it left running can write into the next step's)."""
        if not self.reaped:
            reap(self.pid, KILL_GRACE_S)
        kill_group(self.pid)
        self.reaped = True

    def discard(self) -> None:
        kill_group(self.pid)
        # Only descriptors still ours: a closed number may already belong to another file.
        for fd in (self.request_w, self.answer_r):
            if fd >= 0:
                os.close(fd)
        self.request_w = self.answer_r = -1
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


def serve_one(platform: Any, request_r: int, answer_w: int, stack_path: Path, printed_path: Path) -> None:
    import faulthandler

    code = 0
    try:
        os.setpgid(0, 0)
        die_with_parent()
        chunks = []
        while chunk := os.read(request_r, 65536):
            chunks.append(chunk)
        if not chunks:
            os._exit(0)  # the host went away before asking
        message = json.loads(b"".join(chunks).decode("utf-8"))
        printed = os.open(printed_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(printed, 1)
        os.close(printed)
        stack = open(stack_path, "w", encoding="utf-8")
        faulthandler.dump_traceback_later(message["limit_s"], exit=True, file=stack)
        payload = call_step(platform, message["request"])
        faulthandler.cancel_dump_traceback_later()
        sys.stdout.flush()
        data = json.dumps(payload, sort_keys=True).encode("utf-8")
        while data:
            data = data[os.write(answer_w, data):]
        os.close(answer_w)  # the answer is complete: the host need not wait for this process to wind down
    except BaseException:  # noqa: BLE001 - the host reports a child that ends without an answer
        code = 70
    finally:
        os._exit(code)


def _prctl() -> Any:
    """libc's prctl, looked up once in the host (ctypes.util.find_library would run ldconfig in every step)."""
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl
    except Exception:  # noqa: BLE001 - not Linux, or no ctypes: the suite's tree kill still reaches the child
        return None


PRCTL = _prctl()
PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Linux: this process is killed when the host dies, whoever kills the host."""
    if PRCTL is None:
        return
    PRCTL(PR_SET_PDEATHSIG, int(signal.SIGKILL))
    if os.getppid() == 1:
        os._exit(0)  # the host died before the line above took effect


def collect(pid: int, read_end: int, deadline_s: float) -> tuple[bytes, int | None, bool]:
    """The child's answer, its exit status when it ended without one (None: it answered and is reaped later), and
    whether the deadline passed; past it the child's group is killed."""
    chunks: list[bytes] = []
    deadline = time.monotonic() + deadline_s
    eof = False
    while not eof:
        remaining = deadline - time.monotonic()
        ready = select.select([read_end], [], [], remaining)[0] if remaining > 0 else []
        if not ready:
            break
        chunk = os.read(read_end, 65536)
        chunks.append(chunk)
        eof = not chunk
    os.close(read_end)
    data = b"".join(chunks)
    if eof and data:
        return data, None, False
    status, killed = reap(pid, max(0.0, deadline - time.monotonic()))
    kill_group(pid)  # anything the plugin started in the child's group goes with it
    return data, status, killed or not eof


def reap(pid: int, wait_s: float) -> tuple[int, bool]:
    end = time.monotonic() + wait_s
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status, False
        if time.monotonic() >= end:
            kill_group(pid)
            return os.waitpid(pid, 0)[1], True
        time.sleep(0.001)


def kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def stable_stack(text: str) -> str:
    """faulthandler names threads by their address, which differs on every run; the frames are what matter."""
    return re.sub(r"(Current thread|Thread) 0x[0-9a-f]+", r"\1", text)[-6000:]


def interpret(data: bytes, status: int | None, timed_out: bool, stack_path: Path, printed_path: Path, limit_s: float) -> dict[str, Any]:
    printed = printed_path.read_bytes() if printed_path.exists() else b""
    stack = stack_path.read_text(encoding="utf-8", errors="replace") if stack_path.exists() else ""
    try:
        payload = json.loads(data.decode("utf-8")) if data else None
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        if stack.strip() or timed_out or status is None:  # faulthandler wrote the stack when the limit came
            payload = {"ok": False, "error_type": "ProbeTimeout", "error": f"no answer within {round(limit_s * 1000)} ms; the step's process group was killed", "stack": stable_stack(stack)}
        else:
            code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -os.WTERMSIG(status)
            payload = {"ok": False, "error_type": "ProbeProcessExited", "exit_status": code, "error": f"the step's process ended without answering (exit status {code})"}
    if printed:
        payload["printed"] = {"bytes": len(printed), "head": printed[:PRINTED_KEPT].decode("utf-8", errors="replace")}
    return payload
