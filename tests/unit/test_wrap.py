"""Word wrap: by terminal cells, never inside a word that fits, never inside a thousands group."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.text.wrap import _wrap_cells, wrap

TEXT = "Le contingent compte plus de 5 000 hommes et 10 000 véhicules, 45 % du total, en 2023 selon les données."


def lines(text: str, width: int) -> list[str]:
    return [text[a:b] for a, b in wrap(text, width)]


def test_thousands_groups_stay_whole():
    for width in range(6, 60):
        shown = lines(TEXT, width)
        assert not any(line.endswith((" 5", " 10")) or line in ("5", "10") for line in shown), (width, shown)
        assert any("5 000" in line for line in shown) and any("10 000" in line for line in shown), (width, shown)


def test_other_spaces_after_digits_still_break():
    # "2023 selon": four letters, not a thousands group; "45 %" may break like any space
    assert lines("en 2023 selon", 7) == ["en 2023", "selon"]
    assert lines("1 2345", 3) == ["1", "234", "5"]  # four digits after the space: not a group


QUOTE = "Vladimir Poutine a salué une coopération « ancienne et stratégique » : il rappelle que 10 000 cadres ! Vraiment ?"


def test_french_typography_keeps_its_spaced_marks_on_the_line_of_their_word():
    """No line starts with » : ; ! ? nor ends with «, wherever the width falls (when the glued words fit a line)."""
    for width in range(15, 80):
        shown = lines(QUOTE, width)
        assert not any(line.startswith(("»", ":", ";", "!", "?")) or line.endswith("«") for line in shown), (width, shown)
        wide = lines("好 " + QUOTE, width)  # the cell-by-cell path keeps them too
        assert not any(line.startswith(("»", ":", ";", "!", "?")) or line.endswith("«") for line in wide), (width, wide)


words = st.lists(st.one_of(st.sampled_from(["5", "000", "10", "2023", "a", "é", "mots", "hommes", "%", "12345", "«", "»", ":", "?"]),
                           st.text(alphabet="abcdé0123456789", min_size=1, max_size=12)), min_size=1, max_size=30)


@settings(max_examples=300, deadline=None)
@given(words, st.integers(min_value=1, max_value=40))
def test_the_fast_path_and_the_cell_by_cell_path_agree(parts, width):
    text = " ".join(parts)
    assert wrap(text, width) == _wrap_cells(text, width)
    for a, b in wrap(text, width):
        assert cell_len(text[a:b]) <= width
    assert "".join(text[a:b] for a, b in wrap(text, width)).replace(" ", "") == text.replace(" ", "")
