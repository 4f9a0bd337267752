"""The legend fits its width and never shows a colour without its name: names, then closer, then shortened, then
initials, then the kinds that fit."""

from __future__ import annotations

import re

import pytest

from reader.model.article import SPAN_KINDS
from reader.ui.widgets.legend import legend
from tests.apphelpers import make_app, press, screen_rows, wait_until
from tests.app.test_review_mode import DRAFT


@pytest.mark.parametrize("mode", ["all", *SPAN_KINDS, "off"])
@pytest.mark.parametrize("suggested", [0, 8])
def test_it_always_fits_and_names_every_colour_it_shows(mode, suggested):
    for width in range(10, 121):
        text = str(legend(mode, width, suggested))
        assert len(text) <= width, (width, text)
        assert text.count("■") == len(re.findall(r"■ ?[A-Z][a-z]*", text)) >= 1, (width, text)  # each mark, its name
        assert ("off" in text) is (mode == "off"), (width, text)
        if width >= (21 if mode == "off" else 15):
            assert text.count("■") == len(SPAN_KINDS), (width, text)
        else:
            assert text.count("■") < len(SPAN_KINDS) and "…" in text, (width, text)  # says more kinds are left out


def test_what_gives_way_first():
    assert str(legend("all", 100)) == "■ Person  ■ Org  ■ Place  ■ Date  ■ Figure"
    assert str(legend("all", 40)) == "■ Person ■ Org ■ Place ■ Date ■ Figure"
    assert str(legend("all", 32)) == "■ Pers ■ Org ■ Pl ■ Date ■ Fig"
    assert str(legend("all", 20)) == "■ P ■ O ■ Pl ■ D ■ F"
    assert str(legend("all", 15)) == "■P ■O ■Pl ■D ■F"
    assert str(legend("all", 12)) == "■P ■O ■Pl …"
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


@pytest.mark.parametrize("size, says", [((40, 12), "■ Pers ■ Org ■ Pl ■ Date ■ Fig"),
                                        ((80, 24), "■ Pers ■ Org ■ Pl ■ Date ■ Fig  ▪ 8 suggested (R)")])
async def test_a_draft_on_a_small_screen_keeps_the_names(tmp_path, size, says):
    # the note on suggestions went first: at 40 columns it took the names with it, leaving ■ ■ ■ ■ ■
    path = tmp_path / "draft.yaml"
    path.write_text(DRAFT, encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: "■" in "".join(screen_rows(app)), "the legend drawn")
        row = next(row for row in screen_rows(app) if "■" in row)
        assert says in row, row
