"""End to end: `/goita`, Enter and `n` sent in ONE send-keys (one read, as a fast typist's keys arrive) search
"goita" and step once, in a real terminal at 120x40 and 80x24."""

from __future__ import annotations

import pytest

from tests.e2e.tmuxterm import READER, needs_tmux

pytestmark = needs_tmux


def _status(screen: str) -> str:
    """The status line: the row above the footer ("§ 1/11 … │ search: 2/3 │ …")."""
    return next(row for row in reversed(screen.splitlines()) if "§" in row)


@pytest.mark.parametrize("width, height", [(120, 40), (80, 24)])
def test_query_enter_and_n_in_one_burst_step_to_the_second_match(tmux, tmp_path, width, height):
    term = tmux(READER, width=width, height=height)
    term.wait_for("Accords")
    term.tmux("send-keys", "-t", "main", "/goita", "Enter", "n")  # one call: the reader reads the keys together
    screen = term.wait_for("search: 2/3")  # the status line: Enter went to the 1st match, n to the 2nd
    assert "goitan" not in screen  # the n is no letter of the query
    bar = next(row for row in screen.splitlines() if "/ goita" in row)
    assert "2/3" in bar, bar
    assert "search: 2/3" in _status(screen)
    term.keys("Escape")  # the keyboard is the text's: Esc closes the bar
    term.wait_gone("/ goita")
    term.keys("q")
    assert term.exit_status() == 0
