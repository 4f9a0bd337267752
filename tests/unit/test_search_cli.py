"""`reader search`: output format (led by each file's path), colour only on a terminal, --json, --count, exit codes."""

from __future__ import annotations

import io
import json

import pytest

from reader.cli.main import main
from reader.settings.paths import bundled_articles

ARTICLE_ID = "mali-russie-accords-2025-06-23"
BUNDLED = bundled_articles() / f"{ARTICLE_ID}.yaml"
"""The bundled article's file, as a search of the default folder names it."""

SMALL = """\
format: 1
id: {id}
title: "Test"
language: fr
published: "2025-06-23"
source: {{agency: APA}}
sections:
  - id: corps
    kind: body
    heading: "H"
    paragraphs:
      - "{text}"
"""


def write_article(folder, name, text, article_id=None):
    path = folder / f"{name}.yaml"
    path.write_text(SMALL.format(id=article_id or name, text=text), encoding="utf-8")
    return path


def run(capsys, *argv):
    code = main(["search", *argv])
    out, err = capsys.readouterr()
    return code, out, err


class Terminal(io.StringIO):
    """A stdout that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_grep_style_lines(capsys):
    code, out, err = run(capsys, "goita")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith(f"{BUNDLED}:lede: La visite du Chef de l’Etat malien")
    assert lines[1].startswith(f"{BUNDLED}:visite: …")
    assert "le général Assimi Goïta" in lines[1]
    assert all("\x1b" not in line for line in lines)  # piped: plain


def test_default_path_is_the_bundled_folder(capsys):
    assert run(capsys, "10000") == run(capsys, "10000", str(bundled_articles()))


def test_highlight_on_a_terminal(capsys, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    terminal = Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    assert main(["search", "10000"]) == 0
    assert "\x1b[1;7m10 000\x1b[0m" in terminal.getvalue()


def test_no_color_turns_highlight_off(capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    terminal = Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    assert main(["search", "10000"]) == 0
    assert "\x1b" not in terminal.getvalue() and "10 000" in terminal.getvalue()


def test_snippet_is_one_safe_line(capsys, tmp_path, monkeypatch):
    path = write_article(tmp_path, "evil", "avant\\nle \\u202e piège \\e[31m rouge\\n\\tapres")
    terminal = Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    code = main(["search", "piege", str(path)])
    out = terminal.getvalue()
    assert code == 0
    assert out.count("\n") == 1
    assert "\u202e" not in out and "\x1b[31m" not in out
    assert "\\u202e" in out and "\\x1b[31m" in out
    assert "avant le" in out and "rouge apres" in out


def test_json(capsys):
    code, out, _ = run(capsys, "poutine", "--json")
    assert code == 0
    rows = json.loads(out)
    assert {row["ref"] for row in rows} == {"vladimir-poutine"}
    first = rows[0]
    assert set(first) == {"path", "article", "section", "paragraph", "start", "end", "text", "ref", "snippet"}
    assert first["path"] == str(BUNDLED) and first["article"] == ARTICLE_ID and first["section"] == "visite"
    assert any(row["text"] == "son homologue russe" for row in rows)
    assert "\x1b" not in out


def test_json_escapes_terminal_controls(capsys, tmp_path):
    path = write_article(tmp_path, "evil", "le \\u202e piège")
    code, out, _ = run(capsys, "piege", str(path), "--json")
    assert code == 0 and "\u202e" not in out
    assert json.loads(out)[0]["snippet"] == "le \\u202e piège"


def test_count(capsys, tmp_path):
    code, out, _ = run(capsys, "mali", "--count")
    assert code == 0 and out == f"{BUNDLED}:11\n"
    other = write_article(tmp_path, "autre", "Bamako, capitale du Mali.")
    code, out, _ = run(capsys, "--count", "mali", str(bundled_articles()), str(other))
    assert out == f"{BUNDLED}:11\n{other}:1\ntotal:12\n"


@pytest.mark.parametrize("flags", [[], ["--count"], ["--json"]])
def test_two_files_with_one_id_are_told_apart(capsys, tmp_path, monkeypatch, flags):
    """Each match names the file it is in, as given under the PATH searched (like grep), not the article's id."""
    monkeypatch.chdir(tmp_path)
    for folder in ("hier", "aujourdhui"):
        (tmp_path / folder).mkdir()
        write_article(tmp_path / folder, "depeche", "Bamako, capitale du Mali.", article_id="meme-id")
    (tmp_path / "aujourdhui" / "autre.yaml").write_text(SMALL.format(id="autre", text="rien ici"), encoding="utf-8")
    code, out, _ = run(capsys, "bamako", *flags, "hier", "aujourdhui")
    assert code == 0
    if flags == ["--json"]:
        assert [(row["path"], row["article"]) for row in json.loads(out)] == [
            ("hier/depeche.yaml", "meme-id"), ("aujourdhui/depeche.yaml", "meme-id")]
    elif flags == ["--count"]:
        assert out.splitlines() == ["hier/depeche.yaml:1", "aujourdhui/autre.yaml:0", "aujourdhui/depeche.yaml:1", "total:2"]
    else:
        assert out.splitlines() == ["hier/depeche.yaml:corps: Bamako, capitale du Mali.",
                                    "aujourdhui/depeche.yaml:corps: Bamako, capitale du Mali."]


@pytest.mark.parametrize("argv, expected", [
    (["Goïta", "-s"], 3),
    (["GOÏTA", "-i"], 3),
    (["goïta", "--diacritics"], 3),
    (["goita", "--ignore-diacritics"], 3),
    (["mali", "-w"], 7),
    (["go.ta", "-E"], 2),
])
def test_options(capsys, argv, expected):
    code, out, _ = run(capsys, *argv)
    assert code == 0 and len(out.splitlines()) == expected


def test_exit_1_when_nothing_matched(capsys):
    code, out, err = run(capsys, "introuvable")
    assert (code, out, err) == (1, "", "")


@pytest.mark.parametrize("argv, message", [
    (["ab(c", "-E"], "reader search: invalid regular expression at position 3: missing )"),
    (["persn:goita"], "reader search: unknown filter 'persn:' (did you mean 'person:'?)"),
    (["figure:>lots"], "reader search: figure:>lots: expected a number"),
    (["  "], "reader search: empty query"),
])
def test_exit_2_on_a_bad_query(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith(message) and err.count("\n") == 1


def test_exit_2_on_a_bad_path(capsys, tmp_path):
    code, out, err = run(capsys, "mali", str(tmp_path / "absent.yaml"))
    assert code == 2 and "no such file or folder" in err
    assert err == f"reader search: {tmp_path / 'absent.yaml'}: no such file or folder\n"  # prefixed like grep and its other messages


def test_only_the_query_is_required(capsys):
    code, out, err = run(capsys)
    assert code == 2 and out == ""
    assert "QUERY [PATH ...]" in err  # the usage says PATH is optional (the bundled articles by default)...
    assert err.rstrip().endswith("reader search: error: the following arguments are required: QUERY")  # ...and so does the message
    assert main(["search", "goita"]) == 0  # and it is: without PATH the bundled articles are searched


def test_located_problems_keep_the_file_line_column_form(capsys, tmp_path):
    write_article(tmp_path, "bonne", "Bamako, capitale du Mali.")
    (tmp_path / "cassee.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    code, out, err = run(capsys, "bamako", str(tmp_path), str(tmp_path / "absent"))
    lines = err.splitlines()
    assert code == 2 and out == f"{tmp_path / 'bonne.yaml'}:corps: Bamako, capitale du Mali.\n"
    assert any(line.startswith(f"{tmp_path / 'cassee.yaml'}:2:1: ") or line.startswith(f"{tmp_path / 'cassee.yaml'}:1:") for line in lines), err
    assert f"reader search: {tmp_path / 'absent'}: no such file or folder" in lines


def test_a_broken_article_does_not_stop_the_others(capsys, tmp_path):
    write_article(tmp_path, "bonne", "Bamako, capitale du Mali.")
    (tmp_path / "cassee.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    code, out, err = run(capsys, "bamako", str(tmp_path))
    assert code == 0
    assert out == f"{tmp_path / 'bonne.yaml'}:corps: Bamako, capitale du Mali.\n"
    assert "cassee.yaml:" in err


def test_exit_2_when_nothing_could_be_searched(capsys, tmp_path):
    (tmp_path / "cassee.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    code, out, err = run(capsys, "bamako", str(tmp_path))
    assert code == 2 and out == ""
    assert "cassee.yaml:" in err and "no article could be searched" in err


def test_filters_from_the_command_line(capsys):
    code, out, _ = run(capsys, "figure:<=45%")
    assert code == 0
    assert [line.removeprefix(f"{BUNDLED}:").split(":", 1)[0] for line in out.splitlines()] == ["nucleaire", "raffinerie"]
