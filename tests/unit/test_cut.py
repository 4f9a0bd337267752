"""Cutting a line to a width at a word, with "…": never wider than asked, never a word cut when a whole one fits."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.text.cut import cut_at_word, head

WORDS = st.lists(st.text(st.sampled_from("ab漢é,·—"), min_size=1, max_size=12), min_size=1, max_size=8)
"""Words of one- and two-cell letters and the separators a cut drops before its "…"."""


@pytest.mark.parametrize(("text", "cells", "expected"), [
    ("2,000 articles · 1,999 unread · by date", 39, "2,000 articles · 1,999 unread · by date"),
    ("2,000 articles · 1,999 unread · by date", 38, "2,000 articles · 1,999 unread · by…"),
    ("2,000 articles · 1,999 unread · by date", 34, "2,000 articles · 1,999 unread…"),  # no "unread ·…"
    ("2,000 articles · 1,999 unread · by date", 30, "2,000 articles · 1,999 unread…"),
    ("2,000 articles · 1,999 unread · by date", 29, "2,000 articles · 1,999…"),
    ("APA Agence de presse africaine", 12, "APA Agence…"),
    ("  could not be opened: 3 problems", 12, "  could not…"),
    ("Supercalifragilistic", 8, "Superca…"),  # one word wider than the room: cut inside it
    ("  Supercalifragilistic", 8, "  Super…"),
    ("漢字漢字", 5, "漢字…"),
    ("abc", 0, ""),
    ("abc", 1, "…"),
])
def test_cut_at_word(text, cells, expected):
    assert cut_at_word(text, cells) == expected


@settings(max_examples=400, deadline=None)
@given(WORDS, st.integers(0, 60))
def test_a_cut_fits_keeps_a_start_and_says_so(words, cells):
    text = " ".join(words)
    out = cut_at_word(text, cells)
    assert cell_len(out) <= cells
    if cell_len(text) <= cells:
        assert out == text
    elif cells:
        assert out.endswith("…") and text.startswith(out[:-1])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(st.sampled_from("ab漢é"), min_size=1, max_size=12), min_size=1, max_size=8), st.integers(1, 60))
def test_a_cut_is_at_a_word_end_when_a_word_fits(words, cells):
    text = " ".join(words)
    out = cut_at_word(text, cells)
    if cell_len(text) > cells and cell_len(words[0]) <= cells - 1:  # a whole word fits before the "…"
        kept = out[:-1]
        assert text[len(kept)] == " ", (text, out)  # the word kept last is whole
        assert text[len(kept):].lstrip() and cell_len(kept + " " + text[len(kept):].split()[0]) > cells - 1  # the next did not fit
