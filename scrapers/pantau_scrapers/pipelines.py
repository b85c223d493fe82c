"""Item pipelines: drop second copies of an article, then archive each page as WARC."""

from __future__ import annotations

import logging
import os
from io import BytesIO
from pathlib import Path

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pantau_scrapers.items import RawPage

logger = logging.getLogger(__name__)

# Scrapy hands us decoded bodies; headers that describe the wire encoding would make a
# WARC reader try to decode them again.
_WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


def output_paths(output_dir: str | Path, outlet_id: str) -> tuple[Path, Path]:
    """(archive, report) paths of one outlet's crawl in an output folder."""
    folder = Path(output_dir)
    return folder / f"{outlet_id}.warc.gz", folder / f"{outlet_id}.crawl.json"


class CanonicalDedupPipeline:
    """One item per canonical URL: listing links with trackers or ?m=1 lead to the same page."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def process_item(self, item: RawPage) -> RawPage:
        if item.canonical_url in self._seen:
            raise DropItem(f"duplicate of {item.canonical_url}")
        self._seen.add(item.canonical_url)
        return item


class WarcArchivePipeline:
    """Write every fetched article page to ``<outlet>.warc.gz`` in the run's output folder.

    The archive is written under a ``.part`` name and renamed when the spider closes, so a
    crash never leaves a half archive that extraction would take for a finished crawl.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.output_dir = Path(crawler.settings.get("PANTAU_OUTPUT_DIR"))
        self._stream = None
        self._writer: WARCWriter | None = None
        self._part: Path | None = None
        self._final: Path | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcArchivePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        outlet_id = self.crawler.spider.outlet.id
        self.output_dir.mkdir(parents=True, exist_ok=True)
        self._final, _report = output_paths(self.output_dir, outlet_id)
        self._part = self._final.with_name(self._final.name + ".part")
        self._stream = self._part.open("wb")
        self._writer = WARCWriter(self._stream, gzip=True)
        info = self._writer.create_warcinfo_record(
            self._final.name,
            {"software": "Pantau (Scrapy)", "format": "WARC File Format 1.1",
             "outlet": outlet_id, "isPartOf": f"pantau-{outlet_id}"},
        )
        self._writer.write_record(info)

    def process_item(self, item: RawPage) -> RawPage:
        assert self._writer is not None
        headers = [
            (name, value)
            for name, values in item.headers.items()
            if name.lower() not in _WIRE_HEADERS
            for value in values
        ]
        http_headers = StatusAndHeaders(f"{item.status} OK", headers, protocol="HTTP/1.1")
        record = self._writer.create_warc_record(
            item.url,
            "response",
            payload=BytesIO(item.body),
            http_headers=http_headers,
            warc_headers_dict={
                "WARC-Date": item.fetched_at,
                "Pantau-Outlet": item.outlet_id,
                "Pantau-Canonical-URL": item.canonical_url,
                "Pantau-Discovered-Via": item.discovered_via,
            },
        )
        self._writer.write_record(record)
        return item

    def close_spider(self) -> None:
        if self._stream is None:
            return
        self._stream.flush()
        os.fsync(self._stream.fileno())
        self._stream.close()
        os.replace(self._part, self._final)
        logger.info("archived pages to %s", self._final)
