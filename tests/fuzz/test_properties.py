"""Property tests: the loader, folding, annotation and search never fail in a way they did not plan.

A few hundred examples per property in the normal run; thousands in the long run, which is
opt-in: ``READER_LONG=1 pytest tests/fuzz/test_properties.py`` or ``pytest -m long`` (the long tests are
marked ``long`` and skipped unless one of the two is given).
"""

from __future__ import annotations

import json
import math
import os
from functools import lru_cache

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.text.spans import Annotator
from reader.load.build import build_article, load_article
from reader.model.problems import ProblemsError
from reader.text.fold import fold
from reader.search.engine import ArticleIndex, QueryError, SearchOptions, parse_query, search
from reader.load.yamlsource import decode, parse
from reader.cli.export import to_data
from tests.apphelpers import BUNDLED

LONG = os.environ.get("READER_LONG") == "1"
SKIP_UNLESS_LONG = pytest.mark.skipif(
    "os.environ.get('READER_LONG') != '1' and 'long' not in (config.getoption('markexpr') or '')",
    reason="long run: set READER_LONG=1 or select it with -m long",
)
"""Long tests run with READER_LONG=1 or `-m long`; the default run skips them."""


NORMAL = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
MANY = settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

BUNDLED_BYTES = BUNDLED.read_bytes()


@lru_cache(maxsize=1)
def bundled_index() -> ArticleIndex:
    return ArticleIndex(load_article(BUNDLED))


def load_bytes(data: bytes, name: str = "fuzz.yaml"):
    """The loader on raw bytes: decode, parse, build. Returns the article or the ProblemsError."""
    try:
        return build_article(parse(decode(data, name), name), name)
    except ProblemsError as error:
        assert error.problems, "a ProblemsError with no problem"
        for problem in error.problems:
            assert problem.path == name and problem.message
            assert problem.line >= 0 and problem.column >= 0
            assert (problem.line == 0) == (problem.column == 0), problem
            assert "Traceback" not in problem.message
        return error


# --- strategies --------------------------------------------------------------------------------

KEYS = ["id", "title", "language", "published", "source", "sections", "accords", "entities", "dates", "figures",
        "kind", "heading", "paragraphs", "quote", "aliases", "type", "name", "description", "number", "anchor",
        "section", "value", "unit", "about", "parties", "summary", "agency", "format", "occurrence", "prefix"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True), st.text(max_size=30),
    st.sampled_from(["Mali", "Rosatom", "lede", "body", "person", "2025-06-23", "45 %", "", " ", "[bold]", "\x1b]0;x\x07"]),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), children, max_size=5),
    ),
    max_leaves=30,
)
documents = st.dictionaries(st.sampled_from(KEYS), values, max_size=10)


def mutate(data: bytes, ops: list[tuple[str, int, int]]) -> bytes:
    """Apply byte flips, line deletions, duplications and truncations to a file."""
    for op, a, b in ops:
        if not data:
            break
        if op == "flip":
            i = a % len(data)
            data = data[:i] + bytes([data[i] ^ (1 << (b % 8))]) + data[i + 1:]
        elif op == "byte":
            i = a % len(data)
            data = data[:i] + bytes([b % 256]) + data[i + 1:]
        else:
            lines = data.split(b"\n")
            i = a % len(lines)
            if op == "delete":
                del lines[i]
            elif op == "duplicate":
                lines.insert(i, lines[i])
            elif op == "swap":
                j = b % len(lines)
                lines[i], lines[j] = lines[j], lines[i]
            elif op == "truncate":
                return data[: a % len(data)]
            data = b"\n".join(lines)
    return data


mutations = st.lists(
    st.tuples(st.sampled_from(["flip", "byte", "delete", "duplicate", "swap", "truncate"]),
              st.integers(0, 10**6), st.integers(0, 10**6)),
    min_size=1, max_size=6,
)
hostile_text = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(list("\x1b\x07\x00\u202e\u200b\u00ad\u0301\u0300’' \u00a0\u202f\t\nœŒæ½²①ﬁİıß北🇲🇱👩‍")),
        st.sampled_from(list("Mali Rosatom 45 % 10 000 3,5")),
    ),
    max_size=120,
)


# --- the loader ----------------------------------------------------------------------------


def _check_generated_document(document) -> None:
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    load_bytes(text.encode("utf-8"))


def _check_mutated_article(ops) -> None:
    load_bytes(mutate(BUNDLED_BYTES, ops))


def _check_random_bytes(data) -> None:
    load_bytes(data)


@NORMAL
@given(documents)
def test_loader_on_generated_documents(document):
    _check_generated_document(document)


@NORMAL
@given(mutations)
def test_loader_on_a_mutated_bundled_article(ops):
    _check_mutated_article(ops)


@settings(NORMAL, max_examples=300)
@given(st.one_of(st.binary(max_size=200), hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_loader_on_random_bytes_and_text(data):
    _check_random_bytes(data)


# --- generated articles: long and overlapping aliases, extreme numbers, YAML aliases (issue 16) ---

ALIAS_WORDS = ["a", "a a", "aa", "a-a", "Mali", "Mali Mali", "l’a", "l'a", "ﬁ", "½", "Goïta", "Assimi Goïta", "10 000", "45 %"]
words = st.sampled_from(ALIAS_WORDS)
repeated = st.tuples(words, st.integers(1, 600)).map(lambda t: " ".join([t[0]] * t[1]))
"""A word said up to 600 times: long paragraphs of overlapping matches, and long aliases."""
prefix_chain = st.tuples(words, st.integers(1, 120)).map(lambda t: [" ".join([t[0]] * k) for k in range(1, t[1] + 1)])
"""Aliases each a prefix of the next."""
extreme_numbers = st.one_of(
    st.integers(-10**400, 10**400).map(str), st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from([".nan", ".NaN", ".inf", "-.inf", "+.inf", "1e308", "1.0e+308", "1.0e+400", "-1.0e+400", "0o17", "0x1F",
                     "1_000", "1" + "0" * 309, "-0.0", "4.9e-324", "1:30", "0b101", "0.", ".5"]),
)


def _quoted(text: str) -> str:
    """A double-quoted YAML scalar, escaped by PyYAML (JSON's surrogate-pair escapes are no YAML)."""
    return yaml.safe_dump([text], default_style='"', width=10**9)[2:].rstrip("\n")


@st.composite
def generated_articles(draw) -> str:
    """An article's YAML: paragraphs of alias words (some repeated through YAML aliases), entities
    with long, overlapping and prefix-chained aliases, and figures with extreme values."""
    paragraphs = draw(st.lists(st.one_of(repeated, hostile_text.filter(lambda t: t.strip())), min_size=1, max_size=4))
    aliases = draw(st.lists(st.one_of(words, repeated), max_size=6)) + draw(st.one_of(st.just([]), prefix_chain))
    repeats = draw(st.integers(0, 40))
    values = draw(st.lists(extreme_numbers, min_size=1, max_size=3))
    quote = draw(st.one_of(words, st.sampled_from(["a a a", "Mali", "10 000"])))
    items = [_quoted(p) for p in paragraphs]
    items[0] = "&p " + items[0]
    items += ["*p"] * repeats
    out = ['format: 1', 'id: fuzz', 'title: T', 'language: fr', 'published: "2025-01-01"', 'source: {agency: A}', 'sections:',
           '  - id: s', '    kind: body', '    heading: h', '    paragraphs: [' + ", ".join(items) + ']', 'entities:']
    out += [f"  - {{id: e{i}, type: org, name: N, description: d, aliases: [{_quoted(a)}]}}"
            for i, a in enumerate(dict.fromkeys(aliases))]
    if not aliases:
        out[-1] = "entities: []"
    out.append("figures:")
    out += [f"  - {{id: f{i}, quote: {_quoted(quote)}, occurrence: 1, value: {v}, unit: u, about: a}}" for i, v in enumerate(values)]
    return "\n".join(out) + "\n"


def _check_generated_article(text: str) -> None:
    result = load_bytes(text.encode("utf-8"))
    if isinstance(result, ProblemsError):
        return
    for figure in result.figures:
        assert isinstance(figure.value, (int, float)) and math.isfinite(float(figure.value)), figure.value
    json.dumps(to_data(result), allow_nan=False)  # never invalid JSON
    for mention in result.mentions:
        paragraph = result.sections[mention.section].paragraphs[mention.paragraph].text
        assert 0 <= mention.start < mention.end <= len(paragraph)


@settings(NORMAL, max_examples=100)  # 60 ms an example (a whole article built): the long run tries 10,000
@given(generated_articles())
def test_loader_on_generated_articles(text):
    _check_generated_article(text)


# --- folding, annotation, search -------------------------------------------------------------


def _check_fold(text: str, case: bool, accents: bool) -> None:
    folded = fold(text, case=case, accents=accents)
    assert len(folded.starts) == len(folded.ends) == len(folded.text)
    assert folded.length == len(text)
    previous = 0
    for start, end in zip(folded.starts, folded.ends):
        assert 0 <= start < end <= len(text)
        assert start >= previous
        previous = start
    for a in range(len(folded.text) + 1):
        b = min(len(folded.text), a + 3)
        start, end = folded.original(a, b)
        assert 0 <= start <= end <= len(text)


def _check_annotator(paragraphs: list[str], aliases: list[str], quote: str) -> None:
    from reader.text.fold import fold_text

    annotator = Annotator([paragraphs])
    table = {}
    for alias in aliases:
        folded = fold_text(alias).strip()
        if folded:
            table[folded] = f"e{len(table)}"
    hits, counts = annotator.aliases(table)
    assert set(counts) == set(table)
    spans: dict[int, list[tuple[int, int]]] = {}
    for hit in hits:
        loc = hit.location
        assert loc.section == 0 and 0 <= loc.paragraph < len(paragraphs)
        assert 0 <= loc.start < loc.end <= len(paragraphs[loc.paragraph])
        spans.setdefault(loc.paragraph, []).append((loc.start, loc.end))
    for found in spans.values():
        found.sort()
        assert all(a[1] <= b[0] for a, b in zip(found, found[1:])), f"overlapping hits {found}"
    for loc in annotator.find(quote, prefix=quote[:3]) + annotator.find(quote):
        assert 0 <= loc.start <= loc.end <= len(paragraphs[loc.paragraph])


def _check_search(text: str, case_sensitive: bool, regex: bool, words: bool) -> None:
    index = bundled_index()
    options = SearchOptions(case=case_sensitive or None, regex=regex, whole_word=words)
    try:
        query = parse_query(text, options)
    except QueryError:
        return
    places = index.places
    for match in search(index, query):
        paragraph = index.article.sections[match.section].paragraphs[match.paragraph].text
        assert 0 <= match.start <= match.end <= len(paragraph), (text, match)
    assert places is index.places


queries = st.one_of(
    hostile_text,
    st.sampled_from(["person:", "org:mali", "figure:>100", "figure:<=45%", "date:2025-06", "date:<2024", "figure:>>", "date:13-99",
                     "(", "[", "*", "\\", "a|", "poutine", "10000", "45%", "3.5", "goita", "\"Mali", "figure:", "x:y", "(?i)", "a{99999}"]),
    st.lists(st.sampled_from(["person:", "org:", "figure:>", "date:<", "Mali", "45", "%", " ", "\"", "(", ")", "|", "*", "é", "-"]),
             max_size=8).map("".join),
)


@NORMAL
@given(hostile_text, st.booleans(), st.booleans())
def test_fold_never_raises_and_maps_inside_the_text(text, case, accents):
    _check_fold(text, case, accents)


@NORMAL
@given(st.lists(hostile_text, min_size=1, max_size=4), st.lists(hostile_text, max_size=6), hostile_text)
def test_annotator_never_raises_and_spans_stay_inside(paragraphs, aliases, quote):
    _check_annotator(paragraphs, aliases, quote)


@NORMAL
@given(queries, st.booleans(), st.booleans(), st.booleans())
def test_search_never_raises_and_matches_stay_inside(text, case_sensitive, regex, words):
    _check_search(text, case_sensitive, regex, words)


# --- the long run ------------------------------------------------------------------------------


@pytest.mark.long
@SKIP_UNLESS_LONG
class TestLong:
    """The same properties with thousands of examples."""

    @MANY
    @given(documents)
    def test_loader_on_generated_documents(self, document):
        _check_generated_document(document)

    @settings(MANY, max_examples=10_000)
    @given(generated_articles())
    def test_loader_on_generated_articles(self, text):
        _check_generated_article(text)

    @MANY
    @given(mutations)
    def test_loader_on_a_mutated_bundled_article(self, ops):
        _check_mutated_article(ops)

    @MANY
    @given(st.binary(max_size=400))
    def test_loader_on_random_bytes(self, data):
        _check_random_bytes(data)

    @MANY
    @given(hostile_text, st.booleans(), st.booleans())
    def test_fold(self, text, case, accents):
        _check_fold(text, case, accents)

    @MANY
    @given(st.lists(hostile_text, min_size=1, max_size=4), st.lists(hostile_text, max_size=6), hostile_text)
    def test_annotator(self, paragraphs, aliases, quote):
        _check_annotator(paragraphs, aliases, quote)

    @MANY
    @given(queries, st.booleans(), st.booleans(), st.booleans())
    def test_search(self, text, case_sensitive, regex, words):
        _check_search(text, case_sensitive, regex, words)
