"""Crawl report: what one outlet's crawl did, written next to its archive when it closes; and
the outlet's time budget, after which the crawl is closed whatever it is waiting for."""

from __future__ import annotations

import json
import logging
import os
import time
from datetime import UTC, datetime
from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import _schedule_coro  # what Scrapy's CloseSpider extension uses

from pantau_scrapers.middlewares import PROBLEMS
from pantau_scrapers.pipelines import output_paths

logger = logging.getLogger(__name__)

# Exceptions that stand for a refusal or a cut, counted as problems by cause instead.
_NAMED_BY_CAUSE = {"IgnoreRequest", "DownloadCancelledError", "CancelledError",
                   "ResponseDataLossError"}


class CrawlReport:
    """Write ``<outlet>.crawl.json``: finish reason, counts of pages, statuses and errors."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.output_dir = Path(crawler.settings.get("PANTAU_OUTPUT_DIR"))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlReport:
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider, reason: str) -> None:  # noqa: ANN001
        stats = self.crawler.stats.get_stats()
        report = {
            "outlet_id": spider.outlet.id,
            "platform": spider.outlet.platform,
            "base_url": spider.outlet.base_url,
            "finish_reason": reason,
            "finished_at": datetime.now(UTC).isoformat(),
            "articles": stats.get("item_scraped_count", 0),
            "duplicates_dropped": stats.get("item_dropped_count", 0),
            "responses": stats.get("downloader/response_count", 0),
            "requests": stats.get("downloader/request_count", 0),
            "statuses": {
                key.rsplit("/", 1)[-1]: value
                for key, value in stats.items()
                if key.startswith("downloader/response_status_count/")
            },
            # Network errors by exception type, and the refusals BoundsMiddleware named by
            # cause (robots, too_large …) instead of by exception ("IgnoreRequest ×4").
            "errors": {
                **{
                    key.rsplit("/", 1)[-1]: value
                    for key, value in stats.items()
                    if key.startswith("downloader/exception_type_count/")
                    and key.rsplit(".", 1)[-1] not in _NAMED_BY_CAUSE
                },
                **{
                    kind: stats[f"pantau/problem/{kind}"]
                    for kind in PROBLEMS
                    if kind != "not_article" and stats.get(f"pantau/problem/{kind}")
                },
            },
            "robots_forbidden": stats.get("robotstxt/forbidden", 0),
            "log_errors": stats.get("log_count/ERROR", 0),
            "discovered": {
                source: stats.get(f"pantau/discovered/{source}", 0)
                for source in ("sitemap", "feed", "listing")
            },
            "not_article_pages": stats.get("pantau/not_article", 0),
            # What refused or cut pages, by cause: {kind: {"count": n, "example": url}}.
            "problems": {
                kind: {"count": stats[f"pantau/problem/{kind}"],
                       "example": stats.get(f"pantau/example/{kind}")}
                for kind in PROBLEMS
                if stats.get(f"pantau/problem/{kind}")
            },
            "time_budget_seconds": getattr(spider, "pantau_budget", None),
            "max_page_bytes": (getattr(spider.outlet, "max_page_bytes", None)
                               or self.crawler.settings.getint("DOWNLOAD_MAXSIZE")),
        }
        self.output_dir.mkdir(parents=True, exist_ok=True)
        _archive, path = output_paths(self.output_dir, spider.outlet.id)
        part = path.with_name(path.name + ".part")
        part.write_text(json.dumps(report, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(part, path)


class OutletBudget:
    """Close the crawl when the outlet's time budget is spent.

    The budget is the registry's ``time_budget_seconds`` or ``PANTAU_TIME_BUDGET``. The deadline
    is kept on the spider (``pantau_deadline``, monotonic): BoundsMiddleware gives each request
    only the time left and sends none after it, so requests in flight end by the deadline too
    and the crawl closes with the finish reason ``time_budget``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.call = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OutletBudget:
        extension = cls(crawler)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider) -> None:  # noqa: ANN001
        outlet = getattr(spider, "outlet", None)
        budget = getattr(outlet, "time_budget_seconds", None) or self.crawler.settings.getfloat(
            "PANTAU_TIME_BUDGET"
        )
        spider.pantau_budget = budget
        spider.pantau_deadline = time.monotonic() + budget
        self.call = call_later(budget, self._spent, budget)

    def _spent(self, budget: float) -> None:
        logger.warning("time budget of %g s spent: closing the crawl", budget)
        self.crawler.stats.set_value("pantau/time_budget_spent", True)
        _schedule_coro(self.crawler.engine.close_spider_async(reason="time_budget"))

    def spider_closed(self, spider) -> None:  # noqa: ANN001
        if self.call is not None:
            self.call.cancel()
            self.call = None
