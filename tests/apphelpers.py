"""Helpers for driving the app in tests."""

from __future__ import annotations

from pathlib import Path

from reader.ui.app import ReaderApp, load_entries
from reader.settings.state import State

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "articles" / "mali-russie-accords-2025-06-23.yaml"

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


async def palette(pilot, query: str) -> None:
    """Open the command palette and type a query, then wait for its (threaded) search to show."""
    await press(pilot, "ctrl+p")
    await pilot.press(*query)
    await pilot.pause(0.5)


def notices(app) -> list[str]:
    """The messages of the notifications on screen."""
    return [str(n.message) for n in app._notifications]


def _full_update(app):
    return app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)


def terminal_output(app) -> str:
    """The bytes (as text) the app would write for a full redraw of the current screen."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, color_system="truecolor",
                      legacy_windows=False, safe_box=False)
    return _full_update(app).render_segments(console)


def screen_rows(app) -> list[str]:
    """The screen as plain text, one string per row."""
    return ["".join(seg.text for strip in line for seg in strip if not seg.control) for line in _full_update(app).strips]
