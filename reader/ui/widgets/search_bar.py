"""The search bar: a query input, option toggles (Aa é W .* All), a match counter and the query's error."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, Static

from reader.text.safe import label
from reader.ui.widgets.keys_after_enter import HandOnInput
from reader.ui.widgets.search_counter import SearchCounter

if TYPE_CHECKING:  # the search's modules are imported on its first use, not before the first frame
    from reader.search.engine import SearchOptions

TOGGLES = {
    "case": ("Aa", "alt+c", "Match case. Off (default): smart, a capital in the query makes case count. On: case always counts."),
    "diacritics": ("é", "alt+d", "Match accents. Off (default): smart, an accent in the query makes accents count. On: accents always count."),
    "whole_word": ("W", "alt+w", "Whole words only."),
    "regex": (".*", "alt+r", "Regular expression (matched on folded text: spaces folded, accents and capitals as the Aa and é toggles say)."),
    "everywhere": ("All", "alt+a", "Search every article, not just this one: in a library (a folder, or several files) the whole library; the counter says '3/17 here · 36 in 3 of 41 articles', ctrl+f lists them."),
}
"""Per option: its label in the bar, its key, and its tooltip."""

QUERY_HELP = ("Type to search; Enter goes to the next match, n / N move between matches. "
              "Filters: person: org: place: date: figure: (figure:>100, date:2025-06). "
              "Up / down: earlier queries. Esc clears, Esc again closes.")


class SearchInput(HandOnInput):
    """An Input that lets alt+key through to the bar's bindings (a terminal sends alt+c as 'c' with alt), and
    hands the keys read after Enter (`n` in "/goita⏎n" typed at once) on to the text Enter sends the keyboard to."""

    def on_key(self, event: events.Key) -> None:
        # handlers run from this class down to Input's; preventing the default skips Input's, which
        # would type the 'c' of alt+c: the key is not typed and bubbles on to the bindings (after
        # Enter, HandOnInput holds it with the others)
        if event.key.startswith("alt+") and self.keys_after_enter.held is None:
            event.prevent_default()


class Toggle(Static):
    """One option's label; lit (class -on) while the option is on; a click toggles it."""

    def __init__(self, option: str) -> None:
        label, key, tooltip = TOGGLES[option]
        super().__init__(label, id=f"search-{option.replace('_', '-')}", classes="search-toggle")
        self.option = option
        self.tooltip = f"{tooltip} ({key})"

    class Clicked(Message):
        """The toggle was clicked: its option is to be turned on or off."""

        def __init__(self, option: str) -> None:
            self.option = option
            super().__init__()

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.option))


class SearchBar(Vertical):
    """The bar under the article: hidden until opened with `/`; posts what to search as the user types."""

    BINDINGS = [
        Binding("alt+c", "toggle('case')", "Toggle match case (off: smart)", show=False, id="search.case"),
        Binding("alt+d", "toggle('diacritics')", "Toggle match accents (off: smart)", show=False, id="search.diacritics"),
        Binding("alt+w", "toggle('whole_word')", "Toggle whole words", show=False, id="search.whole_word"),
        Binding("alt+r", "toggle('regex')", "Toggle regular expression", show=False, id="search.regex"),
        Binding("alt+a", "toggle('everywhere')", "Toggle searching every article (the library)", show=False, id="search.scope"),
        Binding("up", "history(-1)", "In the bar: earlier query", show=False, id="search.history_older"),
        Binding("down", "history(1)", "In the bar: later query", show=False, id="search.history_newer"),
        Binding("ctrl+f,alt+enter", "results", "List all matches", id="search.results"),
        Binding("escape", "escape", "In the bar: clear the query; then close", show=False, id="search.clear"),
    ]

    class QueryChanged(Message):
        """The query or an option changed: search again."""

        def __init__(self, text: str, options: SearchOptions, everywhere: bool) -> None:
            self.text = text
            self.options = options
            self.everywhere = everywhere
            super().__init__()

    class Submitted(Message):
        """Enter: go to the next match and back to the article."""

    class Closed(Message):
        """Esc on an empty bar: the bar closed."""

    class ResultsRequested(Message):
        """ctrl+f / alt+enter: list every match."""

    def __init__(self, history: list[str] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.history = history if history is not None else []
        """Earlier queries, most recent last (the app's state: saved between runs)."""
        self.flags = {option: False for option in TOGGLES}
        self._walk: int | None = None
        """Where up / down stand in the history (an index into it), None while typing."""
        self._draft = ""
        self._counter = ("", "")
        """The counter's text, and its short form."""
        self._message = ""
        """The query's error as shown under the bar ('' for none)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="search-row"):
            yield Label("/", id="search-prompt")
            yield SearchInput(placeholder="search", id="search-input", select_on_focus=False)
            for option in TOGGLES:
                yield Toggle(option)
            yield SearchCounter(id="search-counter")
        yield Static(id="search-message")

    ROOM = 2 + 10 + sum(len(label) + 1 for label, _, _ in TOGGLES.values()) + 2 + 12
    """The row's width with the prompt, the query's least width, every toggle and a short
    counter (with its padding); a longer counter needs more."""

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        """Too narrow for the query, every toggle and the counter: only the toggles that are on
        stay; narrower still, the counter shows its figures alone. It is never cut off."""
        full, short = self._counter
        width = self.size.width
        counter = self.query_one(SearchCounter)
        if not width:  # hidden: decided when shown (on_resize)
            counter.show(full)
            return
        cramped = width < self.ROOM + max(0, len(full) - 12)
        self.set_class(cramped, "-cramped")
        lit = sum(len(TOGGLES[option][0]) + 1 for option, on in self.flags.items() if on)
        fits = not cramped or width >= 2 + 6 + lit + len(full) + 2
        counter.show(full if fits else short)

    def on_mount(self) -> None:
        self.query_one("#search-prompt").tooltip = QUERY_HELP
        self.input.tooltip = QUERY_HELP

    @property
    def input(self) -> SearchInput:
        return self.query_one(SearchInput)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    @property
    def options(self) -> SearchOptions:
        """The options as the toggles set them (case and accents: smart unless on)."""
        from reader.search.query import SearchOptions

        flags = self.flags
        return SearchOptions(case=True if flags["case"] else None, diacritics=True if flags["diacritics"] else None,
                             whole_word=flags["whole_word"], regex=flags["regex"])

    # opening and closing ----------------------------------------------------------------------

    def open(self) -> None:
        """Show the bar and put the cursor in it, the last query selected so typing replaces it."""
        self.add_class("-open")
        self.input.focus()
        self.input.select_all()

    def close(self) -> None:
        self.remove_class("-open")

    def set_query(self, text: str, options: SearchOptions, everywhere: bool) -> None:
        """Show a search started elsewhere (carried from another screen), without opening the bar."""
        self.flags.update(case=options.case is True, diacritics=options.diacritics is True, whole_word=options.whole_word,
                          regex=options.regex, everywhere=everywhere)
        self._paint_toggles()
        with self.input.prevent(Input.Changed):
            self.input.value = text

    def show_counter(self, text: str, error: str | None, short: str | None = None) -> None:
        """The counter ('3/17', 'no matches'...; ``short``: its figures alone, for a narrow bar) and,
        for a bad query, its message in the error colour."""
        self._counter = (text, text if short is None else short)
        self.query_one(SearchCounter).set_class(error is not None, "-error")
        self._fit()
        message = self.query_one("#search-message", Static)
        shown = label(error) if error else ""
        if shown != self._message:  # an update lays the screen out: none while the (hidden) message stays empty
            self._message = shown
            message.update(Content(shown))
        message.set_class(error is not None, "-shown")

    # input ------------------------------------------------------------------------------------

    def _post_query(self) -> None:
        self.post_message(self.QueryChanged(self.input.value, self.options, self.flags["everywhere"]))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._walk = None  # typed (recalled queries are set without this message): a new query
        self._post_query()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip() and self.history:  # `/` then Enter: the last search again, as in less and vim
            with self.input.prevent(Input.Changed):
                self.input.value = self.history[-1]
            self.input.cursor_position = len(self.input.value)
            self._post_query()  # before Submitted: the search runs, then Enter goes to its next match
        from reader.search.history import remember

        remember(self.history, self.input.value)
        self._walk = None
        self.post_message(self.Submitted())

    def toggle(self, option: str) -> None:
        """Turn an option on or off and search again."""
        self.flags[option] = not self.flags[option]
        self._paint_toggles()
        self._post_query()

    def _paint_toggles(self) -> None:
        for toggle in self.query(Toggle):
            toggle.set_class(self.flags[toggle.option], "-on")
        if self.is_mounted:
            self._fit()

    def on_toggle_clicked(self, event: Toggle.Clicked) -> None:
        event.stop()
        self.toggle(event.option)

    def action_toggle(self, option: str) -> None:
        self.toggle(option)

    def action_history(self, direction: int) -> None:
        """Walk the history: up to earlier queries (most recent first), down back to what was typed."""
        history = self.history
        if not history:
            return
        if self._walk is None:
            if direction > 0:
                return
            self._draft = self.input.value
            index = len(history) - 1
            if history[index] == self._draft and index > 0:
                index -= 1  # the query on screen is the latest: start with the one before
        else:
            index = self._walk + direction
        if index < 0:
            return
        self._walk = None if index >= len(history) else index
        with self.input.prevent(Input.Changed):
            self.input.value = self._draft if self._walk is None else history[index]
        self.input.cursor_position = len(self.input.value)
        self._post_query()

    def action_results(self) -> None:
        self.post_message(self.ResultsRequested())

    def action_escape(self) -> None:
        """Esc: clear the query (and the search); on an empty bar, close it."""
        self._walk = None
        if self.input.value:
            self.input.value = ""
        else:
            self.close()
            self.post_message(self.Closed())
