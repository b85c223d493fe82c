"""Crawl subprocesses never outlive their parent: a SIGTERM to the process running a crawl
ends the crawl too, whether the parent handles SIGTERM (and ends its children itself) or dies
of it outright (and the kernel ends them)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

from pantau.demo.hostile import hostile_sites

pytestmark = pytest.mark.slow

# The parent: crawl the silent site (it never answers) with a budget far longer than the test.
PARENT = textwrap.dedent("""
    import sys
    from pathlib import Path
    from pantau_scrapers.process import sigterm_raises
    from pantau_scrapers.registry import get_outlet
    from pantau_scrapers.run import crawl_outlet

    registry, out, handled = sys.argv[1], Path(sys.argv[2]), sys.argv[3] == "handled"
    outlet = get_outlet("hostile-silent", registry)
    if handled:
        with sigterm_raises():
            crawl_outlet(outlet, Path(registry), out)
    else:
        crawl_outlet(outlet, Path(registry), out)
""")


def _wait(condition, what: str, limit: float = 60.0) -> None:  # noqa: ANN001
    """Poll until ``condition()`` holds; fail naming ``what`` (a liveness bound, not a timing)."""
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting: {what}")
        time.sleep(0.2)


@pytest.mark.parametrize("handled", ["handled", "default"])
def test_process_sigterm_to_parent_ends_the_crawl(tmp_path: Path, handled: str) -> None:
    with hostile_sites(["silent"], tmp_path / "sites", time_budget_seconds=600) as sites:
        parent = subprocess.Popen(
            [sys.executable, "-c", PARENT, str(sites.registry_path), str(tmp_path / "out"),
             handled],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        try:
            crawl: list[psutil.Process] = []

            def crawling() -> bool:
                crawl[:] = [p for p in psutil.Process(parent.pid).children(recursive=True)
                            if "scrapy" in " ".join(p.cmdline())]
                return bool(crawl) and bool(sites.requested["hostile-silent"])

            _wait(crawling, "the crawl to reach the silent site")
            os.kill(parent.pid, signal.SIGTERM)
            code = parent.wait(timeout=60)
            _wait(lambda: not crawl[0].is_running() or crawl[0].status() == psutil.STATUS_ZOMBIE,
                  "the crawl subprocess to end after its parent")
        finally:
            if parent.poll() is None:
                parent.kill()
        assert code == (143 if handled == "handled" else -signal.SIGTERM)
