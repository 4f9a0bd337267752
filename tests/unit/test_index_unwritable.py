"""An index file that cannot be written (read-only, locked, full): every command says so in one line and works,
`reader index` fails at once (exit 1) rather than index for nothing; `--rebuild PATH` rebuilds that path only.

We run as root, whom chmod does not stop: a read-only index is one opened with SQLite's ``mode=ro``
(it then refuses every write as on a read-only mount: "attempt to write a readonly database").
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import reader.library.database as database
import reader.library.index as index_module
from reader.cli.main import main
from reader.library.index import Index, index_path, open_index
from tests.unit.test_index import small


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "a.yaml").write_text(small("a", "Le gouvernement du Mali et Assimi Goïta.", person="Assimi Goïta"), encoding="utf-8")
    (folder / "b.yaml").write_text(small("b", "Plus de 10 000 tonnes au Mali."), encoding="utf-8")
    return folder


@pytest.fixture
def other(tmp_path: Path) -> Path:
    folder = tmp_path / "other"
    folder.mkdir()
    (folder / "c.yaml").write_text(small("c", "Ousmane Koné au Mali."), encoding="utf-8")
    return folder


def read_only(monkeypatch) -> None:
    """From now on the index file opens read-only (as on a read-only mount, or built by another user)."""
    real = database.connect

    def connect(path):
        db = real(path)  # made as a reader made it before
        if str(path) == ":memory:":
            return db
        db.close()
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)

    monkeypatch.setattr(index_module, "connect", connect)


def edit(path: Path, text: str) -> None:
    path.write_text(small(path.stem, text), encoding="utf-8")


def one_line_without_it(err: str) -> None:
    lines = [line for line in err.splitlines() if "library index" in line]
    assert len(lines) == 1 and lines[0].startswith("reader: cannot use the library index in "), err
    assert lines[0].endswith("; working without it (slower)") and "Traceback" not in err


# every command works without it -----------------------------------------------------------------

def test_check_changed_with_a_read_only_index_checks_every_file(library: Path, monkeypatch, capsys):
    assert main(["index", str(library)]) == 0
    edit(library / "a.yaml", "Texte changé.")
    read_only(monkeypatch)
    capsys.readouterr()
    assert main(["check", "--changed", str(library)]) == 0
    out, err = capsys.readouterr()
    one_line_without_it(err)
    assert "attempt to write a readonly database" in err
    assert "a.yaml: ok" in out and "b.yaml: ok" in out  # once without the index, every file is checked
    assert "0 files unchanged" in out


def test_check_changed_with_a_read_only_index_and_nothing_changed_uses_it(library: Path, monkeypatch, capsys):
    assert main(["check", "--changed", str(library)]) == 0
    read_only(monkeypatch)
    capsys.readouterr()
    assert main(["check", "--changed", str(library)]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "2 files unchanged since they last passed" in out  # read, never written


def test_a_store_into_a_locked_index_goes_on_in_memory(library: Path, monkeypatch):
    index = open_index()
    index.refresh([library])
    monkeypatch.setattr(database, "BUSY_SECONDS", 0.05)
    index.close()
    notices: list[str] = []
    index = open_index(notice=notices.append)
    writer = sqlite3.connect(index_path(), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process writing, longer than the busy timeout
    try:
        from reader.load.build import load_article
        from reader.load.files import file_stamp

        for name in ("a.yaml", "b.yaml"):
            path = library / name
            index.store(path, file_stamp(path), load_article(path))
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert index.in_memory and len(notices) == 1 and "database is locked" in notices[0]
    assert index.unusable is not None and notices[0].startswith(index.unusable)
    assert index.passed(library / "b.yaml")  # stored in memory after the switch


def test_a_refresh_that_fills_the_disk_goes_on_in_memory(library: Path, other: Path, monkeypatch):
    index = open_index()
    index.refresh([library])
    pages = index.connection.execute("PRAGMA page_count").fetchone()[0]
    index.connection.execute(f"PRAGMA max_page_count = {pages}")  # no room for one more page: as a full disk
    for n in range(40):
        (other / f"n{n}.yaml").write_text(small(f"n{n}", "Un texte assez long pour remplir des pages. " * 20), encoding="utf-8")
    notices: list[str] = []
    index.notice = notices.append
    done = index.refresh([library, other])
    assert index.in_memory and len(notices) == 1 and "full" in notices[0]
    assert done.files == 43 and done.added == 43 and index.count() == 43  # all there, in memory
    assert [row.article_id for row in index.list("person:goita")] == ["a"]


def test_notices_carry_one_prefix(library: Path, tmp_path: Path, monkeypatch, capsys):
    (tmp_path / "plain-file").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "plain-file"))
    notices: list[str] = []
    open_index(notice=notices.append).close()
    assert notices[0].startswith("cannot use the library index in ")  # whoever shows it adds its own prefix
    open_index().close()  # the command line's: said on stderr as "reader: ..."
    assert capsys.readouterr().err.startswith("reader: cannot use the library index in ")


def test_feeds_do_not_index_in_memory_for_nothing(library: Path, tmp_path: Path, monkeypatch):
    from reader.feeds.update import index_new_articles

    (tmp_path / "plain-file").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "plain-file"))
    monkeypatch.setattr(Index, "_refresh", lambda *args: pytest.fail("indexed in memory"))
    note = index_new_articles(library)
    assert note is not None and note.startswith("the library index was not refreshed: cannot use the library index in ")
    assert "reader:" not in note  # `reader feeds` says "NAME: note: ..." before it


# `reader index` -----------------------------------------------------------------------------------

def test_reader_index_without_a_usable_cache_fails_at_once(library: Path, tmp_path: Path, monkeypatch, capsys):
    (tmp_path / "plain-file").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "plain-file"))
    monkeypatch.setattr(Index, "_refresh", lambda *args: pytest.fail("indexed for nothing"))
    assert main(["index", str(library)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("reader: cannot use the library index in ") and err.endswith("; nothing indexed\n")
    assert err.count("\n") == 1
    assert main(["index", "--status"]) == 1
    assert capsys.readouterr().err.startswith("reader: cannot use the library index in ")


def test_reader_index_with_a_read_only_index(library: Path, monkeypatch, capsys):
    assert main(["index", str(library)]) == 0
    read_only(monkeypatch)
    capsys.readouterr()
    assert main(["index", str(library)]) == 0  # nothing changed: nothing to write, the index is up to date
    assert "2 unchanged" in capsys.readouterr().out
    edit(library / "b.yaml", "Un autre texte.")
    assert main(["index", str(library)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == (f"reader: cannot write to the library index {index_path()} (attempt to write a readonly database);"
                                 " nothing more was indexed\n")
    assert main(["index", "--rebuild", str(library)]) == 1
    assert "cannot write to the library index" in capsys.readouterr().err


def test_reader_index_rebuild_of_a_path_keeps_the_others(library: Path, other: Path, capsys):
    assert main(["index", str(library), str(other)]) == 0
    capsys.readouterr()
    assert main(["index", "--rebuild", str(other)]) == 0
    assert "1 file: 1 added, 0 updated" in capsys.readouterr().out
    index = open_index()
    assert index.status()["files"] == 3  # the library's entries are still there
    assert index.refresh([library]).unchanged == 2
    index.close()
    assert main(["index", "--rebuild", str(library / "a.yaml")]) == 0  # one file
    assert "1 file: 1 added" in capsys.readouterr().out
    assert main(["index", str(library), str(other)]) == 0
    assert "3 files: 0 added, 0 updated, 0 removed, 3 unchanged" in capsys.readouterr().out


def test_reader_index_rebuild_without_a_path_starts_over(library: Path, other: Path, capsys):
    assert main(["index", str(library), str(other)]) == 0
    assert main(["index", "--rebuild", str(other)]) == 0
    capsys.readouterr()
    assert main(["index", "--rebuild"]) == 0  # the bundled articles only, in a new index
    assert ", 0 unchanged" in capsys.readouterr().out
    index = open_index()
    assert index.refresh([library, other]).added == 3
    index.close()


def test_reader_index_help_says_what_rebuild_and_the_exit_statuses_are(capsys):
    assert main(["index", "--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "other folders' entries are kept" in out and "with no PATH, throw the whole index away" in out
    assert "1 when the index cannot be saved" in out


def test_a_refresh_that_collides_with_another_process_looks_again(library: Path, monkeypatch):
    real = index_module.scan_roots
    scans: list[int] = []

    def scan(db, paths, version):
        found = real(db, paths, version)
        if not scans:  # another process indexes the same files between this one's look and its write
            scans.append(1)
            other = open_index()
            other.refresh(paths)
            other.close()
        return found

    monkeypatch.setattr(index_module, "scan_roots", scan)
    notices: list[str] = []
    index = open_index(notice=notices.append)
    done = index.refresh([library], in_memory=False)  # was: constraint failed (the index given up, in memory)
    assert notices == [] and not index.in_memory
    assert (done.files, done.unchanged) == (2, 2) and index.count() == 2
    entities = index.connection.execute("SELECT count(*) FROM entities").fetchone()[0]
    index.close()
    fresh = open_index()
    fresh.forget([library])
    fresh.refresh([library])
    assert fresh.connection.execute("SELECT count(*) FROM entities").fetchone()[0] == entities  # nothing twice
