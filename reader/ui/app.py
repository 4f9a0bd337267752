"""ReaderApp: loads articles, registers themes, routes between picker, reading and error screens."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
import sys
from dataclasses import replace
from pathlib import Path
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, AsyncGenerator, Awaitable, Callable, Sequence

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import AwaitMount

from reader.ui.keymap import Place, check_keymap, rebound
from reader.ui.palette import ArticleCommands
from reader.settings.config import Config, load_config, save_config, theme_not_known, unknown_theme
from reader.model.problems import Problem
from reader.load.files import file_stamp
from reader.text.safe import label
from reader.library.entries import Entry, load_entries, load_entry  # noqa: F401 - load_entries is part of this module's API
from reader.ui.screens.context import ReadingContext
from reader.ui.screens.reading import ReadingScreen
from reader.settings.state import Mark, Position, State, load_state
from reader.ui.routes import ROUTE_BINDINGS, LibraryRoutes
from reader.ui.stylesheet import add_first_part, add_rest
from reader.ui.reclaim import ScreenReclaim
from reader.ui.themes import ANSI_ENTITY_VARIABLES, DEFAULT_THEME, default_variables, load_themes
from reader.ui.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from reader.library.links import EntityLinks
    from reader.model.article import Article

SIGNAL_CODES = {signal.SIGTERM: 143, signal.SIGINT: 130}
"""The signals that end the app as `q` does, and the exit status each gives."""
SHUTDOWN_GRACE = 10.0
"""Seconds a signalled shutdown may take before the process saves its state and ends regardless."""


class ReaderApp(LibraryRoutes, ScreenReclaim, App[int]):
    """The terminal reader."""

    CSS_PATH = None
    """reader.tcss is given in two parts (reader/ui/stylesheet.py): the rest after a first reading screen's first frame."""
    TITLE = "reader"
    COMMANDS = App.COMMANDS | {ArticleCommands}
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (60, "-narrow"), (100, "-normal"), (140, "-wide")]
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("t", "cycle_theme", "Theme", show=False, id="app.theme"),
        Binding("q", "back_or_quit", "Quit", id="app.quit"),
        *ROUTE_BINDINGS,
        Binding("ctrl+z", "suspend_process", "Suspend (resume with fg)", show=False, id="app.suspend"),
    ]

    def __init__(self, entries: list[Entry], *, theme: str | None = None, state: State | None = None,
                 config: Config | None = None, config_path: Path | None = None,
                 notices: Sequence[str] = (), themes_dir: Path | None = None, user_themes_dir: Path | None = None,
                 library: Sequence[Path] | None = None) -> None:
        super().__init__()
        self.entries = entries
        """The articles read so far (all of them when given loaded; in a library, those opened)."""
        self.library = list(library) if library is not None else ([Path(e.path) for e in entries] if len(entries) > 1 else None)
        """The paths the picker lists through the index (None: one article, opened alone)."""
        self.article_paths: dict[str, str] = {}
        """The file each opened article came from (by article id): for marks and J / K."""
        self._library_read = False
        self.mark_return: Mark | None = None
        """Where the last jump to a mark left (`''` goes back there)."""
        self.state = state if state is not None else State(Path("/nonexistent/state.json"), writable=False)
        self.config = config or Config()
        self.config_path = config_path
        self.notices = list(notices)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._previous_handlers: dict[int, object] = {}
        self._links: EntityLinks | None = None
        themes, problems = load_themes(themes_dir, user_themes_dir)
        self.reader_themes = [t.name for t in themes]
        for item in themes:
            self.register_theme(item)
        if problems:
            files = sorted({p.path for p in problems})
            self.notices.append("Some themes could not be loaded: " + ", ".join(files) + " (run `reader check` on them)")
        chosen = theme or self.config.theme or DEFAULT_THEME
        if chosen not in self.available_themes:
            self.notices.append(unknown_theme(self.config, config_path, chosen, list(self.available_themes), DEFAULT_THEME))
            chosen = DEFAULT_THEME
        self._start_with_theme(chosen)
        add_first_part(self)
        if self._first_entry() is None:  # the first screen is not an article's, drawn in parts: the whole now
            add_rest(self)
        self._remember_theme = theme is not None
        self._config_refusal: tuple[str, object] | None = None
        """The last refusal to save the settings that was told (with the file's stamp then)."""
        self.keymap: dict[str, str] = {}
        """The user's keys for bindings (binding id -> keys), checked: what the footer, the help and Textual use."""
        if self.config.keymap:
            self.keymap, keymap_problems = check_keymap(self.config.keymap, self.binding_places())
            self.notices += [str(problem) for problem in keymap_problems]
            self.set_keymap(self.keymap)

    def _start_with_theme(self, name: str) -> None:
        """Take a theme before the app runs, styled once.

        Setting `theme` makes Textual parse the whole stylesheet again and restyle every widget on
        the first turn of the loop; before anything is mounted, the theme's variables are all that
        changes. The ANSI colour filter follows a theme's darkness: a change of darkness goes
        Textual's way."""
        self.theme_taken = True
        if self.available_themes[name].dark != self.current_theme.dark:
            self.theme = name
            return
        previous = self.theme
        self.set_reactive(App.theme, name)
        self.update_classes({f"-theme-{previous}": False, f"-theme-{name}": True}, update=False)
        self.stylesheet.set_variables(self.get_css_variables())

    @classmethod
    def binding_places(cls) -> list[Place]:
        """The bindings active together, screen by screen: a key the keymap gives must be free in each.

        The app's bindings (and Textual's own: tab, ctrl+q, ctrl+p) count on every screen but the
        modal ones, which see only their own; a text field with the keyboard adds its own keys
        (ctrl+e: end of line) and takes every key that types."""
        from textual.widgets import Input

        from reader.ui.screens.error import ErrorScreen
        from reader.ui.screens.help import HelpScreen
        from reader.ui.screens.results import ResultsScreen
        from reader.ui.widgets.search_bar import SearchBar  # mounted after the first frame: imported then
        from reader.ui.screens.picker import PickerScreen
        from reader.ui.screens.review import ReviewScreen

        app = [*App.BINDINGS, *Screen.BINDINGS, Binding(cls.COMMAND_PALETTE_BINDING, "command_palette"), *cls.BINDINGS]
        return [
            Place("the reading screen", [*app, *ReadingScreen.BINDINGS, *ArticleView.BINDINGS]),
            Place("the search bar", [*app, *ReadingScreen.BINDINGS, *SearchBar.BINDINGS]),
            Place("the search field", [*SearchBar.BINDINGS, *Input.BINDINGS], typing=True),
            Place("the results list", ResultsScreen.BINDINGS),
            Place("the picker", [*app, *PickerScreen.BINDINGS]),
            Place("the picker's filter", [*PickerScreen.BINDINGS, *Input.BINDINGS], typing=True),
            Place("the problems screen", [*app, *ErrorScreen.BINDINGS]),
            Place("the help", HelpScreen.BINDINGS),
            Place("the review queue", ReviewScreen.BINDINGS),
        ]

    def get_default_screen(self) -> Screen:
        """One article opened alone is the app's first screen, composed with the app.

        Pushed from on_mount instead, the screen was mounted, laid out and rendered inside Textual's
        start-up batch, which throws that frame away: the first words waited for a second one."""
        entry = self._first_entry()
        if entry is None:
            return super().get_default_screen()
        return self.reading_screen(entry, progressive=True)

    def _first_entry(self) -> Entry | None:
        """The article opened alone, when it loaded: the app's first screen, mounted in two steps."""
        entry = self.entries[0] if self.library is None and len(self.entries) == 1 else None
        return entry if entry is not None and entry.article is not None else None

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return default_variables(self.current_theme.dark)

    few_colours = False
    """The terminal shows 16 colours: entities get five of the terminal's own, told apart, since a
    theme's shades would be rounded onto the same one (decided on mount, when the driver is known)."""

    theme_taken = False
    """The theme to start with is set (_start_with_theme): until then there are no variables to give."""

    def get_css_variables(self) -> dict[str, str]:
        if not self.theme_taken:  # Textual's __init__ asks for its default theme's (deriving them costs 2 ms):
            return {}  # the chosen theme's replace them before anything is parsed or styled
        variables = super().get_css_variables()
        if self.few_colours:
            variables.update(ANSI_ENTITY_VARIABLES[self.current_theme.dark])
            self.theme_variables = variables
        return variables

    def on_mount(self) -> None:
        self._handle_signals(True)
        if not self.is_headless and self.console.color_system in ("standard", "windows"):
            self.few_colours = True
            self.refresh_css(animate=False)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.app_resume_signal.subscribe(self, self._repaint_after_resume)
        if self._remember_theme:
            self._theme_changed(self.current_theme)
        for lines in gathered(self.notices):
            self.notify("\n".join(label(line) for line in lines), severity="warning", timeout=8)
        if self.library is not None:
            from reader.library.index import open_index
            from reader.ui.screens.picker import PickerScreen  # only with several articles: kept off start-up

            index = open_index(notice=lambda text: self.notify(label(text), severity="warning", timeout=8))
            self.push_screen(PickerScreen(index, self.library, self.state))
        elif len(self.entries) == 1:
            if not isinstance(self.screen, ReadingScreen):  # else it is the first screen already (get_default_screen)
                self.open_entry(self.entries[0], alone=True)
        else:
            from reader.ui.screens.error import ErrorScreen

            self.push_screen(ErrorScreen("reader", [Problem("reader", 0, 0, "no article to open")], can_go_back=False))

    async def on_event(self, event: events.Event) -> None:
        # Textual runs a key's binding only once the key has gone through the focused widget's queue,
        # and against the focus as it is then. Keys read together ("/goita" in one burst) are all routed
        # before the first one's binding runs: after `/` moved the focus to the bar, the letters already
        # routed to the text ran there as commands (g: top, i: inspector) or were dropped. So the keys of
        # a pane that never types (the text, the picker's list) run their binding as they arrive, in order;
        # a key no binding takes (or after the terminal's focus came back) goes Textual's way.
        if isinstance(event, events.InputEvent):
            self.last_input = time.monotonic()  # closed screens are freed when there is none for a while (ScreenReclaim)
            await self.first_screen_mounted()
        if isinstance(event, events.Key) and self.app_focus and self._keys_in_order(self.focused):
            active = self.screen.active_bindings.get(event.key)
            if active is not None and active.enabled and not active.binding.priority:
                if await self.run_action(active.binding.action, active.node):
                    return
        await super().on_event(event)

    async def first_screen_mounted(self) -> None:
        """Wait until the first screen (an article opened alone) has all its panes: a key or a click read
        before that waits for them, in order, rather than reaching a screen with nothing in it.

        The first screen is composed with the app (get_default_screen) and mounted after the app's
        start, so that its first frame is written; a screen pushed from on_mount was ready at once.
        Its first frame has the text alone: the sidebar's lists, the inspector and the search bar are
        mounted right after (ReadingScreen.complete), or at once for a key read before then."""
        screen = self.screen
        if isinstance(screen, ReadingScreen):
            if not screen.is_mounted:
                await AwaitMount(screen, [screen])
            await screen.complete()

    @asynccontextmanager
    async def run_test(self, *args, **kwargs) -> AsyncGenerator[Pilot, None]:
        """Textual's run_test, handing over the app once its first screen is mounted and laid out, as
        before get_default_screen: a test may look at the panes, or press keys, at once."""
        async with super().run_test(*args, **kwargs) as pilot:
            await self._first_screen_settled(pilot)
            yield pilot

    async def _first_screen_settled(self, pilot: Pilot) -> None:
        """The first screen mounted, and its panes sized (the accords list wraps its titles when it
        learns its width, which moves the item lit): what a pushed screen was when the app started."""
        if isinstance(self.screen, ReadingScreen) and (not self.screen.is_mounted or self.screen.progressive):
            await self.first_screen_mounted()
            await self.screen.wait_for_refresh()
            await pilot.pause()

    async def run_async(self, *args, auto_pilot: Callable[[Pilot], Awaitable[None]] | None = None, **kwargs):
        """Textual's run_async; an auto pilot (a snapshot's) starts once the first screen is mounted, as run_test."""
        if auto_pilot is not None:
            drive = auto_pilot

            async def auto_pilot(pilot: Pilot) -> None:
                await self._first_screen_settled(pilot)
                await drive(pilot)

        return await super().run_async(*args, auto_pilot=auto_pilot, **kwargs)

    def _keys_in_order(self, widget: object) -> bool:
        """A focused pane whose keys are all bindings (it types nothing): they can run as they arrive."""
        if isinstance(widget, ArticleView):
            return True
        if self.library is not None:  # the picker's list (imported with the picker, never for one article)
            from reader.ui.widgets.article_list import ArticleList

            return isinstance(widget, ArticleList)
        return False

    def _repaint_after_resume(self, _app: object = None) -> None:
        """Back from ctrl+z and `fg`: the terminal's screen was the shell's, so draw all of ours again.

        Textual re-enters the alternate screen on SIGCONT but only redraws what changed; an update
        made while the terminal was the shell's is lost, which left a blank screen with a footer."""
        self.refresh(layout=True)

    def on_unmount(self) -> None:
        self._handle_signals(False)

    def _handle_signals(self, on: bool) -> None:
        """SIGTERM and SIGINT end the app like `q`, so the terminal is restored and the position saved;
        a hangup ends it at once (see _on_hangup).

        In a real terminal the handlers are the process's own (signal.signal), not the event loop's:
        they run even when the loop is stuck, which a loop handler never would. A test's headless app
        never ends the process it runs in, so it gets loop handlers and no hangup handler."""
        try:
            loop = asyncio.get_running_loop()
            if self.is_headless:
                for number, code in SIGNAL_CODES.items():
                    if on:
                        loop.add_signal_handler(number, self._on_signal, code)
                    else:
                        loop.remove_signal_handler(number)
                return
            if on:
                self._loop = loop
                self._previous_handlers = {number: signal.signal(number, self._on_process_signal) for number in SIGNAL_CODES}
                self._previous_handlers[signal.SIGHUP] = signal.signal(signal.SIGHUP, self._on_hangup)
            else:
                for number, handler in self._previous_handlers.items():
                    signal.signal(number, handler)
                self._previous_handlers = {}
        except (AttributeError, NotImplementedError, RuntimeError, ValueError):
            pass  # not the main thread, or a platform without these signals

    def _on_signal(self, code: int) -> None:
        self.remember_position()
        self.exit(code)

    def _on_process_signal(self, number: int, _frame: object) -> None:
        """SIGTERM or SIGINT: end through the event loop; should it not finish, end regardless."""
        code = SIGNAL_CODES[number]
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._on_signal, code)
        threading.Thread(target=self._end_after, args=(code, SHUTDOWN_GRACE), daemon=True).start()

    def _on_hangup(self, _signum: int, _frame: object) -> None:
        """The terminal is gone: save the position and the state, then end at once.

        Not through the event loop: a hangup is followed by SIGCONT, on which Textual starts its
        output again; the new writer dies on the closed terminal, the old one waits for writes
        that never come, and the shutdown then waits forever on a full queue (the process was
        left behind about one time in eight). With no terminal there is nothing to restore."""
        self._end_now(129)

    def _end_after(self, code: int, seconds: float) -> None:
        time.sleep(seconds)
        self._end_now(code)

    _ending = False

    def _end_now(self, code: int) -> None:
        """Save the position and the state, then end the process. A second call (a second hangup arriving
        while the first saves, its handler run on top of it; or the grace timer's) leaves the first to
        finish: saving again on top of it waited for the first save's own lock, forever."""
        if self._ending:
            return
        self._ending = True
        try:
            self.remember_position()
            self.state.save()
        finally:
            os._exit(code)

    def open_path(self, path: Path, position: Position | None = None) -> Entry:
        """Open an article file listed in the picker (read once, and again when it changed on disk)."""
        known = next((e for e in self.entries if e.path == str(path)), None)
        if known is None:
            known = load_entry(path)
            self.entries.append(known)
            self._links = None
        return self.open_entry(known, position=position)

    def open_entry(self, entry: Entry, alone: bool = False, position: Position | None = None) -> Entry:
        """Open an article, or the list of problems that keep it from opening; the entry as opened.

        From the picker, a file changed on disk since it was read (or that had failed) is read
        again: the fresh entry replaces the old one, and the library is rebuilt when it is next asked for."""
        if not alone:
            fresh = entry.reloaded()
            if fresh is not entry:
                self.entries = [fresh if e is entry else e for e in self.entries]
                if fresh.article is not entry.article:
                    self._links = None
                entry = fresh
        if entry.article is None:
            from reader.ui.screens.error import ErrorScreen

            self.push_screen(ErrorScreen(entry.path, entry.problems, can_go_back=not alone, in_list=self.picker is not None))
            return entry
        self.push_screen(self.reading_screen(entry, position))
        return entry

    def reading_screen(self, entry: Entry, position: Position | None = None, progressive: bool = False) -> ReadingScreen:
        """The screen of a loaded article, at the given place or where it was left (``progressive``: see ReadingScreen)."""
        assert entry.article is not None
        self.article_paths[entry.article.id] = entry.path
        position = position or self.state.positions.get(entry.article.id)
        context = ReadingContext(self.state, self.articles, self.links, smooth_scroll=self.config.smooth_scroll,
                                 library=self.library, read=self.read_path)
        return ReadingScreen(entry.article, position, classes=self.width_class(), context=context, progressive=progressive)

    def width_class(self) -> str:
        """The breakpoint class Textual will give a screen at the terminal's width.

        A screen built with it is styled once; without, the first resize restyles it whole."""
        width = self.size.width
        return next((name for edge, name in sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True) if width >= edge), "")

    def articles(self) -> list[Article]:
        """Every opened article (entries that failed to load have none)."""
        return [entry.article for entry in self.entries if entry.article is not None]

    LINK_WHOLE_LIBRARY_UP_TO = 500
    """A library this small is read whole the first time links are asked for (the inspector's "In other
    articles"); a bigger one links through the index (reading 10,000 would take a minute)."""
    _links_through_index = False

    def links(self, at_hand: bool = False) -> EntityLinks:
        """The entities of the loaded articles linked across articles, built when first asked for.

        ``at_hand``: only if they answer at once (built, and over the articles in memory, not through
        the index); else None (the inspector then asks in a thread)."""
        if at_hand and (self._links is None or self._links_through_index):
            return None  # type: ignore[return-value]
        if self._links is None:
            from reader.library.files import find_articles
            from reader.library.links import link_articles

            if self.library is not None and not self._library_read:
                self._library_read = True
                files, _ = find_articles(self.library)
                known = {e.path for e in self.entries}
                if len(files) <= self.LINK_WHOLE_LIBRARY_UP_TO:
                    self.entries += [load_entry(path) for path in files if str(path) not in known]
                else:  # bigger: the index names the files that may hold an entity, those alone are read
                    self._links_through_index = True
            self._links = link_articles([entry.article for entry in self.entries])
            if self._links_through_index:
                self._links = self.indexed_links(self._links.articles)  # type: ignore[assignment]
        return self._links

    def remember_position(self) -> None:
        """Keep the reading position of the article on screen (written at exit)."""
        screen = self.screen
        if isinstance(screen, ReadingScreen) and screen.is_mounted:
            try:
                self.state.positions[screen.article.id] = screen.reading_position()
            except Exception:  # a half-mounted screen has no position yet
                pass

    def _theme_changed(self, theme) -> None:
        # replace(): the settings also hold feeds and the library folder, which a theme change must keep
        self.config = replace(self.config, theme=theme.name)
        if self.config_path is not None:
            problem = save_config(self.config, self.config_path)
            # a config file that cannot be saved is said once per state of the file, not at every `t`
            told = None if problem is None else (str(problem), file_stamp(self.config_path))
            if told is not None and told != self._config_refusal:
                self.notify(label(str(problem)), severity="warning", timeout=6)
            self._config_refusal = told

    def action_cycle_theme(self) -> None:
        names = self.reader_themes or [self.theme]
        index = names.index(self.theme) + 1 if self.theme in names else 0
        self.theme = names[index % len(names)]
        self.notify(f"Theme: {self.theme}", timeout=1.5)

    def action_help(self) -> None:
        from reader.ui.screens.help import PICKER_FILTER, HelpScreen, key_display, picker_groups
        from reader.ui.screens.results import ResultsScreen
        from reader.ui.widgets.search_bar import SearchBar  # mounted after the first frame: imported then
        from reader.ui.screens.review import ReviewScreen

        if isinstance(self.screen, HelpScreen):
            return
        closes = key_display(rebound(HelpScreen.BINDINGS, self.keymap)[0].key.split(",")[0])
        if self.picker is not None and self.screen is self.picker:  # the picker's own keys, and how its filter reads
            groups = picker_groups(rebound(type(self.picker).BINDINGS, self.keymap),  # the keys as the user set them
                                   rebound([b for b in self.BINDINGS if b not in ROUTE_BINDINGS], self.keymap),
                                   rebound(ROUTE_BINDINGS, self.keymap))
            self.push_screen(HelpScreen(groups, PICKER_FILTER, closes=closes, extra_title="The filter"))
            return
        searching = [b for b in ReadingScreen.BINDINGS if (b.id or "").startswith("search.")]
        groups = [
            ("Reading", ArticleView.BINDINGS),
            ("Accords, sections, entities", [b for b in ReadingScreen.BINDINGS if b not in searching]),
            ("Search", [*searching, *SearchBar.BINDINGS, *ResultsScreen.BINDINGS]),
            ("The review queue (R on a draft)", ReviewScreen.BINDINGS),
            ("App", [b for b in self.BINDINGS if b not in ROUTE_BINDINGS]),
        ]
        if self.library is not None:  # J / K and marks across articles: with a library to move in
            groups.append(("Between articles (q: back to the list)", ROUTE_BINDINGS))
        groups = [(title, rebound(bindings, self.keymap)) for title, bindings in groups]  # the keys as the user set them
        keyed = {b.id: b for _, bindings in groups for b in bindings}

        def keys(binding_id: str) -> str:
            return " ".join(key_display(key) for key in keyed[binding_id].key.split(","))

        toggles = [keys(f"search.{name}") for name in ("case", "diacritics", "whole_word", "regex", "scope")]
        shared = "alt+" if all(t.startswith("alt+") and len(t) == 5 for t in toggles) else ""
        extra = [("tab / shift+tab", "Move between panes"), ("enter", "In a list: jump to the accord, section, mention or match"),
                 ("ctrl+p", "Command palette: jump to any accord, section or entity"), ("ctrl+q", "Quit"),
                 (f"{keys('search.open')} then type", "Search: matches light up as you type"),
                 ("Aa é W .* All", f"Bar toggles: lit when on ({shared}{' '.join(t[len(shared):] for t in toggles)})"),
                 ("Aa é when off", "Smart: a capital / an accent makes it count"),
                 ("person: … figure:", "Filters, e.g. figure:>100, date:2025-06")]
        self.push_screen(HelpScreen(groups, extra, closes=closes))

    async def action_quit(self) -> None:
        self.remember_position()
        self.exit(0)

    def on_screen_suspend(self) -> None:
        self.remember_position()


NOTICES_SHOWN = 3
"""Start-up notices told one by one up to this many; more are gathered into one toast (the first two and a count), so
a handful of typos in config.yaml does not cover the screen."""


def gathered(notices: Sequence[str]) -> list[list[str]]:
    """The toasts for start-up notices, as their lines: each alone when they are few, else the first two and a count in one."""
    if len(notices) <= NOTICES_SHOWN:
        return [[notice] for notice in notices]
    return [[*notices[:2], f"… and {len(notices) - 2} more: `reader check` lists each, located"]]


def run_app(paths: Sequence[Path], theme: str | None = None) -> int:
    """Load, run, and save the reading state; the exit status."""
    from reader.settings.config import config_path

    from reader.library.files import find_articles

    files, problems = find_articles(paths)
    if problems and not files:
        for problem in problems:
            print(label(str(problem)), file=sys.stderr)
        return 2
    # one article opens alone; more are listed by the picker from the index, none read before it is opened
    entries, library = ([load_entry(files[0])], None) if len(files) == 1 else ([], list(paths))
    state, state_problem = load_state()
    config, config_problems = load_config()
    notices = [str(p) for p in problems] + [str(p) for p in config_problems]
    if state_problem is not None:
        notices.append(str(state_problem))
    app = ReaderApp(entries, theme=theme, state=state, config=config, config_path=config_path(), notices=notices, library=library)
    if theme is not None and theme not in app.available_themes:
        # Textual's own themes are accepted here as in config.yaml and the palette: so they are listed too
        others = [name for name in app.available_themes if name not in app.reader_themes]
        print(label(f"reader: {theme_not_known(theme, list(app.available_themes))}; "
                    f"themes: {', '.join(app.reader_themes)}; Textual's: {', '.join(others)}"), file=sys.stderr)
        return 2
    code = app.run()
    problem = state.save()
    if problem is not None:
        print(label(str(problem)), file=sys.stderr)
    return code if isinstance(code, int) else 0
