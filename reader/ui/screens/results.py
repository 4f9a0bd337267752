"""The search results list: every match with its section heading and a one-line snippet; Enter jumps.

A match is one of an opened article (ArticleMatch) or of a library file not opened (LibraryHit,
listed by library_results.py as the whole library is searched).
"""

from __future__ import annotations

import re
from typing import Sequence

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.model.article import Article
from reader.search.library_scope import LibraryHit
from reader.search.session import ArticleMatch
from reader.text.cut import head
from reader.text.safe import label
from reader.ui.widgets.keys_after_enter import KeysAfterEnter

LIMIT = 2000
"""At most this many matches are listed (a one-letter query can find tens of thousands)."""

INDENT = "  "
"""What the snippet line is indented by, under the section heading."""

WORD_SLACK = 8
"""A cut moves to the nearest word boundary when that loses at most this many cells (and a third of what the side has)."""

HINTS = (
    "Enter: go to the match · Esc or q: close",
    "Enter: go to match · Esc: close",
    "Enter: go · Esc: close",
    "Enter go · Esc close",
    "Esc: close",
)
"""The key hint under the list, longest first: the first that fits is shown."""

_SPACES = re.compile(r"\s+")


def _squash(text: str) -> str:
    """A piece of one line of safe text: as a one-line label, but a space at either end is kept (it separates words)."""
    return label(_SPACES.sub(" ", text))


def _tail(text: str, cells: int, cut: bool = False) -> tuple[str, bool]:
    """The end of text in at most cells cells, and whether to show an ellipsis before it (counted in cells).

    cut says the text was already shortened at its start.
    """
    if cells < 1:  # no room even for the ellipsis: nothing is shown
        return "", False
    if cell_len(text) <= cells - cut:
        return (text.lstrip() if cut else text), cut
    kept = head(text[::-1], cells - 1)[::-1]
    dropped = text[:len(text) - len(kept)]
    if (cut or dropped) and not dropped[-1:].isspace():  # cut inside a word: start at the next one when it is near
        space = kept.find(" ")
        if 0 <= space and cell_len(kept[:space]) <= min(WORD_SLACK, max(3, cells // 3)):
            kept = kept[space + 1:]
    return kept.lstrip(), True


def _head(text: str, cells: int, cut: bool = False) -> tuple[str, bool]:
    """The start of text in at most cells cells, and whether to show an ellipsis after it (counted in cells).

    cut says the text was already shortened at its end.
    """
    if cells < 1:
        return "", False
    if cell_len(text) <= cells - cut:
        return (text.rstrip() if cut else text), cut
    kept = head(text, cells - 1)
    dropped = text[len(kept):]
    if (cut or dropped) and not dropped[:1].isspace():  # cut inside a word: end at the previous one when it is near
        space = kept.rfind(" ")
        if space > 0 and cell_len(kept[space:]) <= min(WORD_SLACK, max(3, cells // 3)):
            kept = kept[:space]
    return kept.rstrip(), True


def snippet(text: str, start: int, end: int, width: int = 80) -> Content:
    """text[start:end] on one line of at most width cells, the match styled and always shown, with context around.

    Context is shared between both sides (about two fifths before, the rest after, one side taking
    what the other does not need); a cut side shows an ellipsis. Article text is never markup.
    """
    width = max(1, width)
    reach = 4 * width + WORD_SLACK  # never flatten more of a long paragraph than can be shown
    low, high = max(0, start - reach), min(len(text), end + reach)
    before, match, after = _squash(text[low:start]), _squash(text[start:end]), _squash(text[end:high])
    if low == 0:
        before = before.lstrip()
    if high == len(text):
        after = after.rstrip()
    muted, current = "$text-muted", "bold $text on $search-current"
    if cell_len(match) >= width:
        shown, cut = _head(match, width)
        if not shown.strip():  # too narrow for a letter and an ellipsis: the letters that fit, uncut
            shown, cut = head(match, width), False
        return Content.assemble((shown, current), ("…" if cut else "", muted))
    room = width - cell_len(match)
    whole_before = before
    need_before = cell_len(before) + (low > 0)
    left = min(need_before, max(room * 2 // 5, room - cell_len(after) - (high < len(text))))
    before, left_cut = _tail(whole_before, left, low > 0)
    after, right_cut = _head(after, room - cell_len(before) - left_cut, high < len(text))
    spare = room - cell_len(after) - right_cut
    if left_cut and spare > left:  # the text after needed less than it was given: show more before
        before, left_cut = _tail(whole_before, spare, low > 0)
    return Content.assemble(
        ("…" if left_cut else "", muted), before, (match, current), after, ("…" if right_cut else "", muted),
    )


def fit_title(title: Content, width: int) -> Content:
    """The list's title in width cells: whole, else without its muted tail ("in this article"), else cut with an ellipsis."""
    if title.cell_length <= width:
        return title
    plain = title.plain
    tail = [span for span in title.spans if span.end == len(plain) and str(span.style) == "$text-muted"]
    if tail:
        title = title[:min(span.start for span in tail)].rstrip()
        if title.cell_length <= width:
            return title
    return title.truncate(max(0, width), ellipsis=True)


def fit_hint(width: int) -> Content:
    """The key hint in width cells: the longest wording that fits, else the shortest cut with an ellipsis."""
    hint = next((h for h in HINTS if cell_len(h) <= width), None)
    return Content.styled(hint, "$text-muted") if hint else Content.styled(HINTS[-1], "$text-muted").truncate(
        max(0, width), ellipsis=True)


class MatchList(OptionList):
    """The list of matches, which tells its screen when its width changes (the snippets are cut to fit it), and
    holds the keys read after an Enter that chose a match (`n` in Enter-n typed at once: the article's, not the list's)."""

    def __init__(self, *options: Option, keys_after_enter: KeysAfterEnter, **kwargs) -> None:
        super().__init__(*options, **kwargs)
        self.keys_after_enter = keys_after_enter
        """Its screen's: handed on by whoever the chosen match goes to, once it is shown (the list is closed by then)."""

    class Resized(Message):
        """The list's size changed: snippets, title and hint must be fitted again."""

    def on_key(self, event: events.Key) -> None:
        highlighted = self.highlighted
        if event.key == "enter" and (highlighted is None or self.get_option_at_index(highlighted).disabled):
            return  # an Enter that chooses nothing ("… and 40 more") closes nothing: the keys after it stay the list's
        self.keys_after_enter.take(event)

    def on_resize(self, event: events.Resize) -> None:
        self.post_message(self.Resized())

    @property
    def text_width(self) -> int:
        """The cells an option's line can use."""
        padding = self.get_component_styles("option-list--option").padding
        return self.scrollable_content_region.width - padding.width


class ResultsScreen(ModalScreen["ArticleMatch | LibraryHit | None"]):
    """Every match of the search; Enter jumps to the highlighted one, Esc closes the list."""

    BINDINGS = [
        Binding("escape,q", "dismiss", "Close the results list", id="results.close"),
        Binding("j", "move(1)", "Results: next match", show=False, id="results.down"),
        Binding("k", "move(-1)", "Results: previous match", show=False, id="results.up"),
    ]

    def __init__(self, title: Content, found: Sequence[ArticleMatch | LibraryHit], here: Article, selected: int = 0) -> None:
        super().__init__()
        self.heading = title
        """The full title; what is shown is cut to the list's width."""
        self.found = list(found[:LIMIT])
        self.more = max(0, len(found) - LIMIT)
        self.here = here
        self.selected = selected
        self.fitted_width: int | None = None
        """The text width the prompts were last cut for."""
        self.keys_after_enter = KeysAfterEnter()
        """The keys read after the Enter that chose a match: handed on once the match is shown (by the screen it goes to)."""

    def _prompt(self, found: ArticleMatch | LibraryHit, width: int) -> Content:
        m = found.match
        if isinstance(found, LibraryHit):
            title, heading, text, elsewhere = found.title, found.heading, found.text, found.article_id != self.here.id
        else:
            section = found.article.sections[m.section]
            title, heading, text = found.article.title, section.heading, section.paragraphs[m.paragraph].text
            elsewhere = found.article is not self.here
        head: list[tuple[str, str] | str] = []
        if elsewhere:
            head.append((label(" ".join(title.split())), "bold $accent"))
            head.append((" · ", "$text-muted"))
        head.append((f"§ {m.section + 1} ", "$text-muted"))
        head.append((label(" ".join(heading.split())), "bold"))
        return Content.assemble(*head, "\n" + INDENT, snippet(text, m.start, m.end, width - cell_len(INDENT)))

    def compose(self) -> ComposeResult:
        width = max(20, self.app.size.width - 8)  # a first guess: refitted once the list knows its width
        options: list[Option] = [Option(self._prompt(f, width), id=f"match-{i}") for i, f in enumerate(self.found)]
        if self.more:
            options.append(Option(Content.styled(f"… and {self.more} more (narrow the search)", "$text-muted"), disabled=True))
        with Vertical(id="results-body"):
            yield Label(self.heading, id="results-title")
            yield MatchList(*options, keys_after_enter=self.keys_after_enter, id="results-list")
            yield Label(Content.styled(HINTS[0], "$text-muted"), id="results-hint")

    def on_mount(self) -> None:
        results = self.query_one("#results-list", MatchList)
        if self.found:
            results.highlighted = min(self.selected, len(self.found) - 1)
        results.focus()

    def on_match_list_resized(self, event: MatchList.Resized) -> None:
        event.stop()
        self.refit()

    def refit(self) -> None:
        """Cut the title, hint and every snippet to the width the list has now."""
        results = self.query_one("#results-list", MatchList)
        width = results.text_width
        if width <= 0:
            return
        self.show_title()
        self.query_one("#results-hint", Label).update(fit_hint(self.query_one("#results-hint").content_region.width))
        if width == self.fitted_width:
            return
        self.fitted_width = width
        for index, found in enumerate(self.found):
            results.replace_option_prompt_at_index(index, self._prompt(found, width))

    def show_title(self) -> None:
        """Show the title (``heading``) cut to the width it has."""
        title = self.query_one("#results-title", Label)
        title.update(fit_title(self.heading, title.content_region.width))

    def action_move(self, step: int) -> None:
        results = self.query_one("#results-list", MatchList)
        if step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("match-"):
            self.dismiss(self.found[int(option_id.removeprefix("match-"))])
