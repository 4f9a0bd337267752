"""The picker, help and error screens on small terminals: nothing wraps that should not, rows stay in view, wrapped lines keep their column."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.ui.screens.help import HelpScreen
from reader.ui.screens.error import ErrorScreen
from reader.ui.widgets.article_list import row_lines
from tests.app.test_picker import picker_ready
from tests.apphelpers import BUNDLED, make_app, press, screen_rows, small_article
from tests.paths import ROOT

THREE_PROBLEMS = ROOT / "tests" / "data" / "articles" / "bad-three-problems.yaml"
SCROLLBAR = set("▁▂▃▄▅▆▇█")
"""The glyphs of a scrollbar's thumb."""


def _library(tmp_path: Path) -> Path:
    """A folder of four: two good articles, a file with three problems, one with one."""
    folder = tmp_path / "library"
    folder.mkdir()
    shutil.copyfile(BUNDLED, folder / "mali.yaml")
    small_article(folder / "small.yaml", ["Alice reads."])
    shutil.copyfile(THREE_PROBLEMS, folder / "three.yaml")
    (folder / "one.yaml").write_text("id: x\ntitle: [unclosed\n", encoding="utf-8")
    return folder


def _fits(rows: list[str], width: int) -> None:
    assert all(cell_len(row) <= width for row in rows), rows


def _continues_under(rows: list[str], first: int, column: int) -> None:
    """The row after `first` is a wrapped line starting at `column`, blank before it."""
    following = rows[first + 1]
    assert following[:column].strip() == "" and following[column:column + 1].strip(), (rows[first], following)


# --- the picker ---------------------------------------------------------------------------------

@pytest.mark.parametrize("size", [(20, 6), (21, 7), (30, 8), (40, 12), (80, 24)])
async def test_picker_keeps_an_article_in_view_and_its_header_on_one_row(tmp_path, size):
    app = make_app(_library(tmp_path))
    async with app.run_test(size=size) as pilot:
        await picker_ready(pilot)
        rows = screen_rows(app)
        _fits(rows, size[0])
        assert any(row.strip().startswith(("Mali–Russie", "Small [AP] article")) for row in rows), rows
        count_rows = [row for row in rows if "4 articles" in row]
        assert len(count_rows) == 1, rows
        # the hint never wraps onto a row of its own
        assert not any(row.strip().startswith(("type to", "Enter opens", "opens one")) for row in rows), rows
        assert not SCROLLBAR & set(rows[-1]), rows[-1]  # the footer row is the footer's


async def test_picker_hint_shows_when_there_is_room_and_follows_the_filter(tmp_path):
    app = make_app(_library(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await picker_ready(pilot)
        assert any("4 articles · 2 unread · by date — type to filter, Enter opens one" in row for row in screen_rows(app))
        await press(pilot, *"alice")
        assert any("1 of 4 articles · 1 unread · by date — Esc clears the filter" in row for row in screen_rows(app))


async def test_picker_hint_goes_at_small_heights(tmp_path):
    app = make_app(_library(tmp_path))
    async with app.run_test(size=(80, 8)) as pilot:
        await picker_ready(pilot)
        rows = screen_rows(app)
        assert any(row.strip() == "4 articles · 2 unread · by date" for row in rows), rows
        assert sum(1 for row in rows if "Mali–Russie" in row or "Small [AP]" in row) == 2  # both good articles


async def test_picker_counts_problems_in_words(tmp_path):
    app = make_app(_library(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        prompts = {row.path.name: "\n".join(row_lines(row)) for row in picker.rows}
        assert "could not be opened: 1 problem" in prompts["one.yaml"] and "1 problem" + "s" not in prompts["one.yaml"]
        assert "could not be opened: 3 problems" in prompts["three.yaml"]
        assert not any("problem(s)" in prompt for prompt in prompts.values())
        # the file name comes first, so that a narrow terminal cuts the folder, not the name
        assert prompts["three.yaml"].startswith("three.yaml")


# --- the help screen ----------------------------------------------------------------------------

async def _help(pilot) -> HelpScreen:
    await pilot.pause()
    await press(pilot, "question_mark")
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen)
    return screen


async def test_help_at_20x6_fills_the_screen_shows_rows_and_scrolls():
    app = make_app()
    async with app.run_test(size=(20, 6)) as pilot:
        screen = await _help(pilot)
        rows = screen_rows(app)
        _fits(rows, 20)
        assert not any(set(row.strip()) & set("╭╮╰╯│─") for row in rows), rows  # no border at this size
        assert rows[0].startswith("Keys") and "scroll" in rows[0]  # says that it scrolls
        assert any(row.startswith("j ↓") and "Down" in row for row in rows), rows
        scroll = screen.query_one("#help-scroll")
        assert app.focused is scroll
        await press(pilot, "down", "down")
        assert scroll.scroll_y == 2
        await press(pilot, "pagedown")
        assert scroll.scroll_y > 2
        assert screen_rows(app) != rows
        await press(pilot, "escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_help_key_column_narrows_at_40_columns():
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await _help(pilot)
        rows = screen_rows(app)
        _fits(rows, 40)
        page = next(row for row in rows if "space pgdn" in row)
        assert "Page down" in page  # not "Page" / "down" over two rows
        column = page.index("Page down")
        assert column <= 16, page
        assert next(row for row in rows if row.startswith("j ↓")).index("Down") == column


async def test_help_wrapped_descriptions_stay_under_their_column():
    app = make_app()
    async with app.run_test(size=(40, 80)) as pilot:
        await _help(pilot)
        rows = screen_rows(app)
        _fits(rows, 40)
        first = next(i for i, row in enumerate(rows) if "Hide the search bar;" in row)
        _continues_under(rows, first, rows[first].index("Hide"))
        assert rows[first + 1].strip().endswith("clear the search")


async def test_help_shows_every_ctrl_key_one_way():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _help(pilot)
        text = str(screen.query_one("#help-text").render())
        for key in ("ctrl+b", "ctrl+o", "ctrl+z", "ctrl+f", "ctrl+p", "ctrl+q", "alt+←"):
            assert key in text, key
        assert "^" not in text


async def test_help_is_boxed_on_a_large_terminal():
    app = make_app()
    async with app.run_test(size=(100, 36)) as pilot:
        await _help(pilot)
        rows = screen_rows(app)
        assert any("╭" in row for row in rows) and any("Keys" in row and "│" in row for row in rows)


# --- the error screen ---------------------------------------------------------------------------

async def test_error_screen_at_20x6_shows_a_problem_and_scrolls(tmp_path):
    bad = shutil.copyfile(THREE_PROBLEMS, tmp_path / "bad.yaml")
    app = make_app(bad)
    async with app.run_test(size=(20, 6)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ErrorScreen)
        rows = screen_rows(app)
        _fits(rows, 20)
        assert rows[0].startswith("bad.yaml could not")
        assert any(row.startswith("11:11  ") for row in rows), rows
        scroll = screen.query_one("#error-scroll")
        assert app.focused is scroll
        await press(pilot, "pagedown")
        assert scroll.scroll_y > 0 and screen_rows(app) != rows
        await press(pilot, "escape")
    assert app.return_value == 1


@pytest.mark.parametrize("width", [40, 60, 100])
async def test_error_screen_wraps_messages_under_the_message_column(tmp_path, width):
    bad = shutil.copyfile(THREE_PROBLEMS, tmp_path / "bad.yaml")
    app = make_app(bad)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        rows = screen_rows(app)
        _fits(rows, width)
        first = next(i for i, row in enumerate(rows) if "11:11" in row)
        column = rows[first].index("section 1 kind")
        _continues_under(rows, first, column)
        assert rows[first + 1].strip().split()[0] not in ("11:11", "24:21")
        assert "3 problems" in " ".join(rows)


async def test_error_screen_says_one_problem(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: [unclosed\n", encoding="utf-8")
    app = make_app(bad)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one("#error-text").render())
        assert "bad.yaml could not be opened: 1 problem\n" in text and "Fix it and open" in text
