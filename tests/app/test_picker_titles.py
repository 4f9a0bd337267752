"""The picker's long titles: wrapped once, at the width each row really has, with no character lost and no space invented."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from rich.cells import cell_len

from reader.ui.widgets.article_list import INDENT, title_lines, words_to_lines
from tests.app.test_picker import make, picker_ready, write
from tests.apphelpers import screen_rows

LONG = "Long " + "x" * 500
"""A title one word of which is far wider than any row."""


def _check_wrap(text: str, width: int, rest: int, lines: list[str]) -> None:
    widths = [width] + [rest] * (len(lines) - 1)
    assert all(cell_len(line) <= w for line, w in zip(lines, widths)), (lines, widths)
    assert "".join(lines).replace(" ", "") == "".join(text.split())  # nothing lost, nothing added
    for line in lines:  # a space only where the text has one, between the same words
        assert line == line.strip() and " ".join(line.split()) in " ".join(text.split()), line


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(st.sampled_from("ab漢é"), min_size=1, max_size=30), min_size=1, max_size=12),
       st.integers(2, 40), st.integers(2, 40))
def test_words_to_lines_keeps_every_character_and_each_line_in_its_width(words, width, rest):
    text = " ".join(words)
    _check_wrap(text, width, rest, words_to_lines(text, width, rest))


def test_a_word_wider_than_a_row_is_cut_at_the_width_of_the_rows_it_goes_on():
    lines = title_lines(LONG, 119)  # the list's width at 120 columns (its scrollbar's column kept free)
    room, hanging = 118, 118 - INDENT + 1
    assert lines[0] == "Long"
    pieces = [line[INDENT - 1:] for line in lines[1:]]
    assert all(line.startswith(" " * (INDENT - 1)) for line in lines[1:])
    assert [len(piece) for piece in pieces] == [hanging] * 4 + [500 - 4 * hanging]
    assert "".join(pieces) == "x" * 500
    _check_wrap(LONG, room, hanging, [lines[0], *pieces])


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (40, 12)])
async def test_a_long_unbroken_title_wraps_once_on_screen(tmp_path, size):
    write(tmp_path, "long.yaml", id="long", title=LONG, published="2025-06-23", agency="APA")
    app = make(tmp_path)
    async with app.run_test(size=size) as pilot:
        picker = await picker_ready(pilot)
        picker.article_list.focus()
        rows = [row[:size[0] - 1] for row in screen_rows(app)]  # the scrollbar's column left out
        first = next(y for y, row in enumerate(rows) if row.strip() == "Long")
        pieces = []
        for row in rows[first + 1:]:
            if not row.startswith(" " * INDENT) or not row.strip() or row.strip("x "):  # the details, or blank
                break
            pieces.append(row.strip())
        assert pieces and all(set(piece) == {"x"} for piece in pieces), rows  # no space inside a piece
        full = size[0] - 1 - INDENT  # a row's width less its margin, the hanging indent and the scrollbar's column
        if "".join(pieces) == "x" * 500:  # the whole title in sight
            assert [len(piece) for piece in pieces[:-1]] == [full] * (len(pieces) - 1), pieces
        else:  # the screen too short for it: every piece in sight is a whole row's
            assert size[1] < 24 and [len(piece) for piece in pieces] == [full] * len(pieces), pieces
