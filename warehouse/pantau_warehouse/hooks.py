"""Test hook: hold the writer at a named point so a test can SIGKILL it exactly there.

Set by tests only, never in production:

    PANTAU_TEST_PAUSE_AT=<point>[,<point>…]   points to stop at (names in POINTS)
    PANTAU_TEST_HOOK_DIR=<folder>             where the handshake files go

On reaching a listed point the process writes ``<folder>/<point>.reached`` (holding its pid)
and waits until ``<folder>/<point>.go`` exists. The test kills it meanwhile (the point of the
hook) or creates the ``.go`` file to let it continue (to act while the writer stands still).
With the variable unset a point costs one environment lookup.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

POINTS = (
    "copy-mid",               # half of the published file copied into the working file
    "load-before-commit",     # every row of the night inserted, the transaction not committed
    "publish-start",          # load and validation committed in the working file, publish not begun
    "publish-before-replace",  # working file sealed and fsync'ed, os.replace not yet done
)

# A test that forgets to release a paused writer must not leave it behind forever.
_MAX_WAIT_SECONDS = 600


def pause_point(name: str) -> None:
    """Stop here if a test asked to (see the module docstring); otherwise return at once."""
    wanted = os.environ.get("PANTAU_TEST_PAUSE_AT")
    if not wanted:
        return
    names = wanted.split(",")
    if unknown := [n for n in names if n not in POINTS]:
        raise ValueError(f"PANTAU_TEST_PAUSE_AT names unknown pause point(s) {', '.join(unknown)}; "
                         f"known: {', '.join(POINTS)}")
    if name not in names:
        return
    folder = Path(os.environ.get("PANTAU_TEST_HOOK_DIR", "."))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.reached").write_text(str(os.getpid()), encoding="utf-8")
    go = folder / f"{name}.go"
    deadline = time.monotonic() + _MAX_WAIT_SECONDS
    while not go.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(
                f"test pause point {name}: nobody created {go} in {_MAX_WAIT_SECONDS} s")
        time.sleep(0.02)
