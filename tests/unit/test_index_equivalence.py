"""The library index narrows, never decides: over random small libraries and queries, every article
the full scan finds a match in is among the index's candidates, and `reader search` prints the same."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.cli.main import main
from reader.library.index import open_index
from reader.load.build import load_article
from reader.search.engine import ArticleIndex, QueryError, SearchOptions, parse_query, search

WORDS = [
    "Mali", "mali", "gouvernement", "intergouvernemental", "Goïta", "goita", "GOÏTA", "École", "ecole", "œuvre", "oeuvre",
    "l’État", "l'Etat", "10 000", "10000", "10.000", "3,5", "3.5", "45 %", "45%", "Straße", "strasse", "ﬁn", "fin",
    "1 200", "x10 000", "Côte d’Ivoire", "cote", "Rosatom", "ROSATOM-SA", "la", "de", "accord", "accords", "«", "»",
]
"""Words whose folding differs in case, accents, apostrophes, ligatures, spaces and digit groups."""

ARTICLE = """\
format: 1
id: {id}
title: {title}
language: fr
published: "2025-06-23"
source: {{agency: APA}}
sections:
  - id: corps
    kind: body
    heading: "H"
    paragraphs:
{paragraphs}
{entities}"""

paragraph = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)
article = st.tuples(
    st.lists(paragraph, min_size=1, max_size=3),
    st.sampled_from(WORDS),  # a title word
    st.one_of(st.none(), st.tuples(st.sampled_from(["person", "org", "place"]), st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join))),
)


@st.composite
def queries(draw) -> tuple[str, SearchOptions]:
    word = draw(st.sampled_from(WORDS))
    if draw(st.booleans()) and len(word) > 2:
        start = draw(st.integers(0, len(word) - 1))
        word = word[start:draw(st.integers(start + 1, len(word)))]
    if draw(st.booleans()):
        word = word + " " + draw(st.sampled_from(WORDS))
    kind = draw(st.sampled_from(["", "", "", "person:", "org:", "place:"]))
    options = SearchOptions(
        case=draw(st.sampled_from([None, True, False])), diacritics=draw(st.sampled_from([None, True, False])),
        whole_word=draw(st.booleans()),
    )
    return kind + word, options


def write_library(folder: Path, articles: list) -> list[Path]:
    paths = []
    for n, (paragraphs, title, entity) in enumerate(articles):
        entities = ""
        if entity is not None:
            kind, name = entity
            alias = paragraphs[0].split(" ")[0]
            if alias in ("«", "»"):
                alias = None
            if alias:
                entities = (f"entities:\n  - {{id: e1, type: {kind}, name: {json.dumps(name, ensure_ascii=False)}, "
                            f"description: d, aliases: [{json.dumps(alias, ensure_ascii=False)}]}}\n")
        path = folder / f"a{n}.yaml"
        path.write_text(ARTICLE.format(
            id=f"a{n}", title=json.dumps(title, ensure_ascii=False), entities=entities,
            paragraphs="\n".join(f"      - {json.dumps(p, ensure_ascii=False)}" for p in paragraphs),
        ), encoding="utf-8")
        paths.append(path)
    return paths


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(article, min_size=1, max_size=4), queries())
def test_the_index_never_hides_a_match(articles, query_and_options):
    text, options = query_and_options
    try:
        query = parse_query(text, options)
    except QueryError:
        return
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        library = root / "library"
        library.mkdir()
        write_library(library, articles)
        index = open_index(root / "cache" / "index.sqlite3")
        index.refresh([library])
        candidates = {c.path.name: c for c in index.candidates(query)}
        index.close()
        for path in sorted(library.iterdir()):
            try:
                found = search(ArticleIndex(load_article(path)), query)
            except Exception:  # an alias the text lacks: a broken file, listed as such
                assert not candidates[path.name].loaded
                continue
            assert candidates[path.name].loaded
            if found:
                assert candidates[path.name].may_match, (text, path.read_text(encoding="utf-8"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(article, min_size=1, max_size=4), queries(), st.sampled_from([[], ["--count"], ["--json"]]))
def test_reader_search_prints_what_a_full_scan_prints(capsys, monkeypatch, articles, query_and_options, output):
    text, options = query_and_options
    flags = [*output, *(["-w"] if options.whole_word else [])]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        library = root / "library"
        library.mkdir()
        write_library(library, articles)
        monkeypatch.setenv("XDG_CACHE_HOME", str(root / "cache"))
        indexed = main(["search", *flags, text, str(library)]), *capsys.readouterr()
        # a cache that cannot be made (its folder is a file): the full scan, said once on stderr
        (root / "file").write_text("")
        monkeypatch.setenv("XDG_CACHE_HOME", str(root / "file"))
        scanned = main(["search", *flags, text, str(library)]), *capsys.readouterr()
    assert indexed[:2] == scanned[:2]
    assert [line for line in scanned[2].splitlines() if "library index" not in line] == indexed[2].splitlines()


@st.composite
def free_words(draw) -> str:
    """A filter of free words: whole words, their starts, their insides (which must not be found), punctuation."""
    words = []
    for _ in range(draw(st.integers(1, 2))):
        word = draw(st.sampled_from(WORDS))
        if draw(st.booleans()) and len(word) > 1:
            start = draw(st.sampled_from([0, 0, 1, 2]))
            word = word[min(start, len(word) - 1):draw(st.integers(min(start, len(word) - 1) + 1, len(word)))]
        words.append(word)
    return " ".join(words)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(article, min_size=1, max_size=4), free_words())
def test_free_words_find_what_the_whole_text_finds(monkeypatch, articles, text):
    """The text table holds each run of non-space characters once: a filter's words find what they find in the whole text."""
    from reader.library import records
    from reader.library.filters import parse_filter
    from reader.model.problems import ProblemsError

    words = parse_filter(text).words
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        library = root / "library"
        library.mkdir()
        paths = write_library(library, articles)
        index = open_index(root / "cache" / "index.sqlite3")
        index.refresh([library])
        listed = {Path(row.path).name for row in index.list(text)}
        index.close()
        expected = set()
        with monkeypatch.context() as patch:
            patch.setattr(records, "words_once", lambda whole: whole)  # the whole folded text, every word as often as said
            for path in paths:
                try:
                    whole = records.record_of(load_article(path)).body
                except ProblemsError:
                    whole = records.loose(os.path.abspath(path))  # a broken file is found by its path
                if all(records.starts_word(whole, word) for word in words):
                    expected.add(path.name)
    assert listed == expected, (text, words)
