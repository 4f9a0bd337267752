"""Folding: typography that must not matter to matching, and the offset map back to the text."""

from __future__ import annotations

from bisect import bisect_left

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.fold import at_word_boundaries, fold, fold_text

# Characters that fold in interesting ways, mixed into random text so hypothesis meets them often.
TRICKY = (
    "aAiIeE0 \u00a0\u202f\t\n\u2028"  # letters, digits, every kind of space
    "’‘ʼ'`´"  # apostrophes
    "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen and zero-width characters
    "\u0308\u0301\u0327"  # combining marks (also at the very start of a text)
    "ïÏéÉçœŒæßİﬁ½⑴ＭＡ"  # precomposed, ligatures, compatibility forms, fullwidth
    ".,;:()-–"
)
texts = st.text(alphabet=st.one_of(st.sampled_from(TRICKY), st.characters()), max_size=40)
PROPERTY = settings(max_examples=300, deadline=None)


# --- what folding makes equal --------------------------------------------------------------

@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Goïta", "goita"),
        ("ÉTAT", "etat"),
        ("Sénou", "SENOU"),
        ("Français", "francais"),
        ("l’Etat", "l'Etat"),  # U+2019
        ("l‘Etat", "l'Etat"),  # U+2018
        ("lʼEtat", "l'Etat"),  # U+02BC
        ("10\u00a0000", "10 000"),  # no-break space
        ("10\u202f000", "10 000"),  # narrow no-break space
        ("10\t000", "10 000"),
        ("10\n000", "10 000"),
        ("a \u00a0\t\n\u202f  b", "a b"),  # a run of mixed spaces is one space
        ("œuvre", "oeuvre"),
        ("ŒUVRE", "oeuvre"),
        ("Ma\u00adli", "Mali"),  # soft hyphen
        ("Ma\u200bli", "Mali"),
        ("Ma\u200c\u200d\u2060\ufeffli", "Mali"),
        ("Goi\u0308ta", "Goïta"),  # decomposed i + combining diaeresis
        ("ＭＡＬＩ", "mali"),  # fullwidth letters
        ("Ｍａｌｉ ２０２５", "mali 2025"),
    ],
)
def test_fold_makes_equal(left: str, right: str) -> None:
    assert fold_text(left) == fold_text(right)


def test_fold_gives_plain_lower_case_text() -> None:
    assert fold_text("Le Chef de l’État malien, Assimi Goïta") == "le chef de l'etat malien, assimi goita"
    assert fold_text("10\u00a0000 cadres") == "10 000 cadres"
    assert fold_text("cœur") == "coeur"


def test_spaces_collapse_but_are_kept_at_the_edges() -> None:
    assert fold_text("  a  ") == " a "
    assert fold_text("a\u00ad \u00ad b") == "a b"  # an ignored char inside a run does not split it


def test_case_true_keeps_case() -> None:
    assert fold_text("Mali", case=True) == "Mali"
    assert fold_text("Mali", case=True) != fold_text("mali", case=True)
    assert fold_text("Goïta", case=True) == "Goita"  # accents still go


def test_accents_true_keeps_accents() -> None:
    assert fold_text("Goïta", accents=True) == "goïta"
    assert fold_text("Goïta", accents=True) != fold_text("Goita", accents=True)
    # a decomposed ï is the same letter as a precomposed one
    assert fold_text("Goi\u0308ta", accents=True) == fold_text("Goïta", accents=True)


def test_case_and_accents_true_together() -> None:
    assert fold_text("l’État", case=True, accents=True) == "l'État"


# --- the offset map -----------------------------------------------------------------------

def test_decomposed_letter_maps_to_both_code_points() -> None:
    text = "Goi\u0308ta"
    folded = fold(text)
    assert folded.text == "goita"
    i = folded.text.index("i")
    assert (folded.starts[i], folded.ends[i]) == (2, 4)  # "i" and U+0308
    assert folded.original(0, 5) == (0, 6)
    assert text[slice(*folded.original(i, i + 1))] == "i\u0308"


def test_ligature_maps_both_letters_to_one_character() -> None:
    folded = fold("cœur")
    assert folded.text == "coeur"
    assert folded.original(1, 2) == (1, 2)  # "o" comes from "œ"
    assert folded.original(2, 3) == (1, 2)  # so does "e"
    assert folded.original(1, 3) == (1, 2)


def test_space_run_maps_to_the_whole_run() -> None:
    text = "10\u00a0\t 000"
    folded = fold(text)
    assert folded.text == "10 000"
    assert folded.original(2, 3) == (2, 5)
    assert folded.original(0, 6) == (0, len(text))


def test_ignored_characters_are_skipped_but_covered_inside_a_match() -> None:
    text = "Ma\u00adli est"
    folded = fold(text)
    assert folded.text == "mali est"
    assert folded.original(0, 4) == (0, 5)
    assert text[slice(*folded.original(0, 4))] == "Ma\u00adli"


def test_apostrophe_maps_to_one_character() -> None:
    text = "l’Etat"
    folded = fold(text)
    assert folded.text == "l'etat"
    assert folded.original(1, 2) == (1, 2)


def test_empty_range_maps_to_a_point() -> None:
    folded = fold("abc")
    assert folded.original(0, 0) == (0, 0)
    assert folded.original(1, 1) == (1, 1)
    assert folded.original(3, 3) == (3, 3)
    assert fold("").text == ""
    assert fold("").original(0, 0) == (0, 0)


def test_length_is_the_original_length() -> None:
    assert fold("l’État\u00a0!").length == 8  # l ’ É t a t NBSP !


# --- properties ------------------------------------------------------------------------------

@PROPERTY
@given(texts, st.booleans(), st.booleans())
def test_offset_map_is_monotonic_and_inside_the_text(text: str, case: bool, accents: bool) -> None:
    folded = fold(text, case=case, accents=accents)
    assert folded.length == len(text)
    assert len(folded.starts) == len(folded.ends) == len(folded.text)
    for k in range(len(folded.text)):
        # every folded character comes from at least one original character
        assert 0 <= folded.starts[k] < folded.ends[k] <= len(text)
        if k:
            assert folded.starts[k - 1] <= folded.starts[k]
            assert folded.ends[k - 1] <= folded.ends[k]


@PROPERTY
@given(texts, st.booleans(), st.booleans())
def test_only_spaces_fold_to_spaces_and_never_two_in_a_row(text: str, case: bool, accents: bool) -> None:
    folded = fold(text, case=case, accents=accents).text
    assert "  " not in folded
    assert not any(c.isspace() and c != " " for c in folded)


@PROPERTY
@given(texts, st.data(), st.booleans(), st.booleans())
def test_original_range_folds_back_to_the_folded_range(text: str, data: st.DataObject, case: bool, accents: bool) -> None:
    """Folding the original range of a folded slice gives back that slice, widened at most
    to whole original characters (a ligature's "oe" when only "e" was asked for)."""
    folded = fold(text, case=case, accents=accents)
    n = len(folded.text)
    a = data.draw(st.integers(0, n), label="a")
    b = data.draw(st.integers(a, n), label="b")
    o_start, o_end = folded.original(a, b)
    assert 0 <= o_start <= o_end <= len(text)
    if a == b:
        assert o_start == o_end
        return
    again = fold(text[o_start:o_end], case=case, accents=accents).text
    # the folded characters whose original span lies inside [o_start, o_end) are a contiguous run
    lo = bisect_left(folded.starts, o_start)
    hi = b
    while hi < n and folded.ends[hi] <= o_end:
        hi += 1
    assert lo <= a
    assert again == folded.text[lo:hi]
    assert folded.text[a:b] in again
    # widening only ever covers characters from the same original character as the edge
    for k in range(lo, a):
        assert (folded.starts[k], folded.ends[k]) == (folded.starts[a], folded.ends[a])
    for k in range(b, hi):
        assert (folded.starts[k], folded.ends[k]) == (folded.starts[b - 1], folded.ends[b - 1])


@PROPERTY
@given(st.text(alphabet=st.sampled_from("Mali Goïta’'\u00a0\u00adœ"), max_size=30))
def test_fold_text_is_fold_dot_text(text: str) -> None:
    assert fold_text(text) == fold(text).text


# --- word boundaries --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("le Mali est", 3, 7, True),
        ("malien", 0, 4, False),
        ("Malik", 0, 4, False),
        ("au Mali.", 3, 7, True),
        ("(Mali)", 1, 5, True),
        ("Mali", 0, 4, True),
        ("2e journée", 0, 1, False),
    ],
)
def test_at_word_boundaries(text: str, start: int, end: int, expected: bool) -> None:
    assert at_word_boundaries(text, start, end) is expected
