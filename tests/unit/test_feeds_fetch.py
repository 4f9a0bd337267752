"""The polite fetcher and the feed parser, against the local fixture server."""

from __future__ import annotations

import gzip
import resource
import socket

import pytest

from reader.feeds.fetch import USER_AGENT, FetchError, Limits, fetch, is_url
from reader.feeds.parse import FeedError, looks_like_feed, parse_feed
from tests.httpfixture import ETAG, FIXTURES, big_feed, feed_server  # noqa: F401 - feed_server is a fixture

SHORT = Limits(connect_timeout=0.5, read_timeout=0.5)
"""Short enough that the silent server costs the suite half a second."""


def test_the_request_names_the_reader_and_asks_for_gzip(feed_server) -> None:
    response = fetch(feed_server.url("/gzip.xml"), limits=SHORT)
    assert response.body == (FIXTURES / "rss1.xml").read_bytes().replace(b"http://127.0.0.1/", feed_server.base.encode() + b"/")
    _, headers = next(r for r in reversed(feed_server.requests) if r[0] == "/gzip.xml")
    assert headers["user-agent"] == USER_AGENT and USER_AGENT.startswith("reader/")
    assert headers["accept-encoding"] == "gzip"


def test_a_conditional_request_gets_a_304_with_no_body(feed_server) -> None:
    first = fetch(feed_server.url("/conditional.xml"), limits=SHORT)
    assert first.status == 200 and first.etag == ETAG and first.last_modified
    second = fetch(feed_server.url("/conditional.xml"), etag=first.etag, last_modified=first.last_modified, limits=SHORT)
    assert second.not_modified and second.body == b""
    _, headers = feed_server.requests[-1]
    assert headers["if-none-match"] == ETAG and headers["if-modified-since"] == first.last_modified


def test_redirects_are_followed_up_to_the_limit(feed_server) -> None:
    response = fetch(feed_server.url("/redirect/3"), limits=SHORT)
    assert response.url == feed_server.url("/rss1.xml") and b"<rdf:RDF" in response.body
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(feed_server.url("/redirect/9"), limits=SHORT)


def test_a_server_that_never_answers_times_out(feed_server) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(feed_server.url("/never"), limits=Limits(connect_timeout=0.5, read_timeout=0.3))
    assert caught.value.reason == "timed out"


@pytest.mark.parametrize("path, reason", [("/missing.xml", "HTTP 404 Not Found"), ("/error.xml", "HTTP 500 Internal Server Error")])
def test_http_errors_give_their_status(feed_server, path: str, reason: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(feed_server.url(path), limits=SHORT)
    assert caught.value.reason == reason


def test_a_response_past_the_size_limit_is_refused(feed_server) -> None:
    with pytest.raises(FetchError, match="larger than 100 bytes"):
        fetch(feed_server.url("/rss2.xml"), limits=Limits(connect_timeout=0.5, read_timeout=2, max_bytes=100))


def test_a_gzip_bomb_stops_at_the_limit_without_inflating_it_all(feed_server) -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(FetchError, match="larger than 1,048,576 bytes"):
        fetch(feed_server.url("/gzip-bomb.xml"), limits=Limits(connect_timeout=0.5, read_timeout=5, max_bytes=1024 * 1024))
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 12 * 1024  # the 16 MiB inside was never held


def test_a_closed_port_and_other_schemes_are_reasons_not_tracebacks() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="connection refused"):
        fetch(f"http://127.0.0.1:{port}/feed.xml", limits=SHORT)
    with pytest.raises(FetchError, match="not an http or https address"):
        fetch("file:///etc/passwd", limits=SHORT)
    assert not is_url("file:///etc/passwd") and not is_url("feed.xml") and is_url("https://example.org/a")


def test_rss2_atom_and_rss1_all_parse(feed_server) -> None:
    rss2 = parse_feed(fetch(feed_server.url("/rss2.xml")).body)
    assert rss2.title == "Sahel Wire" and [i.key for i in rss2.items] == ["sahel-wire-0001", "sahel-wire-0002", "sahel-wire-0003"]
    first = rss2.items[0]
    assert first.author == "Awa Traoré" and first.published.isoformat() == "2025-06-23" and "Agadem" in first.content_html
    atom_url = feed_server.url("/atom.xml")
    atom = parse_feed(fetch(atom_url).body, atom_url)
    # relative links are resolved against the feed's address
    assert [i.link for i in atom.items] == [feed_server.url("/pages/gaz.html"), feed_server.url("/pages/bus.html")]
    assert atom.items[0].author == "Moussa Diop" and atom.items[0].key == "urn:fixture:courrier:gaz"
    rss1 = parse_feed(fetch(feed_server.url("/rss1.xml")).body)
    assert rss1.title == "Old Format Weekly" and rss1.items[0].published.isoformat() == "2025-06-19"


def test_a_feed_of_a_thousand_entries() -> None:
    parsed = parse_feed(big_feed(1000))
    assert len(parsed.items) == 1000 and len({i.key for i in parsed.items}) == 1000


@pytest.mark.parametrize("name, reason", [
    ("malformed.xml", "malformed XML: line 4, column 1: no element found"),
    ("not-a-feed.html", "an HTML page, not a feed"),
    ("bomb.xml", "refused: the document declares XML entities (an entity-expansion trick)"),
])
def test_bad_feeds_are_refused_with_a_reason(name: str, reason: str) -> None:
    with pytest.raises(FeedError) as caught:
        parse_feed((FIXTURES / name).read_bytes())
    assert str(caught.value) == reason


def test_entity_tricks_are_refused_before_any_parsing() -> None:
    quadratic = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "' + b"x" * 100_000 + b'">]><rss version="2.0"><channel><title>'
                 + b"&a;" * 10_000 + b"</title></channel></rss>")
    external = b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&e;</title></channel></rss>'
    for data in (quadratic, external, gzip.decompress(gzip.compress((FIXTURES / "bomb.xml").read_bytes()))):
        with pytest.raises(FeedError, match="entity-expansion"):
            parse_feed(data)


def test_bytes_naming_a_file_are_never_opened() -> None:
    # feedparser opens a str or bytes that names a file: the parser hands it a stream instead
    with pytest.raises(FeedError, match="not a feed"):
        parse_feed(str(FIXTURES / "rss2.xml").encode())


def test_feeds_are_told_from_pages() -> None:
    assert looks_like_feed((FIXTURES / "rss2.xml").read_bytes()) and looks_like_feed((FIXTURES / "atom.xml").read_bytes())
    assert looks_like_feed((FIXTURES / "rss1.xml").read_bytes())
    assert not looks_like_feed((FIXTURES / "gaz.html").read_bytes())
