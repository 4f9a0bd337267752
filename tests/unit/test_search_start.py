"""`reader search` starts light: what a search of an indexed library imports, and its parsing without argparse equal to argparse's."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import search
from reader.cli.main import build_parser
from tests.benchmarks.library import RARE, write_library

NOT_IMPORTED = ("textual", "rich", "yaml", "argparse", "hashlib", "tempfile", "calendar", "json", "reader.ui", "reader.load.build",
                "reader.load.yamlsource", "reader.importer", "reader.feeds")
"""What a search of an unchanged, indexed library has no use for: the app, YAML (the index holds each built article),
argparse (a plain command line is read without it), what only writing needs."""

_SHOW_MODULES = """
import sys
from reader.cli.main import main
status = main(sys.argv[1:])
sys.stderr.write("\\nMODULES " + " ".join(sorted(sys.modules)) + "\\n")
raise SystemExit(status)
"""


def search_modules(*argv: str) -> tuple[int, str, set[str]]:
    """Run ``reader search ARGV`` in a fresh interpreter: (exit status, output, the modules it had imported at the end)."""
    done = subprocess.run([sys.executable, "-c", _SHOW_MODULES, "search", *argv], capture_output=True, text=True,
                          env=os.environ, timeout=120)
    modules = done.stderr.rpartition("MODULES ")[2].split()
    assert modules, done.stderr
    return done.returncode, done.stdout, set(modules)


def imported(modules: set[str], name: str) -> bool:
    return name in modules or any(module.startswith(name + ".") for module in modules)


def test_a_search_of_an_indexed_library_imports_neither_the_app_nor_yaml_nor_argparse(tmp_path: Path):
    folder = write_library(120, tmp_path / "library")
    status, out, first = search_modules(RARE.lower(), str(folder))  # builds the index: reads YAML
    assert status == 0 and out.count("art-000007.yaml:") >= 1
    assert imported(first, "yaml")  # what this test relies on: the modules are read from the process that searched
    status, again, modules = search_modules(RARE.lower(), str(folder))
    assert status == 0 and again == out
    assert [name for name in NOT_IMPORTED if imported(modules, name)] == []


def test_options_other_than_plain_ones_still_go_through_argparse(tmp_path: Path):
    folder = write_library(3, tmp_path / "library")
    _, _, modules = search_modules("--cou", RARE.lower(), str(folder))  # an abbreviation: argparse's to read
    assert imported(modules, "argparse")


PLAIN = [
    ["goita"],
    ["goita", "a.yaml", "folder"],
    ["Goïta", "-s"],
    ["-i", "--ignore-diacritics", "goita", "x"],
    ["--case-sensitive", "--diacritics", "-w", "-E", "go.ta"],
    ["mali", "--count", "articles"],
    ["--json", "mali", "--word", "--regex", "b.yaml"],
    ["person:goita", "--ignore-case", "--count"],
    [""],
    ["figure:>100", "a", "b", "c"],
]
NOT_PLAIN = [
    [], ["--help"], ["-h"], ["-si", "x"], ["--cou", "x"], ["--json", "--count", "x"], ["-s", "-i", "x"], ["-s", "-s", "x"],
    ["--max-bytes", "10", "x"], ["--max-bytes=10", "x"], ["--", "-x"], ["-"], ["-5"], ["x", "--nope"],
]


@pytest.mark.parametrize("argv", PLAIN, ids=" ".join)
def test_a_plain_command_line_reads_as_argparse_reads_it(argv: list[str]):
    args = search.plain_arguments(argv)
    assert args is not None
    assert vars(args) == vars(build_parser("search").parse_intermixed_args(argv))


@pytest.mark.parametrize("argv", NOT_PLAIN, ids=" ".join)
def test_anything_else_is_left_to_argparse(argv: list[str]):
    assert search.plain_arguments(argv) is None


def test_every_option_read_without_argparse_is_compared_with_argparse():
    """An option added to FLAGS is in a plain command line above; one added to add_arguments alone changes the
    arguments of every plain command line (its default), which the comparison above sees."""
    assert set(search.FLAGS) <= {arg for argv in PLAIN for arg in argv}
