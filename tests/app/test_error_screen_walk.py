"""J / K go on walking the picker's list from the error screen of a broken file reached on the way (and the footer says so)."""

from __future__ import annotations

from pathlib import Path

from reader.ui.screens.error import ErrorScreen
from reader.ui.screens.reading import ReadingScreen
from tests.app.test_picker import library, make, picker_ready, write
from tests.apphelpers import make_app, press, screen_rows, wait_until


def footer(app) -> str:
    return screen_rows(app)[-1]


async def test_J_reaches_a_broken_file_and_J_K_go_on_from_its_error_screen(tmp_path: Path):
    folder = library(tmp_path)  # newest first: alpha, delta, bravo, charlie, then z-broken.yaml
    write(folder, "zz.yaml", id="zulu", title="Zulu", published="2020-01-01")  # oldest: listed after charlie
    (folder / "m-broken.yaml").write_text("id: mike\ntitle: [oops\n", encoding="utf-8")
    app = make(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        order = [row.article_id or row.path.name for row in picker.rows]
        assert order[:5] == ["alpha", "delta", "bravo", "charlie", "zulu"] and set(order[5:]) == {"m-broken.yaml", "z-broken.yaml"}
        await press(pilot, "down", "down", "down", "down", "enter")  # zulu, the last good one
        assert isinstance(app.screen, ReadingScreen) and app.screen.article.id == "zulu"
        await press(pilot, "J")
        assert isinstance(app.screen, ErrorScreen) and Path(app.screen.path).name == order[5]
        assert "J Next article" in footer(app) and "K Previous article" in footer(app)
        await press(pilot, "J")  # from one broken file to the next
        assert isinstance(app.screen, ErrorScreen) and Path(app.screen.path).name == order[6]
        assert picker.current.path.name == order[6]
        assert len(app.screen_stack) == 3  # the picker under it, not a pile of screens
        await press(pilot, "J")  # the last row: said, nothing moves
        assert isinstance(app.screen, ErrorScreen) and Path(app.screen.path).name == order[6]
        await press(pilot, "K", "K")
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen), "the article before the broken files")
        assert app.screen.article.id == "zulu" and picker.current.article_id == "zulu"


async def test_a_file_opened_alone_offers_no_J_K_on_its_error_screen(tmp_path: Path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [oops\n", encoding="utf-8")
    app = make_app(broken)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ErrorScreen), "the error screen")
        await pilot.pause()
        assert not app.screen.in_list
        assert "Next article" not in footer(app)
        await press(pilot, "J")
        assert isinstance(app.screen, ErrorScreen)
