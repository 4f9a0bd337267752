"""The search results list fits its width: every snippet shows its match, the title and hint are shortened, not cut."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.content import Content

from reader.ui.screens.results import HINTS, ResultsScreen, _squash, fit_hint, fit_title, snippet
from tests.apphelpers import make_app, press, screen_rows

CURRENT = "bold $text on $search-current"
GOITA = ["Chef de l’Etat malien", "le général Assimi Goïta", "le Président Goïta"]
"""What `goita` finds in the bundled article, one match per section (aliases included)."""


def boxed(app) -> list[str]:
    """The rows inside the results box, without its border."""
    return [row.strip().strip("│").strip() for row in screen_rows(app) if "│" in row]


def highlighted(prompt: Content) -> list[str]:
    """The text of a prompt styled as the match."""
    return [prompt.plain[span.start:span.end] for span in prompt.spans if str(span.style) == CURRENT]


def assert_fitted(app) -> None:
    """Every snippet line fits the list and holds its whole match; the screen shows each match."""
    results = app.screen.query_one("#results-list")
    rows = "\n".join(screen_rows(app))
    for option, expected in zip(results.options, GOITA):
        line = option.prompt.plain.split("\n")[1]
        assert cell_len(line) <= results.text_width, line
        assert highlighted(option.prompt) == [expected]
        assert expected in rows


async def test_matches_are_visible_at_40x12():
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await press(pilot, "slash", *"goita", "ctrl+f")
        assert isinstance(app.screen, ResultsScreen)
        assert_fitted(app)
        rows = boxed(app)
        assert rows[0] == "3 matches for goita"  # "in this article" goes rather than being cut mid-phrase
        assert rows[-1] == "Enter: go to match · Esc: close"
        assert any("…le général Assimi Goïta," in row for row in rows)


async def test_snippets_are_refitted_when_the_width_changes():
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        await press(pilot, "slash", *"goita", "ctrl+f")
        narrow = app.screen.query_one("#results-list").options[1].prompt.plain
        await pilot.resize_terminal(100, 20)
        await pilot.pause()
        assert_fitted(app)
        wide = app.screen.query_one("#results-list").options[1].prompt.plain
        assert len(wide) > len(narrow) + 30  # the room is used for context
        rows = boxed(app)
        assert rows[0] == "3 matches for goita in this article" and rows[-1] == HINTS[0]
        await pilot.resize_terminal(30, 12)
        await pilot.pause()
        results = app.screen.query_one("#results-list")
        for option, expected in zip(results.options, GOITA):
            line = option.prompt.plain.split("\n")[1]
            assert cell_len(line) <= results.text_width
            shown = highlighted(option.prompt)[0].rstrip("…")
            assert shown and expected.startswith(shown)


def test_title_and_hint_shorten_rather_than_cut():
    title = Content.assemble(("3 matches", "bold"), " for ", ("goita", "bold $accent"), (" in this article", "$text-muted"))
    assert fit_title(title, 40).plain == "3 matches for goita in this article"
    assert fit_title(title, 30).plain == "3 matches for goita"
    assert fit_title(title, 12).plain.endswith("…") and cell_len(fit_title(title, 12).plain) == 12
    assert fit_hint(32).plain == "Enter: go to match · Esc: close"
    assert fit_hint(25).plain == "Enter: go · Esc: close"
    assert fit_hint(5).plain == "Esc:…"


def test_snippet_cuts_around_the_match_with_context_on_both_sides():
    text = "La présidence de la Transition du Mali, le général Assimi Goïta, s’est poursuivie ce lundi au Kremlin."
    start = text.index("Assimi")
    line = snippet(text, start, start + len("Assimi Goïta"), 28)
    assert "Assimi Goïta" in line.plain and cell_len(line.plain) <= 28
    before, after = line.plain.split("Assimi Goïta")
    assert before.startswith("…") and len(before) > 3 and after.endswith("…") and len(after) > 3
    assert highlighted(line) == ["Assimi Goïta"]
    assert snippet("[b]x[/b] Goïta", 9, 14, 40).plain == "[b]x[/b] Goïta"  # text, not markup


words = st.lists(st.text(st.sampled_from("abcé 字\n\t\x1b"), min_size=1, max_size=12), min_size=1, max_size=30)


@given(words, st.data(), st.integers(min_value=1, max_value=120))
def test_snippet_always_fits_and_shows_the_match_start(parts, data, width):
    text = " ".join(parts)
    letters = [i for i, char in enumerate(text) if not char.isspace()]
    start = data.draw(st.sampled_from(letters)) if letters else 0
    end = data.draw(st.sampled_from([i + 1 for i in letters if i >= start])) if letters else len(text)
    line = snippet(text, start, end, width)
    assert cell_len(line.plain) <= width
    shown = highlighted(line)
    if letters and cell_len(_squash(text[start])) <= width:  # a match always shows at least its first letter
        assert shown and shown[0][0] == _squash(text[start])[0]
