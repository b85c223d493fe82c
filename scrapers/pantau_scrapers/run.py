"""Run one outlet's crawl in its own process and judge the result.

Scrapy's Twisted reactor cannot be restarted inside a process, and an Airflow worker runs
many tasks, so every crawl is ``python -m scrapy crawl <platform> -a outlet=<id>`` in a
subprocess. The crawl leaves ``<outlet>.warc.gz`` and ``<outlet>.crawl.json``; this module
reads the report and raises :class:`CrawlFailed` with a reason a person can act on.

The subprocess is bounded (see :mod:`pantau_scrapers.process`): it is ended when the outlet's
time budget and a grace period to close are spent, and when its parent is terminated.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from pantau_scrapers import settings as crawl_settings
from pantau_scrapers.pipelines import output_paths
from pantau_scrapers.process import run_bounded
from pantau_scrapers.registry import Outlet

logger = logging.getLogger(__name__)

SCRAPY_PROJECT_DIR = Path(__file__).resolve().parents[1]
# After its time budget a crawl closes by itself (OutletBudget); past this much more time it is
# ended from outside (Python and Scrapy start up in ~2 s, closing writes two files).
CLOSE_GRACE_SECONDS = 60


class CrawlFailed(RuntimeError):
    """An outlet gave no articles this night; the message says why."""


@dataclass(frozen=True)
class CrawlResult:
    outlet_id: str
    archive: Path
    report: dict


def time_budget(outlet: Outlet) -> float:
    """Seconds the outlet's crawl may take: the registry's, else the settings' default."""
    return outlet.time_budget_seconds or float(crawl_settings.PANTAU_TIME_BUDGET)


def url_problem(url: str) -> str | None:
    """Why a base URL cannot be crawled at all (a port out of range …), or None."""
    try:
        urlsplit(url).port  # noqa: B018 - parsing the port is the check
    except ValueError as exc:
        return f"base_url {url} cannot be fetched: {exc}; fix it in the registry"
    return None


def crawl_outlet(outlet: Outlet, registry: Path, output_dir: Path) -> CrawlResult:
    """Crawl one outlet into ``output_dir``; raise CrawlFailed when it yields no article."""
    archive, report_path = output_paths(output_dir, outlet.id)
    for stale in (archive, report_path):
        stale.unlink(missing_ok=True)
    if problem := url_problem(outlet.base_url):
        logger.error("%s: outcome: FAILED: %s", outlet.id, problem)
        raise CrawlFailed(f"{outlet.id}: {problem}")
    command = [
        sys.executable, "-m", "scrapy", "crawl", outlet.platform,
        "-a", f"outlet={outlet.id}", "-a", f"registry={registry}",
        "-s", f"PANTAU_OUTPUT_DIR={output_dir}",
    ]
    budget = time_budget(outlet)
    logger.info("crawling %s (%s) at %s, time budget %g s", outlet.id, outlet.platform,
                outlet.base_url, budget)
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "pantau_scrapers.settings"}
    finished = run_bounded(command, timeout=budget + CLOSE_GRACE_SECONDS,
                           cwd=SCRAPY_PROJECT_DIR, env=env)
    for line in finished.stderr.splitlines():
        if " ERROR" in line or " WARNING" in line or "Dumping Scrapy stats" in line:
            logger.info("scrapy: %s", line)
    if finished.timed_out:
        reason = (f"crawl ended from outside after {budget + CLOSE_GRACE_SECONDS:g} s: it did "
                  f"not close within {CLOSE_GRACE_SECONDS} s of its {budget:g} s time budget")
        logger.error("%s: outcome: FAILED: %s", outlet.id, reason)
        raise CrawlFailed(f"{outlet.id}: {reason}")
    if finished.returncode != 0 or not report_path.exists():
        lines = finished.stderr.strip().splitlines() or ["(no output)"]
        logger.error("scrapy output for %s:\n%s", outlet.id, "\n".join(lines[-30:]))
        raise CrawlFailed(
            f"{outlet.id}: scrapy exited with code {finished.returncode}: {lines[-1].strip()}"
        )
    report = json.loads(report_path.read_text(encoding="utf-8"))
    if report.get("finish_reason") == "start_error":
        report["start_error"] = _last_exception(finished.stderr)
    if report["articles"] == 0:
        reason = failure_reason(report)
        logger.error("%s: outcome: FAILED: %s", outlet.id, reason)
        raise CrawlFailed(f"{outlet.id}: {reason}")
    logger.info("%s: outcome: %s", outlet.id, outcome(report))
    return CrawlResult(outlet_id=outlet.id, archive=archive, report=report)


_EXCEPTION_LINE = re.compile(r"^(?:[\w.]+\.)?\w+(?:Error|Exception): .+")


def _last_exception(stderr: str) -> str | None:
    lines = [line.strip() for line in stderr.splitlines() if _EXCEPTION_LINE.match(line.strip())]
    return lines[-1] if lines else None


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:g} MiB" if count >= 1024 * 1024 else f"{count / 1024:g} KiB"


def problem_text(kind: str, problem: dict, report: dict) -> str:
    """One problem of a crawl in words, with its count and first example."""
    count, example = problem["count"], problem.get("example")
    base = report.get("base_url", "")
    texts = {
        "robots": f"robots.txt of {base} disallows the pages asked for ({count} refused, "
                  f"e.g. {example}); Pantau obeys it: ask the outlet to allow PantauBot or "
                  "take it out of the registry",
        "offhost_redirect": f"{base} redirects off its host ({count}×, e.g. {example}); the "
                            "crawl stays on the registry's host: update base_url if the outlet "
                            "moved",
        "redirect_loop": f"{base} redirects in a loop ({example}); the site is misconfigured",
        "too_large": f"{count} response(s) over the size cap of "
                     f"{_size(report.get('max_page_bytes') or 0)} cut off and not stored "
                     f"(e.g. {example}); raise max_page_bytes for this outlet if its pages "
                     "really are that big",
        "truncated": f"{count} response(s) cut short — body shorter than its Content-Length or "
                     f"ended before </html> — not stored as complete (e.g. {example})",
        "time_budget": f"{count} request(s) not sent: the time budget was spent "
                       f"(e.g. {example})",
        "not_article": f"{count} page(s) at article URLs carry no article marker of the "
                       f"{report.get('platform')} platform (e.g. {example}); check the "
                       "platform in the registry",
    }
    return texts[kind]


def outcome(report: dict) -> str:
    """An ok crawl in one line: articles, responses, and each page refused or cut, by cause."""
    line = (f"ok, {report['articles']} articles from {report['responses']} responses "
            f"(statuses {report['statuses']})")
    problems = {k: v for k, v in report.get("problems", {}).items() if k != "not_article"}
    if problems:
        line += "; but " + "; ".join(problem_text(k, v, report) for k, v in problems.items())
    return line


def failure_reason(report: dict) -> str:
    """Why a crawl gave nothing, in words: the real cause first (start error, time budget,
    robots.txt, redirects, size cap, truncation), then network errors and HTTP errors, then
    pages that are not articles."""
    base = report.get("base_url", "")
    problems: dict = report.get("problems", {})
    problem_kinds = set(problems)
    network = {name.rsplit(".", 1)[-1]: n for name, n in report.get("errors", {}).items()
               if name not in problem_kinds}
    kinds = ", ".join(f"{name} ×{count}" for name, count in sorted(network.items()))
    statuses: dict = report.get("statuses", {})
    if report.get("finish_reason") == "start_error":
        return (f"the crawl could not start: {report.get('start_error') or 'see the task log'}"
                "; check base_url, feeds and sitemaps in the registry")
    if report.get("finish_reason") == "time_budget":
        answered = sum(n for code, n in statuses.items() if code.startswith("2"))
        text = (f"time budget of {report.get('time_budget_seconds'):g} s spent with no article "
                f"page fetched ({report.get('responses', 0)} responses, {answered} of them 2xx)")
        if network:
            text += f"; {base} did not answer in time ({kinds})"
        return text
    for kind in ("robots", "offhost_redirect", "redirect_loop", "too_large", "truncated"):
        if kind in problems:
            return problem_text(kind, problems[kind], report)
    if network:
        if any("ConnectionRefused" in name for name in network):
            return f"connection refused by {base} ({kinds}); is the site down?"
        if any("Timeout" in name or "DNSLookup" in name or "CannotResolve" in name
               for name in network):
            return f"{base} did not answer ({kinds})"
        return f"download errors at {base}: {kinds}"
    ok = sum(n for code, n in statuses.items() if code.startswith("2"))
    if "not_article" in problems:
        return problem_text("not_article", problems["not_article"], report) + (
            f" ({ok} responses with HTTP 2xx)")
    bad = {code: n for code, n in statuses.items() if not code.startswith(("2", "3"))}
    if bad and not ok:
        codes = ", ".join(f"HTTP {code} ×{n}" for code, n in sorted(bad.items()))
        return f"{base} answered with errors only: {codes}"
    if report.get("robots_forbidden"):
        return (f"robots.txt of {base} forbids {report['robots_forbidden']} pages and no "
                "article was allowed")
    return (f"no article pages found at {base} ({report.get('responses', 0)} responses, "
            f"statuses {statuses}; check the platform and article_url_pattern in the registry)")
