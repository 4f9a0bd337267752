"""The measurements: fresh processes (start-up, first frame, memory), loading, frames, search."""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "articles" / "mali-russie-accords-2025-06-23.yaml"


@dataclass
class Row:
    """One line of the table: a figure, what it is compared with, and its goal."""

    what: str
    article: str
    value: float
    unit: str
    floor: float | None = None
    """The other side of a ratio, measured in the same rounds."""
    ratio: float | None = None
    goal: str = ""
    met: bool | None = None


def median(values: list[float]) -> float:
    return statistics.median(values)


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "ms":
        return f"{value * 1000:.3g} ms" if value < 0.01 else f"{value * 1000:.0f} ms"
    if unit == "MB":
        return f"{value / 1e6:.1f} MB"
    return f"{value:.2f}{unit}"


def table(rows: list[Row]) -> str:
    """A Markdown table of the rows."""
    lines = ["| measure | article | median | floor | ratio | goal | met |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        met = "" if r.met is None else ("yes" if r.met else "**no**")
        ratio = "" if r.ratio is None else f"{r.ratio:.2f}"
        lines.append(f"| {r.what} | {r.article} | {_fmt(r.value, r.unit)} | {_fmt(r.floor, r.unit)} | {ratio} | {r.goal} | {met} |")
    return "\n".join(lines)


# fresh processes --------------------------------------------------------------------------------

def _first_frame(args: list[str], env: dict[str, str]) -> dict:
    """Start a fresh interpreter running one app to its first frame; its report."""
    env = dict(env, BENCH_T0=repr(time.time()))
    done = subprocess.run([sys.executable, "-m", "tests.benchmarks.firstframe", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"first-frame harness failed for {args}: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _compile_bytecode() -> None:
    """Compile the reader's modules as `pip install` does, so that both apps start from bytecode.

    Textual is installed, hence compiled; the reader under test may be a checkout whose
    bytecode is stale or was never written (PYTHONDONTWRITEBYTECODE), which would charge
    every run a recompilation no installed reader pays.
    """
    import compileall

    import reader

    compileall.compile_dir(Path(reader.__file__).parent, quiet=1)


def fresh_processes(files: dict[str, Path], big: str, runs: int, env: dict[str, str]) -> list[Row]:
    """Start-up (bundled vs minimal app), first frame per size, peak memory with the biggest.

    Each round starts every process once, in turn, so all sides share the same noise.
    Time is wall clock from just before the parent starts the process to the first paint.
    """
    _compile_bytecode()
    sides = {"minimal": ["minimal"], "bundled": ["reader", str(BUNDLED)], **{label: ["reader", str(path)] for label, path in files.items()}}
    frames: dict[str, list[float]] = {k: [] for k in sides}
    peaks: dict[str, list[float]] = {k: [] for k in sides}
    for _ in range(runs):
        for key, args in sides.items():
            report = _first_frame(args, env)
            frames[key].append(report["first_frame"])
            peaks[key].append(report["peak_rss"])
    minimal = median(frames["minimal"])
    bundled = median(frames["bundled"])
    ratio = bundled / minimal
    rows = [Row("start-up to first frame (fresh process)", "bundled vs minimal app", bundled, "ms", minimal, ratio, "≤ 1.25", ratio <= 1.25)]
    for label in files:
        value = median(frames[label])
        rows.append(Row("first frame (fresh process)", label, value, "ms", minimal, value / minimal))
    size = files[big].stat().st_size
    extra = median(peaks[big]) - median(peaks["minimal"])
    per_byte = extra / size
    rows.append(Row("peak memory (VmHWM) − minimal app's", big, extra, "MB", median(peaks["minimal"]), None, "≤ 10 × file", per_byte <= 10))
    rows.append(Row("  … per byte of article", big, per_byte, "×", None, None, "≤ 10", per_byte <= 10))
    return rows


# loading ----------------------------------------------------------------------------------------

def _timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def loading(files: dict[str, Path], runs: int) -> list[Row]:
    """load_article (read, parse, validate, annotate) against libyaml's bare safe parse of the text;
    for the largest, also a first opening (the cache entry is written in the background, as the
    app's is, and timed on its own, hurried) and a second that uses the entry."""
    import shutil
    import tempfile

    from reader.load.build import load_article
    from reader.load.cache import ArticleCache

    rows = []
    per_byte = []
    for label, path in files.items():
        last = label == list(files)[-1]
        loads, parses, firsts, writes, seconds = [], [], [], [], []
        for _ in range(runs):
            loads.append(_timed(lambda: load_article(path)))
            text = path.read_text(encoding="utf-8")
            parses.append(_timed(lambda: yaml.load(text, Loader=yaml.CSafeLoader)))
            if last:
                folder = Path(tempfile.mkdtemp(prefix="reader-cache-"))
                try:
                    cache = ArticleCache(folder, min_bytes=0, later=True)
                    firsts.append(_timed(lambda: load_article(path, cache=cache)))
                    writes.append(_timed(cache.wait))
                    seconds.append(_timed(lambda: load_article(path, cache=cache)))
                finally:
                    shutil.rmtree(folder, ignore_errors=True)
        value, floor = median(loads), median(parses)
        ratio = value / floor
        rows.append(Row("load (parse, validate, annotate)", label, value, "ms", floor, ratio))
        if last:
            first, second = median(firsts), median(seconds)
            rows.append(Row("open, first time (load; the cache filled after)", label, first, "ms", floor, first / floor, "≤ 2 × bare parse", first / floor <= 2))
            write = median(writes)
            rows.append(Row("  … its cache entry, written in the background", label, write, "ms", floor, write / floor))
            rows.append(Row("open, second time (from the cache)", label, second, "ms", floor, second / floor, "≤ 1.5 × bare parse", second / floor <= 1.5))
        per_byte.append((label, value / path.stat().st_size))
    if len(per_byte) > 1:
        growth = per_byte[-1][1] / per_byte[0][1]
        rows.append(Row("load time per byte, largest ÷ smallest", f"{per_byte[-1][0]} vs {per_byte[0][0]}", growth, "×", None, None, "≤ ~1 (linear)", growth <= 1.2))
    return rows


# frames -----------------------------------------------------------------------------------------

async def _frame_times(entries: list, rounds: int) -> dict[str, list[float]]:
    """Open the app on one article and time each action plus rendering every visible row."""
    from reader.ui.app import ReaderApp
    from tests.benchmarks.firstframe import SIZE

    app = ReaderApp(entries)
    times: dict[str, list[float]] = {"G (end)": [], "last accord": [], "page down": []}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        view = screen.view
        last = screen.article.numbered_accords[-1]
        actions = {
            "G (end)": view.action_bottom,
            "last accord": lambda: screen.jump_to_accord(last),
            "page down": lambda: view.scroll_to(y=view.scroll_y + view.scrollable_content_region.height, animate=False, immediate=True),
        }
        for _ in range(rounds):
            for name, action in actions.items():
                view.scroll_to(y=len(view.layout_rows) // 3, animate=False, immediate=True)
                await pilot.pause()
                view._cache.clear()  # a fresh screen, not strips cached by an earlier round
                start = time.perf_counter()
                action()
                for y in range(view.scrollable_content_region.height):
                    view.render_line(y)
                times[name].append(time.perf_counter() - start)
                await pilot.pause()  # let the screen catch up (status, sidebar) outside the timing
    return times


async def frames(path: Path, label: str, runs: int) -> list[Row]:
    """Frames on the big article against the bundled one, alternating apps round by round."""
    from reader.ui.app import load_entries

    small: dict[str, list[float]] = {}
    large: dict[str, list[float]] = {}
    sides = ((small, load_entries([BUNDLED])[0]), (large, load_entries([path])[0]))
    for _ in range(runs):
        for into, entries in sides:
            for name, values in (await _frame_times(entries, 1)).items():
                into.setdefault(name, []).extend(values)
    rows = []
    for name in small:
        value, floor = median(large[name]), median(small[name])
        ratio = value / floor
        rows.append(Row(f"frame after {name}", f"{label} vs bundled", value, "ms", floor, ratio, "≤ 1.5", ratio <= 1.5))
    return rows


# search -----------------------------------------------------------------------------------------

def _queries(article) -> list[str]:
    """What a reader types: a common word, an entity's name, a number (each keystroke's query)."""
    person = next(e for e in article.entities if e.type == "person")
    return ["coopération", person.name.split()[-1], "2023"]


def searching(path: Path, label: str, runs: int) -> list[Row]:
    """parse_query + search (index built beforehand) against re.finditer over the folded text."""
    from reader.load.build import load_article
    from reader.search.engine import ArticleIndex, SearchOptions, parse_query, search

    rows = []
    for name, article_path in ((label, path), ("bundled", BUNDLED)):
        article = load_article(article_path)
        index = ArticleIndex(article)
        index.warm()
        for query in _queries(article):
            parsed = parse_query(query, SearchOptions())
            # the floor scans the text folded as the query is (a capital or an accent keeps them)
            haystack = "\n".join(f.text for f in index.folded((parsed.case, parsed.accents)))
            needle = re.compile(re.escape(parsed.needle or query))
            times, floors = [], []
            for _ in range(runs):
                times.append(_timed(lambda: search(index, parse_query(query, SearchOptions()))))
                floors.append(_timed(lambda: sum(1 for _ in needle.finditer(haystack))))
            value, floor = median(times), median(floors)
            if name == label:
                ratio = value / floor
                rows.append(Row(f"search {query!r}", name, value, "ms", floor, ratio, "≤ 3 × finditer", ratio <= 3))
            else:
                rows.append(Row(f"search {query!r}", name, value, "ms", floor, value / floor, "< 16 ms", value < 0.016))
    return rows


def filtering(path: Path, label: str, runs: int) -> list[Row]:
    """A typed filter's first use (a fresh index, the article as the app holds it, its mentions
    indexed by the sidebar) against re.finditer of the filter's text over the folded text."""
    from reader.load.build import load_article
    from reader.search.engine import ArticleIndex, SearchOptions, parse_query, search

    article = load_article(path)
    article.mentions_by_ref  # the sidebar's counts build it when the article opens
    person = next(e for e in article.entities if e.type == "person")
    rows = []
    for text in (f"person:{person.name.split()[-1].lower()}", f"person:{person.name.split()[-1]}"):
        parsed = parse_query(text, SearchOptions())
        haystack = "\n".join(f.text for f in ArticleIndex(article).folded((parsed.case, parsed.accents)))
        needle = re.compile(re.escape(parsed.needle))
        times, floors = [], []
        for _ in range(runs):
            index = ArticleIndex(article)
            times.append(_timed(lambda: search(index, parse_query(text, SearchOptions()))))
            floors.append(_timed(lambda: sum(1 for _ in needle.finditer(haystack))))
        value, floor = median(times), median(floors)
        rows.append(Row(f"typed filter {text!r}, first use", label, value, "ms", floor, value / floor, "≤ 3 × finditer", value / floor <= 3))
    return rows


# the first keystroke of a search ------------------------------------------------------------------

async def keystrokes(path: Path, label: str, runs: int, quick: bool = False) -> list[Row]:
    """The first keystroke of a search ('c', 250,000 matches in 10 MB) against the same keystroke on
    the bundled article (searched at once), in a real pty (tests/benchmarks/pty_keystroke.py): from
    the key written to the frame that shows it, to the matches in sight highlighted, to the count.

    Headless, Pilot's press and pause wait for more than a frame (315 ms for the bundled article):
    only the terminal's side says when the reader shows the key.
    """
    from tests.benchmarks.firstframe import SIZE
    from tests.benchmarks.pty_keystroke import TIMEOUT, measure as in_a_pty

    results = in_a_pty(path, runs, SIZE, quick=quick)

    def seen(key: str, moment: str) -> float:
        values = [getattr(m, moment) for m in results[key]]
        return median([TIMEOUT if v is None else v for v in values])  # never seen: the timeout, which no goal meets

    rows = []
    for moment, what, goal in (("typed", "first keystroke of a search ('c') to its frame (real pty)", 0.05),
                               ("highlighted", "  … to the matches in sight highlighted", None),
                               ("counted", "  … to the counter's figure", None)):
        value, floor = seen("big", moment), seen("bundled", moment)
        rows.append(Row(what, f"{label} vs bundled", value, "ms", floor, value / floor,
                        "≤ 50 ms" if goal else "", value <= goal if goal else None))
    return rows


if __name__ == "__main__":  # a part of the benchmark, not a command of its own
    print("tests/benchmarks/measure.py holds the measurements, not a command: run python -m tests.benchmarks [--quick] [--library SIZES] (--help says more)",
          file=sys.stderr)
    sys.exit(0 if any(arg in ("-h", "--help") for arg in sys.argv[1:]) else 2)
