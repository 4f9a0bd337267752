"""The app's ways between articles: back to the picker (q), the next / previous one (J / K), marks (m, '), feeds (ctrl+r)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from textual import work
from textual.binding import Binding
from textual.worker import get_current_worker

from reader.model.article import Article, Location
from reader.settings.state import Mark, Position
from reader.text.safe import label

if TYPE_CHECKING:
    from reader.library.entries import Entry
    from reader.library.links import IndexedLinks
    from reader.settings.config import Config
    from reader.settings.state import State
    from reader.ui.screens.picker import PickerScreen

ROUTE_BINDINGS = [
    Binding("J", "next_article(1)", "Next article", show=False, id="app.next_article"),
    Binding("K", "next_article(-1)", "Previous article", show=False, id="app.previous_article"),
    Binding("m", "set_mark", "Set a mark (then a letter)", show=False, id="app.mark"),
    Binding("apostrophe", "jump_to_mark", "Go to a mark (then a letter; '' back)", show=False, id="app.jump_mark"),
]
"""Keys that move between articles: from the app, so that every reading screen has them."""


def location_of(article: Article, position: Position) -> Location | None:
    """A saved position as a place in the article (clamped to what the article now holds), or None when its section is gone."""
    index = article.section_index(position.section)
    if index is None:
        return None
    section = article.sections[index]
    paragraph = min(position.paragraph, len(section.paragraphs) - 1)
    offset = min(position.offset, len(section.paragraphs[paragraph].text))
    return Location(index, paragraph, offset, offset)


class LibraryRoutes:
    """Mixed into ReaderApp: what it needs of the app is declared below."""

    if TYPE_CHECKING:
        state: State
        config: Config
        entries: list[Entry]
        screen_stack: list
        article_paths: dict[str, str]
        mark_return: Mark | None
        library: list[Path] | None
        _links: object

        def open_path(self, path: Path, position: Position | None = None) -> Entry: ...
        def remember_position(self) -> None: ...
        def notify(self, message: str, *, severity: str = ..., timeout: float | None = ...) -> None: ...
        def push_screen(self, screen, callback=None): ...
        def pop_screen(self): ...
        def exit(self, result=None) -> None: ...
        def call_from_thread(self, callback, *args): ...
        @property
        def screen(self): ...

    # the picker below ----------------------------------------------------------------------------

    @property
    def picker(self) -> PickerScreen | None:
        """The picker the articles were opened from, if any."""
        from reader.ui.screens.picker import PickerScreen

        return next((s for s in self.screen_stack if isinstance(s, PickerScreen)), None)

    def back_to_picker(self) -> bool:
        """Close every screen above the picker (their places kept); False when there is no picker to go back to."""
        picker = self.picker
        if picker is None or self.screen is picker:
            return False
        while self.screen is not picker:
            self.remember_position()
            self.pop_screen()
        return True

    async def action_back_or_quit(self) -> None:
        """q: back to the article this one was opened over (from a search match or an entity elsewhere); else
        back to the picker from an article opened there (at the same row, the filter kept); else quit."""
        reading = self._reading()
        if reading is not None and reading.came_from_article:  # q closes any screen over a reading screen
            reading.return_to_previous_article()
        elif not self.back_to_picker():
            self.remember_position()
            self.exit(0)

    def action_back_to_list(self) -> None:
        """Esc with nothing else to close in an article: back to the picker, when it was opened from one."""
        self.back_to_picker()

    def action_next_article(self, step: int) -> None:
        """J / K: open the next / previous article in the picker's order."""
        from reader.ui.screens.error import ErrorScreen

        picker = self.picker
        article = getattr(self.screen, "article", None)
        if isinstance(self.screen, ErrorScreen):  # a broken file of the list: its row is found by its path
            here = Path(self.screen.path)
        elif picker is None or article is None:
            return
        else:
            here = Path(self.article_paths.get(article.id, ""))
        if picker is None or self.screen is picker:
            return
        index = next((i for i, row in enumerate(picker.rows) if row.path == here), None)
        target = (index + step) if index is not None else 0
        if not 0 <= target < len(picker.rows):
            self.notify("The last article in the list." if step > 0 else "The first article in the list.", timeout=1.5)
            return
        self.back_to_picker()
        picker.move_to(picker.rows[target].path)
        self.open_row_path(picker.rows[target].path)

    def read_path(self, path: Path) -> Entry:
        """A library file's entry, to open over the article on screen (a match found in the library):
        the one read already, read again when it changed on disk; else read now and kept among the opened."""
        from reader.library.entries import load_entry

        known = next((e for e in self.entries if e.path == str(path)), None)
        if known is None:
            known = load_entry(path)
            self.entries.append(known)
            self._links = None
        else:
            fresh = known.reloaded()
            if fresh is not known:
                self.entries = [fresh if e is known else e for e in self.entries]
                self._links = None
                known = fresh
        if known.article is not None:
            self.article_paths[known.article.id] = known.path
        return known

    _indexed_links: IndexedLinks | None = None

    def indexed_links(self, opened: Sequence[Article]) -> IndexedLinks:
        """The links of a library too big to read whole, through its index (one for the app: the files it read are kept
        until an article is opened or read again)."""
        from reader.library.links import IndexedLinks

        if self._indexed_links is None:
            self._indexed_links = IndexedLinks(self.library or [], opened)
        else:
            self._indexed_links.update(opened)
        return self._indexed_links

    def open_row_path(self, path: Path, position: Position | None = None) -> None:
        """Open a file listed in the picker, and count it read."""
        entry = self.open_path(path, position)
        if entry.article is not None:
            self.state.read.add(entry.article.id)

    # marks ---------------------------------------------------------------------------------------

    def _reading(self):
        from reader.ui.screens.reading import ReadingScreen

        return self.screen if isinstance(self.screen, ReadingScreen) else None

    def _here(self) -> Mark | None:
        screen = self._reading()
        if screen is None:
            return None
        return Mark(screen.article.id, self.article_paths.get(screen.article.id, ""), screen.reading_position())

    def action_set_mark(self) -> None:
        """m then a letter: a mark at the reading place (a capital one is found from any article)."""
        from reader.ui.screens.key_prompt import KeyPrompt

        here = self._here()  # where m was pressed: keys typed after the letter may move the text before it is read
        if here is not None:
            prompt = "mark: a letter (a capital letter: found from any article) · Esc cancels"
            self.push_screen(KeyPrompt(prompt, lambda key: self._set_mark(here, key)))

    def _set_mark(self, here: Mark, key: str | None) -> None:
        if key is None or not key.isalpha():
            return
        self.state.marks[mark_key(here.article, key)] = here
        self.notify(f"Mark {key} set.", timeout=1.5)

    def action_jump_to_mark(self) -> None:
        """' then a letter: back to that mark; '' back to where the last jump left."""
        from reader.ui.screens.key_prompt import KeyPrompt

        here = self._here()
        if here is not None:
            prompt = "go to mark: a letter, or ' for where you were · Esc cancels"
            self.push_screen(KeyPrompt(prompt, lambda key: self._jump_to_mark(here, key)))

    def _jump_to_mark(self, here: Mark, key: str | None) -> None:
        if key is None:
            return
        if key in ("'", "`"):
            mark = self.mark_return
        elif key.isalpha():
            mark = self.state.marks.get(mark_key(here.article, key))
        else:
            return
        if mark is None:
            self.notify(f"No mark {label(key)}." if key not in ("'", "`") else "No jump to go back from.", timeout=1.5)
            return
        self.mark_return = here
        self.go_to_mark(mark)

    def go_to_mark(self, mark: Mark) -> None:
        """Show a marked place: in the article on screen, or in its own article opened (from the picker: in its place)."""
        screen = self._reading()
        if screen is not None and screen.article.id == mark.article:
            location = location_of(screen.article, mark.position)
            if location is not None:
                screen.view.go_to(location, context=0)
            return
        if not mark.path or not Path(mark.path).exists():
            self.notify(label(f"The article of this mark is gone: {mark.path or mark.article}"), severity="warning", timeout=4)
            return
        if self.picker is not None:
            self.back_to_picker()
            self.picker.move_to(Path(mark.path))
            self.open_row_path(Path(mark.path), mark.position)
        else:
            self.open_path(Path(mark.path), mark.position)

    # feeds ---------------------------------------------------------------------------------------

    def on_error_screen_walk(self, event) -> None:
        self.action_next_article(event.step)

    def on_picker_screen_opened(self, event) -> None:
        self.open_row_path(event.row.path)

    def on_picker_screen_update_requested(self, event) -> None:
        if not self.config.feeds:
            self.notify("No feeds yet: reader feeds add URL [--name NAME]", timeout=4)
            return
        if self.picker is not None and self.picker.busy.startswith("feeds"):
            return  # one update at a time
        self.picker_progress("feeds: starting…")
        self.update_feeds()

    def picker_progress(self, text: str) -> None:
        if self.picker is not None:
            self.picker.show_progress(text)

    @work(thread=True, exclusive=True, group="feeds", exit_on_error=False)
    def update_feeds(self) -> None:
        """ctrl+r in the picker: `reader feeds update` in a worker, its progress in the picker's hint line."""
        from reader.feeds.feedlist import library_folder
        from reader.feeds.fetch import Limits
        from reader.feeds.store import load_store
        from reader.feeds.update import Progress, update_feeds

        worker = get_current_worker()

        def progress(p: Progress) -> None:
            if worker.is_cancelled:  # the app is quitting: the feeds not fetched yet are left for next time
                raise KeyboardInterrupt
            else:
                self.call_from_thread(self.picker_progress, f"feeds {p.feeds_done}/{p.feeds_total} · {p.new} new · {p.failed} failed")

        store = load_store()
        try:
            results = update_feeds(self.config.feeds, library_folder(self.config), store, limits=self.feed_limits or Limits(), progress=progress)
            summary = None
        except KeyboardInterrupt:
            results, summary = [], "Feeds update stopped."
        except Exception as error:  # a bug in the update: said, the app stays
            results, summary = [], f"Feeds update failed: {type(error).__name__}: {error}"
        saved = store.save()
        if not worker.is_cancelled:
            self.call_from_thread(self._feeds_updated, results, summary, saved)

    feed_limits = None
    """The network limits of the update (None: the defaults; tests shorten the timeouts)."""

    def _feeds_updated(self, results, summary: str | None, saved: str | None) -> None:
        new = sum(len(r.written) for r in results)
        failed = [r for r in results if r.failed]
        self.picker_progress("")
        if summary is None:
            summary = f"Feeds updated: {new} new article{'s' if new != 1 else ''}" + (
                f", {len(failed)} failed ({_some(r.name for r in failed)})" if failed else "")
        self.notify(label(summary), severity="warning" if failed else "information", timeout=6)
        if saved:
            self.notify(label(saved), severity="warning", timeout=6)
        if self.picker is not None:
            self.picker.start_refresh()


def _some(names: Iterable[str], shown: int = 3) -> str:
    """The names, or the first ``shown`` of them and how many more: 'a, b, c and 2 more' (never 'and 1 more':
    that one name is said instead)."""
    names = list(names)
    if len(names) <= shown + 1:
        return ", ".join(names)
    return f"{', '.join(names[:shown])} and {len(names) - shown} more"


def mark_key(article_id: str, letter: str) -> str:
    """Where a mark is kept: a capital letter alone (found from any article), a small one with its article."""
    return letter if letter.isupper() else f"{article_id}'{letter}"

