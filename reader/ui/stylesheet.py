"""The reader's one stylesheet, reader.tcss, given to the app in two parts: what a first frame needs, then the rest.

The rest is parsed after a first reading screen's first frame, or at once for any other first screen.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App

SOURCE = Path(__file__).with_name("reader.tcss")
LATER = "/* ==== After the first frame."
"""The comment that opens the rules a first reading screen's first frame needs none of."""


def parts() -> tuple[str, str]:
    """The stylesheet's first part and the rest; the rest keeps its lines' numbers (for Textual's messages)."""
    text = SOURCE.read_text(encoding="utf-8")
    first, marker, rest = text.partition(LATER)
    return first, "\n" * first.count("\n") + marker + rest


def add_first_part(app: App) -> None:
    """Give an app about to start the rules its first reading screen's first frame needs.

    Parsing reader.tcss whole took about a tenth of the app's start (13 ms of CPU where the first
    frame needs 5): the rest is the other screens', the search bar's, the lists'."""
    app.stylesheet.add_source(parts()[0], read_from=(str(SOURCE), ""))


def add_rest(app: App) -> None:
    """Give the app the rest of the stylesheet, before anything it styles is mounted (again: nothing)."""
    app.stylesheet.add_source(parts()[1], read_from=(str(SOURCE), LATER))
