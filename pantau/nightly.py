"""The steps of the nightly run, as plain functions the DAG's tasks call.

Each step reads and writes files under ``data/runs/<night>/`` (see :mod:`pantau.paths`), so a
step can be re-run alone and a re-run rewrites exactly that night's outputs:

    outlets.json                                    list_outlets: its outlets, or registry errors
    raw/<outlet>.warc.gz, raw/<outlet>.crawl.json   crawl (one per outlet, in a subprocess)
    raw/<outlet>.status.json                        crawl verdict: ok, or failed with reason
    staging/<table>.parquet, extract.json           extract (trafilatura + facts)
    load.json                                       load into the working copy of the warehouse
    quality.json                                    GX results
    publish.json                                    the working copy published to analysts
    summary.json                                    what the run did, for people

Every file but the archives carries the ``run_id`` that wrote it; the steps and the summary
read only their own run's files, so a run reports only itself.
"""

from __future__ import annotations

import json
import logging
import os
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pantau import paths

logger = logging.getLogger(__name__)
# One line per step outcome, for the task log and for `pantau run`'s console (which shows only
# this logger's lines, so the logger name is part of that contract: see pantau/runner.py).
progress = logging.getLogger("pantau.progress")


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


def _this_run(payload: dict[str, Any] | None, run_id: str | None) -> dict[str, Any] | None:
    """A step's file only if this run wrote it: a night run again (with another registry, or
    after a step broke off) must not report what an earlier run of the night left behind."""
    if payload is None or (run_id is not None and payload.get("run_id") != run_id):
        return None
    return payload


def list_outlets(night: str | None = None, run_id: str | None = None) -> list[dict[str, Any]]:
    """The registry's outlets as plain dicts (XCom-friendly); raises RegistryError on a bad
    registry. With a night, records which outlets this run covers (or every problem of the
    registry), so the later steps and the summary speak of this run's outlets only."""
    from pantau_scrapers.registry import RegistryError, load_registry, registry_path

    try:
        outlets = [outlet.model_dump() for outlet in load_registry()]
    except RegistryError as exc:
        if night is not None:
            _write_json(paths.night_dir(night) / "outlets.json", {
                "run_id": run_id, "registry": str(registry_path()), "outlets": [],
                "error": exc.headline, "problems": exc.problems,
            })
            details = exc.problems if len(exc.problems) > 1 else []
            for line in [f"registry error: {exc.headline}", *(f"  {p}" for p in details)]:
                progress.error("%s", line)
        raise
    if night is not None:
        _write_json(paths.night_dir(night) / "outlets.json", {
            "run_id": run_id, "registry": str(registry_path()),
            "outlets": [o["id"] for o in outlets], "error": None, "problems": [],
        })
        progress.info("registry %s: %d outlets (%s)", registry_path(), len(outlets),
                      ", ".join(o["id"] for o in outlets))
    return outlets


def crawl(outlet_id: str, night: str, run_id: str | None = None) -> dict[str, Any]:
    """Crawl one outlet; record the verdict; raise CrawlFailed so its task shows red."""
    from pantau_scrapers.registry import get_outlet, registry_path
    from pantau_scrapers.run import CrawlFailed, crawl_outlet

    outlet = get_outlet(outlet_id)
    raw = paths.raw_dir(night)
    status_file = raw / f"{outlet_id}.status.json"
    status_file.unlink(missing_ok=True)  # a verdict left by an earlier run is not this one's
    progress.info("crawl %s: %s site at %s", outlet_id, outlet.platform, outlet.base_url)
    started = time.perf_counter()
    try:
        result = crawl_outlet(outlet, registry_path(), raw)
    except CrawlFailed as exc:
        report = _read_json(raw / f"{outlet_id}.crawl.json") or {}
        reason = str(exc).split(": ", 1)[-1]
        verdict = {**report, "outlet_id": outlet_id, "status": "failed", "reason": reason,
                   "run_id": run_id, **_outcome(outlet_id, raw, started, new=0)}
        _write_json(status_file, verdict)
        progress.error("crawl %s: FAILED — %s (%s)", outlet_id, reason, _counts(verdict))
        raise
    verdict = {**result.report, "status": "ok", "reason": None, "run_id": run_id,
               **_outcome(outlet_id, raw, started, new=_new_articles(outlet_id, result.archive))}
    _write_json(status_file, verdict)
    progress.info("crawl %s: ok (%s)", outlet_id, _counts(verdict))
    return {"outlet_id": outlet_id, "articles": result.report["articles"]}


def _outcome(outlet_id: str, raw: Path, started: float, new: int | None) -> dict[str, Any]:
    archive = raw / f"{outlet_id}.warc.gz"
    return {"new": new, "bytes": archive.stat().st_size if archive.exists() else 0,
            "seconds": round(time.perf_counter() - started, 1)}


def _counts(verdict: dict[str, Any]) -> str:
    """The crawl outcome in one line: what came, what was new, what went wrong, how much."""
    new = verdict.get("new")
    return (f"{verdict.get('articles', 0)} fetched, {'?' if new is None else new} new, "
            f"{verdict.get('duplicates_dropped', 0)} duplicates, "
            f"{sum(verdict.get('errors', {}).values())} errors, "
            f"{verdict.get('bytes', 0)} bytes, {verdict.get('seconds', 0)} s")


def _new_articles(outlet_id: str, archive: Path) -> int | None:
    """Articles of the archive the warehouse does not hold yet; None when it cannot be read
    now (another process writing it): the count is for people, never worth failing a crawl."""
    from pantau_transforms.batch import iter_archive
    from pantau_transforms.extract import article_id

    ids = {article_id(canonical, outlet_id)
           for _url, canonical, _body, _at in iter_archive(archive)}
    if not paths.warehouse_path().exists():
        return len(ids)
    import duckdb

    try:
        con = duckdb.connect(str(paths.warehouse_path()), read_only=True)
    except duckdb.Error as exc:
        logger.warning("could not count new articles of %s: %s", outlet_id, exc)
        return None
    try:
        known = {row[0] for row in con.execute(
            "select article_id from articles where outlet_id = ?", [outlet_id]).fetchall()}
    except duckdb.Error:  # a warehouse made before its first load has no articles table
        known = set()
    finally:
        con.close()
    return len(ids - known)


def run_outlets(night: str, run_id: str | None) -> dict[str, Any] | None:
    """What this run's ``list_outlets`` recorded: its outlets, or its registry problems."""
    return _this_run(_read_json(paths.night_dir(night) / "outlets.json"), run_id)


def crawl_verdicts(night: str, run_id: str | None = None) -> list[dict[str, Any]]:
    """This run's crawl verdicts of the night (outlets not crawled by it are absent)."""
    verdicts = [_read_json(p) for p in sorted(paths.raw_dir(night).glob("*.status.json"))]
    if run_id is None:
        return verdicts
    covered = set((run_outlets(night, run_id) or {}).get("outlets", []))
    return [v for v in verdicts if v.get("run_id") == run_id and v["outlet_id"] in covered]


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


def extract(night: str, run_id: str | None = None) -> dict[str, Any]:
    """Extract every archive of this run's successful crawls into staging Parquet, in bounded
    child processes (``extract_isolated``). An outlet whose extraction fails is marked failed
    in its verdict (status, reason: it shows in crawl_runs and the summary); the others load."""
    from concurrent.futures import ThreadPoolExecutor

    from pantau_transforms.batch import ExtractStats, OutletContext, merge, write_staging

    started = time.perf_counter()
    recorded = run_outlets(night, run_id) if run_id is not None else {}
    if recorded is None or recorded.get("error"):
        progress.error("extract: nothing to extract — the registry of this run could not be "
                       "used (see list_outlets)")
        raise RuntimeError(f"night {night}: the registry of this run could not be used "
                           "(see the list_outlets task); nothing to extract")
    outlets = {o["id"]: OutletContext(o["id"], o["region_code"], o["timezone"])
               for o in list_outlets()}
    verdicts = [v for v in crawl_verdicts(night, run_id)
                if _crawled(v) and v["outlet_id"] in outlets]
    if not verdicts:
        progress.error("extract: nothing to extract — no outlet was crawled successfully")
        raise RuntimeError(f"night {night}: no outlet was crawled successfully; nothing to extract")
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
            progress.error("extract %s: FAILED — %s", outlet_id, result)
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
    summary = {"run_id": run_id, "pages": stats.pages, "articles": stats.articles,
               "errors": stats.errors,
               "truncated": stats.truncated, "failed_outlets": stats.failed,
               "error_reasons": dict(stats.error_reasons), "per_outlet": stats.per_outlet,
               "seconds": round(stats.seconds, 2)}
    _write_json(paths.night_dir(night) / "extract.json", summary)
    progress.info("extract: %d articles from %d pages of %d outlets in %.1f s (%d rejected, "
                  "%d truncated, %d outlets failed%s)", stats.articles, stats.pages, len(jobs),
                  stats.seconds, stats.errors, stats.truncated, len(stats.failed),
                  "".join(f"; {n} {why}" for why, n in sorted(stats.error_reasons.items())))
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
                           outlets=list_outlets(), crawls=crawl_verdicts(night, run_id),
                           run_id=run_id)
    finally:
        con.close()
    summary = {"new": stats.new, "updated": stats.updated, "unchanged": stats.unchanged,
               "table_rows": stats.table_rows, "run_id": run_id, "working": str(work),
               "copied_bytes": copy.bytes, "copy_seconds": round(copy.seconds, 3),
               "warehouse": str(paths.warehouse_path())}
    _write_json(paths.night_dir(night) / "load.json", summary)
    progress.info("load: %d new, %d updated, %d unchanged articles into the working copy %s "
                  "(rows now: %s)", stats.new, stats.updated, stats.unchanged, work,
                  ", ".join(f"{t} {n}" for t, n in stats.table_rows.items()))
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
            log = progress.error if result.is_critical else progress.warning
            log("%s check: %s", "critical" if result.is_critical else "warning", result.describe())
    if not critical_ok:
        progress.error("validate: night %s is not published; its rows stay queryable in %s",
                       night, work)
    progress.info("validate: %d of %d checks passed", passed, len(results))
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
    progress.info("publish: %s now holds night %s (%d bytes, %.2f s)", paths.warehouse_path(),
                  night, stats.bytes, stats.seconds)
    return summary


class RunIncomplete(RuntimeError):
    """The night finished, but the registry, an outlet or a quality check failed."""


def summarize(night: str, run_id: str | None = None, *, invocation: str | None = None,
              raise_on_failure: bool = False) -> dict[str, Any]:
    """What this run did, from the files its own steps left: for the log and for people.

    Every file counts only when this run wrote it (``run_id``): a night run again — with
    another registry, or after a step broke off — must not show an earlier run's outlets,
    counts or checks. ``invocation`` is echoed so `pantau run` knows the summary is its own.
    """
    recorded = run_outlets(night, run_id) if run_id is not None else None
    verdicts = crawl_verdicts(night, run_id)
    by_outlet = {v["outlet_id"]: v for v in verdicts}
    extract_info = _this_run(_read_json(paths.night_dir(night) / "extract.json"), run_id) or {}
    load_info = _this_run(_read_json(paths.night_dir(night) / "load.json"), run_id) or {}
    quality = _this_run(_read_json(paths.night_dir(night) / "quality.json"), run_id) or {}
    validated = bool(quality)
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
                "where a.last_seen_night = ? and list_contains(?, a.outlet_id) "
                "group by 1 order by 2 desc, 1",
                [date.fromisoformat(night), [v["outlet_id"] for v in verdicts]],
            ).fetchall())
        finally:
            con.close()
    checks = quality["results"]
    if recorded is None and run_id is not None:
        registry_error = "the list_outlets task did not record this run's outlets (see its log)"
        registry_problems: list[str] = []
    else:
        registry_error = (recorded or {}).get("error")
        registry_problems = (recorded or {}).get("problems", [])
    planned = (recorded or {}).get("outlets") or list(by_outlet)
    summary = {
        "night": night,
        "run_id": run_id,
        "invocation": invocation,
        "finished_at": datetime.now(UTC).isoformat(),
        "registry": (recorded or {}).get("registry"),
        "registry_error": registry_error,
        "registry_problems": registry_problems,
        "outlets_ok": [v["outlet_id"] for v in verdicts if v["status"] == "ok"],
        "outlets_failed": {
            v["outlet_id"]: v.get("reason") for v in verdicts if v["status"] != "ok"},
        "outlets_not_crawled": [o for o in planned if o not in by_outlet],
        "crawls": {o: {k: by_outlet[o].get(k) for k in (
            "status", "articles", "new", "duplicates_dropped", "bytes", "seconds", "reason")}
            for o in planned if o in by_outlet},
        "articles_fetched": sum(v.get("articles", 0) for v in verdicts),
        "articles_extracted": extract_info.get("articles", 0),
        "extraction_errors": extract_info.get("errors", 0),
        "extracted": bool(extract_info),
        "loaded": bool(load_info),
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
    summary["ok"] = bool(
        not registry_error and not summary["outlets_failed"] and not summary["outlets_not_crawled"]
        and load_info and validated and not summary["critical_checks_failed"] and published
    )
    _write_json(paths.night_dir(night) / "summary.json", summary)
    _write_json(paths.data_dir() / "last_summary.json", summary)
    logger.info("%s", format_summary(summary))
    if raise_on_failure and not summary["ok"]:
        progress.error("summarize: the run is red — %s", _problems(summary))
        raise RunIncomplete(f"night {night} finished with problems: {_problems(summary)}")
    return summary


def _problems(summary: dict[str, Any]) -> str:
    if summary["registry_error"]:
        return f"registry error: {summary['registry_error']}"
    return (
        f"{len(summary['outlets_failed'])} failed outlet(s) "
        f"({', '.join(summary['outlets_failed']) or 'none'}), "
        f"{len(summary['outlets_not_crawled'])} not crawled, "
        f"{summary['critical_checks_failed']} failed critical check(s), "
        f"load {'done' if summary['loaded'] else 'NOT done'}, "
        f"validation {'done' if summary['validated'] else 'NOT done'}, "
        f"publish {'done' if summary['published'] else 'NOT done'}"
    )


TRY_QUERY = (
    "select a.outlet_id, e.type, e.event_date, r.name as region, left(e.evidence, 60) as evidence "
    "from events e join articles a using (article_id) left join regions r using (region_code) "
    "order by e.event_date desc nulls last limit 10;"
)


def format_summary(summary: dict[str, Any]) -> str:
    """The run summary as a few lines of text; a registry error is its headline."""
    lines = [f"Pantau nightly run — night {summary['night']}"]
    if summary.get("registry_error"):
        lines[0] += " — NOT RUN: the outlet registry cannot be used"
        lines.append(f"  {summary['registry_error']}")
        problems = summary.get("registry_problems", [])
        lines.extend(f"    {problem}" for problem in problems if len(problems) > 1)
        lines.append("  Fix the registry file and run again; nothing was crawled or loaded.")
        return "\n".join(lines)
    ok, failed = summary["outlets_ok"], summary["outlets_failed"]
    not_crawled = summary.get("outlets_not_crawled", [])
    lines.append(f"  outlets crawled: {len(ok)} ok, {len(failed)} failed"
                 + (f", {len(not_crawled)} not crawled" if not_crawled else ""))
    for outlet_id, reason in failed.items():
        lines.append(f"    FAILED {outlet_id}: {reason}")
    if not_crawled:
        lines.append(f"    NOT CRAWLED {', '.join(not_crawled)} (their crawl tasks did not run)")
    lines.append(
        f"  articles: {summary['articles_fetched']} fetched, {summary['articles_extracted']} extracted "
        f"({summary['extraction_errors']} rejected) -> {summary['articles_new']} new, "
        f"{summary['articles_updated']} updated, {summary['articles_duplicate']} duplicate"
        + ("" if summary.get("loaded", True) else " — load NOT done; the load task's log says why")
    )
    events = summary["events_by_type"]
    lines.append(f"  events: {sum(events.values())} "
                 + ("(" + ", ".join(f"{k} {v}" for k, v in events.items()) + ")" if events else ""))
    failed_checks = summary["checks_failed"]
    if summary.get("validated", True):
        lines.append(f"  quality checks: {summary['checks_passed']} passed, {len(failed_checks)} failed")
    else:
        lines.append("  quality checks: NOT RUN — the validate task did not finish "
                     "(its log says why)")
    for check in failed_checks:
        lines.append(f"    FAILED {check}")
    if summary.get("published", True):
        lines.append(f"  warehouse: {summary['warehouse']} (published)")
    else:
        lines.append(f"  warehouse: {summary['warehouse']} NOT updated; the night stays in "
                     f"{summary.get('working')}")
    lines.append(f"  try: duckdb -readonly {summary['warehouse']} \"{TRY_QUERY}\"")
    return "\n".join(lines)
