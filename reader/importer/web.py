"""A web page's main text and metadata (title, date, author, site), for the plain-text importer."""

from __future__ import annotations

import datetime as _dt
import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

for _name in ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer"):
    # no handler at all would let logging's last resort print the extractors' warnings on the terminal
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
DATE_PARAMS = {"extensive_search": False, "original_date": True}
"""Only a date the page states as its own: the extensive search guessed 2025-01-01 from "l'année 2025"."""
_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)


@dataclass(frozen=True)
class WebPage:
    """What was extracted from a page: its text as paragraphs and what it says of itself."""

    title: str
    paragraphs: list[str]
    published: _dt.date | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None

    def as_markdown(self) -> str:
        """The page as the importer's Markdown: the title as '# ' heading, one paragraph per block."""
        return "\n\n".join(([f"# {self.title}"] if self.title else []) + self.paragraphs) + "\n"


def looks_like_html(data: bytes) -> bool:
    """True when a document starts like an HTML page."""
    return bool(_HTML_START.match(data[:4096]))


def html_text(html: str | bytes) -> list[str]:
    """The paragraphs of an HTML fragment (a feed entry's content), comments and scripts dropped."""
    page = _fallback(html if isinstance(html, str) else _decode(html), None)
    return page.paragraphs if page else []


def extract_page(html: str | bytes, url: str | None = None) -> WebPage | None:
    """The page's main text and metadata, or None when it holds no text worth importing."""
    import trafilatura

    if isinstance(html, bytes):
        html = _decode(html)
    try:
        doc = trafilatura.bare_extraction(html, url=url, include_comments=False, include_tables=False,
                                          with_metadata=True, date_extraction_params=DATE_PARAMS)
    except Exception:  # the extractor's own failures on odd markup: no text, said by the caller
        doc = None
    if doc is None or not (doc.text or "").strip():
        return None
    title = _one_line(doc.title or "")
    paragraphs = [_one_line(line) for line in doc.text.split("\n")]
    paragraphs = [p for p in paragraphs if p]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs.pop(0)  # the page's own headline, already the title
    site = _one_line(doc.sitename or "") or (urlsplit(url).hostname if url else None) or None
    return WebPage(title, paragraphs, _date(doc.date), _one_line(doc.author or "") or None, site, url)


def _fallback(html: str, url: str | None) -> WebPage | None:
    """A fragment's text, paragraph by paragraph (the extractor cuts short fragments at inline tags)."""
    import lxml.html

    if not html.strip():
        return None
    try:
        root = lxml.html.fromstring(f"<div>{html}</div>")
    except Exception:  # lxml refuses empty or odd documents with several exception types
        return None
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for br in root.xpath("//br"):
        br.tail = "\n" + (br.tail or "")
    blocks = root.xpath("//p|//li|//h1|//h2|//h3|//blockquote")
    if blocks:
        texts = [_one_line(b.text_content()) for b in blocks if not b.xpath("ancestor::p|ancestor::li|ancestor::blockquote")]
    else:
        texts = [_one_line(line) for line in root.text_content().split("\n")]
    texts = [t for t in texts if t]
    return WebPage("", texts, url=url) if texts else None


def _decode(data: bytes) -> str:
    """Bytes of a page as text: its declared charset, else UTF-8, else Latin-1 (never fails)."""
    head = data[:2048].decode("ascii", "replace")
    found = re.search(r"""charset=["']?([A-Za-z0-9_.:-]+)""", head)
    for encoding in ([found.group(1)] if found else []) + ["utf-8"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("latin-1")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _date(text: str | None) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None
