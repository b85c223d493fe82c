"""Local demo outlets: the bundled articles rendered as WordPress, Blogger or home-grown CMS
sites and served over HTTP on 127.0.0.1 (ephemeral ports), for demos and tests.

Each outlet of a registry whose base_url is ``http://127.0.0.1:0/`` gets its own server on a
free port; its pages are rendered once the port is known (feeds, sitemaps and canonical links
carry absolute URLs) and served from memory by the standard library's threading HTTP server,
with Content-Type, ETag and Last-Modified headers and 304 answers to conditional requests.
Faults make an outlet answer 500 to everything, or refuse connections, to exercise failure
handling.
"""

from __future__ import annotations

import hashlib
import logging
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import yaml
from pantau_scrapers.registry import Outlet, load_registry

from pantau.demo.themes import render_site

logger = logging.getLogger(__name__)

ARTICLES_DIR = Path(__file__).with_name("articles")
FAULTS = ("http500", "refuse")


@dataclass(frozen=True)
class DemoArticle:
    """One bundled article (see articles/FORMAT.md) with its gold annotations."""

    path: Path
    outlet_id: str
    title: str
    slug: str
    published: datetime
    date_style: str
    author: str
    categories: list[str]
    tags: list[str]
    split: str
    body: str
    gold: dict[str, Any] = field(default_factory=dict)


def load_articles(outlet_id: str, root: Path = ARTICLES_DIR) -> list[DemoArticle]:
    """An outlet's bundled articles, newest first; an error names the file at fault."""
    articles = []
    for path in sorted((root / outlet_id).glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            published = data["published"]
            published = (published if isinstance(published, datetime)
                         else datetime.fromisoformat(str(published)))
            articles.append(DemoArticle(
                path=path, outlet_id=outlet_id, title=str(data["title"]).strip(),
                slug=str(data["slug"]), published=published,
                date_style=data.get("date_style", "meta"), author=data.get("author") or "",
                categories=list(data.get("categories") or []), tags=list(data.get("tags") or []),
                split=data.get("split", "dev"), body=str(data["body"]).strip(),
                gold=data.get("gold") or {},
            ))
        except (yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}: not a valid demo article: {exc}") from exc
    return sorted(articles, key=lambda a: a.published, reverse=True)


def all_articles(root: Path = ARTICLES_DIR) -> list[DemoArticle]:
    return [a for folder in sorted(root.iterdir()) if folder.is_dir()
            for a in load_articles(folder.name, root)]


@dataclass
class Page:
    body: bytes
    content_type: str
    last_modified: datetime

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:20] + '"'


class Site:
    """The rendered pages of one outlet, keyed by path plus the query that matters."""

    def __init__(self, pages: dict[str, Page], fault: str | None) -> None:
        self.pages = pages
        self.fault = fault
        self.requested: list[str] = []
        self.lock = threading.Lock()

    def lookup(self, raw_path: str) -> Page | None:
        parts = urlsplit(raw_path)
        query = [(k, v) for k, v in parse_qsl(parts.query)
                 if k not in {"m", "alt"} and not k.startswith("utm_")]
        key = parts.path + (f"?{urlencode(sorted(query))}" if query else "")
        return self.pages.get(key) or self.pages.get(parts.path if not query else key)


class _Handler(BaseHTTPRequestHandler):
    server_version = "nginx"  # what most regional outlets answer with
    site: Site

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        with self.site.lock:
            self.site.requested.append(self.path)
        if self.site.fault == "http500":
            self._send(500, b"<html><body><h1>500 Internal Server Error</h1></body></html>",
                       "text/html; charset=UTF-8")
            return
        page = self.site.lookup(self.path)
        if page is None:
            self._send(404, b"<html><body><h1>Halaman tidak ditemukan</h1></body></html>",
                       "text/html; charset=UTF-8")
            return
        if self.headers.get("If-None-Match") == page.etag or self._not_modified_since(page):
            self.send_response(304)
            self.send_header("ETag", page.etag)
            self.end_headers()
            return
        self._send(200, page.body, page.content_type, page)

    def _not_modified_since(self, page: Page) -> bool:
        since = self.headers.get("If-Modified-Since")
        if not since:
            return False
        try:
            return page.last_modified.replace(microsecond=0) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False

    def _send(self, status: int, body: bytes, content_type: str, page: Page | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        if page is not None:
            self.send_header("ETag", page.etag)
            self.send_header("Last-Modified", format_datetime(page.last_modified, usegmt=True))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        logger.debug("%s %s", self.address_string(), format % args)


@dataclass
class RunningSites:
    """What `running_sites` yields: resolved outlets, their registry file, request logs."""

    outlets: list[Outlet]
    registry_path: Path
    sites: dict[str, Site]
    article_paths: dict[str, list[str]]

    def requests(self, outlet_id: str) -> list[str]:
        with self.sites[outlet_id].lock:
            return list(self.sites[outlet_id].requested)

    def article_urls(self, outlet_id: str) -> list[str]:
        base = next(o.base_url for o in self.outlets if o.id == outlet_id).rstrip("/")
        return [base + path for path in self.article_paths[outlet_id]]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_sites(
    registry_path: Path | str,
    faults: dict[str, str] | None = None,
    articles_root: Path = ARTICLES_DIR,
    work_dir: Path | None = None,
) -> Iterator[RunningSites]:
    """Serve every port-0 outlet of a registry; write the resolved registry; stop on exit."""
    faults = faults or {}
    for outlet_id, fault in faults.items():
        if fault not in FAULTS:
            raise ValueError(f"fault for {outlet_id!r} must be one of {FAULTS}, not {fault!r}")
    registry = load_registry(registry_path)
    servers: list[ThreadingHTTPServer] = []
    resolved: list[Outlet] = []
    sites: dict[str, Site] = {}
    article_paths: dict[str, list[str]] = {}
    with TemporaryDirectory(prefix="pantau-sites-") as scratch:
        folder = Path(work_dir) if work_dir else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        try:
            for outlet in registry:
                if urlsplit(outlet.base_url).port not in (0, None) or outlet.hostname != "127.0.0.1":
                    resolved.append(outlet)  # a real outlet: crawled as it is
                    continue
                fault = faults.get(outlet.id)
                if fault == "refuse":  # a port nobody listens on
                    resolved.append(outlet.model_copy(update={"base_url": f"http://127.0.0.1:{_free_port()}/"}))
                    sites[outlet.id] = Site({}, fault)
                    article_paths[outlet.id] = []
                    continue
                server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
                server.daemon_threads = True
                base_url = f"http://127.0.0.1:{server.server_address[1]}/"
                live = outlet.model_copy(update={"base_url": base_url})
                articles = load_articles(outlet.id, articles_root)
                pages, paths = render_site(live, articles)
                site = Site({path: Page(*page) for path, page in pages.items()}, fault)
                server.RequestHandlerClass = type(f"Handler_{outlet.id}", (_Handler,), {"site": site})
                threading.Thread(target=server.serve_forever, name=f"site-{outlet.id}",
                                 daemon=True).start()
                servers.append(server)
                resolved.append(live)
                sites[outlet.id] = site
                article_paths[outlet.id] = paths
            out = folder / "outlets.yaml"
            out.write_text(
                "# Written by pantau sites: the demo registry with the ports in use now.\n"
                + yaml.safe_dump({"outlets": [o.model_dump(exclude_defaults=True) | {
                    "id": o.id, "name": o.name, "base_url": o.base_url, "platform": o.platform,
                    "region_code": o.region_code} for o in resolved]},
                    sort_keys=False, allow_unicode=True),
                encoding="utf-8",
            )
            yield RunningSites(resolved, out, sites, article_paths)
        finally:
            for server in servers:
                server.shutdown()
                server.server_close()

