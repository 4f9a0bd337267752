"""Closing the terminal at any moment of start-up ends the reader (none is left behind), saving what it can."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

from tests.e2e.tmuxterm import READER, Tmux, needs_tmux

pytestmark = needs_tmux

MOMENTS = ["process started", "first output", "article shown", "footer shown"] * 3
"""Where in start-up the terminal is closed: each state reached (no sleeping), three rounds of each."""


def ends(term: Tmux, pid: int, what: str) -> None:
    """Wait for the reader to end; one that does not is killed, so a failing test leaves none behind."""
    try:
        term.wait_until(lambda: not alive(pid), what)
    finally:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


def alive(pid: int) -> bool:
    """The process exists and is not a zombie waiting to be reaped."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.parametrize("moment", MOMENTS, ids=[f"{m}-{i}" for i, m in enumerate(MOMENTS)])
def test_closing_the_terminal_during_start_up_ends_the_reader(tmp_path, moment):
    term = Tmux(READER, tmp_path, width=100, height=30)
    try:
        pid = term.reader_pid()
        if moment == "first output":
            term.wait_until(lambda: term.screen().strip() != "", "any output")
        elif moment == "article shown":
            term.wait_for("La visite du Chef")
        elif moment == "footer shown":
            term.wait_for("palette")
    finally:
        term.close()  # the terminal goes: the reader gets a hangup (and a SIGCONT after it)
    ends(term, pid, f"the reader (pid {pid}) ending after the hangup")
    state = tmp_path / "state" / "reader" / "state.json"
    if moment in ("article shown", "footer shown"):  # the article was open: its place was saved
        assert "mali-russie-accords-2025-06-23" in json.loads(state.read_text(encoding="utf-8"))["positions"]



@pytest.mark.parametrize("round_", range(3))
def test_closing_the_terminal_of_a_stopped_reader_ends_it(tmp_path, round_):
    """The hangup that left readers behind, made certain: the terminal closes while the reader is
    stopped, so its orphaned process group gets SIGHUP then SIGCONT (the old loop handler hung in
    Textual's shutdown two times in three here)."""
    term = Tmux(READER, tmp_path, width=100, height=30)
    try:
        pid = term.reader_pid()
        term.wait_for("palette")
        os.kill(pid, signal.SIGSTOP)
        term.wait_until(lambda: "\nState:\tT" in Path(f"/proc/{pid}/status").read_text(), "the reader stopping")
    finally:
        term.close()
    ends(term, pid, f"the stopped reader (pid {pid}) ending after the hangup")
    state = tmp_path / "state" / "reader" / "state.json"
    assert "mali-russie-accords-2025-06-23" in json.loads(state.read_text(encoding="utf-8"))["positions"]
