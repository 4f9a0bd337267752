"""Closing the terminal at any moment of start-up ends the reader (none is left behind), saving what it can."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.tmuxterm import READER, Tmux, needs_tmux

pytestmark = needs_tmux

MOMENTS = ["process started", "first output", "article shown", "footer shown"] * 3
"""Where in start-up the terminal is closed: each state reached (no sleeping), three rounds of each."""


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
    term.wait_until(lambda: not alive(pid), f"the reader (pid {pid}) ending after the hangup")
    state = tmp_path / "state" / "reader" / "state.json"
    if moment in ("article shown", "footer shown"):  # the article was open: its place was saved
        assert "mali-russie-accords-2025-06-23" in json.loads(state.read_text(encoding="utf-8"))["positions"]

