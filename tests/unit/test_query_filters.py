"""A filter that does not exist is said (issue 12, item 11); text that merely holds a colon is searched as typed."""

from __future__ import annotations

import pytest

from reader.search.query import QueryError, SearchOptions, parse_query


@pytest.mark.parametrize("text", ["foo:bar", "Foo:bar baz", "  where:mali"])
def test_unknown_filter_is_said_with_the_filters_there_are(text: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    name = text.strip().split(":")[0]
    assert caught.value.message == f"unknown filter '{name}' (person, org, place, date, figure)"
    assert caught.value.position == text.index(name)


def test_a_near_miss_still_suggests_the_filter_meant() -> None:
    with pytest.raises(QueryError, match=r"unknown filter 'persn:' \(did you mean 'person:'\?\)"):
        parse_query("persn:goita")


@pytest.mark.parametrize("text", ["10:30", "note: x", '"foo:bar"', "foo:", "à 10:30 heures"])
def test_text_that_merely_holds_a_colon_is_searched_as_typed(text: str) -> None:
    query = parse_query(text)
    assert query.kind is None and query.pattern is not None
    assert query.pattern.search(text.lower()) is not None


def test_a_regex_with_a_colon_stays_a_regex() -> None:
    query = parse_query(r"abc:\d+", SearchOptions(regex=True))
    assert query.kind is None and query.pattern.search("abc:12")


@pytest.mark.parametrize("text, kind", [("person:goita", "person"), ("PLACE:bamako", "place"), ("figure:>100", "figure")])
def test_known_filters_still_filter(text: str, kind: str) -> None:
    assert parse_query(text).kind == kind


@pytest.mark.parametrize("quoted, plain", [('person:"assimi goita"', "person:assimi goita"), ('"assimi"', "assimi"),
                                           ('"note: x"', "note: x"), ('place: "Moscou" ', "place:Moscou"),
                                           ('figure:">100"', "figure:>100"), ('date:"2025-06"', "date:2025-06")])
def test_a_value_in_double_quotes_is_searched_without_them_as_the_pickers_filter_reads_it(quoted: str, plain: str) -> None:
    a, b = parse_query(quoted), parse_query(plain)
    assert (a.kind, a.needle, a.compare, a.case) == (b.kind, b.needle, b.compare, b.case)
    assert '"' not in a.needle


@pytest.mark.parametrize("text", ['"', '"assimi', 'dit "oui', 'person:"goita'])
def test_a_lone_double_quote_is_searched_as_typed(text: str) -> None:
    assert '"' in parse_query(text).needle


def test_a_quoted_values_error_points_into_the_quotes() -> None:
    text = 'date:"2025-13"'
    with pytest.raises(QueryError) as caught:
        parse_query(text)
    assert caught.value.position == text.index("13")


def test_a_regex_keeps_its_quotes() -> None:
    assert parse_query('"a+"', SearchOptions(regex=True)).pattern.search('say "aa"')
    assert not parse_query('"a+"', SearchOptions(regex=True)).pattern.search("say aa")
