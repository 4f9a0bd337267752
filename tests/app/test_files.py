"""Pilot tests: several articles, broken files, remembered positions, hostile text, every size."""

from __future__ import annotations

import json

from reader.ui.screens.error import ErrorScreen
from reader.ui.screens.picker import PickerScreen
from reader.ui.screens.reading import ReadingScreen
from reader.settings.state import Position, State, load_state
from tests.app.test_picker import picker_ready
from tests.apphelpers import BUNDLED, make_app, notices, press, small_article, view_lines


async def test_picker_lists_articles_and_broken_files(tmp_path):
    small_article(tmp_path / "a.yaml", ["Alice reads."])
    (tmp_path / "b.yaml").write_text("id: [oops\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        # newest first, broken files last
        assert [row.article_id if row.loaded else None for row in picker.rows] == ["mali-russie-accords-2025-06-23", "small", None]
        await press(pilot, "down", "down", "enter")
        assert isinstance(app.screen, ErrorScreen)
        text = str(app.screen.query_one("#error-text").render())
        assert "b.yaml could not be opened" in text and "2:1" in text and "YAML syntax error" in text
        await press(pilot, "escape")
        assert isinstance(app.screen, PickerScreen)
        await press(pilot, "up", "enter")
        assert isinstance(app.screen, ReadingScreen) and app.screen.article.id == "small"


async def test_single_broken_article_shows_error_screen_and_quits_cleanly(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitel: y\n", encoding="utf-8")
    app = make_app(bad)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        text = str(app.screen.query_one("#error-text").render())
        assert "2:1" in text and "did you mean 'title'" in text
        await press(pilot, "escape")
    assert app.return_value == 1


async def test_position_is_restored_and_saved(tmp_path):
    state = State(tmp_path / "state.json", positions={"mali-russie-accords-2025-06-23": Position("cadre", 0, 0)})
    app = make_app(state=state)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert screen.article.sections[screen.view.top_location.section].id == "cadre"
        await press(pilot, "G")
        await pilot.press("q")
    assert state.positions["mali-russie-accords-2025-06-23"].section not in ("lede", "cadre")
    assert state.save() is None
    saved = json.loads((tmp_path / "state.json").read_text(encoding="utf-8"))
    assert saved["positions"]["mali-russie-accords-2025-06-23"]["section"] == state.positions["mali-russie-accords-2025-06-23"].section


def test_corrupt_state_is_reported_and_left_untouched(tmp_path):
    path = tmp_path / "state.json"
    path.write_text('{"positions": {', encoding="utf-8")
    state, problem = load_state(path)
    assert problem is not None and problem.line == 1 and "left untouched" in problem.message
    state.positions["x"] = Position("s")
    assert state.save() is None
    assert path.read_text(encoding="utf-8") == '{"positions": {'


async def test_corrupt_state_notice_in_app(tmp_path):
    path = tmp_path / "state.json"
    path.write_text("not json", encoding="utf-8")
    state, problem = load_state(path)
    app = make_app(state=state, notices=[str(problem)])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert any("left untouched" in m for m in notices(app))


async def test_text_is_shown_literally(tmp_path):
    text = "Alice said [AP] [bold]loud[/] $accent \x1b[31mred\x1b[0m and \x07 bell \u202eevil."
    path = small_article(tmp_path / "lit.yaml", [text])
    app = make_app(path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        shown = "\n".join(view_lines(app))
        assert "[AP] [bold]loud[/] $accent" in shown
        assert "\\x1b[31mred\\x1b[0m" in shown and "\\x07 bell" in shown and "\\u202eevil" in shown
        assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
        assert "Small [AP] article" in app.screen.title


async def test_alice_highlight_aligns_after_escapes(tmp_path):
    path = small_article(tmp_path / "esc.yaml", ["\x1b\x1b Alice"])
    app = make_app(path)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        view = app.screen.view
        texts = [seg.text for y in range(10) for seg in view.render_line(y) if seg.style and seg.style.bold and not seg.text.isspace()]
        assert "Alice" in texts


async def test_every_size_renders_without_error():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        for size in [(20, 6), (30, 8), (80, 24), (300, 100), (45, 12), (100, 30), (20, 6)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await press(pilot, "2", "j", "i", "i")
        assert isinstance(app.screen, ReadingScreen)


async def test_reflow_keeps_reading_position():
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await press(pilot, "3", "j", "j")
        before = app.screen.view.top_location
        await pilot.resize_terminal(70, 30)
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        after = screen.view.top_location
        assert screen.article.sections[after.section].id == "cadre"
        assert (after.paragraph, after.start) <= (before.paragraph, before.start)
        assert before.start - after.start < 70  # the same line of text, re-flowed
        assert screen.view.scroll_y > 0


async def test_narrow_terminal_hides_sidebar_until_asked():
    app = make_app()
    async with app.run_test(size=(50, 20)) as pilot:
        await pilot.pause()
        sidebar = app.screen.query_one("#sidebar")
        assert not sidebar.display
        await press(pilot, "s")
        assert sidebar.display
        await press(pilot, "s")
        assert not sidebar.display


async def test_ten_thousand_sections_open_and_scroll(tmp_path):
    path = small_article(tmp_path / "big.yaml", ["Alice walks. " * 12], sections=10_000)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await press(pilot, "G")
        screen = app.screen
        assert screen.view.top_location.section >= 9_990
        status = str(screen.query_one("#status").render())
        assert "§ 10000/10000" in status and "100%" in status  # G: the last section is the one read
        await press(pilot, "g", "space", "space")
        assert screen.view.scroll_y == 2 * screen.view.scrollable_content_region.height
