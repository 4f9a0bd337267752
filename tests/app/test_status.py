"""The status line fits its width: what matters most (position, search counter) is never cut off."""

from __future__ import annotations

import pytest

from reader.ui.widgets.status import MIN_HEADING, Status, fit
from tests.apphelpers import make_app, press

HEADING = "Deuxième accord : le nucléaire civil avec Rosatom"
SEARCHING = Status(4, 11, HEADING, "Accord 2", 34, "2/3", False, "all")
READING = Status(4, 11, HEADING, "Accord 2", 34)


@pytest.mark.parametrize("status", [SEARCHING, READING], ids=["searching", "reading"])
def test_the_position_and_counter_always_show_and_nothing_overflows(status):
    for width in range(20, 161):
        line = str(fit(status, width))
        assert len(line) <= width, (width, line)
        assert "§ 4/11" in line and "34%" in line, (width, line)
        assert ("2/3" in line) == bool(status.search), (width, line)


def test_what_gives_way_first():
    wide = str(fit(SEARCHING, 200))
    assert wide == f" § 4/11 {HEADING}  │  Accord 2  │  34%  │  search: 2/3  │  highlights: all"
    # a little narrower: the highlights mode goes (the legend shows it), the heading stays whole
    assert str(fit(SEARCHING, len(wide) - 1)) == f" § 4/11 {HEADING}  │  Accord 2  │  34%  │  search: 2/3"
    # then the heading shrinks, with an ellipsis
    shrunk = str(fit(SEARCHING, 60))
    assert shrunk.startswith(" § 4/11 Deuxième accor") and "…  │  Accord 2" in shrunk and len(shrunk) == 60
    # then the accord goes, then the heading
    assert "Accord 2" not in str(fit(SEARCHING, 47)) and "Deuxième" in str(fit(SEARCHING, 47))
    assert str(fit(SEARCHING, 40)) == " § 4/11  │  34%  │  search: 2/3"
    assert str(fit(SEARCHING, 20)) == " § 4/11 │ 34% │ 2/3"


def test_a_short_heading_is_never_cut_below_its_length():
    short = Status(1, 3, "Lede", "—", 0)
    assert str(fit(short, 24)) == " § 1/3 Lede  │  —  │  0%"
    assert str(fit(short, 20)) == " § 1/3 Lede  │  0%"
    assert len(str(fit(Status(1, 3, "x" * 40, "—", 0), 30)).split("  │")[0]) >= len(" § 1/3 ") + MIN_HEADING - 1


def test_the_heading_is_data_not_markup():
    line = str(fit(Status(1, 1, "[bold]x[/] \x1b[2J $accent", "—", 0), 120))
    assert "[bold]x[/]" in line and "\\x1b[2J" in line and "$accent" in line


@pytest.mark.parametrize("width", [24, 60, 80])
async def test_on_screen_the_counter_survives_a_narrow_terminal(width):
    app = make_app()
    async with app.run_test(size=(width, 20)) as pilot:
        await press(pilot, "slash", *"goita", "enter")
        status = app.screen.query_one("#status")
        text = str(status.render())
        assert "/3" in text and "%" in text
        assert len(text) <= status.size.width
