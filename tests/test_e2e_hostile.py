"""End to end, in a real terminal (tmux): escape sequences in an article never reach it, and
SIGTERM / SIGINT leave the terminal as it was.

Each test runs its own tmux server (``tmux -L <socket>``), so it can set options and read the
pane's title and modes without touching anyone else's sessions.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.test_hostile_text import hostile_article

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)")

READER = f"{shlex.quote(sys.executable)} -m reader"


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
        return subprocess.run(["tmux", "-L", self.socket, *args], check=True, capture_output=True, text=True).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "main")

    def show(self, fmt: str) -> str:
        return self.tmux("display-message", "-p", "-t", "main", fmt).strip()

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "main", key)
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
    made: list[Tmux] = []

    def start(command: str, **size) -> Tmux:
        made.append(Tmux(command, tmp_path, **size))
        return made[-1]

    yield start
    for term in made:
        term.close()


def test_control_a_raw_title_sequence_does_change_the_pane_title(tmux):
    """The check below means something: a program that writes OSC 2 does retitle the pane."""
    term = tmux("sleep 1; printf '\\033]2;pwned-by-printf\\007'; sleep 5")
    deadline = time.monotonic() + 5
    while term.show("#{pane_title}") != "pwned-by-printf" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert term.show("#{pane_title}") == "pwned-by-printf"


def test_escape_sequences_in_an_article_stay_on_the_page(tmux, tmp_path):
    article = hostile_article(tmp_path / "hostile.yaml")
    term = tmux(f"{READER} {shlex.quote(str(article))}")
    term.wait_for("Accords")
    assert term.show("#{pane_title}") == "title-before"
    term.keys("}", "}")  # to the hostile section
    screen = term.wait_for("Clipboard")
    deadline = time.monotonic() + 5
    while "pwned-title" not in screen and time.monotonic() < deadline:
        time.sleep(0.2)
        screen = term.screen()
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
    deadline = time.monotonic() + 2
    while term.show("#{alternate_on}") != "0" and time.monotonic() < deadline:
        time.sleep(0.1)
    modes = term.show("#{alternate_on} #{cursor_flag} #{mouse_any_flag} #{mouse_sgr_flag} #{keypad_cursor_flag}")
    assert modes.split()[:4] == ["0", "1", "0", "0"], f"alternate, cursor, mouse, sgr-mouse, keypad: {modes}"
    # the shell afterwards reads and echoes a line: the terminal is usable again
    term.keys("echo alive-$((20+22))", "Enter")
    term.wait_for("alive-42")
    assert "Traceback" not in term.screen()
