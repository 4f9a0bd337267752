"""The review queue's vim keys: j / k move as ↓ / ↑ (as in the results list and the picker), so x rejects the row reached."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.importer.review import suggestions
from reader.load.build import load_article
from reader.load.yamlsource import read_text
from tests.app.test_review_mode import decide_with, open_review
from tests.apphelpers import make_app, press
from tests.unit.test_review import DRAFT


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.yaml"
    path.write_text(DRAFT, encoding="utf-8")
    return path


async def test_j_and_k_move_in_the_queue(draft):
    app = make_app(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        assert screen.option_list.highlighted == 0
        for _ in range(3):
            await press(pilot, "j")
        assert screen.option_list.highlighted == 3
        await press(pilot, "k")
        assert screen.option_list.highlighted == 2
        await press(pilot, "k", "k")
        assert screen.option_list.highlighted == 0


async def test_x_after_j_j_j_rejects_the_row_j_reached(draft):
    app = make_app(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        await press(pilot, "j", "j", "j")
        target = screen.current
        assert target is not None and target.ref == screen.items[3].ref
        others = [s.ref for s in screen.items if s.ref != target.ref]
        await decide_with(pilot, screen, "x")
        left = [s.ref for s in screen.items]
        assert target.ref not in left and left == others
        on_disk = [s.ref for s in suggestions(load_article(draft), read_text(draft))]
        assert on_disk == others  # the file lost the row j reached, and only it


async def test_j_does_not_move_while_a_type_is_asked_for(draft):
    app = make_app(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        while screen.current.kind not in ("person", "org", "place"):
            await press(pilot, "j")
        lit = screen.option_list.highlighted
        await press(pilot, "t", "j")
        assert screen.choosing_type and screen.option_list.highlighted == lit


async def test_the_help_lists_the_review_queue_keys_j_and_k_among_them(draft):
    import re

    from reader.ui.screens.help import HelpScreen

    app = make_app(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        queue = text.split("The review queue (R on a draft)\n")[1]
        assert re.match(r"\s*esc\s+Close\n\s*j\s+Next suggestion\n\s*k\s+Previous suggestion\n\s*a\s+Accept\n\s*x\s+Reject", queue)
