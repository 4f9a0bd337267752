"""Derive spans from aliases and quotes: whole-word matching on folded text, longest alias wins."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate
from typing import Iterable, Iterator, Sequence

from reader.text.fold import _CHUNK, Folded, OffsetMap, _fold_many, fold_text
from reader.text.overlaps import overlapping as _overlapping, settle as _settle
from reader.text.trie import trie, trie_pattern
from reader.model.article import Location

_trie_pattern = trie_pattern
"""The name the equivalence tests import."""

_WORD = r"[^\W_]"
_START = rf"(?:(?<!{_WORD})|(?!{_WORD}))"
"""At a word start, or the needle begins with a non-word character."""
_END = rf"(?:(?<!{_WORD})|(?!{_WORD}))"
"""After a word end, or the needle ended on a non-word character."""


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


def _is_word(char: str) -> bool:
    """A word character as the patterns' ``[^\\W_]`` sees it (the same as str.isalnum)."""
    return char.isalnum()


def _start_ok(text: str, i: int) -> bool:
    """_START at i: at a word start, or text[i] is no word character."""
    return i == 0 or not text[i - 1].isalnum() or i == len(text) or not text[i].isalnum()


def _end_ok(text: str, j: int) -> bool:
    """_END at j: after a word end, or text[j] is no word character."""
    return j == 0 or j == len(text) or not text[j - 1].isalnum() or not text[j].isalnum()


def _find_whole(text: str, needle: str) -> Iterator[tuple[int, int]]:
    """The spans ``re.finditer(needle_pattern(needle), text)`` finds, through str.find."""
    n = len(needle)
    i = text.find(needle)
    while i >= 0:
        if _start_ok(text, i) and _end_ok(text, i + n):
            yield i, i + n
            i = text.find(needle, i + n)
        else:
            i = text.find(needle, i + 1)


def _find_after(text: str, head: str, needle: str) -> Iterator[tuple[int, int]]:
    """The spans of group 1 that ``_START head ' ?(' needle ')' _END`` finds with finditer."""
    h, n = len(head), len(needle)
    i = text.find(head)
    while i >= 0:
        if _start_ok(text, i):
            j = i + h
            if text.startswith(" ", j) and text.startswith(needle, j + 1) and _end_ok(text, j + 1 + n):
                span = (j + 1, j + 1 + n)
            elif text.startswith(needle, j) and _end_ok(text, j + n):
                span = (j, j + n)
            else:
                span = None
            if span is not None:
                yield span
                i = text.find(head, span[1])
                continue
        i = text.find(head, i + 1)


class _AliasScanner:
    """Every position's longest whole-word alias, as the lookahead ``(?=(_START trie _END))``
    tried at every character finds, but fast, on a text whose paragraphs are joined by NUL (a
    non-word character that no paragraph or alias holds).

    Each position p has one class, by the character before it: p == 0 (tried alone); a non-word
    character before (the main scan, ``([\\W_])(trie)_END``, whose leading character set lets
    re skip ahead; it runs as a split, so that no Python code runs per hit); a word character
    before, where only an alias that starts with a non-word character can begin (found by
    looking for those characters). The main scan goes on after a hit's end, so it skips the
    positions inside the hit and just after it: there, the ones with a non-word character
    before are tried alone, where an alias could begin (known per alias from the trie).
    """

    def __init__(self, words: list[str], nonword: str) -> None:
        """``nonword``: every non-word character the text may hold (a superset is fine)."""
        body = trie_pattern(words)
        prefix = "[" + "".join(re.escape(c) for c in sorted(nonword)) + "]" if nonword else r"[\W_]"
        self.split = re.compile("(" + prefix + ")(" + body + ")" + _END).split
        self.anchored = re.compile(_START + "(" + body + ")" + _END).match
        self.trie = trie(words)
        others = sorted({w[0] for w in words if not _is_word(w[0])})
        self.others = re.compile("[" + "".join(re.escape(c) for c in others) + "]") if others else None
        self.inner: dict[str, tuple[int, ...]] = {}
        """Per alias found, the offsets of _inner (the same for every chunk)."""

    def _could_start(self, rest: str) -> bool:
        """True when an alias could match at the start of a text beginning with ``rest``."""
        node = self.trie
        for char in rest:
            if "" in node:
                return True
            node = node.get(char)
            if node is None:
                return False
        return True

    def _inner(self, alias: str) -> tuple[int, ...]:
        """Offsets k in (0, len] of a hit of ``alias`` that the main scan skips and that must be
        tried: after a non-word character, where an alias could begin (always at the end)."""
        n = len(alias)
        return tuple(k for k in range(1, n + 1) if not _is_word(alias[k - 1]) and (k == n or self._could_start(alias[k:])))

    def hits(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, alias) of every position's longest alias, sorted by start."""
        parts = self.split(text)
        ends = list(accumulate(map(len, parts)))
        found = parts[2::3]
        out = list(zip(ends[1::3], ends[2::3], found))
        anchored = self.anchored
        extra = []
        first = anchored(text, 0)
        if first is not None:
            extra.append((0, first.end(1), first.group(1)))
        inner = self.inner
        needy = set()
        for alias in set(found):
            if alias not in inner:
                inner[alias] = self._inner(alias)
            if inner[alias]:
                needy.add(alias)
        if needy:
            for start, _end, alias in [hit for hit in out if hit[2] in needy]:
                for k in inner[alias]:
                    match = anchored(text, start + k)
                    if match is not None:
                        extra.append((match.start(1), match.end(1), match.group(1)))
        if self.others is not None:
            for match in self.others.finditer(text):
                at = match.start()
                if at > 0 and _is_word(text[at - 1]):
                    found_at = anchored(text, at)
                    if found_at is not None:
                        extra.append((at, found_at.end(1), found_at.group(1)))
        if extra:
            out += extra
            out.sort()  # mostly two sorted runs: a merge
        return out


_TOKEN = re.compile(r"[^\W_]+")
"""A word as the whole-word edges see it (runs of str.isalnum characters)."""
INDEX_AFTER = 8
"""Quotes looked for in the whole text before the paragraphs get a word index (it costs a pass)."""


class Annotator:
    """Finds aliases and quotes in an article's paragraphs, folding each paragraph once."""

    def __init__(self, sections: Sequence[Sequence[str]]) -> None:
        flat, self._chars = _fold_many([text for paragraphs in sections for text in paragraphs], False, False)
        self.folded: list[list[Folded]] = []
        at = 0
        for paragraphs in sections:
            self.folded.append(flat[at:at + len(paragraphs)])
            at += len(paragraphs)
        self._searches = 0
        self._places: list[tuple[int, int, Folded]] | None = None
        self._words: dict[str, list[int]] | None = None
        """Per folded word, the paragraphs (flat, in reading order) that hold it as a whole word."""

    def _candidates(self, needle: str, head: str) -> Iterable[tuple[int, int, Folded]] | None:
        """The only paragraphs where a quote can be (those holding its rarest whole word), or None
        to try them all: one scan of the whole text per quote made thousands of quotes quadratic."""
        self._searches += 1
        if self._searches <= INDEX_AFTER:
            return None
        # every word of the needle is a whole word of the text, but its first right after a prefix
        # (they may be written together); of the prefix, every word but its last
        words = _TOKEN.findall(needle)
        if head and words and _is_word(needle[0]):
            words = words[1:]
        if not words and head:
            words = _TOKEN.findall(head)[:-1]
        if not words:
            return None
        if self._words is None:
            self._places = list(self._paragraphs(None))
            index: dict[str, list[int]] = {}
            for k, (_, _, folded) in enumerate(self._places):
                for word in set(_TOKEN.findall(folded.text)):
                    index.setdefault(word, []).append(k)
            self._words = index
        places = self._places
        assert places is not None
        rarest = min(words, key=lambda w: len(self._words.get(w, ())))  # type: ignore[union-attr]
        return [places[k] for k in self._words.get(rarest, ())]

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
        head = fold_text(prefix).strip() if prefix else ""
        out = []
        candidates = self._candidates(needle, head) if sections is None else None
        for s, p, folded in self._paragraphs(sections) if candidates is None else candidates:
            if needle not in folded.text:
                continue
            spans = _find_after(folded.text, head, needle) if head else _find_whole(folded.text, needle)
            for start, end in spans:
                if splits_character(folded, start, end):
                    continue
                o_start, o_end = folded.original(start, end)
                out.append(Location(s, p, o_start, o_end))
        return out

    def aliases(self, aliases: dict[str, str]) -> tuple[list[AliasHit], dict[str, int]]:
        """Resolve entity aliases (folded alias -> entity id) to non-overlapping hits.

        Returns the hits in reading order and, per folded alias, how often it matched at all
        (before overlaps were settled), so that an alias that matches nowhere can be reported.
        """
        spans, counts = self.alias_spans(aliases)
        return [AliasHit(aliases[text], text, Location(s, p, start, end)) for s, p, start, end, text in spans], counts

    def alias_spans(self, aliases: Iterable[str]) -> tuple[list[tuple[int, int, int, int, str]], dict[str, int]]:
        """As ``aliases`` but with plain tuples: (section, paragraph, start, end, folded alias).

        The paragraphs are scanned by chunks of about _CHUNK characters, joined by NUL (a
        non-word character that no paragraph or alias holds), each chunk but the first led by
        a NUL so that every paragraph starts after one (see _AliasScanner).
        """
        counts = {alias: 0 for alias in aliases}
        words = [alias for alias in counts if alias]
        places = list(self._paragraphs(None))
        if not words or any("\x00" in w for w in words) or any("\x00" in f.text for _, _, f in places):
            return self._alias_spans_each(counts), counts
        nonword = "" if self._chars is None else "".join(c for c in self._chars.union(map(chr, range(128))) if not _is_word(c))
        scanner = _AliasScanner(words, nonword)
        out: list[tuple[int, int, int, int, str]] = []
        kept: list[str] = []
        first = 0
        while first < len(places):
            last, size = first, 0
            while last < len(places) and (last == first or size + len(places[last][2].text) <= _CHUNK):
                size += len(places[last][2].text) + 1
                last += 1
            texts = [f.text for _, _, f in places[first:last]]
            lead = "\x00" if first else ""
            starts = list(accumulate([len(lead)] + [len(t) + 1 for t in texts[:-1]]))
            self._settle_chunk(scanner.hits(lead + "\x00".join(texts)), starts, places[first:last], out, kept)
            first = last
        counts.update(Counter(kept))
        return out, counts

    @staticmethod
    def _settle_chunk(found: list[tuple[int, int, str]], starts: list[int], places: list[tuple[int, int, Folded]],
                      out: list[tuple[int, int, int, int, str]], kept: list[str]) -> None:
        """The hits of a chunk per paragraph: characters not split, overlaps settled, original offsets.

        The whole chunk is handled at once (a loop per paragraph cost more than the hits): no hit
        holds a NUL, so hits of two paragraphs never overlap, and settling the chunk's hits
        together settles each paragraph's alone. Only paragraphs folded the slow way can have a
        hit that splits a character, and only those or ones with collapsed spaces need offsets mapped.
        """
        if not found:
            return
        special = [k for k, (_, _, folded) in enumerate(places)
                   if not isinstance(folded.starts, OffsetMap) or folded.starts.runs]
        if special:
            where = [bisect_right(starts, hit[0]) - 1 for hit in found]
            splitters = {k for k in special if not isinstance(places[k][2].starts, OffsetMap)}
            if splitters:
                pairs = [(hit, k) for hit, k in zip(found, where) if k not in splitters
                         or not splits_character(places[k][2], hit[0] - starts[k], hit[1] - starts[k])]
                found = [hit for hit, _ in pairs]
                where = [k for _, k in pairs]
        kept += [hit[2] for hit in found]
        if _overlapping(found):
            found = _settle(found)
            if special:
                where = [bisect_right(starts, hit[0]) - 1 for hit in found]
        if not special:
            # every paragraph maps one for one: the folded offsets are the original ones
            k, limit = -1, -1
            for a, b, alias in found:
                if a >= limit:
                    k = bisect_right(starts, a) - 1
                    limit = starts[k + 1] if k + 1 < len(starts) else float("inf")
                    s, p, _ = places[k]
                    base = starts[k]
                out.append((s, p, a - base, b - base, alias))
            return
        mapped = set(special)
        for (a, b, alias), k in zip(found, where):
            s, p, folded = places[k]
            base = starts[k]
            if k in mapped:
                out.append((s, p, *folded.original(a - base, b - base), alias))
            else:
                out.append((s, p, a - base, b - base, alias))

    def _alias_spans_each(self, counts: dict[str, int]) -> list[tuple[int, int, int, int, str]]:
        """alias_spans paragraph by paragraph, with the lookahead tried at every position."""
        if not counts:
            return []
        source = trie_pattern(counts)
        pattern = re.compile(rf"(?=({_START}{source}{_END}))")
        out = []
        for s, p, folded in self._paragraphs(None):
            candidates = []
            for match in pattern.finditer(folded.text):
                text = match.group(1)
                if not text or splits_character(folded, match.start(1), match.end(1)):
                    continue
                counts[text] += 1
                candidates.append((match.start(1), match.end(1), text))
            for start, end, text in _settle(candidates):
                o_start, o_end = folded.original(start, end)
                out.append((s, p, o_start, o_end, text))
        return out
