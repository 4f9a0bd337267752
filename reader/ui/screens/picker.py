"""The article picker: every opened article, newest first, with its date, source and accords; type to filter."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.library.entries import Entry
from reader.text.fold import fold_text
from reader.model.article import Article
from reader.text.safe import label
from reader.ui.screens.error import plural


def filter_terms(query: str) -> list[str]:
    """A filter's words, folded as everything is (so `goita` finds Goïta)."""
    return fold_text(query).split()


def entry_text(entry: Entry) -> str:
    """What the filter looks in, folded: title, source, date, id, file name and entity names; a broken file's path."""
    article = entry.article
    if article is None:
        return fold_text(entry.path)
    source = article.source
    names = [name for e in article.entities for name in (e.name, *e.aliases)]
    fields = [article.title, source.agency, source.name, source.code, article.published, article.id, Path(entry.path).name, *names]
    return " | ".join(fold_text(f) for f in fields if f)


def matching_names(article: Article, terms: list[str]) -> list[str]:
    """The names of the article's entities a filter's words hit (to say why an article is listed)."""
    return [e.name for e in article.entities
            if any(term in fold_text(name) for term in terms for name in (e.name, *e.aliases))]


class PickerScreen(Screen[None]):
    """Choose an article; typing filters the list; broken files are listed too, and open their error screen."""

    VERTICAL_BREAKPOINTS = [(0, "-picker-short"), (12, "-picker-tall")]
    """Below 12 rows the title bar and the hint go, so that articles stay in view."""
    AUTO_FOCUS = "#picker-filter"
    """The filter has the keyboard: letters filter, arrows move in the list, Enter opens, a click opens too."""
    BINDINGS = [
        Binding("ctrl+q", "app.quit", "Quit", priority=True, id="picker.quit"),
        Binding("escape", "clear_filter", "Clear the filter", id="picker.clear_filter"),
        Binding("down", "move('cursor_down')", "Next article", show=False, id="picker.down"),
        Binding("up", "move('cursor_up')", "Previous article", show=False, id="picker.up"),
        Binding("pagedown", "move('page_down')", "Page down", show=False, id="picker.page_down"),
        Binding("pageup", "move('page_up')", "Page up", show=False, id="picker.page_up"),
    ]

    def __init__(self, entries: list[Entry]) -> None:
        super().__init__()
        self.entries = sorted(entries, key=lambda e: (e.article is None, -(int(e.article.published.replace("-", "").ljust(8, "0")) if e.article else 0)))
        """Every entry, newest first then broken files; option ``entry-N`` is ``entries[N]``."""
        self._texts = [entry_text(e) for e in self.entries]
        self.shown: list[int] = list(range(len(self.entries)))
        """The indexes of the entries the filter lets through, in order."""
        self.terms: list[str] = []
        """The filter's words, folded; none when nothing (or only spaces) is typed."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Type to filter: title, source, date, names…", id="picker-filter", compact=True)
        with Horizontal(classes="pane-title", id="picker-header"):
            yield Label(self._count_text(), id="picker-count")
            yield Label(self._hint_text(), id="picker-hint")
        options = OptionList(*[self._option(i, []) for i in self.shown], id="picker")
        options.can_focus = False  # the filter keeps the keyboard: every letter (q too) is typed into it
        yield options
        yield Footer()

    def on_mount(self) -> None:
        if self.shown:
            self.option_list.highlighted = 0

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#picker", OptionList)

    @property
    def filter_input(self) -> Input:
        return self.query_one("#picker-filter", Input)

    def _count_text(self) -> str:
        """How many articles, and "N of M" whenever a filter is typed (even one that keeps them all)."""
        total = len(self.entries)
        noun = "article" if total == 1 else "articles"
        if not self.terms:
            return f"{total} {noun}"
        return f"{len(self.shown)} of {total} {noun}"

    def _hint_text(self) -> str:
        """What the keys do now; the first thing to go on a short terminal."""
        if not self.terms:
            return " — type to filter, Enter opens one"
        return " — Esc clears the filter"

    def _option(self, index: int, terms: list[str]) -> Option:
        entry = self.entries[index]
        if entry.article is None:
            path = Path(entry.path)
            folder = f"  in {label(str(path.parent))}" if path.name and str(path.parent) != "." else ""
            # the name first: a long folder is what the ellipsis cuts on a narrow terminal
            prompt = Content.assemble((label(path.name or entry.path), "bold $error"), (folder, "$text-muted"),
                                      ("\n  could not be opened: ", "$text-muted"),
                                      (plural(len(entry.problems), "problem"), "$error"))
        else:
            a = entry.article
            accords = len(a.numbered_accords)
            names = matching_names(a, terms) if terms else []
            prompt = Content.assemble(
                (label(a.title), "bold"),
                (f"\n  {a.published} · {label(a.source.name or a.source.agency)} · {accords} accord{'s' if accords != 1 else ''}", "$text-muted"),
                (" · names " + label(", ".join(names[:3])) + ("…" if len(names) > 3 else ""), "$accent") if names else "",
            )
        return Option(prompt, id=f"entry-{index}")

    def apply_filter(self, query: str) -> None:
        """Show only the entries holding every word of the query (folded), the first one highlighted."""
        terms = self.terms = filter_terms(query)
        self.shown = [i for i, text in enumerate(self._texts) if all(term in text for term in terms)]
        options = self.option_list
        options.clear_options()
        options.add_options([self._option(i, terms) for i in self.shown])
        if self.shown:
            options.highlighted = 0
        self.query_one("#picker-count", Label).update(self._count_text())
        self.query_one("#picker-hint", Label).update(self._hint_text())

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.apply_filter(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        highlighted = self.option_list.highlighted
        if highlighted is not None and highlighted < len(self.shown):
            self.open_entry(self.shown[highlighted])

    def open_entry(self, index: int) -> None:
        """Open ``entries[index]``; when the app read its file again, list it as it now is."""
        entry = self.entries[index]
        opened = self.app.open_entry(entry)  # type: ignore[attr-defined]
        if opened is entry or opened is None:
            return
        self.entries[index] = opened
        self._texts[index] = entry_text(opened)
        if index in self.shown:
            self.option_list.replace_option_prompt(f"entry-{index}", self._option(index, self.terms).prompt)

    def action_clear_filter(self) -> None:
        """Esc: empty the filter (every article listed again) and type from the start."""
        self.filter_input.value = ""
        self.filter_input.focus()

    def action_move(self, action: str) -> None:
        """Arrows and pages move through the list while the filter has the keyboard."""
        getattr(self.option_list, f"action_{action}")()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.open_entry(int((event.option.id or "entry-0").removeprefix("entry-")))
