"""The user's reading state (positions, read articles, marks, search history): JSON, atomic, never clobbered."""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.settings import paths
from reader.model.problems import Problem
from reader.load.files import write_atomic

STATE_NAME = "state.json"
MAX_STATE_BYTES = 32 * 1024 * 1024
"""Room for the read ids of a library of 100,000 articles (about 4 MB) and more."""
HISTORY_LIMIT = 100


@dataclass(frozen=True, slots=True)
class Position:
    """Where the reader was in an article: a section id, a paragraph, a character offset."""

    section: str
    paragraph: int = 0
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Mark:
    """A place set with `m` and a letter: the article (its id and file) and the position in it."""

    article: str
    path: str
    position: Position


@dataclass
class State:
    """Everything remembered between runs, and whether it may be written back."""

    path: Path
    positions: dict[str, Position] = field(default_factory=dict)
    history: list[str] = field(default_factory=list)
    read: set[str] = field(default_factory=set)
    """The ids of the articles read (opened, or marked read with U)."""
    marks: dict[str, Mark] = field(default_factory=dict)
    """Marks by key: a capital letter alone (across articles), or "article-id'letter" for a letter of one article."""
    writable: bool = True
    """False when the file on disk could not be read: it is then left as it is."""
    loaded_positions: dict[str, Position] = field(default_factory=dict)
    """The positions as read: only those changed since overwrite another instance's."""
    loaded_history: list[str] = field(default_factory=list)
    """The history as read: only searches added since are added to what is on disk."""
    loaded_read: set[str] = field(default_factory=set)
    loaded_marks: dict[str, Mark] = field(default_factory=dict)

    def merge(self, disk: "State") -> None:
        """Take what another instance saved since this one read the file, keeping this one's changes."""
        changed = {k: p for k, p in self.positions.items() if self.loaded_positions.get(k) != p}
        self.positions = {**disk.positions, **changed}
        seen = set(self.loaded_history)
        added = [h for h in self.history if h not in seen]
        self.history = ([h for h in disk.history if h not in added] + added)[-HISTORY_LIMIT:]
        # read and unread as toggles: what this instance changed wins, the rest is as on disk
        self.read = (disk.read | (self.read - self.loaded_read)) - (self.loaded_read - self.read)
        marked = {k: m for k, m in self.marks.items() if self.loaded_marks.get(k) != m}
        dropped = self.loaded_marks.keys() - self.marks.keys()
        self.marks = {k: m for k, m in {**disk.marks, **marked}.items() if k not in dropped}

    def save(self) -> Problem | None:
        """Re-read the file and merge under a lock (two instances each keep their changes), then
        write atomically; a problem (never an exception) when that is not possible."""
        if not self.writable:
            return None
        try:
            with _locked(self.path):
                disk, problem = load_state(self.path)
                if problem is not None:  # became unreadable since: leave it as it is
                    return problem
                self.merge(disk)
                return self._write()
        except OSError as error:
            return Problem(str(self.path), 0, 0, f"reading state not saved: {error.strerror or error}")

    def _write(self) -> Problem | None:
        data = {
            "version": 1,
            "positions": {k: _position_data(p) for k, p in self.positions.items()},
            "history": self.history[-HISTORY_LIMIT:],
            "read": sorted(self.read),
            "marks": {k: {"article": m.article, "path": m.path, **_position_data(m.position)} for k, m in self.marks.items()},
        }
        try:
            write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        except OSError as error:
            return Problem(str(self.path), 0, 0, f"reading state not saved: {error.strerror or error}")
        self._loaded()
        return None

    def _loaded(self) -> None:
        """What is on disk now: only changes made after this overwrite another instance's."""
        self.loaded_positions, self.loaded_history = dict(self.positions), list(self.history)
        self.loaded_read, self.loaded_marks = set(self.read), dict(self.marks)


LOCK_SECONDS = 3.0
"""Longest a save waits for another reader's lock on the state folder; past it, the state is written without the
lock (atomically, as always: only the merge with that reader's changes is at risk), never waited for forever."""


@contextlib.contextmanager
def _locked(path: Path):
    """Hold an exclusive lock on the state's folder while reading, merging and writing the state
    (the file itself is replaced, so its inode cannot carry the lock; a lock file would be left
    behind, and could not be made on a full disk). A lock held past LOCK_SECONDS (a reader stuck,
    or this one's own save interrupted by a signal that saves again) is not waited for further."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock, the merge still narrows the race
        yield
        return
    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(target.parent, os.O_RDONLY)
    try:
        deadline = time.monotonic() + LOCK_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    break
                time.sleep(0.02)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _position_data(position: Position) -> dict[str, Any]:
    return {"section": position.section, "paragraph": position.paragraph, "offset": position.offset}


def _mark(value: Any) -> Mark | None:
    position = _position(value)
    if position is None or not isinstance(value.get("article"), str) or not isinstance(value.get("path"), str):
        return None
    return Mark(value["article"], value["path"], position)


def _position(value: Any) -> Position | None:
    if not isinstance(value, dict) or not isinstance(value.get("section"), str):
        return None
    paragraph, offset = value.get("paragraph", 0), value.get("offset", 0)
    if not isinstance(paragraph, int) or not isinstance(offset, int) or paragraph < 0 or offset < 0:
        return None
    return Position(value["section"], paragraph, offset)


def load_state(path: Path | None = None) -> tuple[State, Problem | None]:
    """The saved state, or an empty one with a problem saying what could not be read."""
    path = paths.state_dir() / STATE_NAME if path is None else path
    state = State(path)
    if not path.exists() and not path.is_symlink():
        return state, None
    try:
        if path.stat().st_size > MAX_STATE_BYTES:
            raise ValueError(f"over {MAX_STATE_BYTES:,} bytes")
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    except json.JSONDecodeError as error:
        state.writable = False
        return state, Problem(str(path), error.lineno, error.colno, f"reading state ignored and left untouched: {error.msg}")
    except (OSError, ValueError, UnicodeDecodeError) as error:
        state.writable = False
        reason = getattr(error, "strerror", None) or str(error)
        return state, Problem(str(path), 0, 0, f"reading state ignored and left untouched: {reason}")
    positions = data.get("positions", {})
    if isinstance(positions, dict):
        for key, value in positions.items():
            position = _position(value)
            if isinstance(key, str) and position is not None:
                state.positions[key] = position
    history = data.get("history", [])
    if isinstance(history, list):
        state.history = [h for h in history if isinstance(h, str)][-HISTORY_LIMIT:]
    read = data.get("read", [])
    if isinstance(read, list):
        state.read = {r for r in read if isinstance(r, str)}
    marks = data.get("marks", {})
    if isinstance(marks, dict):
        for key, value in marks.items():
            mark = _mark(value)
            if isinstance(key, str) and mark is not None:
                state.marks[key] = mark
    state._loaded()
    return state, None
