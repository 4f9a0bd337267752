"""What the library index keeps of one article: metadata, entities, figures, dates and its folded text (pure)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from reader.model.article import Article
from reader.text.fold import fold_text

_NUMBER_RUN = re.compile(r"\d+(?:[ .,]\d+)+")
"""A number written with separators between its digit groups ("10 000", "3,5")."""
_PIECE = re.compile(r"\d+|[^\W\d_]+")
"""A run of digits or a run of letters: what the trigram index can look for."""
_SEPARATOR = re.compile(r"[ .,]")


def loose(text: str) -> str:
    """The loosest folding (case and accents ignored), the one the index stores and narrows with."""
    return fold_text(text)


def collapse_numbers(folded: str) -> str:
    """Every number written with separators, without them ("10 000" -> "10000"), one a line."""
    return "\n".join(_SEPARATOR.sub("", m.group()) for m in _NUMBER_RUN.finditer(folded))


def pieces(needle: str) -> list[str]:
    """The runs of letters and of digits (digit groups joined) in a query's text, as the index must find them.

    Every match of the exact matcher holds each piece in the loosely folded text or, for digits,
    in the text's numbers without separators (:func:`collapse_numbers`), so an article lacking
    one cannot match. Pieces under three characters are dropped: the trigram index cannot look
    for them (they narrow nothing, they never hide a match).
    """
    joined = re.sub(r"(?<=\d)[ .,](?=\d)", "", loose(needle))
    return sorted({p for p in _PIECE.findall(joined) if len(p) >= 3})


@dataclass(frozen=True, slots=True)
class Record:
    """One article as the index stores it."""

    article_id: str
    title: str
    published: str
    source: str
    language: str
    accords: int
    drafts: int
    entities: tuple[tuple[str, str, str], ...]
    """(type, id, folded name and name-like aliases, one a line: descriptions are left out)."""
    figures: tuple[tuple[float, str, str], ...]
    """(value, unit, qualifier)."""
    dates: tuple[tuple[str, int], ...]
    """(ISO value, precision: 1 year, 2 month, 3 day)."""
    body: str
    """The folded title, source, id, date, file name, entity names, units and text, then the numbers without separators."""


def record_of(article: Article) -> Record:
    """What the index keeps of a loaded article."""
    source = article.source
    source_text = " ".join(s for s in (source.agency, source.name, source.code) if s)
    entities = tuple(
        (e.type, e.id, "\n".join(dict.fromkeys(k for k in (loose(x).strip() for x in e.names) if k)))
        for e in article.entities
    )
    # descriptions name no one across articles, but a search for one finds its mentions: the text holds them
    described = [loose(d) for e in article.entities for d in e.descriptions]
    drafts = sum(x.draft for group in (article.entities, article.accords, article.dates, article.figures) for x in group)
    text = "\n".join(loose(p.text) for s in article.sections for p in s.paragraphs)
    heads = [loose(article.title), loose(source_text), loose(article.id), article.published, loose(os.path.basename(article.path)),
             *(k for _, _, k in entities), *described, *(loose(f.unit) for f in article.figures)]
    body = "\n".join([*heads, text])
    return Record(
        article_id=article.id, title=article.title, published=article.published, source=source_text,
        language=article.language, accords=len(article.numbered_accords), drafts=drafts, entities=entities,
        figures=tuple((float(f.value), f.unit, f.qualifier) for f in article.figures),
        dates=tuple((d.value, d.value.count("-") + 1) for d in article.dates),
        body=body + "\n" + collapse_numbers(body),
    )
