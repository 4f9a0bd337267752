"""The legend fits its width: names, then closer, then shortened, then initials, then marks."""

from __future__ import annotations

import pytest

from reader.model.article import SPAN_KINDS
from reader.ui.widgets.legend import legend
from tests.apphelpers import make_app, press


@pytest.mark.parametrize("mode", ["all", *SPAN_KINDS, "off"])
def test_it_always_fits_and_shows_every_kind(mode):
    for width in range(15, 121):
        text = str(legend(mode, width))
        assert len(text) <= width, (width, text)
        assert text.count("■") == len(SPAN_KINDS), (width, text)
        assert ("off" in text) is (mode == "off"), (width, text)


def test_what_gives_way_first():
    assert str(legend("all", 100)) == "■ Person  ■ Org  ■ Place  ■ Date  ■ Figure"
    assert str(legend("all", 40)) == "■ Person ■ Org ■ Place ■ Date ■ Figure"
    assert str(legend("all", 32)) == "■ Pers ■ Org ■ Pl ■ Date ■ Fig"
    assert str(legend("all", 20)) == "■ P ■ O ■ Pl ■ D ■ F"
    assert str(legend("off", 100)).endswith("(highlights off — press e)")
    assert str(legend("off", 46)).endswith("■ Figure (off)")


def test_a_kind_switched_off_is_struck_through():
    content = legend("person", 100)
    struck = [content.plain[span.start:span.end] for span in content.spans if "strike" in str(span.style)]
    assert struck == ["Org", "Place", "Date", "Figure"]


@pytest.mark.parametrize("width", [20, 40, 60, 80])
async def test_on_screen_the_legend_is_never_cut(width):
    app = make_app()
    async with app.run_test(size=(width, 20)) as pilot:
        await press(pilot, "e", "e")  # one kind, the others struck
        widget = app.screen.query_one("#legend")
        assert len(str(widget.render())) <= widget.content_region.width
