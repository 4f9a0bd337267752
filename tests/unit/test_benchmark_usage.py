"""Every `python -m tests.benchmarks.*` command: --help gives a usage, bad arguments a usage error (status 2), never a traceback."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import BUNDLED, ROOT

COMMANDS = ["__main__", "firstframe", "gc_pauses", "generate", "importer", "library", "pty_keystroke", "pty_startup", "search_stalls"]
"""The modules with a command line of their own (each has main(argv))."""
BAD = {
    "__main__": [["--runs", "0"], ["--library", "3q"], ["--bogus"]],
    "firstframe": [[], ["picker"], ["picker", "/no/such/folder"], ["reader", "/no/such.yaml"], ["list", "x"], ["bogus"]],
    "gc_pauses": [["/no/such.yaml"], ["--bogus"]],
    "generate": [["big", "out.yaml"]],
    "importer": [["a", "b"], ["--bogus"]],
    "library": [[], ["x", "folder"], ["0", "folder"], ["1"]],
    "pty_keystroke": [["/no/such.yaml"], ["--runs", "0"], ["--size", "80"]],
    "pty_startup": [["/no/such.yaml"], ["--runs", "x"], ["--size", "80by24"]],
    "search_stalls": [["/no/such.yaml"], ["--runs", "-1"]],
}


def run(name: str, argv: list[str]) -> int:
    module = importlib.import_module(f"tests.benchmarks.{name}")
    try:
        return module.main(argv)
    except SystemExit as done:  # argparse's usage error or --help
        return done.code or 0


@pytest.mark.parametrize("name", COMMANDS)
def test_help_gives_a_usage(name: str, capsys, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(name, ["--help"]) == 0
    assert "usage: python -m tests.benchmarks" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []  # nothing made


@pytest.mark.parametrize("name, argv", [(name, argv) for name, cases in BAD.items() for argv in cases])
def test_bad_arguments_give_a_usage_error(name: str, argv: list[str], capsys, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run(name, argv) == 2
    err = capsys.readouterr().err
    assert "usage: python -m tests.benchmarks" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_firstframe_run_by_hand_reports_its_first_frame():
    """Without BENCH_T0 (measure.py's) it times from its own start, as /proc says."""
    done = subprocess.run([sys.executable, "-m", "tests.benchmarks.firstframe", "minimal"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={k: v for k, v in os.environ.items() if k != "BENCH_T0"})
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert 0 < report["first_frame"] < 60 and report["peak_rss"] > 0


def test_firstframe_on_the_reader_run_by_hand_is_clean():
    """It quits right after the first frame, while the rest of the screen is being mounted: no traceback on stderr."""
    done = subprocess.run([sys.executable, "-m", "tests.benchmarks.firstframe", "reader", str(BUNDLED)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, env={k: v for k, v in os.environ.items() if k != "BENCH_T0"})
    assert done.returncode == 0 and done.stderr == ""
    assert json.loads(done.stdout)["first_frame"] > 0


@pytest.mark.parametrize("name", COMMANDS)
def test_an_output_closed_early_ends_quietly(name: str):
    """``... --help | head -1``: the output's reader is gone (here before the command starts, so it is so every
    run): status 0 and nothing on stderr, as ``reader search`` does, never a BrokenPipeError traceback."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([sys.executable, "-m", f"tests.benchmarks.{name}", "--help"], cwd=ROOT, stdout=write_end,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write_end)
    assert done.returncode == 0 and done.stderr == ""


@pytest.mark.parametrize("name", ["measure", "librarybench"])
def test_parts_of_the_benchmark_say_what_to_run(name: str):
    done = subprocess.run([sys.executable, "-m", f"tests.benchmarks.{name}", "--help"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and "run python -m tests.benchmarks" in done.stderr and "Traceback" not in done.stderr


def test_library_writes_the_articles(tmp_path: Path, capsys):
    assert run("library", ["3", str(tmp_path / "lib")]) == 0
    assert sorted(p.name for p in (tmp_path / "lib").iterdir()) == ["art-000000.yaml", "art-000001.yaml", "art-000002.yaml"]
    assert capsys.readouterr().out == f"3 articles in {tmp_path / 'lib'}\n"
