"""Child processes that never outlive their parent or their time.

A crawl (``python -m scrapy crawl …``) and a nightly run (``airflow dags test``) each run in a
child process. Three things end one, whatever state it is in:

- its timeout: SIGTERM to its whole process group, then SIGKILL after a grace period;
- its parent receiving SIGTERM or Ctrl-C: the exception that raises in the parent (see
  :func:`sigterm_raises`) ends the child the same way before it propagates;
- its parent dying outright (SIGTERM without a handler, SIGKILL, a crash): on Linux the kernel
  kills the child (``PR_SET_PDEATHSIG``), so no crawl keeps running for a task that is gone.

Each child leads its own process group (``start_new_session``), so its own children (Scrapy
starts none, Airflow does) are ended with it.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass

# Seconds between SIGTERM and SIGKILL: Scrapy closes its archive and report on the first
# SIGTERM (requests in flight are abandoned at the second signal or at the kill).
GRACE_SECONDS = 10.0

_PR_SET_PDEATHSIG = 1
# Looked up once in the parent: loading a library between fork and exec could deadlock.
_PRCTL = ctypes.CDLL(None, use_errno=True).prctl if sys.platform.startswith("linux") else None


def _die_with_parent() -> None:  # pragma: no cover - runs in the child, between fork and exec
    """Ask the kernel to SIGKILL this process when the thread that started it dies (nobody
    is left to read what a graceful close would write)."""
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL)


@dataclass(frozen=True)
class Finished:
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool


def end_group(process: subprocess.Popen, grace: float = GRACE_SECONDS) -> None:
    """SIGTERM the child's process group, wait ``grace`` seconds, then SIGKILL it."""
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def popen(command: list[str], **kwargs) -> subprocess.Popen:  # noqa: ANN003
    """``subprocess.Popen`` in a new process group that dies with its parent."""
    return subprocess.Popen(command, start_new_session=True, preexec_fn=_die_with_parent,
                            **kwargs)


def run_bounded(
    command: list[str], *, timeout: float, grace: float = GRACE_SECONDS, **kwargs
) -> Finished:  # noqa: ANN003
    """Run a command to its end or its timeout, output captured; never leave it running."""
    process = popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                    **kwargs)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
        return Finished(process.returncode, stdout, stderr, timed_out=False)
    except subprocess.TimeoutExpired:
        end_group(process, grace)
        stdout, stderr = process.communicate()
        return Finished(process.returncode, stdout, stderr, timed_out=True)
    except BaseException:  # SIGTERM (see sigterm_raises), Ctrl-C, an Airflow task killed
        end_group(process, grace)
        raise


class Terminated(SystemExit):
    """Raised in the main thread on SIGTERM, so ``finally`` blocks end children."""


@contextlib.contextmanager
def sigterm_raises() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Terminated` (exit code 143) instead of killing
    the process outright, so the children it started are ended first. A handler someone else
    installed (Airflow's task runner has one) is left alone, as is a call from another thread."""
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(
        signal.SIGTERM
    ) not in (signal.SIG_DFL, None):
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise Terminated(128 + signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
