"""Downloader middlewares: the bounds of one outlet's crawl, and the real cause of what failed.

Scrapy's own middlewares obey robots.txt, stay on the outlet's host, follow redirects and cap
response sizes; each says no with an ``IgnoreRequest`` or a cancelled download, which the stats
only count by exception type ("IgnoreRequest ×4"). BoundsMiddleware names each refusal as a
*problem* — ``robots``, ``offhost_redirect``, ``redirect_loop``, ``too_large``, ``truncated``,
``time_budget`` — with a count and the first URL, in the stats ``pantau/problem/<kind>`` and
``pantau/example/<kind>`` that the crawl report turns into a reason a person can act on.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxt
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

PROBLEMS = ("robots", "offhost_redirect", "redirect_loop", "too_large", "truncated",
            "time_budget", "not_article")

# Seconds a request is given at least; with less left of the budget it is not sent at all.
MIN_REQUEST_SECONDS = 0.5


def record_problem(crawler: Crawler, kind: str, example: str) -> None:
    """Count one problem of a kind; keep the first example (a URL, or "A -> B")."""
    assert kind in PROBLEMS, kind
    stats = crawler.stats
    stats.inc_value(f"pantau/problem/{kind}")
    if stats.get_value(f"pantau/example/{kind}") is None:
        stats.set_value(f"pantau/example/{kind}", example)


class BoundsMiddleware:
    """Per request: the outlet's size cap and the time left of its budget. Per response: an
    off-host redirect or a redirect loop is refused and named. Per failure: the cause named."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.timeout = crawler.settings.getfloat("DOWNLOAD_TIMEOUT")
        self.maxsize = crawler.settings.getint("DOWNLOAD_MAXSIZE")
        self.redirects: dict[str, str] = {}  # redirect source -> target, of this crawl

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BoundsMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        outlet = getattr(spider, "outlet", None)
        maxsize = getattr(outlet, "max_page_bytes", None) or self.maxsize
        request.meta.setdefault("download_maxsize", maxsize)
        deadline = getattr(spider, "pantau_deadline", None)
        if deadline is None:
            return
        left = deadline - time.monotonic()
        if left < MIN_REQUEST_SECONDS:
            record_problem(self.crawler, "time_budget", request.url)
            raise IgnoreRequest("the outlet's time budget is spent")
        # The request may not outlive the budget: a trickling server cannot stretch it.
        request.meta["download_timeout"] = min(
            request.meta.get("download_timeout", self.timeout), left
        )

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        location = response.headers.get(b"Location")
        if not (300 <= response.status < 400 and location):
            return response
        target = urljoin(request.url, location.decode("latin-1"))
        if urlsplit(target).netloc != urlsplit(request.url).netloc:
            record_problem(self.crawler, "offhost_redirect", f"{request.url} -> {target}")
            raise IgnoreRequest(f"redirect off the outlet's host to {target}")
        # Every redirect of the crawl is an edge; one whose target leads back to its source is
        # a loop. Scrapy alone would follow it up to REDIRECT_MAX_TIMES, or drop the repeat as a
        # duplicate request, and say nothing.
        source = _url_key(request.url)
        self.redirects[source] = _url_key(target)
        step, path = _url_key(target), [request.url]
        for _ in range(len(self.redirects)):
            if step == source:
                record_problem(self.crawler, "redirect_loop", " -> ".join([*path, target]))
                raise IgnoreRequest(f"redirect loop back to {target}")
            if step not in self.redirects:
                break
            step = self.redirects[step]
        return response

    def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> None:
        kind = _problem_of(exception)
        if kind is not None:
            record_problem(self.crawler, kind, request.url)


def _url_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path}?{parts.query}"


def _problem_of(exception: Any) -> str | None:
    """The problem a download failure stands for, or None for network errors (named by type)."""
    name = type(exception).__name__
    message = str(exception)
    if isinstance(exception, IgnoreRequest) and "robots.txt" in message:
        return "robots"
    if name in {"DownloadCancelledError", "CancelledError"}:
        return "too_large"  # the size cap is what cancels a download (a timeout has its own)
    if name in {"ResponseDataLossError", "_DataLoss"} or "DataLoss" in message:
        return "truncated"
    return None


class RobotsTxtMiddleware(ScrapyRobotsTxt):
    """Scrapy's, with every request checked against the parsed robots.txt.

    In Scrapy 2.19 the requests that wait for a site's robots.txt share one Deferred; the first
    waiter's callback returns None, so the second and later waiters get None — "no robots.txt"
    — and are sent whatever it says (a site with ``Disallow: /`` had its home page fetched).
    The parser is stored before the Deferred fires, so it is read from there.
    """

    async def robot_parser(self, request: Request) -> RobotParser | None:
        parser = await super().robot_parser(request)
        stored = self._parsers.get(urlparse_cached(request).netloc)
        if parser is None and stored is not None and not isinstance(stored, Deferred):
            return stored
        return parser
