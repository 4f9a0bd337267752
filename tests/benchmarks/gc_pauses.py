"""What the garbage collector costs the app with a big article open, and what closed reading screens leave in memory.

``python -m tests.benchmarks.gc_pauses [--json] [BIG]`` runs the reader headless (Pilot) on a library
of a big article (default: a generated 10 MB one) and 21 small ones, and:

- records every collection the interpreter runs by itself (``gc.callbacks``) while the big article is
  opened from the picker, searched ('coopération', to its count) and read (pages down, G, g): the
  longest is the worst pause the collector caused;
- then times a full collection (``gc.collect()``) with it open: what the next automatic full one
  costs; and counts the objects the collector walks (tracked, not frozen);
- then goes back to the picker (q): whether the big article's screen is freed (within 10 s), and
  the longest collection meanwhile;
- then opens the oldest small article and presses J twenty times, and stays idle three seconds: the
  longest collection during the J's and while idle, the twenty screens left still alive after a
  collection, and the resident memory.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import re
import statistics
import tempfile
import time
import weakref
from collections import Counter
from pathlib import Path

from tests.benchmarks.pty_keystroke import big_article, big_article_parser, load_average
from tests.paths import BUNDLED

SMALL = 21
"""Small articles in the library: the first one and twenty J's."""


def library(folder: Path, big: Path) -> Path:
    """The big article (the newest: first in the picker) and SMALL copies of the bundled one, older."""
    folder.mkdir(parents=True, exist_ok=True)
    text = big.read_text(encoding="utf-8")
    (folder / "big.yaml").write_text(re.sub(r'(?m)^published: .*$', 'published: "2030-01-01"', text, count=1), encoding="utf-8")
    bundled = BUNDLED.read_text(encoding="utf-8")
    for n in range(SMALL):
        copy = re.sub(r"(?m)^id: .*$", f"id: small-{n:02d}", bundled, count=1)
        copy = re.sub(r'(?m)^published: .*$', f'published: "2020-01-{n + 1:02d}"', copy, count=1)
        (folder / f"small-{n:02d}.yaml").write_text(copy, encoding="utf-8")
    return folder


def rss_mb() -> float:
    """This process's resident memory now (VmRSS), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def wait(pilot, predicate, what: str, timeout: float = 300.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} never happened")
        await pilot.pause(0.02)


async def session(folder: Path) -> dict:
    """One run: the figures of the module's docstring."""
    from reader.ui.app import ReaderApp
    from reader.ui.screens.picker import PickerScreen
    from reader.ui.screens.reading import ReadingScreen

    pauses: list[tuple[int, float]] = []
    started: list[float] = []

    def record(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(time.perf_counter())
        elif started:
            pauses.append((info["generation"], time.perf_counter() - started.pop()))

    out: dict = {}
    app = ReaderApp([], library=[folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await wait(pilot, lambda: isinstance(app.screen, PickerScreen) and app.screen.ready and app.screen.refreshes > 0, "the picker")
        picker = app.screen
        await pilot.pause()
        gc.callbacks.append(record)
        try:
            picker.move_to(folder / "big.yaml")
            opened = time.perf_counter()
            await pilot.press("enter")
            await wait(pilot, lambda: isinstance(app.screen, ReadingScreen) and app.screen.is_mounted, "the big article")
            await pilot.pause()
            out["open s"] = time.perf_counter() - opened
            await pilot.press("slash")
            await pilot.press(*"coopération")
            search = app.screen.search
            await pilot.pause(0.5)
            await wait(pilot, lambda: not search.searching and search.active, "the search's count")
            await pilot.press("escape")
            app.screen.view.focus()
            for _ in range(30):
                await pilot.press("pagedown")
            await pilot.press("G", "g")
            await pilot.pause(0.5)
        finally:
            gc.callbacks.remove(record)
        out["collections 0/1/2"] = [sum(1 for g, _ in pauses if g == k) for k in range(3)]
        out["worst ms 0/1/2"] = [round(max((s for g, s in pauses if g == k), default=0.0) * 1000, 1) for k in range(3)]
        out["full ones ms"] = [round(s * 1000, 1) for g, s in pauses if g == 2]
        out["tracked"] = sum(len(gc.get_objects(g)) for g in range(3))
        out["frozen"] = gc.get_freeze_count()
        kinds = Counter(type(o).__name__ for g in range(3) for o in gc.get_objects(g))
        out["most walked"] = kinds.most_common(8)
        full = []
        for _ in range(3):
            t = time.perf_counter()
            gc.collect()
            full.append(time.perf_counter() - t)
        out["full collect ms"] = round(statistics.median(full) * 1000, 1)
        # back to the picker: the big article's screen, frozen by its search, goes (at once, or when idle)
        big_screen = weakref.ref(app.screen)
        pauses.clear()
        gc.callbacks.append(record)
        try:
            await pilot.press("q")
            await wait(pilot, lambda: app.screen is picker, "back to the picker")
            left = time.perf_counter()
            deadline = time.monotonic() + 10
            while big_screen() is not None and time.monotonic() < deadline:
                await pilot.pause(0.1)
            out["big screen freed after q s"] = round(time.perf_counter() - left, 1) if big_screen() is None else None
            out["worst pause after q ms"] = round(max((s for _, s in pauses), default=0.0) * 1000, 1)
        finally:
            gc.callbacks.remove(record)
        # twenty J's through small articles, from the oldest
        picker.move_to(folder / f"small-{SMALL - 1:02d}.yaml")
        await pilot.press("enter")
        screens: list[weakref.ref] = []
        await wait(pilot, lambda: isinstance(app.screen, ReadingScreen) and app.screen.is_mounted, "the first small article")
        gc.collect()
        out["rss before J MB"] = round(rss_mb(), 1)
        pauses.clear()
        gc.callbacks.append(record)
        try:
            for _ in range(20):
                screens.append(weakref.ref(app.screen))
                await pilot.press("J")
                await wait(pilot, lambda: isinstance(app.screen, ReadingScreen) and app.screen is not screens[-1]()
                           and app.screen.is_mounted, "the next article")
            out["worst pause in the Js ms"] = round(max((s for _, s in pauses), default=0.0) * 1000, 1)
            pauses.clear()
            await pilot.pause(getattr(app, "reclaim_idle", 2.0) + 1)  # a reader reading: the app idle
        finally:
            gc.callbacks.remove(record)
        out["worst pause when idle after ms"] = round(max((s for _, s in pauses), default=0.0) * 1000, 1)
        gc.collect()
        out["screens alive after 20 J"] = sum(1 for ref in screens if ref() is not None)
        out["rss after 20 J MB"] = round(rss_mb(), 1)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = big_article_parser("tests.benchmarks.gc_pauses", __doc__, runs=False)
    parser.add_argument("--json", action="store_true", help="print one run's figures as JSON (for comparing versions)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="reader-gc-") as folder:
        os.environ["XDG_CACHE_HOME"] = str(Path(folder) / "cache")
        os.environ["XDG_STATE_HOME"] = str(Path(folder) / "state")
        os.environ["XDG_CONFIG_HOME"] = str(Path(folder) / "config")
        with big_article(args.article) as big:
            out = asyncio.run(session(library(Path(folder) / "library", big)))
    if args.json:
        print(json.dumps(out))
        return 0
    load = load_average()
    print(f"garbage collector with a big article open (load average {load} on {os.cpu_count()} cores)")
    print("| collections while opening, searching, reading it (gen 0/1/2) | worst | a full collection then | objects walked "
          "| frozen | its screen freed after q | worst pause after q | worst pause in 20 J's | then idle 3 s "
          "| screens alive after them | resident memory before / after them |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    counts = "/".join(str(n) for n in out["collections 0/1/2"])
    freed = "no" if out["big screen freed after q s"] is None else f"in {out['big screen freed after q s']} s"
    print(f"| {counts} | {max(out['worst ms 0/1/2'])} ms | {out['full collect ms']} ms | {out['tracked']} | {out['frozen']} "
          f"| {freed} | {out['worst pause after q ms']} ms | {out['worst pause in the Js ms']} ms "
          f"| {out['worst pause when idle after ms']} ms | {out['screens alive after 20 J']} "
          f"| {out['rss before J MB']} / {out['rss after 20 J MB']} MB |")
    return 0


if __name__ == "__main__":
    from tests.benchmarks.command import run_command

    run_command(main)
