"""Aliases and quotes to spans: whole words, longest alias first, through any typography."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.text.spans import Annotator
from reader.text.fold import fold, fold_text
from reader.model.article import Location


def alias_spans(text: str, *aliases: str) -> list[tuple[str, str]]:
    """(entity, original text) of each alias hit in a one-paragraph article; entity = the alias."""
    table = {fold_text(a).strip(): a for a in aliases}
    hits, _counts = Annotator([[text]]).aliases(table)
    return [(h.entity, text[h.location.start:h.location.end]) for h in hits]


def quote_spans(text: str, quote: str, prefix: str = "") -> list[str]:
    return [text[loc.start:loc.end] for loc in Annotator([[text]]).find(quote, prefix=prefix)]


# --- whole words -------------------------------------------------------------------------------

def test_alias_is_found_at_word_boundaries() -> None:
    assert alias_spans("Le Mali, le Mali. (Mali)", "Mali") == [("Mali", "Mali")] * 3


@pytest.mark.parametrize("text", ["les autorités maliennes", "un cadre malien", "Malik est là", "Somalie", "MaliMali"])
def test_alias_never_inside_a_word(text: str) -> None:
    hits, counts = Annotator([[text]]).aliases({"mali": "mali"})
    assert hits == []
    assert counts == {"mali": 0}


def test_alias_among_longer_words_finds_only_the_word() -> None:
    text = "Le Mali malien et Malik au Mali"
    hits, counts = Annotator([[text]]).aliases({"mali": "mali"})
    assert [(h.location.start, h.location.end) for h in hits] == [(3, 7), (27, 31)]
    assert counts == {"mali": 2}


def test_digits_are_word_characters() -> None:
    assert alias_spans("2e journée, 2 jours", "2") == [("2", "2")]


# --- longest alias wins ------------------------------------------------------------------------

def test_longest_alias_wins_where_two_overlap() -> None:
    text = "la Fédération de Russie et la Russie"
    assert alias_spans(text, "Russie", "Fédération de Russie") == [
        ("Fédération de Russie", "Fédération de Russie"),
        ("Russie", "Russie"),
    ]


def test_longest_alias_wins_whatever_the_order_given() -> None:
    text = "régions du Centre et du Nord du Mali, et le Mali"
    first = alias_spans(text, "Mali", "régions du Centre et du Nord du Mali")
    second = alias_spans(text, "régions du Centre et du Nord du Mali", "Mali")
    assert first == second == [
        ("régions du Centre et du Nord du Mali", "régions du Centre et du Nord du Mali"),
        ("Mali", "Mali"),
    ]


def test_overlap_that_starts_later_is_settled_by_length() -> None:
    # "Chef de l'Etat" and "l'Etat malien" overlap; the longer one wins
    text = "le Chef de l’Etat malien arrive"
    assert alias_spans(text, "Chef de l'Etat", "l'Etat malien arrive") == [("l'Etat malien arrive", "l’Etat malien arrive")]


def test_counts_report_matches_before_overlaps_are_settled() -> None:
    hits, counts = Annotator([["la Fédération de Russie"]]).aliases({"russie": "russie", "federation de russie": "russie"})
    assert len(hits) == 1
    assert counts == {"russie": 1, "federation de russie": 1}


def test_hits_are_in_reading_order_across_sections() -> None:
    annotator = Annotator([["Moscou et Bamako"], ["Bamako", "puis Moscou"]])
    hits, _ = annotator.aliases({"bamako": "bamako", "moscou": "moscou"})
    assert [(h.entity, h.location) for h in hits] == [
        ("moscou", Location(0, 0, 0, 6)),
        ("bamako", Location(0, 0, 10, 16)),
        ("bamako", Location(1, 0, 0, 6)),
        ("moscou", Location(1, 1, 5, 11)),
    ]


# --- typography ------------------------------------------------------------------------------

def test_alias_with_straight_apostrophe_finds_curly() -> None:
    assert alias_spans("le Chef de l’Etat malien", "l'Etat") == [("l'Etat", "l’Etat")]


def test_alias_without_accents_finds_accented_text() -> None:
    assert alias_spans("le général Assimi Goïta", "Assimi Goita") == [("Assimi Goita", "Assimi Goïta")]


def test_alias_finds_decomposed_letters_and_soft_hyphens() -> None:
    text = "Assimi Goi\u0308ta et Ma\u00adli"
    assert alias_spans(text, "Assimi Goïta", "Mali") == [("Assimi Goïta", "Assimi Goi\u0308ta"), ("Mali", "Ma\u00adli")]


def test_quote_with_no_break_space_in_the_text() -> None:
    text = "plus de 10\u00a0000 cadres et 45\u202f%"
    [loc] = Annotator([[text]]).find("10 000")
    assert text[loc.start:loc.end] == "10\u00a0000"
    assert quote_spans(text, "45 %") == ["45\u202f%"]


def test_quote_across_a_line_break_and_several_spaces() -> None:
    text = "la société\n  publique russe"
    assert quote_spans(text, "société publique") == ["société\n  publique"]


# --- quotes ------------------------------------------------------------------------------------

def test_quote_is_found_everywhere_in_reading_order() -> None:
    annotator = Annotator([["trois accords", "deux accords"], ["trois accords"]])
    assert annotator.find("trois accords") == [Location(0, 0, 0, 13), Location(1, 0, 0, 13)]


def test_quote_whole_words_only() -> None:
    assert quote_spans("en 2023, 12023 et 20234", "2023") == ["2023"]


def test_quote_with_prefix_selects_the_occurrence_after_it() -> None:
    text = "45 % ici, mais inférieur à 45 % là"
    [loc] = Annotator([[text]]).find("45 %", prefix="inférieur à")
    assert (loc.start, loc.end) == (27, 31)
    assert text[loc.start:loc.end] == "45 %"


def test_prefix_matches_through_typography_too() -> None:
    text = "plus de\u00a010\u202f000 cadres"
    [loc] = Annotator([[text]]).find("10 000", prefix="plus de")
    assert text[loc.start:loc.end] == "10\u202f000"


def test_prefix_must_be_a_whole_word() -> None:
    assert Annotator([["déplus de 10 cadres"]]).find("10", prefix="plus de") == []


def test_quote_limited_to_sections() -> None:
    annotator = Annotator([["Mali"], ["Mali"], ["Mali"]])
    assert annotator.find("Mali", sections=[1]) == [Location(1, 0, 0, 4)]


def test_empty_quote_finds_nothing() -> None:
    assert Annotator([["a b"]]).find("  ") == []
    assert Annotator([["a b"]]).find("\u00ad") == []


def test_quote_starting_with_punctuation() -> None:
    assert quote_spans("il dit « non » puis", "« non »") == ["« non »"]


def test_quote_never_matches_part_of_one_character() -> None:
    text = "\u00bd litre et 2 litres"
    assert quote_spans(text, "2") == ["2"]


# --- properties ------------------------------------------------------------------------------

ALPHABET = "Mali Goïta ’'\u00a0\u202f\t\u00ad\u200bœŒéÉ-.,12"
TEXTS = st.text(alphabet=st.one_of(st.sampled_from(ALPHABET), st.sampled_from("abcdefghij ")), min_size=1, max_size=40)


@settings(max_examples=250, deadline=None)
@given(TEXTS, st.data())
def test_every_alias_hit_folds_to_the_alias(text: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(text)), label="i")
    j = data.draw(st.integers(i, len(text)), label="j")
    needle = fold_text(text[i:j]).strip()
    assume(needle)
    hits, counts = Annotator([[text]]).aliases({needle: "e"})
    assert counts[needle] >= len(hits)
    for hit in hits:
        loc = hit.location
        assert 0 <= loc.start < loc.end <= len(text)
        assert fold(text[loc.start:loc.end]).text == needle
    starts = [h.location.start for h in hits]
    assert starts == sorted(starts)
    for before, after in zip(hits, hits[1:]):
        assert before.location.end <= after.location.start


@settings(max_examples=250, deadline=None)
@given(TEXTS)
def test_whole_text_as_alias_is_always_found(text: str) -> None:
    needle = fold_text(text).strip()
    assume(needle)
    hits, counts = Annotator([[text]]).aliases({needle: "e"})
    assert counts[needle] >= 1 and hits
    assert fold(text[hits[0].location.start:hits[0].location.end]).text == needle


@settings(max_examples=250, deadline=None)
@given(TEXTS, st.data())
def test_every_quote_hit_folds_to_the_quote(text: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(text)), label="i")
    j = data.draw(st.integers(i, len(text)), label="j")
    quote = text[i:j]
    for loc in Annotator([[text]]).find(quote):
        assert fold(text[loc.start:loc.end]).text == fold_text(quote).strip()
