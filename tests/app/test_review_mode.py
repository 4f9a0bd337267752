"""Review mode (issue 14): the queue of a draft's suggestions, and each decision checked on the file on disk."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.importer.review import count_left
from reader.load.build import load_article
from reader.ui.screens.reading import ReadingScreen
from reader.ui.screens.review import ReviewScreen
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.legend import Legend
from tests.apphelpers import BUNDLED, assert_nothing_raw, make_app, press, rewrite, screen_rows, wait_until
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
    await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen), "the article")
    await pilot.press("R")
    await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen.article is not None, "the review queue")
    return app.screen


def reading(app) -> ReadingScreen:
    """The reading screen under the queue."""
    return next(s for s in reversed(app.screen_stack) if isinstance(s, ReadingScreen))


def span_style(app, text: str):
    """The style the article view draws the first span of this text with (None when not on screen)."""
    view = reading(app).query_one(ArticleView)
    for y in range(view.scrollable_content_region.height):
        for segment in view.render_line(y):
            if segment.text == text:
                return segment.style
    return None


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
        assert "accepted Bakary Yaou Sangaré (person bakary)" in "\n".join(screen_rows(app))
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
        assert "accepted 2 suggestions named lundi" in "\n".join(screen_rows(app))
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


async def test_suggestions_are_drawn_faded_and_the_legend_says_so(draft):
    app = make_app(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: span_style(app, "Bakary Yaou Sangaré") is not None, "the article drawn")
        assert span_style(app, "Bakary Yaou Sangaré").dim  # a suggestion
        assert not span_style(app, "BAD").dim  # written by hand
        assert span_style(app, "Bakary Yaou Sangaré").bold  # a person's own style kept under the fading
        assert "▪ faded = suggested (8), R reviews" in screen_rows(app)[1]
        assert reading(app).query_one(Legend).suggested == 8


async def test_a_decision_shows_at_once_in_the_article_under_the_queue(draft):
    app = make_app(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(app, pilot)
        await choose(pilot, screen, "bakary")
        await decide_with(pilot, screen, "a")
        await wait_until(pilot, lambda: not reading(app).article.entities_by_id["bakary"].draft, "the article read again")
        await wait_until(pilot, lambda: span_style(app, "Bakary Yaou Sangaré") is not None, "the article drawn again")
        assert not span_style(app, "Bakary Yaou Sangaré").dim
        assert reading(app).query_one(Legend).suggested == 7
        assert "suggested (7)" in screen_rows(app)[1]  # seen above the queue
        await choose(pilot, screen, "nasser")
        await press(pilot, "t")
        await decide_with(pilot, screen, "l")
        await wait_until(pilot, lambda: reading(app).article.entities_by_id["nasser"].type == "place", "the new type shown")
        await press(pilot, "escape")
        assert isinstance(app.screen, ReadingScreen) and app.screen.query_one(Legend).suggested == 6


async def test_enter_goes_to_the_suggestion(draft):
    app = make_app(draft)
    async with app.run_test(size=(100, 16)) as pilot:
        screen = await open_review(app, pilot)
        await choose(pilot, screen, "fig-trois")
        where = screen.current.location
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen) and app.screen.focus_highlight is not None, "the jump")
        highlight = app.screen.focus_highlight
        assert (highlight.section, highlight.paragraph, highlight.start, highlight.end) == (where.section, where.paragraph, where.start, where.end)
        assert app.screen.query_one(ArticleView).shows(where)


async def test_enter_after_decisions_goes_to_the_suggestion_in_the_article_read_again(draft):
    app = make_app(draft)
    async with app.run_test(size=(100, 16)) as pilot:
        screen = await open_review(app, pilot)
        await decide_with(pilot, screen, "a")
        await choose(pilot, screen, "date-full")
        where = screen.current.location
        await press(pilot, "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen) and app.screen.focus_highlight is not None, "the jump")
        assert app.screen.query_one(ArticleView).shows(where)
        assert not app.screen.article.entities_by_id["maroc"].draft


async def test_r_is_offered_only_while_there_is_something_to_review(draft):
    app = make_app(BUNDLED)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen), "the article")
        assert not app.screen.check_action("review", ())
        await press(pilot, "R")
        assert isinstance(app.screen, ReadingScreen)
        assert app.screen.query_one(Legend).suggested == 0 and "suggested" not in screen_rows(app)[1]
    draft.write_text(re.sub(r"\n    draft: true|, draft: true|draft: true, ", "", DRAFT), encoding="utf-8")
    assert count_left(load_article(draft)) == 0  # every suggestion decided by hand
    app = make_app(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen), "the article")
        await press(pilot, "R")
        assert isinstance(app.screen, ReadingScreen)


async def test_r_leaves_the_footer_once_everything_is_decided(draft):
    app = make_app(draft)
    async with app.run_test(size=(180, 40)) as pilot:  # wide: the footer shows every key, R (last) too
        await wait_until(pilot, lambda: "Search" in screen_rows(app)[-1], "the footer drawn")  # a frame after the text
        assert "R Review" in screen_rows(app)[-1] and app.screen.check_action("review", ())
        screen = await open_review(app, pilot)
        for _ in range(8):
            await decide_with(pilot, screen, "a")
        await press(pilot, "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen) and app.screen.query_one(Legend).suggested == 0, "all decided")
        assert "R Review" not in screen_rows(app)[-1] and not app.screen.check_action("review", ())


@pytest.mark.parametrize(("width", "says"), [
    (120, "■ Person  ■ Org  ■ Place  ■ Date  ■ Figure  ▪ faded = suggested (8), R reviews"),
    (77, "■ Person  ■ Org  ■ Place  ■ Date  ■ Figure  ▪ 8 suggested (R)"),
    (60, "■ Person ■ Org ■ Place ■ Date ■ Figure  ▪ 8 suggested (R)"),
    (50, "■ Pers ■ Org ■ Pl ■ Date ■ Fig  ▪ 8 suggested (R)"),
    (40, "■ P ■ O ■ Pl ■ D ■ F  ▪ 8 suggested (R)"),
    (30, "■ Pers ■ Org ■ Pl ■ Date ■ Fig"),  # too narrow for the note: it goes, the colours keep their names
])
def test_the_legend_says_how_suggestions_are_drawn_as_far_as_it_fits(width, says):
    from reader.ui.widgets.legend import legend

    shown = legend("all", width, suggested=8)
    assert shown.plain == says and shown.cell_length <= width
    assert legend("all", width, suggested=0).plain == legend("all", width).plain


async def test_a_file_broken_since_it_was_opened_shows_its_problem_in_the_queue(draft):
    app = make_app(draft)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen), "the article")
        draft.write_text(DRAFT.replace("aliases: [Maroc]", "aliases: [Maroc"), encoding="utf-8")
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review queue")
        await pilot.pause()
        rows = "\n".join(screen_rows(app))
        assert "Review: the file cannot be read" in rows and "YAML syntax error" in rows
        assert app.screen.items == [] and app.screen.current is None
        await press(pilot, "a", "x")  # nothing at hand: nothing written
        assert "aliases: [Maroc\n" in draft.read_text(encoding="utf-8")
        await press(pilot, "escape")
        assert isinstance(app.screen, ReadingScreen)
