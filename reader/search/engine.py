"""The search engine: per-article folded indexes, queries -> matches on original characters (no Textual).

Typical use, as the search bar does on every keystroke::

    index = ArticleIndex(article)                 # once per article
    query = parse_query(text, SearchOptions())    # raises QueryError
    matches = search(index, query)                # list[Match], reading order, no overlaps

Free text is matched on folded paragraphs (reader.text.fold), so case, accents, apostrophes, spaces
and ligatures never hide a match; numbers match however the text groups their digits. A query
that names an entity (its name, an alias or the name's last word) also returns every mention
of that entity, whatever alias the text used there.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from functools import lru_cache, partial
from itertools import accumulate, chain, compress, islice, repeat
from operator import add, getitem, itemgetter, methodcaller, sub
from typing import Callable, Iterable, Iterator, NamedTuple

from reader.load.bulk import collector_paused
from reader.text.fold import Folded, OffsetMap, fold, fold_many
from reader.model.article import ENTITY_TYPES, Article, Mention
from reader.search.query import _END, _START, Comparison, Query, QueryError, SearchOptions, finditer, parse_query, text_pattern

__all__ = ["ArticleIndex", "Comparison", "Found", "Match", "Pause", "Query", "QueryError", "SearchOptions", "SearchTimeout",
           "parse_query", "search", "search_all", "search_capped", "search_paragraphs"]

MAX_MATCHES = 100_000
"""Matches kept per article and search; past it, say "100,000+ matches" (``aaa`` in a 20 MB
paragraph made millions of them, minutes and gigabytes)."""
REGEX_SECONDS = 3.0
"""Longest a user's regular expression may run per article and search before it is stopped."""


class SearchTimeout(QueryError):
    """A regular expression ran past its time limit (catastrophic backtracking): it was stopped."""


Pause = Callable[[], None]
"""Called between chunks of a long search's work, each a few milliseconds long: a worker thread
lets the screen's thread run there (reader.search.pacing), and may stop the search by raising."""

Variant = tuple[bool, bool]
"""A folding variant: (case kept, accents kept)."""


class Match(NamedTuple):
    """A found span of one paragraph, in original characters; ``ref`` names the entity, date or figure.

    Immutable and ordered by its fields (reading order), as a tuple; cheap to make by the thousand.
    """

    section: int
    paragraph: int
    start: int
    end: int
    ref: str | None = None


_new_match = partial(tuple.__new__, Match)
"""Match from a 5-tuple, without a Python call (for results by the thousand)."""


class _Joined(NamedTuple):
    """One variant's folded paragraphs joined by NUL, with per paragraph (indexed by
    ``bisect_right(starts, position)``, so from 1) its section, number, start and folding."""

    text: str
    starts: list[int]
    bases: list[int]
    """``[0] + starts``: where the paragraph at an index starts."""
    sections: list[int]
    numbers: list[int]
    folded: list[Folded | None]
    inexact: frozenset[int]
    """Paragraphs (indexed as above) whose folding is not one character for one."""
    merge: bool
    """True when two folded matches could map to overlapping original spans (ligatures)."""


class ArticleIndex:
    """One article's paragraphs, mentions and names folded once per variant, built when first needed."""

    def __init__(self, article: Article, only: Iterable[tuple[int, int]] | None = None) -> None:
        self.article = article
        self.only = None if only is None else frozenset(only)
        """The (section, paragraph) this index is limited to (``search_paragraphs``), or None: all of them."""
        self.places: list[tuple[int, int, str]] = [
            (s, p, paragraph.text) for s, section in enumerate(article.sections) for p, paragraph in enumerate(section.paragraphs)
        ] if self.only is None else [(s, p, article.sections[s].paragraphs[p].text) for s, p in sorted(self.only)]
        """(section, paragraph, text) of every paragraph in reading order (those of ``only`` when given)."""
        self.dates = {d.id: d for d in article.dates}
        self.figures = {f.id: f for f in article.figures}
        self._folded: dict[Variant, list[Folded]] = {}
        self._names: dict[Variant, tuple[dict[str, frozenset[str]], dict[str, str]]] = {}
        self._labels: dict[Variant, dict[str, tuple[str, ...]]] = {}
        self._joined: dict[Variant, _Joined | None] = {}
        self._paragraph_texts: list[list[str]] | None = None
        """Every paragraph's text, by section then paragraph."""

    def warm(self) -> None:
        """Build every variant now (e.g. in a worker) rather than on the first query that needs it."""
        for case in (False, True):
            for accents in (False, True):
                self.folded((case, accents))
                self.joined((case, accents))
                self.labels((case, accents))

    def folded(self, variant: Variant, pause: Pause | None = None) -> list[Folded]:
        """Every paragraph folded with one variant, in the order of ``places`` (``pause``: see Pause)."""
        if variant not in self._folded:  # set once whole: a search stopped halfway leaves nothing half built
            case, accents = variant
            texts = [text for _, _, text in self.places]
            if pause is not None:
                pause()
            self._folded[variant] = fold_many(texts, case=case, accents=accents, pause=pause)
        return self._folded[variant]

    def joined(self, variant: Variant, pause: Pause | None = None) -> _Joined | None:
        """Every paragraph folded with one variant and joined by NUL (None if one holds a NUL)."""
        if variant not in self._joined:
            folded = self.folded(variant, pause)
            step = pause if pause is not None else _no_pause  # between steps of a few milliseconds each (10 MB)
            texts = [f.text for f in folded]
            step()
            text = "\x00".join(texts)
            step()
            if text.count("\x00") != max(0, len(texts) - 1):
                self._joined[variant] = None
            else:
                starts = list(accumulate([0] + [len(t) + 1 for t in texts[:-1]]))
                step()
                inexact = frozenset(k for k, f in enumerate(folded, 1) if not isinstance(f.starts, OffsetMap) or f.starts.runs)
                step()
                merge = any(not isinstance(f.starts, OffsetMap) for f in folded)
                step()
                self._joined[variant] = _Joined(
                    text, starts, [0, *starts], [-1] + [s for s, _, _ in self.places], [-1] + [p for _, p, _ in self.places],
                    [None, *folded], inexact, merge,
                )
        return self._joined[variant]

    def names(self, variant: Variant) -> tuple[dict[str, frozenset[str]], dict[str, str]]:
        """Per entity id, the folded name and aliases; and, apart, the folded name's last word."""
        if variant not in self._names:
            exact = {}
            last = {}
            for entity in self.article.entities:
                name = _fold(entity.name, variant)
                exact[entity.id] = frozenset(k for k in [name, *(_fold(a, variant) for a in entity.aliases)] if k)
                last[entity.id] = name.rsplit(" ", 1)[-1]
            self._names[variant] = (exact, last)
        return self._names[variant]

    def labels(self, variant: Variant) -> dict[str, tuple[str, ...]]:
        """Per entity or figure id, the folded strings a typed filter's text also looks in
        (besides each mention's own text): an entity's name and aliases, a figure's unit.

        Folded once per entity, not once per mention (84,000 mentions of 60 entities).
        """
        if variant not in self._labels:
            out = {e.id: tuple(_fold(s, variant) for s in (e.name, *e.aliases)) for e in self.article.entities}
            units: dict[str, str] = {}
            for figure in self.article.figures:
                unit = units.get(figure.unit)
                if unit is None:
                    unit = units[figure.unit] = _fold(figure.unit, variant)
                out[figure.id] = (unit,)
            self._labels[variant] = out
        return self._labels[variant]


    def refs(self, kind: str) -> list[str]:
        """The ids of the entities of a kind, or of the dates or figures, in the article's order."""
        if kind == "date":
            return list(self.dates)
        if kind == "figure":
            return list(self.figures)
        return [e.id for e in self.article.entities if e.type == kind]

    def mention_texts(self, mentions: list[Mention]) -> list[str]:
        """Each mention's own text, sliced from its paragraph (C-level maps: no Python loop)."""
        if self._paragraph_texts is None:
            self._paragraph_texts = [[p.text for p in section.paragraphs] for section in self.article.sections]
        sections = map(self._paragraph_texts.__getitem__, map(itemgetter(0), mentions))
        texts = map(getitem, sections, map(itemgetter(1), mentions))
        return list(map(getitem, texts, map(slice, map(itemgetter(2), mentions), map(itemgetter(3), mentions))))


def _no_pause() -> None:
    """The pause of a search no worker paces."""


def _fold(text: str, variant: Variant) -> str:
    return fold(text, case=variant[0], accents=variant[1]).text.strip()


def _text_matches(index: ArticleIndex, query: Query, limit: int, deadline: float | None, pause: Pause | None = None) -> list[Match]:
    """At most ``limit`` matches of the query's text; a user's regex stops at ``deadline``."""
    if _is_plain(query):
        joined = index.joined((query.case, query.accents), pause)
        if joined is not None:
            literal = query.pattern.pattern == re.escape(query.needle)  # type: ignore[union-attr]
            return _joined_matches(joined, query.pattern, len(query.needle) if literal else None, limit, pause)  # type: ignore[arg-type]
    pattern = query.pattern
    assert pattern is not None
    out: list[Match] = []
    for (s, p, _), folded in zip(index.places, index.folded((query.case, query.accents), pause)):
        if pause is not None:
            pause()
        for found in finditer(pattern, folded.text, deadline):
            if found.end() > found.start():
                start, end = folded.original(found.start(), found.end())
                out.append(Match(s, p, start, end))
                if len(out) >= limit:
                    return out
    return out


@lru_cache(maxsize=256)
def _plain_sources(needle: str) -> tuple[str, str]:
    source = text_pattern(needle)
    return source, f"{_START}(?:{source}){_END}"


def _is_plain(query: Query) -> bool:
    """True for a free-text query's own pattern (not a regex): it never matches across a NUL
    nor an empty string, and sees a NUL as it sees a paragraph's edge."""
    pattern = query.pattern
    return (
        pattern is not None and bool(query.needle) and "\x00" not in query.needle
        and pattern.flags == re.UNICODE and pattern.pattern in _plain_sources(query.needle)
    )


WINDOW = 1 << 16
"""Characters of joined text whose matches are found and mapped by one run of C calls at most:
between two, a worker's search lets the screen's thread run (10 MB in one call held it 0.4 s)."""


def _windows(pattern: re.Pattern[str], text: str, width: int | None, limit: int) -> Iterator[tuple[list[int], list[int]]]:
    """Where a plain pattern's first ``limit`` matches start and end in joined text, window by
    window; a window ends at a paragraph's edge (a NUL, which no match crosses and which the
    pattern sees as it sees the window's end)."""
    at, size, left = 0, len(text), limit
    while at <= size and left > 0:
        stop = text.find("\x00", at + WINDOW) if at + WINDOW < size else -1
        stop = size if stop < 0 else stop
        found = islice(pattern.finditer(text, at, stop), left)
        if width is not None:
            starts = list(map(methodcaller("start"), found))
            ends = list(map(add, starts, repeat(width)))
        else:
            spans = list(map(methodcaller("span"), found))
            starts = [a for a, _ in spans]
            ends = [b for _, b in spans]
        if starts:
            left -= len(starts)
            yield starts, ends
        at = stop + 1


def _joined_matches(joined: _Joined, pattern: re.Pattern[str], width: int | None, limit: int,
                    pause: Pause | None = None) -> list[Match]:
    """A plain pattern's matches over every paragraph at once, as the paragraph-by-paragraph
    search finds them; where folding is one for one, positions map without a Python loop.
    ``width``: the length of every match when the pattern is a literal; ``pause``: called
    after each window."""
    out: list[Match] = []
    for starts, ends in _windows(pattern, joined.text, width, limit):
        at = list(map(bisect_right, repeat(joined.starts), starts))
        bases = list(map(joined.bases.__getitem__, at))
        found = list(map(_new_match, zip(
            map(joined.sections.__getitem__, at), map(joined.numbers.__getitem__, at),
            map(sub, starts, bases), map(sub, ends, bases), repeat(None),
        )))
        if joined.inexact:
            inexact = joined.inexact
            for i, k in enumerate(at):
                if k in inexact:
                    folded = joined.folded[k]
                    assert folded is not None
                    start, end = folded.original(starts[i] - bases[i], ends[i] - bases[i])
                    found[i] = Match(found[i].section, found[i].paragraph, start, end)
        out += found
        if pause is not None:
            pause()
    return out


def _entity_mentions(index: ArticleIndex, query: Query) -> list[Match]:
    """Every mention of the entities the query names: by name or alias, else by the name's last word.

    The fallback keeps "mali" on the entity Mali rather than also on "Centre et Nord du Mali".
    """
    if not query.needle:
        return []
    exact, last = index.names((query.case, query.accents))
    ids = [eid for eid, keys in exact.items() if query.needle in keys]
    ids = ids or [eid for eid, word in last.items() if word == query.needle]
    by_ref = index.article.mentions_by_ref
    out = [Match(m.section, m.paragraph, m.start, m.end, m.ref) for eid in ids for m in by_ref.get(eid, ())]
    return sorted(out)


def _holds(index: ArticleIndex, query: Query, mention: Mention, compare: Comparison) -> bool:
    if mention.ref in index.figures:
        figure = index.figures[mention.ref]
        return query.kind == "figure" and compare.figure_holds(float(figure.value), figure.unit, figure.qualifier)
    if mention.ref in index.dates:
        return query.kind == "date" and compare.date_holds(index.dates[mention.ref].value)
    return False


def _filter_matches(index: ArticleIndex, query: Query, deadline: float | None) -> list[Match]:
    """The mentions of the filter's kind that satisfy its text or comparison, in reading order.

    Mentions are taken by what they name (``Article.mentions_by_ref``, which the sidebar has
    built already), and each condition is decided once per entity, date or figure and once
    per distinct text, never once per mention (84,000 mentions name 60 entities).
    """
    by_ref = index.article.mentions_by_ref
    refs = [ref for ref in index.refs(query.kind) if ref in by_ref]  # type: ignore[arg-type]
    whole: set[str] | None = None
    """The refs all of whose mentions are kept, when only whole refs are."""
    if query.compare is not None:
        compare = query.compare
        chunks = [by_ref[ref] for ref in refs if _holds(index, query, by_ref[ref][0], compare)]
    elif query.pattern is None:
        chunks = [by_ref[ref] for ref in refs]
        whole = set(refs)
    else:
        variant = (query.case, query.accents)
        labels = index.labels(variant)
        named = [any(query.finds(label, deadline) for label in labels.get(ref, ())) for ref in refs]
        chunks = [by_ref[ref] for ref, found in zip(refs, named) if found]
        if query.kind not in ENTITY_TYPES or variant != (False, False):
            # folded with case or accents kept, a mention's text may differ from every alias
            # ("LE MINISTRE"); a date's or figure's text is its only label
            suspects = [ref for ref, found in zip(refs, named) if not found]
            if query.kind in ENTITY_TYPES and query.needle:
                # the text can only hold the needle if, folded loosely, one of the labels does
                loose = _loose(query.needle)
                plain = index.labels((False, False))
                suspects = [ref for ref in suspects if any(loose.search(label) for label in plain.get(ref, ()))]
            rest = [m for ref in suspects for m in by_ref[ref]]
            texts = index.mention_texts(rest)
            by_text = {text: query.finds(_fold(text, variant), deadline) for text in set(texts)}
            chunks.append(list(compress(rest, map(by_text.__getitem__, texts))))
        # else an entity mention's text, folded, is one of its folded aliases (that is how the
        # annotator found it): the labels decide alone, without slicing 84,000 texts
    chunks = [chunk for chunk in chunks if chunk]
    if not chunks:
        return []
    if len(chunks) == 1:
        kept = chunks[0]
    elif whole is not None and sum(map(len, chunks)) * 8 > len(index.article.mentions):
        # many whole entities (place:): sifting every mention by its ref beats sorting them
        mentions = index.article.mentions
        kept = list(compress(mentions, map(whole.__contains__, map(itemgetter(5), mentions))))
    else:
        kept = sorted(chain.from_iterable(chunks))  # each chunk is in reading order
    return list(map(_new_match, map(_MATCH_FIELDS, kept)))


@lru_cache(maxsize=64)
def _loose(needle: str) -> re.Pattern[str]:
    """A plain needle folded without case and accents, anywhere: it finds whatever the needle's
    own pattern finds, folded the default way, and more (no word edges)."""
    return re.compile(text_pattern(_fold(needle, (False, False))))


_MATCH_FIELDS = itemgetter(0, 1, 2, 3, 5)
"""A mention's section, paragraph, start, end and ref: a Match's fields."""


def _merge(preferred: list[Match], others: list[Match]) -> list[Match]:
    """Both lists in reading order, ``preferred`` without overlaps: drop whatever overlaps a kept match."""
    out: list[Match] = []
    i = 0
    for match in others:
        key = (match.section, match.paragraph)
        while i < len(preferred) and ((preferred[i].section, preferred[i].paragraph), preferred[i].end) <= (key, match.start):
            out.append(preferred[i])
            i += 1
        if i < len(preferred) and (preferred[i].section, preferred[i].paragraph) == key and preferred[i].start < match.end:
            continue
        if out and (out[-1].section, out[-1].paragraph) == key and out[-1].end > match.start:
            continue  # two folded matches inside one original character (œ -> "o", "e")
        out.append(match)
    out.extend(preferred[i:])
    return out


class Found(NamedTuple):
    """A search's matches, and whether there were more than were kept."""

    matches: list[Match]
    capped: bool
    """True when the search stopped at its limit: show "100,000+ matches"."""


def search_capped(index: ArticleIndex, query: Query, *, max_matches: int = MAX_MATCHES,
                  seconds: float | None = REGEX_SECONDS, pause: Pause | None = None) -> Found:
    """The first ``max_matches`` matches of a query in one article (original offsets, reading
    order, no overlaps), and whether there were more. A user's regex that runs past ``seconds``
    (None: no limit) raises SearchTimeout; it runs with the interpreter released, so a worker
    running it can be left behind while the app quits, and signals are seen in the meantime.
    ``pause`` (see Pause) is called between chunks of a free-text search's work."""
    deadline = None if seconds is None else time.monotonic() + seconds
    try:
        if query.kind is not None:
            found = _filter_matches(index, query, deadline)
        elif query.pattern is None:
            found = []
        else:
            with collector_paused():
                found = _free_text(index, query, max_matches + 1, deadline, pause)
    except TimeoutError:
        raise SearchTimeout(f"the regular expression ran over {seconds:g} s and was stopped; make it simpler "
                            "(nested repeats such as (a+)+ backtrack without end)") from None
    if index.only is not None:  # entity mentions and filters are taken from the whole article
        only = index.only
        found = [m for m in found if (m.section, m.paragraph) in only]
    return Found(found[:max_matches], len(found) > max_matches)


def search_paragraphs(index: ArticleIndex, query: Query, places: Iterable[tuple[int, int]]) -> list[Match]:
    """The matches ``search`` finds in some paragraphs of the index's article, those paragraphs
    alone folded and searched: the rows in sight, painted before the whole text is searched."""
    return search(ArticleIndex(index.article, only=places), query)


def search(index: ArticleIndex, query: Query, pause: Pause | None = None, seconds: float = REGEX_SECONDS) -> list[Match]:
    """Every match of a query in one article, up to MAX_MATCHES: original offsets, reading order,
    no overlaps. Raises SearchTimeout (a QueryError) for a regex past ``seconds``."""
    return search_capped(index, query, pause=pause, seconds=seconds).matches


def _free_text(index: ArticleIndex, query: Query, limit: int, deadline: float | None, pause: Pause | None = None) -> list[Match]:
    preferred = _entity_mentions(index, query)
    found = _text_matches(index, query, limit, deadline, pause)
    if not preferred and _is_plain(query):
        joined = index.joined((query.case, query.accents))
        if joined is not None and not joined.merge:
            # nothing to merge: plain matches never overlap, nor do their original spans
            # where folding maps characters in order (no ligature expanded)
            return found
    return _merge(preferred, found)


def search_all(indexes: Iterable[ArticleIndex], query: Query) -> list[tuple[str, Match]]:
    """Every match in several articles, as (article id, match), articles in the order given."""
    return [(index.article.id, match) for index in indexes for match in search(index, query)]
