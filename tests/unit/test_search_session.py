"""The search session alone (no Textual): request -> outcome, counters, accord counts, steps, waiting steps."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reader.load.build import load_article
from reader.search import session as search_session
from reader.search.engine import SearchOptions
from reader.search.history import remember
from reader.search.library_scope import FileSearched, LibraryCount, scope_text
from reader.search.session import Move, Pending, SearchSession, Step, counter_text, library_counter_text
from reader.settings.paths import bundled_articles
from reader.settings.state import HISTORY_LIMIT
from tests.unit.test_search import make_article

BUNDLED = bundled_articles() / "mali-russie-accords-2025-06-23.yaml"
TOP = (0, 0, 0)


@pytest.fixture(scope="module")
def article():
    return load_article(BUNDLED)


def searched(session: SearchSession, text: str, everywhere: bool = False, others=(), **options) -> None:
    """Ask, run and take in a search, as the screen does for a small article."""
    request = session.ask(text, SearchOptions(**options), everywhere, others)
    assert request is not None
    assert session.accept(session.run(request))


def test_the_session_loads_no_textual():
    code = "import sys, reader.search.session; print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_request_gives_highlights_counter_and_accord_counts(article):
    session = SearchSession(article)
    searched(session, "Mali")
    shown = session.shown()
    assert shown.counter == "7 matches" and shown.short == "7" and shown.error is None
    assert [h.kind for h in shown.highlights] == ["match"] * 7
    assert shown.counts == {"accord-commission": 1, "accord-nucleaire": 1, "accord-cadre": 3}
    assert session.status() == ("7 matches", False)


def test_the_same_request_twice_is_asked_once(article):
    session = SearchSession(article)
    assert session.ask("goita", SearchOptions(), False) is not None
    assert session.ask("goita", SearchOptions(), False) is None
    assert session.ask("goita", SearchOptions(whole_word=True), False) is not None


def test_a_blank_query_shows_nothing_and_clearing_forgets_the_search(article):
    session = SearchSession(article)
    searched(session, "goita")
    assert session.active
    request = session.clearing()
    assert request is not None and request.text == ""
    assert session.accept(session.run(request))
    shown = session.shown()
    assert not session.active and shown.counter == "" and shown.counts is None and shown.highlights == []
    assert session.status() == ("", False)


def test_a_bad_query_is_an_outcome_with_its_error(article):
    session = SearchSession(article)
    searched(session, "(wag", regex=True)
    shown = session.shown()
    assert shown.counter == "bad query" and "invalid regular expression at position 1" in shown.error
    assert session.status() == ("bad query", True) and shown.counts is None
    move = session.submit(TOP)
    assert move.index is None and move.severity == "error" and "invalid regular expression" in move.notice


def test_enter_goes_to_the_first_match_at_or_after_the_top(article):
    session = SearchSession(article)
    searched(session, "goita")
    assert session.submit(TOP) == Move(0, None, timeout=1.5)
    last = session.matches[-1]
    beyond = (last.section, last.paragraph, last.start + 1)
    assert session.submit(beyond) == Move(0, "search wrapped to the top", timeout=1.5)
    session.go_to(1)
    assert session.counter() == "2/3" and session.counter(short=True) == "2/3"
    assert [h.kind for h in session.highlights()] == ["match"] * 3 + ["current"]


def test_n_and_shift_n_step_from_the_current_match_and_wrap(article):
    session = SearchSession(article)
    searched(session, "goita")
    session.go_to(2)
    assert session.step(True, TOP, current_on_screen=True) == Move(0, "search wrapped to the top", timeout=1.5)
    session.go_to(0)
    assert session.step(False, TOP, current_on_screen=True) == Move(2, "search wrapped to the bottom", timeout=1.5)
    assert session.step(True, TOP, current_on_screen=True).index == 1
    # the current match scrolled away: steps start from the top of the view instead
    m = session.matches[1]
    assert session.step(True, (m.section, m.paragraph, m.start), current_on_screen=False).index == 1


def test_steps_without_a_search_or_a_match_say_why(article):
    session = SearchSession(article)
    assert session.step(True, TOP, current_on_screen=False) == Move(notice="No search: press / to search.")
    searched(session, "zzzqqq")
    assert session.shown().counter == "no matches"
    assert session.step(True, TOP, current_on_screen=False) == Move(notice="No matches.")


def test_a_step_waits_as_data_for_the_search_running_and_is_taken_once(article):
    session = SearchSession(article)
    request = session.ask("goita", SearchOptions(), False)
    assert session.searching
    assert session.wait(Pending(Step.SUBMIT))
    assert session.accept(session.run(request)) and not session.searching
    assert session.take_pending() == [Pending(Step.SUBMIT)]
    assert session.take_pending() == []
    assert not session.wait(Pending(Step.NEXT))  # nothing running: take it now


def test_steps_asked_while_the_search_runs_wait_in_order(article):
    # Enter then `n` typed at once on a big text: both wait, Enter's first (n from Enter's match, not in its place)
    session = SearchSession(article)
    request = session.ask("goita", SearchOptions(), False)
    for step in (Step.SUBMIT, Step.NEXT, Step.NEXT, Step.PREVIOUS):
        assert session.wait(Pending(step))
    assert session.accept(session.run(request))
    assert [p.step for p in session.take_pending()] == [Step.SUBMIT, Step.NEXT, Step.NEXT, Step.PREVIOUS]


def test_an_outcome_overtaken_by_a_newer_request_is_dropped(article):
    session = SearchSession(article)
    old = session.ask("goita", SearchOptions(), False)
    new = session.ask("wagner", SearchOptions(), False)
    assert not session.accept(session.run(old))
    assert session.outcome is None and session.searching
    assert session.accept(session.run(new)) and session.counter() == "1 match"


def test_searching_every_article_counts_the_others(article):
    other = make_article(["Assimi Goïta parle, et Goïta écoute."], article_id="other")
    session = SearchSession(article)
    searched(session, "goita", everywhere=True, others=[article, other])
    assert session.counter() == "3 matches · +2 elsewhere" and session.counter(short=True) == "3 +2"
    assert [h.kind for h in session.highlights()] == ["match"] * 3  # only this article's are painted
    assert len(session.outcome.found) == 5 and session.outcome.found[-1].article is other
    carry = session.carry(session.outcome.found[-1])
    assert (carry.text, carry.everywhere, carry.target) == ("goita", True, session.outcome.found[-1].match)
    assert carry.indexes is session.indexes


def test_searching_every_article_from_a_library_counts_the_library_with_its_scope(article):
    # one count, its scope named: this article's matches among the library's, never the opened articles' apart
    session = SearchSession(article, library=True)
    searched(session, "goita", everywhere=True, others=[article])
    request = session.outcome.request
    assert session.counts_library(request)
    assert session.counter() == "3 here · library…" and session.counter(short=True) == "3 · …"
    assert session.accept_library_count(request, LibraryCount(5, 2, 20, 41))
    assert session.counter() == "3 here · library 48%…"
    assert session.accept_library_count(request, LibraryCount(33, 2, 41, 41).finish())
    assert session.counter() == "3 here · 36 in 3 of 41 articles" and session.counter(short=True) == "3 · 36"
    assert session.status() == ("3 here · 36 in 3 of 41 articles", False)
    session.go_to(1)
    assert session.counter() == "2/3 here · 36 in 3 of 41 articles"
    # a count of an older query is dropped; this article's own scope counts nothing of the library
    newer = session.ask("goit", SearchOptions(), True, [article])
    assert not session.accept_library_count(request, LibraryCount(1, 1, 41, 41).finish())
    assert session.accept(session.run(newer)) and session.counter() == f"{len(session.matches)} here · library…"
    alone = session.ask("goita", SearchOptions(), False)
    assert not session.counts_library(alone) and session.accept(session.run(alone)) and session.counter() == "3 matches"


def test_the_library_count_says_its_scope_once_done():
    assert library_counter_text(None, 0, None, None) == ""
    count = LibraryCount().add(FileSearched("a", (), 1, 3)).add(FileSearched("b", (), 2, 3))
    assert (count.done, count.total, count.finished, count.capped) == (2, 3, False, False)
    assert count.finish().capped  # stopped before the last file: at the limit, there are more
    assert scope_text(36, 3, 41, False) == "36 in 3 of 41 articles"
    assert scope_text(1, 1, 41, False, word=True) == "1 match in 1 of 41 articles"
    assert scope_text(2000, 12, 10000, True, word=True) == "2,000+ matches in 12+ of 10,000 articles"
    assert scope_text(0, 0, 41, False) == "no matches in 41 articles"
    assert scope_text(7, 3, None, False, word=True) == "7 matches in 3 articles"


def test_a_match_carried_here_is_found_among_this_articles(article):
    session = SearchSession(article)
    searched(session, "goita")
    target = session.matches[2]
    assert session.index_of(target) == 2 and session.index_of(object()) is None
    assert session.list_start(TOP) == 0
    session.go_to(2)
    assert session.list_start(TOP) == 2  # the list opens at the current match


def test_big_texts_run_in_a_thread_blank_ones_never(article, monkeypatch):
    session = SearchSession(article)
    request = session.ask("goita", SearchOptions(), False)
    assert not session.in_thread(request)
    monkeypatch.setattr(search_session, "THREAD_THRESHOLD", 0)
    assert session.in_thread(request)
    assert not session.in_thread(session.ask("  ", SearchOptions(), False))


def test_history_keeps_the_latest_queries_once():
    history: list[str] = []
    for query in ("goita", "wagner", "goita", "  "):
        remember(history, query)
    assert history == ["wagner", "goita"]
    for i in range(HISTORY_LIMIT + 1):
        remember(history, f"q{i}")
    assert len(history) == HISTORY_LIMIT and history[0] == "q1"



def test_a_capped_search_says_there_are_more() -> None:
    """At MAX_MATCHES the search stopped: the counter says '100,000+ matches', never a false total."""
    from reader.search.engine import MAX_MATCHES, Match, SearchOptions
    from reader.search.session import ArticleMatch, Outcome, Request

    article = load_article(BUNDLED)
    match = Match(0, 0, 0, 1)
    request = Request("a", SearchOptions(), False, (article,))
    outcome = Outcome(request, tuple(ArticleMatch(article, match) for _ in range(MAX_MATCHES)))
    assert counter_text(outcome, MAX_MATCHES, None) == f"{MAX_MATCHES:,}+ matches"
    assert counter_text(outcome, MAX_MATCHES, 4) == f"5/{MAX_MATCHES:,}+"
    few = Outcome(request, outcome.found[:17])
    assert counter_text(few, 17, None) == "17 matches"
