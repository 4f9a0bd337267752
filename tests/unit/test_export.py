"""Export: JSON whose sections are displaCy manual input with exact offsets, and Markdown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.load.build import load_article
from reader.cli.main import main
from reader.cli.export import to_data, to_json, to_markdown
from reader.model.article import Article
from reader.settings.paths import bundled_articles

from tests.paths import MINIMAL
BUNDLED = bundled_articles() / "mali-russie-accords-2025-06-23.yaml"
LABELS = {"PERSON", "ORG", "PLACE", "DATE", "FIGURE"}

TWO_PARAGRAPHS = '''      - "Le Mali et la Fédération de Russie signent avec Rosatom. Le Mali vise 45 %."
      - "Rosatom et Moscou, puis le Mali."'''
"""A second paragraph for minimal.yaml's section 'accord', so offsets must add the separator."""


def export_json(capsys: pytest.CaptureFixture[str], path: Path) -> dict:
    assert main(["export", "--format", "json", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return json.loads(out)


def two_paragraph_article(tmp_path: Path) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    old = '      - "Le Mali et la Fédération de Russie signent avec Rosatom. Le Mali vise 45 %."'
    assert text.count(old) == 1
    path = tmp_path / "two.yaml"
    path.write_text(text.replace(old, TWO_PARAGRAPHS), encoding="utf-8")
    return path


def check_displacy_sections(data: dict) -> None:
    """Each section is what displaCy's manual mode takes, and each span is its own text."""
    for section in data["sections"]:
        assert isinstance(section["text"], str) and isinstance(section["title"], str)
        ends = 0
        for ent in section["ents"]:
            assert set(ent) == {"start", "end", "label"}
            assert ent["label"] in LABELS
            assert ends <= ent["start"] < ent["end"] <= len(section["text"])
            ends = ent["end"]
        assert [(s["start"], s["end"], s["label"]) for s in section["spans"]] == [(e["start"], e["end"], e["label"]) for e in section["ents"]]
        for span in section["spans"]:
            assert span["text"] == section["text"][span["start"]:span["end"]]
            assert span["text"] and span["text"] == span["text"].strip()


def test_bundled_json_sections_are_displacy_input(capsys: pytest.CaptureFixture[str]) -> None:
    data = export_json(capsys, BUNDLED)
    check_displacy_sections(data)
    article = load_article(BUNDLED)
    assert [s["text"] for s in data["sections"]] == [s.text for s in article.sections]
    assert [s["title"] for s in data["sections"]] == [s.heading for s in article.sections]


def test_bundled_json_holds_every_mention_date_and_figure(capsys: pytest.CaptureFixture[str]) -> None:
    data = export_json(capsys, BUNDLED)
    article = load_article(BUNDLED)
    spans = [(s["id"], span["id"], span["label"], span["text"]) for s in data["sections"] for span in s["spans"]]
    assert len(spans) == len(article.mentions)
    expected = []
    for section in article.sections:
        for paragraph in section.paragraphs:
            for m in paragraph.mentions:
                expected.append((section.id, m.ref, m.kind.upper(), paragraph.text[m.start:m.end]))
    assert spans == expected
    ids = {span[1] for span in spans}
    assert {d.id for d in article.dates} <= ids
    assert {f.id for f in article.figures} <= ids
    assert {e.id for e in article.entities} <= ids


def test_bundled_json_dates_and_figures_point_at_their_quotes(capsys: pytest.CaptureFixture[str]) -> None:
    data = export_json(capsys, BUNDLED)
    texts = {s["id"]: s["text"] for s in data["sections"]}
    for item in data["dates"] + data["figures"]:
        assert texts[item["section"]][item["start"]:item["end"]] == item["quote"], item["id"]
    figures = {f["quote"]: f for f in data["figures"]}
    assert figures["10 000"]["value"] == 10000 and figures["10 000"]["qualifier"] == "lower-bound"
    assert figures["45 %"]["qualifier"] == "upper-bound"
    assert {d["value"] for d in data["dates"]} >= {"2025-06-22", "2025-06-23", "2025-05", "2023-12", "2022-08", "1960"}


def test_bundled_json_accords(capsys: pytest.CaptureFixture[str]) -> None:
    data = export_json(capsys, BUNDLED)
    assert [a["number"] for a in data["accords"]] == [1, 2, 3]
    assert [d["number"] for d in data["dossiers"]] == [None]
    assert data["accords"][1]["counterparts"] == ["rosatom"]
    texts = {s["id"]: s["text"] for s in data["sections"]}
    anchor = data["accords"][0]["anchor"]
    assert texts[anchor["section"]][anchor["start"]:anchor["end"]] == "Le premier acte la création d’une commission intergouvernementale"
    assert data["dossiers"][0]["anchor"]["section"] == "raffinerie"


def test_entities_count_their_mentions(capsys: pytest.CaptureFixture[str]) -> None:
    data = export_json(capsys, MINIMAL)
    counts = {e["id"]: e["mentions"] for e in data["entities"]}
    assert counts == {"goita": 1, "mali": 2, "russie": 1, "moscou": 1, "rosatom": 1}


def test_offsets_add_the_paragraph_separator(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = export_json(capsys, two_paragraph_article(tmp_path))
    check_displacy_sections(data)
    section = data["sections"][1]
    first, second = TWO_PARAGRAPHS.split("\n")
    first, second = first.strip()[3:-1], second.strip()[3:-1]
    assert section["text"] == first + "\n\n" + second
    later = [s for s in section["spans"] if s["start"] >= len(first)]
    assert [(s["text"], s["start"]) for s in later] == [
        ("Rosatom", len(first) + 2),
        ("Moscou", len(first) + 2 + len("Rosatom et ")),
        ("Mali", len(first) + 2 + len("Rosatom et Moscou, puis le ")),
    ]


def test_json_round_trips_the_text_exactly() -> None:
    article = load_article(BUNDLED)
    data = json.loads(to_json(article))
    assert data == json.loads(json.dumps(to_data(article)))
    assert [s["text"] for s in data["sections"]] == [s.text for s in article.sections]


# --- markdown --------------------------------------------------------------------------------

def markdown(capsys: pytest.CaptureFixture[str], path: Path) -> str:
    assert main(["export", "--format", "markdown", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_markdown_headings_and_marks(capsys: pytest.CaptureFixture[str]) -> None:
    out = markdown(capsys, MINIMAL)
    lines = out.splitlines()
    assert lines[0] == "# Mali–Russie : un accord"
    assert "## Ouverture" in lines and "## L’accord" in lines
    assert "Le **Chef de l’Etat malien** arrive à **Moscou** le _22 juin_ ; plus de `10 000` cadres." in lines
    assert "Le **Mali** et la **Fédération de Russie** signent avec **Rosatom**. Le **Mali** vise `45 %`." in lines
    assert "## Accords" in lines and "## Entities" in lines and "## Dates and figures" in lines


def test_markdown_labels_are_english_like_the_rest_of_the_interface(capsys: pytest.CaptureFixture[str]) -> None:
    out = markdown(capsys, BUNDLED)
    lines = out.splitlines()
    assert "## Entities" in lines and "## Dates and figures" in lines
    assert "## Entités" not in out and "## Dates et chiffres" not in out and "Dossier :" not in out
    assert "- **Dossier: Raffinerie d’or de Sénou** — Raffinerie d’or de 200 tonnes par an, construite avec la société russe Yadran." in lines
    assert "- **Assimi Goïta** (person, 3 mentions) — Général, président de la Transition du Mali" in lines
    assert "- **Kremlin** (place, 1 mention) — Siège de la présidence russe, à Moscou" in lines
    assert "- `10 000` = at least 10000 cadres — cadres maliens formés en Russie depuis 1960" in lines
    assert "- `45 %` = at most 45 % — taux d’accès effectif à l’électricité au Mali" in lines
    assert "- `cinq jours` = 5 jours — durée prévue de la visite" in lines


def test_markdown_of_the_bundled_article(capsys: pytest.CaptureFixture[str]) -> None:
    article: Article = load_article(BUNDLED)
    out = markdown(capsys, BUNDLED)
    for section in article.sections:
        assert f"\n## {section.heading}\n" in out
    for name in ("Vladimir Poutine", "Rosatom", "Africa Corps", "SOROMA-SA", "Sénou"):
        assert f"**{name}**" in out
    assert "`200 tonnes par an`" in out
    assert "_mai 2025_" in out


def test_markdown_escapes_markdown_in_the_text(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace("vise 45 %.", "vise 45 %. *pas* [lien](x) # _a_")
    path = tmp_path / "md.yaml"
    path.write_text(text, encoding="utf-8")
    out = to_markdown(load_article(path))
    assert "\\*pas\\* \\[lien\\](x) \\# \\_a\\_" in out
