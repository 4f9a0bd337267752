"""Web pages into drafts: the main text and metadata by trafilatura, and `reader import` of pages, addresses and feeds."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.importer.web import extract_page, html_text, looks_like_html
from reader.load.build import load_article
from tests.httpfixture import FIXTURES, feed_server  # noqa: F401 - a fixture

MARKERS = ("NAVMARKER", "ADMARKER", "COMMENTMARKER", "FOOTMARKER", "SCRIPTMARKER", "ASIDEMARKER")


def test_the_main_text_and_metadata_of_a_page() -> None:
    page = extract_page((FIXTURES / "gaz.html").read_bytes(), "https://courrier.example/gaz")
    assert page.title == "Le Sénégal et la Mauritanie relancent le projet gazier commun"
    assert page.author == "Moussa Diop" and page.site == "Le Courrier du Fleuve" and page.published == dt.date(2025, 6, 24)
    assert page.paragraphs[0].startswith("DAKAR, 24 juin (Courrier du Fleuve)") and len(page.paragraphs) == 4
    assert not [m for m in MARKERS if any(m in p for p in page.paragraphs)]
    assert page.paragraphs[-1].startswith("« Nous avons trouvé")


def test_a_page_without_a_date_of_its_own_has_none() -> None:
    # the extractor's wide search would take "l'année 2025" in the text for 2025-01-01
    page = extract_page((FIXTURES / "bus.html").read_bytes())
    assert page.published is None and page.site == "Le Courrier du Fleuve"
    assert not [m for m in MARKERS if any(m in p for p in page.paragraphs)]


def test_a_page_with_no_text_gives_none() -> None:
    assert extract_page(b"<html><body><script>x()</script></body></html>") is None
    assert extract_page(b"\x00\xff garbage") is None


def test_the_extractors_warnings_never_reach_the_terminal(capfd) -> None:
    # with no handler at all, logging's last resort would print them on stderr over the progress line
    for name in ("trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).warning("a warning from %s", name)
    assert capfd.readouterr() == ("", "")


def test_fragments_keep_their_words_together() -> None:
    assert html_text("<p>Hello <b>world</b>.</p><script>x()</script><p>Second.</p>") == ["Hello world.", "Second."]
    assert html_text("A summary<br>in two lines &amp; an entity") == ["A summary", "in two lines & an entity"]
    assert html_text("") == []


def test_pages_are_told_from_text() -> None:
    assert looks_like_html((FIXTURES / "gaz.html").read_bytes()) and looks_like_html(b"<html><p>x</p></html>")
    assert not looks_like_html(b"Le ministre a sign\xc3\xa9 <b>lundi</b>.")


def test_reader_import_of_a_page_file(tmp_path: Path, capsys) -> None:
    assert main(["import", str(FIXTURES / "gaz.html"), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "published 2025-06-24 (the page's date)" in out
    [draft] = tmp_path.glob("*.yaml")
    text = draft.read_text(encoding="utf-8")
    assert not [m for m in MARKERS if m in text]
    article = load_article(draft)
    assert article.title.startswith("Le Sénégal et la Mauritanie") and article.extra == {"author": "Moussa Diop"}
    assert main(["check", str(draft)]) == 0


def test_reader_import_of_an_address(feed_server, tmp_path: Path, capsys) -> None:
    url = feed_server.url("/pages/gaz.html")
    assert main(["import", url, "--out", str(tmp_path)]) == 0
    [draft] = tmp_path.glob("*.yaml")
    assert load_article(draft).extra["url"] == url
    assert main(["import", feed_server.url("/missing.html"), "--out", str(tmp_path)]) == 1
    assert "HTTP 404 Not Found" in capsys.readouterr().err


def test_reader_import_of_a_feed_file_and_a_feed_address(feed_server, tmp_path: Path, capsys) -> None:
    assert main(["import", str(FIXTURES / "rss2.xml"), "--out", str(tmp_path / "a")]) == 0
    assert len(list((tmp_path / "a").glob("*.yaml"))) == 3
    assert main(["import", str(FIXTURES / "rss2.xml"), "--out", str(tmp_path / "a")]) == 0  # again: nothing new
    assert len(list((tmp_path / "a").glob("*.yaml"))) == 3
    assert main(["import", feed_server.url("/atom.xml"), "--out", str(tmp_path / "b")]) == 0
    assert len(list((tmp_path / "b").glob("*.yaml"))) == 2
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "3 already in" in out
    assert main(["check", str(tmp_path / "a"), str(tmp_path / "b")]) == 0


@pytest.mark.parametrize("name, message", [("bomb.xml", "entity-expansion"), ("malformed.xml", "malformed XML: line 4")])
def test_reader_import_of_a_bad_feed_says_why(tmp_path: Path, capsys, name: str, message: str) -> None:
    assert main(["import", str(FIXTURES / name), "--out", str(tmp_path)]) == 1
    assert message in capsys.readouterr().err and list(tmp_path.iterdir()) == []
