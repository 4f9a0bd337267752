"""Closed screens are freed: an article left with J, q or ctrl+o does not stay in memory (Pilot)."""

from __future__ import annotations

import gc
import weakref

from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from tests.app.test_picker import picker_ready, write
from tests.apphelpers import press, wait_until


def articles(folder, count: int = 5):
    """A library of small valid articles, opened in this order by J (newest first)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        write(folder, f"a{n}.yaml", id=f"article-{n}", title=f"Article {n}", published=f"2025-06-{20 - n:02d}")
    return folder


def alive(refs: list[weakref.ref]) -> list[str]:
    """The screens still alive after a full collection (by article id): what the app failed to free."""
    gc.collect()
    return [screen.article.id for screen in (ref() for ref in refs) if screen is not None]


async def freed(pilot, refs: list[weakref.ref]) -> None:
    """Wait until every screen of refs is freed (once Textual has finished closing it, nothing may hold it)."""
    try:
        await wait_until(pilot, lambda: not alive(refs), "the closed reading screens freed", timeout=10.0)
    except AssertionError as error:
        raise AssertionError(f"{error}: still alive after a collection: {alive(refs)}") from None


async def next_screen(pilot, before) -> ReadingScreen:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReadingScreen) and pilot.app.screen is not before
                     and pilot.app.screen.is_mounted, "the next reading screen")
    await pilot.pause()
    return pilot.app.screen


async def test_articles_left_with_J_are_freed(tmp_path):
    app = ReaderApp([], library=[articles(tmp_path / "lib")])
    left: list[weakref.ref] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await picker_ready(pilot)
        await press(pilot, "enter")
        screen = await next_screen(pilot, None)
        for _ in range(3):
            left.append(weakref.ref(screen))
            await press(pilot, "J")
            screen = await next_screen(pilot, screen)
        assert screen.article.id == "article-3" and len(left) == 3
        del screen
        await freed(pilot, left)


async def test_articles_left_with_q_and_reopened_are_freed(tmp_path):
    app = ReaderApp([], library=[articles(tmp_path / "lib")])
    left: list[weakref.ref] = []
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        for row in (0, 1, 0, 2):  # the same article twice: a second screen of it, the first one gone
            picker.move_to(picker.rows[row].path)
            await press(pilot, "enter")
            screen = await next_screen(pilot, None)
            left.append(weakref.ref(screen))
            del screen
            await press(pilot, "q")
            await wait_until(pilot, lambda: app.screen is picker, "back to the picker")
        await press(pilot, "enter")
        assert isinstance(app.screen, ReadingScreen)
        await freed(pilot, left)


async def test_articles_left_with_ctrl_o_are_freed(tmp_path):
    folder = articles(tmp_path / "lib")
    app = ReaderApp([], library=[folder])
    left: list[weakref.ref] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await picker_ready(pilot)
        await press(pilot, "enter")
        first = await next_screen(pilot, None)
        screen = first
        for n in (1, 2, 3):  # each opened over the one before (as a search match in another article is)
            other = app.read_path(folder / f"a{n}.yaml").article
            screen.open_other_article(other, screen.search_bar_carry())
            screen = await next_screen(pilot, screen)
            left.append(weakref.ref(screen))
        del screen
        for _ in range(3):
            await press(pilot, "ctrl+o")
        await wait_until(pilot, lambda: app.screen is first, "back to the first article")
        await freed(pilot, left)
