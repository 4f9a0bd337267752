"""The review queue of a draft article: every suggestion, lowest confidence first, and the decisions on them."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.importer.review import Decided, Suggestion, decide, suggestions, undo
from reader.load.build import load_article
from reader.load.files import Stamp, file_stamp
from reader.load.yamlsource import read_text
from reader.model.article import ENTITY_TYPES, Article
from reader.model.problems import Problem, ProblemsError
from reader.text.safe import label
from reader.ui.widgets.footer import KeysFooter

KIND_STYLES = {"person": "$entity-person", "org": "$entity-org", "place": "$entity-place",
               "date": "$entity-date", "figure": "$entity-figure", "accord": "bold $accent"}
TYPE_KEYS = {"person": "p", "org": "o", "place": "l"}
"""The key that gives an entity each type, once t asked for one."""


def suggestion_prompt(suggestion: Suggestion) -> Content:
    """One row of the queue: confidence, kind, name, and the snippet dimmed (all text shown literally)."""
    return Content.assemble(
        (f"{suggestion.confidence:.2f} ", "$text-muted"),
        (f"{suggestion.kind:<6} ", KIND_STYLES[suggestion.kind]),
        (label(suggestion.name), "bold"),
        "  ",
        (label(suggestion.snippet), "$text-muted"),
    )


def where_in_file(problem: Problem) -> str:
    """A problem of the file under review, shown on one line: `line:column: message` (the file is the one reviewed)."""
    return label(f"{problem.line}:{problem.column}: {problem.message}" if problem.line else problem.message)


class QueueList(OptionList):
    """The queue's list: the cursor stops at the first and last rows (a cursor that wrapped took k on the first
    row to the last one, and the x after it rejected, for good, a suggestion the reader never looked at)."""

    def action_cursor_down(self) -> None:
        if self.highlighted is None or self.highlighted < self.option_count - 1:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.highlighted is None or self.highlighted > 0:
            super().action_cursor_up()


class ReviewScreen(ModalScreen["Location | None"]):
    """The suggestions of a draft, lowest confidence first: Enter jumps to one, a accepts, x rejects,
    t retypes an entity, A accepts every suggestion of its name; each decision is written to the file at once,
    and u puts the file back as it was before the last one (then the one before).

    Closes with the place to jump to (Enter), or None (Esc)."""

    AUTO_FOCUS = "#review-list"
    BINDINGS = [
        Binding("escape", "close", "Close", id="review.close"),
        # the keys of the results list and the picker: j j j then x must reject the row j reached
        Binding("j", "move(1)", "Next suggestion", show=False, id="review.down"),
        Binding("k", "move(-1)", "Previous suggestion", show=False, id="review.up"),
        Binding("g,home", "ends(False)", "First suggestion", show=False, id="review.first"),
        Binding("G,end", "ends(True)", "Last suggestion", show=False, id="review.last"),
        Binding("a", "decide('accept')", "Accept", id="review.accept"),
        Binding("x", "decide('reject')", "Reject", id="review.reject"),
        Binding("t", "choose_type", "Type", id="review.retype"),
        Binding("A", "decide('accept_name')", "Accept all of its name", id="review.accept_name"),
        Binding("u", "undo", "Undo", id="review.undo"),
        *(Binding(key, f"retype('{kind}')", f"Make it {'an' if kind == 'org' else 'a'} {kind}", id=f"review.as_{kind}")
          for kind, key in TYPE_KEYS.items()),
    ]

    def __init__(self, path: Path, on_decided: Callable[[Article], None] | None = None) -> None:
        super().__init__()
        self.path = path
        self.on_decided = on_decided
        """Told the article as the file reads after each decision (the reading screen shows it)."""
        self.article: Article | None = None
        self.stamp: Stamp | None = None
        """The file's stamp when it was last read here: a file changed by someone else since is not written over."""
        self.items: list[Suggestion] = []
        self.choosing_type = False
        """t was pressed: p, o or l gives the type, Esc gives up."""
        self.decisions = 0
        """Decisions written, undos too (tests wait for the next one)."""
        self.done: list[tuple[Decided, int]] = []
        """The decisions written here, last one last, each with the row it was made on: what u undoes."""

    def compose(self) -> ComposeResult:
        with Vertical(id="review-box"):
            yield Static("", id="review-title")
            yield QueueList(id="review-list")
            yield Static("", id="review-status")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.read_file()

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#review-list", OptionList)

    @property
    def current(self) -> Suggestion | None:
        index = self.option_list.highlighted
        return self.items[index] if index is not None and 0 <= index < len(self.items) else None

    def read_file(self) -> None:
        """Read the file as it is now (the queue is always the file's, never a copy's)."""
        stamp = file_stamp(self.path)
        try:
            article = load_article(self.path)
            text = read_text(self.path)
        except ProblemsError as error:
            self.article, self.items = None, []
            self.option_list.clear_options()
            self.show_status(where_in_file(error.problems[0]) if error.problems else "the file cannot be read", error=True)
            self._show_title()
            return
        self.stamp = stamp
        self.show(article, suggestions(article, text))

    def show(self, article: Article, items: list[Suggestion], keep: int = 0) -> None:
        """List the suggestions; the cursor on the row at `keep` (the next one after a decision)."""
        self.article = article
        self.items = items
        option_list = self.option_list
        option_list.clear_options()
        option_list.add_options([Option(suggestion_prompt(s), id=f"s-{i}") for i, s in enumerate(items)])
        if items:
            option_list.highlighted = min(keep, len(items) - 1)
        self._show_title()

    def _show_title(self) -> None:
        left = len(self.items)
        if self.article is None:
            title = Content.styled("Review: the file cannot be read", "bold $error")
        elif not left:
            title = Content.assemble(("Review", "bold $accent"), ("  nothing left to review", "$text-muted"))
        else:
            title = Content.assemble(("Review", "bold $accent"), f"  {left} suggestion{'s' if left != 1 else ''}, least sure first",
                                     ("  (enter goes to one)", "$text-muted"))
        self.query_one("#review-title", Static).update(title)

    def show_status(self, text: str, error: bool = False) -> None:
        self.query_one("#review-status", Static).update(Content.styled(text, "$error" if error else "$text-muted"))

    # keys --------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # p, o, l only while a type is asked for; a, x, t, A only when one is chosen
        if action == "retype":
            return self.choosing_type
        if action == "move":  # while a type is asked for, the row it is for stays the one lit
            return not self.choosing_type
        if action == "undo":
            return False if self.choosing_type else (None if not self.done else True)
        if action in ("decide", "choose_type"):
            return False if self.choosing_type else (None if self.current is None else True)
        return True

    def action_move(self, step: int) -> None:
        """j / k: the next / previous suggestion, as ↓ / ↑."""
        if step > 0:
            self.option_list.action_cursor_down()
        else:
            self.option_list.action_cursor_up()

    def action_ends(self, last: bool) -> None:
        """g / G (Home / End): the first / last suggestion."""
        if last:
            self.option_list.action_last()
        else:
            self.option_list.action_first()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        suggestion = self.current
        if suggestion is not None and suggestion.location is not None:
            self.dismiss(suggestion.location)

    def action_close(self) -> None:
        if self.choosing_type:
            self._stop_choosing("")
        else:
            self.dismiss(None)

    def action_choose_type(self) -> None:
        suggestion = self.current
        if suggestion is None:
            return
        if suggestion.kind not in ENTITY_TYPES:
            self.show_status(f"Only a person, an organisation or a place has a type (this is {'an' if suggestion.kind[0] in 'aeiou' else 'a'} {suggestion.kind}).", error=True)
            return
        self.choosing_type = True
        self.refresh_bindings()
        others = "  ".join(f"{key} {kind}" for kind, key in TYPE_KEYS.items() if kind != suggestion.kind)
        self.show_status(f"{label(suggestion.name)} is a…  {others}  (Esc: keep {suggestion.kind})")

    def _stop_choosing(self, status: str) -> None:
        self.choosing_type = False
        self.refresh_bindings()
        self.show_status(status)

    def action_retype(self, kind: str) -> None:
        self._stop_choosing("")
        self.action_decide("retype", kind)

    def action_decide(self, action: str, new_type: str | None = None) -> None:
        """Write one decision on the suggestion at hand; the queue and the article follow the file."""
        suggestion = self.current
        if suggestion is None:
            return
        keep = self.option_list.highlighted or 0
        try:
            decided = decide(self.path, suggestion.ref, action, new_type, expected=self.stamp)
        except ProblemsError as error:
            # the status names the place in the file being reviewed; the notice names the file too
            self.show_status("; ".join(where_in_file(p) for p in error.problems[:2]), error=True)
            self.notify("\n".join(label(str(p)) for p in error.problems[:3]), severity="error", timeout=8)
            return
        self.done.append((decided, keep))
        self._written(decided, keep)

    def action_undo(self) -> None:
        """Put the file back as it was before the last decision made here (checked and written as a decision is)."""
        if not self.done:
            return
        decided, row = self.done[-1]
        try:
            undone = undo(self.path, decided)
        except ProblemsError as error:
            self.show_status("; ".join(where_in_file(p) for p in error.problems[:2]), error=True)
            self.notify("\n".join(label(str(p)) for p in error.problems[:3]), severity="error", timeout=8)
            return
        self.done.pop()
        self._written(undone, row)

    def _written(self, decided: Decided, keep: int) -> None:
        """The queue, the status and the reading screen follow what was just written."""
        self.stamp = decided.stamp
        self.decisions += 1
        text = read_text(self.path)
        self.show(decided.article, suggestions(decided.article, text), keep)
        self.show_status(label(decided.message))
        self.refresh_bindings()
        if self.on_decided is not None:
            self.on_decided(decided.article)
