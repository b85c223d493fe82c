"""What every platform spider shares: the outlet, discovery from sitemaps, feeds and
listing pages, and the decision whether a fetched page is an article.

A platform subclass only declares data: where its feeds and sitemaps live, what an article
URL looks like, and which markup says "this page is one post". The outlet comes from the
registry (``-a outlet=<id> [-a registry=<file>]``), so one class serves every outlet of that
platform.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.http import Response
from scrapy.spiders import SitemapSpider
from w3lib.url import url_query_cleaner

from pantau_scrapers.items import RawPage
from pantau_scrapers.middlewares import record_problem
from pantau_scrapers.registry import Outlet, get_outlet

# Same list as the extraction side: parameters that never change an article's content.
TRACKING_PARAMS = ("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content",
                   "fbclid", "gclid", "m", "amp", "share")


class OutletSpider(SitemapSpider):
    """Crawl one outlet: sitemaps, feeds and paginated listings lead to article pages."""

    # --- platform data, overridden by subclasses -------------------------------------------
    default_sitemaps: tuple[str, ...] = ("/sitemap.xml",)
    default_feeds: tuple[str, ...] = ("/feed/",)
    # Regex on the URL path (query included) of an article page.
    default_article_path: str = r"^/\d{4}/\d{2}/[^/?#]+"
    # Only sitemaps whose URL matches are followed from a sitemap index.
    sitemap_follow_patterns: tuple[str, ...] = ("",)
    # Markup that marks a single post (any one is enough).
    article_markers: tuple[str, ...] = (
        "//meta[@property='og:type'][@content='article']",
    )
    # Links that lead to the next listing page.
    next_page_xpaths: tuple[str, ...] = (
        "//link[@rel='next']/@href",
        "//a[@rel='next']/@href",
        "//a[contains(concat(' ', normalize-space(@class), ' '), ' next ')]/@href",
    )

    def __init__(self, outlet: str, registry: str | None = None, *args: Any, **kwargs: Any):
        self.outlet: Outlet = get_outlet(outlet, registry)
        base = self.outlet.base_url
        self.allowed_domains = [self.outlet.hostname]
        self.sitemap_urls = [urljoin(base, p) for p in (self.outlet.sitemaps or self.default_sitemaps)]
        self.feed_urls = [urljoin(base, p) for p in (self.outlet.feeds or self.default_feeds)]
        self.article_path = re.compile(self.outlet.article_url_pattern or self.default_article_path)
        site = re.escape(f"{urlsplit(base).scheme}://{self.outlet.host}")
        path = self.article_path.pattern
        path = path[1:] if path.startswith("^") else ".*" + path
        self.sitemap_rules = [("^" + site + path, "parse_sitemap_entry")]
        self.sitemap_follow = list(self.sitemap_follow_patterns)
        self.download_delay = self.outlet.download_delay
        self.listing_pages = 0
        super().__init__(*args, **kwargs)

    # --- discovery ---------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Any]:
        async for request in super().start():  # sitemaps
            yield request
        for url in self.feed_urls:
            yield Request(url, callback=self.parse_feed, errback=self.ignore_missing)
        yield Request(self.outlet.base_url, callback=self.parse_listing)

    def sitemap_filter(self, entries: Iterable[dict[str, Any]]) -> Iterable[dict[str, Any]]:
        # The hook for incremental crawls (skip entries whose lastmod is older than the
        # last successful run) — every entry is kept until the archive keeps that date.
        for entry in entries:
            if self.is_article_url(entry.get("loc", "")):
                self.crawler.stats.inc_value("pantau/discovered/sitemap")
            yield entry

    def parse_sitemap_entry(self, response: Response) -> Iterable[Any]:
        yield from self.parse_article(response, discovered_via="sitemap")

    def parse_feed(self, response: Response) -> Iterable[Request]:
        response.selector.remove_namespaces()
        links = response.xpath("//item/link/text()").getall()
        links += response.xpath("//entry/link[@rel='alternate']/@href").getall()
        for link in links:
            url = self.clean_url(response.urljoin(link.strip()))
            if self.is_article_url(url):
                self.crawler.stats.inc_value("pantau/discovered/feed")
                yield Request(url, callback=self.parse_article, cb_kwargs={"discovered_via": "feed"})
        for link in response.xpath("//feed/link[@rel='next']/@href").getall():
            url = response.urljoin(link)
            if self.is_same_site(url):
                yield Request(url, callback=self.parse_feed)

    def parse_listing(self, response: Response) -> Iterable[Request]:
        self.listing_pages += 1
        for href in response.xpath("//a/@href").getall():
            url = self.clean_url(response.urljoin(href))
            if self.is_article_url(url):
                self.crawler.stats.inc_value("pantau/discovered/listing")
                yield Request(url, callback=self.parse_article,
                              cb_kwargs={"discovered_via": "listing"})
        if self.listing_pages >= self.outlet.max_listing_pages:
            return
        for xpath in self.next_page_xpaths:
            for href in response.xpath(xpath).getall():
                url = response.urljoin(href)
                if self.is_same_site(url):
                    yield Request(url, callback=self.parse_listing)

    def ignore_missing(self, failure: Any) -> None:
        """A feed the platform usually has may be switched off: note it, carry on."""
        self.logger.info("feed not available: %s", failure.request.url)

    # --- article pages -----------------------------------------------------------------------
    def parse_article(self, response: Response, discovered_via: str = "") -> Iterable[RawPage]:
        if not self.is_article_page(response):
            self.crawler.stats.inc_value("pantau/not_article")
            record_problem(self.crawler, "not_article", response.url)
            self.logger.debug("not an article page: %s", response.url)
            return
        if _cut_short(response):
            record_problem(self.crawler, "truncated", response.url)
            self.logger.warning("page cut short (connection closed before </html>): %s",
                                response.url)
            return
        canonical = response.xpath("//link[@rel='canonical']/@href").get()
        canonical_url = self.clean_url(response.urljoin(canonical)) if canonical else None
        if not canonical_url or not self.is_same_site(canonical_url):
            canonical_url = self.clean_url(response.url)
        yield RawPage(
            outlet_id=self.outlet.id,
            url=self.clean_url(response.url),
            canonical_url=canonical_url,
            status=response.status,
            headers={
                key.decode("latin-1"): [v.decode("latin-1") for v in values]
                for key, values in response.headers.items()
            },
            body=response.body,
            fetched_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            discovered_via=discovered_via,
        )

    def is_article_page(self, response: Response) -> bool:
        if not hasattr(response, "xpath"):  # images, PDFs
            return False
        return any(response.xpath(marker) for marker in self.article_markers)

    # --- URL helpers -------------------------------------------------------------------------
    def is_same_site(self, url: str) -> bool:
        return urlsplit(url).netloc == self.outlet.host

    def is_article_url(self, url: str) -> bool:
        if not self.is_same_site(url):
            return False
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return bool(self.article_path.search(path))

    @staticmethod
    def clean_url(url: str) -> str:
        return url_query_cleaner(url, TRACKING_PARAMS, remove=True, keep_fragments=False)


def _cut_short(response: Response) -> bool:
    """A page whose body the server ended by closing the connection (no Content-Length, so
    Scrapy flags it "partial") and that stops before ``</html>``: a truncated page, which must
    not be archived as if it were complete. A body shorter than its Content-Length already
    fails the download (DOWNLOAD_FAIL_ON_DATALOSS)."""
    if "partial" not in response.flags and "dataloss" not in response.flags:
        return False
    return b"</html" not in response.body[-4096:].lower()
