"""Articles kept without their entity mentions (the library index's), and those mentions found again when asked.

An index build skips the alias scan (compiling its regular expressions is about a third of a
small article's load): :func:`aliases_plain` proves cheaply that the scan would report no
problem, and :func:`with_entity_mentions` finds the mentions of an article read back from the
index, exactly as a load finds them (the same scan; a test compares every article both ways).
"""

from __future__ import annotations

import dataclasses
from typing import Sequence

from reader.model.article import Article, Mention, Paragraph, Section
from reader.text.fold import OffsetMap, fold_text
from reader.text.spans import Annotator, _end_ok, _start_ok

QUOTED = ("date", "figure")
"""The mentions a load finds by quotes, not by aliases: a kept article holds these alone."""


def _positions(text: str, needle: str):
    """Every start of a whole-word occurrence of ``needle`` in ``text`` (overlapping ones too)."""
    n = len(needle)
    i = text.find(needle)
    while i >= 0:
        if _start_ok(text, i) and _end_ok(text, i + n):
            yield i
        i = text.find(needle, i + 1)


def aliases_plain(annotator: Annotator, aliases: Sequence[str], quoted: dict[tuple[int, int], list[tuple[int, int]]]) -> bool:
    """True when the alias scan of these folded aliases would report no problem: each alias is
    somewhere the longest whole-word alias at its place, and no whole-word occurrence of any alias
    touches a quoted span (``quoted``: per (section, paragraph), the original ranges of its dates
    and figures). False means "not proven" (the caller runs the scan): a paragraph folded the slow
    way (a hit could split a character) or a text or alias holding a NUL is never proven.
    """
    places = [(s, p, folded) for s, section in enumerate(annotator.folded) for p, folded in enumerate(section)]
    if any(not isinstance(f.starts, OffsetMap) for _, _, f in places):
        return False
    texts = [f.text for _, _, f in places]
    text = "\x00".join(texts)
    if text.count("\x00") != len(texts) - 1 or any(not a or "\x00" in a for a in aliases):
        return False
    # the NUL between paragraphs is a non-word character: whole words are found as in each paragraph
    longer = {a: [b for b in aliases if len(b) > len(a) and b.startswith(a)] for a in aliases}
    for alias in aliases:
        if not any(not any(text.startswith(b, i) and _end_ok(text, i + len(b)) for b in longer[alias])
                   for i in _positions(text, alias)):
            return False
    for (s, p), ranges in quoted.items():
        folded = annotator.folded[s][p]
        for alias in aliases:
            for i in _positions(folded.text, alias):
                start, end = folded.original(i, i + len(alias))
                if any(start < b and a < end for a, b in ranges):
                    return False
    return True


def without_entity_mentions(article: Article) -> Article:
    """The article with its dates' and figures' mentions alone (what the index keeps)."""
    if all(m.kind in QUOTED for m in article.mentions):
        return article
    sections = tuple(
        dataclasses.replace(s, paragraphs=tuple(
            Paragraph(p.text, tuple(m for m in p.mentions if m.kind in QUOTED)) for p in s.paragraphs))
        for s in article.sections
    )
    return dataclasses.replace(article, sections=sections)


def with_entity_mentions(article: Article) -> Article:
    """A kept article (:func:`without_entity_mentions`) with its entity mentions found again, as a load finds them."""
    kinds: dict[str, tuple[str, str]] = {}
    for entity in article.entities:
        for alias in entity.aliases:
            kinds.setdefault(fold_text(alias).strip(), (entity.type, entity.id))
    if not kinds:
        return article
    annotator = Annotator([[p.text for p in s.paragraphs] for s in article.sections])
    spans, _ = annotator.alias_spans(kinds)
    found: dict[tuple[int, int], list[Mention]] = {}
    mention = tuple.__new__
    for s, p, start, end, alias in spans:
        found.setdefault((s, p), []).append(mention(Mention, (s, p, start, end) + kinds[alias]))
    if not found:
        return article
    sections = []
    for s, section in enumerate(article.sections):
        paragraphs = []
        for p, paragraph in enumerate(section.paragraphs):
            entities = found.get((s, p))
            if entities is None:
                paragraphs.append(paragraph)
            elif paragraph.mentions:  # as a load: a paragraph with a date or figure holds its mentions sorted
                paragraphs.append(Paragraph(paragraph.text, tuple(sorted(entities + list(paragraph.mentions)))))
            else:
                paragraphs.append(Paragraph(paragraph.text, tuple(entities)))
        sections.append(Section(section.id, section.kind, section.heading, tuple(paragraphs)))
    return dataclasses.replace(article, sections=tuple(sections))
