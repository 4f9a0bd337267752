"""`reader import`: recognisers, the draft it writes, and how it compares with the hand annotation."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest
import yaml

from reader.load.build import build_article, load_article
from reader.cli.main import main
from reader.importer.source import split_text
from reader.importer.draft_yaml import validate, yaml_quote
from reader.importer.draft import import_text
from reader.model.article import ENTITY_TYPES, Article
from reader.importer.recognise import byline
from reader.importer.dates import find_dates, find_publication
from reader.importer.figures import find_figures
from reader.importer.names import country_references, find_names
from reader.load.yamlsource import parse
from tests.paths import BUNDLED

DATA = Path(__file__).parents[1] / "data"
SOURCE = DATA / "source-mali-russie.txt"
HAND = BUNDLED
ENGLISH = DATA / "import" / "ghana-japan-en.txt"
MARKDOWN = DATA / "import" / "coton-aes.md"
PUBLISHED = _dt.date(2025, 6, 23)


def draft_article(yaml_text: str, name: str = "draft.yaml") -> Article:
    """The draft as the loader sees it."""
    return build_article(parse(yaml_text, name), name)


# --- recognisers ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "quote", "value"),
    [
        ("Entamée dimanche 22 juin, la visite", "dimanche 22 juin", "2025-06-22"),
        ("annoncé en mai 2025, la", "mai 2025", "2025-05"),
        ("signé le 25 mars 2023 à Bamako", "25 mars 2023", "2023-03-25"),
        ("since August 2022, the", "August 2022", "2022-08"),
        ("on June 23, 2025, the", "June 23, 2025", "2025-06-23"),
        ("on 23\u00a0June\u00a02025.", "23\u00a0June\u00a02025", "2025-06-23"),
        ("exportée en 2023.", "2023", "2023"),
        ("formés depuis 1960.", "1960", "1960"),
        ("publié mercredi 5 février.", "mercredi 5 février", "2025-02-05"),
        ("jusqu’au jeudi 26 ou vendredi 27 juin", "jeudi 26", "2025-06-26"),
        ("s’est poursuivie ce lundi au Kremlin", "ce lundi", "2025-06-23"),
        ("Entamée la veille, la visite", "la veille", "2025-06-22"),
    ],
)
def test_dates_french_and_english(text: str, quote: str, value: str) -> None:
    found = {text[f.start:f.end]: f.value for f in find_dates(text, PUBLISHED)}
    assert found.get(quote) == value


def test_a_missing_year_comes_from_the_publication_date_and_says_so() -> None:
    [date] = [f for f in find_dates("le 2 janvier", _dt.date(2024, 12, 30)) if f.end - f.start == len("2 janvier")]
    assert date.value == "2025-01-02"  # the nearest 2 January to 30 December 2024
    assert "inferred from the publication date" in date.note


def test_the_publication_date_is_found_in_the_first_lines_else_today() -> None:
    today = _dt.date(2030, 1, 1)
    assert find_publication(["BAMAKO, 23 juin 2025 (APA) – texte"], today)[0] == PUBLISHED
    when, how = find_publication(["Pas de date ici."], today)
    assert when == today and "today" in how


@pytest.mark.parametrize(
    ("text", "quote", "value", "unit", "qualifier"),
    [
        ("plus de 10 000 cadres", "10 000", 10000, "cadres", "lower-bound"),
        ("plus de 10\u00a0000 cadres", "10\u00a0000", 10000, "cadres", "lower-bound"),
        ("plus de 10\u202f000 cadres", "10\u202f000", 10000, "cadres", "lower-bound"),
        ("plus de 10.000 cadres", "10.000", 10000, "cadres", "lower-bound"),
        ("reste inférieur à 45 % selon", "45 %", 45, "%", "upper-bound"),
        ("reste inférieur à 45\u202f% selon", "45\u202f%", 45, "%", "upper-bound"),
        ("une capacité de 200 tonnes par an, soit", "200 tonnes par an", 200, "tonnes par an", "exact"),
        ("un fonds de 3,5 milliards de FCFA pour", "3,5 milliards de FCFA", 3.5e9, "FCFA", "exact"),
        ("moins de 5 % du coton", "5 %", 5, "%", "upper-bound"),
        ("environ 520 000 tonnes", "520 000 tonnes", 520000, "tonnes", "approximate"),
        ("près de 4 000 emplois", "4 000", 4000, "emplois", "approximate"),
        ("signature de trois accords majeurs", "trois accords", 3, "accords", "exact"),
        ("qui doit durer cinq jours, intervient", "cinq jours", 5, "jours", "exact"),
        ("entre les deux chefs d’État. Après", "deux chefs d’État", 2, "chefs d’État", "exact"),
    ],
)
def test_figures_value_unit_qualifier(text, quote, value, unit, qualifier) -> None:
    found = {text[f.start:f.end]: f for f in find_figures(text, "fr")}
    assert quote in found, found
    figure = found[quote]
    assert (figure.value, figure.unit, figure.qualifier) == (value, unit, qualifier)


def test_english_numbers_group_with_commas_and_spaces() -> None:
    text = "more than 3.5 billion dollars and 1,250 people"
    found = {text[f.start:f.end]: f.value for f in find_figures(text, "en")}
    assert found["3.5 billion dollars"] == 3_500_000_000
    assert found["1,250"] == 1250


def test_byline_gives_the_code_and_the_agency() -> None:
    assert byline("MD/ac/Sf/APA") == ("MD/ac/Sf/APA", "APA")
    assert byline("MD/ac/Sf/APA4912") == ("MD/ac/Sf/APA4912", "APA")
    assert byline("Le Mali et la Russie.") is None


def test_names_with_guessed_types() -> None:
    text = ("Le Président de la Transition, le général Assimi Goïta, a rencontré la société russe Yadran, "
            "la MINUSMA et SOROMA-SA à Sénou, près de Bamako, avec M. Diallo.")
    found = {text[f.start:f.end]: f.kind for f in find_names(text, set())}
    assert found["Assimi Goïta"] == "person"
    assert found["Yadran"] == "org"
    assert found["MINUSMA"] == "org"
    assert found["SOROMA-SA"] == "org"
    assert found["Sénou"] == "place"
    assert found["Bamako"] == "place"
    assert found["Diallo"] == "person"
    assert "Le" not in found and "Président" not in found


def test_markdown_headings_start_sections_and_the_first_is_the_title() -> None:
    title, blocks = split_text("# Titre\n\nUn **mot** et [un lien](http://x).\n\n## Partie\n\nTexte un.\n\nTexte deux.\n", markdown=True)
    assert title == "Titre"
    assert [(b.heading, b.paragraphs) for b in blocks] == [(None, ["Un mot et un lien."]), ("Partie", ["Texte un.", "Texte deux."])]


@pytest.mark.parametrize("text", ['a "quoted" \\ back', "line\u2028sep", "esc\x1b[31m", "tab\there", "nbsp\u00a0and\u202fnarrow", "# not a comment", "- dash: colon"])
def test_yaml_quote_reads_back_verbatim(text: str) -> None:
    assert yaml.safe_load(f"k: {yaml_quote(text)}")["k"] == text


# --- the bundled article: recall and precision against the hand annotation -----------------

def _spans(article: Article, kinds) -> list[tuple[str, int, int]]:
    """(paragraph text, start, end) of every mention of some kinds: comparable across two files of the same text."""
    return [
        (article.sections[m.section].paragraphs[m.paragraph].text, m.start, m.end)
        for m in article.mentions
        if m.kind in kinds
    ]


def _overlap_scores(hand: list, mine: list) -> tuple[float, float]:
    def hit(span, others) -> bool:
        return any(span[0] == o[0] and span[1] < o[2] and o[1] < span[2] for o in others)

    recall = sum(hit(s, mine) for s in hand) / len(hand) if hand else 1.0
    precision = sum(hit(s, hand) for s in mine) / len(mine) if mine else 1.0
    return recall, precision


def _accord_sections(article: Article) -> list[str]:
    return [article.sections[a.anchor.section].text for a in article.numbered_accords]


def compare(hand: Article, mine: Article) -> dict[str, tuple[float, float]]:
    """Recall and precision per kind: overlapping spans for dates, figures, entities; anchor section for accords."""
    scores = {kind: _overlap_scores(_spans(hand, kinds), _spans(mine, kinds))
              for kind, kinds in (("dates", ("date",)), ("figures", ("figure",)), ("entities", ENTITY_TYPES))}
    hand_accords, my_accords = _accord_sections(hand), _accord_sections(mine)
    scores["accords"] = (
        sum(s in my_accords for s in hand_accords) / len(hand_accords) if hand_accords else 1.0,
        sum(s in hand_accords for s in my_accords) / len(my_accords) if my_accords else 1.0,
    )
    return scores


@pytest.fixture(scope="module")
def scores() -> dict[str, tuple[float, float]]:
    draft = import_text(SOURCE.read_text(encoding="utf-8"), published=PUBLISHED, library=())
    assert draft.problems == []
    return compare(load_article(HAND), draft_article(draft.yaml))


def test_recall_and_precision_against_the_hand_annotation(scores, capsys) -> None:
    """Imported with no library (so every entity is the importer's own guess)."""
    with capsys.disabled():
        print("\n  reader import vs hand annotation (mali-russie-accords-2025-06-23), overlapping spans / anchor section")
        print("  | kind | recall | precision |\n  | --- | --- | --- |")
        for kind, (recall, precision) in scores.items():
            print(f"  | {kind} | {recall:.0%} | {precision:.0%} |")
    assert scores["dates"][0] >= 0.9
    assert scores["figures"][0] >= 0.9
    # guards against regressions of what it reaches today
    assert scores["dates"][1] >= 0.9 and scores["figures"][1] >= 0.9
    assert scores["entities"][0] >= 0.8 and scores["entities"][1] >= 0.8
    assert scores["accords"] == (1.0, 1.0)


def test_entities_known_in_the_library_are_recognised_and_not_draft() -> None:
    hand = load_article(HAND)
    draft = import_text(SOURCE.read_text(encoding="utf-8"), published=PUBLISHED, library=[hand])
    assert draft.problems == []
    article = draft_article(draft.yaml)
    known = {e.id for e in hand.entities}
    assert known <= {e.id for e in article.entities}
    entries = {e.value["id"].value: e for e in parse(draft.yaml, "d").value["entities"].value}
    assert all("draft" not in entries[eid].value for eid in known)
    # a description ("Chef de l'Etat malien") belongs to its article: it is not carried to another
    descriptions = {a for e in hand.entities for a in e.descriptions}
    assert descriptions
    named = [span for span in _spans(hand, ENTITY_TYPES) if span[0][span[1]:span[2]] not in descriptions]
    assert _overlap_scores(named, _spans(article, ENTITY_TYPES))[0] == 1.0


def test_the_draft_keeps_the_text_verbatim_and_the_byline() -> None:
    draft = import_text(SOURCE.read_text(encoding="utf-8"), published=PUBLISHED)
    article = draft_article(draft.yaml)
    lines = [line for line in SOURCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [p.text for s in article.sections for p in s.paragraphs] == lines
    assert article.source.code == "MD/ac/Sf/APA" and article.source.agency == "APA"
    assert article.sections[-1].kind == "byline"
    assert [a.number for a in article.numbered_accords] == [1, 2, 3]


def test_every_guess_is_marked_draft() -> None:
    draft = import_text(SOURCE.read_text(encoding="utf-8"), published=PUBLISHED, library=())
    article = draft_article(draft.yaml)
    for key in ("dates", "figures", "accords", "entities"):
        assert all(item.draft for item in getattr(article, key)), key
    assert "# draft: the paragraph's first words" in draft.yaml  # headings: no draft key in the format


# --- the two further texts -----------------------------------------------------------------

@pytest.mark.parametrize(("path", "markdown"), [(ENGLISH, False), (MARKDOWN, True)])
def test_further_texts_import_and_pass_the_loader(path: Path, markdown: bool) -> None:
    draft = import_text(path.read_text(encoding="utf-8"), markdown=markdown, library=[load_article(HAND)])
    assert draft.problems == []
    article = draft_article(draft.yaml)
    assert article.dates and article.figures and article.entities and article.numbered_accords


def test_english_text_with_no_break_spaces() -> None:
    draft = import_text(ENGLISH.read_text(encoding="utf-8"))
    article = draft_article(draft.yaml)
    assert article.language == "en" and article.published == "2025-03-14"
    assert article.source.code == "KA/dm/APA"
    values = {d.quote: d.value for d in article.dates}
    assert values["13 March 2025"] == "2025-03-13" and values["January 7, 2025"] == "2025-01-07"
    assert values["Friday"] == "2025-03-14"  # "on Friday": a weekday alone, the last one up to the publication
    figures = {f.value: f for f in article.figures}
    assert figures[12500].qualifier == "approximate" and figures[3.5e9].qualifier == "lower-bound"
    assert figures[60].unit == "%" and figures[60].qualifier == "upper-bound"
    aliases = {a for e in article.entities for a in e.aliases}
    assert {"JICA", "Japan International Cooperation Agency"} <= aliases
    assert len(article.numbered_accords) == 2


def test_markdown_text_with_headings() -> None:
    draft = import_text(MARKDOWN.read_text(encoding="utf-8"), markdown=True, library=[load_article(HAND)])
    article = draft_article(draft.yaml)
    assert article.title.startswith("Niger et Burkina Faso")
    assert [s.heading for s in article.sections][-3:] == ["Une filière en crise", "Ce que prévoit le protocole", "Des doutes sur le calendrier"]
    assert article.published == "2025-02-04"
    assert {"mali", "bamako"} <= {e.id for e in article.entities}  # known from the bundled article
    assert not any("**" in p.text for s in article.sections for p in s.paragraphs)


def test_reader_check_passes_the_written_drafts(tmp_path: Path, capsys) -> None:
    for path in (SOURCE, ENGLISH, MARKDOWN):
        assert _run(capsys, str(path), "--out", str(tmp_path), "--date", "2025-06-23")[0] == 0
    status = main(["check", str(tmp_path)])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert out.count(": ok") == 3


# --- the command ---------------------------------------------------------------------------

def _run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(["import", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def test_command_writes_a_draft_and_says_what_it_found(tmp_path: Path, capsys) -> None:
    status, out, err = _run(capsys, str(SOURCE), "--out", str(tmp_path), "--date", "2025-06-23", "--id", "mali-import", "--no-library")
    assert status == 0, err
    target = tmp_path / "mali-import.yaml"
    assert f"wrote {target}" in out
    assert "3 accords" in out and "12 dates" in out and "10 figures" in out
    assert "to review:" in out and "SOROMA-SA" in out
    assert validate(target.read_text(encoding="utf-8"), str(target)) == []


def test_command_never_overwrites_without_force(tmp_path: Path, capsys) -> None:
    target = tmp_path / "x.yaml"
    target.write_text("mine\n", encoding="utf-8")
    status, _, err = _run(capsys, str(SOURCE), "--out", str(tmp_path), "--id", "x", "--date", "2025-06-23")
    assert status == 1 and "not overwritten" in err
    assert target.read_text(encoding="utf-8") == "mine\n"
    status, _, _ = _run(capsys, str(SOURCE), "--out", str(tmp_path), "--id", "x", "--date", "2025-06-23", "--force")
    assert status == 0 and target.read_text(encoding="utf-8").startswith("# Draft")


def test_command_recognises_entities_of_articles_in_the_output_folder(tmp_path: Path, capsys) -> None:
    (tmp_path / "hand.yaml").write_bytes(HAND.read_bytes())
    status, out, _ = _run(capsys, str(MARKDOWN), "--out", str(tmp_path), "--no-library")
    assert status == 0
    assert "0 known" in out  # --no-library: not even the output folder
    status, out, _ = _run(capsys, str(MARKDOWN), "--out", str(tmp_path), "--id", "coton-2")
    # Mali and Bamako from hand.yaml; the first draft's own guesses (draft: true) are not knowledge
    assert status == 0 and "(2 known" in out


def test_command_stdout_and_usage_errors(tmp_path: Path, capsys) -> None:
    status, out, err = _run(capsys, str(ENGLISH), "--stdout")
    assert status == 0 and out.startswith("# Draft") and "published 2025-03-14" in err
    assert _run(capsys, str(tmp_path / "missing.txt"))[0] == 2
    assert _run(capsys, str(ENGLISH), "--date", "23/06/2025")[0] == 2
    assert _run(capsys, str(ENGLISH), "--id", "Not An Id")[0] == 2


# --- a dispatch from another source: verbatim `about:` quotes, counted words, accord parties, known names ---

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


def test_import_of_a_folder_says_it_is_a_folder(tmp_path, capsys):
    (tmp_path / "lib").mkdir()
    code = main(["import", str(tmp_path / "lib"), "--stdout"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert f"{tmp_path / 'lib'}: is a folder; import takes one text or Markdown file" in err
    assert "no such file" not in err
    code = main(["import", str(tmp_path / "missing.txt"), "--stdout"])
    assert code == 2 and "missing.txt: no such file" in capsys.readouterr().err
