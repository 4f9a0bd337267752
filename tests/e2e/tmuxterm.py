"""A real terminal for end-to-end tests: a private tmux server running one command, then a shell."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Callable

import pytest

READER = f"{shlex.quote(sys.executable)} -m reader"
"""The command that runs the reader under test."""
TIMEOUT = 30.0
"""Seconds to wait for a state: generous, for a loaded machine; a passing test waits far less."""
POLL = 0.05
"""Seconds between two looks at the screen while waiting for a state."""
needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)")


def terminal_env() -> dict[str, str]:
    """This process's environment without COLUMNS and LINES: pytest-xdist's workers set them to 80x24, and a
    program that finds them believes them over its terminal (a reader in a 60x12 pane laid out 80x24, off screen)."""
    return {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}


class Tmux:
    """A private tmux server with one pane running a command, then a shell."""

    def __init__(self, command: str, tmp_path: Path, width: int = 120, height: int = 40) -> None:
        # a private server per terminal: parallel tests (pytest-xdist workers) never share one
        self.socket = f"reader-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.status = tmp_path / "status"
        env = (f"XDG_CONFIG_HOME={shlex.quote(str(tmp_path / 'config'))} XDG_STATE_HOME={shlex.quote(str(tmp_path / 'state'))} "
               "TERM=xterm-256color PS1='prompt$ '")
        # after the reader: its exit status, then a plain shell to prove the terminal still works
        script = f"export {env}; {command}; echo $? > {shlex.quote(str(self.status))}; exec sh -i"
        self.tmux("new-session", "-d", "-s", "main", "-x", str(width), "-y", str(height), "sh", "-c", script)
        self.tmux("set-option", "-g", "set-clipboard", "on")  # let OSC 52 reach tmux's buffers, were it written
        self.tmux("select-pane", "-t", "main", "-T", "title-before")

    def tmux(self, *args: str) -> str:
        # env is passed explicitly: under pytest, the environment a plain exec inherits differs
        # from os.environ, and a tmux server started with it left small panes unpainted
        return subprocess.run(["tmux", "-L", self.socket, *args], check=True, capture_output=True, text=True,
                              env=terminal_env()).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "main")

    def show(self, fmt: str) -> str:
        return self.tmux("display-message", "-p", "-t", "main", fmt).strip()

    def keys(self, *keys: str) -> None:
        """Press keys by tmux name ("Enter", "C-z", "q"); the reader reads them in order, so a test
        waits for the state a key leads to before pressing one that depends on it."""
        for key in keys:
            self.tmux("send-keys", "-t", "main", key)

    def type(self, text: str) -> None:
        """Type text literally."""
        self.tmux("send-keys", "-t", "main", "-l", text)

    def wait_until(self, predicate: Callable[[], bool], what: str, timeout: float = TIMEOUT) -> None:
        """Wait for a state (the predicate); fail saying what never happened, with the screen."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"{what} never happened in {timeout} s; screen was:\n{self.screen()}")
            time.sleep(POLL)

    def wait_for(self, text: str, timeout: float = TIMEOUT) -> str:
        """Wait until the text is on screen, and return the screen (wait for a text the key brings,
        never one that is already there)."""
        return self._wait_screen(lambda screen: text in screen, f"{text!r} appearing", timeout)

    def wait_gone(self, text: str, timeout: float = TIMEOUT) -> str:
        """Wait until the text is no longer on screen (a bar closed, the app quit), and return the screen."""
        return self._wait_screen(lambda screen: text not in screen, f"{text!r} leaving", timeout)

    def _wait_screen(self, test: Callable[[str], bool], what: str, timeout: float) -> str:
        last = [""]

        def shown() -> bool:
            last[0] = self.screen()
            return test(last[0])

        self.wait_until(shown, what, timeout)
        return last[0]

    def exit_status(self, timeout: float = TIMEOUT) -> int:
        """The reader's exit status, once the pane's shell has written it."""
        self.wait_until(lambda: self.status.exists() and self.status.read_text().strip() != "", "the reader's exit",
                        timeout)
        return int(self.status.read_text())

    def reader_pid(self) -> int:
        """The pid of the python process running the reader (a child of the pane's shell)."""
        shell = int(self.show("#{pane_pid}"))
        found: list[int] = []

        def running() -> bool:
            children = subprocess.run(["ps", "-o", "pid=,args=", "--ppid", str(shell)], capture_output=True, text=True).stdout
            found[:] = [int(line.split()[0]) for line in children.splitlines() if "-m reader" in line]
            return bool(found)

        self.wait_until(running, "a reader process")
        return found[0]

    def buffers(self) -> str:
        return subprocess.run(["tmux", "-L", self.socket, "list-buffers"], capture_output=True, text=True).stdout

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
