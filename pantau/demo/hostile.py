"""Hostile outlets on 127.0.0.1: sites that are huge, silent, slow, forbidding, redirecting
away or in circles, markerless, truncated or unreachable, as real regional sites can be.

Each is a small WordPress-like (or generic) site served by the standard library's threading
HTTP server on an ephemeral port of 127.0.0.1 — never another address. One healthy article
page is there for the sites whose fault lies elsewhere, so a crawl that gets past the fault
would find it. Used by the tests of the crawl's bounds and reasons and by
``benchmarks/hostile.py``.

    with hostile_sites(["huge", "robots"], work_dir) as sites:
        crawl_outlet(sites.outlet("huge"), sites.registry_path, out)
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml
from pantau_scrapers.registry import Outlet, load_registry

ARTICLE_PATH = "/2024/11/13/rapat-koordinasi-pilkada/"
BODY = (
    "<p>SELONG – Sekretaris Daerah Kabupaten Lombok Timur memimpin rapat koordinasi persiapan "
    "Pilkada serentak 2024 di ruang rapat kantor bupati, Rabu (13/11/2024). Rapat dihadiri "
    "camat, kepala desa dan unsur Forkopimda.</p>"
    "<p>Dalam rapat itu ia meminta semua pihak menjaga ketertiban selama masa tenang dan hari "
    "pemungutan suara, serta memastikan logistik tiba tepat waktu di setiap TPS.</p>"
)


def article_html(marker: bool = True, padding: int = 0) -> bytes:
    """One article page: WordPress's single-post markers unless ``marker`` is false."""
    meta = '<meta property="og:type" content="article">' if marker else ""
    body_class = "single single-post" if marker else "home"
    pad = "<!-- " + "x" * padding + " -->" if padding else ""
    return (
        f"<!doctype html><html lang='id'><head><title>Rapat koordinasi Pilkada</title>{meta}"
        f"</head><body class='{body_class}'><div class='content'><h1>Rapat koordinasi "
        f"Pilkada serentak</h1>{BODY}{pad}</div></body></html>"
    ).encode()


HUGE_PATH = "/2024/11/14/laporan-lengkap/"
HOME = (
    f"<!doctype html><html><head><title>Kabar Uji</title></head><body>"
    f"<a href='{ARTICLE_PATH}'>Rapat koordinasi Pilkada</a></body></html>"
).encode()
MIXED_HOME = HOME.replace(b"</body>", f"<a href='{HUGE_PATH}'>Laporan lengkap</a></body>".encode())

# What each hostile site does; the keys are the fault names.
FAULTS = {
    "huge": "its article page declares and sends 50 MB",
    "endless": "its article page streams without end and without a Content-Length",
    "silent": "accepts connections and never answers",
    "trickle": "answers one byte a second",
    "robots": "robots.txt says Disallow: /",
    "offhost": "redirects every page to another host",
    "loop": "redirects its pages in a circle",
    "nomarker": "serves generic pages without an article marker (and no feed)",
    "badport": "its base_url has a port out of range",
    "truncated": "its article page is cut short of its Content-Length",
    "cutshort": "its article page has no Content-Length and stops before </html>",
    "mixed": "one healthy article page and one of 50 MB",
}
HUGE_BYTES = 50 * 1024 * 1024
CHUNK = 64 * 1024


class _Handler(BaseHTTPRequestHandler):
    fault: str
    stopping: threading.Event
    requested: list[str]

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        self.requested.append(self.path)
        path = self.path.split("?", 1)[0]
        fault = self.fault
        if fault == "silent":
            self.stopping.wait()  # the connection stays open, nothing is ever written
            return
        if fault == "trickle":
            self._trickle()
            return
        if path == "/robots.txt":
            rules = "User-agent: *\nDisallow: /\n" if fault == "robots" else "User-agent: *\n"
            self._send(200, rules.encode(), "text/plain")
            return
        if fault == "offhost":
            # Another loopback address: never contacted (the crawl stays on its host), and if
            # it were, the traffic would still not leave this machine.
            self._redirect(f"http://127.0.0.2:{self.server.server_address[1]}{self.path}")
            return
        if fault == "loop":
            self._redirect("/masuk/" if path != "/masuk/" else "/")
            return
        if fault == "nomarker":
            self._nomarker(path)
            return
        if path == "/":
            self._send(200, MIXED_HOME if fault == "mixed" else HOME)
        elif path == HUGE_PATH and fault == "mixed":
            self._stream(HUGE_BYTES, declared=True)
        elif path == ARTICLE_PATH and fault == "huge":
            self._stream(HUGE_BYTES, declared=True)
        elif path == ARTICLE_PATH and fault == "endless":
            self._stream(HUGE_BYTES, declared=False)
        elif path == ARTICLE_PATH and fault == "truncated":
            page = article_html(padding=20000)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=UTF-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page[: len(page) // 3])  # then the connection closes
            self.wfile.flush()
            self.close_connection = True
        elif path == ARTICLE_PATH and fault == "cutshort":
            page = article_html(padding=20000)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=UTF-8")
            self.end_headers()  # no Content-Length: the body ends when the connection does
            self.wfile.write(page[: len(page) // 3])
            self.close_connection = True
        elif path == ARTICLE_PATH:
            self._send(200, article_html())
        else:
            self._send(404, b"<html><body><h1>Halaman tidak ditemukan</h1></body></html>")

    def _nomarker(self, path: str) -> None:
        """A home-grown CMS whose article pages carry no marker the generic spider knows."""
        links = "".join(f"<a href='/berita/{n}/kabar-{n}'>Kabar {n}</a>" for n in range(1, 6))
        if path == "/robots.txt":
            self._send(200, b"User-agent: *\n", "text/plain")
        elif path == "/":
            self._send(200, f"<html><body>{links}</body></html>".encode())
        elif path.startswith("/berita/"):
            self._send(200, article_html(marker=False).replace(b"<h1>", b"<h2>"))
        else:
            self._send(404, b"<html><body><h1>Halaman tidak ditemukan</h1></body></html>")

    def _trickle(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=UTF-8")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        for byte in HOME * 100:
            if self.stopping.wait(1.0):
                return
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:  # the crawler gave up and closed the connection
                return

    def _stream(self, size: int, declared: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=UTF-8")
        if declared:
            self.send_header("Content-Length", str(size))
        self.end_headers()
        chunk = b"<p>" + b"Berita panjang sekali. " * (CHUNK // 24) + b"</p>\n"
        sent = 0
        try:
            self.wfile.write(article_html()[:-14])
            while sent < size and not self.stopping.is_set():
                self.wfile.write(chunk)
                sent += len(chunk)
        except OSError:  # cut off by the crawler's size cap
            return
        self.close_connection = True

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=UTF-8"
              ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            return

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet in tests
        return


@dataclass
class HostileSites:
    """What `hostile_sites` yields: the outlets, their registry file, the paths each was asked."""

    outlets: list[Outlet]
    registry_path: Path
    requested: dict[str, list[str]]

    def outlet(self, fault: str) -> Outlet:
        return next(o for o in self.outlets if o.id == f"hostile-{fault}")


@contextmanager
def hostile_sites(
    faults: list[str], work_dir: Path, **outlet_fields: Any
) -> Iterator[HostileSites]:
    """Serve one hostile outlet per fault on 127.0.0.1; write their registry; stop on exit.

    ``outlet_fields`` go into every outlet's registry entry (``time_budget_seconds=5`` …).
    """
    unknown = sorted(set(faults) - set(FAULTS))
    if unknown:
        raise ValueError(f"unknown faults {unknown}; known: {sorted(FAULTS)}")
    stopping = threading.Event()
    servers: list[ThreadingHTTPServer] = []
    entries: list[dict[str, Any]] = []
    requested: dict[str, list[str]] = {}
    try:
        for fault in faults:
            outlet_id = f"hostile-{fault}"
            requested[outlet_id] = []
            entry: dict[str, Any] = {
                "id": outlet_id, "name": f"Kabar Uji ({FAULTS[fault]})",
                "platform": "generic" if fault == "nomarker" else "wordpress",
                "region_code": "52.03", "download_delay": 0, **outlet_fields,
            }
            if fault == "badport":
                entry["base_url"] = "http://127.0.0.1:70000/"
            else:
                handler = type(f"Handler_{fault}", (_Handler,),
                               {"fault": fault, "stopping": stopping,
                                "requested": requested[outlet_id]})
                server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
                server.daemon_threads = True
                threading.Thread(target=server.serve_forever, name=outlet_id, daemon=True).start()
                servers.append(server)
                entry["base_url"] = f"http://127.0.0.1:{server.server_address[1]}/"
            entries.append(entry)
        work_dir.mkdir(parents=True, exist_ok=True)
        registry = work_dir / "hostile.yaml"
        registry.write_text(yaml.safe_dump({"outlets": entries}, sort_keys=False), encoding="utf-8")
        yield HostileSites(load_registry(registry), registry, requested)
    finally:
        stopping.set()
        for server in servers:
            server.shutdown()
            server.server_close()
