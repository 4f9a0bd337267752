"""`reader index`'s lines group every number the same way: "22,322 files ... (22,322 loaded ...), 134,058 entities"."""

from __future__ import annotations

import re
from pathlib import Path

from reader.cli.main import main
from reader.library.reads import IndexReads
from tests.paths import BUNDLED


def test_status_groups_every_number(monkeypatch, capsys):
    status = IndexReads.status

    def big(index) -> dict[str, object]:  # a library too big to build in a test: its counts, as the index holds them
        return {**status(index), "files": 22322, "loaded": 22322, "broken": 0, "folders": 1006, "entities": 134058}

    monkeypatch.setattr(IndexReads, "status", big)
    assert main(["index", "--status"]) == 0
    out = capsys.readouterr().out
    assert "22,322 files in 1,006 folders (22,322 loaded, 0 broken), 134,058 entities" in out
    assert not re.search(r"\d{4}", out.split(", reader ")[0].split(": ", 1)[1])  # no ungrouped figure before the version


def test_one_file_and_its_summary_stay_singular(tmp_path: Path, capsys):
    library = tmp_path / "lib"
    library.mkdir()
    (library / "a.yaml").write_bytes(BUNDLED.read_bytes())
    assert main(["index", str(library)]) == 0
    assert capsys.readouterr().out.startswith("1 file: 1 added, 0 updated, 0 removed, 0 unchanged, 0 broken, in ")
    assert main(["index", "--status"]) == 0
    assert re.search(r": 1 file in 1 folder \(1 loaded, 0 broken\), \d+ entities", capsys.readouterr().out)
