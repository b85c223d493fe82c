"""Hostile outlets on 127.0.0.1 (pantau.demo.hostile) crawled by the real spiders: each ends
in its own outcome, with a reason that names the real cause, in the crawl's outcome line and
in ``crawl_runs``; no page over the size cap or cut short is archived."""

from __future__ import annotations

import json
import logging
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest
from pantau_scrapers.run import CrawlFailed, crawl_outlet
from pantau_transforms.batch import iter_archive

from pantau.demo.hostile import FAULTS, hostile_sites

pytestmark = pytest.mark.slow

# Sites that make a crawl wait get a small time budget; the others the default one, so that
# a loaded machine cannot turn their real reason into a spent budget.
SLOW = ("silent", "trickle")
BUDGET = 3

URL = r"http://127\.0\.0\.1:\d+"
ARTICLE = URL + r"/2024/11/13/rapat-koordinasi-pilkada/"
CAP = rf"^1 response\(s\) over the size cap of 8 MiB cut off and not stored \(e\.g\. {ARTICLE}\)"
REASONS = {
    "huge": CAP,
    "endless": CAP,
    "silent": rf"^time budget of {BUDGET} s spent with no article page fetched \(0 responses, 0 of "
              rf"them 2xx\); {URL}/ did not answer in time \(DownloadTimeoutError ×\d\)$",
    "trickle": rf"^time budget of {BUDGET} s spent with no article page fetched \(0 responses, 0 "
               rf"of them 2xx\); {URL}/ did not answer in time \(DownloadTimeoutError ×\d\)$",
    "robots": rf"^robots\.txt of {URL}/ disallows the pages asked for \(3 refused, e\.g\. {URL}/"
              r"\S*\); Pantau obeys it: ask the outlet to allow PantauBot or take it out of the "
              r"registry$",
    "offhost": rf"^{URL}/ redirects off its host \(\d×, e\.g\. {URL}/\S* -> "
               r"http://127\.0\.0\.2:\d+/\S*\); the crawl stays on the registry's host",
    "loop": rf"^{URL}/ redirects in a loop \({URL}/masuk/ -> {URL}/\); the site is misconfigured$",
    "nomarker": rf"^5 page\(s\) at article URLs carry no article marker of the generic platform "
                rf"\(e\.g\. {URL}/berita/\d/kabar-\d\); check the platform in the registry "
                r"\(\d+ responses with HTTP 2xx\)$",
    "badport": r"^base_url http://127\.0\.0\.1:70000/ cannot be fetched: Port out of range "
               r"0-65535; fix it in the registry$",
    "truncated": rf"^\d response\(s\) cut short — body shorter than its Content-Length or ended "
                 rf"before </html> — not stored as complete \(e\.g\. {ARTICLE}\)$",
    "cutshort": rf"^1 response\(s\) cut short — body shorter than its Content-Length or ended "
                rf"before </html> — not stored as complete \(e\.g\. {ARTICLE}\)$",
}


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@pytest.fixture(scope="module")
def hostile_crawls(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Every hostile outlet crawled once: fault -> reason (or None), report, archive, log."""
    work = tmp_path_factory.mktemp("hostile")
    lines = _Lines()
    run_log = logging.getLogger("pantau_scrapers.run")
    level = run_log.level
    run_log.setLevel(logging.INFO)
    run_log.addHandler(lines)
    quick = [fault for fault in FAULTS if fault not in SLOW]
    results: dict[str, dict] = {}
    try:
        with hostile_sites(quick, work / "quick") as fast, hostile_sites(
            list(SLOW), work / "slow", time_budget_seconds=BUDGET
        ) as slow:

            def crawl(fault: str) -> tuple[str, dict]:
                sites = slow if fault in SLOW else fast
                outlet = sites.outlet(fault)
                out = work / "out"
                try:
                    crawl_outlet(outlet, sites.registry_path, out)
                    reason = None
                except CrawlFailed as exc:
                    reason = str(exc).split(": ", 1)[1]
                report_path = out / f"{outlet.id}.crawl.json"
                archive = out / f"{outlet.id}.warc.gz"
                return fault, {
                    "reason": reason,
                    "report": json.loads(report_path.read_text()) if report_path.exists() else {},
                    "pages": list(iter_archive(archive)) if archive.exists() else [],
                    "requested": sites.requested.get(outlet.id, []),
                }

            with ThreadPoolExecutor(max_workers=3) as pool:
                results = dict(pool.map(crawl, FAULTS))
    finally:
        run_log.removeHandler(lines)
        run_log.setLevel(level)
    for fault, result in results.items():
        result["outcome"] = [line for line in lines.lines
                             if line.startswith(f"hostile-{fault}: outcome: ")]
    return results


@pytest.mark.parametrize("fault", sorted(REASONS))
def test_bounds_crawl_outlet_hostile_site_fails_with_its_real_cause(
    hostile_crawls: dict[str, dict], fault: str
) -> None:
    result = hostile_crawls[fault]
    assert result["reason"] is not None, f"{fault}: the crawl did not fail"
    assert re.search(REASONS[fault], result["reason"]), result["reason"]
    assert result["outcome"] == [f"hostile-{fault}: outcome: FAILED: {result['reason']}"]
    assert result["pages"] == []  # nothing cut, refused or markerless is archived


def test_bounds_crawl_outlet_oversized_page_is_cut_and_the_rest_kept(
    hostile_crawls: dict[str, dict],
) -> None:
    result = hostile_crawls["mixed"]
    assert result["reason"] is None
    (page,) = result["pages"]
    assert page[0].endswith("/2024/11/13/rapat-koordinasi-pilkada/")
    assert result["report"]["errors"] == {"too_large": 1}
    example = result["report"]["problems"]["too_large"]["example"]
    assert example.endswith("/2024/11/14/laporan-lengkap/")
    (outcome,) = result["outcome"]
    assert re.search(r"outcome: ok, 1 articles from \d+ responses .*; but 1 response\(s\) "
                     r"over the size cap of 8 MiB cut off and not stored "
                     r"\(e\.g\. \S+/laporan-lengkap/\)", outcome), outcome


@pytest.mark.parametrize(("fault", "kind"), [
    ("robots", "robots"), ("offhost", "offhost_redirect"), ("loop", "redirect_loop")])
def test_bounds_crawl_outlet_refusals_are_named_not_counted_as_ignore_request(
    hostile_crawls: dict[str, dict], fault: str, kind: str
) -> None:
    assert set(hostile_crawls[fault]["report"]["errors"]) == {kind}


def test_bounds_crawl_outlet_offhost_redirect_is_never_followed(
    hostile_crawls: dict[str, dict],
) -> None:
    # Every request the crawl sent reached the outlet's own server: none went to 127.0.0.2.
    result = hostile_crawls["offhost"]
    assert result["report"]["requests"] == len(result["requested"]) > 0


def test_bounds_crawl_outlet_robots_disallow_all_fetches_nothing_else(
    hostile_crawls: dict[str, dict],
) -> None:
    # Scrapy 2.19 let all but the first request that waited for robots.txt through (the home
    # page was fetched); pantau_scrapers.middlewares.RobotsTxtMiddleware checks every one.
    assert hostile_crawls["robots"]["requested"] == ["/robots.txt"]
    assert hostile_crawls["robots"]["report"]["robots_forbidden"] == 3


def test_bounds_crawl_outlet_slow_sites_end_at_their_budget(
    hostile_crawls: dict[str, dict],
) -> None:
    for fault in SLOW:
        report = hostile_crawls[fault]["report"]
        assert report["finish_reason"] == "time_budget"
        assert report["time_budget_seconds"] == BUDGET


def test_bounds_nightly_crawl_records_reason_in_crawl_runs(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from pantau_warehouse.load import connect, record_crawls

    from pantau import nightly

    with hostile_sites(["robots", "badport"], tmp_path / "sites") as sites:
        monkeypatch.setenv("PANTAU_OUTLETS", str(sites.registry_path))
        for fault in ("robots", "badport"):
            with pytest.raises(CrawlFailed):
                nightly.crawl(f"hostile-{fault}", "2024-11-14")
    con = connect(tmp_path / "w.duckdb")
    record_crawls(con, date(2024, 11, 14), nightly.crawl_verdicts("2024-11-14"))
    rows = dict(con.execute("select outlet_id, reason from crawl_runs where status = 'failed'")
                .fetchall())
    assert re.search(REASONS["robots"], rows["hostile-robots"])
    assert re.search(REASONS["badport"], rows["hostile-badport"])
