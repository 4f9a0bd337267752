"""The polite HTTP client: timeouts, a size limit, few redirects, conditional requests, gzip."""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from reader import __version__

USER_AGENT = f"reader/{__version__} (terminal news reader; feeds and pages fetched on the user's request)"
"""Who is asking: servers can tell the reader apart from a browser or a crawler."""

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 20.0
"""Seconds to connect, and seconds without a byte (and the budget for a whole body) before giving up."""

MAX_BYTES = 8 * 1024 * 1024
"""The most a response may hold once decompressed: a page or a feed is far less."""

MAX_REDIRECTS = 5
MAX_AT_ONCE = 4
"""At most this many fetches run at the same time, whoever asks."""

_SLOTS = threading.BoundedSemaphore(MAX_AT_ONCE)


class FetchError(Exception):
    """A fetch that failed, with a short reason fit to show (never a traceback)."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True)
class Response:
    """What a fetch brought back; status 304 means "not modified" and an empty body."""

    url: str
    """The final address, after redirects."""
    status: int
    body: bytes
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True)
class Limits:
    """The limits one fetch obeys (tests shorten the timeouts)."""

    connect_timeout: float = CONNECT_TIMEOUT
    read_timeout: float = READ_TIMEOUT
    max_bytes: int = MAX_BYTES
    max_redirects: int = MAX_REDIRECTS


def is_url(text: str) -> bool:
    """True for an http or https address."""
    return urlsplit(text).scheme.lower() in ("http", "https") and bool(urlsplit(text).netloc)


def fetch(url: str, *, etag: str | None = None, last_modified: str | None = None, limits: Limits = Limits()) -> Response:
    """GET a URL politely; raises FetchError with a reason for anything but a 2xx or a 304."""
    with _SLOTS:
        for _ in range(limits.max_redirects + 1):
            response, location = _get_once(url, etag, last_modified, limits)
            if location is None:
                return response
            url = location
        raise FetchError(url, f"more than {limits.max_redirects} redirects")


def _get_once(url: str, etag: str | None, last_modified: str | None, limits: Limits) -> tuple[Response, str | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(url, "not an http or https address")
    try:
        port = parts.port
    except ValueError:
        raise FetchError(url, "bad port") from None
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip",
               "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    if scheme == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            parts.hostname, port, timeout=limits.connect_timeout, context=ssl.create_default_context())
    else:
        conn = http.client.HTTPConnection(parts.hostname, port, timeout=limits.connect_timeout)
    try:
        try:
            conn.connect()
            conn.sock.settimeout(limits.read_timeout)
            conn.request("GET", path, headers=headers)
            reply = conn.getresponse()
            status = reply.status
            if status in (301, 302, 303, 307, 308):
                location = reply.getheader("Location")
                if not location:
                    raise FetchError(url, f"HTTP {status} without a Location")
                return Response(url, status, b""), urljoin(url, location)
            if status == 304:
                return Response(url, 304, b"", etag=etag, last_modified=last_modified), None
            if not 200 <= status < 300:
                raise FetchError(url, f"HTTP {status} {reply.reason}".rstrip())
            body = _read_body(url, reply, limits)
        except FetchError:
            raise
        except socket.gaierror:
            raise FetchError(url, "host not found") from None
        except (socket.timeout, TimeoutError):
            raise FetchError(url, "timed out") from None
        except ssl.SSLError as error:
            raise FetchError(url, f"TLS: {error.reason or error}") from None
        except ConnectionRefusedError:
            raise FetchError(url, "connection refused") from None
        except (OSError, http.client.HTTPException) as error:
            raise FetchError(url, _reason(error)) from None
        found = {k.lower(): v for k, v in reply.getheaders()}
        return Response(url, status, body, found.get("content-type", ""), found.get("etag"), found.get("last-modified"), found), None
    finally:
        conn.close()


def _read_body(url: str, reply: http.client.HTTPResponse, limits: Limits) -> bytes:
    """The body, gunzipped, refused past the size limit or the time budget (a slow drip is a timeout too)."""
    deadline = time.monotonic() + limits.read_timeout
    gzipped = (reply.getheader("Content-Encoding") or "").lower() in ("gzip", "x-gzip")
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError(url, "timed out")
        raw = reply.read1(64 * 1024) if hasattr(reply, "read1") else reply.read(64 * 1024)
        if not raw:
            break
        if inflate is not None:
            try:
                # max_length bounds what one chunk can inflate to: a gzip bomb stops at the limit
                data = inflate.decompress(raw, limits.max_bytes - size + 1)
            except zlib.error:
                raise FetchError(url, "bad gzip data") from None
        else:
            data = raw
        size += len(data)
        if size > limits.max_bytes:
            raise FetchError(url, f"larger than {limits.max_bytes:,} bytes")
        chunks.append(data)
    return b"".join(chunks)


def _reason(error: BaseException) -> str:
    text = getattr(error, "strerror", None) or str(error) or type(error).__name__
    return str(text)
