"""A local HTTP server on 127.0.0.1, in a thread, serving the feed and page fixtures of tests/data/feeds."""

from __future__ import annotations

import gzip
import threading
import zlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

FIXTURES = Path(__file__).resolve().parent / "data" / "feeds"
ETAG = '"v1"'


def big_feed(entries: int = 1000) -> bytes:
    """An RSS 2.0 feed of many short entries, each with its own text (no page to fetch)."""
    items = "".join(
        f"<item><title>Bulletin number {n}</title><link>http://127.0.0.1/big/{n}</link><guid>big-{n}</guid>"
        f"<pubDate>Mon, 02 Jun 2025 08:00:00 GMT</pubDate><description>&lt;p&gt;Bulletin {n}: "
        + "the market in Kayes opened at dawn and the traders counted their stock before the heat. " * 8
        + "&lt;/p&gt;</description></item>" for n in range(entries))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title><link>http://127.0.0.1/</link>{items}'
            "</channel></rss>").encode()


@dataclass
class FeedServer:
    """The running server: its base address and the requests it saw (path, headers)."""

    base: str
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return self.base + path


def _routes(base: str) -> dict[str, tuple[int, dict[str, str], bytes]]:
    # the fixtures name http://127.0.0.1/ for the server: each run's port is put in
    read = lambda name: (FIXTURES / name).read_bytes().replace(b"http://127.0.0.1/", base.encode() + b"/")  # noqa: E731
    xml = {"Content-Type": "application/rss+xml; charset=utf-8"}
    html = {"Content-Type": "text/html; charset=utf-8"}
    return {
        "/rss2.xml": (200, xml, read("rss2.xml")),
        "/atom.xml": (200, {"Content-Type": "application/atom+xml"}, read("atom.xml")),
        "/rss1.xml": (200, {"Content-Type": "application/rdf+xml"}, read("rss1.xml")),

        "/gzip.xml": (200, {**xml, "Content-Encoding": "gzip"}, gzip.compress(read("rss1.xml"))),
        "/malformed.xml": (200, xml, read("malformed.xml")),
        "/bomb.xml": (200, xml, read("bomb.xml")),
        "/home.html": (200, html, read("not-a-feed.html")),
        "/pages/gaz.html": (200, html, read("gaz.html")),
        "/pages/bus.html": (200, html, read("bus.html")),
        "/missing.xml": (404, {}, b"not here"),
        "/error.xml": (500, {}, b"oops"),
    }


def _gzip_of_spaces(mebibytes: int) -> bytes:
    """Gzip data that inflates to this many MiB, built a MiB at a time (the server never holds it whole)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = b" " * (1024 * 1024)
    return b"".join([packer.compress(b"<rss>")] + [packer.compress(chunk) for _ in range(mebibytes)] + [packer.flush()])


LAZY = {
    "/big.xml": lambda: (200, {"Content-Type": "application/rss+xml"}, big_feed()),
    # 16 MiB of spaces in 16 KiB: a gzip bomb in miniature
    "/gzip-bomb.xml": lambda: (200, {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"},
                               _gzip_of_spaces(16)),
}


def start_server() -> tuple[ThreadingHTTPServer, FeedServer]:
    state: dict[str, FeedServer] = {}
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # the test output stays clean
            pass

        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            server = state["server"]
            server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            if self.path == "/never":
                server.release.wait(30)  # never answers within the test's timeout
                return
            if self.path == "/conditional.xml":
                if self.headers.get("If-None-Match") == ETAG:
                    self.send_response(304)
                    self.end_headers()
                    return
                self._send(200, {"Content-Type": "application/rss+xml", "ETag": ETAG,
                                 "Last-Modified": "Mon, 23 Jun 2025 10:00:00 GMT"}, routes["/rss1.xml"][2])
                return
            if self.path.startswith("/redirect/"):
                hops = int(self.path.split("/")[2])
                target = "/rss1.xml" if hops <= 1 else f"/redirect/{hops - 1}"
                self._send(302, {"Location": target}, b"")
                return
            if self.path in LAZY and self.path not in routes:  # made on first use: they take a moment to build
                routes[self.path] = LAZY[self.path]()
            status, headers, body = routes.get(self.path, (404, {}, b"no such fixture"))
            self._send(status, headers, body)

        def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server = FeedServer(f"http://127.0.0.1:{httpd.server_address[1]}")
    routes.update(_routes(server.base))
    state["server"] = server
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, server


@pytest.fixture(scope="module")
def feed_server() -> Iterator[FeedServer]:
    """The fixture server for a test module; stopped (and its silent handler released) at the end."""
    httpd, server = start_server()
    try:
        yield server
    finally:
        server.release.set()
        httpd.shutdown()
        httpd.server_close()
