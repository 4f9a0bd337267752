"""The library's filter text -> typed conditions (pure): free words, person: org: place: source: date: accords: draft: broken:.

``gouv person:goita source:APA date:2025-06 accords:>2 draft:yes`` keeps the articles that match
every part. A value with spaces is quoted: ``person:"assimi goita"``. Free words match the start
of a word of the article's title, source, id, date, file name, entity names or text (``gouv``
finds "gouvernement"), case and accents ignored; a file that did not load, by its path. Entity
and source values are found anywhere in a name.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from reader.library.records import loose, starts_word  # noqa: F401 - starts_word: the free words' matching, here too
from reader.search.query import Comparison, QueryError, parse_query

KINDS = ("person", "org", "place", "source", "date", "accords", "draft", "broken")
"""The typed filters the library knows."""
_TOKEN = re.compile(r'([A-Za-z]+):(?:"([^"]*)"?|(\S*))|"([^"]*)"?|(\S+)')
_COUNT = re.compile(r"\s*(<=|>=|<|>|=)?\s*(\d+)\s*\Z")
_YES = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False, "false": False, "0": False}


class FilterError(QueryError):
    """A filter that cannot be applied; ``position`` (0-based, in the text as typed) when known."""


@dataclass(frozen=True)
class LibraryFilter:
    """Every condition of a filter text; an empty one keeps every article."""

    words: tuple[str, ...] = ()
    """Folded free words, each the start of a word somewhere in the article."""
    entities: tuple[tuple[str, str], ...] = ()
    """(type, folded text) pairs: an entity of that type whose name or alias holds the text."""
    sources: tuple[str, ...] = ()
    dates: tuple[Comparison, ...] = ()
    """On the article's own date (``published``)."""
    accords: tuple[tuple[str, int], ...] = ()
    """(operator, number of numbered accords)."""
    draft: bool | None = None
    """True: only articles with draft marks; False: only reviewed ones."""
    broken: bool | None = None
    """True: only files that did not load; False: only those that did."""

    @property
    def is_empty(self) -> bool:
        return self == LibraryFilter()


def _yes(kind: str, value: str, at: int) -> bool:
    answer = _YES.get(value.lower())
    if answer is None:
        raise FilterError(f"{kind}:{value}: expected yes or no", at)
    return answer


def unknown_kinds(text: str) -> list[str]:
    """The ``name:`` parts of a filter that name no typed filter (read as words): what to say when it keeps nothing."""
    return [token.group(1) for token in _TOKEN.finditer(text) if token.group(1) and token.group(1).lower() not in KINDS]


def parse_filter(text: str) -> LibraryFilter:
    """Parse a filter as typed; raises FilterError (with the position) for a bad one."""
    words: list[str] = []
    entities: list[tuple[str, str]] = []
    sources: list[str] = []
    dates: list[Comparison] = []
    accords: list[tuple[str, int]] = []
    draft = broken = None
    for token in _TOKEN.finditer(text):
        name, quoted, bare, phrase, word = token.groups()
        if name is None or name.lower() not in KINDS:
            if name is not None and (close := difflib.get_close_matches(name.lower(), KINDS, n=1, cutoff=0.75)):
                raise FilterError(f"unknown filter '{name}:' (did you mean '{close[0]}:'?)", token.start())
            value = token.group() if phrase is None else phrase
            words += [w for w in loose(value).split() if w]
            continue
        kind = name.lower()
        value = quoted if quoted is not None else bare
        at = token.start(2) if quoted is not None else token.start(3)
        if kind in ("person", "org", "place"):
            entities.append((kind, loose(value).strip()))
        elif kind == "source":
            sources.append(loose(value).strip())
        elif kind == "date":
            try:
                query = parse_query(f"date:{value}")
            except QueryError as error:
                raise FilterError(error.message, None if error.position is None else at + error.position - 5) from None
            if query.compare is None:
                raise FilterError(f"date:{value}: expected an ISO date such as 2025-06 or <2024", at)
            dates.append(query.compare)
        elif kind == "accords":
            match = _COUNT.match(value)
            if match is None:
                raise FilterError(f"accords:{value}: expected a number of accords such as 3 or >2", at)
            accords.append((match.group(1) or "=", int(match.group(2))))
        elif kind == "draft":
            draft = _yes(kind, value, at)
        else:
            broken = _yes(kind, value, at)
    return LibraryFilter(tuple(words), tuple(entities), tuple(sources), tuple(dates), tuple(accords), draft, broken)
