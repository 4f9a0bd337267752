"""How long a search on a big article keeps the screen's thread from drawing: the longest stalls of its event loop.

``python -m tests.benchmarks.search_stalls [--runs N] [BIG]`` opens the reader headless (Pilot) on a
big article (default: a generated 10 MB one), opens the search bar, types ``c`` and, until the
count is shown, wakes a probe on the app's event loop every 5 ms: each wake-up later than asked is
a stall (the loop busy, or the worker holding the interpreter). Then the same on the bundled
article, alternately. It prints the medians of each run's longest stall and of its total past
50 ms (issue 17: a search never blocks a frame for more than about 16-50 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.pty_keystroke import settle_time
from tests.paths import BUNDLED

TICK = 0.005


async def stalls(path: Path, letter: str = "c") -> list[float]:
    """Every stall (seconds late) of the app's loop from the key until the search's count is shown."""
    from reader.ui.app import ReaderApp, load_entries

    app = ReaderApp(load_entries([path])[0])
    late: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        await asyncio.sleep(settle_time())  # past the article cache's background write, if the article was just built
        done = False

        async def probe() -> None:
            while not done:
                asked = time.perf_counter()
                await asyncio.sleep(TICK)
                late.append(max(0.0, time.perf_counter() - asked - TICK))

        task = asyncio.create_task(probe())
        await pilot.press(letter)
        search = app.screen.search
        deadline = time.monotonic() + 120
        while (search.searching or not search.active) and time.monotonic() < deadline:
            await pilot.pause(0.05)
        await pilot.pause(0.2)  # the frames that show the outcome
        done = True
        await task
    return late


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.search_stalls", description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path, help="the big article (default: a generated 10 MB one)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    results: dict[str, list[list[float]]] = {"big": [], "bundled": []}
    with tempfile.TemporaryDirectory(prefix="reader-stalls-") as folder:
        big = args.article
        if big is None:
            from tests.benchmarks.generate import SIZES, write

            big = write(SIZES["10 MB"], Path(folder))
        for _ in range(args.runs):
            results["big"].append(asyncio.run(stalls(big)))
            results["bundled"].append(asyncio.run(stalls(BUNDLED)))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"stalls of the app's loop from a search's first key ('c') to its count, {args.runs} alternating runs "
          f"(load average at the end: {load} on {os.cpu_count()} cores)")
    print("| article | longest stall (median of runs) | range | time lost past 50 ms per run (median) |")
    print("| --- | --- | --- | --- |")
    for key, label in (("big", big.name), ("bundled", "bundled")):
        longest = [max(run, default=0.0) for run in results[key]]
        lost = [sum(s - 0.05 for s in run if s > 0.05) for run in results[key]]
        print(f"| {label} | {1000 * statistics.median(longest):.0f} ms | {1000 * min(longest):.0f}–{1000 * max(longest):.0f} ms "
              f"| {1000 * statistics.median(lost):.0f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
