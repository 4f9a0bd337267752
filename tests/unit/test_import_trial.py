"""`reader import` on the two dispatches of a new user's trial (tests/data/import): the dateline kept out of accord
titles, parties from nationalities, a pipeline named after two countries, summaries cut between words, an English draft's
domains in English, an English minister's ministry."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest
import yaml

from reader.importer.draft import import_text
from reader.importer.names import find_names
from reader.importer.recognise import cut_words, domains

DATA = Path(__file__).parents[1] / "data" / "import"
TODAY = _dt.date(2025, 6, 1)


def draft(name: str) -> dict:
    made = import_text((DATA / name).read_text(encoding="utf-8"), today=TODAY)
    assert made.problems == []  # the loader reads the draft
    return yaml.safe_load(made.yaml)


def names(data: dict) -> dict[str, str]:
    return {e["id"]: e["name"] for e in data.get("entities", [])}


@pytest.mark.parametrize("name", ["niger-benin-fr.txt", "kenya-ethiopia-en.txt"])
def test_no_accord_title_or_summary_starts_with_the_dateline(name):
    accords = draft(name)["accords"]
    assert accords
    for accord in accords:
        for text in (accord["title"], accord["summary"]):
            assert "(APA)" not in text and "(Reuters)" not in text and "NAIROBI" not in text and "14 mars" not in text
    assert accords[0]["title"] in ("Accord 1 : Le ministre nigérien du Pétrole, Sahabi Oumarou, et son homologue",
                                   "Agreement 1: Kenya and Ethiopia signed a memorandum of understanding on Tuesday")


def test_parties_come_from_the_nationalities_and_the_pipeline_is_no_party():
    data = draft("niger-benin-fr.txt")
    found = names(data)
    assert [found[p] for p in data["accords"][0]["parties"]] == ["Niger", "Bénin"]
    assert "Niger-Bénin" not in found.values()  # the pipeline's name: the countries it joins, not an organisation


def test_a_country_named_only_by_a_nationality_is_proposed_as_a_party():
    text = ("Dakar, 3 mai 2025 (APS) – Le président sénégalais et son homologue malien ont signé un accord de coopération "
            "sur la sécurité.\n\nLe texte entre en vigueur en juin.\n")
    made = import_text(text, today=TODAY)
    assert made.problems == []
    data = yaml.safe_load(made.yaml)
    found = names(data)
    assert [found[p] for p in data["accords"][0]["parties"]] == ["Sénégal", "Mali"]
    aliases = {e["name"]: e["aliases"] for e in data["entities"]}
    assert aliases["Sénégal"] == ["sénégalais"] and aliases["Mali"] == ["malien"]


def test_the_summary_is_cut_between_words_never_inside_a_number():
    summary = draft("niger-benin-fr.txt")["accords"][0]["summary"]
    assert len(summary) <= 240 and summary.endswith(" …")
    assert "2 000 kilomètres" in summary
    assert cut_words("long de près de 2 000 kilomètres", 20) == "long de près de …"
    assert cut_words("près de 1 500 000 tonnes", 16) == "près de …"
    assert cut_words("court", 240) == "court"


def test_an_english_draft_has_english_domains():
    assert draft("kenya-ethiopia-en.txt")["accords"][0]["domains"] == ["energy"]
    assert domains("un accord sur l'énergie et la sécurité") == ["énergie", "sécurité"]
    assert domains("an oil pipeline for trade and security", "en") == ["energy", "trade", "security"]


def test_an_english_title_before_a_minister_names_the_ministry():
    data = draft("kenya-ethiopia-en.txt")
    ministry = next(e for e in data["entities"] if e["type"] == "org" and e["name"].startswith("Ministry"))
    assert ministry["name"] == "Ministry of Energy" and ministry["aliases"] == ["Energy Minister"]
    assert "Opiyo Wandayi" in names(data).values()
    found = [(f.kind, f.value) for f in find_names("Prime Minister Abiy Ahmed met Foreign Affairs Minister Musalia Mudavadi.", set())]
    assert ("org", "Foreign Affairs Minister") in found and not any(v.startswith("Prime") for _, v in found)
