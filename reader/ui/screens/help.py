"""The help screen: every key of the reader, generated from the bindings themselves."""

from __future__ import annotations

from typing import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.ui.widgets.columns import HangingColumns, Row

KEY_NAMES = {"enter": "enter"}
"""Keys spelled as words, as the README and the help's own extra rows do, rather than Textual's symbols (⏎)."""


def key_display(key: str) -> str:
    """One key as the help shows it: modifiers spelled out (`ctrl+b`, never `^b`), the key by its symbol (`?`, `↓`, `pgdn`)."""
    modifiers, name = Binding(key.strip(), "").parse_key()
    return "+".join([*modifiers, KEY_NAMES.get(name) or format_key(name)])


PICKER_FILTER = [
    ("words", "Free words: each the start of a word of the title, source, date, file name, an entity or the text "
              "(gouv finds gouvernement); case and accents ignored"),
    ("person: org: place:", "An entity of that type whose name holds the text: person:goita"),
    ("source:", "The source holds the text: source:APA"),
    ("date:", "The article's date: date:2025-06, date:>2025-01, date:<2024"),
    ("accords:", "How many numbered accords: accords:3, accords:>2 (also < <= >=)"),
    ("draft:yes", "Drafts with suggestions to review (draft:no: reviewed ones)"),
    ("broken:yes", "Files that could not be opened (broken:no: the others)"),
    ('"…"', 'A value with spaces is quoted: person:"assimi goita"; every part must match'),
]
"""How the picker's filter reads (reader/library/filters.py is the truth: a test checks every filter is here)."""


def picker_groups(picker: Iterable[Binding], app: Iterable[Binding], between: Iterable[Binding]) -> list[tuple[str, list[Binding]]]:
    """The help's groups in the picker: its own keys, the app's, and those that walk its list from an article opened in it
    (each binding with the keys the user gave it).

    Quit is one row among the list's keys, the filter's key then the list's (ctrl+q q, as ctrl+s s sorts): the footer
    shows one of them at a time, whichever works where the keyboard is."""
    picker, app = list(picker), list(app)
    quit_ = next((binding for binding in app if binding.id == "app.quit"), None)
    if quit_ is not None:
        picker = [binding.with_key(f"{binding.key},{quit_.key}") if binding.id == "picker.quit" else binding for binding in picker]
        app.remove(quit_)
    back = key_display(quit_.key.split(",")[0]) if quit_ is not None else "q"
    return [("The list of articles (Tab: filter / list)", picker), ("App", app),
            (f"In an article opened here ({back}: back to the list)", list(between))]


class HelpScreen(ModalScreen[None]):
    """Lists the key bindings by group; Esc, q or ? closes it; arrows and pages scroll it."""

    HORIZONTAL_BREAKPOINTS = [(0, "-help-thin"), (76, "-help-roomy")]
    """Below 76 columns the box would leave no margin: it takes the whole screen instead."""
    VERTICAL_BREAKPOINTS = [(0, "-help-short"), (20, "-help-tall")]
    """Below 20 rows likewise."""
    AUTO_FOCUS = "#help-scroll"
    """The list has the keyboard, so ↑ ↓ pgup pgdn home end scroll it."""
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close"),
        # the keys of less and vim, as in the text (the list's own arrows, pgup / pgdn, home / end work too)
        Binding("j", "scroll(1)", "Scroll down", show=False, id="help.down"),
        Binding("k", "scroll(-1)", "Scroll up", show=False, id="help.up"),
        Binding("space,ctrl+f,ctrl+d", "page(1)", "Page down", show=False, id="help.page_down"),
        Binding("b,ctrl+b,ctrl+u", "page(-1)", "Page up", show=False, id="help.page_up"),
        Binding("g", "end(False)", "Top", show=False, id="help.top"),
        Binding("G", "end(True)", "Bottom", show=False, id="help.bottom"),
    ]

    def __init__(self, groups: Iterable[tuple[str, Iterable[Binding]]], extra: Iterable[tuple[str, str]] = (),
                 closes: str = "esc", extra_title: str = "More") -> None:
        super().__init__()
        self.groups = [(title, list(bindings)) for title, bindings in groups]
        self.extra = list(extra)
        self.extra_title = extra_title
        """The title of the rows that are no bindings (the picker's: its filter syntax)."""
        self.closes = closes
        """The key the title names for closing (the keymap may move help.close off esc)."""

    def _keys(self, binding: Binding) -> str:
        return " ".join(dict.fromkeys(key_display(k) for k in binding.key.split(",")))

    def _rows(self, bindings: list[Binding]) -> list[tuple[str, str]]:
        """(keys, description) rows; a run of digit keys numbered alike becomes one row (1–9)."""
        rows: list[tuple[str, str]] = []
        run: list[Binding] = []

        def flush() -> None:
            if len(run) > 2:
                rows.append((f"{run[0].key}–{run[-1].key}", run[0].description.replace(run[0].key, "N")))
            else:
                rows.extend((self._keys(b), b.description) for b in run)
            run.clear()

        for binding in bindings:
            numbered = binding.key.isdigit() and binding.description.endswith(binding.key)
            if numbered and run and int(binding.key) == int(run[-1].key) + 1:
                run.append(binding)
                continue
            flush()
            if numbered:
                run.append(binding)
            else:
                rows.append((self._keys(binding), binding.description))
        flush()
        return rows

    def table(self) -> HangingColumns:
        """Every group's keys and descriptions; the key column narrows with the width."""
        sections = [(title, self._rows(bindings)) for title, bindings in self.groups]
        if self.extra:
            sections.append((self.extra_title, self.extra))
        rows: list[Row] = []
        for title, pairs in sections:
            if rows:
                rows.append((Content(""), None))
            rows.append((Content.styled(title, "bold"), None))
            rows += [(Content.styled(keys, "$accent"), Content(description)) for keys, description in pairs]
        longest = max((len(keys) for _, pairs in sections for keys, _ in pairs), default=0)
        return HangingColumns(rows, left_width=lambda width: min(longest, max(6, width // 3)),
                              indent=lambda width: 2 if width >= 60 else 0, gap=2)

    @property
    def scroller(self) -> VerticalScroll:
        return self.query_one("#help-scroll", VerticalScroll)

    # at once, as the text scrolls: a list of keys is read like a page of less
    def action_scroll(self, lines: int) -> None:
        self.scroller.scroll_relative(y=lines, animate=False, immediate=True)

    def action_page(self, pages: int) -> None:
        scroller = self.scroller
        scroller.scroll_relative(y=pages * max(1, scroller.scrollable_content_region.height - 1), animate=False, immediate=True)

    def action_end(self, bottom: bool) -> None:
        if bottom:
            self.scroller.scroll_end(animate=False, immediate=True)
        else:
            self.scroller.scroll_home(animate=False, immediate=True)

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(Content.assemble(("Keys", "bold $accent"), (f"  j k ↑↓ scroll · {self.closes} closes", "$text-muted")), id="help-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(self.table(), id="help-text")
