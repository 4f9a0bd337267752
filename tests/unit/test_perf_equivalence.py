"""The fast paths give exactly what a straightforward implementation gives.

Each reference below is the plain algorithm the fast code replaced (kept here, not in the
package): folding text by text, looking for quotes and aliases with one regex per paragraph (the
alias lookahead tried at every character), searching paragraph by paragraph. Hypothesis draws
texts full of characters that fold in interesting ways and compares results exactly.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.spans import _END, _START, Annotator, _trie_pattern, needle_pattern, splits_character
from reader.text.fold import Folded, _finish, _fold_char, _fold_slow, _translate, fold, fold_many, fold_text
from reader.model.article import Location

PROPERTY = settings(max_examples=250, deadline=None)

# letters that make words, every kind of space and apostrophe, characters that fold to several
# (œ, ß, ½), to nothing (soft hyphen) or with the one before (combining marks), word edges
TRICKY = (
    "aabbeeiillmnoorsst0123 \u00a0\u202f\t\n"
    "’'`-_.,:«»"
    "\u00ad\u200b\u0301\u0308"
    "éÉïÏçœŒßİﬁ½ＭА"
)
WORDS = ["m.", "(b)", "a", "la", "le mali", "mali", "ali", "li", "le", "l'e", "be", "2", "0", "s.a", "-sa", "el", "« la", "ab", "ba", "é"]
chars = st.one_of(st.sampled_from(TRICKY), st.characters(codec="utf-8"))
texts = st.text(alphabet=chars, max_size=30)
glue = st.sampled_from([" ", " ", "", "-", "'", ". ", "\u00a0"])
words_text = st.lists(st.tuples(st.one_of(st.sampled_from(WORDS), texts), glue), max_size=8).map(lambda pairs: "".join(w + g for w, g in pairs))
paragraphs = st.one_of(texts, words_text)
FILLER = "le mali la " * 500
"""A long paragraph, so that texts are folded together as an article's are."""


# --- references --------------------------------------------------------------------------------

def ref_fold(text: str, *, case: bool = False, accents: bool = False) -> Folded:
    """Folding one text, with the set of its characters taken character by character."""
    table = {}
    for char in set(text):
        piece = _fold_char(char, case, accents)
        if piece is None:
            return _fold_slow(text, case, accents)
        if piece != char:
            table[ord(char)] = piece
    folded = _translate(text, table, case, accents) if table else text
    return _finish(len(text), folded)  # the offset map is built the same way on both paths


def plain(folded: Folded) -> tuple:
    return folded.text, list(folded.starts), list(folded.ends), folded.length


def ref_find(sections: list[list[str]], quote: str, prefix: str = "", only: list[int] | None = None) -> list[Location]:
    needle = fold_text(quote).strip()
    if not needle:
        return []
    head = fold_text(prefix).strip()
    if head:
        pattern = re.compile(_START + re.escape(head) + " ?(" + re.escape(needle) + ")" + _END)
    else:
        pattern = re.compile("(" + needle_pattern(needle) + ")")
    out = []
    for s, paragraphs in enumerate(sections):
        if only is not None and s not in only:
            continue
        for p, text in enumerate(paragraphs):
            folded = ref_fold(text)
            for match in pattern.finditer(folded.text):
                if splits_character(folded, match.start(1), match.end(1)):
                    continue
                start, end = folded.original(match.start(1), match.end(1))
                out.append(Location(s, p, start, end))
    return out


def ref_aliases(sections: list[list[str]], aliases: dict[str, str]) -> tuple[list[tuple], dict[str, int]]:
    """(entity, alias, section, paragraph, start, end) of each hit, and the counts."""
    counts = {alias: 0 for alias in aliases}
    if not aliases:
        return [], counts
    pattern = re.compile(rf"(?=({_START}{_trie_pattern(aliases)}{_END}))")
    hits = []
    for s, texts_ in enumerate(sections):
        for p, text in enumerate(texts_):
            folded = ref_fold(text)
            candidates = []
            for match in pattern.finditer(folded.text):
                found = match.group(1)
                if not found or splits_character(folded, match.start(1), match.end(1)):
                    continue
                counts[found] += 1
                candidates.append((match.start(1), match.end(1), found))
            candidates.sort(key=lambda c: (c[0] - c[1], c[0]))
            taken: list[tuple[int, int, str]] = []
            for start, end, found in candidates:
                if all(end <= a or start >= b for a, b, _ in taken):
                    taken.append((start, end, found))
            for start, end, found in sorted(taken):
                o_start, o_end = folded.original(start, end)
                hits.append((aliases[found], found, s, p, o_start, o_end))
    return hits, counts


# --- folding -------------------------------------------------------------------------------------

@PROPERTY
@given(st.lists(paragraphs, max_size=6), st.booleans(), st.booleans(), st.booleans())
def test_fold_many_is_fold_of_each(texts_: list[str], case: bool, accents: bool, long: bool) -> None:
    if long:
        texts_ = [FILLER, *texts_, FILLER.upper()]
    got = fold_many(texts_, case=case, accents=accents)
    assert [plain(f) for f in got] == [plain(ref_fold(t, case=case, accents=accents)) for t in texts_]


@PROPERTY
@given(paragraphs, st.booleans(), st.booleans(), st.integers(0, 600))
def test_fold_is_the_reference_fold(text: str, case: bool, accents: bool, pad: int) -> None:
    text = "Ab\u00a0" * pad + text  # long texts take the byte path to their character set
    assert plain(fold(text, case=case, accents=accents)) == plain(ref_fold(text, case=case, accents=accents))


# --- quotes and aliases --------------------------------------------------------------------------

articles = st.lists(st.lists(paragraphs, min_size=1, max_size=4), min_size=1, max_size=3)


@PROPERTY
@given(articles, st.one_of(st.sampled_from(WORDS), texts), st.one_of(st.just(""), st.sampled_from(WORDS), texts), st.booleans(), st.booleans())
def test_find_is_the_regex_find(sections: list[list[str]], quote: str, prefix: str, long: bool, only_first: bool) -> None:
    if long:
        sections = [*sections, [FILLER]]
    only = [0] if only_first else None
    assert Annotator(sections).find(quote, prefix=prefix, sections=only) == ref_find(sections, quote, prefix, only)


@PROPERTY
@given(articles, st.lists(st.one_of(st.sampled_from(WORDS), texts), max_size=6), st.booleans())
def test_aliases_are_the_lookahead_scan(sections: list[list[str]], raw: list[str], long: bool) -> None:
    if long:
        sections = [[FILLER, *sections[0]], *sections[1:]]
    # aliases as the loader gives them: folded, stripped, the entity named after the first
    aliases: dict[str, str] = {}
    for alias in raw:
        aliases.setdefault(fold_text(alias).strip(), alias)
    hits, counts = Annotator(sections).aliases(aliases)
    got = [(h.entity, h.alias, h.location.section, h.location.paragraph, h.location.start, h.location.end) for h in hits]
    assert (got, counts) == ref_aliases(sections, aliases)
    assert list(counts) == list(aliases)


def test_aliases_overlapping_inside_a_hit() -> None:
    sections = [["la région de Kamido et Kamido, la région de Kamido-sa; M. Kamido. « la région »", "Kamido"], ["x"]]
    aliases = {fold_text(a).strip(): a for a in ["la région de Kamido", "Kamido", "région de kamido-sa", "M.", "M. Kamido", "« la", "de"]}
    hits, counts = Annotator(sections).aliases(aliases)
    got = [(h.entity, h.alias, h.location.section, h.location.paragraph, h.location.start, h.location.end) for h in hits]
    assert (got, counts) == ref_aliases(sections, aliases)


CRAFTED = [
    "x m.mali, (b)la le mali-sa. la« la l'e mali",
    "m.mali le mali le m. la m.(b) s.a-sa ba.ab « la »,le",
    "2 0 2023 le 2e élan ali.li el-el la_la _la",
]


def test_aliases_every_pair_of_words() -> None:
    sections = [CRAFTED[:2], CRAFTED[2:]]
    for i, first in enumerate(WORDS):
        for second in WORDS[i:]:
            aliases = {fold_text(a).strip(): a for a in (first, second)}
            hits, counts = Annotator(sections).aliases(aliases)
            got = [(h.entity, h.alias, h.location.section, h.location.paragraph, h.location.start, h.location.end) for h in hits]
            assert (got, counts) == ref_aliases(sections, aliases), (first, second)


# --- search ---------------------------------------------------------------------------------------

from reader.model.article import Article, Paragraph, Section, Source  # noqa: E402
from reader.search.query import SearchOptions, number_pattern, parse_query  # noqa: E402
from reader.search.engine import ArticleIndex, Match, _merge, search  # noqa: E402


def ref_number_pattern(token: str) -> str:
    """The number pattern with its checks before the number made before its first digit."""
    pattern = number_pattern(token)
    first, rest = pattern[0], pattern[1:]
    left = re.match(r"(?:\(\?<!\\d[^)]*\))+", rest).group()
    shifted = left.replace(".)", ")")
    return shifted + first + rest[len(left):]


def ref_search(article: Article, query) -> list[Match]:
    """Free text paragraph by paragraph, then merged with the entity mentions as search does."""
    from reader.search.engine import _entity_mentions

    index = ArticleIndex(article)
    out = []
    for s, section in enumerate(article.sections):
        for p, paragraph in enumerate(section.paragraphs):
            folded = ref_fold(paragraph.text, case=query.case, accents=query.accents)
            for found in query.pattern.finditer(folded.text):
                if found.end() > found.start():
                    start, end = folded.original(found.start(), found.end())
                    out.append(Match(s, p, start, end))
    return _merge(_entity_mentions(index, query), out)


def article_of(sections: list[list[str]]) -> Article:
    return Article(
        id="a", title="t", language="fr", published="2025", source=Source("x"),
        sections=tuple(Section(f"s{i}", "body", "", tuple(Paragraph(t) for t in texts_)) for i, texts_ in enumerate(sections)),
        accords=(), entities=(), dates=(), figures=(),
    )


NUMBERS = ["2023", "10 000", "10000", "3,5", "3.5", "45 %", "45%", "000", "200", "1 200", "2.023"]
numbers_text = st.lists(st.tuples(st.sampled_from(NUMBERS + ["0", "1", "2", "3", "20", "023", "9"]), glue), max_size=8).map(lambda pairs: "".join(w + g for w, g in pairs))


@PROPERTY
@given(st.lists(st.one_of(paragraphs, numbers_text), min_size=1, max_size=5), st.one_of(st.sampled_from(WORDS + NUMBERS), texts),
       st.booleans(), st.one_of(st.none(), st.booleans()), st.one_of(st.none(), st.booleans()), st.booleans())
def test_search_is_the_paragraph_by_paragraph_search(texts_: list[str], typed: str, long: bool, case, diacritics, whole: bool) -> None:
    if long:
        texts_ = [FILLER, *texts_]
    article = article_of([texts_[:2], texts_[2:]])
    try:
        query = parse_query(typed, SearchOptions(case=case, diacritics=diacritics, whole_word=whole))
    except ValueError:
        return
    if query.pattern is None or query.kind is not None:
        return
    index = ArticleIndex(article)
    assert search(index, query) == ref_search(article, query)


@PROPERTY
@given(st.sampled_from(NUMBERS), st.lists(st.one_of(numbers_text, texts), max_size=4))
def test_number_pattern_matches_as_the_lookbehind_first_form(token: str, texts_: list[str]) -> None:
    fast, reference = re.compile(number_pattern(token)), re.compile(ref_number_pattern(token))
    for text in texts_:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in reference.finditer(text)]


def test_search_every_word_on_crafted_text() -> None:
    texts_ = [*CRAFTED, "la  la mali,   le\u00a0 mali 10 000 et 10\u202f000", "cœur du Mali ½ 2023 l’e Goi\u0308ta", "2 023, 45 %, 3,5 et 1 200 000", FILLER]
    article = article_of([texts_[:3], texts_[3:]])
    index = ArticleIndex(article)
    for typed in [*WORDS, *NUMBERS, "oe", "coeur", "Mali", "goïta", "1", "cœur du"]:
        for whole in (False, True):
            query = parse_query(typed, SearchOptions(whole_word=whole))
            assert search(index, query) == ref_search(article, query), typed
