"""How long a search on a big article keeps the screen's thread from drawing: the longest stalls of its event loop.

``python -m tests.benchmarks.search_stalls [--runs N] [--json] [BIG]`` opens the reader headless
(Pilot) on a big article (default: a generated 10 MB one), opens the search bar, waits, types
``c`` and, from that key until the count is shown (and 0.2 s more, the frames that show it),
wakes a probe on the app's event loop every 5 ms: each wake-up later than asked is a stall (the
loop busy drawing a frame or handling a message, or a worker holding the interpreter). Nothing
before the key is counted (start-up, opening the bar). Then the same on the bundled article,
alternately: its stalls are the app's own frames (the search there takes well under a
millisecond), the floor a big article's search is compared with. It prints, as medians over the
runs, each run's longest stall, how many stalls passed 16 and 50 ms, and the time lost past 50 ms
(issue 17: a search never blocks a frame for more than about 16-50 ms); ``--json``: each run's
figures, one JSON object a line (for a driver that alternates two versions of the code).
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import time
from pathlib import Path

from tests.benchmarks.pty_keystroke import big_article, big_article_parser, load_average, settle_time
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
        # asyncio.sleep, not pilot.pause: a pause draws the screen from this task, frames the app would not draw
        while (search.searching or not search.active) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.2)  # the frames that show the outcome
        done = True
        await task
    return late


def figures(run: list[float]) -> dict[str, float]:
    """One run's stalls summed up: the longest, how many passed 16 and 50 ms, the time lost past 50 ms (ms)."""
    return {"longest": 1000 * max(run, default=0.0), "over16": sum(s > 0.016 for s in run), "over50": sum(s > 0.05 for s in run),
            "lost50": 1000 * sum(s - 0.05 for s in run if s > 0.05)}


def main(argv: list[str] | None = None) -> int:
    parser = big_article_parser("tests.benchmarks.search_stalls", __doc__)
    parser.add_argument("--json", action="store_true", help="print each run's figures as JSON lines")
    args = parser.parse_args(argv)
    results: dict[str, list[list[float]]] = {"big": [], "bundled": []}
    with big_article(args.article) as big:
        for _ in range(args.runs):
            for key, path in (("big", big), ("bundled", BUNDLED)):
                results[key].append(asyncio.run(stalls(path)))
                if args.json:
                    print(json.dumps({"article": key, "load": os.getloadavg()[0], **figures(results[key][-1])}), flush=True)
    if args.json:
        return 0
    load = load_average()
    print(f"stalls of the app's loop from a search's first key ('c') to its count, {args.runs} alternating runs "
          f"(load average at the end: {load} on {os.cpu_count()} cores)")
    print("| article | longest stall (median of runs) | range | stalls > 16 ms per run | stalls > 50 ms per run "
          "| time lost past 50 ms per run |")
    print("| --- | --- | --- | --- | --- | --- |")
    for key, label in (("big", big.name), ("bundled", "bundled")):
        runs = [figures(run) for run in results[key]]
        longest = [f["longest"] for f in runs]
        print(f"| {label} | {statistics.median(longest):.0f} ms | {min(longest):.0f}–{max(longest):.0f} ms "
              f"| {statistics.median(f['over16'] for f in runs):g} | {statistics.median(f['over50'] for f in runs):g} "
              f"| {statistics.median(f['lost50'] for f in runs):.0f} ms |")
    return 0


if __name__ == "__main__":
    from tests.benchmarks.command import run_command

    run_command(main)
