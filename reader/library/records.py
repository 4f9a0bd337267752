"""What the library index keeps of one article: metadata, entities, figures, dates, its folded text and the built article (pure)."""

from __future__ import annotations

import marshal
import os
import re
import zlib
from typing import NamedTuple, Sequence

from reader.load.cache import article_fields, article_from_fields
from reader.load.lean import with_entity_mentions, without_entity_mentions
from reader.model.article import Article
from reader.text.fold import OffsetMap, fold, fold_text

_NUMBER_RUN = re.compile(r"\d++(?:[ .,]\d++)+")
"""A number written with separators between its digit groups ("10 000", "3,5"). Possessive (``++``): giving a
digit back can never let a separator follow, so a run of digits that is no such number fails at once (twice as fast)."""
_PIECE = re.compile(r"\d+|[^\W\d_]+")
"""A run of digits or a run of letters: what the trigram index can look for."""
_SEPARATOR = re.compile(r"[ .,]")


def loose(text: str) -> str:
    """The loosest folding (case and accents ignored), the one the index stores and narrows with."""
    return fold_text(text)


def fold_all(texts: list[str]) -> list[str]:
    """``[loose(t) for t in texts]`` in one pass over the texts joined by a NUL (an article's few small texts).

    When every character folds to one character (the fold's fast path: its offsets are an
    ``OffsetMap``), folding is character by character but for runs of spaces, which a NUL
    breaks, so the joined folding splits back into each text's own. Otherwise, one by one.
    """
    joined = "\x00".join(texts)
    if joined.count("\x00") == len(texts) - 1:
        folded = fold(joined)
        if isinstance(folded.starts, OffsetMap):
            parts = folded.text.split("\x00")
            if len(parts) == len(texts):
                return parts
    return [loose(t) for t in texts]


def collapse_numbers(folded: str) -> str:
    """Every number written with separators, without them ("10 000" -> "10000"), one a line."""
    return _SEPARATOR.sub("", "\n".join(_NUMBER_RUN.findall(folded)))  # one substitution over them all


def words_once(text: str) -> str:
    """Each run of non-space characters of a text once, in order, one space apart: what the index's text table holds.

    Everything the index asks of that text is inside one such run: a query's pieces (runs of
    letters or digits) and a filter's free words (split at spaces) hold no space, and a word
    starts a word of the text where it starts one of a run (a space, or the text's start,
    before a run is a word's edge either way). A word said often is tokenised once: the bundled
    article keeps two thirds of its text, a generated one a fifth; a cheaper insert, a smaller table.
    """
    return " ".join(dict.fromkeys(text.split()))


def pieces(needle: str) -> list[str]:
    """The runs of letters and of digits (digit groups joined) in a query's text, as the index must find them.

    Every match of the exact matcher holds each piece in the loosely folded text or, for digits,
    in the text's numbers without separators (:func:`collapse_numbers`), so an article lacking
    one cannot match. Pieces under three characters are dropped: the trigram index cannot look
    for them (they narrow nothing, they never hide a match).
    """
    joined = re.sub(r"(?<=\d)[ .,](?=\d)", "", loose(needle))
    return sorted({p for p in _PIECE.findall(joined) if len(p) >= 3})


def starts_word(body: str, word: str) -> bool:
    """True when a folded word starts a word of the folded body (the library filter's free words; an SQL function)."""
    return re.search(r"(?<![^\W_])" + re.escape(word), body) is not None


class Summary(NamedTuple):
    """An article's metadata: the index's columns of the same names, and the picker's :class:`~reader.library.rows.Row` after its first fields."""

    article_id: str
    title: str
    published: str
    source: str
    language: str
    accords: int
    drafts: int


NOT_LOADED = Summary("", "", "", "", "", 0, 0)
"""What a file that did not load lists."""


class Record(NamedTuple):
    """One article as the index stores it (a named tuple: cheaper to define than a dataclass, for a search's start)."""

    summary: Summary
    entities: tuple[tuple[str, str, str, str], ...]
    """(type, id, folded name and name-like aliases one a line (descriptions are left out), ``same_as`` ids one a line)."""
    figures: tuple[tuple[float, str, str], ...]
    """(value, unit, qualifier)."""
    dates: tuple[tuple[str, int], ...]
    """(ISO value, precision: 1 year, 2 month, 3 day)."""
    body: str
    """The folded title, source, id, date, file name, entity names, units and text, then the numbers without separators,
    each run of non-space characters once (:func:`words_once`)."""
    title_key: str
    """The folded title and source: the picker sorts by them."""
    source_key: str
    built: bytes
    """The built article without its entity mentions (:func:`stored_article` reads it back and finds them again):
    a search loads its candidates from it, never from YAML."""


def record_of(article: Article, folded_paragraphs: Sequence[str] | None = None) -> Record:
    """What the index keeps of a loaded article (every text folded in one pass).

    ``folded_paragraphs``: the paragraphs' loose folding in reading order, when the build made it
    already (:func:`reader.load.build.build_article_folded`): the longest texts are not folded twice.
    """
    source = article.source
    source_text = " ".join(s for s in (source.agency, source.name, source.code) if s)
    names = [list(e.names) for e in article.entities]
    # descriptions name no one across articles, but a search for one finds its mentions: the text holds them
    described = [d for e in article.entities for d in e.descriptions]
    paragraphs = [] if folded_paragraphs is not None else [p.text for s in article.sections for p in s.paragraphs]
    heads = [article.title, source_text, article.id, os.path.basename(article.path), *described, *(f.unit for f in article.figures)]
    flat = [x for group in names for x in group]
    folded = fold_all([*heads, *flat, *paragraphs])
    head, keys, text = folded[:len(heads)], iter(folded[len(heads):len(heads) + len(flat)]), folded[len(heads) + len(flat):]
    if folded_paragraphs is not None:
        text = folded_paragraphs
    entities = tuple(
        (e.type, e.id, "\n".join(dict.fromkeys(k for k in (next(keys).strip() for _ in group) if k)), "\n".join(e.same_as))
        for e, group in zip(article.entities, names)
    )
    drafts = sum(x.draft for group in (article.entities, article.accords, article.dates, article.figures) for x in group)
    body = "\n".join([*head[:3], article.published, *head[3:4], *(k for _, _, k, _ in entities), *head[4:], *text])
    return Record(
        summary=Summary(article.id, article.title, article.published, source_text, article.language,
                        len(article.numbered_accords), drafts),
        entities=entities,
        figures=tuple((float(f.value), f.unit, f.qualifier) for f in article.figures),
        dates=tuple((d.value, d.value.count("-") + 1) for d in article.dates),
        body=words_once(body + "\n" + collapse_numbers(body)),
        title_key=head[0],
        source_key=head[1],
        built=zlib.compress(marshal.dumps(article_fields(without_entity_mentions(article))), 1),
    )


def stored_article(built: bytes, path: str) -> Article:
    """The article a record's ``built`` holds, as read from ``path``, its entity mentions found again; raises ValueError for a damaged one."""
    try:
        article = article_from_fields(marshal.loads(zlib.decompress(built)), path)
    except Exception as error:  # a damaged blob of any shape is refused: the file is the truth, read again
        raise ValueError(f"stored article unreadable: {error}") from None
    return with_entity_mentions(article)
