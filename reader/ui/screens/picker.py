"""The article picker: the library index's rows (no article loaded until opened), sorted, filtered, read and unread."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from rich.cells import cell_len
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, Label
from textual.worker import get_current_worker

from reader.library.filters import FilterError, parse_filter, unknown_kinds
from reader.library.index import Index, Refresh, Row
from reader.settings.state import State
from reader.text.cut import cut_at_word
from reader.text.safe import label
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.footer import KeysFooter
from reader.ui.widgets.keys_after_enter import HandOnInput


class Stopped(Exception):
    """Raised from a refresh's progress to stop it when the app quits."""


SORTS = ("date", "source", "title")
"""The orders `s` cycles through."""


@dataclass(frozen=True)
class Listing:
    """What one listing found: for which filter and order, its rows, and the articles in scope."""

    text: str
    sort: str
    rows: list[Row]
    total: int


def count_text(shown: int, total: int, filtered: bool) -> str:
    """How many articles, and "N of M" whenever a filter is typed (even one that keeps them all)."""
    noun = "article" if total == 1 else "articles"
    return f"{shown:,} of {total:,} {noun}" if filtered else f"{total:,} {noun}"


KEYS_HINT_AT_LEAST = 12
"""Cells a hint on the keys needs to say anything (" — Esc clears…"): with less room it goes."""


def fit_header(count: str, details: Sequence[str], hint: str, urgent: bool, room: int) -> tuple[str, str, str]:
    """The header's count, details and hint in ``room`` cells, the least useful going first: a hint on the keys, then the
    details from the last (`` · by date``, then `` · N unread``), then the count's end (cut at a word, with "…"); a hint
    that is ``urgent`` (a problem, what runs) stays, cut at a word, the details going first. The hint's dash only after
    a count."""
    count = cut_at_word(count, room)
    left = room - cell_len(count)
    hint = f" — {hint}" if count and hint else hint
    options = [" · " + " · ".join(details[:n]) for n in range(len(details), 0, -1)] + [""]
    if urgent:
        shown = next((o for o in options if cell_len(o) + cell_len(hint) <= left), "")
    else:
        shown = next((o for o in options if cell_len(o) <= left), "")
    left -= cell_len(shown)
    if not urgent and (shown != options[0] or cell_len(hint) > left and left < KEYS_HINT_AT_LEAST):
        hint = ""  # a hint on the keys goes before any detail does, and when too little of it would show
    return count, shown, cut_at_word(hint, left)


class PickerScreen(Screen[None]):
    """Choose an article from the library index; typing filters the list; broken files are listed too.

    The filter has the keyboard when the picker opens (a key typed at once is never lost); Tab,
    or Esc on an empty filter, gives it to the list, where keys are commands (q quits, U, s, /)."""

    VERTICAL_BREAKPOINTS = [(0, "-picker-short"), (12, "-picker-tall")]
    """Below 12 rows the title bar and the hint go, so that articles stay in view."""
    AUTO_FOCUS = "#picker-filter"
    BINDINGS = [
        # the key that quits while the filter takes q; on the list it is hidden (check_action) so that the footer shows
        # one Quit, q (app.quit), as on every screen; Textual's own ctrl+q still quits there
        Binding("ctrl+q", "quit", "Quit", priority=True, id="picker.quit"),
        Binding("escape", "clear_filter", "Clear the filter", id="picker.clear_filter"),
        Binding("tab", "toggle_focus", "Filter / list", show=False, id="picker.focus"),
        Binding("down,j", "move(1)", "Next article", show=False, id="picker.down"),
        Binding("up,k", "move(-1)", "Previous article", show=False, id="picker.up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="picker.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="picker.page_up"),
        Binding("home,g", "ends(0)", "First article", show=False, id="picker.first"),
        Binding("end,G", "ends(1)", "Last article", show=False, id="picker.last"),
        Binding("enter", "open", "Open", show=False, id="picker.open"),
        Binding("ctrl+s,s", "cycle_sort", "Sort", id="picker.sort"),
        Binding("U", "toggle_read", "Read/unread", id="picker.read"),
        # priority: the filter has the keyboard as `/` arrives, so the keys typed right after it are never list commands
        Binding("slash", "focus_filter", "Filter", show=False, priority=True, id="picker.filter"),
        Binding("ctrl+r", "update_feeds", "Update feeds", id="picker.update"),
    ]

    class Opened(Message):
        """A row was chosen: the app opens its file (its place in the list, for J / K)."""

        def __init__(self, row: Row) -> None:
            super().__init__()
            self.row = row

    class UpdateRequested(Message):
        """ctrl+r: the app runs the feeds update (its progress comes back through :meth:`show_progress`)."""

    def __init__(self, index: Index, paths: Sequence[Path], state: State) -> None:
        super().__init__()
        self.index = index
        """The library index (used from one thread at a time: the refresh worker, or the screen once it is ready)."""
        self.paths = list(paths)
        self.state = state
        """The reading state: which articles are read."""
        self.rows: list[Row] = []
        """The rows the filter lets through, in the order shown."""
        self.total = 0
        self.sort = "date"
        self.filter_text = ""
        self.ready = False
        """True once the index covers the paths (until then the filter is kept, and applied when it is)."""
        self.refreshes = 0
        """How many refreshes ended (tests wait for the next one)."""
        self.busy = ""
        """What runs in the background (indexing, a feeds update), shown instead of the hint."""
        self._count = ""
        """The header's count ("N of M articles"), empty until the first listing."""
        self._details: tuple[str, ...] = ()
        """The header's details after the count, the most useful first (unread, the order)."""
        self._hint: tuple[str, str | None] = ("indexing…", "")
        """The hint's text and style (None: a hint on the keys, the first thing to go; "": what runs; else a colour)."""
        self._problem = ""
        self.open_when_ready = False
        """Enter was pressed while the index refreshed or a list was made: open the highlighted row when the list is ready."""
        self.listing = False
        """A list is being made in a worker (big libraries): the index is its until it ends."""
        self.wanted: tuple[str, str, Path | None, int] = ("", "date", None, 0)
        """The latest list asked for (filter, order, row to keep, generation), which the worker takes."""
        self.refreshing = False
        self.refresh_again = False
        """A refresh was asked for while the index was busy: it follows."""
        self.generation = 0
        """The number of the latest list asked for: an older one that arrives late is dropped."""

    def compose(self) -> ComposeResult:
        yield Header()
        # Enter opens the article: the keys read after it are that article's, not the filter's
        yield HandOnInput(placeholder="Type to filter: words, person: source: date: accords: draft:", id="picker-filter", compact=True)
        with Horizontal(classes="pane-title", id="picker-header"):
            yield Label("", id="picker-count")
            yield Label("", id="picker-unread")
            yield Label("indexing…", id="picker-hint")
        yield ArticleList(is_unread=self.is_unread, id="picker")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.start_refresh()

    def on_unmount(self) -> None:
        if self.listing:
            self.generation += 1  # quitting: a long listing stops at once (its progress handler sees it)

    def on_screen_suspend(self) -> None:
        # an article opened over the list: the keys read after the filter's Enter are its own
        self.filter_input.keys_after_enter.hand_on(self.app)

    def on_screen_resume(self) -> None:
        # back from an article: its file may have changed (or been fixed), and it is read now
        if self.ready:
            self.article_list.refresh()
            self._show_counts()
            self.start_refresh()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one("#picker", ArticleList)

    @property
    def filter_input(self) -> HandOnInput:
        return self.query_one("#picker-filter", HandOnInput)

    @property
    def current(self) -> Row | None:
        """The highlighted row."""
        cursor = self.article_list.cursor
        return self.rows[cursor] if 0 <= cursor < len(self.rows) else None

    def is_unread(self, row: Row) -> bool:
        return row.loaded and row.article_id not in self.state.read

    # the index ---------------------------------------------------------------------------------

    def start_refresh(self) -> None:
        """Bring the index up to date over the paths in a worker; the list follows when it ends.

        One refresh at a time uses the index: asked for during one, another follows it."""
        if self.refreshing or self.listing:
            self.refresh_again = True
            return
        self.ready = False
        self.refreshing = True
        self._refresh_index()

    @work(thread=True, group="picker-index", exit_on_error=False)
    def _refresh_index(self) -> None:
        """In a worker: refresh the index over the paths, then list the rows the filter typed meanwhile keeps."""
        worker = get_current_worker()

        def progress(done: int, todo: int) -> None:
            if worker.is_cancelled:  # the app is quitting: stop between files (what is indexed stays)
                raise Stopped()
            if done % 50 == 0 or done == todo:
                self.app.call_from_thread(self._indexing, done, todo)

        listing: Listing | None = None
        try:
            result: Refresh | Exception = self.index.refresh(self.paths, progress=progress)
            listing = self._listing(self.filter_text, self.sort)
        except Stopped:
            return
        except Exception as error:  # a database that cannot be used at all: say so, keep the app
            result = error
        if not worker.is_cancelled:
            self.app.call_from_thread(self._refreshed, result, listing)

    def _listing(self, text: str, sort: str) -> Listing | None:
        """The rows a filter keeps and the articles in scope (in whichever thread lists); None for a filter that cannot apply."""
        try:
            wanted = parse_filter(text)
        except FilterError:
            return None
        return Listing(text, sort, self.index.list(wanted, sort), self.index.count())

    def _indexing(self, done: int, todo: int) -> None:
        self.busy = f"indexing {done:,} of {todo:,} files…"
        self._show_hint()

    def _refreshed(self, result: Refresh | Exception, listing: Listing | None) -> None:
        self.refreshing = False
        if self.refresh_again:  # the files changed again meanwhile (an update ended): once more before listing
            self.refresh_again = False
            self.start_refresh()
            return
        if self.busy.startswith("indexing"):
            self.busy = ""
        self.ready = True
        if isinstance(result, Exception):
            self.notify(label(f"The library index could not be read: {result}"), severity="error", timeout=8)
        else:
            for problem in result.problems[:3]:
                self.notify(label(str(problem)), severity="warning", timeout=6)
        keep = self.current.path if self.current is not None else None
        if listing is not None and listing.text == self.filter_text and listing.sort == self.sort:
            self._show_listing(listing, keep)
        else:  # the filter or the order changed while the index refreshed (or cannot apply): as it is now
            self.relist(keep)
        self.refreshes += 1
        if self.open_when_ready and not self.listing:
            self.open_when_ready = False
            self.action_open()

    def relist(self, keep: Path | None = None) -> None:
        """List the rows the filter keeps, in the chosen order; the cursor stays on ``keep`` when it is listed.

        In a big library the list is made in a worker (a short word is looked for in every text):
        typing never waits, a listing overtaken by the next key is interrupted, and Enter waits for the last."""
        if not self.ready:
            self._show_hint()
            return
        try:
            parse_filter(self.filter_text)
        except FilterError as error:
            where = f" (at column {error.position + 1})" if error.position is not None else ""
            self._problem = f"{error.message}{where}"
            self._show_hint()
            return
        self._problem = ""
        if self.total < self.list_in_worker_from:
            listing = self._listing(self.filter_text, self.sort)
            if listing is not None:
                self._show_listing(listing, keep)
            return
        self.generation += 1
        self.wanted = (self.filter_text, self.sort, keep, self.generation)
        self.article_list.hold_layout(True)  # the worker has the interpreter to itself while it lists
        if not self.listing:  # else the worker that lists drops what it does and takes this
            self.listing = True
            self._list_in_worker()

    list_in_worker_from = 1_000
    """From this many articles in scope, lists are made in a worker (tests lower it to try that path)."""

    @work(thread=True, group="picker-list", exit_on_error=False)
    def _list_in_worker(self) -> None:
        """In a worker: list the latest filter asked for; a query overtaken by a newer filter stops at once
        (SQLite's progress handler asks between steps) and the newer one is listed."""
        worker = get_current_worker()
        listing, keep, generation = None, None, -1
        try:
            while not worker.is_cancelled:
                text, sort, keep, generation = self.wanted
                wanted = generation
                db = self.index.connection
                db.set_progress_handler(lambda: int(worker.is_cancelled or self.generation != wanted), 1000)
                try:
                    listing = self._listing(text, sort)
                except sqlite3.OperationalError:  # overtaken: the next turn lists the newer filter
                    listing = None
                finally:
                    db.set_progress_handler(None, 0)
                if listing is not None and generation == self.generation:
                    break
        except Exception as error:  # an index that fails mid-use: said, and the list stays as it was
            listing, generation = None, -1
            self.app.call_from_thread(self.notify, label(f"The library index could not be read: {error}"), severity="error")
        if not worker.is_cancelled:
            self.app.call_from_thread(self._listed, listing, keep, generation)

    def _listed(self, listing: Listing | None, keep: Path | None, generation: int) -> None:
        if generation >= 0 and generation != self.generation:
            self._list_in_worker()  # a newer filter came while this list was handed over
            return
        self.listing = False
        self.article_list.hold_layout(False)
        if listing is not None:
            self._show_listing(listing, keep)
        if self.refresh_again:
            self.refresh_again = False
            self.start_refresh()
        elif self.open_when_ready:
            self.open_when_ready = False
            self.action_open()

    def _show_listing(self, listing: Listing, keep: Path | None) -> None:
        self.rows, self.total = listing.rows, listing.total
        cursor = next((i for i, row in enumerate(self.rows) if row.path == keep), 0) if keep is not None else 0
        self.article_list.set_rows(self.rows, cursor)
        self._show_counts()
        self._show_hint()

    def _show_counts(self) -> None:
        filtered = bool(self.filter_text.strip())
        self._count = count_text(len(self.rows), self.total, filtered)
        unread = sum(1 for row in self.rows if self.is_unread(row))
        self._details = (f"{unread:,} unread", f"by {self.sort}")
        self._show_header()

    def _show_hint(self) -> None:
        """What the keys do now, or what runs, or why the filter cannot be applied; the first thing to go on a short terminal."""
        if self._problem:
            self._hint = (label(self._problem), "$error")
        elif self.busy:
            self._hint = (self.busy, "")
        elif not self.rows and (unknown := unknown_kinds(self.filter_text)):
            # read as words, it kept nothing: the reader may have meant a filter (help lists them)
            self._hint = (label(f"{unknown[0]}: is no filter, read as words (f1 lists the filters)"), "$warning")
        elif self.focused is self.article_list:  # the keys are commands here: typing does not filter
            self._hint = ("j/k move, Enter opens, / filters", None)
        elif not self.filter_text.strip():
            self._hint = ("type to filter, Enter opens one", None)
        else:
            self._hint = ("Esc clears the filter", None)
        self._show_header()

    def _show_header(self) -> None:
        """The count, the details and the hint, fitted to the screen's width (the header's padding left out)."""
        if not self.is_mounted:
            return
        text, style = self._hint
        if self.size.height and self.size.height < self.VERTICAL_BREAKPOINTS[1][0]:
            text = ""  # the hint is hidden on a short terminal (-picker-short): the details need not make room for it
        room = self.size.width - 2 if self.size.width else 1_000
        count, details, hint = fit_header(self._count, self._details if self._count else (), text, style is not None, room)
        self.query_one("#picker-count", Label).update(count)
        self.query_one("#picker-unread", Label).update(details)
        dash = " — " if hint.startswith(" — ") else ""
        self.query_one("#picker-hint", Label).update(Content.assemble(dash, (hint[len(dash):], style or "")))

    def on_resize(self) -> None:
        self._show_header()

    def show_progress(self, text: str) -> None:
        """A background task's progress (the feeds update), in the hint's place; empty when it ends."""
        self.busy = text
        self._show_hint()

    # keys ----------------------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.filter_text = event.value
        self.relist()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        """Enter: open the highlighted row; while the index refreshes, once it is done (with the filter typed meanwhile)."""
        if not self.ready or self.listing:
            self.open_when_ready = True
            return
        row = self.current
        if row is not None:
            self.post_message(self.Opened(row))
        else:  # nothing to open: the keys read after Enter stay the filter's
            self.filter_input.keys_after_enter.hand_on(self.app)

    def on_article_list_chosen(self, event: ArticleList.Chosen) -> None:
        event.stop()
        self.action_open()

    def action_clear_filter(self) -> None:
        """Esc: empty the filter (every article listed again) and type from the start; on an empty filter, go to the list."""
        if self.filter_input.value or not self.filter_input.has_focus:
            self.filter_input.value = ""
            self.filter_input.focus()
        else:
            self.article_list.focus()

    def on_descendant_focus(self) -> None:
        self._show_hint()  # the hint says what typing does where the keyboard now is

    def action_toggle_focus(self) -> None:
        # at once (widget.focus() waits for a refresh): a key typed right after tab goes where tab sent the keyboard
        if self.focused is self.filter_input:
            self.set_focus(self.article_list)
        else:
            self.set_focus(self.filter_input)

    @property
    def active_bindings(self):  # type: ignore[override]
        """The keys in the order the footer shows them: Quit first wherever the keyboard is (ctrl+q in the filter, q on
        the list: the list's would come last, the first a narrow footer hides), the rest as bound."""
        bindings = super().active_bindings
        first = [key for key in bindings if bindings[key].binding.id in ("picker.quit", "app.quit")]
        return {key: bindings[key] for key in [*first, *(key for key in bindings if key not in first)]}

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_filter":  # typed in the filter, `/` is a character of it
            return self.focused is not self.filter_input  # (has_focus waits for the Focus event)
        if action == "quit":  # on the list q quits: one Quit in the footer
            return self.focused is not self.article_list
        return super().check_action(action, parameters)

    async def action_quit(self) -> None:
        await self.app.action_quit()

    def action_focus_filter(self) -> None:
        self.set_focus(self.filter_input)  # at once: the keys already read after `/` go to the filter

    def action_move(self, rows: int) -> None:
        self.article_list.move(rows)

    def action_page(self, pages: int) -> None:
        self.article_list.move(pages * self.article_list.page)

    def action_ends(self, last: int) -> None:
        """g / G: the first or the last article (a long list lays out the rows it shows there, not all)."""
        if self.rows:
            self.article_list.cursor = len(self.rows) - 1 if last else 0

    def action_cycle_sort(self) -> None:
        """s / ctrl+s: by date, by source, by title; the cursor stays on its article."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.relist(self.current.path if self.current is not None else None)

    def action_toggle_read(self) -> None:
        """U: the highlighted article read or unread (saved with the reading state)."""
        row = self.current
        if row is None or not row.loaded:
            return
        if row.article_id in self.state.read:
            self.state.read.discard(row.article_id)
        else:
            self.state.read.add(row.article_id)
        self.article_list.refresh()
        self._show_counts()

    def action_update_feeds(self) -> None:
        self.post_message(self.UpdateRequested())

    def move_to(self, path: Path) -> None:
        """Put the cursor on a path's row (the article J / K opened)."""
        for i, row in enumerate(self.rows):
            if row.path == path:
                self.article_list.cursor = i
                return
