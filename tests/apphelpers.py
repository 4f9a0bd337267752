"""Helpers for driving the app in tests."""

from __future__ import annotations

import os
import time
import weakref
from pathlib import Path
from typing import Callable
from unittest.mock import patch

from rich.cells import cell_len
from rich.console import Console
from textual.app import App
from textual.command import CommandList, CommandPalette

from reader.ui.app import ReaderApp, load_entries
from reader.settings.state import State
from reader.text.fold import fold
from tests.hostile import FORBIDDEN, OWN_SEQUENCES

from tests.paths import BUNDLED

SMALL = """\
id: small
title: "Small [AP] article"
language: en
published: "2025-01-02"
source: {{agency: TEST}}
sections:
{sections}
entities:
  - {{id: alice, type: person, name: Alice, description: A person, aliases: [Alice]}}
"""


def small_article(path: Path, paragraphs: list[str], sections: int = 1) -> Path:
    """Write an article of identical sections holding the given paragraphs (YAML-escaped)."""
    import json

    body = []
    for s in range(sections):
        body.append(f"  - id: s{s}\n    kind: body\n    heading: \"Section {s + 1}\"\n    paragraphs:")
        body += [f"      - {json.dumps(p)}" for p in paragraphs]
    path.write_text(SMALL.format(sections="\n".join(body)), encoding="utf-8")
    return path


def rewrite(path: Path, text: str) -> None:
    """Change a file on disk and move its time on, as an editor saving it a moment later would."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


def make_app(*paths: Path, state: State | None = None, **kwargs) -> ReaderApp:
    entries, _ = load_entries(list(paths) or [BUNDLED])
    return ReaderApp(entries, state=state, **kwargs)


def view_lines(app: ReaderApp) -> list[str]:
    """The article view's visible rows as plain text."""
    view = app.screen.query_one("ArticleView")
    return [view.render_line(y).text.rstrip() for y in range(view.scrollable_content_region.height)]


async def press(pilot, *keys: str) -> None:
    """Press keys, then let the app settle (a pause), as a person waits to see the result."""
    await pilot.press(*keys)
    await pilot.pause()


async def wait_until(pilot, predicate: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    """Let the app run until a state holds (a worker's results, a screen); fail naming what never came.

    The timeout only bounds a failing test (generous, for a loaded machine): a passing one waits for the state."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} never happened in {timeout} s")
        await pilot.pause(0.02)


async def linked(pilot) -> None:
    """Let the inspector of the screen on show find its entity's other articles (it does so in a thread)."""
    from reader.ui.widgets.inspector import Inspector

    inspector = pilot.app.screen.query_one(Inspector)
    await wait_until(pilot, lambda: not inspector.linking, "the inspected entity's other articles")
    await pilot.pause()


def palette_lists(app, query: str) -> bool:
    """The command palette is open and lists the results of the whole query: every title holds the
    query's letters in order (a result of a shorter query typed on the way may not)."""
    if not isinstance(app.screen, CommandPalette):
        return False
    results = app.screen.query_one(CommandList)
    wanted = fold(query.replace(" ", "")).text
    if results.option_count == 0:
        return False
    for index in range(results.option_count):
        title = fold(str(results.get_option_at_index(index).prompt).split("\n")[0]).text
        letters = iter(title)
        if not all(letter in letters for letter in wanted):
            return False
    return True


async def palette(pilot, query: str) -> None:
    """Open the command palette and type a query, then wait until its (threaded) search lists the results."""
    await press(pilot, "ctrl+p")
    await pilot.press(*query)
    await wait_until(pilot, lambda: palette_lists(pilot.app, query), f"the palette listing results for {query!r}")


NOTIFIED: "weakref.WeakKeyDictionary[App, list[str]]" = weakref.WeakKeyDictionary()
"""Every notification each app was asked to show, in order (filled by record_notifications)."""


def record_notifications(monkeypatch) -> None:
    """Wrap the public `App.notify` so that tests can read what was notified, even after it timed out."""
    original = App.notify

    def notify(self, message, *args, **kwargs):
        NOTIFIED.setdefault(self, []).append(str(message))
        return original(self, message, *args, **kwargs)

    monkeypatch.setattr(App, "notify", notify)


def notices(app) -> list[str]:
    """The messages of the notifications the app showed (needs the record_notifications fixture)."""
    return list(NOTIFIED.get(app, []))


def screen_console(app) -> Console:
    """The Rich console that `App.export_screenshot` (public API) draws the screen on, caught
    before it is turned into SVG: it holds the segments the app would write for a full redraw."""
    caught: list[Console] = []

    def catch(console: Console, **kwargs) -> str:
        caught.append(console)
        return ""

    with patch.object(Console, "export_svg", catch):
        app.export_screenshot()
    return caught[0]


def terminal_output(app) -> str:
    """The text the app would write for a full redraw of the current screen, with its styling sequences."""
    return screen_console(app).export_text(styles=True, clear=False)


def screen_rows(app) -> list[str]:
    """The screen as plain text, one string per row."""
    return screen_console(app).export_text(clear=False).split("\n")[: app.size[1]]


def assert_nothing_raw(app) -> None:
    """Only the reader's own styling sequences reach the terminal; rows never overflow."""
    output = OWN_SEQUENCES.sub("", terminal_output(app)).replace("\r", "").replace("\n", "")
    bad = FORBIDDEN.search(output)
    assert bad is None, f"raw {bad.group()!r} would reach the terminal: …{output[max(0, bad.start() - 40):bad.end() + 40]!r}…"
    width = app.size[0]
    for y, row in enumerate(screen_rows(app)):
        assert cell_len(row) <= width, f"row {y} is {cell_len(row)} cells wide on a {width}-cell screen"
