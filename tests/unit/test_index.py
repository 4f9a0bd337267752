"""The library index: never stale, a cache (corrupt, read-only, two processes), bad files, typed filters, the CLI."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.cli.progress import ProgressLine
from reader.library.filters import FilterError, parse_filter
from reader.library.database import VERSION
from reader.library.index import index_path, open_index
from reader.search.query import parse_query
from tests.benchmarks.library import RARE, article, write_library

from tests.paths import BUNDLED as BUNDLED_ARTICLE, ROOT


def small(article_id: str, text: str, *, published: str = "2025-06-23", agency: str = "APA", person: str | None = None,
          accords: int = 0, draft: bool = False) -> str:
    """A valid article; ``person`` an alias found in the text."""
    entities = ""
    if person:
        entities = (f"entities:\n  - {{id: p, type: person, name: \"{person}\", description: d, aliases: [\"{person}\"]"
                    f"{', draft: true' if draft else ''}}}\n  - {{id: m, type: place, name: Mali, description: d, aliases: [Mali]}}\n")
    numbered = ""
    if accords:
        numbered = "accords:\n" + "".join(
            f"  - {{id: a{k}, number: {k}, title: T, parties: [m], summary: S, anchor: {{section: corps}}}}\n" for k in range(1, accords + 1))
    return (f"format: 1\nid: {article_id}\ntitle: \"Titre {article_id}\"\nlanguage: fr\npublished: \"{published}\"\n"
            f"source: {{agency: {agency}}}\nsections:\n  - id: corps\n    kind: body\n    heading: H\n    paragraphs:\n"
            f"      - \"{text}\"\n{entities}{numbered}")


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "a.yaml").write_text(small("a", "Le gouvernement du Mali et Assimi Goïta.", person="Assimi Goïta", accords=3), encoding="utf-8")
    (folder / "b.yaml").write_text(small("b", "Plus de 10 000 tonnes au Mali.", published="2024-01-05", agency="AFP"), encoding="utf-8")
    (folder / "c.yaml").write_text(small("c", "Rien à voir, Ousmane Koné au Mali.", published="2025-06-01", person="Ousmane Koné",
                                         draft=True), encoding="utf-8")
    return folder


def search_names(index, text: str) -> list[str]:
    return [c.path.name for c in index.candidates(parse_query(text)) if c.may_match]


# never stale --------------------------------------------------------------------------------------

def test_refresh_adds_then_finds_nothing_changed(library: Path):
    index = open_index()
    first = index.refresh([library])
    assert (first.added, first.unchanged, first.broken) == (3, 0, 0)
    again = index.refresh([library])
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert index.count() == 3


def test_an_edit_is_seen_by_the_next_search(library: Path, capsys):
    assert main(["search", "rosatom", str(library)]) == 1
    capsys.readouterr()
    path = library / "b.yaml"
    path.write_text(small("b", "Rosatom livre 10 000 tonnes."), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # even a clock going backwards is a change (the stamp differs)
    assert main(["search", "rosatom", str(library)]) == 0
    assert "b.yaml:corps: Rosatom livre" in capsys.readouterr().out


def test_new_files_are_added_and_gone_ones_dropped(library: Path):
    index = open_index()
    index.refresh([library])
    (library / "a.yaml").unlink()
    (library / "d.yaml").write_text(small("d", "Un nouveau texte."), encoding="utf-8")
    done = index.refresh([library])
    assert (done.added, done.removed, done.unchanged) == (1, 1, 2)
    assert [row.path.name for row in index.list("", "title")] == ["b.yaml", "c.yaml", "d.yaml"]
    assert index.status()["files"] == 3


def test_a_file_touched_but_not_changed_keeps_its_record(library: Path):
    index = open_index()
    index.refresh([library])
    os.utime(library / "a.yaml", ns=(5, 5))
    done = index.refresh([library])
    assert done.updated == 1
    assert search_names(index, "goita") == ["a.yaml"]


def test_a_file_argument_never_drops_its_neighbours(library: Path):
    index = open_index()
    index.refresh([library])
    index.refresh([library / "a.yaml"])
    assert index.count() == 1
    assert index.refresh([library]).unchanged == 3


# bad input ----------------------------------------------------------------------------------------

def test_a_broken_file_is_listed_with_its_problems(library: Path):
    (library / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    index = open_index()
    done = index.refresh([library])
    assert done.broken == 1 and index.count() == 4
    [row] = index.list("broken:yes")
    assert row.path == library / "broken.yaml" and not row.loaded
    assert row.problems and all(p.path == str(library / "broken.yaml") for p in row.problems)
    assert row.problems[0].line >= 1  # located
    assert len(index.list("broken:no")) == 3


def test_symlink_loops_dangling_links_and_other_files(library: Path):
    (library / "loop.yaml").symlink_to(library / "loop.yaml")
    (library / "gone.yaml").symlink_to(library / "nowhere.yaml")
    (library / "notes.txt").write_text("not an article", encoding="utf-8")
    (library / "binary.yaml").write_bytes(b"\x00\xff\xfe garbage")
    index = open_index()
    done = index.refresh([library])
    assert done.files == 6 and done.broken == 3  # notes.txt is not an article file
    messages = {row.path.name: row.problems[0].message for row in index.list("broken:yes")}
    assert set(messages) == {"loop.yaml", "gone.yaml", "binary.yaml"}
    assert "cannot read" in messages["gone.yaml"]


def test_a_file_that_vanishes_while_indexed(library: Path, monkeypatch):
    import reader.load.yamlsource as module  # the index imports it when it reads a file

    real = module.read_text

    def vanishing(path, max_bytes=None):
        if path.name == "b.yaml":
            path.unlink()
        return real(path, max_bytes)

    monkeypatch.setattr(module, "read_text", vanishing)
    index = open_index()
    done = index.refresh([library])
    assert done.broken == 1 and index.count() == 3
    monkeypatch.setattr(module, "read_text", real)
    assert index.refresh([library]).removed == 1
    assert index.count() == 2


def test_a_missing_path_is_a_problem_not_a_crash(tmp_path: Path):
    index = open_index()
    done = index.refresh([tmp_path / "absent"])
    assert [p.message for p in done.problems] == ["no such file or folder"]
    assert index.count() == 0


# a cache ------------------------------------------------------------------------------------------

def test_the_index_lives_in_the_cache_folder(isolated_home: Path):
    assert index_path() == isolated_home / "cache" / "reader" / "index.sqlite3"


def test_a_corrupt_index_is_rebuilt_with_a_notice(library: Path):
    path = index_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    notices: list[str] = []
    index = open_index(notice=notices.append)
    assert not index.in_memory
    assert len(notices) == 1 and "unreadable" in notices[0] and "rebuilding" in notices[0]
    assert index.refresh([library]).added == 3
    assert search_names(index, "goita") == ["a.yaml"]


def test_a_deleted_index_loses_nothing(library: Path, capsys):
    assert main(["search", "goita", str(library)]) == 0
    first = capsys.readouterr().out
    for name in os.listdir(index_path().parent):
        os.unlink(index_path().parent / name)
    assert main(["search", "goita", str(library)]) == 0
    assert capsys.readouterr().out == first


def reopened_after(library: Path, sql: str):
    """The index of a library, opened again after the given SQL changed it (as an older reader would have left it)."""
    index = open_index()
    index.refresh([library])
    index.connection.executescript(sql)
    index.close()
    return open_index()


def test_another_schema_is_rebuilt(library: Path):
    index = reopened_after(library, "UPDATE meta SET value = '0' WHERE key = 'schema';")
    assert index.status()["files"] == 0
    assert index.refresh([library]).added == 3


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_cache_folder_means_working_without_it(library: Path, capsys):
    folder = index_path().parent
    folder.mkdir(parents=True)
    folder.chmod(0o500)
    try:
        assert main(["search", "goita", str(library)]) == 0
        assert main(["search", "goita", str(library)]) == 0
    finally:
        folder.chmod(0o700)
    out, err = capsys.readouterr()
    assert out.count("a.yaml:corps:") == 2
    assert err.count("working without it") == 1  # said once


def test_a_cache_folder_that_cannot_be_made_means_working_without_it(library: Path, tmp_path: Path, monkeypatch, capsys):
    (tmp_path / "plain-file").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "plain-file"))
    notices: list[str] = []
    index = open_index(notice=notices.append)
    assert index.in_memory and len(notices) == 1 and "working without it" in notices[0]
    assert index.refresh([library]).added == 3
    assert index.list("person:goita")[0].article_id == "a"
    assert main(["search", "goita", str(library)]) == 0
    assert main(["search", "goita", str(library)]) == 0
    out, err = capsys.readouterr()
    assert out.count("a.yaml:corps:") == 2 and err.count("working without it") == 1  # said once


def test_two_processes_at_once_corrupt_nothing(tmp_path: Path):
    folder = write_library(120, tmp_path / "many")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"), PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "reader", "index", str(folder)]
    processes = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [p.communicate(timeout=300) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], results
    database = sqlite3.connect(tmp_path / "cache" / "reader" / "index.sqlite3")
    assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert database.execute("SELECT count(*), sum(loaded) FROM files").fetchone() == (120, 120)
    assert database.execute("SELECT count(*) FROM body").fetchone() == (120,)
    database.close()


# what it holds and the filters --------------------------------------------------------------------

def test_rows_hold_the_metadata(library: Path):
    index = open_index()
    index.refresh([library])
    row = next(r for r in index.list() if r.article_id == "a")
    assert (row.title, row.published, row.source, row.language, row.accords, row.drafts) == ("Titre a", "2025-06-23", "APA", "fr", 3, 0)
    assert next(r for r in index.list() if r.article_id == "c").drafts == 1


@pytest.mark.parametrize("text, expected", [
    ("", ["a", "c", "b"]),
    ("gouv", ["a"]),                     # a word's start
    ("ouvern", []),                      # not inside a word
    ("GOUV mali", ["a"]),                # every word, case and accents ignored
    ("goita", ["a"]),
    ("person:goïta", ["a"]),
    ("person:kone", ["c"]),
    ("place:mali", ["a", "c"]),
    ("org:mali", []),
    ("source:afp", ["b"]),
    ("date:2025-06", ["a", "c"]),
    ("date:<2025", ["b"]),
    ("accords:>2", ["a"]),
    ("accords:0", ["c", "b"]),
    ("draft:yes", ["c"]),
    ("draft:no source:apa", ["a"]),
    ('person:"assimi goita"', ["a"]),
    ("10000", ["b"]),                    # numbers however grouped
])
def test_filters(library: Path, text: str, expected: list[str]):
    index = open_index()
    index.refresh([library])
    assert [row.article_id for row in index.list(text, "date")] == expected


def test_sorts(library: Path):
    index = open_index()
    (library / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    index.refresh([library])
    assert [r.article_id for r in index.list("", "date")] == ["a", "c", "b", ""]  # newest first, broken files last
    assert [r.source for r in index.list("", "source")][:3] == ["AFP", "APA", "APA"]
    assert [r.title for r in index.list("", "title")][:3] == ["Titre a", "Titre b", "Titre c"]


@pytest.mark.parametrize("text, message, position", [
    ("persn:goita", "did you mean 'person:'", 0),
    ("mali accords:many", "expected a number of accords", 13),
    ("draft:perhaps", "expected yes or no", 6),
    ("date:2025-13", "no month 13", 10),
])
def test_bad_filters_say_where(text: str, message: str, position: int):
    with pytest.raises(FilterError) as caught:
        parse_filter(text)
    assert message in caught.value.message and caught.value.position == position


def test_a_note_like_word_stays_free_text():
    assert parse_filter("note: rosatom").words == ("note:", "rosatom")


def test_search_candidates_narrow_and_never_hide(library: Path):
    index = open_index()
    index.refresh([library])
    assert search_names(index, "goita") == ["a.yaml"]
    assert search_names(index, "10000") == ["b.yaml"]     # "10 000" in the text
    assert search_names(index, "mali") == ["a.yaml", "b.yaml", "c.yaml"]
    assert search_names(index, "ml") == ["a.yaml", "b.yaml", "c.yaml"]  # too short to narrow: every file


# the command line ---------------------------------------------------------------------------------

def test_reader_index_summary_status_rebuild(library: Path, capsys):
    assert main(["index", str(library)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 files: 3 added, 0 updated, 0 removed, 0 unchanged, 0 broken, in ") and str(index_path()) in out
    assert main(["index", str(library)]) == 0
    assert "3 unchanged" in capsys.readouterr().out
    assert main(["index", "--status"]) == 0
    status = capsys.readouterr().out
    assert "3 files in 1 folder (3 loaded, 0 broken)" in status and VERSION in status
    assert main(["index", "--rebuild", str(library)]) == 0
    assert "3 added" in capsys.readouterr().out


def test_reader_index_bad_path(tmp_path: Path, capsys):
    assert main(["index", str(tmp_path / "absent")]) == 2
    out, err = capsys.readouterr()
    assert "no such file or folder" in err
    assert out == ""  # no summary of an index of nothing beside the error


def test_reader_index_a_bad_path_beside_a_good_one_still_summarises(tmp_path: Path, capsys):
    library = tmp_path / "lib"
    library.mkdir()
    shutil.copyfile(BUNDLED_ARTICLE, library / "a.yaml")
    assert main(["index", str(library), str(tmp_path / "absent")]) == 2
    out, err = capsys.readouterr()
    assert "no such file or folder" in err and "1 file: 1 added" in out


def test_progress_on_a_terminal_only():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    clock = iter([0.0, 1.0, 1.05, 2.0, 2.0]).__next__
    shown = Terminal()
    progress = ProgressLine("indexing", shown, clock=clock)
    progress(10, 40)
    progress(11, 40)  # within a tenth of a second: not redrawn
    progress(40, 40)
    progress.clear()
    assert shown.getvalue() == ("\r\x1b[Kindexing 10/40 files · 10/s · 0:03 left"
                                "\r\x1b[Kindexing 40/40 files · 20/s · 0:00 left\r\x1b[K")
    piped = io.StringIO()
    ProgressLine("indexing", piped)(1, 2)
    assert piped.getvalue() == ""


def test_check_changed_checks_only_what_changed(library: Path, capsys):
    (library / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    assert main(["check", "--changed", str(library)]) == 1
    out = capsys.readouterr().out
    assert out.count(": ok") == 3 and "0 files unchanged" in out
    assert main(["check", "--changed", str(library)]) == 1
    out = capsys.readouterr().out
    assert ": ok" not in out and "broken.yaml: " in out and "3 files unchanged since they last passed" in out
    (library / "a.yaml").write_text(small("a", "Texte changé."), encoding="utf-8")
    assert main(["check", "--changed", str(library / "a.yaml")]) == 0
    assert "a.yaml: ok" in capsys.readouterr().out


def test_generated_articles_are_valid_and_diverse(tmp_path: Path):
    folder = write_library(110, tmp_path / "gen")
    index = open_index()
    done = index.refresh([folder])
    assert done.broken == 0
    assert len({row.title for row in index.list()}) > 90
    assert len(index.list(f"person:{RARE}")) == 2
    assert article(7) != article(8)


def test_suggest_entity_names_by_prefix(library: Path):
    index = open_index()
    index.refresh([library])
    assert index.suggest("mal") == [("place", "mali", 2)]
    assert index.suggest("go", "person") == [("person", "assimi goita", 1)]  # any word of the name
    assert index.suggest("go", "place") == [] and index.suggest("  ") == []


def test_free_words_find_ids_dates_file_names_and_broken_paths(library: Path):
    (library / "cassé.yaml").write_text("id: [\n", encoding="utf-8")
    index = open_index()
    index.refresh([library])
    assert [r.article_id for r in index.list("2024-01")] == ["b"]
    assert [r.path.name for r in index.list("c.yaml")] == ["c.yaml"]
    assert [r.path.name for r in index.list("casse")] == ["cassé.yaml"]


def test_a_search_while_another_process_writes_reads_every_file(library: Path, capsys, monkeypatch):
    import reader.library.database as database

    assert main(["search", "goita", str(library)]) == 0
    first = capsys.readouterr().out
    (library / "b.yaml").write_text(small("b", "Goïta encore."), encoding="utf-8")
    monkeypatch.setattr(database, "BUSY_SECONDS", 0.05)
    writer = sqlite3.connect(index_path(), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
    try:
        assert main(["search", "goita", str(library)]) == 0
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    out, err = capsys.readouterr()
    assert "cannot be used now" in err and "searching every file" in err
    assert out.startswith(first) and out[len(first):] == f"{library / 'b.yaml'}:corps: Goïta encore.\n"  # the edit seen, through a full scan


@pytest.mark.parametrize("text", [
    "Le gouvernement du Mali et Assimi Goïta.",
    "La ﬁn de l’œuvre : Straße, e\u0301cole, ½ et 10\u202f000 tonnes,  deux  espaces\u00a0et\\ttabulations.",
])
def test_the_build_folds_the_text_once_and_indexes_what_folding_it_again_gives(tmp_path: Path, text: str):
    from reader.library.records import record_of
    from reader.load.build import build_article_folded
    from reader.load.yamlsource import load

    path = tmp_path / "a.yaml"
    path.write_text(small("a", text, person="Assimi Goïta" if "Goïta" in text else None), encoding="utf-8")
    for source in (path, BUNDLED_ARTICLE):
        article, folded = build_article_folded(load(source), str(source))
        assert record_of(article, folded) == record_of(article)


def test_a_batch_inserts_its_texts_after_its_other_rows(library: Path):
    """The text table's rows of a refresh's transaction come after every other statement of it: a
    statement between two (the files row's upsert opens a savepoint) wrote FTS5's pending terms
    out as a segment per file, merged again and again (most of a cold build's SQLite time)."""
    index = open_index()
    index.refresh([library])
    (library / "a.yaml").write_text(small("a", "Autre texte, Goïta au Mali.", person="Goïta"), encoding="utf-8")
    (library / "d.yaml").write_text(small("d", "Un nouveau, à Kayes."), encoding="utf-8")
    statements: list[str] = []
    index.connection.set_trace_callback(statements.append)
    done = index.refresh([library])
    index.connection.set_trace_callback(None)
    assert (done.added, done.updated, done.broken) == (1, 1, 0)
    transactions = [t.split("COMMIT")[0] for t in "\n".join(statements).split("BEGIN IMMEDIATE")[1:]]
    batches = [sql for sql in transactions if "INSERT INTO files(" in sql]
    assert batches
    for sql in batches:
        assert "INSERT INTO body(" in sql
        after = sql[sql.index("INSERT INTO body("):]
        for other in ("INTO files", "INTO entities", "INTO figures", "INTO dates", "UPDATE files", "INTO meta"):
            assert other not in after, other
    assert search_names(index, "kayes") == ["d.yaml"] and search_names(index, "autre") == ["a.yaml"]
    assert search_names(index, "gouvernement") == []
