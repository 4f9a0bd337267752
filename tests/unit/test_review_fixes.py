"""`reader import` on a new dispatch: verbatim `about:` quotes, counted words, accord parties, known names."""

from __future__ import annotations

from pathlib import Path

import yaml

from reader.load.build import build_article, load_article
from reader.cli.main import main
from reader.importer.draft import import_text
from reader.importer.names import country_references
from reader.load.yamlsource import parse

HAND = Path(__file__).resolve().parents[2] / "articles" / "mali-russie-accords-2025-06-23.yaml"

DISPATCH = """\
Sénégal–France : un nouveau partenariat signé à Paris

Dakar, 12 mars 2025 (APA) – Le Président sénégalais Macky Sall a été reçu ce mercredi à l'Élysée par son homologue français Emmanuel Macron, pour une visite de travail consacrée à la sécurité au Sahel et à l'économie.

Les deux chefs d'État ont signé un protocole d'accord sur la formation militaire et le financement d'infrastructures. Paris s'engage à mobiliser 500 milliards de FCFA. Le texte prévoit aussi un appui budgétaire d'ici 2027, pour accompagner les réformes du Sénégal.

Les discussions ont également porté sur la situation au Mali, où Assimi Goïta dirige la Transition depuis 2021, et sur le départ de la MINUSMA, qui comptait plus de 10 000 soldats.

Emmanuel Macron a salué « un partenariat d'avenir » entre la France et le Sénégal.

MS/ac/APA
"""

DEMONYMS_ONLY = """\
Dakar, 4 juillet 2025 (APA) – Le président sénégalais Macky Sall a été reçu jeudi à l'Élysée par le président français Emmanuel Macron. Les deux chefs d'État ont signé un protocole d'accord sur la sécurité, pour un montant de 500 milliards de FCFA. Le Mali, dirigé par Assimi Goïta, a suivi la rencontre.

AB/cd/APA
"""
"""The agency and Mali are named in the accord's paragraph, the two states only by demonyms."""


def draft_data(text: str, library=()) -> dict:
    draft = import_text(text, library=list(library))
    assert draft.problems == []
    build_article(parse(draft.yaml, "draft.yaml"), "draft.yaml")
    return yaml.safe_load(draft.yaml)


def test_about_quotes_the_text_as_it_is():
    data = draft_data(DISPATCH)
    about = {item["quote"]: item["about"] for item in data["dates"] + data["figures"]}
    assert "d'ici 2027, pour" in about["2027"]
    assert "500 milliards de FCFA. Le" in about["500 milliards de FCFA"]
    assert about["12 mars 2025"].startswith("« Dakar, 12 mars 2025 (APA)")  # nothing left out before it: no "…"
    assert about["10 000"].endswith("plus de 10 000 soldats. »")  # nor after it
    for quote, text in about.items():
        inner = text.removeprefix("« ").removeprefix("… ").removesuffix(" »").removesuffix(" …")
        assert inner in DISPATCH, (quote, text)  # a verbatim slice: no space added before punctuation


def test_the_summary_counts_in_the_singular_and_plural(tmp_path: Path, capsys):
    source = tmp_path / "dispatch.txt"
    source.write_text(DISPATCH, encoding="utf-8")
    assert main(["import", str(source), "--out", str(tmp_path / "out"), "--no-library"]) == 0
    out = capsys.readouterr().out
    assert "5 sections, 1 accord, " in out and "1 accords" not in out


def test_parties_come_from_the_countries_named_near_the_accord():
    [accord] = draft_data(DISPATCH, [load_article(HAND)])["accords"]
    assert accord["parties"] == ["senegal", "france"]  # "sénégalais", "l'Élysée", "français" just before it
    assert "apa" not in accord.get("counterparts", [])


def test_the_agency_is_never_a_counterpart_and_parties_are_not_a_default():
    data = draft_data(DEMONYMS_ONLY, [load_article(HAND)])
    [accord] = data["accords"]
    assert "apa" in {e["id"] for e in data["entities"]}
    assert accord.get("counterparts", []) == []
    # no country is named before the signature (the Mali of the next sentence is not a party): the two heads of state
    assert accord["parties"] == ["macky-sall", "emmanuel-macron"]


def test_a_known_person_is_recognised_by_name(tmp_path: Path, capsys):
    data = draft_data(DISPATCH, [load_article(HAND)])
    goita = next(e for e in data["entities"] if e["name"] == "Assimi Goïta")
    assert goita["id"] == "assimi-goita" and "draft" not in goita and goita["aliases"] == ["Assimi Goïta"]
    assert goita["description"] == "Général, président de la Transition du Mali"
    source = tmp_path / "dispatch.txt"
    source.write_text(DISPATCH, encoding="utf-8")
    assert main(["import", str(source), "--out", str(tmp_path / "out")]) == 0  # the CLI gives the bundled articles
    out = capsys.readouterr().out
    review = out.split("to review:")[1]
    assert "Assimi Goïta" not in review and "Macky Sall" in review


def test_country_references_by_name_demonym_capital_and_seat():
    text = "Le président sénégalais reçu à l'Élysée ; les délégations malienne et russe ; les paris à Paris ; la Russie."
    found = [(text[a:b], sorted(names)[0]) for a, b, names in country_references(text)]
    assert found == [("sénégalais", "senegal"), ("Élysée", "france"), ("malienne", "mali"), ("russe", "federation de russie"),
                     ("Paris", "france"), ("Russie", "federation de russie")]
