"""Run one outlet's crawl in its own process and judge the result.

Scrapy's Twisted reactor cannot be restarted inside a process, and an Airflow worker runs
many tasks, so every crawl is ``python -m scrapy crawl <platform> -a outlet=<id>`` in a
subprocess. The crawl leaves ``<outlet>.warc.gz`` and ``<outlet>.crawl.json``; this module
reads the report and raises :class:`CrawlFailed` with a reason a person can act on.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from pantau_scrapers.pipelines import output_paths
from pantau_scrapers.registry import Outlet

logger = logging.getLogger(__name__)

SCRAPY_PROJECT_DIR = Path(__file__).resolve().parents[1]
CRAWL_TIMEOUT_SECONDS = 3600


class CrawlFailed(RuntimeError):
    """An outlet gave no articles this night; the message says why."""


@dataclass(frozen=True)
class CrawlResult:
    outlet_id: str
    archive: Path
    report: dict


def crawl_outlet(outlet: Outlet, registry: Path, output_dir: Path) -> CrawlResult:
    """Crawl one outlet into ``output_dir``; raise CrawlFailed when it yields no article."""
    archive, report_path = output_paths(output_dir, outlet.id)
    for stale in (archive, report_path):
        stale.unlink(missing_ok=True)
    command = [
        sys.executable, "-m", "scrapy", "crawl", outlet.platform,
        "-a", f"outlet={outlet.id}", "-a", f"registry={registry}",
        "-s", f"PANTAU_OUTPUT_DIR={output_dir}",
    ]
    logger.info("crawling %s (%s) at %s", outlet.id, outlet.platform, outlet.base_url)
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "pantau_scrapers.settings"}
    try:
        completed = subprocess.run(
            command, cwd=SCRAPY_PROJECT_DIR, env=env, capture_output=True, text=True,
            timeout=CRAWL_TIMEOUT_SECONDS, check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise CrawlFailed(f"{outlet.id}: crawl did not finish in {CRAWL_TIMEOUT_SECONDS} s") from exc
    for line in completed.stderr.splitlines():
        if " ERROR" in line or " WARNING" in line or "Dumping Scrapy stats" in line:
            logger.info("scrapy: %s", line)
    if completed.returncode != 0 or not report_path.exists():
        lines = completed.stderr.strip().splitlines() or ["(no output)"]
        logger.error("scrapy output for %s:\n%s", outlet.id, "\n".join(lines[-30:]))
        raise CrawlFailed(
            f"{outlet.id}: scrapy exited with code {completed.returncode}: {lines[-1].strip()}"
        )
    report = json.loads(report_path.read_text(encoding="utf-8"))
    logger.info(
        "%s: %s articles from %s responses (statuses %s, errors %s)",
        outlet.id, report["articles"], report["responses"], report["statuses"], report["errors"],
    )
    if report["articles"] == 0:
        raise CrawlFailed(f"{outlet.id}: {failure_reason(report)}")
    return CrawlResult(outlet_id=outlet.id, archive=archive, report=report)


def failure_reason(report: dict) -> str:
    """Why a crawl gave nothing, in words: refused connections, HTTP errors, or an empty site."""
    base = report.get("base_url", "")
    errors = {name.rsplit(".", 1)[-1]: n for name, n in report.get("errors", {}).items()}
    statuses: dict = report.get("statuses", {})
    if errors:
        kinds = ", ".join(f"{name} ×{count}" for name, count in sorted(errors.items()))
        if any("ConnectionRefused" in name for name in errors):
            return f"connection refused by {base} ({kinds}); is the site down?"
        if any("Timeout" in name or "DNSLookup" in name for name in errors):
            return f"{base} did not answer ({kinds})"
        return f"download errors at {base}: {kinds}"
    bad = {code: n for code, n in statuses.items() if not code.startswith(("2", "3"))}
    if bad:
        codes = ", ".join(f"HTTP {code} ×{n}" for code, n in sorted(bad.items()))
        return f"{base} answered with errors only: {codes}"
    if report.get("robots_forbidden"):
        return f"robots.txt of {base} forbids {report['robots_forbidden']} pages and no article was allowed"
    return (f"no article pages found at {base} ({report.get('responses', 0)} responses; "
            "check the platform and article_url_pattern in the registry)")
