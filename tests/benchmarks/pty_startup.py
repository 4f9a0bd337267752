"""Start-up as a user feels it: from launch in a real pty until the article's first words are on screen.

``python -m tests.benchmarks.pty_startup [--runs N] [--size 120x40] [ARTICLE]`` starts the reader in
a pseudo-terminal of that size (TERM=xterm-256color, COLORTERM=truecolor), reads what it writes,
and stops the clock when the article's first words have been written; then the same for a minimal
Textual app (a header, one text, a footer), alternately, so that machine noise hits both sides. It
prints the medians and their ratio (issue 17's goal: at most 1.25), and the same for the CPU time
each process used until then (killed as soon as the words are seen): on a loaded machine the wall
clock of either side swings with the others' work, its CPU time much less.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import re
import resource
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from tests.benchmarks.arguments import article_file, count, terminal_size

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "articles" / "mali-russie-accords-2025-06-23.yaml"
READER_WORDS = "La visite du Chef"
"""The bundled article's first words on screen (its lede)."""
MINIMAL_WORDS = "Hello from the minimal app"
MINIMAL_APP = f'''
from textual.app import App
from textual.widgets import Footer, Header, Static

class Minimal(App):
    def compose(self):
        yield Header()
        yield Static("{MINIMAL_WORDS}")
        yield Footer()

Minimal().run()
'''
ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|P[^\x1b]*\x1b\\|[()][0-9A-Za-z]|.)")
"""CSI, OSC, DCS and two-character escape sequences: removed so only the written text is searched."""


def time_to_words(argv: list[str], words: str, size: tuple[int, int], env: dict[str, str], timeout: float = 30.0) -> float:
    """Seconds from starting argv in a fresh pty until ``words`` have been written to it."""
    return run_to_words(argv, words, size, env, timeout)[0]


def children_cpu() -> float:
    """CPU seconds (user + system) of this process's ended and waited-for children so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_to_words(argv: list[str], words: str, size: tuple[int, int], env: dict[str, str],
                 timeout: float = 30.0) -> tuple[float, float]:
    """Seconds from starting argv in a fresh pty until ``words`` have been written to it, and the CPU
    seconds the process used meanwhile (it is killed at once: no shutdown work counted)."""
    cpu_before = children_cpu()
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True,
                               pass_fds=(), close_fds=True)
    os.close(slave)
    seen = b""
    wanted = words.encode()
    try:
        while True:
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"{words!r} never appeared within {timeout} s")
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                raise RuntimeError(f"the program ended before {words!r} appeared") from None
            seen += chunk
            if wanted in ESCAPES.sub(b"", seen):
                elapsed = time.perf_counter() - started
                os.killpg(process.pid, signal.SIGKILL)  # at once: a graceful end would add its own CPU time
                process.wait()
                return elapsed, children_cpu() - cpu_before
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        deadline = time.monotonic() + 10
        while process.poll() is None and time.monotonic() < deadline:  # drain, so a blocked write never hangs it
            if select.select([master], [], [], 0.1)[0]:
                try:
                    os.read(master, 65536)
                except OSError:
                    break
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        os.close(master)


def measure(article: Path, runs: int, size: tuple[int, int]) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Alternate the reader and the minimal app ``runs`` times each; their times and CPU times in seconds."""
    times: dict[str, list[float]] = {"reader": [], "minimal": []}
    cpu: dict[str, list[float]] = {"reader": [], "minimal": []}
    with tempfile.TemporaryDirectory(prefix="reader-pty-") as folder:
        tmp = Path(folder)
        script = tmp / "minimal_app.py"
        script.write_text(MINIMAL_APP, encoding="utf-8")
        base = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor")
        for name in ("NO_COLOR", "COLUMNS", "LINES"):  # the pty gives the size; a COLUMNS would override it
            base.pop(name, None)
        reader = [sys.executable, "-m", "reader", str(article)]
        minimal = [sys.executable, str(script)]
        for run in range(runs + 1):  # the first round warms the disk cache and the bytecode; not counted
            env = dict(base, XDG_CONFIG_HOME=str(tmp / f"config{run}"), XDG_STATE_HOME=str(tmp / f"state{run}"),
                       XDG_CACHE_HOME=str(tmp / f"cache{run}"))
            r, r_cpu = run_to_words(reader, READER_WORDS, size, env)
            m, m_cpu = run_to_words(minimal, MINIMAL_WORDS, size, env)
            if run:
                times["reader"].append(r)
                times["minimal"].append(m)
                cpu["reader"].append(r_cpu)
                cpu["minimal"].append(m_cpu)
    return times, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.pty_startup", description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=article_file, default=BUNDLED)
    parser.add_argument("--runs", type=count, default=7)
    parser.add_argument("--size", type=terminal_size, default="120x40", help="columns x rows (default 120x40)")
    args = parser.parse_args(argv)
    columns, rows = (int(x) for x in args.size.lower().split("x"))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "reader")], check=False)
    times, cpu = measure(args.article, args.runs, (columns, rows))
    reader, minimal = statistics.median(times["reader"]), statistics.median(times["minimal"])
    ratios = sorted(r / m for r, m in zip(times["reader"], times["minimal"]))
    print(f"first words on screen in a real pty at {columns}x{rows}, median of {args.runs} alternating runs")
    print(f"| app | median | min | max |\n| --- | --- | --- | --- |")
    for name, values in times.items():
        print(f"| {name} | {1000 * statistics.median(values):.0f} ms | {1000 * min(values):.0f} ms | {1000 * max(values):.0f} ms |")
    print(f"ratio reader / minimal: {reader / minimal:.2f} (per-round ratios {ratios[0]:.2f}–{ratios[-1]:.2f}, "
          f"their median {statistics.median(ratios):.2f}; goal ≤ 1.25)")
    print("per round (reader / minimal): " + " ".join(f"{r / m:.2f}" for r, m in zip(times["reader"], times["minimal"])))
    cpu_ratio = statistics.median(cpu["reader"]) / statistics.median(cpu["minimal"])
    print(f"CPU time until then: reader {1000 * statistics.median(cpu['reader']):.0f} ms, minimal "
          f"{1000 * statistics.median(cpu['minimal']):.0f} ms (medians), ratio {cpu_ratio:.2f}; per round "
          + " ".join(f"{r / m:.2f}" for r, m in zip(cpu["reader"], cpu["minimal"])))
    return 0


if __name__ == "__main__":
    from tests.benchmarks.command import run_command

    run_command(main)
