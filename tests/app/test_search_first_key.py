"""The first keystroke of a search on a big text shows at once: one letter waits for a second or a pause."""

from __future__ import annotations

from reader.search import session as search_session
from reader.search.session import SearchSession
from tests.apphelpers import make_app, press, wait_until


def record_runs(monkeypatch) -> list[str]:
    """The text of every request the session runs."""
    ran: list[str] = []
    run = SearchSession.run

    def recorded(self, request):
        ran.append(request.text)
        return run(self, request)
    monkeypatch.setattr(SearchSession, "run", recorded)
    return ran


async def test_one_letter_waits_for_a_second_one(monkeypatch):
    """Shown at once, searched later: with a pause longer than any test, nothing runs until the second letter."""
    monkeypatch.setattr(search_session, "THREAD_THRESHOLD", 0)  # the bundled article counts as big
    monkeypatch.setattr(search_session, "ONE_LETTER_PAUSE", 3600.0)
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
    monkeypatch.setattr(search_session, "THREAD_THRESHOLD", 0)
    monkeypatch.setattr(search_session, "ONE_LETTER_PAUSE", 0.05)
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
