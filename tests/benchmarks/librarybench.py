"""The library benchmark (issue 13): generated libraries of 1,000 to 100,000 articles and the index's goals, as ratios.

Both sides of a ratio are measured in the same round, one after the other. Fresh processes are
timed from fork to exit and their peak memory read from the kernel (wait4's ru_maxrss).

``READER_BENCH_KEEP=DIR`` keeps the generated libraries (``DIR/lib<count>``) and their indexes
(``DIR/xdg<count>``) and reuses them next time: 100,000 articles take minutes to write and to
index. A size whose index is already there is not built cold again (its cold build row is left out).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.library import RARE, write_library
from tests.benchmarks.measure import BUNDLED, Row, _compile_bytecode, _first_frame, median

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
"""The library sizes, by label."""
def size_of(label: str) -> int:
    """A size label as a number of articles: "10k" is 10,000, "50" is 50."""
    return SIZES.get(label) or int(float(label.rstrip("kK")) * (1000 if label[-1] in "kK" else 1))


SAMPLE = 300
"""Articles loaded to measure what loading one costs today."""
LOAD_BLOCKS = 10
"""Blocks those loads are timed in, spread over the cold build (see cold_build)."""


TIME = "/usr/bin/time"
"""GNU time, to read a command's own peak memory (see _run)."""


def _run(argv: list[str], env: dict[str, str], shell: bool = False) -> tuple[float, int]:
    """Run a command to its end, output thrown away; (seconds, peak resident bytes).

    The peak is read by GNU time when there is one: the kernel's figure for a child of this
    process starts at this process's own peak (a forked child keeps its parent's high-water mark
    through exec), and this process grows as it measures (an in-process refresh of 100,000
    files), which made the bigger libraries' searches look bigger. Its own child starts small.
    """
    peak_file = None
    if not shell and os.path.exists(TIME):
        fd, peak_file = tempfile.mkstemp(prefix="reader-peak-")
        os.close(fd)
        argv = [TIME, "-f", "%M", "-o", peak_file, *argv]
    started = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, shell=shell)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss * 1024
    if peak_file is not None:
        with open(peak_file, encoding="utf-8") as handle:
            lines = handle.read().split()
        os.unlink(peak_file)
        peak = int(lines[-1]) * 1024 if lines and lines[-1].isdigit() else peak
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{argv} exited with {process.returncode}")
    return elapsed, peak


SEARCH_IMPORTS = "import reader.cli.main, reader.cli.search, reader.search.engine, reader.library.index"
"""What `reader search` imports to search an indexed library, as a fresh interpreter's whole program."""


def _reader(*args: str) -> list[str]:
    """The reader command in a fresh interpreter, as a user runs it."""
    return [sys.executable, "-m", "reader", *args]


def cold_build(folder: Path, cache: Path, count: int) -> tuple[float, float, float]:
    """Per article, in this process: (CPU seconds to build the index from nothing, CPU seconds to load one today,
    wall seconds of the build). CPU time for the ratio: on a shared machine wall time counts the neighbours' work.

    The loads are timed in LOAD_BLOCKS blocks spread over the build: one before it, one after, the
    others while it runs (from its progress callback, their time taken out of the build's), so
    that a change of the machine's load during a long build (half a minute at 10,000) weighs on
    both sides alike. Each block loads its files one after the other, as a reader opening articles.
    """
    from reader.library.index import open_index, remove_index
    from reader.load.build import load_article

    files = sorted(folder.iterdir())[:: max(1, count // SAMPLE)]
    load_article(files[0])  # its first use imports what loading needs: not a load's cost
    blocks = [files[k::LOAD_BLOCKS] for k in range(LOAD_BLOCKS)]
    during: dict[int, list[Path]] = {}  # after how many files indexed: what to load then
    for k in range(1, LOAD_BLOCKS - 1):
        during.setdefault(max(1, round(count * k / (LOAD_BLOCKS - 1))), []).extend(blocks[k])
    loaded = [0.0, 0.0]
    """CPU and wall seconds of the loads so far."""

    def loads(paths: list[Path]) -> None:
        cpu, started = time.process_time(), time.perf_counter()
        for path in paths:
            load_article(path)
        loaded[0] += time.process_time() - cpu
        loaded[1] += time.perf_counter() - started

    def progress(done: int, total: int) -> None:
        if done in during:
            loads(during.pop(done))

    loads(blocks[0])
    remove_index(cache / "index.sqlite3")
    index = open_index(cache / "index.sqlite3")
    inside = loaded[:]
    started, cpu = time.perf_counter(), time.process_time()
    index.refresh([folder], progress=progress)
    wall, build = time.perf_counter() - started, time.process_time() - cpu
    index.close()
    assert not during, "the build did not report its progress"
    wall -= loaded[1] - inside[1]
    build -= loaded[0] - inside[0]
    loads(blocks[-1])
    return build / count, loaded[0] / len(files), wall / count


def warm_refresh(folder: Path, cache: Path) -> tuple[float, float]:
    """(seconds to refresh an unchanged index, in this process; seconds for find + one stat per file).

    ``find -H``: a kept library may be a symbolic link to a folder (find alone would list the link).
    """
    from reader.library.index import open_index

    index = open_index(cache / "index.sqlite3")
    started = time.perf_counter()
    done = index.refresh([folder])
    refresh = time.perf_counter() - started
    index.close()
    assert done.unchanged == done.files, done
    floor, _ = _run(f"find -H {folder} -name '*.yaml' -printf '%s %T@\\n' | wc -l", {}, shell=True)
    return refresh, floor


def picker_data(folder: Path, env: dict[str, str]) -> tuple[float, int]:
    """A fresh process that opens the index, refreshes it and lists every row by date: what the picker's first frame needs of it."""
    code = ("from pathlib import Path; import sys; from reader.library.index import open_index; "
            "i = open_index(); i.refresh([Path(sys.argv[1])]); rows = i.list('', 'date'); print(len(rows), i.count())")
    return _run([sys.executable, "-c", code, str(folder)], env)


def library(labels: list[str], runs: int, env: dict[str, str]) -> list[Row]:
    """Generate each library, measure the goals; the table's rows."""
    rows: list[Row] = []
    memory: dict[str, float] = {}
    keep = os.environ.get("READER_BENCH_KEEP")
    _compile_bytecode()  # the fresh processes below start from bytecode, as an installed reader does (not recompile a checkout)
    with tempfile.TemporaryDirectory(prefix="reader-library-") as tmp:
        for label in labels:
            count = size_of(label)
            root = Path(keep or tmp)
            folder = root / f"lib{count}"
            if not (keep and folder.is_dir() and len(os.listdir(folder)) == count):
                write_library(count, folder)
            env = dict(env, XDG_CACHE_HOME=str(root / f"xdg{count}"))
            cache = Path(env["XDG_CACHE_HOME"]) / "reader"
            built = keep and (cache / "index.sqlite3").exists()
            cache.mkdir(parents=True, exist_ok=True)
            if not built:
                build, load, wall = cold_build(folder, cache, count)
                rows.append(Row("index: cold build per article (CPU)", label, build, "ms", load, build / load,
                                "≤ 1x loading one today (CPU)", build <= load))
                rows.append(Row("index: articles indexed per second (wall, one process)", label, 1 / wall, "/s"))
            warm_refresh(folder, cache)  # records the folder's fingerprint once (an index built by an older reader has none)
            with sqlite3.connect(cache / "index.sqlite3") as db:
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            size = sum(os.path.getsize(cache / name) for name in os.listdir(cache))
            rows.append(Row("index: bytes per article", label, size / count, " B"))
            refreshes, floors = [], []
            for _ in range(runs):
                refresh, floor = warm_refresh(folder, cache)
                refreshes.append(refresh)
                floors.append(floor)
            refresh, floor = median(refreshes), median(floors)
            rows.append(Row("index: refresh, nothing changed", label, refresh, "ms", floor, refresh / floor,
                            "≤ 2x find + stat", refresh <= 2 * floor))
            process = [_run([*_reader("index", str(folder))], env)[0] for _ in range(runs)]
            rows.append(Row("reader index (fresh process), nothing changed", label, median(process), "ms"))
            searches, greps, peaks, starts = [], [], [], []
            for _ in range(runs):
                seconds, peak = _run([*_reader("search", RARE.lower(), str(folder))], env)
                searches.append(seconds)
                peaks.append(peak)
                greps.append(_run(["grep", "-ri", RARE.lower(), str(folder)], env)[0])
                starts.append(_run([sys.executable, "-c", SEARCH_IMPORTS], env)[0])
            search, grep = median(searches), median(greps)
            rows.append(Row(f"reader search {RARE.lower()} (1% of articles)", label, search, "ms", grep, search / grep,
                            "≤ 5x grep -ri", search <= 5 * grep))
            # what of it is the interpreter's start and the imports, which grep does not pay: a floor of any library's size
            rows.append(Row("reader search: its start and imports alone", label, median(starts), "ms", grep, median(starts) / grep))
            memory[label] = median(peaks)
            rows.append(Row("reader search: peak memory", label, memory[label], "MB", None, None, "≤ 150 MB", memory[label] <= 150e6))
            if label == "100k" and "10k" in memory:
                ratio = memory[label] / memory["10k"]
                rows.append(Row("reader search: peak memory vs 10k", label, memory[label], "MB", memory["10k"], ratio, "≤ 1.2x", ratio <= 1.2))
            pickers, bundled = [], []
            for _ in range(runs):
                pickers.append(picker_data(folder, env))
                bundled.append(_first_frame(["reader", str(BUNDLED)], env))
            data, start = median([p[0] for p in pickers]), median([b["first_frame"] for b in bundled])
            data_rss, start_rss = median([p[1] for p in pickers]), median([b["peak_rss"] for b in bundled])
            # the picker's own widgets are not built on the index yet: this is the index's share of its first frame
            rows.append(Row("picker data (open, refresh, list all) vs bundled article's first frame", label, data, "ms", start,
                            data / start, "share of ≤ 1.5x", None))
            rows.append(Row("picker data: peak memory vs bundled article's first frame", label, data_rss, "MB", start_rss,
                            data_rss / start_rss, "share of ≤ 1.5x", None))
            if not keep:
                shutil.rmtree(folder)
    return rows


if __name__ == "__main__":  # a part of the benchmark, not a command of its own
    print("tests/benchmarks/librarybench.py holds the library index's measurements, not a command: run python -m tests.benchmarks [--quick] [--library SIZES] (--help says more)",
          file=sys.stderr)
    sys.exit(0 if any(arg in ("-h", "--help") for arg in sys.argv[1:]) else 2)
