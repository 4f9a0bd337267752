"""A progress line on a terminal (files, rate, time left), redrawn at most ten times a second; nothing when piped."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressLine:
    """``indexing 1,234/10,000 files · 520/s · 0:17 left`` on stderr when it is a terminal."""

    def __init__(self, verb: str, stream: TextIO | None = None, *, clock=time.monotonic) -> None:
        self.verb = verb
        self.stream = stream or sys.stderr
        self.shown = self.stream.isatty()
        self.clock = clock
        self.started = clock()
        self.drawn = 0.0
        self.dirty = False

    def __call__(self, done: int, total: int) -> None:
        """Say how far along the work is (drawn when a tenth of a second has passed, and at the end)."""
        if not self.shown:
            return
        now = self.clock()
        if now - self.drawn < 0.1 and done < total:
            return
        self.drawn = now
        elapsed = max(now - self.started, 1e-9)
        rate = done / elapsed
        left = (total - done) / rate if rate else 0
        minutes, seconds = divmod(int(left + 0.5), 60)
        self.stream.write(f"\r\x1b[K{self.verb} {done:,}/{total:,} files · {rate:,.0f}/s · {minutes}:{seconds:02d} left")
        self.stream.flush()
        self.dirty = True

    def clear(self) -> None:
        """Erase the line (before other output, and at the end)."""
        if self.dirty:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.dirty = False
