"""The search engine: folding rules, numbers, entity names, typed filters, regex, properties."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.load.build import build_article, load_article
from reader.settings.paths import bundled_articles
from reader.search.engine import ArticleIndex, Match, QueryError, SearchOptions, parse_query, search, search_all
from reader.cli.main import main
from reader.load.yamlsource import parse

BUNDLED = bundled_articles() / "mali-russie-accords-2025-06-23.yaml"


def make_article(paragraphs, *, entities=(), dates=(), figures=(), article_id="test"):
    """An article built from YAML text, as a file would give it."""
    document = {
        "id": article_id, "title": "Test", "language": "fr", "published": "2025-06-23",
        "source": {"agency": "APA"},
        "sections": [{"id": "s1", "kind": "body", "heading": "H", "paragraphs": list(paragraphs)}],
        "entities": list(entities), "dates": list(dates), "figures": list(figures),
    }
    return build_article(parse(json.dumps(document, ensure_ascii=False), "test.yaml"), "test.yaml")


def found(article, text, **options):
    """The original text of every match, with its ref."""
    index = ArticleIndex(article)
    out = []
    for m in search(index, parse_query(text, SearchOptions(**options))):
        out.append((article.sections[m.section].paragraphs[m.paragraph].text[m.start:m.end], m.ref))
    return out


def texts(article, text, **options):
    return [t for t, _ in found(article, text, **options)]


@pytest.fixture(scope="module")
def bundled():
    return load_article(BUNDLED)


PEOPLE = [
    {"id": "goita", "type": "person", "name": "Assimi Goïta", "description": "Président",
     "aliases": ["le général Assimi Goïta", "le Président Goïta", "Chef de l’Etat malien"]},
    {"id": "poutine", "type": "person", "name": "Vladimir Poutine", "description": "Président russe",
     "aliases": ["Vladimir Poutine", "son homologue russe"]},
]
POLITICS = make_article(
    [
        "La visite du Chef de l’Etat malien se poursuit : le général Assimi Goïta a vu son homologue russe.",
        "Vladimir Poutine a reçu le Président Goïta. Goïta et GOÏTA et goita.",
    ],
    entities=PEOPLE,
)


# --- folding: case, accents, typography ---------------------------------------------------

def test_default_ignores_case_and_accents():
    assert texts(make_article(["Une ÉTAPE, une étape, une etape."]), "etape") == ["ÉTAPE", "étape", "etape"]


def test_capital_makes_case_count():
    assert texts(make_article(["Une ÉTAPE, une Étape, une étape."]), "Étape") == ["Étape"]


def test_accent_makes_accents_count():
    assert texts(make_article(["Une ÉTAPE, une etape, une étape."]), "étape") == ["ÉTAPE", "étape"]


def test_explicit_options_override_smart_modes():
    article = make_article(["Une ÉTAPE, une etape, une étape."])
    assert texts(article, "Étape", case=False, diacritics=False) == ["ÉTAPE", "etape", "étape"]
    assert texts(article, "etape", case=True) == ["etape", "étape"]
    assert texts(article, "etape", diacritics=True) == ["etape"]


def test_apostrophes_are_equal():
    article = make_article(["Le Chef de l’Etat et l'Etat."])
    assert texts(article, "l'etat") == ["l’Etat", "l'Etat"]
    assert texts(article, "l’etat") == ["l’Etat", "l'Etat"]


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f", "\t", "\n", "  "])
def test_every_kind_of_space_is_equal(space):
    assert texts(make_article([f"la chaîne{space}de valeur"]), "chaine de valeur") == [f"chaîne{space}de valeur"]


def test_soft_hyphen_and_zero_width_are_ignored():
    assert texts(make_article(["une raf\u00adfine\u200brie"]), "raffinerie") == ["raf\u00adfine\u200brie"]


def test_ligature_equals_its_letters():
    article = make_article(["la mise en œuvre et la mise en oeuvre"])
    assert texts(article, "oeuvre") == ["œuvre", "oeuvre"]
    assert texts(article, "œuvre") == ["œuvre", "oeuvre"]


# --- figures --------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["10000", "10 000", "10\u00a0000", "10\u202f000", "10.000"])
def test_grouped_thousands_are_found(written):
    assert texts(make_article([f"plus de {written} cadres"]), "10000") == [written]


def test_query_may_group_too():
    article = make_article(["plus de 10000 cadres et 10\u202f000 autres"])
    assert texts(article, "10 000") == ["10000", "10\u202f000"]


@pytest.mark.parametrize("written", ["45 %", "45%", "45\u00a0%", "45\u202f%"])
def test_percent_with_or_without_space(written):
    assert texts(make_article([f"inférieur à {written} selon"]), "45%") == [written]
    assert texts(make_article([f"inférieur à {written} selon"]), "45 %") == [written]


def test_decimal_point_and_comma_are_interchangeable():
    article = make_article(["un taux de 3,5 puis de 3.5 points"])
    assert texts(article, "3.5") == ["3,5", "3.5"]
    assert texts(article, "3,5") == ["3,5", "3.5"]


def test_a_number_never_matches_inside_a_larger_one():
    article = make_article(["plus de 10 000 cadres, 2000 tonnes, 1 200 élèves, 3,5 points, 200 tonnes"])
    assert texts(article, "000") == []
    assert texts(article, "10") == []
    assert texts(article, "200") == ["200"]
    assert texts(article, "2000") == ["2000"]
    assert texts(article, "5") == []
    assert texts(article, "1200") == ["1 200"]


def test_bundled_figures(bundled):
    assert texts(bundled, "10000") == ["10 000"]
    assert texts(bundled, "45%") == ["45 %"]
    assert texts(bundled, "000") == []
    assert texts(bundled, "200") == ["200"]


# --- names ----------------------------------------------------------------------------------

def test_last_word_of_a_name_finds_every_alias():
    assert found(POLITICS, "goita") == [
        ("Chef de l’Etat malien", "goita"), ("le général Assimi Goïta", "goita"),
        ("le Président Goïta", "goita"), ("Goïta", None), ("GOÏTA", None), ("goita", None),
    ]


def test_capitals_make_a_name_case_sensitive():
    # "GOÏTA" has capitals, so case counts: it finds the shouted word only, not "Goïta" nor the entity
    assert found(POLITICS, "GOÏTA") == [("GOÏTA", None)]
    # "Goïta" is case- and accent-sensitive and names the entity exactly
    assert [t for t, ref in found(POLITICS, "Goïta") if ref is None] == ["Goïta"]
    assert len([ref for _, ref in found(POLITICS, "Goïta") if ref == "goita"]) == 3
    # "Goita": case counts, accents do not
    assert [t for t, ref in found(POLITICS, "Goita") if ref is None] == ["Goïta"]


def test_alias_finds_the_entity_under_any_alias():
    refs = found(POLITICS, "chef de l'etat malien")
    assert {ref for _, ref in refs} == {"goita"} and len(refs) == 3


def test_poutine_also_finds_son_homologue_russe(bundled):
    assert ("son homologue russe", "vladimir-poutine") in found(bundled, "poutine")
    assert ("son homologue russe", "poutine") in found(POLITICS, "poutine")


def test_a_mention_replaces_the_text_match_it_covers():
    matches = search(ArticleIndex(POLITICS), parse_query("poutine"))
    assert all(m.ref == "poutine" for m in matches)
    assert matches == sorted(matches)


def test_exact_names_win_over_last_words(bundled):
    # "mali" names the entity Mali; "Centre et Nord du Mali" ends with it but is not meant
    assert "centre-nord-mali" not in {ref for _, ref in found(bundled, "mali")}


def test_a_word_inside_a_name_is_plain_text():
    assert found(POLITICS, "assimi") == [("Assimi", None)]


# --- typed filters --------------------------------------------------------------------------

def test_person_filter_alone_lists_every_person(bundled):
    result = found(bundled, "person:")
    assert {ref for _, ref in result} == {"assimi-goita", "vladimir-poutine"}
    assert len(result) == 6


def test_person_filter_with_text(bundled):
    assert {t for t, _ in found(bundled, "person:goita")} == {"Chef de l’Etat malien", "le général Assimi Goïta", "le Président Goïta"}
    assert ("son homologue russe", "vladimir-poutine") in found(bundled, "person:poutine")
    assert found(bundled, "person:rosatom") == []
    assert found(bundled, "org:rosatom") == [("Rosatom", "rosatom")]
    assert {ref for _, ref in found(bundled, "place:")} >= {"mali", "russie", "bamako"}


def test_filter_names_ignore_case_and_spaces(bundled):
    assert found(bundled, "Person: goita") == found(bundled, "person:goita")


def test_figure_comparisons_honour_qualifiers(bundled):
    refs = lambda q: {ref for _, ref in found(bundled, q)}  # noqa: E731
    # "plus de 10 000": a lower bound, so more than 10000
    assert "fig-cadres-formes" in refs("figure:>5000")
    assert "fig-cadres-formes" in refs("figure:>10000")
    assert "fig-cadres-formes" not in refs("figure:<10000")
    assert "fig-cadres-formes" not in refs("figure:<20000")  # it might be, so it is not shown
    assert refs("figure:=10000") == {"fig-cadres-formes"}
    assert refs("figure:10 000") == {"fig-cadres-formes"}
    # "inférieur à 45 %": an upper bound
    assert "fig-acces-electricite" in refs("figure:<50%")
    assert "fig-acces-electricite" in refs("figure:<=45%")
    assert "fig-acces-electricite" not in refs("figure:>40%")
    # a % in the comparison requires the unit %
    assert refs("figure:<=45%") == {"fig-acces-electricite", "fig-part-yadran"}
    assert refs("figure:>100") == {"fig-cadres-formes", "fig-capacite-raffinerie"}


def test_figure_filter_with_text(bundled):
    assert found(bundled, "figure:tonnes") == [("200 tonnes par an", "fig-capacite-raffinerie")]
    assert len(found(bundled, "figure:")) == len(bundled.figures)


def test_date_filters(bundled):
    values = lambda q: sorted({bundled_dates(bundled)[ref] for _, ref in found(bundled, q)})  # noqa: E731
    assert values("date:2025-06") == ["2025-06-22", "2025-06-23", "2025-06-26", "2025-06-27"]
    assert values("date:>2025-01") == ["2025-05", "2025-06-22", "2025-06-23", "2025-06-26", "2025-06-27"]
    assert values("date:<2024") == ["1960", "2022-08", "2023", "2023-12"]
    assert values("date:>=2023") == ["2023", "2023-12", "2025-05", "2025-06-22", "2025-06-23", "2025-06-26", "2025-06-27"]
    assert values("date:<=2023-12") == ["1960", "2022-08", "2023", "2023-12"]
    assert values("date:<=2023-06") == ["1960", "2022-08"]  # "2023" might be later than June
    assert values("date:juin") == ["2025-06-22", "2025-06-23", "2025-06-27"]
    assert len(found(bundled, "date:")) == len(bundled.dates)


def bundled_dates(article):
    return {d.id: d.value for d in article.dates}


@pytest.mark.parametrize("query, message", [
    ("persn:goita", "did you mean 'person:'"),
    ("figur:>3", "did you mean 'figure:'"),
    ("figure:>abc", "expected a number"),
    ("figure:<", "expected a number"),
    ("date:>juin", "expected an ISO date"),
    ("date:<2025-13", "expected an ISO date"),
])
def test_bad_queries_raise_query_error(query, message):
    with pytest.raises(QueryError, match=message):
        parse_query(query)


def test_a_colon_in_plain_text_is_not_a_filter():
    assert texts(make_article(["Note: rien."]), "note: rien") == ["Note: rien"]


# --- whole words and regular expressions ---------------------------------------------------

def test_whole_word():
    article = make_article(["Le Mali et la partie malienne"])
    assert texts(article, "mali") == ["Mali", "mali"]
    assert texts(article, "mali", whole_word=True) == ["Mali"]


def test_regex_on_folded_text():
    article = make_article(["Goïta, Goita et goïta ; raffinerie d’or"])
    assert texts(article, "go.ta", regex=True) == ["Goïta", "Goita", "goïta"]
    assert texts(article, r"G\w+", regex=True) == ["Goïta", "Goita"]  # the capital makes case count
    assert texts(article, r"\S+ta", regex=True) == ["Goïta", "Goita", "goïta"]  # \S is no capital
    assert texts(article, "d'or", regex=True) == ["d’or"]
    assert texts(article, "go(i|a)ta", regex=True, whole_word=True) == ["Goïta", "Goita", "goïta"]


def test_invalid_regex_reports_its_position():
    with pytest.raises(QueryError) as error:
        parse_query("ab(c", SearchOptions(regex=True))
    assert error.value.position == 2
    assert error.value.message.startswith("invalid regular expression at position 3: missing )")


def test_regex_global_flags_survive_whole_word():
    assert texts(make_article(["Mali et malien"]), "(?i)MALI", regex=True, whole_word=True) == ["Mali"]


def test_regex_empty_matches_are_dropped():
    assert texts(make_article(["abc"]), "x*", regex=True) == []


def test_empty_query_matches_nothing(bundled):
    assert search(ArticleIndex(bundled), parse_query("")) == []
    assert search(ArticleIndex(bundled), parse_query("   ")) == []


# --- scope ----------------------------------------------------------------------------------

def test_search_all_tags_each_match_with_its_article(bundled):
    other = make_article(["Bamako, capitale du Mali."], article_id="other")
    results = search_all([ArticleIndex(bundled), ArticleIndex(other)], parse_query("bamako"))
    assert {aid for aid, _ in results} == {bundled.id, "other"}
    assert results[-1] == ("other", Match(0, 0, 0, 6))


def test_index_builds_variants_lazily(bundled):
    index = ArticleIndex(bundled)
    search(index, parse_query("mali"))
    assert list(index._folded) == [(False, False)]
    index.warm()
    assert len(index._folded) == 4


# --- properties -----------------------------------------------------------------------------

TEXT = st.text(alphabet=st.sampled_from("aAeéÉiïoœ0123 .,%'’\u00a0\u202f\u00ad\n-()[]*+?\\:<>=pesrndatfgu"), max_size=40)


@settings(max_examples=200, deadline=None)
@given(paragraph=TEXT.filter(str.strip), query=st.one_of(TEXT, st.text(max_size=20)),
       case=st.sampled_from([None, True, False]), diacritics=st.sampled_from([None, True, False]),
       whole_word=st.booleans(), regex=st.booleans())
def test_any_query_on_any_text(paragraph, query, case, diacritics, whole_word, regex):
    article = make_article([paragraph])
    text = article.sections[0].paragraphs[0].text
    try:
        parsed = parse_query(query, SearchOptions(case, diacritics, whole_word, regex))
    except QueryError:
        return
    matches = search(ArticleIndex(article), parsed)
    for before, after in zip(matches, matches[1:]):
        assert (before.section, before.paragraph, before.end) <= (after.section, after.paragraph, after.start)
    for m in matches:
        assert 0 <= m.start < m.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(paragraph=TEXT.filter(str.strip), start=st.integers(0, 40), length=st.integers(1, 10))
def test_any_slice_of_the_text_finds_itself(paragraph, start, length):
    article = make_article([paragraph])
    text = article.sections[0].paragraphs[0].text
    needle = text[start:start + length]
    if not needle.strip() or any(c.isdigit() for c in needle):
        return  # a number cut from a larger one is rightly not found
    try:
        query = parse_query(needle, SearchOptions(case=False, diacritics=False))
    except QueryError:
        return  # "persn:" and the like
    if query.kind is None and query.needle:
        assert search(ArticleIndex(article), query), (text, needle)


# --- impossible date and figure filters are bad queries, in the engine and the command ---

BAD_FILTERS = {
    "figure:>": "expected a number after '>'",
    "figure:>abc": "expected a number after '>'",
    "date:2025-13": "there is no month 13",
    "date:2025-00": "there is no month 00",
    "date:2025-02-30": "there is no day 30 in 2025-02 (it has 28 days)",
    "date:2023-02-29": "there is no day 29 in 2023-02",
    "date:>2025-04-31": "there is no day 31 in 2025-04",
    "date:<2025-13": "there is no month 13",
    "date:2025-2": "a month has two digits",
    "date:25-06": "a year has four digits",
}


@pytest.mark.parametrize("query", list(BAD_FILTERS))
def test_impossible_filters_are_bad_queries(query):
    with pytest.raises(QueryError) as error:
        parse_query(query)
    assert error.value.message.startswith(query + ":") and BAD_FILTERS[query] in error.value.message
    assert error.value.position is not None and 0 <= error.value.position < len(query)


@pytest.mark.parametrize("query", ["date:2024-02-29", "date:2025", "date:2025-0", "date:2025-1", "date:2025-06-3",
                                   "date:2025-06-", "date:>=2025-06-30", "date:juin", "figure:", "figure:>100"])
def test_possible_and_half_typed_filters_are_not_errors(query):
    parsed = parse_query(query)  # no QueryError: a filter still being typed is not an error
    assert parsed.source == query and parsed.kind == query.split(":")[0]


@pytest.mark.parametrize("query", list(BAD_FILTERS))
def test_search_command_exits_2_on_an_impossible_filter(capsys, query):
    code = main(["search", query])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and BAD_FILTERS[query] in err and "Traceback" not in err
