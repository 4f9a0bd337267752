"""A big text's search glimpses the paragraphs in sight first: the same matches there, 'counting…' until the whole search is in."""

from __future__ import annotations

import random

import pytest

from reader.load.build import load_article
from reader.search import outcome as search_outcome
from reader.search.engine import ArticleIndex, SearchOptions, parse_query, search, search_paragraphs
from reader.search.outcome import glimpse, paint
from reader.search.session import SearchSession, place_of, step_index
from tests.paths import BUNDLED


@pytest.fixture(scope="module")
def article():
    return load_article(BUNDLED)


def every_paragraph(article) -> list[tuple[int, int]]:
    return [(s, p) for s, section in enumerate(article.sections) for p in range(len(section.paragraphs))]


@pytest.mark.parametrize("text, options", [
    ("c", {}), ("mali", {}), ("goita", {}), ("Goïta", {"case": True, "diacritics": True}), ("accord", {"whole_word": True}),
    (r"\d+ juin", {"regex": True}), ("poutine", {}),
])
def test_a_glimpse_finds_what_the_whole_search_finds_in_those_paragraphs(article, text, options):
    """Entity mentions (found by name over the whole article) and text matches alike, in a few paragraphs."""
    index = ArticleIndex(article)
    query = parse_query(text, SearchOptions(**options))
    whole = search(index, query)
    assert whole, "a query that finds nothing proves nothing"
    rng = random.Random(text)
    places = every_paragraph(article)
    for _ in range(5):
        some = rng.sample(places, 6)
        assert search_paragraphs(index, query, some) == [m for m in whole if (m.section, m.paragraph) in set(some)]


def test_a_glimpse_of_the_paragraphs_in_sight_is_painted_by_paragraph(article):
    session = SearchSession(article)
    request = session.ask("mali", SearchOptions(), False)
    assert request is not None
    places = every_paragraph(article)[:4]
    seen = session.glance(request, places)
    assert seen is not None and seen.here and {(m.section, m.paragraph) for m in seen.here} <= set(places)
    assert seen.painted == paint(seen.here) and set(seen.painted) <= set(places)
    assert all((m.section, m.paragraph) == key for key, group in seen.painted.items() for m in group)


def test_no_glimpse_for_a_filter_a_blank_or_bad_query_or_huge_paragraphs(article, monkeypatch):
    session = SearchSession(article)
    places = every_paragraph(article)[:4]

    def glimpsed(text: str, **options):
        request = session.ask(text, SearchOptions(**options), False)
        assert request is not None
        return glimpse(request, session.indexes, places)

    assert glimpsed("mali") is not None
    assert glimpsed("person:goita") is None  # a filter looks through every mention, however few paragraphs show
    assert glimpsed("  ") is None
    assert glimpsed("(wag", regex=True) is None  # the whole search gives the error
    monkeypatch.setattr(search_outcome, "GLIMPSE_CHARACTERS", 10)
    assert glimpsed("goita") is None


def test_the_counter_says_counting_while_a_glimpse_is_shown_then_the_figure(article):
    session = SearchSession(article)
    request = session.ask("mali", SearchOptions(), False)
    assert request is not None and session.searching
    seen = session.glance(request, every_paragraph(article)[:3])
    assert seen is not None and session.accept_glimpse(seen)
    shown = session.shown()
    assert session.glimpsing and shown.counter == "counting…" and shown.short == "…"
    assert shown.painted is seen.painted and shown.marks == [] and shown.counts is None and shown.error is None
    assert session.status() == ("counting…", False)
    assert session.accept(session.run(request))
    assert not session.glimpsing and len(session.matches) > len(seen.here)
    assert session.shown().counter == f"{len(session.matches)} matches" and len(session.shown().highlights) == len(session.matches)
    assert not session.accept_glimpse(seen)  # too late: the whole search is in


def test_a_glimpse_of_an_overtaken_request_is_dropped(article):
    session = SearchSession(article)
    first = session.ask("ma", SearchOptions(), False)
    assert first is not None
    session.ask("mali", SearchOptions(), False)
    seen = session.glance(first, every_paragraph(article)[:3])
    assert seen is not None and not session.accept_glimpse(seen) and not session.glimpsing


def test_step_index_is_the_walk_it_replaced():
    """Binary search over matches in reading order gives what walking them did, edges and wraps included."""
    rng = random.Random(17)

    def walked(matches, here, forward, inclusive):
        if forward:
            for i, m in enumerate(matches):
                if place_of(m) > here or (inclusive and place_of(m) == here):
                    return i, False
            return 0, True
        for i in range(len(matches) - 1, -1, -1):
            if place_of(matches[i]) < here:
                return i, False
        return len(matches) - 1, True

    from reader.search.engine import Match

    for _ in range(300):
        matches = sorted({Match(rng.randrange(3), rng.randrange(3), a, a + 1) for a in rng.sample(range(20), rng.randrange(0, 8))})
        here = (rng.randrange(3), rng.randrange(3), rng.randrange(21))
        if rng.random() < 0.3 and matches:
            here = place_of(rng.choice(matches))
        for forward in (True, False):
            for inclusive in (True, False):
                assert step_index(matches, here, forward, inclusive) == walked(matches, here, forward, inclusive)


@pytest.mark.parametrize("text, options", [
    ("c", {}), ("mali", {}), ("accord", {"whole_word": True}), ("Goïta", {}), ("la", {"whole_word": True}), ("e", {"case": True}),
])
def test_scanning_by_windows_finds_what_one_scan_finds(article, monkeypatch, text, options):
    """The joined text is scanned in windows ending at paragraph edges, so that a worker lets the
    screen's thread run between two: tiny windows find exactly what one window does."""
    from reader.search import engine

    query = parse_query(text, SearchOptions(**options))
    monkeypatch.setattr(engine, "WINDOW", 1 << 30)
    whole = search(ArticleIndex(article), query)
    monkeypatch.setattr(engine, "WINDOW", 7)
    assert whole and search(ArticleIndex(article), query) == whole
    capped = engine.search_capped(ArticleIndex(article), query, max_matches=5)
    assert capped.matches == whole[:5] and capped.capped == (len(whole) > 5)
