"""Derive spans from aliases and quotes: whole-word matching on folded text, longest alias wins."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from reader.fold import Folded, fold, fold_text
from reader.model import Location

_WORD = r"[^\W_]"
_START = rf"(?:(?<!{_WORD})|(?!{_WORD}))"
"""At a word start, or the needle begins with a non-word character."""
_END = rf"(?:(?<!{_WORD})|(?!{_WORD}))"
"""After a word end, or the needle ended on a non-word character."""


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex matching any of the words, trying longer ones first at each position."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(c) + emit(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def needle_pattern(needle: str) -> str:
    """A regex for one folded needle, matched as whole words at its word edges."""
    return _START + re.escape(needle) + _END


@dataclass(frozen=True, slots=True)
class AliasHit:
    """An entity alias found in the text."""

    entity: str
    alias: str
    location: Location


def splits_character(folded: Folded, start: int, end: int) -> bool:
    """True when a folded range begins or ends inside one original character's folded form
    (e.g. just the "2" of "½", which folds to "1⁄2")."""
    if start > 0 and folded.starts[start] == folded.starts[start - 1]:
        return True
    return end < len(folded.text) and folded.ends[end] == folded.ends[end - 1] and folded.starts[end] == folded.starts[end - 1]


class Annotator:
    """Finds aliases and quotes in an article's paragraphs, folding each paragraph once."""

    def __init__(self, sections: Sequence[Sequence[str]]) -> None:
        self.folded: list[list[Folded]] = [[fold(text) for text in paragraphs] for paragraphs in sections]

    def _paragraphs(self, sections: Iterable[int] | None):
        indices = range(len(self.folded)) if sections is None else sections
        for s in indices:
            for p, folded in enumerate(self.folded[s]):
                yield s, p, folded

    def find(self, quote: str, *, prefix: str = "", sections: Iterable[int] | None = None) -> list[Location]:
        """Every whole-word occurrence of a quote (after an optional prefix), in reading order."""
        needle = fold_text(quote).strip()
        if not needle:
            return []
        head = fold_text(prefix).strip()
        if head:
            pattern = re.compile(_START + re.escape(head) + " ?(" + re.escape(needle) + ")" + _END)
        else:
            pattern = re.compile("(" + needle_pattern(needle) + ")")
        out = []
        for s, p, folded in self._paragraphs(sections):
            if needle not in folded.text:
                continue
            for match in pattern.finditer(folded.text):
                if splits_character(folded, match.start(1), match.end(1)):
                    continue
                start, end = folded.original(match.start(1), match.end(1))
                out.append(Location(s, p, start, end))
        return out

    def aliases(self, aliases: dict[str, str]) -> tuple[list[AliasHit], dict[str, int]]:
        """Resolve entity aliases (folded alias -> entity id) to non-overlapping hits.

        Returns the hits in reading order and, per folded alias, how often it matched at all
        (before overlaps were settled), so that an alias that matches nowhere can be reported.
        """
        counts = {alias: 0 for alias in aliases}
        if not aliases:
            return [], counts
        trie = _trie_pattern(aliases)
        pattern = re.compile(rf"(?=({_START}{trie}{_END}))")
        hits: list[AliasHit] = []
        for s, p, folded in self._paragraphs(None):
            candidates = []
            for match in pattern.finditer(folded.text):
                text = match.group(1)
                if not text or splits_character(folded, match.start(1), match.end(1)):
                    continue
                counts[text] += 1
                candidates.append((match.start(1), match.end(1), text))
            # the longest alias wins where two overlap; at equal length, the earlier one
            candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
            taken: list[tuple[int, int, str]] = []
            for start, end, text in candidates:
                if all(end <= a or start >= b for a, b, _ in taken):
                    taken.append((start, end, text))
            for start, end, text in sorted(taken):
                o_start, o_end = folded.original(start, end)
                hits.append(AliasHit(aliases[text], text, Location(s, p, o_start, o_end)))
        return hits, counts
