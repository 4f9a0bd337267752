"""Hostile text in the app: escape sequences never reach the terminal raw, markup shows literally,
highlights stay aligned on wide characters, endless lines keep the layout.

What the app would write for a full redraw is searched for anything but its own styling sequences.
"""

from __future__ import annotations

from rich.cells import cell_len

from tests.apphelpers import assert_nothing_raw, make_app, press, screen_rows
from tests.hostile import hostile_location


async def test_hostile_text_never_reaches_the_terminal_raw(article_path):
    app = make_app(article_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.screen.view
        seen = []
        # every page from the top to the end of the hostile paragraphs, then the last page
        last = view.row_of(hostile_location(view.article, "markup")) + view.size.height
        page = view.scrollable_content_region.height
        for top in [*range(0, last, page), view.virtual_size.height]:
            view.scroll_to(y=top, animate=False, immediate=True)
            await pilot.pause()
            assert_nothing_raw(app)
            seen += screen_rows(app)
        shown = "\n".join(seen)
        for escaped in ("\\x1b]52;c;ZXZpbA==\\x07", "\\x1b]0;pwned-title\\x07", "\\x1b[2J", "\\x9b2J", "\\u202eevil",
                        "\\x1b]8;;https://evil.example/\\x1b\\click me", "\\x07\\x07\\x07"):
            assert escaped in shown, f"{escaped!r} not shown"
        for size in ((20, 6), (300, 100)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert_nothing_raw(app)


async def test_markup_shows_literally_everywhere(article_path):
    app = make_app(article_path)
    async with app.run_test(size=(260, 60)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.view.go_to(hostile_location(screen.article, "markup"), context=0)
        await pilot.pause()
        if not screen.inspector.display:
            await press(pilot, "i")
        shown = "\n".join(screen_rows(app))
        # the view (the paragraph wraps at 80 cells)
        assert "Markup [bold]x[/] [/] [link=https://evil.example]y[/link] $accent $variable [AP]" in shown
        assert "[@click=app.quit]q[/] done." in shown
        # the header: title and source
        assert "[bold]Mali[/] [link=x]y[/link] $accent \\x1b]0;t\\x07" in shown
        assert "[AP] $text \\x1b[5m" in shown
        # the sidebar and the inspector: the accord's title
        assert shown.count("[red]Accord[/] $primary [/]") >= 2, shown
        # the sidebar: entity names and the section heading
        assert "[i]Moscou[/i] $x" in shown and "[bold]Heading[/] $accent \\x1b]0;head\\x07" in shown
        # the inspector on an entity
        moscou = next(e for e in screen.article.entities if e.id == "moscou")
        screen.inspector.show(moscou)
        await pilot.pause()
        shown = "\n".join(screen_rows(app))
        assert "[b]Capitale[/b] \\x1b]52;c;eA==\\x07" in shown
        assert_nothing_raw(app)
        # the help screen draws over it, and closes
        await press(pilot, "question_mark")
        assert "Keys" in "\n".join(screen_rows(app))
        assert_nothing_raw(app)


async def test_markup_and_escapes_on_the_error_screen(tmp_path):
    bad = tmp_path / "[bold]evil[b] $accent \x1b]0;x\x07.yaml"  # no "/" in a file name
    bad.write_text('id: x\n"[red]key[/] $accent \\e]52;c;eA==\\a": 1\n', encoding="utf-8")
    app = make_app(bad)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        shown = "\n".join(screen_rows(app))
        assert "[bold]evil[b] $accent \\x1b]0;x\\x07.yaml could not be opened" in shown
        assert "unknown key '[red]key[/] $accent \\x1b]52;c;eA==\\x07'" in shown
        assert_nothing_raw(app)


async def test_highlights_stay_aligned_on_wide_characters(article_path):
    app = make_app(article_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        view = app.screen.view
        view.go_to(hostile_location(view.article, "wide"), context=0)
        await pilot.pause()
        row = next(y for y in range(view.scrollable_content_region.height) if "北京" in view.render_line(y).text)
        strip = view.render_line(row)
        text = strip.text
        styled_cells: list[int] = []  # places are underlined (the cue that survives NO_COLOR)
        at = 0
        for segment in strip:
            width = cell_len(segment.text)
            if segment.style is not None and segment.style.underline:
                styled_cells += range(at, at + width)
            at += width
        # each "Moscou" is styled on exactly its own cells, after double-width CJK and emoji
        expected: list[int] = []
        start = 0
        while (index := text.find("Moscou", start)) >= 0:
            first = cell_len(text[:index])
            expected += range(first, first + len("Moscou"))
            start = index + 1
        assert len(expected) == 12, text
        assert styled_cells == expected, (text, styled_cells, expected)
        assert strip.cell_length == view.scrollable_content_region.width


async def test_endless_lines_and_combining_stacks_keep_the_layout(article_path):
    app = make_app(article_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.view
        for key in ("combining", "wide"):
            view.go_to(hostile_location(view.article, key), context=0)
            await pilot.pause()
            assert_nothing_raw(app)
        await press(pilot, "G")
        assert_nothing_raw(app)
        for y in range(view.scrollable_content_region.height):
            assert view.render_line(y).cell_length == view.scrollable_content_region.width
