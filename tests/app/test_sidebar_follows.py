"""Pilot: the sidebar follows the reading (issue 12, item 4) and reads its accord titles whole (item 5)."""

from __future__ import annotations

import pytest

from reader.ui.widgets.sidebar import AccordList, OutlineList
from tests.apphelpers import make_app, press, screen_rows


def current(app) -> tuple[str | None, str | None, str | None]:
    """The accord marked ▶, the accord highlighted and the section highlighted."""
    accords = app.screen.query_one(AccordList)
    outline = app.screen.query_one(OutlineList)
    lit = accords.get_option_at_index(accords.highlighted).id if accords.highlighted is not None else None
    section = outline.get_option_at_index(outline.highlighted).id if outline.highlighted is not None else None
    return accords.marked, lit, section


async def test_three_sections_on_both_lists_show_where_the_reader_is():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await press(pilot, "right_curly_bracket", "right_curly_bracket", "right_curly_bracket")
        assert app.screen.view.reading_location.section == 3
        # section 4 is the second accord's: one current item per list, the one being read
        assert current(app) == ("accord-nucleaire", "accord-nucleaire", "section-4")
        await press(pilot, "right_curly_bracket")
        assert current(app) == ("accord-cadre", "accord-cadre", "section-5")
        await press(pilot, "g")  # the top: no accord is read there, none is lit
        assert current(app) == (None, None, "section-1")
        assert app.screen.focused is app.screen.view  # following never takes the focus


async def test_following_leaves_the_list_the_reader_is_in():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        accords = app.screen.query_one(AccordList)
        accords.focus()
        await pilot.pause()
        await press(pilot, "down", "down")  # the reader moves in the list: the highlight is theirs
        lit = accords.highlighted
        app.screen.view.go_to(app.screen.article.accords[0].anchor)  # the reading place moves meanwhile
        await pilot.pause()
        assert accords.highlighted == lit and app.screen.focused is accords
        assert accords.marked == "accord-commission"


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (200, 50)])
async def test_accord_titles_wrap_whole_under_themselves(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        accords = app.screen.query_one(AccordList)
        rows = [row for row in screen_rows(app)[2:] if "▕" in row]
        column = "\n".join(row.split("▕")[0] for row in rows)
        assert "…" not in column.split("Sections")[0]  # no title cut
        for accord in app.screen.article.accords:
            prompt = accords.get_option(accord.id).prompt.plain.split("\n")
            shown = " ".join(line.strip(" ") for line in prompt)
            assert accord.title in shown  # every word, in order, none cut
            for line in prompt:
                assert len(line) <= accords.wrap_width
            start = prompt[0].index(accord.title.split()[0])  # continuation lines hang under the title
            expected = _wrapped(accord.title, accords.wrap_width - start)
            assert prompt[:len(expected)] == [prompt[0][:start] + expected[0]] + [" " * start + line for line in expected[1:]]


def _wrapped(text: str, width: int) -> list[str]:
    """Greedy word wrap (every word here is shorter than the width)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


LONG = "Mali et Russie : trois accords signés au Kremlin, du nucléaire civil à la sécurité, et un dossier minier"


async def test_picker_titles_wrap_whole_under_themselves(tmp_path):
    from tests.app.test_picker import library, make, picker_ready, write

    folder = library(tmp_path / "lib")
    write(folder, "e.yaml", id="echo", title=LONG, published="2025-07-01")
    app = make(folder)
    async with app.run_test(size=(60, 30)) as pilot:
        picker = await picker_ready(pilot)
        rows = screen_rows(app)
        first = next(y for y, row in enumerate(rows) if "Mali et Russie" in row)
        lines = []
        for row in rows[first:]:
            if "2025-07-01" in row:
                break
            lines.append(row.rstrip())
        assert len(lines) > 1 and "…" not in "".join(lines)
        assert " ".join(line.strip() for line in lines) == LONG  # every word, whole, in order
        assert all(line.startswith("   ") and not line.startswith("    ") for line in lines[1:])  # hanging under the title
        # the next article starts on the line after the details; a click on a title's second line opens that article
        list_ = picker.query_one("ArticleList")
        assert list_.rows[0].article_id == "echo"
        await pilot.click(list_, offset=(5, first + 1 - list_.region.y))
        await pilot.pause()
        assert app.screen.article.id == "echo"
