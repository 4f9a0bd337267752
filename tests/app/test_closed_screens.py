"""Closed screens are freed: an article left with J, q or ctrl+o does not stay in memory (Pilot).

Every load freezes what lives (reader.load.bulk), the screen on show among it: a closed one is freed
once the app has been idle a moment (reader.ui.reclaim); a collection alone never would."""

from __future__ import annotations

import asyncio
import contextvars
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


class OwnTasks:
    """The test's Pilot, each of whose calls runs in a task of its own, in a copy of the context the test began in.

    Textual keeps the screens it last drew behind the top one in the context of the task that drew them (a
    variable of its own: Pilot's pause draws in the test's task), and each Pilot call leaves in asyncio's
    timer heap a cancelled 30 s timeout of its own holding a copy of that context: run in one task, the test
    kept every reading screen it had seen under another (ctrl+o's) alive until asyncio swept its heap, and
    the app's idle reclaims of them failed meanwhile (retried with a growing wait). Each call in a fresh
    copy, nothing the test drew outlives the call, as in the real app, where no Pilot waits."""

    def __init__(self, pilot) -> None:
        self.pilot = pilot
        self.app = pilot.app
        self.context = contextvars.copy_context()

    async def press(self, *keys: str) -> None:
        await asyncio.create_task(self.pilot.press(*keys), context=self.context.copy())

    async def pause(self, delay: float | None = None) -> None:
        await asyncio.create_task(self.pilot.pause(delay), context=self.context.copy())


async def freed(pilot, refs: list[weakref.ref]) -> None:
    """Wait until every screen of refs is freed (once Textual has finished closing it, nothing may hold it)."""
    try:
        await wait_until(pilot, lambda: not alive(refs), "the closed reading screens freed", timeout=10.0)
    except AssertionError as error:
        raise AssertionError(f"{error}: still alive after a collection: {alive(refs)}") from None


async def next_screen(pilot, before: weakref.ref | None) -> ReadingScreen:
    """The next reading screen, once mounted (the one before is not held meanwhile: a test must not keep it alive)."""
    def shown() -> bool:
        screen = pilot.app.screen
        return isinstance(screen, ReadingScreen) and (before is None or screen is not before()) and screen.is_mounted

    await wait_until(pilot, shown, "the next reading screen")
    await pilot.pause()
    return pilot.app.screen


def make(folder) -> ReaderApp:
    """The app on a library, freeing closed screens after 0.2 s without a key (not 2 s: the test waits less)."""
    app = ReaderApp([], library=[folder])
    app.reclaim_idle = 0.2
    return app


async def J_three_times(pilot, left: list[weakref.ref]) -> None:
    """Open the first article, then J three times; the screens left, in left."""
    import reader.load.bulk as bulk

    await picker_ready(pilot)
    await press(pilot, "enter")
    left.append(weakref.ref(await next_screen(pilot, None)))
    for _ in range(3):
        freezes = bulk.freezes()
        await press(pilot, "J")
        left.append(weakref.ref(await next_screen(pilot, left[-1])))
        assert bulk.freezes() > freezes  # the load froze what lived, the screen it left among it
    assert pilot.app.screen.article.id == "article-3"
    del left[-1]  # the one on show


async def test_articles_left_with_J_are_freed(tmp_path):
    app = make(articles(tmp_path / "lib"))
    left: list[weakref.ref] = []
    async with app.run_test(size=(100, 30)) as driver:
        pilot = OwnTasks(driver)
        await J_three_times(pilot, left)
        await freed(pilot, left)


async def test_articles_left_with_q_and_reopened_are_freed(tmp_path):
    app = make(articles(tmp_path / "lib"))
    left: list[weakref.ref] = []

    async def moves() -> None:
        picker = await picker_ready(pilot)
        for row in (0, 1, 0, 2):  # the same article twice: a second screen of it, the first one gone
            picker.move_to(picker.rows[row].path)
            await press(pilot, "enter")
            left.append(weakref.ref(await next_screen(pilot, None)))
            await press(pilot, "q")
            await wait_until(pilot, lambda: app.screen is picker, "back to the picker")
        await press(pilot, "enter")
        assert isinstance(app.screen, ReadingScreen)

    async with app.run_test(size=(100, 30)) as driver:
        pilot = OwnTasks(driver)
        await moves()
        await freed(pilot, left)


async def test_articles_left_with_ctrl_o_are_freed(tmp_path):
    folder = articles(tmp_path / "lib")
    app = make(folder)
    left: list[weakref.ref] = []

    async def moves() -> None:
        await picker_ready(pilot)
        await press(pilot, "enter")
        first = await next_screen(pilot, None)
        below = weakref.ref(first)
        for n in (1, 2, 3):  # each opened over the one before (as a search match in another article is)
            other = app.read_path(folder / f"a{n}.yaml").article
            app.screen.open_other_article(other, app.screen.search_bar_carry())
            left.append(weakref.ref(await next_screen(pilot, below)))
            below = left[-1]
        for _ in range(3):
            await press(pilot, "ctrl+o")
        await wait_until(pilot, lambda: app.screen is first, "back to the first article")

    async with app.run_test(size=(100, 30)) as driver:
        pilot = OwnTasks(driver)
        await moves()
        await freed(pilot, left)

