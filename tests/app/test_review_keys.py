"""The review queue's vim keys: j / k move as ↓ / ↑ (as in the results list and the picker), so x rejects the row reached."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.importer.review import suggestions
from reader.load.build import load_article
from reader.load.yamlsource import read_text
from tests.app.test_review_mode import decide_with, open_review
from tests.apphelpers import make_app, press, wait_until
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
        assert re.match(r"\s*esc\s+Close\n\s*j\s+Next suggestion\n\s*k\s+Previous suggestion\n\s*g home\s+First suggestion\n"
                        r"\s*G end\s+Last suggestion\n\s*a\s+Accept\n\s*x\s+Reject", queue)


async def test_the_cursor_stops_at_the_ends_k_on_the_first_row_stays_there(draft):
    app = make_app(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        last = len(screen.items) - 1
        await press(pilot, "k", "up")
        assert screen.option_list.highlighted == 0
        await press(pilot, "G")
        assert screen.option_list.highlighted == last
        await press(pilot, "j", "down")
        assert screen.option_list.highlighted == last
        await press(pilot, "g")
        assert screen.option_list.highlighted == 0
        await press(pilot, "end")
        assert screen.option_list.highlighted == last
        await press(pilot, "home")
        assert screen.option_list.highlighted == 0


async def test_k_k_k_k_x_from_the_second_row_rejects_the_first_not_the_last(draft):
    # the tester's keys: a wrapping cursor made this reject the last row, which nobody had looked at
    app = make_app(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        first, last = screen.items[0], screen.items[-1]
        await press(pilot, "j", "k", "k", "k", "k")
        await decide_with(pilot, screen, "x")
        on_disk = [s.ref for s in suggestions(load_article(draft), read_text(draft))]
        assert first.ref not in on_disk and last.ref in on_disk
        assert f"rejected {first.name} ({first.kind} {first.ref})" in str(screen.query_one("#review-status").render())


async def test_u_undoes_the_last_decision_and_puts_the_cursor_back_on_its_row(draft):
    app = make_app(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        assert not screen.check_action("undo", ())  # nothing to undo yet: the footer does not offer it
        await press(pilot, "j", "j")
        target = screen.current
        await decide_with(pilot, screen, "x")
        assert target.ref not in [s.ref for s in screen.items]
        await decide_with(pilot, screen, "u")
        assert read_text(draft) == DRAFT
        assert screen.current.ref == target.ref and screen.option_list.highlighted == 2
        assert str(screen.query_one("#review-status").render()).startswith(f"undone: rejected {target.name}")
        assert not screen.check_action("undo", ())


async def test_u_refuses_when_the_file_changed_on_disk_since_the_decision(draft):
    app = make_app(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        await decide_with(pilot, screen, "x")
        edited = read_text(draft) + "# edited elsewhere\n"
        draft.write_text(edited, encoding="utf-8")
        await press(pilot, "u")
        await wait_until(pilot, lambda: "nothing undone" in str(screen.query_one("#review-status").render()), "the refusal")
        assert read_text(draft) == edited
