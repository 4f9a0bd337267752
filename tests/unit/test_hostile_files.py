"""Bad files, as an attacker would write them: `reader check` and the app locate every problem.

The committed corpus is ``tests/data/hostile/``; ``expected.yaml`` there says, per file, where
the problem must be reported (``line:column``) and a fragment of its message. Cases that are too
large or too odd to commit (a 70 MB file, a folder of a thousand articles, symlink loops, a FIFO,
20,000 levels of nesting) are generated into ``tmp_path`` by the ``GENERATED`` table below.

Exit statuses: 1 for every bad file (and for a folder holding one); 2 only for a usage error,
that is a path that does not exist or a folder with no ``*.yaml`` in it, because then there is
no file to report on.

"Unreadable" files: the tests run as root, which ignores ``chmod 000``, so an unreadable file is
simulated with what even root cannot read as an article: a FIFO, a directory named ``x.yaml``,
a dangling symlink, a symlink loop and a symlink to ``/dev/zero``.

`reader check` runs as a subprocess (``python -m reader check PATH``, generous timeout) for the
whole corpus folder at once and for each generated case; each corpus file is also checked alone,
in process through ``reader.cli.main.main`` (exit status, location, message). One subprocess per
corpus file (~75 of them, about 20 s) runs in the long run: ``READER_LONG=1`` or ``-m long``.
"""

from __future__ import annotations

import concurrent.futures
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.library.entries import load_entries
from reader.text.safe import visible
from tests.hostile_files import (
    ARTICLE_CASES, CASES, EXPECTED, GENERATED, GOOD, HOSTILE, RAW, TIMEOUT, folder_with, load_entries_within, make_fifo,
    make_huge,
)

SKIP_UNLESS_LONG = pytest.mark.skipif(
    "os.environ.get('READER_LONG') != '1' and 'long' not in (config.getoption('markexpr') or '')",
    reason="long run: set READER_LONG=1 or select it with -m long",
)
"""Long tests run with READER_LONG=1 or `-m long`; the default run skips them."""


@dataclass
class Run:
    """What one `reader check` printed, and how it ended."""

    returncode: int | None
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_check(*args: str | Path, timeout: float = TIMEOUT, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """`python -m reader check ARGS` in a subprocess; returncode None when it timed out."""
    command = [sys.executable, "-m", "reader", "check", *map(str, args)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=timeout, cwd=cwd, env={**os.environ, **(env or {})})
    except subprocess.TimeoutExpired as expired:
        return Run(None, (expired.stdout or b"").decode("utf-8", "replace"), (expired.stderr or b"").decode("utf-8", "replace"))
    return Run(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))


def assert_clean(run: Run) -> None:
    """Finished, no traceback, nothing raw for the terminal."""
    assert run.returncode is not None, f"`reader check` did not finish in {TIMEOUT} s:\n{run.output}"
    assert "Traceback" not in run.output, run.output
    for raw in RAW:
        assert raw not in run.output, f"raw {raw!r} in the output:\n{run.output!r}"


def problem_lines(run: Run, name: str) -> list[str]:
    """The located problems printed for a file (they start with its path)."""
    return [line for line in run.stderr.splitlines() if line.startswith(name + ":")]


# --- the committed corpus, through `reader check` ---------------------------------------------


def check_in_process(name: str, capsys) -> Run:
    """`reader check NAME` through reader.cli.main.main, in this process (an exception fails the test)."""
    cwd = os.getcwd()
    os.chdir(HOSTILE)
    try:
        code = main(["check", name])
    finally:
        os.chdir(cwd)
    out, err = capsys.readouterr()
    return Run(code, out, err)


@pytest.fixture(scope="module")
def corpus_runs() -> dict[str, Run]:
    """Long run only: every corpus file checked in its own subprocess, two at a time."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(run_check, name, cwd=HOSTILE) for name in CASES}
        return {name: future.result() for name, future in futures.items()}


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 40
    on_disk = {p.name for p in HOSTILE.iterdir()} - {"expected.yaml"}
    assert on_disk == set(CASES), "every corpus file needs a row in expected.yaml, and every row a file"


def _xfail_known(name: str):
    bug = EXPECTED[name].get("bug")
    return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=bug)) if bug else name


def assert_located(run: Run, name: str) -> None:
    """Exit 1, the expected message at the expected place, a summary line on stdout."""
    assert_clean(run)
    assert run.returncode == 1, run.output
    case = EXPECTED[name]
    located = [line for line in problem_lines(run, name) if line.startswith(f"{name}:{case['at']}: ")]
    assert any(case["says"] in line for line in located), f"want {name}:{case['at']}: …{case['says']}…, got:\n{run.stderr}"
    assert f"{name}: " in run.stdout and "problem" in run.stdout


@pytest.mark.parametrize("name", [_xfail_known(n) for n in CASES])
def test_check_locates_the_problem(capsys, name):
    assert_located(check_in_process(name, capsys), name)


@SKIP_UNLESS_LONG
@pytest.mark.long
@pytest.mark.parametrize("name", [_xfail_known(n) for n in CASES])
def test_check_subprocess_locates_the_problem(corpus_runs, name):
    assert_located(corpus_runs[name], name)


def test_check_never_runs_code_from_a_file():
    run_check("tag-python-apply.yaml", "tag-python-name.yaml", "theme-python-tag.yaml", cwd=HOSTILE)
    assert not Path("/tmp/reader-pwned").exists()


def test_check_of_the_whole_corpus_folder_reports_every_file():
    """One subprocess over the whole corpus: every file located, no traceback, exit 1."""
    run = run_check(HOSTILE)
    assert_clean(run)
    assert run.returncode == 1
    for name in CASES:
        case = EXPECTED[name]
        if not case.get("bug"):
            assert any(line.startswith(f"{HOSTILE / name}:{case['at']}: ") and case["says"] in line for line in run.stderr.splitlines()), name
    for name in CASES:
        assert f"{HOSTILE / name}: " in run.stdout, f"no summary line for {name}"
        assert "ok" not in run.stdout.split(f"{HOSTILE / name}: ", 1)[1].split("\n", 1)[0], f"{name} was accepted"


# --- generated cases -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "case",
    [pytest.param(k, marks=pytest.mark.xfail(strict=True, reason=v.bug)) if v.bug else k for k, v in GENERATED.items()],
)
def test_check_generated_case(tmp_path, case):
    spec = GENERATED[case]
    target = spec.make(tmp_path)
    run = run_check(target, timeout=spec.timeout)
    assert_clean(run)
    assert run.returncode == spec.exit, run.output
    shown = str(target / spec.shown) if spec.shown else str(target)
    shown = visible(shown, newlines=False)
    prefix = f"{shown}: " if spec.at is None else f"{shown}:{spec.at}" + ("" if spec.at.endswith(":") else ": ")
    assert any(line.startswith(prefix) and spec.says in line for line in run.stderr.splitlines()), f"want {prefix}…{spec.says}…:\n{run.stderr}"
    if case == "a folder of 1000 articles, one bad":
        assert run.stdout.count(": ok — ") == 999 and len(run.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda tmp: tmp / "missing.yaml", "no such file or folder"),
        (lambda tmp: (tmp / "empty-folder").mkdir() or tmp / "empty-folder", "folder holds no article"),
    ],
    ids=["missing path", "empty folder"],
)
def test_usage_errors_exit_2(tmp_path, make, says):
    target = make(tmp_path)
    run = run_check(target)
    assert_clean(run)
    assert run.returncode == 2
    assert f"{target}: {says}" in run.stderr


def test_a_huge_file_is_refused_without_reading_it_all(tmp_path):
    """READER_MAX_BYTES lowers the limit: a 70 MB file is refused by its size, at once."""
    huge = make_huge(tmp_path)
    run = run_check(huge, env={"READER_MAX_BYTES": "1000"})
    assert_clean(run)
    assert run.returncode == 1 and "over the limit of 1,000" in run.stderr


# --- the app: the error screen for each bad file, and the good article still opens ------------


def test_loading_locates_every_bad_article(tmp_path):
    """What the error screens show: load_entries on a folder of every bad article and a good one."""
    folder = folder_with(tmp_path, ARTICLE_CASES)
    entries, problems = load_entries([folder])
    assert not problems
    by_name = {Path(e.path).name: e for e in entries}
    assert by_name.pop("zz-good.yaml").article is not None
    for name, entry in by_name.items():
        case = EXPECTED[name]
        assert entry.article is None and entry.problems, name
        if case.get("bug"):
            continue
        assert any(f"{p.line}:{p.column}" == case["at"] and case["says"] in p.message.replace("\x1b", "\\x1b") or
                   f"{p.line}:{p.column}" == case["at"] and case["says"] in visible(p.message, newlines=False)
                   for p in entry.problems), f"{name}: {entry.problems}"


def test_app_loads_a_folder_holding_a_fifo(tmp_path):
    make_fifo(tmp_path)
    shutil.copyfile(GOOD, tmp_path / "zz-good.yaml")
    loaded = load_entries_within([tmp_path], TIMEOUT)  # a hang never ends: the bound only ends the test
    if loaded is None:
        os.close(os.open(tmp_path / "fifo.yaml", os.O_WRONLY | os.O_NONBLOCK))  # release the blocked reader
        pytest.fail("loading a folder holding a FIFO hangs")
    entries, _ = loaded
    assert [Path(e.path).name for e in entries if e.article is None] == ["fifo.yaml"]


