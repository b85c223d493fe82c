"""Crawl report: what one outlet's crawl did, written next to its archive when it closes."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler

from pantau_scrapers.pipelines import output_paths


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
            "errors": {
                key.rsplit("/", 1)[-1]: value
                for key, value in stats.items()
                if key.startswith("downloader/exception_type_count/")
            },
            "robots_forbidden": stats.get("robotstxt/forbidden", 0),
            "log_errors": stats.get("log_count/ERROR", 0),
            "discovered": {
                source: stats.get(f"pantau/discovered/{source}", 0)
                for source in ("sitemap", "feed", "listing")
            },
            "not_article_pages": stats.get("pantau/not_article", 0),
        }
        self.output_dir.mkdir(parents=True, exist_ok=True)
        _archive, path = output_paths(self.output_dir, spider.outlet.id)
        part = path.with_name(path.name + ".part")
        part.write_text(json.dumps(report, indent=2, sort_keys=True), encoding="utf-8")
        os.replace(part, path)
