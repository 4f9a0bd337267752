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
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
import yaml
from textual.widgets import OptionList

from reader.ui.app import ReaderApp, load_entries
from reader.ui.screens.error import ErrorScreen
from reader.ui.screens.picker import PickerScreen
from reader.ui.screens.reading import ReadingScreen
from reader.cli.main import main
from reader.text.safe import visible
from tests.apphelpers import make_app, notices, press

HOSTILE = Path(__file__).parents[1] / "data" / "hostile"
GOOD = Path(__file__).parents[1] / "data" / "articles" / "minimal.yaml"
EXPECTED: dict[str, dict[str, str]] = yaml.safe_load((HOSTILE / "expected.yaml").read_text(encoding="utf-8"))
CASES = sorted(EXPECTED)
ARTICLE_CASES = [name for name in CASES if not name.startswith("theme-")]
THEME_CASES = [name for name in CASES if name.startswith("theme-")]
TIMEOUT = 60
"""Seconds a `reader check` may take before it counts as a hang (generous: the point is 'never hangs')."""
LONG = os.environ.get("READER_LONG") == "1"
SKIP_UNLESS_LONG = pytest.mark.skipif(
    "os.environ.get('READER_LONG') != '1' and 'long' not in (config.getoption('markexpr') or '')",
    reason="long run: set READER_LONG=1 or select it with -m long",
)
"""Long tests run with READER_LONG=1 or `-m long`; the default run skips them."""
"""READER_LONG=1 (or `-m long`, which selects the tests marked long) runs the slow variants too."""
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\x00")


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

MINIMAL = GOOD.read_text(encoding="utf-8")


def _huge(folder: Path) -> Path:
    path = folder / "huge.yaml"
    line = b"# " + b"x" * 1021 + b"\n"
    with path.open("wb") as handle:
        for _ in range(70 * 1024):
            handle.write(line)
    assert path.stat().st_size >= 70 * 1024 * 1024
    return path


def _nested_list(folder: Path) -> Path:
    path = folder / "nesting-20000-list.yaml"
    path.write_text("id: x\ntags: " + "[" * 20_000 + "]" * 20_000 + "\n", encoding="utf-8")
    return path


def _nested_map(folder: Path) -> Path:
    path = folder / "nesting-20000-map.yaml"
    path.write_text("{a: " * 20_000 + "x" + "}" * 20_000 + "\n", encoding="utf-8")
    return path


def _nested_block(folder: Path) -> Path:
    path = folder / "nesting-20000-block.yaml"
    path.write_text("- " * 20_000 + "x\n", encoding="utf-8")
    return path


def _symlink_loop(folder: Path) -> Path:
    (folder / "loop-a.yaml").symlink_to(folder / "loop-b.yaml")
    (folder / "loop-b.yaml").symlink_to(folder / "loop-a.yaml")
    return folder / "loop-a.yaml"


def _dangling(folder: Path) -> Path:
    (folder / "dangling.yaml").symlink_to(folder / "nowhere.yaml")
    return folder / "dangling.yaml"


def _directory(folder: Path) -> Path:
    (folder / "inner").mkdir()
    (folder / "inner" / "x.yaml").mkdir()
    return folder / "inner"


def _fifo(folder: Path) -> Path:
    os.mkfifo(folder / "fifo.yaml")
    return folder / "fifo.yaml"


def _dev_zero(folder: Path) -> Path:
    (folder / "zero.yaml").symlink_to("/dev/zero")
    return folder / "zero.yaml"


def _escape_in_name(folder: Path) -> Path:
    path = folder / "evil\x1b]0;pwned\x07\u202e.yaml"
    path.write_text("id: [oops\n", encoding="utf-8")
    return path


def _thousand(folder: Path) -> Path:
    many = folder / "thousand"
    many.mkdir()
    for i in range(1000):
        text = MINIMAL.replace("id: mini\n", f"id: mini-{i:04d}\n")
        if i == 500:
            text = text.replace("language: fr", "language: [fr")
        (many / f"a{i:04d}.yaml").write_text(text, encoding="utf-8")
    return many


@dataclass(frozen=True)
class Generated:
    """A case made at test time: how to make it, and what `reader check` must say about it."""

    make: Callable[[Path], Path]
    says: str
    exit: int = 1
    at: str | None = None
    """'line:column', or None for a problem about the whole file (printed as 'path: message')."""
    shown: str | None = None
    """The path as printed, when it is not the path made (a file inside a folder)."""
    timeout: float = TIMEOUT
    bug: str | None = None


GENERATED = {
    "70 MB file": Generated(_huge, "over the limit"),
    # libyaml stops flow lists itself, at depth 1000 ("exceeded maximum nesting depth"): located too
    "20,000 nested lists": Generated(_nested_list, "nesting", at="2:"),
    "20,000 nested mappings": Generated(_nested_map, "nesting deeper than 64 levels", at="1:257"),
    "20,000 nested block lists": Generated(_nested_block, "nesting deeper than 64 levels", at="1:129"),
    "symlink loop": Generated(_symlink_loop, "cannot read"),
    "dangling symlink": Generated(_dangling, "cannot read"),
    "folder named x.yaml": Generated(_directory, "is a folder, not a file", shown="x.yaml"),
    "symlink to /dev/zero": Generated(_dev_zero, "not a regular file"),
    "escape sequences in the file name": Generated(_escape_in_name, "YAML syntax error", at="2:1"),
    "a folder of 1000 articles, one bad": Generated(_thousand, "YAML syntax error", at="6:10", shown="a0500.yaml"),
    "FIFO": Generated(
        _fifo, "not a regular file", timeout=3,
    ),
}
"""Made at test time; `shown` names the file the problem is printed for when the argument is a folder."""


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
    huge = _huge(tmp_path)
    run = run_check(huge, env={"READER_MAX_BYTES": "1000"})
    assert_clean(run)
    assert run.returncode == 1 and "over the limit of 1,000" in run.stderr


# --- the app: the error screen for each bad file, and the good article still opens ------------


def _folder_with(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in names:
        shutil.copyfile(HOSTILE / name, folder / name)
    shutil.copyfile(GOOD, folder / "zz-good.yaml")
    return folder


def _error_text(app) -> str:
    return str(app.screen.query_one("#error-text").render())


async def _open_from_picker(app, pilot, index: int) -> None:
    picker = app.screen
    assert isinstance(picker, PickerScreen)
    picker.query_one(OptionList).highlighted = index
    await press(pilot, "enter")


def _sample() -> list[str]:
    """A few corpus files of each kind (the prefix of their name), for the slower UI test."""
    picked: dict[str, list[str]] = {}
    for name in ARTICLE_CASES:
        kind = name.split("-")[0]
        if len(picked.setdefault(kind, [])) < 1:
            picked[kind].append(name)
    extra = ["escape-in-key.yaml", "markup-in-key.yaml", "alias-bomb.yaml", "nul-byte.yaml", "latin-1.yaml", "utf-16.yaml"]
    return sorted({*sum(picked.values(), []), *extra})


UI_SAMPLE = ARTICLE_CASES if LONG else _sample()
"""Every bad article in the long run; a sample of each kind in the normal one (each error screen
takes about half a second to open and close)."""


def test_loading_locates_every_bad_article(tmp_path):
    """What the error screens show: load_entries on a folder of every bad article and a good one."""
    folder = _folder_with(tmp_path, ARTICLE_CASES)
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


async def test_app_shows_bad_articles_on_their_error_screen(tmp_path):
    """One folder with bad articles and one good one: each bad file opens its error screen
    at the right place, Esc goes back, and the good article still opens."""
    folder = _folder_with(tmp_path, UI_SAMPLE)
    app = make_app(folder)
    failures = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        entries = picker.entries
        assert len(entries) == len(UI_SAMPLE) + 1
        for index, entry in enumerate(entries):
            name = Path(entry.path).name
            if name == "zz-good.yaml":
                assert entry.article is not None
                continue
            if entry.article is not None:
                failures.append(f"{name}: loaded as an article")
                continue
            await _open_from_picker(app, pilot, index)
            if not isinstance(app.screen, ErrorScreen):
                failures.append(f"{name}: no error screen ({type(app.screen).__name__})")
                continue
            text = _error_text(app)
            case = EXPECTED[name]
            line, column = case["at"].split(":")
            if f"{line}:{column}" not in text or (case["says"] not in text and not case.get("bug")):
                failures.append(f"{name}: want {case['at']} …{case['says']}…, screen says:\n{text}")
            if "Traceback" in text or any(raw in text for raw in RAW):
                failures.append(f"{name}: traceback or raw control character on the error screen")
            await press(pilot, "escape")
            if not isinstance(app.screen, PickerScreen):
                failures.append(f"{name}: Esc did not go back to the picker")
                break
        good = next(i for i, e in enumerate(app.screen.entries) if e.path.endswith("zz-good.yaml"))
        await _open_from_picker(app, pilot, good)
        assert isinstance(app.screen, ReadingScreen) and app.screen.article.id == "mini"
    assert not failures, "\n".join(failures)


async def test_app_starts_with_bad_user_themes_and_names_them(tmp_path):
    themes = tmp_path / "user-themes"
    themes.mkdir()
    for name in THEME_CASES:
        shutil.copyfile(HOSTILE / name, themes / name)
    app = make_app(GOOD, user_themes_dir=themes)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
        shown = " ".join(notices(app))
        assert "could not be loaded" in shown
        for name in THEME_CASES:
            assert name in shown, f"{name} not named in the notice"
        assert app.theme not in ("hostile-theme",)


def _load_entries_within(paths: list[Path], seconds: float):
    """load_entries in a thread; None when it did not finish in time (a hang)."""
    result: list = []
    worker = threading.Thread(target=lambda: result.append(load_entries(paths)), daemon=True)
    worker.start()
    worker.join(seconds)
    return result[0] if result else None


APP_GENERATED = [k for k, v in GENERATED.items() if not v.bug and k not in ("70 MB file", "a folder of 1000 articles, one bad")]
"""The generated cases the app test puts in one folder (the big ones have their own test)."""


async def test_app_opens_the_good_article_beside_generated_cases(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    says = {}
    for case in APP_GENERATED:
        spec = GENERATED[case]
        target = spec.make(folder)
        if target.is_dir():  # a folder case: its contents go in the folder
            for child in target.iterdir():
                child.rename(folder / child.name)
            target.rmdir()
            target = folder / spec.shown
        says[target.name] = spec.says
    shutil.copyfile(GOOD, folder / "zz-good.yaml")
    loaded = _load_entries_within([folder], 60)
    assert loaded is not None, "loading the folder hung"
    entries, _ = loaded
    app = ReaderApp(entries)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        broken = {Path(e.path).name: i for i, e in enumerate(picker.entries) if e.article is None}
        assert set(broken) == set(says) | {"loop-b.yaml"}
        says["loop-b.yaml"] = "cannot read"
        for name, index in broken.items():
            await _open_from_picker(app, pilot, index)
            assert isinstance(app.screen, ErrorScreen), name
            text = _error_text(app)
            assert says[name] in text and not any(raw in text for raw in RAW), text
            await press(pilot, "escape")
        good = next(i for i, e in enumerate(app.screen.entries) if e.article is not None)
        await _open_from_picker(app, pilot, good)
        assert isinstance(app.screen, ReadingScreen)


def test_app_loads_a_folder_holding_a_fifo(tmp_path):
    _fifo(tmp_path)
    shutil.copyfile(GOOD, tmp_path / "zz-good.yaml")
    loaded = _load_entries_within([tmp_path], 3)
    if loaded is None:
        os.close(os.open(tmp_path / "fifo.yaml", os.O_WRONLY | os.O_NONBLOCK))  # release the blocked reader
        pytest.fail("loading a folder holding a FIFO hangs")
    entries, _ = loaded
    assert [Path(e.path).name for e in entries if e.article is None] == ["fifo.yaml"]


async def test_app_with_a_thousand_articles_and_a_huge_one(tmp_path):
    many = _thousand(tmp_path)
    _huge(many)
    app = make_app(many)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerScreen) and len(picker.entries) == 1001
        broken = [i for i, e in enumerate(picker.entries) if e.article is None]
        assert {Path(picker.entries[i].path).name for i in broken} == {"a0500.yaml", "huge.yaml"}
        for index in broken:
            await _open_from_picker(app, pilot, index)
            assert isinstance(app.screen, ErrorScreen)
            text = _error_text(app)
            assert "YAML syntax error" in text or "over the limit" in text
            await press(pilot, "escape")
        await _open_from_picker(app, pilot, 0)
        assert isinstance(app.screen, ReadingScreen)
