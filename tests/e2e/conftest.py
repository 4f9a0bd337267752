"""End-to-end fixtures: terminals (private tmux servers) that are closed after each test."""

from __future__ import annotations

import pytest

from tests.e2e.tmuxterm import Tmux


@pytest.fixture
def tmux(tmp_path):
    """Start terminals running a command; each is closed after the test."""
    made: list[Tmux] = []

    def start(command: str, **size) -> Tmux:
        made.append(Tmux(command, tmp_path, **size))
        return made[-1]

    yield start
    for term in made:
        term.close()

