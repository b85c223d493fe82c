"""An analyst as a separate process: reads the published warehouse in a loop until told to stop.

    python -m tests.warehouse.reader WAREHOUSE REPORT_DIR --mode hold|reconnect

``hold`` opens one read-only connection and keeps it for the whole loop (a notebook left
open); ``reconnect`` opens a fresh read-only connection for every query (a dashboard). Each
query reads the snapshot's newest ``warehouse_builds`` row and checks that the snapshot is
one whole validated night: the counts the load recorded equal the rows there, and the night's
current quality results are all present and passed. After every query the reader rewrites
``REPORT_DIR/<mode>.json`` (queries so far, errors, each distinct snapshot seen in order); it
stops when ``REPORT_DIR/stop`` exists. Errors are recorded, never raised: the test asserts on
them.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import duckdb

# One query, so that every figure comes from the same snapshot.
SNAPSHOT = """
select
    b.night::varchar as night,
    b.run_id,
    b.articles = (select count(*) from articles) as articles_match,
    b.night_articles = (select count(*) from articles where last_seen_night = b.night)
        as night_match,
    b.crawl_runs = (select count(*) from crawl_runs where night = b.night) as crawls_match,
    b.validated_at is not null and b.published_at is not null as sealed,
    (select count(*) from quality_results_current q
     where q.night = b.night and q.run_id = b.run_id) as checks,
    (select count(*) from quality_results_current q
     where q.night = b.night and q.is_critical and not q.success) as critical_failed,
    (select count(*) from articles) as articles
from warehouse_builds b
order by b.loaded_at desc
limit 1
"""


def observe(con: duckdb.DuckDBPyConnection) -> dict:
    row = con.execute(SNAPSHOT).fetchone()
    if row is None:
        return {"night": None, "consistent": False, "why": "no build row"}
    keys = ("night", "run_id", "articles_match", "night_match", "crawls_match", "sealed",
            "checks", "critical_failed", "articles")
    seen = dict(zip(keys, row, strict=True))
    seen["consistent"] = bool(seen["articles_match"] and seen["night_match"]
                              and seen["crawls_match"] and seen["sealed"]
                              and seen["checks"] > 0 and seen["critical_failed"] == 0)
    return seen


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("warehouse", type=Path)
    parser.add_argument("report_dir", type=Path)
    parser.add_argument("--mode", choices=("hold", "reconnect"), required=True)
    args = parser.parse_args()
    report_file = args.report_dir / f"{args.mode}.json"
    stop = args.report_dir / "stop"
    report: dict = {"pid": os.getpid(), "queries": 0, "errors": [], "snapshots": []}
    held = duckdb.connect(str(args.warehouse), read_only=True) if args.mode == "hold" else None
    while True:
        # Read the stop file first, so the last query runs after the test asked to stop.
        stopping = stop.exists()
        try:
            if held is not None:
                seen = observe(held)
            else:
                with duckdb.connect(str(args.warehouse), read_only=True) as con:
                    seen = observe(con)
            snapshot = {k: seen.get(k) for k in ("night", "run_id", "articles", "consistent")}
            if not report["snapshots"] or report["snapshots"][-1] != snapshot:
                report["snapshots"].append(snapshot)
            if not seen["consistent"]:
                report["errors"].append(f"inconsistent snapshot: {seen}")
        except Exception as exc:  # noqa: BLE001 - every failure is what the test looks for
            report["errors"].append(f"{type(exc).__name__}: {exc}")
        report["queries"] += 1
        part = report_file.with_suffix(".part")
        part.write_text(json.dumps(report), encoding="utf-8")
        os.replace(part, report_file)
        if stopping:
            break
        # A breath between queries, so two readers do not starve the writer of both cores.
        time.sleep(0.01)
    if held is not None:
        held.close()


if __name__ == "__main__":
    main()
