"""The benchmark: ``python -m tests.benchmarks [--quick] [--runs N] [--library 1k,10k,100k]``; prints a table.

Every figure is the median of ``--runs`` runs (at least five); where a goal is a ratio, both
sides are measured in the same round, one after the other, so machine noise hits both.
``--quick`` (the test suite's variant) uses the smallest generated size and one run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks import measure
from tests.benchmarks.arguments import count, library_sizes
from tests.benchmarks.generate import SIZES, write


def cpu_model() -> str:
    """The machine's CPU model, from /proc/cpuinfo when there is one."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def run(runs: int, quick: bool, out=sys.stdout) -> list[measure.Row]:
    """Generate the articles, measure everything, print the table; the rows."""
    started = time.perf_counter()
    sizes = dict(list(SIZES.items())[:1]) if quick else SIZES
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as folder:
        tmp = Path(folder)
        files = {label: write(size, tmp) for label, size in sizes.items()}
        env = dict(os.environ, XDG_CONFIG_HOME=str(tmp / "config"), XDG_STATE_HOME=str(tmp / "state"))
        big = list(files)[-1]
        rows: list[measure.Row] = []
        rows += measure.fresh_processes(files, big, runs, env)
        rows += measure.loading(files, runs)
        rows += asyncio.run(measure.frames(files[big], big, runs))
        rows += measure.searching(files[big], big, runs)
        rows += measure.filtering(files[big], big, runs)
        rows += asyncio.run(measure.keystrokes(files[big], big, runs, quick=quick))
    elapsed = time.perf_counter() - started
    print(f"reader benchmark — {cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"median of {runs} run(s), {elapsed:.0f} s in all", file=out)
    print(measure.table(rows), file=out)
    return rows


def run_library(labels: list[str], runs: int, out=sys.stdout) -> list[measure.Row]:
    """Generate libraries of small articles, measure the index's goals, print the table; the rows."""
    from tests.benchmarks.librarybench import library

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as folder:
        tmp = Path(folder)
        env = dict(os.environ, XDG_CONFIG_HOME=str(tmp / "config"), XDG_STATE_HOME=str(tmp / "state"))
        rows = library(labels, runs, env)
    print(f"reader library benchmark — {cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"median of {runs} run(s), {time.perf_counter() - started:.0f} s in all", file=out)
    print(measure.table(rows), file=out)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smallest size, one run (figures only, for the tests)")
    parser.add_argument("--runs", type=count, default=5, help="runs per figure (default 5)")
    parser.add_argument("--library", type=library_sizes, metavar="SIZES",
                        help="instead: the library index at these sizes, e.g. 1k,10k or 1k,10k,100k (minutes)")
    args = parser.parse_args(argv)
    if args.library:
        run_library(args.library, 1 if args.quick else max(3, min(args.runs, 5)))
        return 0
    run(1 if args.quick else max(5, args.runs), args.quick)
    return 0


if __name__ == "__main__":
    from tests.benchmarks.command import run_command

    run_command(main)
