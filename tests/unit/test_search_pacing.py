"""A worker's search paced for the screen's loop: the same outcome in small steps, a wait for the loop at each, a stop when cancelled."""

from __future__ import annotations

import asyncio
import threading

import pytest

from reader.load.build import load_article
from reader.search import engine, outcome, pacing
from reader.search.engine import SearchOptions
from reader.search.outcome import ArticleMatch, FoundMatches, IndexCache, Request, paint, run
from reader.search.pacing import LoopPacer, SearchCancelled
from reader.text import fold
from tests.paths import BUNDLED


@pytest.fixture(scope="module")
def article():
    return load_article(BUNDLED)


@pytest.fixture
def tiny_steps(monkeypatch):
    """Steps so small that the bundled article takes many of them (folding, windows, matches)."""
    monkeypatch.setattr(fold, "_PACED_CHUNK", 200)
    monkeypatch.setattr(engine, "WINDOW", 300)
    monkeypatch.setattr(outcome, "STEP", 3)


@pytest.mark.parametrize("text, options", [
    ("c", {}), ("mali", {}), ("goita", {}), ("Goïta", {"case": True, "diacritics": True}), ("accord", {"whole_word": True}),
    (r"\d+ juin", {"regex": True}), ("person:goita", {}), ("zzzz", {}),
])
def test_a_paced_search_finds_exactly_what_an_unpaced_one_finds(article, tiny_steps, text, options):
    request = Request(text, SearchOptions(**options), False, (article,))
    pauses: list[int] = []
    paced = run(request, IndexCache(), lambda: pauses.append(1))
    whole = run(request, IndexCache())
    assert paced.error is None and whole.error is None
    assert list(paced.found) == list(whole.found) and paced.here == whole.here
    assert paced.painted == whole.painted and paced.counts == whole.counts
    if text != "person:goita":  # a typed filter walks mentions by entity: no long loop to pace
        assert len(pauses) > 10, "the search was not cut in steps"


def test_a_search_stopped_at_a_pause_leaves_no_half_built_index(article, tiny_steps):
    request = Request("c", SearchOptions(), False, (article,))
    indexes = IndexCache()
    calls = 0

    def stop_at_the_fifth() -> None:
        nonlocal calls
        calls += 1
        if calls == 5:
            raise SearchCancelled

    with pytest.raises(SearchCancelled):
        run(request, indexes, stop_at_the_fifth)
    assert list(run(request, indexes).found) == list(run(request, IndexCache()).found)


def test_painting_by_steps_joins_a_paragraph_cut_between_two(article, tiny_steps):
    matches = run(Request("e", SearchOptions(), False, (article,)), IndexCache()).here
    assert len(matches) > 3 * outcome.STEP
    assert paint(matches, lambda: None) == paint(matches)


def test_found_matches_are_the_pairs_made_when_asked(article):
    other = load_article(BUNDLED)
    a, b = run(Request("mali", SearchOptions(), False, (article,)), IndexCache()).here, \
        run(Request("goita", SearchOptions(), False, (other,)), IndexCache()).here
    pairs = tuple(ArticleMatch(article, m) for m in a) + tuple(ArticleMatch(other, m) for m in b)
    found = FoundMatches([(article, a), (other, []), (other, b)])
    assert len(found) == len(pairs) and tuple(found) == pairs
    assert [found[k] for k in range(len(found))] == list(pairs)
    assert found[-1] == pairs[-1] and found[len(a)] == pairs[len(a)] and found[:7] == pairs[:7] and found[3:-2:2] == pairs[3:-2:2]
    with pytest.raises(IndexError):
        found[len(pairs)]
    assert not FoundMatches([]) and not FoundMatches([(article, [])]) and len(FoundMatches([])) == 0


def test_a_pacer_waits_until_the_loop_has_run_what_it_had_queued(monkeypatch):
    monkeypatch.setattr(pacing, "WAIT_LIMIT", 60)  # only the loop lets it go on
    loop = asyncio.new_event_loop()
    pacer = LoopPacer(loop, slice_seconds=0)
    entered, returned = threading.Event(), threading.Event()

    def worker() -> None:
        entered.set()
        pacer()
        returned.set()

    thread = threading.Thread(target=worker)
    thread.start()
    try:
        assert entered.wait(30)
        assert not returned.is_set()  # the loop has not run: the pause cannot have ended
        loop.run_until_complete(asyncio.to_thread(returned.wait, 30))
        assert returned.is_set() and pacer.waits == 1
    finally:
        returned.wait(30)
        thread.join(30)
        loop.close()


def test_a_pacer_lets_the_search_run_between_waits_and_stops_a_cancelled_one():
    loop = asyncio.new_event_loop()
    cancelled = False
    pacer = LoopPacer(loop, lambda: cancelled, slice_seconds=3600)
    pacer()  # within its slice: no wait, the loop not even asked
    assert pacer.waits == 0
    cancelled = True
    with pytest.raises(SearchCancelled):
        pacer()
    loop.close()
    with pytest.raises(SearchCancelled):  # the app has quit: its loop is closed
        LoopPacer(loop, slice_seconds=0)()
