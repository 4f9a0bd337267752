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

import pytest

READER = f"{shlex.quote(sys.executable)} -m reader"
"""The command that runs the reader under test."""
needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)")


class Tmux:
    """A private tmux server with one pane running a command, then a shell."""

    def __init__(self, command: str, tmp_path: Path, width: int = 120, height: int = 40) -> None:
        self.socket = f"reader-hostile-{uuid.uuid4().hex[:8]}"
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
                              env=dict(os.environ)).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "main")

    def show(self, fmt: str) -> str:
        return self.tmux("display-message", "-p", "-t", "main", fmt).strip()

    def keys(self, *keys: str) -> None:
        """Press keys by tmux name ("Enter", "C-z", "q")."""
        for key in keys:
            self.tmux("send-keys", "-t", "main", key)
            time.sleep(0.15)

    def type(self, text: str) -> None:
        """Type text literally."""
        self.tmux("send-keys", "-t", "main", "-l", text)
        time.sleep(0.15)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; screen was:\n{screen}")

    def exit_status(self, timeout: float = 15.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.status.exists() and self.status.read_text().strip():
                return int(self.status.read_text())
            time.sleep(0.2)
        raise AssertionError(f"the reader did not exit; screen was:\n{self.screen()}")

    def reader_pid(self) -> int:
        """The pid of the python process running the reader (a child of the pane's shell)."""
        shell = int(self.show("#{pane_pid}"))
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            children = subprocess.run(["ps", "-o", "pid=,args=", "--ppid", str(shell)], capture_output=True, text=True).stdout
            for line in children.splitlines():
                pid, _, args = line.strip().partition(" ")
                if "-m reader" in args:
                    return int(pid)
            time.sleep(0.2)
        raise AssertionError("no reader process found")

    def buffers(self) -> str:
        return subprocess.run(["tmux", "-L", self.socket, "list-buffers"], capture_output=True, text=True).stdout

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


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
