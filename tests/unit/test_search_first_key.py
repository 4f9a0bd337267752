"""The first keystroke of a search on a big text: one letter waits for a second or a pause."""

from __future__ import annotations

import pytest

from reader.load.build import load_article
from reader.search import session as search_session
from reader.search.engine import SearchOptions
from reader.search.session import ONE_LETTER_PAUSE, SearchSession
from tests.paths import BUNDLED


@pytest.fixture
def big(monkeypatch) -> SearchSession:
    """A session whose article counts as big (searched in a worker)."""
    monkeypatch.setattr(search_session, "THREAD_THRESHOLD", 0)
    return SearchSession(load_article(BUNDLED))


def test_one_letter_on_a_big_text_waits_a_pause(big):
    assert big.delay(big.ask("c", SearchOptions(), False)) == ONE_LETTER_PAUSE > 0
    assert big.delay(big.ask(" é ", SearchOptions(), False)) == ONE_LETTER_PAUSE


def test_two_letters_or_a_blank_run_at_once(big):
    assert big.delay(big.ask("co", SearchOptions(), False)) == 0
    assert big.delay(big.ask("", SearchOptions(), False)) == 0


def test_one_letter_on_a_small_text_runs_at_once():
    session = SearchSession(load_article(BUNDLED))
    assert session.delay(session.ask("c", SearchOptions(), False)) == 0


def test_a_waiting_letter_overtaken_by_a_second_is_never_run(big):
    first = big.ask("c", SearchOptions(), False)
    assert big.still_wanted(first)
    second = big.ask("co", SearchOptions(), False)
    assert not big.still_wanted(first) and big.still_wanted(second)
    assert not big.accept(big.run(first))  # had it run, its outcome would be dropped


def test_a_lone_letter_that_cannot_run_is_answered_at_once(big):
    assert big.delay(big.ask("(", SearchOptions(regex=True), False)) == 0


def test_accord_counts_come_with_the_outcome(big):
    """Counted where the search ran (a worker for big texts), not on the screen's thread."""
    from reader.search.session import accord_counts

    outcome = big.run(big.ask("accord", SearchOptions(), False))
    assert outcome.counts and outcome.counts == accord_counts(big.article, outcome.here)
    assert big.accept(outcome) and big.shown().counts is outcome.counts
