"""The importer's recognisers on each failure kind of issue 14, with texts written here."""

from __future__ import annotations

import datetime as _dt

import pytest

from reader.importer.dates import find_dates, find_publication
from reader.importer.draft import import_text
from reader.importer.figures import find_figures
from reader.importer.recognise import accord_cues, guess_language, resolve_overlaps

MONDAY = _dt.date(2024, 3, 18)


@pytest.mark.parametrize(
    ("text", "quote", "value"),
    [
        ("Les textes ont été signés lundi à Dakar.", "lundi", "2024-03-18"),
        ("The deal was signed Wednesday in Lagos.", "Wednesday", "2024-03-13"),
        ("Le ministre a présidé, samedi, la cérémonie.", "samedi", "2024-03-16"),
        ("un prêt conclu le 4 décembre dernier", "4 décembre", "2023-12-04"),
        ("LAGOS Oct 8 The company said", "Oct 8", "2023-10-08"),
    ],
)
def test_dates_a_weekday_alone_and_against_the_publication(text: str, quote: str, value: str) -> None:
    found = {text[f.start:f.end]: f.value for f in find_dates(text, MONDAY)}
    assert found.get(quote) == value, found


def test_the_publication_from_a_dateline_or_a_date_stamp_never_today() -> None:
    today = _dt.date(2030, 1, 1)
    assert find_publication(["Niamey, 14 mars 2025 (APA) - Le texte"], today)[0] == _dt.date(2025, 3, 14)
    assert find_publication(["2014-10-08", "LAGOS Oct 8 The company"], today)[0] == _dt.date(2014, 10, 8)
    assert find_publication(["11-10-2006 14:40"], today, "en")[0] == _dt.date(2006, 11, 10)
    assert find_publication(["Le texte."], today, "fr", ["signé le 3 mai 1998 à Bamako"])[0] == _dt.date(1998, 5, 3)
    draft = import_text("WASHINGTON, March 13, 1998 - The two sides signed an agreement on Monday.\n\nIt was signed.\n")
    assert draft.published == "1998-03-13"


@pytest.mark.parametrize(
    ("text", "language", "quote", "value", "unit", "qualifier"),
    [
        ("about two trillion cubic feet of gas", "en", "two trillion cubic feet", 2e12, "cubic feet", "approximate"),
        ("une trentaine de milliards de Fcfa", "fr", "une trentaine de milliards de Fcfa", 30e9, "FCFA", "approximate"),
        ("un budget de 91,58 milliards Fcfa", "fr", "91,58 milliards Fcfa", 91.58e9, "FCFA", "exact"),
        ("une aide de 2,5 millions d’euros", "fr", "2,5 millions d’euros", 2.5e6, "EUR", "exact"),
        ("a USD 2.3 billion loan", "en", "USD 2.3 billion", 2.3e9, "USD", "exact"),
        ("une hausse de 12.5% en un an", "fr", "12.5%", 12.5, "%", "exact"),
        ("a 450, 000-hectare farm", "en", "450, 000-hectare", 450000, "hectare", "exact"),
        ("it will build four secondary roads", "en", "four secondary roads", 4, "roads", "exact"),
        ("six nouveaux accords de coopération", "fr", "six nouveaux accords", 6, "accords", "exact"),
        ("spread over five years", "en", "five years", 5, "years", "exact"),
        ("as much as 25 billion dollars", "en", "25 billion dollars", 25e9, "USD", "upper-bound"),
        ("more than a billion barrels", "en", "a billion barrels", 1e9, "barrels", "lower-bound"),
        ("pas moins de 300 entreprises", "fr", "300", 300, "entreprises", "lower-bound"),
    ],
)
def test_figures_scale_currency_decimal_unit_qualifier(text, language, quote, value, unit, qualifier) -> None:
    found = {text[f.start:f.end]: f for f in find_figures(text, language)}
    assert quote in found, found
    figure = found[quote]
    assert (figure.value, figure.unit, figure.qualifier) == (value, unit, qualifier)


def test_references_ranks_and_times_are_not_figures() -> None:
    text = "Les deux pays ont parlé à 14:40 de la No. 3 economy."
    assert [text[f.start:f.end] for f in find_figures(text, "fr")] == []


def _entities(text: str) -> dict[str, str]:
    draft = import_text(text, published=MONDAY, language=None)
    import yaml

    return {e["name"]: e["type"] for e in yaml.safe_load(draft.yaml).get("entities") or []}


def test_types_nationality_adjectives_and_heading_words_are_not_people() -> None:
    found = _entities(
        "Le ministre burkinabè Issa Kaboré a reçu la délégation.\n\n"
        "Les Burkinabè saluent la Recherche et la culture du pays.\n\n"
        "The firm Lukoil and Petrobras signed the text in Yamoussoukro.\n"
    )
    assert found.get("Issa Kaboré") == "person"
    assert "Burkinabè" not in found and "Recherche" not in found
    assert found.get("Yamoussoukro") == "place"
    assert found.get("Lukoil") != "person" and found.get("Petrobras") != "person"


@pytest.mark.parametrize(
    "text",
    [
        "La Côte d’Ivoire et le Ghana ont signé mardi un mémorandum d’entente sur le cacao.",
        "Kenya and Uganda signed a preliminary pipeline deal on Friday.",
        "The two ministers signed a memorandum of understanding (MoU) on fisheries.",
    ],
)
def test_accord_cues_beyond_the_word_accord(text: str) -> None:
    assert len(accord_cues([text])) == 1


def test_a_list_of_accords_gives_one_each_and_a_session_is_no_accord() -> None:
    listing = ("Il s'agit de l'Accord-cadre de coopération, d'un accord sur la pêche et "
               "d'un mémorandum d'entente sur la santé.")
    cues = accord_cues(["Le Niger et le Tchad ont signé trois accords.", listing])
    assert len([cue for _, cue in cues if not cue.extra.get("signing_only")]) == 3  # the count only says who signed
    counted = accord_cues(["China and Chad inked eight cooperation agreements in Beijing on Monday."])
    assert len(counted) == 8 and all(cue.start == counted[0][1].start for _, cue in counted)
    assert accord_cues(["La cinquième session de la commission mixte s'est ouverte ; un accord est attendu."]) == []


def test_a_later_count_is_history_and_a_named_treaty_no_new_accord() -> None:
    cues = accord_cues(["Le Niger et le Tchad ont signé mardi un accord sur l’eau.",
                        "Les deux pays avaient signé 19 accords depuis 2010, dans l’esprit de l’Accord de Paris sur le climat."])
    assert len(cues) == 2


def test_accord_parties_a_firm_not_the_country_that_describes_it() -> None:
    draft = import_text("Kenya has signed an exploration deal with Malaysia’s Petronas worth $1 billion.\n", published=MONDAY)
    import yaml

    [accord] = yaml.safe_load(draft.yaml)["accords"]
    assert "malaysia" not in accord["parties"] and "kenya" in accord["parties"]


def test_accord_parties_both_countries_and_the_counterpart() -> None:
    draft = import_text(
        "Le Niger et le Tchad renforcent leurs liens\n\n"
        "Le ministre nigérien a reçu son homologue à Niamey.\n\n"
        "Le Niger et le Tchad ont signé mardi un accord de coopération sur l’énergie.\n",
        published=MONDAY,
    )
    import yaml

    [accord] = yaml.safe_load(draft.yaml)["accords"]
    assert sorted(accord["parties"]) == ["niger", "tchad"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("El gobierno y la empresa firmaron un acuerdo para el desarrollo de la región con los socios.", "es"),
        ("Die Regierung und das Unternehmen haben ein Abkommen für die Entwicklung der Region unterzeichnet.", "de"),
        ("Le gouvernement a signé un accord avec la société pour le développement de la région.", "fr"),
        ("The government signed an agreement with the company for the development of the region.", "en"),
    ],
)
def test_language_spanish_and_german_are_named_not_read_as_french(text: str, language: str) -> None:
    assert guess_language(text) == language


def test_reader_check_counts_the_suggestions_left_and_import_refuses_spanish(tmp_path, capsys) -> None:
    from reader.cli.main import main

    source = tmp_path / "texte.txt"
    source.write_text("Le Niger et le Tchad ont signé lundi à Niamey un accord de coopération de 3 milliards de FCFA.\n",
                      encoding="utf-8")
    assert main(["import", str(source), "--out", str(tmp_path), "--id", "niger-tchad", "--date", "2024-03-18"]) == 0
    capsys.readouterr()
    draft = (tmp_path / "niger-tchad.yaml").read_text(encoding="utf-8")
    left = sum(line.count("draft: true") for line in draft.splitlines() if not line.lstrip().startswith("#"))
    assert main(["check", str(tmp_path / "niger-tchad.yaml")]) == 0
    out = capsys.readouterr().out
    assert f"; {left} suggestions to review" in out and left >= 4
    (tmp_path / "niger-tchad.yaml").write_text(draft.replace("draft: true", "draft: false"), encoding="utf-8")
    assert main(["check", str(tmp_path / "niger-tchad.yaml")]) == 0
    assert "to review" not in capsys.readouterr().out

    spanish = tmp_path / "texto.txt"
    spanish.write_text("El gobierno y la empresa firmaron un acuerdo para el desarrollo de la región con los socios.\n", encoding="utf-8")
    assert main(["import", str(spanish), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "'es'" in err and "French and English only" in err and "Traceback" not in err
    assert main(["import", str(spanish), "--out", str(tmp_path), "--language", "fr"]) == 0


def test_dates_ranges_named_years_and_a_stamp_above_the_headline() -> None:
    found = {}
    for text in ("du 10 au 12 novembre prochain", "les 1er et 2 novembre derniers", "Vision 2030 du gouvernement"):
        found.update({text[f.start:f.end]: f.value for f in find_dates(text, _dt.date(2022, 11, 3))})
    assert found["10"] == "2022-11-10" and found["12 novembre"] == "2022-11-12" and found["1er"] == "2022-11-01"
    assert "2030" not in found
    draft = import_text("March 4, 2019 / 8:10 AM\n\nKenya and Chad sign a road deal\n\nKenya and Chad signed a deal on Monday.\n\n"
                        "It covers four secondary roads.\n")
    import yaml

    data = yaml.safe_load(draft.yaml)
    assert data["title"] == "Kenya and Chad sign a road deal" and draft.published == "2019-03-04"
    assert {d["quote"]: d["value"] for d in data["dates"]}["Monday"] == "2019-03-04"


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Il a reçu le ministère algérien de l’Enseignement supérieur et de la Recherche scientifique (MESRS) hier.",
         "ministère algérien de l’Enseignement supérieur et de la Recherche scientifique", "org"),
        ("Un prêt de la Banque africaine de développement (BAD) pour le Niger.", "Banque africaine de développement", "org"),
        ("Le groupe Kossa et la Société nigérienne des mines (SONIMI) ont signé un accord.", "Société nigérienne des mines", "org"),
        ("The Rwanda Development Board said on Monday it would invest in roads.", "Rwanda Development Board", "org"),
        ("Le directeur du groupe Kossa, Issa Kaboré, a signé le texte.", "Issa Kaboré", "person"),
        ("Petrosol Exploration & Production and the Niger Delta firm signed a deal.", "Petrosol Exploration & Production", "org"),
    ],
)
def test_organisations_whole_and_people_typed(text: str, name: str, kind: str) -> None:
    found = _entities(text)
    assert found.get(name) == kind, found


def test_not_names_agency_words_portfolios_accord_names_and_heading_words() -> None:
    found = _entities(
        "Mining Secretary Ana Reyes and the Niger Delta Commission signed the Defense Cooperation Agreement, Ndlr.\n\n"
        "Reporting by Ana Reyes; Editing by Tom Baker\n\n"
        "Le nouvel Accord général de partenariat (AGP) et le projet d'appui aux routes rurales (PARR) sont lancés.\n"
    )
    assert found.get("Ana Reyes") == "person" and found.get("Tom Baker") == "person"
    for word in ("Mining", "Mining Secretary", "Defense Cooperation", "Ndlr", "Editing", "Reporting", "AGP", "PARR"):
        assert word not in found, (word, found)


def test_a_lone_surname_joins_its_person_and_an_acronym_seen_first_its_long_name() -> None:
    found = _entities(
        "La SMN et l'État ont discuté.\n\n"
        "La Société minière du Niger (SMN) a reçu Ali Wen. Selon Wen, le texte est prêt.\n"
    )
    assert "Wen" not in found and found.get("Ali Wen") == "person"
    assert "SMN" not in found and found.get("Société minière du Niger") == "org"


def test_numeric_dates_are_dates_not_figures_and_a_named_year_is_neither() -> None:
    dates = {text[f.start:f.end]: f.value for text in ["Mise à jour le 19/06 à 9h"] for f in find_dates(text, _dt.date(2020, 6, 20))}
    assert dates == {"19/06": "2020-06-19"}
    def settled(text: str, published: _dt.date, language: str = "fr") -> list[str]:
        # as the importer settles them: the strongest of overlapping dates
        return [f.value for f in resolve_overlaps(find_dates(text, published, language), lambda f: f.extra.get("rank", 0))]

    assert settled("11-10-2006 14:40", _dt.date(2006, 11, 10), "en") == ["2006-11-10"]
    assert settled("2014-10-08", _dt.date(2030, 1, 1)) == ["2014-10-08"]
    text = "dans le cadre de la Vision 2030 et de 3 projets"
    assert [(f.value, f.unit) for f in find_figures(text, "fr")] == [(3, "projets")]
    assert [text[f.start:f.end] for f in find_dates(text, _dt.date(2020, 6, 20))] == []


def test_a_date_stamp_paragraph_gives_no_date_like_id_and_the_draft_passes() -> None:
    draft = import_text("2014-10-08\n\nLAGOS Oct 8 Kenya and Chad signed a deal on Wednesday.\n\n19\n\nIt covers roads.\n")
    assert draft.problems == [] and draft.published == "2014-10-08"
    assert draft.article_id == "kenya-and-chad-signed-a-2014-10-08"  # the dateline "LAGOS Oct 8" names no article
    import yaml

    sections = [s["id"] for s in yaml.safe_load(draft.yaml)["sections"]]
    assert all(isinstance(sid, str) for sid in sections) and "x-2014-10-08" in sections


def test_accords_uncounted_passive_and_their_signatories() -> None:
    import yaml

    draft = import_text("NAIROBI Aug 19 Kenya signed deals worth $5 billion with Chad on Monday to build a railway.\n",
                        published=MONDAY)
    [accord] = yaml.safe_load(draft.yaml)["accords"]
    assert sorted(accord["parties"]) == ["chad", "kenya"]
    draft = import_text("Deux conventions de financement ont été signées hier par Issa Kaboré, ministre de l'Economie, "
                        "des Finances et du Plan, et l'ambassadeur de l'Union européenne.\n", published=MONDAY)
    data = yaml.safe_load(draft.yaml)
    assert len(data["accords"]) == 2
    names = {e["id"]: e["name"] for e in data["entities"]}
    assert "ministère de l'Economie, des Finances et du Plan" in names.values() and "Finances" not in names.values()
    assert {names[p] for p in data["accords"][0]["parties"]} == {"Union européenne", "Issa Kaboré"}


def test_a_tally_proposes_none_and_an_agency_is_no_party() -> None:
    cues = accord_cues(["The government has signed no fewer than 26 agreements in the last 12 months.",
                        "Nigeria also signed an MoU with Chad on energy. It signed a deal with Niger too."])
    assert len([c for _, c in cues if not c.extra.get("signing_only")]) == 2
    import yaml

    draft = import_text("Dakar 9 juil (APS) – L’Agence française de développement (AFD) et le gouvernement du Sénégal "
                        "ont signé lundi une convention de financement.\n", published=MONDAY)
    [accord] = yaml.safe_load(draft.yaml)["accords"]
    assert "aps" not in accord["parties"] and len(accord["parties"]) == 2


def test_places_after_port_or_town_of_accord_names_and_word_acronyms() -> None:
    found = _entities(
        "The line links the port of Lamu to the border town of Moyale.\n\n"
        "Kenya signed 12 Memoranda of Understanding with the Agence française de développement (Afd) under the Projet de Gestion.\n\n"
        "L’ambassadeur de France au Sénégal Christophe Duval était présent.\n"
    )
    assert found.get("Lamu") == "place" and found.get("Moyale") == "place"
    assert "Memoranda of Understanding" not in found and "Projet de Gestion" not in found
    assert found.get("Agence française de développement") == "org" and "Afd" not in found  # an alias of it
    assert found.get("Christophe Duval") == "person" and found.get("Sénégal") == "place"


def test_a_sentence_goes_on_after_us_and_an_initial() -> None:
    from reader.importer.recognise import sentence_at

    text = "Kenya signed a deal worth 800 million U.S. dollars with M. Diallo. It covers roads."
    assert sentence_at(text, 0) == "Kenya signed a deal worth 800 million U.S. dollars with M. Diallo."


def test_french_month_abbreviations_in_datelines() -> None:
    text = "Dakar 9 juil (APS) – signé le 3 janv. 2020"
    found = {text[f.start:f.end]: f.value for f in find_dates(text, _dt.date(2018, 7, 9))}
    assert found["9 juil"] == "2018-07-09" and found["3 janv. 2020"] == "2020-01-03"
