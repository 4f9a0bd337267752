"""The first keystroke of a search on a big text shows at once: one letter waits for a second or a pause."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader.search import session as search_session
from reader.search.session import SearchSession
from reader.text.fold import fold
from tests.apphelpers import make_app, press, wait_until


def searched_as_big(monkeypatch, pause: float) -> None:
    """Every text counts as big (searched in the worker), and a lone letter waits ``pause`` seconds."""
    monkeypatch.setattr(search_session, "THREAD_THRESHOLD", 0)
    monkeypatch.setattr(search_session, "ONE_LETTER_PAUSE", pause)


def record_runs(monkeypatch) -> list[str]:
    """The text of every request the session runs."""
    ran: list[str] = []
    run = SearchSession.run

    def recorded(self, request, pause=None):
        ran.append(request.text)
        return run(self, request, pause)
    monkeypatch.setattr(SearchSession, "run", recorded)
    return ran


async def test_one_letter_waits_for_a_second_one(monkeypatch):
    """Shown at once, searched later: with a pause longer than any test, nothing runs until the second letter."""
    searched_as_big(monkeypatch, 3600.0)  # the bundled article counts as big
    ran = record_runs(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "slash")
        await press(pilot, "g")
        screen = app.screen
        assert screen.search_bar.input.value == "g"
        assert ran == [] and screen.search.searching
        await press(pilot, "o")
        await wait_until(pilot, lambda: not screen.search.searching, "the two-letter search")
        assert ran == ["go"]  # the lone letter was never searched
        assert screen.search.outcome is not None and screen.search.outcome.request.text == "go"


async def test_one_letter_runs_on_its_own_after_the_pause(monkeypatch):
    searched_as_big(monkeypatch, 0.05)
    ran = record_runs(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "slash")
        await press(pilot, "g")
        screen = app.screen
        await wait_until(pilot, lambda: ran == ["g"] and not screen.search.searching, "the one-letter search")
        assert screen.search.active and screen.search.matches


async def test_one_letter_on_a_small_text_is_searched_at_once(monkeypatch):
    ran = record_runs(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "slash")
        await press(pilot, "g")
        assert ran == ["g"] and app.screen.search.active


@pytest.fixture(scope="module")
def big_article(tmp_path_factory) -> Path:
    """A generated article of 1 MB (the benchmark's 10 MB one, smaller for a test), counted as big below."""
    from tests.benchmarks.generate import write

    return write(1_000_000, tmp_path_factory.mktemp("big"))


def held_searches(monkeypatch) -> tuple[threading.Event, list[str]]:
    """Every search in the worker after a short one-letter pause, the whole-text search held until the
    event is set (the glimpse is not held); the event, and the texts searched."""
    searched_as_big(monkeypatch, 0.05)
    release = threading.Event()
    ran: list[str] = []
    run = SearchSession.run

    def held(self, request, pause=None):
        ran.append(request.text)
        assert release.wait(60), "the test never released the search"
        return run(self, request, pause)
    monkeypatch.setattr(SearchSession, "run", held)
    return release, ran


def counter(app) -> str:
    return str(app.screen.query_one("#search-counter").render())


async def test_one_letter_on_a_big_article_shows_at_once_then_the_matches_in_sight_then_the_count(monkeypatch, big_article):
    """The bar shows the letter before any search; the matches in sight are painted while the whole
    text is still searched ('counting…'); the count comes last. Held by an event, not by timing."""
    release, ran = held_searches(monkeypatch)
    app = make_app(big_article)
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            screen = app.screen
            await press(pilot, "slash", "c")
            assert screen.search_bar.input.value == "c" and screen.search.outcome is None
            assert counter(app) in ("searching…", "counting…")  # never a figure before the search is done
            await wait_until(pilot, lambda: screen.search.glimpsing and screen.view.highlights, "the matches in sight painted")
            assert ran == ["c"] and screen.search.outcome is None  # the whole search is still held
            assert counter(app) == "counting…"
            in_sight = set(screen.view.paragraphs_in_sight())
            painted = screen.view.highlights
            assert painted and all(h.kind == "match" and (h.section, h.paragraph) in in_sight for h in painted)
            text = screen.article.sections[painted[0].section].paragraphs[painted[0].paragraph].text
            assert fold(text[painted[0].start:painted[0].end]).text == "c"
            release.set()
            await wait_until(pilot, lambda: not screen.search.searching, "the whole search")
            total = len(screen.search.matches)
            assert total > len(painted) and counter(app).endswith(" matches") and counter(app) != "counting…"
            assert len(screen.view.highlights) == total
        finally:
            release.set()  # a failing test leaves no worker held


async def test_a_second_letter_while_the_first_is_searched_drops_the_first(monkeypatch, big_article):
    release, ran = held_searches(monkeypatch)
    app = make_app(big_article)
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            screen = app.screen
            await press(pilot, "slash", "c")
            await wait_until(pilot, lambda: ran == ["c"], "the one-letter search started")
            await press(pilot, "o")
            assert screen.search_bar.input.value == "co"
            await wait_until(pilot, lambda: ran == ["c", "co"], "the two-letter search started")
            release.set()
            await wait_until(pilot, lambda: not screen.search.searching, "the two-letter search")
            assert screen.search.outcome is not None and screen.search.outcome.request.text == "co"
            assert all(fold(screen.article.sections[m.section].paragraphs[m.paragraph].text[m.start:m.end]).text == "co"
                       for m in screen.search.matches[:50])
        finally:
            release.set()  # a failing test leaves no worker held
