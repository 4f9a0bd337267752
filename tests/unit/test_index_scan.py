"""The index's stat pass (folder fingerprints), its stored articles (a search parses no YAML) and its one definition of a row's fields."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.library.database import fts_match
from reader.library.index import open_index
from reader.library.records import Summary, fold_all, loose
from reader.library.rows import Row
from reader.library.scan import fingerprint
from tests.unit.test_index import reopened_after, small


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "a.yaml").write_text(small("a", "Le gouvernement du Mali et Assimi Goïta.", person="Assimi Goïta", accords=2), encoding="utf-8")
    (folder / "b.yaml").write_text(small("b", "Plus de 10 000 tonnes au Mali.", published="2024-01-05", agency="AFP"), encoding="utf-8")
    return folder


def _stamp_later(path: Path) -> None:
    """Give a file a new modification time (as an edit would), whatever the clock's resolution."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))


def test_an_unchanged_folder_is_known_by_its_fingerprint(library: Path):
    index = open_index()
    index.refresh([library])
    recorded = index.connection.execute("SELECT value FROM meta WHERE key = ?", (f"folder:{library}",)).fetchone()
    assert recorded is not None and recorded[0].split()[1:2] == ["2"]
    again = index.refresh([library])
    assert (again.files, again.unchanged, again.added, again.updated, again.removed) == (2, 2, 0, 0, 0)


def test_a_rename_an_edit_an_addition_and_a_removal_change_the_fingerprint(library: Path):
    index = open_index()
    index.refresh([library])
    before = fingerprint(str(library))
    os.rename(library / "b.yaml", library / "renamed.yaml")  # same inode, same stamp: only the name differs
    assert fingerprint(str(library)) != before
    done = index.refresh([library])
    assert (done.added, done.removed, done.unchanged) == (1, 1, 1)
    assert sorted(row.path.name for row in index.list()) == ["a.yaml", "renamed.yaml"]
    _stamp_later(library / "a.yaml")
    assert index.refresh([library]).updated == 1
    (library / "c.yaml").write_text(small("c", "Encore le Mali."), encoding="utf-8")
    assert index.refresh([library]).added == 1
    (library / "c.yaml").unlink()
    done = index.refresh([library])
    assert (done.removed, done.files, index.count()) == (1, 2, 2)


def test_a_file_that_cannot_be_stated_keeps_the_folder_compared_file_by_file(library: Path):
    (library / "loop.yaml").symlink_to(library / "loop.yaml")
    assert fingerprint(str(library)) is None
    index = open_index()
    first = index.refresh([library])
    second = index.refresh([library])
    assert (first.broken, second.broken, second.files) == (1, 1, 3)
    assert index.connection.execute("SELECT count(*) FROM meta WHERE key LIKE 'folder:%'").fetchone() == (0,)


def test_search_reads_the_stored_articles_and_parses_no_yaml(library: Path, capsys, monkeypatch):
    import reader.load.build as build

    assert main(["index", str(library)]) == 0
    capsys.readouterr()

    def refuse(*args, **kwargs):
        raise AssertionError("a search of an unchanged, indexed library parsed a file")

    monkeypatch.setattr(build, "load_article", refuse)
    assert main(["search", "goita", str(library)]) == 0
    assert "Assimi Goïta" in capsys.readouterr().out


def test_a_damaged_stored_article_is_read_again_from_its_file(library: Path, capsys):
    index = open_index()
    index.refresh([library])
    index.connection.execute("UPDATE files SET built = x'00010203'")
    index.close()
    assert main(["search", "goita", str(library)]) == 0
    assert "Assimi Goïta" in capsys.readouterr().out


def test_row_fields_are_the_summary_fields_after_the_files_own(library: Path):
    assert Row._fields == ("shown", "loaded", "stored_problems", *Summary._fields)
    index = open_index()
    index.refresh([library])
    row = next(r for r in index.list() if r.path.name == "a.yaml")
    assert (row.article_id, row.title, row.published, row.source, row.accords, row.drafts) == ("a", "Titre a", "2025-06-23", "APA", 2, 0)


def test_fts_match_asks_every_trigram_of_a_word():
    assert fts_match("goita") == '"goi" AND "oit" AND "ita"'
    assert fts_match('a"bc') == '"a""b" AND """bc"'
    assert fts_match("aaaa") == '"aaa"'


@pytest.mark.parametrize("texts", [["Élodie", "  deux  espaces ", "Œuvre", "ﬁn", "e\u0301t\u00e9", ""], ["x"], ["", ""]])
def test_folding_texts_together_is_folding_each(texts: list[str]):
    assert fold_all(texts) == [loose(t) for t in texts]


def test_a_fingerprint_is_not_recorded_when_another_process_wrote_meanwhile(library: Path, monkeypatch):
    import reader.library.index as module

    index = open_index()
    other = open_index()
    real = module.scan_roots

    def scan_then_another_writes(db, paths, version):
        found = real(db, paths, version)
        other.store(library / "a.yaml", None, None)  # another process's write after this scan
        return found

    monkeypatch.setattr(module, "scan_roots", scan_then_another_writes)
    index.refresh([library])
    assert index.connection.execute("SELECT count(*) FROM meta WHERE key LIKE 'folder:%'").fetchone() == (0,)
    monkeypatch.setattr(module, "scan_roots", real)
    index.refresh([library])  # compared file by file: the row the other wrote (no stamp) is indexed again
    assert index.connection.execute("SELECT count(*) FROM meta WHERE key LIKE 'folder:%'").fetchone() == (1,)
    assert index.refresh([library]).unchanged == 2


def test_an_index_of_the_layout_before_is_rebuilt_and_keeps_same_as(library: Path):
    # layout 4: entities without their same_as ids, which only reading the files again gives
    index = reopened_after(library, "ALTER TABLE entities DROP COLUMN same_as; UPDATE meta SET value = '4' WHERE key = 'schema';")
    db = index.connection
    assert db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == ("5",)
    assert "same_as" in [row[1] for row in db.execute("PRAGMA table_info(entities)")]
    assert index.refresh([library]).added == 2  # read again
    plan = " ".join(str(row) for row in db.execute(
        "EXPLAIN QUERY PLAN SELECT f.path, f.loaded, coalesce(f.article_id, ''), f.id FROM files f WHERE f.dir = ? ORDER BY f.path", ("x",)))
    assert "COVERING INDEX files_scan" in plan  # a search's candidates never read the rows (nor their stored articles)
