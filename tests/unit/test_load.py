"""Loading articles: a good file becomes the model; a bad one gives every problem, located."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.library.files import find_articles
from reader.load.build import load_article
from reader.model.problems import Problem, ProblemsError
from reader.model.article import Location

from tests.paths import BUNDLED, DATA, MINIMAL

GOOD = MINIMAL.read_text(encoding="utf-8")
"""tests/data/articles/minimal.yaml: each bad variant below is this text with one edit."""

SECOND_ACCORD = """\
  - id: accord-deux
    number: 2
    title: Cadre
    parties: [mali, russie]
    summary: "Un cadre."
    anchor: {section: accord, quote: "signent"}
entities:"""
"""A second accord, inserted before `entities:` (so its first line is line 28)."""


def edit(text: str, *replacements: tuple[str, str]) -> str:
    """text with each (old, new) replaced once; old must be there, so a test cannot go stale."""
    for old, new in replacements:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def at(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the one occurrence of needle in text."""
    assert text.count(needle) == 1, f"{needle!r} occurs {text.count(needle)} times"
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def problems(tmp_path: Path, text: str) -> list[tuple[int, int, str]]:
    """(line, column, message) of every problem in an article file holding text."""
    path = tmp_path / "article.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_article(path)
    found = caught.value.problems
    assert found, "ProblemsError without problems"
    assert all(isinstance(p, Problem) and p.path == str(path) for p in found)
    assert all(str(p).startswith(f"{path}:{p.line}:{p.column}: ") for p in found if p.line)
    return [(p.line, p.column, p.message) for p in found]


def one_problem(tmp_path: Path, text: str) -> tuple[int, int, str]:
    found = problems(tmp_path, text)
    assert len(found) == 1, found
    return found[0]


def test_at_helper_is_right() -> None:
    assert at(GOOD, 'title: "Mali') == (4, 1)
    assert at(GOOD, "number: 1") == (22, 5)


# --- the good file --------------------------------------------------------------------------

def test_minimal_article_loads(tmp_path: Path) -> None:
    article = load_article(DATA / "minimal.yaml")
    assert article.id == "mini"
    assert article.title == "Mali–Russie : un accord"
    assert article.published == "2025-06-23"
    assert article.source.agency == "APA"
    assert [s.id for s in article.sections] == ["lede", "accord"]
    assert [a.number for a in article.accords] == [1]
    assert article.accords[0].counterparts == ("rosatom",)
    assert article.accords[0].anchor == Location(1, 0, 0, 0)


def test_minimal_article_spans(tmp_path: Path) -> None:
    article = load_article(DATA / "minimal.yaml")
    lede = article.sections[0].paragraphs[0]
    spans = [(lede.text[m.start:m.end], m.kind, m.ref) for m in lede.mentions]
    assert spans == [
        ("Chef de l’Etat malien", "person", "goita"),  # the alias has a straight apostrophe
        ("Moscou", "place", "moscou"),
        ("22 juin", "date", "d-22-juin"),
        ("10 000", "figure", "f-cadres"),
    ]
    accord = article.sections[1].paragraphs[0]
    spans = [(accord.text[m.start:m.end], m.ref) for m in accord.mentions]
    assert spans == [("Mali", "mali"), ("Fédération de Russie", "russie"), ("Rosatom", "rosatom"), ("Mali", "mali"), ("45 %", "f-taux")]
    figures = {f.id: f for f in article.figures}
    assert figures["f-cadres"].value == 10000 and figures["f-cadres"].qualifier == "lower-bound"
    assert figures["f-taux"].qualifier == "upper-bound"


def test_second_accord_in_order_loads(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(edit(GOOD, ("entities:", SECOND_ACCORD)), encoding="utf-8")
    article = load_article(path)
    assert [a.id for a in article.numbered_accords] == ["accord-un", "accord-deux"]


# --- unknown, missing, wrong type -----------------------------------------------------------

def test_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    bad = edit(GOOD, ('title: "Mali', 'titel: "Mali'))
    found = problems(tmp_path, bad)
    assert (*at(bad, "titel"), "unknown key 'titel' in the article (did you mean 'title'?)") in found
    # and, title being gone, it is reported missing at the article's mapping (line 2, `format:`)
    assert (2, 1, "the article lacks the required key 'title'") in found
    assert len(found) == 2


def test_unknown_key_in_a_nested_mapping(tmp_path: Path) -> None:
    bad = edit(GOOD, ("    kind: lede\n", "    kind: lede\n    heding: x\n"))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == at(bad, "heding")
    assert "unknown key 'heding' in section 1 (did you mean 'heading'?)" == message


def test_title_must_be_text(tmp_path: Path) -> None:
    bad = edit(GOOD, ('title: "Mali–Russie : un accord"', "title: 12"))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == at(bad, "12")
    assert message == "title must be text, not a number; put it in quotes to make it text"


def test_paragraphs_must_be_a_list(tmp_path: Path) -> None:
    bad = edit(GOOD, ('    paragraphs:\n      - "Le Mali', '    paragraphs: "x"\n    # - "Le Mali'))
    found = problems(tmp_path, bad)
    assert (*at(bad, '"x"'), "section 2 paragraphs must be a list, not text") in found
    # the rest are what depended on that text: its aliases and quotes now match nowhere
    assert all(p == found[0] or "matches nowhere" in p[2] or "anchor" in p[2] for p in found)


def test_number_must_be_a_whole_number(tmp_path: Path) -> None:
    bad = edit(GOOD, ("number: 1", "number: one"))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == at(bad, "one")
    assert message == "accord 1 number must be a whole number, not text"


def test_figure_value_must_be_a_number(tmp_path: Path) -> None:
    bad = edit(GOOD, ("value: 45,", 'value: "45",'))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == at(bad, '"45"')
    assert message == "figure 2 value must be a number, not text"


def test_unquoted_published_date_asks_for_quotes(tmp_path: Path) -> None:
    bad = edit(GOOD, ('published: "2025-06-23"', "published: 2025-06-23"))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == (6, 12)
    assert "quoted" in message and '"2025-06-23"' in message


def test_unquoted_date_value_asks_for_quotes(tmp_path: Path) -> None:
    bad = edit(GOOD, ('value: "2025-06-22"', "value: 2025-06-22"))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == at(bad, "2025-06-22")
    assert message.startswith("date 1 value must be quoted")


def test_missing_required_fields(tmp_path: Path) -> None:
    bad = edit(GOOD, ("language: fr\n", ""), ("    title: Nucléaire civil\n", ""))
    found = problems(tmp_path, bad)
    assert found == [
        (2, 1, "the article lacks the required key 'language'"),
        (*at(bad, "id: accord-un"), "accord 1 lacks the required key 'title'"),
    ]


@pytest.mark.parametrize(
    ("old", "new", "second", "message"),
    [
        # date vs entity
        ("id: d-22-juin", "id: mali", 'mali, quote: "22', "duplicate id 'mali' for a date (first used at line 30)"),
        # entity vs section
        ("id: rosatom,", "id: lede,", "lede, type: org", "duplicate id 'lede' for an entity (first used at line 10)"),
        # accord vs figure: figures are read before accords
        ("id: accord-un", "id: f-taux", "f-taux\n", "duplicate id 'f-taux' for an accord (first used at line 38)"),
    ],
)
def test_duplicate_ids_across_kinds(tmp_path: Path, old: str, new: str, second: str, message: str) -> None:
    bad = edit(GOOD, (old, new))
    found = problems(tmp_path, bad)
    duplicate = [p for p in found if p[2].startswith("duplicate id")]
    assert duplicate == [(*at(bad, second), message)]


def test_duplicate_id_message_names_the_first_line(tmp_path: Path) -> None:
    bad = edit(GOOD, ("id: d-22-juin", "id: mali"))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == (35, 10)  # the value of `id: mali` in the dates list
    assert message == "duplicate id 'mali' for a date (first used at line 30)"


def test_duplicate_yaml_keys(tmp_path: Path) -> None:
    bad = edit(GOOD, ("language: fr\n", "language: fr\nid: again\n"))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == (6, 1)
    assert message == "duplicate key 'id' (first at line 3)"


# --- references -----------------------------------------------------------------------------

def test_unknown_entity_reference_with_suggestion(tmp_path: Path) -> None:
    bad = edit(GOOD, ("parties: [mali, russie]", "parties: [mali, rusie]"))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == at(bad, "rusie")
    assert message == "accord 1 parties names unknown entity 'rusie' (did you mean 'russie'?)"


def test_unknown_counterpart(tmp_path: Path) -> None:
    bad = edit(GOOD, ("counterparts: [rosatom]", "counterparts: [wagner]"))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == at(bad, "wagner")
    assert "unknown entity 'wagner'" in message


def test_unknown_anchor_section(tmp_path: Path) -> None:
    bad = edit(GOOD, ("anchor: {section: accord}", "anchor: {section: acord}"))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == at(bad, "acord}")
    assert message == "accord 1 anchor names unknown section 'acord' (did you mean 'accord'?)"


def test_accord_numbering_gap(tmp_path: Path) -> None:
    bad = edit(GOOD, ("entities:", SECOND_ACCORD.replace("number: 2", "number: 3")))
    line, column, message = one_problem(tmp_path, bad)
    assert at(bad, "number: 3") == (29, 5)
    assert (line, column) == (29, 13)  # the value 3
    assert "expected 2 here, not 3" in message


def test_accords_out_of_article_order(tmp_path: Path) -> None:
    bad = edit(GOOD, ("entities:", SECOND_ACCORD.replace('{section: accord, quote: "signent"}', "{section: lede}")))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == (28, 5)  # the second accord's list item
    assert at(bad, "id: accord-deux") == (28, 5)
    assert "accord 2 is anchored before accord 1" in message


# --- spans that do not resolve --------------------------------------------------------------

def test_alias_that_matches_nowhere(tmp_path: Path) -> None:
    bad = edit(GOOD, ("aliases: [Moscou]", "aliases: [Moscou, Kremlin]"))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == at(bad, "Kremlin")
    assert message == "alias 'Kremlin' matches nowhere in the text (aliases match whole words)"


def test_alias_inside_a_word_matches_nowhere(tmp_path: Path) -> None:
    bad = edit(GOOD, ("aliases: [Moscou]", "aliases: [Moscou, mal]"))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == at(bad, "mal]")
    assert "'mal' matches nowhere" in message


def test_quote_that_matches_nowhere(tmp_path: Path) -> None:
    bad = edit(GOOD, ('quote: "22 juin"', 'quote: "23 juin"'))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == at(bad, '"23 juin"')
    assert message == "date 1 quote '23 juin' matches nowhere in the text"


def test_quote_with_wrong_prefix_matches_nowhere(tmp_path: Path) -> None:
    bad = edit(GOOD, ('prefix: "plus de"', 'prefix: "moins de"'))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == at(bad, '"10 000"')
    assert message == "figure 1 quote 'moins de 10 000' matches nowhere in the text"


def test_quote_that_matches_twice_without_occurrence(tmp_path: Path) -> None:
    # "Le" opens each sentence: four times in the text
    bad = edit(GOOD, ('quote: "22 juin"', 'quote: "Le"'))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == at(bad, '"Le"')
    assert "matches 4 times" in message and "occurrence" in message


def test_occurrence_picks_one(tmp_path: Path) -> None:
    bad = edit(GOOD, ('quote: "22 juin"', 'quote: "Le", occurrence: 2'))
    path = tmp_path / "a.yaml"
    path.write_text(bad, encoding="utf-8")
    article = load_article(path)
    # matching ignores case: the second "Le" is the "le" of "à Moscou le 22 juin"
    assert article.dates[0].location == Location(0, 0, 41, 43)


def test_occurrence_too_large(tmp_path: Path) -> None:
    bad = edit(GOOD, ('quote: "22 juin"', 'quote: "Le", occurrence: 5'))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == at(bad, "5, value")
    assert message == "date 1 quote 'Le' occurs 4 time(s), not 5"


def test_occurrence_zero(tmp_path: Path) -> None:
    bad = edit(GOOD, ('quote: "22 juin"', 'quote: "Le", occurrence: 0'))
    found = problems(tmp_path, bad)
    assert (*at(bad, "0, value"), "date 1 occurrence must be at least 1") in found


def test_overlapping_date_and_figure(tmp_path: Path) -> None:
    bad = edit(GOOD, ("  - {id: f-taux", '  - {id: f-22, quote: "22", value: 22, unit: jour, about: "x"}\n  - {id: f-taux'))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == (14, 9)  # the paragraph holding both
    assert "overlap" in message and "'f-22'" in message and "'d-22-juin'" in message


def test_date_overlapping_an_entity(tmp_path: Path) -> None:
    bad = edit(GOOD, ('quote: "22 juin"', 'quote: "Moscou le 22 juin"'))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == (14, 9)
    assert "overlap" in message and "'moscou'" in message


# --- values -------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "words"),
    [
        ('"2025-13-01"', "is not a real date"),
        ('"2025-02-30"', "is not a real date"),
        ('"22/06/2025"', "is not an ISO date"),
        ('"2025-6-22"', "is not an ISO date"),
        ('"juin 2025"', "is not an ISO date"),
    ],
)
def test_bad_iso_date_value(tmp_path: Path, value: str, words: str) -> None:
    bad = edit(GOOD, ('value: "2025-06-22"', f"value: {value}"))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == at(bad, value)
    assert words in message and value.strip('"') in message


def test_iso_date_digits_are_ascii(tmp_path: Path) -> None:
    bad = edit(GOOD, ('value: "2025-06-22"', 'value: "\uff12\uff10\uff12\uff15"'))
    line, _column, message = one_problem(tmp_path, bad)
    assert line == 35 and "ISO date" in message


def test_unknown_section_kind(tmp_path: Path) -> None:
    bad = edit(GOOD, ("kind: lede", "kind: lead"))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == at(bad, "lead")
    assert message.startswith("section 1 kind 'lead' is not one of lede, body, accord")
    assert message.endswith("(did you mean 'lede'?)")


def test_bad_qualifier(tmp_path: Path) -> None:
    bad = edit(GOOD, ("qualifier: upper-bound", "qualifier: upper"))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == at(bad, "upper,")
    assert message.startswith("figure 2 qualifier 'upper' is not one of exact, lower-bound, upper-bound, approximate")


def test_unknown_entity_type(tmp_path: Path) -> None:
    bad = edit(GOOD, ("type: org", "type: company"))
    found = problems(tmp_path, bad)
    assert (*at(bad, "company"), "entity 5 type 'company' is not one of person, org, place") in found


def test_unknown_format(tmp_path: Path) -> None:
    bad = edit(GOOD, ("format: 1", "format: 2"))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == (2, 9)
    assert "format 2" in message


# --- all at once, and the shape of the file ----------------------------------------------------

def test_three_independent_errors_give_three_problems(tmp_path: Path) -> None:
    bad = edit(
        GOOD,
        ("kind: lede", "kind: lead"),
        ("parties: [mali, russie]", "parties: [mali, rusie]"),
        ("value: 45,", "value: many,"),
    )
    found = problems(tmp_path, bad)
    assert [(line, column) for line, column, _ in found] == [at(bad, "lead"), at(bad, "rusie"), at(bad, "many")]
    assert "kind 'lead'" in found[0][2]
    assert "unknown entity 'rusie'" in found[1][2]
    assert "value must be a number" in found[2][2]


def test_problems_are_sorted_by_line(tmp_path: Path) -> None:
    bad = edit(GOOD, ("value: 45,", "value: many,"), ("kind: lede", "kind: lead"))
    found = problems(tmp_path, bad)
    assert found == sorted(found)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("- id: a\n- id: b\n", "not a list"),
        ("just some text\n", "not text"),
        ("12\n", "not a number"),
        ("~\n", "not nothing"),
    ],
)
def test_top_level_must_be_a_mapping(tmp_path: Path, text: str, words: str) -> None:
    line, column, message = one_problem(tmp_path, text)
    assert (line, column) == (1, 1)
    assert message.startswith("the article must be a mapping") and words in message


def test_syntax_error_in_an_article_is_located(tmp_path: Path) -> None:
    bad = edit(GOOD, ("language: fr", "language: fr: en"))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == (5, 13)
    assert message.startswith("YAML syntax error")


def test_tab_indentation_in_an_article(tmp_path: Path) -> None:
    bad = edit(GOOD, ("  agency: APA", "\tagency: APA"))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == (8, 1)
    assert "tab" in message


def test_multiple_documents_in_an_article(tmp_path: Path) -> None:
    line, column, message = one_problem(tmp_path, GOOD + "---\nid: other\n")
    assert line == GOOD.count("\n") + 1 and column == 1
    assert "one YAML document" in message


def test_python_tag_in_an_article(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    bad = edit(GOOD, ("language: fr", f"language: !!python/object/apply:os.system ['touch {marker}']"))
    line, column, message = one_problem(tmp_path, bad)
    assert (line, column) == (5, 11)
    assert "not allowed" in message
    assert not marker.exists()


def test_escape_in_a_key_is_shown_escaped(tmp_path: Path) -> None:
    bad = edit(GOOD, ("language: fr", 'language: fr\n"\\e[31mred": 1'))
    [(line, column, message)] = problems(tmp_path, bad)
    assert (line, column) == (6, 1)
    assert "\x1b" not in message and "\\x1b[31mred" in message


# --- finding article files --------------------------------------------------------------------

def test_find_articles(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("x", encoding="utf-8")
    (tmp_path / "a.yml").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden.yaml").write_text("x", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    files, found = find_articles([tmp_path, tmp_path / "missing.yaml"])
    assert files == [tmp_path / "a.yml", tmp_path / "b.yaml"]
    assert [p.message for p in found] == ["no such file or folder"]


def test_find_articles_in_an_empty_folder(tmp_path: Path) -> None:
    files, found = find_articles([tmp_path])
    assert files == []
    assert "no article" in found[0].message


def test_snippets_start_and_end_on_whole_words():
    article = load_article(BUNDLED)
    for mention in article.mentions:
        text = article.sections[mention.section].paragraphs[mention.paragraph].text
        words = set(" ".join(text.split()).split())
        shown = article.snippet(mention.location, 44).strip("…").split()
        assert text[mention.start:mention.end].split()[0] in " ".join(shown)
        # every word but possibly a very long one at an end is a whole word of the text
        assert all(word in words for word in shown[1:-1])
        assert shown[0] in words or len(shown[0]) > 12, (shown, text)
        assert shown[-1] in words or len(shown[-1]) > 12, (shown, text)


def test_a_snippet_at_the_start_of_a_paragraph_uses_its_whole_width():
    article = load_article(BUNDLED)
    shown = article.snippet(Location(4, 0, 0, 0), 40)
    assert shown.startswith("Le ") and 30 <= len(shown) <= 41
