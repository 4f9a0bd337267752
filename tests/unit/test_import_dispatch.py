"""`reader import` on a plain-text agency dispatch: its dateline, a minister's portfolio, ordinals numbering accords."""

from __future__ import annotations

import datetime as _dt

import pytest
import yaml

from reader.importer.draft import import_text
from reader.importer.source import dateline
from reader.text.fold import fold_text
from reader.text.spans import Annotator

# written for these tests (a real dispatch's text is not ours)
DISPATCH = """Niamey, 14 mars 2025 (APA) – Le Niger et le Maroc ont signé vendredi à Niamey trois accords de coopération \
dans les domaines de l'énergie, de l'agriculture et de la santé, a appris APA auprès du ministère nigérien des Affaires étrangères.

Les accords ont été signés par le ministre nigérien de l'Énergie, Mahamane Moussa, et son homologue marocain, Karim Benali, \
en présence de plusieurs membres du gouvernement.

Le premier accord prévoit une coopération dans le domaine de l'énergie solaire, avec la construction d'une centrale \
de 50 mégawatts à Agadez.

Le deuxième accord porte sur la formation de 200 techniciens agricoles au Maroc d'ici 2027.

Le troisième accord concerne la santé, avec l'envoi de médecins marocains dans les hôpitaux de Zinder.
"""
TODAY = _dt.date(2026, 11, 29)


def _draft(text: str = DISPATCH, **kwargs) -> dict:
    draft = import_text(text, today=TODAY, **kwargs)
    assert draft.problems == []
    data = yaml.safe_load(draft.yaml)
    data["_id"] = draft.article_id
    return data


@pytest.mark.parametrize("text, place, date, agency, rest", [
    ("Niamey, 14 mars 2025 (APA) – Le Niger signe.", "Niamey", "14 mars 2025", "APA", "Le Niger signe."),
    ("DAKAR (Reuters) - Senegal signed a deal.", "DAKAR", "", "Reuters", "Senegal signed a deal."),
    ("Niamey, 14 mars 2025 - Le Niger signe.", "Niamey", "14 mars 2025", "", "Le Niger signe."),
    ("MOSCOW—The Philippines and Russia sealed ten agreements.", "MOSCOW", "", "", "The Philippines and Russia sealed ten agreements."),
    ("BUENOS AIRES Oct 8 State-controlled Gazprom plans to invest.", "BUENOS AIRES", "Oct 8", "", "State-controlled Gazprom plans to invest."),
])
def test_a_dateline_gives_place_date_agency_and_where_the_text_begins(text, place, date, agency, rest) -> None:
    found = dateline(text)
    assert found is not None and (found.place, found.date, found.agency, text[found.end:]) == (place, date, agency, rest)


@pytest.mark.parametrize("text", ["Le Niger - le Maroc : trois accords signés.", "Jean-Pierre Dupont a signé.", "Selon APA, le Niger a signé."])
def test_a_sentence_is_no_dateline(text: str) -> None:
    assert dateline(text) is None


def test_the_dateline_is_not_the_title_heading_or_file_name_and_gives_the_date_and_agency() -> None:
    data = _draft()
    assert data["title"] == "Le Niger et le Maroc ont signé vendredi à Niamey trois accords de coopération …"
    assert data["_id"] == "le-niger-et-le-maroc-2025-03-14"
    assert data["published"] == "2025-03-14"
    assert data["source"]["agency"] == "APA"  # no byline: the dateline's agency
    first = data["sections"][0]
    assert first["heading"].startswith("Le Niger et le Maroc") and first["id"] == "le-niger-et-le"
    assert first["paragraphs"][0].startswith("Niamey, 14 mars 2025 (APA) – ")  # the text itself stays verbatim


def test_a_headline_line_stays_the_title_and_the_lede_heading_skips_the_dateline() -> None:
    data = _draft("Le Niger et le Maroc signent trois accords\n\n" + DISPATCH)
    assert data["title"] == "Le Niger et le Maroc signent trois accords"
    assert data["_id"] == "le-niger-et-le-maroc-2025-03-14"
    assert not data["sections"][0]["heading"].startswith("Niamey")


def test_a_ministers_portfolio_is_the_ministry_never_the_common_noun() -> None:
    data = _draft()
    entities = {e["id"]: e for e in data["entities"]}
    assert "Énergie" not in [e["name"] for e in entities.values()]
    [ministry] = [e for e in entities.values() if e["name"] == "ministère de l'Énergie"]
    assert ministry["aliases"] == ["ministre nigérien de l'Énergie"]
    # what the reader will mark: the minister's words, never "l'énergie solaire"
    sections = [s["paragraphs"] for s in data["sections"]]
    hits, _ = Annotator(sections).aliases({fold_text(a): ministry["id"] for a in ministry["aliases"]})
    marked = [sections[h.location.section][h.location.paragraph][h.location.start:h.location.end] for h in hits]
    assert marked == ["ministre nigérien de l'Énergie"]
    assert all(ministry["id"] not in a.get("counterparts", []) + a["parties"] for a in data["accords"])


def test_ordinals_number_the_accords_of_the_list_the_count_names() -> None:
    accords = _draft()["accords"]
    # "trois accords" are the three the next paragraphs name; "Les accords ont été signés par …" adds none
    assert [(a["number"], a["anchor"]["quote"]) for a in accords] == [
        (1, "Le premier accord"), (2, "Le deuxième accord"), (3, "Le troisième accord")]
    assert all(sorted(a["parties"]) == ["maroc", "niger"] for a in accords)


def test_a_programme_is_no_organisation() -> None:
    data = _draft("The Philippines and Russia sealed two agreements in Moscow: a Joint Action Program for tourism, "
                  "and a Memorandum of Understanding with the Development Bank of the Philippines.\n",
                  published=_dt.date(2017, 5, 26))
    names = [e["name"] for e in data["entities"]]
    assert "Joint Action Program" not in names and "Development Bank" in names  # while a bank stays one


def test_an_english_portfolio_is_the_ministry_and_a_name_after_a_title_stays_a_person() -> None:
    data = _draft("DAKAR (Reuters) - Senegal and France signed two agreements on Tuesday, the Minister of Energy said.\n\n"
                  "The first agreement covers a solar plant. The second agreement covers trade.\n\n"
                  "Senegal's energy output rose, said the Secretary of International Affairs Jorge Arbache.\n",
                  published=_dt.date(2025, 1, 7))
    entities = {e["name"]: e for e in data["entities"]}
    assert entities["Ministry of Energy"]["aliases"] == ["Minister of Energy"] and "Energy" not in entities
    assert any(name.endswith("Jorge Arbache") and e["type"] == "person" for name, e in entities.items())
    assert data["title"].startswith("Senegal and France signed two agreements") and data["source"]["agency"] == "Reuters"
    assert [(a["number"], a["anchor"]["quote"]) for a in data["accords"]] == [(1, "The first agreement"), (2, "The second agreement")]


def test_the_dateline_gives_the_place_when_nothing_else_names_it() -> None:
    data = _draft("KOUDOUGOU, 3 mai 2024 (AIB) - Le gouvernement a signé un accord avec la Banque mondiale.\n",
                  published=_dt.date(2024, 5, 3))
    places = [e for e in data["entities"] if e["type"] == "place"]  # a town no list knows, in capitals: not an acronym
    assert [(e["name"], e["aliases"]) for e in places] == [("Koudougou", ["KOUDOUGOU"])]
    assert data["source"]["agency"] == "AIB" and data["title"].startswith("Le gouvernement a signé")


def test_a_dateline_on_a_line_of_its_own_is_no_headline() -> None:
    data = _draft("Niamey, 14 mars (APA) –\n\nLe Niger et le Maroc ont signé vendredi trois accords.\n\n"
                  "Le premier accord porte sur l'énergie.\n\nLe deuxième accord porte sur la santé.\n")
    assert data["title"] == "Le Niger et le Maroc ont signé vendredi trois accords"
    assert data["_id"] == "le-niger-et-le-maroc-2026-03-14" and data["source"]["agency"] == "APA"


def test_ordinals_named_in_pairs_number_the_accords_of_the_count() -> None:
    data = _draft("Le Burkina Faso et la France ont signé jeudi quatre conventions de financement.\n\n"
                  "La première convention porte sur la santé.\n\n"
                  "Les deuxième et troisième conventions concernent l'énergie. La quatrième convention est relative à l'eau.\n",
                  published=_dt.date(2020, 6, 18))
    accords = data["accords"]
    # each accord the number its ordinal says (none left over for the count to anchor on the lede)
    assert [(a["number"], a["anchor"]["quote"]) for a in accords] == [
        (1, "La première convention"), (2, "deuxième"), (3, "troisième"), (4, "La quatrième convention")]
