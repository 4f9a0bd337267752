"""End to end, in a real terminal (tmux): escape sequences in an article never reach it, and
SIGTERM / SIGINT leave the terminal as it was.

Each test runs its own tmux server (``tmux -L <socket>``), so it can set options and read the
pane's title and modes without touching anyone else's sessions.
"""

from __future__ import annotations

import os
import shlex
import signal

import pytest

from tests.e2e.tmuxterm import READER, needs_tmux
from tests.hostile import hostile_article

pytestmark = needs_tmux


def test_control_a_raw_title_sequence_does_change_the_pane_title(tmux):
    """The check below means something: a program that writes OSC 2 does retitle the pane."""
    term = tmux("read go; printf '\\033]2;pwned-by-printf\\007'; read wait")
    term.keys("Enter")  # the pane's title was set to title-before first: now print the sequence
    term.wait_until(lambda: term.show("#{pane_title}") == "pwned-by-printf", "the pane's title changing")


def test_escape_sequences_in_an_article_stay_on_the_page(tmux, tmp_path):
    article = hostile_article(tmp_path / "hostile.yaml")
    term = tmux(f"{READER} {shlex.quote(str(article))}")
    term.wait_for("Accords")
    assert term.show("#{pane_title}") == "title-before"
    term.keys("}", "}")  # to the hostile section
    term.wait_for("Clipboard")
    screen = term.wait_for("pwned-title")
    # shown escaped, as text
    assert "\\x1b]0;pwned-title\\x07" in screen
    assert "\\x1b]52;c;ZXZpbA==\\x07" in screen
    assert "\\x1b[2J" in screen
    # and nothing took effect: not the title, not the clipboard, not a clear screen
    assert term.show("#{pane_title}") == "title-before"
    assert "ZXZpbA" not in term.buffers() and "evil" not in term.buffers()
    assert "Accords" in screen and "Clear" in screen
    assert term.show("#{alternate_on}") == "1"
    term.keys("q")
    assert term.exit_status() == 0
    assert term.show("#{pane_title}") == "title-before"
    assert term.show("#{alternate_on}") == "0"


@pytest.mark.parametrize(
    "sig",
    [signal.SIGTERM, signal.SIGINT],
    ids=["SIGTERM", "SIGINT"],
)
def test_a_signal_ends_the_reader_and_restores_the_terminal(tmux, sig):
    term = tmux(READER, width=100, height=30)
    term.wait_for("Accords")
    assert term.show("#{alternate_on}") == "1"
    os.kill(term.reader_pid(), sig)
    status = term.exit_status()
    assert status == 143 if sig == signal.SIGTERM else True
    term.wait_until(lambda: term.show("#{alternate_on}") == "0", "the terminal leaving the alternate screen")
    modes = term.show("#{alternate_on} #{cursor_flag} #{mouse_any_flag} #{mouse_sgr_flag} #{keypad_cursor_flag}")
    assert modes.split()[:4] == ["0", "1", "0", "0"], f"alternate, cursor, mouse, sgr-mouse, keypad: {modes}"
    # the shell afterwards reads and echoes a line: the terminal is usable again
    term.keys("echo alive-$((20+22))", "Enter")
    term.wait_for("alive-42")
    assert "Traceback" not in term.screen()
