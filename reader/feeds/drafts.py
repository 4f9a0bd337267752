"""A fetched page or feed entry -> a draft article file in the library folder, named safely."""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from reader.importer.web import WebPage
from reader.model.article import Article
from reader.model.problems import Problem

MAX_ID_CHARS = 80
"""An article id (and so a file name) stays well under every file system's name limit."""


@dataclass(frozen=True)
class Written:
    """The outcome of one draft: the file, and whether it was new (False: already in the library)."""

    path: Path
    new: bool
    problems: tuple[Problem, ...] = ()


def article_id(title: str, published: _dt.date, key: str) -> str:
    """A safe id from the title and date: [a-z0-9-] only, so the file name can hold no path, dot or control."""
    from reader.importer.draft import slug

    words = slug(title, 8) if title else "x"
    if words == "x":
        words = "entry-" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    words = words[: MAX_ID_CHARS - 11].rstrip("-")
    return f"{words}-{published.isoformat()}"


def write_draft(page: WebPage, folder: Path, library: Sequence[Article] = (), *, key: str = "",
                published: _dt.date | None = None) -> Written:
    """Import the page as a draft into folder; an entry already there (same url) is not written again."""
    from reader.importer.draft import import_text

    dated = bool(published or page.published)
    published = published or page.published or _dt.date.today()
    base = article_id(page.title, published, key or page.url or page.title)
    folder.mkdir(parents=True, exist_ok=True)
    root = folder.resolve()
    for n in range(1, 100):
        ident = base if n == 1 else f"{base}-{n}"
        target = folder / f"{ident}.yaml"
        if target.resolve().parent != root:  # cannot happen with [a-z0-9-] ids; kept as the rule's guard
            raise ValueError(f"{target} is outside {folder}")
        if target.exists():
            if page.url and _holds_url(target, page.url):
                return Written(target, False)
            continue
        draft = import_text(page.as_markdown(), markdown=True, published=published, article_id=ident, library=library)
        text = with_metadata(draft.yaml, page, dated_by_source=dated)
        try:
            with open(target, "x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except FileExistsError:  # another update wrote it meanwhile
            continue
        return Written(target, True, tuple(_check(text, target)))
    raise FileExistsError(f"{folder / base}.yaml and 98 others exist")


def with_metadata(yaml_text: str, page: WebPage, *, dated_by_source: bool = False) -> str:
    """The draft with the page's address, author and site added (the draft unchanged if they would not load).

    ``dated_by_source``: the publication date came from the feed or the page (the draft's comment says so).
    """
    from reader.importer.draft_yaml import validate, yaml_quote

    top = [f"url: {yaml_quote(page.url)}"] if page.url else []
    if page.author:
        top.append(f"author: {yaml_quote(page.author)}")
    source = [f"  name: {yaml_quote(page.site)}"] if page.site else []
    lines = yaml_text.split("\n")
    out: list[str] = []
    for line in lines:
        if dated_by_source and line.startswith("# published: "):
            line = "# published: the date the feed or the page gives"
        out.append(line)
        if line.startswith("published: "):
            out += top
        elif line.startswith("  agency: "):
            out += source
    text = "\n".join(out)
    return text if not validate(text, "draft") else yaml_text


def _holds_url(path: Path, url: str) -> bool:
    """True when the article file names this address (its url: line)."""
    from reader.importer.draft_yaml import yaml_quote

    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(8192)
    except OSError:
        return False
    return f"\nurl: {yaml_quote(url)}\n" in head


def _check(text: str, path: Path) -> list[Problem]:
    from reader.importer.draft_yaml import validate

    return validate(text, str(path))
