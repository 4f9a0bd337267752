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


async def test_one_letter_waits_then_runs_on_its_own(monkeypatch):
    monkeypatch.setattr(search_session, "THREAD_THRESHOLD", 0)  # the bundled article counts as big
    ran = record_runs(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "slash")
        await press(pilot, "g")
        screen = app.screen
        assert screen.search_bar.input.value == "g"
        assert ran == [] and screen.search.searching  # shown at once, searched later
        await wait_until(pilot, lambda: not screen.search.searching, "the one-letter search")
        assert ran == ["g"] and screen.search.active and screen.search.matches


async def test_a_second_letter_drops_the_first_search(monkeypatch):
    monkeypatch.setattr(search_session, "THREAD_THRESHOLD", 0)
    ran = record_runs(monkeypatch)
    asked: list[tuple[str, bool]] = []
    still_wanted = SearchSession.still_wanted

    def recorded(self, request):
        asked.append((request.text, still_wanted(self, request)))
        return asked[-1][1]
    monkeypatch.setattr(SearchSession, "still_wanted", recorded)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "slash")
        await press(pilot, "g", "o")
        screen = app.screen
        await wait_until(pilot, lambda: not screen.search.searching, "the two-letter search")
        await wait_until(pilot, lambda: bool(asked), "the one letter's pause to end")
        assert asked == [("g", False)] and ran == ["go"]
        assert screen.search.outcome is not None and screen.search.outcome.request.text == "go"


async def test_one_letter_on_a_small_text_is_searched_at_once(monkeypatch):
    ran = record_runs(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "slash")
        await press(pilot, "g")
        assert ran == ["g"] and app.screen.search.active
