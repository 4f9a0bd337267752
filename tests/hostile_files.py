"""The hostile files: the committed corpus (tests/data/hostile, expected.yaml says where each problem is
reported) and the cases too large or odd to commit, made at test time; shared by the unit and app tests."""

from __future__ import annotations

import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

from reader.library.entries import load_entries

HOSTILE = Path(__file__).parent / "data" / "hostile"
from tests.paths import MINIMAL as GOOD
EXPECTED: dict[str, dict[str, str]] = yaml.safe_load((HOSTILE / "expected.yaml").read_text(encoding="utf-8"))
CASES = sorted(EXPECTED)
ARTICLE_CASES = [name for name in CASES if not name.startswith("theme-")]
THEME_CASES = [name for name in CASES if name.startswith("theme-")]
TIMEOUT = 60
"""Seconds a `reader check` may take before it counts as a hang (generous: the point is 'never hangs')."""
LONG = os.environ.get("READER_LONG") == "1"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\x00")
MINIMAL = GOOD.read_text(encoding="utf-8")


def make_huge(folder: Path) -> Path:
    path = folder / "huge.yaml"
    line = b"# " + b"x" * 1021 + b"\n"
    with path.open("wb") as handle:
        for _ in range(70 * 1024):
            handle.write(line)
    assert path.stat().st_size >= 70 * 1024 * 1024
    return path


def make_nested_list(folder: Path) -> Path:
    path = folder / "nesting-20000-list.yaml"
    path.write_text("id: x\ntags: " + "[" * 20_000 + "]" * 20_000 + "\n", encoding="utf-8")
    return path


def make_nested_map(folder: Path) -> Path:
    path = folder / "nesting-20000-map.yaml"
    path.write_text("{a: " * 20_000 + "x" + "}" * 20_000 + "\n", encoding="utf-8")
    return path


def make_nested_block(folder: Path) -> Path:
    path = folder / "nesting-20000-block.yaml"
    path.write_text("- " * 20_000 + "x\n", encoding="utf-8")
    return path


def make_symlink_loop(folder: Path) -> Path:
    (folder / "loop-a.yaml").symlink_to(folder / "loop-b.yaml")
    (folder / "loop-b.yaml").symlink_to(folder / "loop-a.yaml")
    return folder / "loop-a.yaml"


def make_dangling(folder: Path) -> Path:
    (folder / "dangling.yaml").symlink_to(folder / "nowhere.yaml")
    return folder / "dangling.yaml"


def make_directory(folder: Path) -> Path:
    (folder / "inner").mkdir()
    (folder / "inner" / "x.yaml").mkdir()
    return folder / "inner"


def make_fifo(folder: Path) -> Path:
    os.mkfifo(folder / "fifo.yaml")
    return folder / "fifo.yaml"


def make_dev_zero(folder: Path) -> Path:
    (folder / "zero.yaml").symlink_to("/dev/zero")
    return folder / "zero.yaml"


def make_escape_in_name(folder: Path) -> Path:
    path = folder / "evil\x1b]0;pwned\x07\u202e.yaml"
    path.write_text("id: [oops\n", encoding="utf-8")
    return path


def make_thousand(folder: Path) -> Path:
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
    "70 MB file": Generated(make_huge, "over the limit"),
    # libyaml stops flow lists itself, at depth 1000 ("exceeded maximum nesting depth"): located too
    "20,000 nested lists": Generated(make_nested_list, "nesting", at="2:"),
    "20,000 nested mappings": Generated(make_nested_map, "nesting deeper than 64 levels", at="1:257"),
    "20,000 nested block lists": Generated(make_nested_block, "nesting deeper than 64 levels", at="1:129"),
    "symlink loop": Generated(make_symlink_loop, "cannot read"),
    "dangling symlink": Generated(make_dangling, "cannot read"),
    "folder named x.yaml": Generated(make_directory, "is a folder, not a file", shown="x.yaml"),
    "symlink to /dev/zero": Generated(make_dev_zero, "not a regular file"),
    "escape sequences in the file name": Generated(make_escape_in_name, "YAML syntax error", at="1:5"),
    "a folder of 1000 articles, one bad": Generated(make_thousand, "YAML syntax error", at="5:11", shown="a0500.yaml"),
    "FIFO": Generated(make_fifo, "not a regular file"),
}
"""Made at test time; `shown` names the file the problem is printed for when the argument is a folder."""


def folder_with(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in names:
        shutil.copyfile(HOSTILE / name, folder / name)
    shutil.copyfile(GOOD, folder / "zz-good.yaml")
    return folder


def load_entries_within(paths: list[Path], seconds: float):
    """load_entries in a thread; None when it did not finish in time (a hang)."""
    result: list = []
    worker = threading.Thread(target=lambda: result.append(load_entries(paths)), daemon=True)
    worker.start()
    worker.join(seconds)
    return result[0] if result else None
