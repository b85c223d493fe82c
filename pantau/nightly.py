"""The steps of the nightly run, as plain functions the DAG's tasks call.

Each step reads and writes files under ``data/runs/<night>/`` (see :mod:`pantau.paths`), so a
step can be re-run alone and a re-run rewrites exactly that night's outputs:

    raw/<outlet>.warc.gz, raw/<outlet>.crawl.json   crawl (one per outlet, in a subprocess)
    raw/<outlet>.status.json                        crawl verdict: ok, or failed with reason
    staging/<table>.parquet, extract.json           extract (trafilatura + facts)
    load.json                                       load into the working copy of the warehouse
    quality.json                                    GX results
    publish.json                                    the working copy published to analysts
    summary.json                                    what the run did, for people
"""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pantau import paths

logger = logging.getLogger(__name__)


def _write_json(path: Path, payload: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    part.write_text(json.dumps(payload, indent=2, sort_keys=True, default=str), encoding="utf-8")
    os.replace(part, path)


def _read_json(path: Path) -> dict[str, Any] | None:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def night_of(context: Any) -> str:
    """The night a run belongs to: its logical date (or, for a manual run without one, the
    time it was asked for) as a Jakarta calendar day. Every file a run writes is keyed on it,
    so re-running a night rewrites that night and nothing else."""
    run = context["dag_run"]
    moment = run.logical_date or run.run_after
    return moment.astimezone(ZoneInfo("Asia/Jakarta")).date().isoformat()


def list_outlets() -> list[dict[str, Any]]:
    """The registry's outlets as plain dicts (XCom-friendly); fails on a bad registry."""
    from pantau_scrapers.registry import load_registry

    return [outlet.model_dump() for outlet in load_registry()]


def crawl(outlet_id: str, night: str) -> dict[str, Any]:
    """Crawl one outlet; record the verdict; raise CrawlFailed so its task shows red."""
    from pantau_scrapers.registry import get_outlet, registry_path
    from pantau_scrapers.run import CrawlFailed, crawl_outlet

    outlet = get_outlet(outlet_id)
    status_file = paths.raw_dir(night) / f"{outlet_id}.status.json"
    try:
        result = crawl_outlet(outlet, registry_path(), paths.raw_dir(night))
    except CrawlFailed as exc:
        report = _read_json(paths.raw_dir(night) / f"{outlet_id}.crawl.json") or {}
        reason = str(exc).split(": ", 1)[-1]
        _write_json(status_file, {**report, "outlet_id": outlet_id, "status": "failed",
                                  "reason": reason})
        logger.error("outlet %s failed: %s", outlet_id, reason)
        raise
    verdict = {**result.report, "status": "ok", "reason": None}
    _write_json(status_file, verdict)
    return {"outlet_id": outlet_id, "articles": result.report["articles"]}


def crawl_verdicts(night: str) -> list[dict[str, Any]]:
    """Every outlet's crawl verdict of this night (outlets never attempted are absent)."""
    return [_read_json(p) for p in sorted(paths.raw_dir(night).glob("*.status.json"))]


# Outlets' archives are extracted in child processes (``python -m pantau_transforms.batch``),
# EXTRACT_WORKERS at a time, each child taking a batch of outlets one after the other. A child
# that makes no progress for EXTRACT_OUTLET_SECONDS is ended, and one that dies (memory, a
# signal) ends there: the outlet it was on fails alone, the rest of its batch goes to a new
# child, and the night's other outlets are staged and loaded. A healthy outlet takes seconds;
# batches spare most outlets the second or two a new Python process costs.
EXTRACT_OUTLET_SECONDS = float(os.environ.get("PANTAU_EXTRACT_OUTLET_SECONDS", "900"))
EXTRACT_WORKERS = 2
EXTRACT_BATCH = 8


def _crawled(verdict: dict[str, Any]) -> bool:
    """The crawl of this verdict succeeded (an extraction failure keeps ``crawl_status``)."""
    return verdict.get("crawl_status", verdict["status"]) == "ok"


def extract_isolated(jobs: list[dict[str, Any]], night: str, extracted_at: datetime,
                     work: Path) -> dict[str, Any]:
    """Extract a batch of outlets (dicts with outlet_id, region_code, timezone, archive) in
    bounded child processes: outlet id -> its OutletExtract, or the reason it failed (str)."""
    import pickle
    import subprocess
    import sys
    import time

    from pantau_scrapers.process import end_group, popen

    results: dict[str, Any] = {}
    pending = list(jobs)
    while pending:
        name = f"batch-{pending[0]['outlet_id']}"
        for job in pending:
            job["out"] = str(work / f"{job['outlet_id']}.pickle")
            Path(job["out"]).unlink(missing_ok=True)
        spec = work / f"{name}.json"
        spec.write_text(json.dumps({"night": night, "extracted_at": extracted_at.isoformat(),
                                    "outlets": pending}), encoding="utf-8")
        log = work / f"{name}.log"
        with log.open("w", encoding="utf-8") as stderr:
            child = popen([sys.executable, "-m", "pantau_transforms.batch", str(spec)],
                          stdout=subprocess.DEVNULL, stderr=stderr)
            try:
                deadline = time.monotonic() + EXTRACT_OUTLET_SECONDS
                while pending:
                    done = child.poll() is not None  # before looking for results: none is missed
                    while pending and Path(pending[0]["out"]).exists():
                        with open(pending[0]["out"], "rb") as stream:
                            results[pending.pop(0)["outlet_id"]] = pickle.load(stream)  # noqa: S301
                        deadline = time.monotonic() + EXTRACT_OUTLET_SECONDS
                    if not pending:
                        break
                    if done:
                        how = (f"killed by signal {-child.returncode}" if child.returncode < 0
                               else f"exit code {child.returncode}")
                        last = (log.read_text(encoding="utf-8").strip().splitlines()
                                or ["(no output)"])[-1]
                        results[pending.pop(0)["outlet_id"]] = f"process died ({how}: {last})"
                        break  # the rest of the batch: a new child
                    if time.monotonic() > deadline:
                        end_group(child)
                        results[pending.pop(0)["outlet_id"]] = (
                            f"did not finish in {EXTRACT_OUTLET_SECONDS:g} s "
                            "(PANTAU_EXTRACT_OUTLET_SECONDS)")
                        break
                    time.sleep(0.1)
            finally:
                end_group(child)
        for line in log.read_text(encoding="utf-8").splitlines():
            if line.startswith(("WARNING", "ERROR")):
                logger.warning("extract: %s", line)
    return {outlet_id: (f"extraction failed: {result}; its articles were not loaded"
                        if isinstance(result, str) else result)
            for outlet_id, result in results.items()}


def extract(night: str) -> dict[str, Any]:
    """Extract every archive of a successful crawl this night into staging Parquet, in
    bounded child processes (``extract_isolated``). An outlet whose extraction fails is marked
    failed in its verdict (status, reason: it shows in crawl_runs and the summary); the others
    load."""
    import time
    from concurrent.futures import ThreadPoolExecutor

    from pantau_transforms.batch import ExtractStats, OutletContext, merge, write_staging

    started = time.perf_counter()
    verdicts = [v for v in crawl_verdicts(night) if _crawled(v)]
    if not verdicts:
        raise RuntimeError(f"night {night}: no outlet was crawled successfully; nothing to extract")
    outlets = {o["id"]: OutletContext(o["id"], o["region_code"], o["timezone"]) for o in list_outlets()}
    work = paths.night_dir(night) / "extract-parts"
    work.mkdir(parents=True, exist_ok=True)
    extracted_at = datetime.now(UTC)
    stats = ExtractStats()

    jobs = [{"outlet_id": v["outlet_id"], "region_code": outlets[v["outlet_id"]].region_code,
             "timezone": outlets[v["outlet_id"]].timezone,
             "archive": str(paths.raw_dir(night) / f"{v['outlet_id']}.warc.gz")}
            for v in sorted(verdicts, key=lambda v: v["outlet_id"])]
    size = max(1, min(EXTRACT_BATCH, -(-len(jobs) // EXTRACT_WORKERS)))
    batches = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    extracted: dict[str, Any] = {}
    with ThreadPoolExecutor(max_workers=EXTRACT_WORKERS) as pool:
        for batch in pool.map(lambda b: extract_isolated(b, night, extracted_at, work), batches):
            extracted.update(batch)
    results = []
    by_id = {v["outlet_id"]: v for v in verdicts}
    for outlet_id in sorted(extracted):
        verdict, result = by_id[outlet_id], extracted[outlet_id]
        if isinstance(result, str):
            stats.failed[outlet_id] = str(result)
            logger.error("outlet %s failed: %s", outlet_id, result)
            _write_json(paths.raw_dir(night) / f"{outlet_id}.status.json",
                        {**verdict, "crawl_status": "ok", "status": "failed",
                         "reason": str(result)})
            continue
        results.append(result)
        if verdict["status"] != "ok":  # extracted again after a failure: ok once more
            _write_json(paths.raw_dir(night) / f"{outlet_id}.status.json",
                        {**verdict, "status": "ok", "reason": None})
    write_staging(merge(results, stats), paths.staging_dir(night))
    stats.seconds = time.perf_counter() - started
    summary = {"pages": stats.pages, "articles": stats.articles, "errors": stats.errors,
               "truncated": stats.truncated, "failed_outlets": stats.failed,
               "error_reasons": dict(stats.error_reasons), "per_outlet": stats.per_outlet,
               "seconds": round(stats.seconds, 2)}
    _write_json(paths.night_dir(night) / "extract.json", summary)
    logger.info("extracted %d articles from %d pages in %.1f s (%d errors, %d truncated, "
                "%d outlets failed)", stats.articles, stats.pages, stats.seconds, stats.errors,
                stats.truncated, len(stats.failed))
    return summary


def load(night: str, run_id: str) -> dict[str, Any]:
    """Load the night's staging into a fresh working copy of the published warehouse (single
    writer, one transaction with the outlets, the crawl verdicts and the build row)."""
    from pantau_warehouse.load import connect, load_night
    from pantau_warehouse.publish import prepare_working

    work = paths.work_warehouse_path()
    copy = prepare_working(paths.warehouse_path(), work)
    con = connect(work)
    try:
        stats = load_night(con, paths.staging_dir(night), date.fromisoformat(night),
                           outlets=list_outlets(), crawls=crawl_verdicts(night), run_id=run_id)
    finally:
        con.close()
    summary = {"new": stats.new, "updated": stats.updated, "unchanged": stats.unchanged,
               "table_rows": stats.table_rows, "run_id": run_id, "working": str(work),
               "copied_bytes": copy.bytes, "copy_seconds": round(copy.seconds, 3),
               "warehouse": str(paths.warehouse_path())}
    _write_json(paths.night_dir(night) / "load.json", summary)
    return summary


def validate(night: str, run_id: str) -> dict[str, Any]:
    """Run the GX suites on the night's rows in the working file; keep the results; mark the
    build publishable when no critical check failed, else fail (the night stays unpublished)."""
    from pantau_expectations.validate import raise_on_critical, record_results, validate_night
    from pantau_warehouse.load import connect
    from pantau_warehouse.publish import mark_validated

    work = paths.work_warehouse_path()
    if not work.exists():
        raise FileNotFoundError(f"night {night}: no working warehouse at {work} to validate; "
                                "run the load task of this night first")
    con = connect(work)
    try:
        results = validate_night(con, date.fromisoformat(night))
        critical_ok = all(r.success for r in results if r.is_critical)
        # Results and the verdict in one transaction: a kill between them cannot leave a
        # build marked publishable without the results that allowed it.
        con.execute("begin transaction")
        record_results(con, results, date.fromisoformat(night), run_id,
                       paths.night_dir(night) / "quality.json")
        if critical_ok:
            mark_validated(con, run_id, date.fromisoformat(night))
        con.execute("commit")
    finally:
        con.close()
    passed = sum(r.success for r in results)
    for result in results:
        if not result.success:
            log = logger.error if result.is_critical else logger.warning
            log("%s check: %s", "critical" if result.is_critical else "warning", result.describe())
    if not critical_ok:
        logger.error("night %s is not published; its rows stay queryable in %s", night, work)
    raise_on_critical(results)
    return {"passed": passed, "failed": len(results) - passed}


def publish(night: str, run_id: str) -> dict[str, Any]:
    """Replace the published warehouse by this run's validated working file, atomically."""
    from pantau_warehouse.publish import publish as publish_working

    stats = publish_working(paths.work_warehouse_path(), paths.warehouse_path(),
                            run_id=run_id, night=date.fromisoformat(night))
    summary = {"run_id": run_id, "published_at": stats.published_at.isoformat(),
               "bytes": stats.bytes, "seconds": round(stats.seconds, 3),
               "warehouse": str(paths.warehouse_path())}
    _write_json(paths.night_dir(night) / "publish.json", summary)
    return summary


class RunIncomplete(RuntimeError):
    """The night finished, but an outlet or a quality check failed."""


def summarize(night: str, run_id: str | None = None, *, raise_on_failure: bool = False) -> dict[str, Any]:
    """What the night did, from the files each step left: for the log and for people.

    The checks count only when this run's validate task wrote them (``run_id``): a night run
    again must not show the last run's results when its own validation broke off.
    """
    verdicts = crawl_verdicts(night)
    extract_info = _read_json(paths.night_dir(night) / "extract.json") or {}
    load_info = _read_json(paths.night_dir(night) / "load.json") or {}
    quality = _read_json(paths.night_dir(night) / "quality.json") or {}
    validated = bool(quality) and (run_id is None or quality.get("run_id") == run_id)
    if not validated:
        quality = {"results": []}
    publish_info = _read_json(paths.night_dir(night) / "publish.json") or {}
    published = bool(publish_info) and (run_id is None or publish_info.get("run_id") == run_id)
    # The night's events are read where its rows are: the published file, or the working file
    # when validation kept the night back.
    holder = paths.warehouse_path() if published else paths.work_warehouse_path()
    events_by_type: dict[str, int] = {}
    if load_info and holder.exists():
        from pantau_warehouse.load import connect

        con = connect(holder, read_only=True)
        try:
            events_by_type = dict(con.execute(
                "select e.type, count(*) from events e join articles a using (article_id) "
                "where a.last_seen_night = ? group by 1 order by 2 desc, 1",
                [date.fromisoformat(night)],
            ).fetchall())
        finally:
            con.close()
    checks = quality["results"]
    summary = {
        "night": night,
        "finished_at": datetime.now(UTC).isoformat(),
        "outlets_ok": [v["outlet_id"] for v in verdicts if v["status"] == "ok"],
        "outlets_failed": {v["outlet_id"]: v.get("reason") for v in verdicts if v["status"] != "ok"},
        "articles_fetched": sum(v.get("articles", 0) for v in verdicts),
        "articles_extracted": extract_info.get("articles", 0),
        "extraction_errors": extract_info.get("errors", 0),
        "articles_new": load_info.get("new", 0),
        "articles_updated": load_info.get("updated", 0),
        "articles_duplicate": load_info.get("unchanged", 0),
        "events_by_type": events_by_type,
        "checks_passed": sum(1 for c in checks if c["success"]),
        "checks_failed": [
            f"{'critical' if c['is_critical'] else 'warning'} {c['table_name']}.{c['column_name']}: "
            f"{c['expectation']} ({c['unexpected_count']} of {c['element_count']} rows)"
            for c in checks if not c["success"]
        ],
        "critical_checks_failed": sum(1 for c in checks if c["is_critical"] and not c["success"]),
        "validated": validated,
        "published": published,
        "warehouse": str(paths.warehouse_path()),
        "working": str(paths.work_warehouse_path()),
    }
    _write_json(paths.night_dir(night) / "summary.json", summary)
    _write_json(paths.data_dir() / "last_summary.json", summary)
    logger.info("%s", format_summary(summary))
    if raise_on_failure and (
        summary["outlets_failed"] or summary["critical_checks_failed"] or not load_info or not validated
        or not published
    ):
        raise RunIncomplete(
            f"night {night} finished with problems: "
            f"{len(summary['outlets_failed'])} failed outlet(s) "
            f"({', '.join(summary['outlets_failed']) or 'none'}), "
            f"{summary['critical_checks_failed']} failed critical check(s), "
            f"load {'done' if load_info else 'NOT done'}, validation {'done' if validated else 'NOT done'}, "
            f"publish {'done' if published else 'NOT done'}"
        )
    return summary


TRY_QUERY = (
    "select a.outlet_id, e.type, e.event_date, r.name as region, left(e.evidence, 60) as evidence "
    "from events e join articles a using (article_id) left join regions r using (region_code) "
    "order by e.event_date desc nulls last limit 10;"
)


def format_summary(summary: dict[str, Any]) -> str:
    """The run summary as a few lines of text."""
    lines = [f"Pantau nightly run — night {summary['night']}"]
    ok, failed = summary["outlets_ok"], summary["outlets_failed"]
    lines.append(f"  outlets crawled: {len(ok)} ok, {len(failed)} failed")
    for outlet_id, reason in failed.items():
        lines.append(f"    FAILED {outlet_id}: {reason}")
    lines.append(
        f"  articles: {summary['articles_fetched']} fetched, {summary['articles_extracted']} extracted "
        f"({summary['extraction_errors']} rejected) -> {summary['articles_new']} new, "
        f"{summary['articles_updated']} updated, {summary['articles_duplicate']} duplicate"
    )
    events = summary["events_by_type"]
    lines.append(f"  events: {sum(events.values())} "
                 + ("(" + ", ".join(f"{k} {v}" for k, v in events.items()) + ")" if events else ""))
    failed_checks = summary["checks_failed"]
    if summary.get("validated", True):
        lines.append(f"  quality checks: {summary['checks_passed']} passed, {len(failed_checks)} failed")
    else:
        lines.append("  quality checks: NOT RUN — the validate task broke off; its log says why")
    for check in failed_checks:
        lines.append(f"    FAILED {check}")
    if summary.get("published", True):
        lines.append(f"  warehouse: {summary['warehouse']} (published)")
    else:
        lines.append(f"  warehouse: {summary['warehouse']} NOT updated; the night stays in "
                     f"{summary.get('working')}")
    lines.append(f"  try: duckdb -readonly {summary['warehouse']} \"{TRY_QUERY}\"")
    return "\n".join(lines)
