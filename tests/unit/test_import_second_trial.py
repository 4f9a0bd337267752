"""`reader import` on what a second new user's trial found: a deadline's year, a lede that only counts the accords,
a river taken for an organisation, a passive signing with "by", an agency not known.

Every text here is written for the test (none is a dispatch's)."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest
import yaml

from reader.feeds.drafts import write_draft
from reader.importer.dates import find_dates
from reader.importer.draft import import_text
from reader.importer.web import WebPage
from reader.library.records import record_of
from reader.load.build import load_article

MARCH = _dt.date(2025, 3, 14)


def draft(text: str, published: _dt.date | None = MARCH, today: _dt.date = _dt.date(2026, 1, 10)) -> dict:
    made = import_text(text, published=published, today=today)
    assert made.problems == []  # the loader reads the draft
    return yaml.safe_load(made.yaml)


def values(text: str, published: _dt.date = MARCH, language: str = "fr", dated: bool = True) -> dict[str, str]:
    return {text[f.start:f.end]: f.value for f in find_dates(text, published, language, dated)}


# --- a deadline's year ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, quote", [
    ("Le chantier doit être livré d'ici le 4 décembre.", "4 décembre"),
    ("Le chantier doit être livré d’ici au 4 décembre.", "4 décembre"),
    ("Les candidatures sont reçues jusqu'au 4 décembre.", "4 décembre"),
    ("Le rapport sera remis avant le 4 décembre.", "4 décembre"),
    ("Le texte doit être voté au plus tard le jeudi 4 décembre.", "jeudi 4 décembre"),
    ("The plant must be finished by December 4, the minister said.", "December 4"),
    ("Bids are open until 4 December.", "4 December"),
])
def test_a_deadline_without_a_year_is_not_before_the_article(text: str, quote: str) -> None:
    # written on 14 March 2025: the 4 December nearest is 2024's (100 days before), but a deadline is ahead
    assert values(text, language="en" if "the" in text.lower().split() or "are" in text else "fr")[quote] == "2025-12-04"


def test_a_date_that_is_no_deadline_keeps_the_nearest_year() -> None:
    assert values("Le 4 décembre, le ministre a inauguré le pont.")["4 décembre"] == "2024-12-04"
    assert values("Le chantier lancé le 4 décembre dernier avance.")["4 décembre"] == "2024-12-04"
    assert values("Il a promis des résultats d'ici le 20 mars.")["20 mars"] == "2025-03-20"  # six days on: this year


def test_a_start_with_depuis_or_since_is_not_after_the_article() -> None:
    # written on 14 March 2025: the nearest 20 March is six days on, but what holds "since" it began before
    assert values("Le pont est fermé depuis le 20 mars.")["20 mars"] == "2024-03-20"
    assert values("The bridge has been closed since March 20.", language="en")["March 20"] == "2024-03-20"
    assert values("Le pont sera fermé le 20 mars.")["20 mars"] == "2025-03-20"


def test_a_deadline_is_read_only_against_the_articles_own_date() -> None:
    # without a date of its own the article is dated today, a guess: the deadline rule does not build on it
    assert values("Le chantier doit être livré d'ici le 4 décembre.", dated=False)["4 décembre"] == "2024-12-04"
    data = draft("Le chantier doit être livré d'ici le 4 décembre, a dit le ministre.", published=None, today=MARCH)
    assert data["dates"][0]["value"] == "2024-12-04"
    data = draft("Le chantier doit être livré d'ici le 4 décembre, a dit le ministre.")
    assert data["dates"][0]["value"] == "2025-12-04" and "deadline" in import_text(
        "Le chantier doit être livré d'ici le 4 décembre.", published=MARCH).yaml


def test_a_deadline_month_written_after_it_is_next_years() -> None:
    august = _dt.date(2025, 8, 20)
    assert values("Les travaux seront achevés d'ici fin juin.", august)["juin"] == "2026-06"
    assert values("Les travaux ont été achevés fin juin.", august)["juin"] == "2025-06"


# --- a lede that only counts the accords -------------------------------------------------------------

COUNTED = """Koulikoro, 14 mars 2025 (APA) – Le ministre malien des Mines et son homologue guinéen ont signé deux accords.

Le premier accord porte sur une route entre Kati et Siguiri.

Le deuxième accord concerne une ligne électrique.
"""


def test_a_lede_that_only_counts_the_accords_is_no_accord() -> None:
    data = draft(COUNTED)
    kinds = [s["kind"] for s in data["sections"]]
    assert kinds == ["lede", "accord", "accord"]
    assert [a["anchor"]["quote"] for a in data["accords"]] == ["Le premier accord", "Le deuxième accord"]


def test_a_lede_that_reports_a_signing_is_an_accord() -> None:
    data = draft("Koulikoro, 14 mars 2025 (APA) – Le Mali et la Guinée ont signé un accord sur une route.\n\nLa route fera 300 km.\n")
    assert data["sections"][0]["kind"] == "accord" and len(data["accords"]) == 1


def test_a_count_the_text_does_not_name_one_by_one_still_stands_for_its_accords() -> None:
    data = draft("Le Mali et la Guinée ont signé trois accords lundi à Bamako.\n\nLa cérémonie a duré une heure.\n")
    assert len(data["accords"]) == 3 and data["sections"][0]["kind"] == "accord"


# --- a river is a place ---------------------------------------------------------------------------

def entities(data: dict) -> dict[str, str]:
    return {e["name"]: e["type"] for e in data.get("entities", [])}


@pytest.mark.parametrize("text, name", [
    ("Farmers along the Omo river depend on the floods, the report said.", "Omo"),
    ("Herders crossed the Zembe mountains in May, the report said.", "Zembe"),
    ("Les pêcheurs du fleuve Kouroubi attendent la crue, selon le rapport.", "Kouroubi"),
    ("Les riverains du lac Tanvé ont été consultés, selon le rapport.", "Tanvé"),
])
def test_a_name_beside_a_river_lake_or_mountain_word_is_a_place(text: str, name: str) -> None:
    assert entities(draft(text)).get(name) == "place"


def test_a_name_beside_another_word_keeps_its_guess() -> None:
    assert entities(draft("Workers at the Zenith company went on strike, the report said."))["Zenith"] == "org"


# --- a passive signing with "by" --------------------------------------------------------------------

def test_a_passive_signing_names_its_parties_after_by() -> None:
    data = draft("The agreement was signed in Dakar by Senegal and Gambia on Tuesday.\n\nIt covers a bridge.\n")
    assert len(data["accords"]) == 1 and data["accords"][0]["parties"] == ["senegal", "gambia"]
    assert entities(data)["Gambia"] == "place"  # an English name of the country, not an unknown organisation
    data = draft("L'accord a été signé à Dakar par le Sénégal et la Gambie mardi.\n\nIl porte sur un pont.\n")
    assert len(data["accords"]) == 1 and sorted(data["accords"][0]["parties"]) == ["gambie", "senegal"]


def test_a_passive_that_names_the_accords_again_adds_none() -> None:
    data = draft("Senegal and Gambia signed two agreements on Tuesday.\n\nThe agreements were signed in Banjul by the two ministers.\n")
    assert len(data["accords"]) == 2
    data = draft("Senegal and Gambia signed an agreement on a bridge on Tuesday.\n\nThe agreement was signed in Banjul.\n")
    assert len(data["accords"]) == 1


# --- an agency not known ------------------------------------------------------------------------------

def test_a_draft_without_a_byline_has_an_empty_agency_the_loader_reads() -> None:
    made = import_text("Le Mali et la Guinée ont signé un accord sur une route.", published=MARCH)
    assert made.problems == [] and 'agency: ""' in made.yaml and "unknown" not in made.yaml


def test_a_feed_draft_without_a_byline_shows_its_site_and_no_unknown(tmp_path: Path) -> None:
    page = WebPage("Route deal", ["Le Mali et la Guinée ont signé un accord sur une route."], MARCH, None, "Local News",
                   "http://example.invalid/a1")
    written = write_draft(page, tmp_path)
    assert written.problems == ()
    article = load_article(written.path)
    assert (article.source.agency, article.source.name) == ("", "Local News")
    assert record_of(article).summary.source == "Local News"  # what the picker shows beside the date
    assert "unknown" not in written.path.read_text(encoding="utf-8")
