"""The hostile matrix: each hostile outlet of pantau.demo.hostile crawled by the real spider,
one after the other, with its outcome and the time it took (Python and Scrapy start-up, ~2 s,
included). Sites that make a crawl wait get ``--budget`` seconds. Not a test: the table goes
to the README and the closing notes.

    uv run python benchmarks/hostile.py --budget 10
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from tempfile import TemporaryDirectory

from pantau_scrapers.run import CrawlFailed, crawl_outlet

from pantau.demo.hostile import FAULTS, hostile_sites

SLOW = ("silent", "trickle")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=10.0,
                        help="time budget of the silent and trickling sites, seconds")
    args = parser.parse_args()
    with TemporaryDirectory() as scratch:
        work = Path(scratch)
        quick = [fault for fault in FAULTS if fault not in SLOW]
        with hostile_sites(quick, work / "quick") as fast, hostile_sites(
            list(SLOW), work / "slow", time_budget_seconds=args.budget
        ) as slow:
            print("| site | what it does | outcome | time |")
            print("| --- | --- | --- | --- |")
            for fault, what in FAULTS.items():
                sites = slow if fault in SLOW else fast
                started = time.perf_counter()
                try:
                    result = crawl_outlet(sites.outlet(fault), sites.registry_path, work / "out")
                    outcome = (f"ok, {result.report['articles']} article(s); flagged "
                               f"{result.report['errors']}")
                except CrawlFailed as exc:
                    outcome = "failed: " + str(exc).split(": ", 1)[1]
                print(f"| {fault} | {what} | {outcome} | {time.perf_counter() - started:.1f} s |",
                      flush=True)


if __name__ == "__main__":
    main()
