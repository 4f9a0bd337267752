"""The reading screen: sidebar, article, inspector, status line; accord and mention navigation."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList

from reader.model.history import JumpHistory
from reader.model.navigation import step_accord, step_mention
from reader.model.article import Accord, Article, Entity, Location, Mention
from reader.text.safe import label
from reader.ui.screens.results import ResultsScreen
from reader.ui.search_control import Carry, ArticleMatch, SearchController, remember
from reader.settings.state import Position
from reader.ui.widgets.article_view import HIGHLIGHT_MODES, ArticleView, Highlight
from reader.ui.widgets.inspector import Inspector
from reader.ui.widgets.legend import Legend
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.sidebar import AccordList, EntityIndex, OutlineList, Sidebar
from reader.ui.widgets.status import Status, StatusLine

ACCORD_KEYS = Binding.Group("Accord", compact=True)
SECTION_KEYS = Binding.Group("Section", compact=True)
MENTION_KEYS = Binding.Group("Mention", compact=True)


def _accord_bindings() -> list[Binding]:
    return [Binding(str(n), f"accord({n})", f"Jump to accord {n}", show=False, id=f"reading.accord_{n}") for n in range(1, 10)]


class ReadingScreen(Screen[None]):
    """One article, its accords, entities and inspector."""

    BINDINGS = [
        *_accord_bindings(),
        Binding("right_square_bracket", "next_accord", "Next accord", group=ACCORD_KEYS, id="reading.next_accord"),
        Binding("left_square_bracket", "previous_accord", "Previous accord", group=ACCORD_KEYS, id="reading.previous_accord"),
        Binding("right_curly_bracket", "next_section", "Next section", group=SECTION_KEYS, id="reading.next_section"),
        Binding("left_curly_bracket", "previous_section", "Previous section", group=SECTION_KEYS, id="reading.previous_section"),
        Binding("asterisk", "next_mention", "Next mention", group=MENTION_KEYS, id="reading.next_mention"),
        Binding("number_sign", "previous_mention", "Previous mention", group=MENTION_KEYS, id="reading.previous_mention"),
        Binding("i", "toggle_inspector", "Inspector", id="reading.inspector"),
        Binding("ctrl+b", "toggle_sidebar", "Sidebar", show=False, id="reading.sidebar"),
        Binding("e", "cycle_highlights", "Highlights", id="reading.highlights"),
        Binding("ctrl+o,alt+left", "back", "Back", show=False, id="reading.back"),
        Binding("alt+right", "forward", "Forward", show=False, id="reading.forward"),
        Binding("slash", "search", "Search", id="search.open"),
        Binding("n", "search_step(True)", "Next search match", show=False, id="search.next"),
        Binding("N", "search_step(False)", "Previous search match", show=False, id="search.previous"),
        Binding("escape", "search_close", "Hide the search bar; then clear the search", show=False, id="search.close"),
    ]

    def __init__(self, article: Article, position: Position | None = None, search: Carry | None = None,
                 arrival: tuple[Entity, Mention] | None = None, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.article = article
        self.position = position
        self.carried = search
        """A search continued from another article's results list, and the match to show."""
        self.arrival = arrival
        """An entity to inspect and its mention to show on opening (chosen in another article's inspector)."""
        self.search = SearchController(self, search.indexes) if search else SearchController(self)
        self.focus_highlight: Highlight | None = None
        """The mention at hand, painted over the search highlights."""
        self.history: JumpHistory[Location] = JumpHistory(same=self._same_place)
        self.focused_mention: Mention | None = None
        self.follow_accord = True
        """The inspector follows the accord being read until an entity is inspected."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield Sidebar(self.article, id="sidebar")
            with Vertical(id="centre"):
                yield Legend(id="legend")
                yield ArticleView(self.article, id="view")
                yield SearchBar(getattr(getattr(self.app, "state", None), "history", None), id="search-bar")
            yield Inspector(self.article, id="inspector", classes="-hidden")
        yield StatusLine(id="status")
        yield Footer()

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def inspector(self) -> Inspector:
        return self.query_one(Inspector)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def accord_list(self) -> AccordList:
        return self.query_one(AccordList)

    def on_mount(self) -> None:
        self.title = label(self.article.title)
        source = self.article.source
        self.sub_title = label(" · ".join(x for x in (source.name or source.agency, source.code, self.article.published) if x))
        self.update_legend()
        self.inspector.show(self.article.numbered_accords[0] if self.article.numbered_accords else None)
        self.view.focus()
        self.call_after_refresh(self._restore)

    def _same_place(self, a: Location, b: Location) -> bool:
        """Two places show the same thing: the same row at the current width (a re-flow can move
        the top of the view to another offset of the same line)."""
        if a == b:
            return True
        try:
            return self.view.row_of(a) == self.view.row_of(b)
        except Exception:  # not laid out yet, or a place this layout does not hold
            return False

    def on_screen_resume(self) -> None:
        # back from another article or a list: the focus comes back to a pane that can take it, else the text
        self.call_after_refresh(self._refocus)

    def _refocus(self) -> None:
        focused = self.focused
        if focused is None or not focused.display or not focused.region.height:
            self.view.focus()

    def _restore(self) -> None:
        if self.position is not None:
            index = self.article.section_index(self.position.section)
            if index is not None:
                section = self.article.sections[index]
                paragraph = min(self.position.paragraph, len(section.paragraphs) - 1)
                offset = min(self.position.offset, len(section.paragraphs[paragraph].text))
                self.view.go_to(Location(index, paragraph, offset, offset), context=0, record=False)
        self.update_position(self.view.reading_location)
        carried = self.carried
        if carried is not None:
            self.search_bar.set_query(carried.text, carried.options, carried.everywhere)
            target = carried.target
            if target is not None:
                self.search.pending = lambda: self.search.go_to_match(target)
            self.search.request(carried.text, carried.options, carried.everywhere)
        if self.arrival is not None:
            entity, mention = self.arrival
            self.inspect_entity(entity)
            self.focused_mention = mention
            self.jump_to_mention(mention, record=False)  # ctrl+o from here goes back to the other article
            mentions = self.article.mentions_by_ref.get(entity.id, ())
            if mention in mentions:
                self.inspector.query_one("#mentions", OptionList).highlighted = mentions.index(mention)

    # position and status ----------------------------------------------------------------------

    def reading_position(self) -> Position:
        """Where the reader is, by section and paragraph (saved between runs)."""
        location = self.view.top_location
        return Position(self.article.sections[location.section].id, location.paragraph, location.start)

    def on_article_view_position_changed(self, event: ArticleView.PositionChanged) -> None:
        self.update_position(event.location)

    def on_article_view_jumped(self, event: ArticleView.Jumped) -> None:
        self.history.record(event.before, event.after)

    def update_position(self, location: Location) -> None:
        accord = self.article.accord_at(location)
        self.query_one(AccordList).mark(accord.id if accord else None)
        self.view.current_accord = accord.anchor.section if accord else None
        if accord is not None and self.follow_accord and self.inspector.subject is not accord:
            self.inspector.show(accord)
        view = self.view
        total = max(1, view.virtual_size.height - view.scrollable_content_region.height)
        percent = min(100, round(100 * view.scroll_y / total)) if view.virtual_size.height > view.scrollable_content_region.height else 100
        accord_text = (f"Accord {accord.number}" if accord.number else "Dossier") if accord else "—"
        counter, failed = self.search.status()
        self.query_one(StatusLine).show(Status(location.section + 1, len(self.article.sections),
                                               self.article.sections[location.section].heading, accord_text, percent,
                                               counter, failed, self.view.highlight_mode))

    def update_legend(self) -> None:
        self.query_one(Legend).mode = self.view.highlight_mode

    # jumps ------------------------------------------------------------------------------------

    def jump_to_accord(self, accord: Accord) -> None:
        """Show an accord's passage at the top, mark it, inspect it."""
        self.follow_accord = True
        self.view.go_to(accord.anchor, context=1)
        self.inspector.show(accord)
        self.query_one(AccordList).mark(accord.id)

    def jump_to_section(self, index: int) -> None:
        """Show a section from its heading."""
        self.view.go_to(Location(index, 0, 0, 0))

    def jump_to_mention(self, mention: Mention | Location, record: bool = True) -> None:
        """Go to a place and mark it as the mention at hand."""
        location = mention.location if isinstance(mention, Mention) else mention
        self.view.go_to(location, context=3, record=record)
        self.focus_highlight = Highlight(location.section, location.paragraph, location.start, location.end, "focus")
        self.paint_highlights()

    def paint_highlights(self) -> None:
        """Paint the search matches, the current match, then the mention at hand."""
        focus = [self.focus_highlight] if self.focus_highlight is not None else []
        self.view.set_highlights([*self.search.highlights(), *focus])

    def inspect_entity(self, entity: Entity, jump: bool = False) -> None:
        """Show an entity in the inspector (opening it), and optionally go to its first mention."""
        self.follow_accord = False
        self.inspector.show(entity)
        self._show_inspector(True)
        if jump:
            mentions = self.article.mentions_by_ref.get(entity.id, ())
            if mentions:
                self.focused_mention = mentions[0]
                self.jump_to_mention(mentions[0])

    def action_accord(self, number: int) -> None:
        accords = self.article.numbered_accords
        if 1 <= number <= len(accords):
            self.jump_to_accord(accords[number - 1])
        else:
            self.notify(f"This article has {len(accords)} accord{'s' if len(accords) != 1 else ''}.", severity="warning", timeout=2)

    def _step_accord(self, step: int) -> None:
        if not self.article.accords:
            self.notify("This article reports no accord.", severity="warning", timeout=2)
            return
        accord = step_accord(self.article, self.view.reading_location, step)
        if accord is None:
            self.notify("No more accords that way.", timeout=2)
        else:
            self.jump_to_accord(accord)

    def action_next_accord(self) -> None:
        self._step_accord(1)

    def action_previous_accord(self) -> None:
        self._step_accord(-1)

    def action_next_section(self) -> None:
        here = self.view.reading_location.section
        if here + 1 < len(self.article.sections):
            self.jump_to_section(here + 1)
        else:
            self.notify("This is the last section.", timeout=1.5)

    def action_previous_section(self) -> None:
        view = self.view
        location = view.reading_location
        start = Location(location.section, 0, 0, 0)
        if view.pinned is not None:
            at_heading = location == start
        else:
            at_heading = view.row_of(start) >= round(view.scroll_y) - 1
        target = location.section - 1 if at_heading else location.section
        self.jump_to_section(max(0, target))

    def _mention_step(self, step: int) -> None:
        subject = self.inspector.subject
        if not isinstance(subject, Entity):
            on_screen = [m for m in self.view.visible_mentions() if m.kind in ("person", "org", "place")]
            if not on_screen:
                self.notify("No entity on screen: choose one in the sidebar.", severity="warning", timeout=2)
                return
            subject = self.article.entities_by_id[on_screen[0].ref]
            self.inspect_entity(subject)
            self.focused_mention = None
        mentions = self.article.mentions_by_ref.get(subject.id, ())
        focused = self.focused_mention
        if focused is not None and focused.ref == subject.id:
            here = (focused.section, focused.paragraph, focused.start)
        else:
            top = self.view.top_location
            here = (top.section, top.paragraph, top.start - (1 if step > 0 else 0))
        found = step_mention(mentions, here, step)
        if found is None:
            return
        target, wrapped = found
        if wrapped:
            self.notify("Wrapped around.", timeout=1.5)
        self.focused_mention = target
        self.jump_to_mention(target)
        index = mentions.index(target)
        self.inspector.query_one("#mentions", OptionList).highlighted = index

    def action_next_mention(self) -> None:
        self._mention_step(1)

    def action_previous_mention(self) -> None:
        self._mention_step(-1)

    def action_back(self) -> None:
        place = self.history.back(self.view.reading_location)
        if place is not None:
            self.view.go_to(place, context=0, record=False)
        elif self.came_from_article:
            self.return_to_previous_article()
        else:
            self.notify("Nothing to go back to.", timeout=1.5)

    def action_forward(self) -> None:
        place = self.history.forward(self.view.reading_location)
        if place is None:
            self.notify("Nothing to go forward to.", timeout=1.5)
        else:
            self.view.go_to(place, context=0, record=False)

    def action_toggle_sidebar(self) -> None:
        sidebar = self.query_one("#sidebar")
        show = not sidebar.display
        sidebar.set_class(not show, "-hidden")
        sidebar.set_class(show, "-shown")
        if show:
            self._show_inspector(False)
        self.query_one("#main").set_class(show, "-sidebar")
        if not show and self.focused in sidebar.query("*"):
            self.view.focus()

    def action_toggle_inspector(self) -> None:
        self._show_inspector(self.inspector.has_class("-hidden"))

    def _show_inspector(self, show: bool) -> None:
        inspector = self.inspector
        inspector.set_class(not show, "-hidden")
        self.query_one("#main").set_class(show, "-inspecting")
        if show and self.has_class("-tiny"):
            sidebar = self.query_one("#sidebar")
            sidebar.set_class(False, "-shown")
            self.query_one("#main").set_class(False, "-sidebar")
        if not show and self.focused in inspector.query("*"):
            self.view.focus()

    def action_cycle_highlights(self) -> None:
        view = self.view
        view.highlight_mode = HIGHLIGHT_MODES[(HIGHLIGHT_MODES.index(view.highlight_mode) + 1) % len(HIGHLIGHT_MODES)]
        self.update_legend()
        self.update_position(view.reading_location)

    # sidebar and inspector --------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if isinstance(event.option_list, AccordList):
            accord = next(a for a in self.article.accords if a.id == option_id)
            self.jump_to_accord(accord)
        elif isinstance(event.option_list, OutlineList):
            self.jump_to_section(int(option_id.removeprefix("section-")) - 1)
        elif isinstance(event.option_list, EntityIndex):
            self.inspect_entity(self.article.entities_by_id[option_id.removeprefix("entity-")], jump=True)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if not event.option_list.has_focus:
            return
        option_id = event.option.id or ""
        if isinstance(event.option_list, AccordList):
            self.follow_accord = True
            self.inspector.show(next(a for a in self.article.accords if a.id == option_id))
        elif isinstance(event.option_list, EntityIndex) and option_id:
            self.follow_accord = False
            self.inspector.show(self.article.entities_by_id[option_id.removeprefix("entity-")])

    def on_inspector_jump_requested(self, event: Inspector.JumpRequested) -> None:
        location = event.location
        mention = next((m for m in self.article.mentions if m.location == location), None)
        self.focused_mention = mention
        self.jump_to_mention(location)

    # search -----------------------------------------------------------------------------------

    def action_search(self) -> None:
        self.search_bar.open()

    def action_search_step(self, forward: bool) -> None:
        self.search.step(forward)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search_close":
            return self.search_bar.is_open or self.search.active or self.came_from_article
        return True

    def action_search_close(self) -> None:
        """Esc outside the bar: close it (the search stays: n / N); with the bar closed, clear the search;
        with no search, go back to the article this one was opened from."""
        bar = self.search_bar
        if bar.is_open:
            bar.close()
        elif self.search.active:
            bar.set_query("", bar.options, bar.flags["everywhere"])
            self.search.clear()
        elif self.came_from_article:
            self.return_to_previous_article()

    def on_search_bar_query_changed(self, event: SearchBar.QueryChanged) -> None:
        self.search.request(event.text, event.options, event.everywhere)

    def on_search_bar_submitted(self, event: SearchBar.Submitted) -> None:
        self.view.focus()
        self.search.submit()

    def on_search_bar_closed(self, event: SearchBar.Closed) -> None:
        self.view.focus()

    def on_search_bar_results_requested(self, event: SearchBar.ResultsRequested) -> None:
        search = self.search
        if search.searching:
            search.pending = lambda: self.on_search_bar_results_requested(event)
            return
        if search.outcome is None or not search.outcome.found:
            self.notify(search.outcome.error.message if search.outcome and search.outcome.error else "No matches to list.",
                        severity="warning", timeout=2)
            return
        screen = ResultsScreen(search.results_title(), search.outcome.found, self.article, search.list_start())
        self.app.push_screen(screen, self._result_chosen)

    def _result_chosen(self, found: ArticleMatch | None) -> None:
        if found is None:
            return
        remember(self.search_bar.history, self.search_bar.input.value)
        if found.article is self.article:
            self.view.focus()
            self.search.go_to_match(found.match)
        else:
            self.open_other_article(found.article, self.search.carry(found))

    # other articles ---------------------------------------------------------------------------

    def open_other_article(self, article: Article, carry: Carry, arrival: tuple[Entity, Mention] | None = None) -> None:
        """Open another article over this one (ctrl+o or Esc comes back), the search carried along."""
        self.app.push_screen(ReadingScreen(article, None, carry, arrival, classes=self.app.width_class()))

    @property
    def came_from_article(self) -> bool:
        """This screen was opened over another article's (from a search match or an entity elsewhere)."""
        stack = self.app.screen_stack
        return len(stack) >= 2 and stack[-1] is self and isinstance(stack[-2], ReadingScreen)

    def return_to_previous_article(self) -> None:
        """Close this article and show again the one it was opened from, as it was left."""
        remember = getattr(self.app, "remember_position", None)
        if remember is not None:
            remember()
        self.app.pop_screen()

    def on_inspector_elsewhere_requested(self, event: Inspector.ElsewhereRequested) -> None:
        bar = self.search_bar
        carry = Carry(bar.input.value, bar.options, bar.flags["everywhere"], self.search.indexes)
        self.open_other_article(event.article, carry, (event.entity, event.mention))
