"""Review mode (issue 14): the queue of a draft's suggestions, and each decision checked on the file on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli.main import main
from reader.load.build import load_article
from reader.ui.screens.review import ReviewScreen
from tests.apphelpers import assert_nothing_raw, make_app, press, rewrite, screen_rows, wait_until
from tests.unit.test_review import DRAFT


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.yaml"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def check(path: Path, capsys) -> str:
    """What `reader check` prints for the file; it must pass."""
    capsys.readouterr()
    status = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert status == 0, out + err
    return out


async def open_review(app, pilot) -> ReviewScreen:
    """The review queue, opened as the reader opens it (R on the reading screen)."""
    await pilot.pause()
    app.push_screen(ReviewScreen(Path(app.screen.article.path)))
    await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.article is not None, "the review queue")
    return app.screen


async def choose(pilot, screen: ReviewScreen, ref: str) -> None:
    """Move the queue's cursor down to a suggestion, as a person would."""
    while screen.current.ref != ref:
        index = screen.option_list.highlighted
        await press(pilot, "down")
        assert screen.option_list.highlighted != index, f"{ref} is not in the queue"


async def decide_with(pilot, screen: ReviewScreen, *keys: str) -> None:
    done = screen.decisions
    await pilot.press(*keys)
    await wait_until(pilot, lambda: screen.decisions > done, f"the decision of {keys}")


async def test_the_queue_lists_every_suggestion_least_sure_first_with_its_snippet(draft, capsys):
    assert check(draft, capsys).rstrip().endswith("; 8 suggestions to review")
    app = make_app(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        assert [s.ref for s in screen.items] == ["maroc", "bakary", "nasser", "accord-1", "date-lundi", "fig-trois", "date-full", "niger"]
        assert screen.option_list.option_count == 8
        rows = "\n".join(screen_rows(app))
        assert "8 suggestions, least sure first" in rows
        assert "0.40 person Bakary Yaou Sangaré" in rows and "Nasser Bourita ont paraphé" in rows
        assert_nothing_raw(app)


async def test_accept_writes_the_file_which_passes_check(draft, capsys):
    app = make_app(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        await choose(pilot, screen, "bakary")
        await decide_with(pilot, screen, "a")
        on_disk = load_article(draft)
        assert not on_disk.entities_by_id["bakary"].draft
        assert "bakary" not in [s.ref for s in screen.items] and len(screen.items) == 7
        assert screen.current.ref == "nasser"  # the cursor goes on to the next one
        assert "accepted bakary" in "\n".join(screen_rows(app))
    assert "; 7 suggestions to review" in check(draft, capsys)


async def test_reject_writes_the_file_which_passes_check(draft, capsys):
    app = make_app(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        await choose(pilot, screen, "date-lundi")
        await decide_with(pilot, screen, "x")
        text = draft.read_text(encoding="utf-8")
        assert "date-lundi" not in text
        assert "  # a hand comment, single quotes" in text
        assert [d.id for d in load_article(draft).dates] == ["date-full"]
    assert "; 7 suggestions to review" in check(draft, capsys)


async def test_retype_asks_the_type_and_writes_it(draft, capsys):
    app = make_app(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        await choose(pilot, screen, "nasser")
        await press(pilot, "t")
        assert screen.choosing_type
        assert "Nasser Bourita is a…  o org  l place" in "\n".join(screen_rows(app))
        await decide_with(pilot, screen, "o")
        entity = load_article(draft).entities_by_id["nasser"]
        assert (entity.type, entity.draft) == ("org", False)
        assert not screen.choosing_type
    assert "; 7 suggestions to review" in check(draft, capsys)


async def test_retype_can_be_given_up_and_is_only_for_entities(draft):
    app = make_app(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        await choose(pilot, screen, "nasser")
        await press(pilot, "t", "escape")
        assert not screen.choosing_type and isinstance(app.screen, ReviewScreen)
        await press(pilot, "o")  # not a key of the queue once the question is gone
        await choose(pilot, screen, "accord-1")
        await press(pilot, "t")
        assert not screen.choosing_type
        assert "Only a person, an organisation or a place has a type (this is an accord)." in "\n".join(screen_rows(app))
        assert screen.decisions == 0
    assert draft.read_text(encoding="utf-8") == DRAFT


async def test_accept_all_of_a_name(draft, capsys):
    text = DRAFT.replace("à Niamey, le 14 mars 2025.", "à Niamey, le 14 mars 2025, et lundi encore.").replace(
        '  - {id: date-lundi, quote: lundi, value',
        '  - {id: date-lundi-2, quote: lundi, occurrence: 2, value: "2025-03-10", about: "encore", draft: true}\n'
        '  - {id: date-lundi, quote: lundi, occurrence: 1, value')
    draft.write_text(text, encoding="utf-8")
    app = make_app(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        await choose(pilot, screen, "date-lundi")
        await decide_with(pilot, screen, "A")
        assert {d.id: d.draft for d in load_article(draft).dates} == {"date-lundi-2": False, "date-lundi": False, "date-full": True}
        assert "accepted 2 suggestions of that name" in "\n".join(screen_rows(app))
    assert "; 7 suggestions to review" in check(draft, capsys)


async def test_a_file_changed_meanwhile_is_not_written_over(draft):
    app = make_app(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        edited = DRAFT.replace("a hand comment", "a comment written in an editor meanwhile")
        rewrite(draft, edited)
        await press(pilot, "a")
        assert draft.read_text(encoding="utf-8") == edited
        assert screen.decisions == 0
        assert "changed on disk since it was opened" in "\n".join(screen_rows(app))


async def test_a_decision_that_would_break_the_file_is_refused_on_screen(draft):
    draft.write_text(DRAFT.replace("parties: [niger, maroc]", "parties: [niger]"), encoding="utf-8")
    before = draft.read_text(encoding="utf-8")
    app = make_app(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        await choose(pilot, screen, "niger")
        await press(pilot, "x")
        assert draft.read_text(encoding="utf-8") == before and screen.decisions == 0
        assert "reject niger: it is the only party of accord-1" in "\n".join(screen_rows(app))
        assert "niger" in [s.ref for s in screen.items]


async def test_the_queue_empties_and_says_so(draft, capsys):
    app = make_app(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        for _ in range(8):
            await decide_with(pilot, screen, "a")
        assert screen.items == []
        assert "nothing left to review" in "\n".join(screen_rows(app))
        await press(pilot, "a")  # nothing at hand: nothing happens
        assert screen.decisions == 8
    out = check(draft, capsys)
    text = draft.read_text(encoding="utf-8")
    assert "suggestions to review" not in out and "    draft: true" not in text and "draft: true}" not in text
