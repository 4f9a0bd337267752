"""Pilot: the current match stands out on every terminal (issue 12, item 8); the text keeps a readable measure on a wide one (item 13)."""

from __future__ import annotations

import pytest
from rich.color import ColorSystem
from rich.style import Style
from textual.events import MouseScrollDown

from tests.apphelpers import make_app, press

THEMES = ["reader-dark", "newsprint", "high-contrast", "okabe-ito"]


def painted(app, name: str) -> Style:
    return app.screen.view.get_component_rich_style(f"article-view--{name}")


def entity_colours(app, system: ColorSystem) -> set:
    return {painted(app, kind).color.downgrade(system) for kind in ("person", "org", "place", "date", "figure")}


@pytest.mark.parametrize("theme", THEMES)
async def test_current_match_differs_from_the_others_in_256_colours(theme: str):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        await pilot.pause()
        match, current = painted(app, "match"), painted(app, "current")
        background = app.screen.view.rich_style.bgcolor.downgrade(ColorSystem.EIGHT_BIT)
        eight = {name: style.bgcolor.downgrade(ColorSystem.EIGHT_BIT) for name, style in (("match", match), ("current", current))}
        assert eight["current"] != eight["match"], eight
        assert background not in eight.values()
        assert current.bold  # and a cue beyond colour


@pytest.mark.parametrize("theme", THEMES)
async def test_current_match_differs_in_16_colours(theme: str):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        app.few_colours = True  # what the app decides on mount for a terminal of 16 colours
        app.refresh_css(animate=False)
        await pilot.pause()
        sixteen = {name: painted(app, name).bgcolor.downgrade(ColorSystem.STANDARD) for name in ("match", "current")}
        background = app.screen.view.rich_style.bgcolor.downgrade(ColorSystem.STANDARD)
        assert sixteen["current"] != sixteen["match"] and background not in sixteen.values()
        # no entity's text colour vanishes on either search background
        assert not entity_colours(app, ColorSystem.STANDARD) & set(sixteen.values())


async def test_current_match_is_in_reverse_video_without_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.no_color
        await press(pilot, "slash", *"Mali", "enter")
        assert painted(app, "current").reverse and not painted(app, "match").reverse
        kinds = {h.kind for h in app.screen.view.highlights}
        assert {"match", "current"} <= kinds


def text_column(app) -> int:
    """The first cell of the text column in the view (where a paragraph's first row starts)."""
    view = app.screen.view
    from reader.text.wrap import TEXT

    layout = view.layout_rows
    row = next(r for r in range(len(layout)) if layout.kind[r] == TEXT)
    view.scroll_to(y=row, animate=False, immediate=True)
    line = view.render_line(0).text
    return len(line) - len(line.lstrip())


@pytest.mark.parametrize("width", [200, 160, 120, 80])
async def test_wide_terminal_keeps_the_text_by_the_sidebar_under_the_legend(width: int):
    app = make_app()
    async with app.run_test(size=(width, 50)) as pilot:
        await pilot.pause()
        view = app.screen.view
        legend = app.screen.query_one("#legend")
        column = text_column(app)
        await pilot.pause()
        # the legend's first mark and the text start in the same column of the screen
        assert view.region.x + column == legend.content_region.x
        assert column <= 2  # no gap between the sidebar and the text, however wide
        assert 20 <= view.layout_rows.width <= 100  # a readable measure
        heading = next(y for y in range(view.scrollable_content_region.height) if view.render_line(y).text.strip())
        assert view.render_line(heading).text.startswith(" " * column)


async def test_click_on_an_entity_inspects_it_and_the_wheel_scrolls():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.screen.view
        mention = next(m for m in view.visible_mentions() if m.kind == "person")
        entity = app.screen.article.entities_by_id[mention.ref]
        y = view.row_of(mention.location) - round(view.scroll_y)
        line = view.render_line(y).text
        x = line.index(view.paragraphs[mention.section][mention.paragraph].text[mention.start:mention.end])
        top = view.scroll_y
        assert await pilot.click(view, offset=(x + 1, y))
        await pilot.pause()
        assert app.screen.inspector.subject is entity and not app.screen.inspector.has_class("-hidden")
        assert view.scroll_y == top  # inspecting does not move the text
        # a click on plain text inspects nothing new
        await press(pilot, "escape")
        plain = next(i for i, ch in enumerate(line) if ch.isalpha() and view.mention_at(i, y) is None)
        assert view.mention_at(plain, y) is None and view.mention_at(x, y) == mention
        for _ in range(3):
            view.post_message(MouseScrollDown(view, 5, 5, 0, 0, 0, False, False, False))
        await pilot.pause()
        assert view.scroll_y > top


async def click_on(pilot, view, mention) -> bool:
    """Click a mention, brought into view first (the text does not move for the click); False if it is cut over two rows."""
    if not view.shows(mention.location):
        pilot.app.screen.jump_to_mention(mention.location)
        await pilot.pause()
    y = view.row_of(mention.location) - round(view.scroll_y)
    line = view.render_line(y).text
    x = line.find(view.paragraphs[mention.section][mention.paragraph].text[mention.start:mention.end])
    if x < 0:
        return False
    top = view.scroll_y
    assert await pilot.click(view, offset=(x + 1, y))
    await pilot.pause()
    assert view.scroll_y == top
    return True


@pytest.mark.parametrize("kind", ["date", "figure"])
async def test_click_on_a_date_or_a_figure_shows_it_in_the_inspector(kind: str):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen, view = app.screen, app.screen.view
        article = screen.article
        notes = article.dates if kind == "date" else article.figures
        # those the article places in an accord's passage first (the inspector names the accord)
        for note in sorted(notes, key=lambda n: article.accord_at(n.location) is None):
            mention = next(m for m in article.mentions_by_ref[note.id] if m.kind == kind)
            if await click_on(pilot, view, mention):
                break
        else:
            raise AssertionError(f"no {kind} of the article is on one row")
        inspector = screen.inspector
        assert inspector.subject is note and not inspector.has_class("-hidden")
        body = str(inspector.query_one("#inspector-body").content)
        assert body.startswith(kind.capitalize()) and note.quote in body
        if kind == "date":
            assert f"Value: {note.value} (a " in body  # its precision: a year, a month or a day
        else:
            assert f"Value: {note.value:,}".replace(",", " ") in body and note.unit in body
        accord = article.accord_at(note.location)
        assert accord is None or accord.title in body
        assert "Mentions (1)" in str(inspector.query_one("#mentions-title").render())
