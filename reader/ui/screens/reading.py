"""The reading screen: sidebar, article, inspector and status line, and how what happens in one reaches the others."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import TYPE_CHECKING, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header

from reader.model.article import ENTITY_TYPES, Accord, Article, Entity, Location, Mention
from reader.model.drafts import count_left
from reader.model.highlight import Highlight
from reader.model.history import JumpHistory
from reader.settings.state import Position
from reader.text.safe import label
from reader.ui.screens.context import ReadingContext
from reader.ui.screens.reading_moves import HISTORY_BINDINGS, MOVE_BINDINGS, ReadingMoves
from reader.ui.screens.reading_review import REVIEW_BINDINGS, ReadingReview
from reader.ui.search_control import SEARCH_BINDINGS, SearchControl
from reader.ui.stylesheet import add_rest
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.inspector import Inspector
from reader.ui.widgets.legend import Legend
from reader.ui.widgets.pane_row import PaneRow
from reader.ui.widgets.sidebar import AccordList, Sidebar
from reader.ui.widgets.status import Status, StatusLine
from reader.ui.widgets.footer import KeysFooter

if TYPE_CHECKING:  # the search's modules are imported on its first use (SearchControl.search)
    from reader.search.session import Carry
    from reader.ui.widgets.search_bar import SearchBar


FOOTER_FIRST = ("search.open", "app.help", "reading.review", "reading.next_accord", "reading.previous_accord", "app.quit",
                "reading.next_section", "reading.previous_section", "reading.next_mention", "reading.previous_mention",
                "reading.inspector", "reading.highlights")
"""The binding ids the footer shows first, in this order (an accord's two keys kept together: one group)."""


class ReadingScreen(ReadingMoves, ReadingReview, SearchControl, Screen[None]):
    """One article, its accords, entities and inspector (its moves: ReadingMoves; the search's keys and messages: SearchControl)."""

    AUTO_FOCUS = "#view"
    """The text has the keys from the first frame (a deferred focus() on mount would take them back from
    the search bar that a `/` typed at start-up opened)."""
    BINDINGS = [
        *MOVE_BINDINGS,
        Binding("i", "toggle_inspector", "Inspector", id="reading.inspector"),
        Binding("s", "toggle_sidebar", "Sidebar", show=False, id="reading.sidebar"),  # ctrl+b is less's page up
        Binding("e", "cycle_highlights", "Highlights", id="reading.highlights"),
        *REVIEW_BINDINGS,
        *HISTORY_BINDINGS,
        *SEARCH_BINDINGS,
    ]

    def __init__(self, article: Article, position: Position | None = None, search: Carry | None = None,
                 arrival: tuple[Entity, Mention] | None = None, classes: str | None = None,
                 context: ReadingContext | None = None, progressive: bool = False) -> None:
        super().__init__(classes=classes)
        self.progressive = progressive
        """The app's first screen: mounted with what its first frame shows (the text, the header, the
        status line, the footer, the sidebar's empty pane), the rest right after it (complete())."""
        self._completed: asyncio.Event | None = None
        self.article = article
        self.position = position
        self.context = context or ReadingContext()
        self.carried = search
        """A search continued from another article's results list, and the match to show."""
        self.arrival = arrival
        """An entity to inspect and its mention to show on opening (chosen in another article's inspector)."""
        self.search_indexes = search.indexes if search else None
        self.focus_highlight: Highlight | None = None
        """The mention at hand, painted over the search highlights."""
        self.history: JumpHistory[Location] = JumpHistory(same=lambda a, b: self.view.same_place(a, b))
        self.focused_mention: Mention | None = None
        self.mention_jumps: list[Location] = []
        """Where the jumps to the mention at hand left the view, until their Jumped messages come back."""
        self.follow_accord = True
        """The inspector follows the accord being read until an entity is inspected."""

    def compose(self) -> ComposeResult:
        whole = not self.progressive
        yield Header()
        with PaneRow(id="main"):
            yield Sidebar(self.article, filled=whole, id="sidebar")
            with Vertical(id="centre"):
                yield Legend(id="legend")
                view = ArticleView(self.article, id="view")
                view.open_at(self._saved_location())  # the first frame shows the place read last, not the top
                view.smooth = self.context.smooth_scroll
                yield view
                if whole:
                    yield self._new_search_bar()
            yield Inspector(self.article, self.context.links, filled=whole, id="inspector", classes="-hidden")
        yield StatusLine(id="status")
        yield KeysFooter()

    def _new_search_bar(self) -> SearchBar:
        """The search bar (closed), with the queries searched before."""
        from reader.ui.widgets.search_bar import SearchBar  # mounted after the first frame: imported then

        return SearchBar(self.context.state.history if self.context.state else None, id="search-bar")

    async def complete(self) -> None:
        """Wait until the screen has what its first frame went without: the sidebar's lists, the
        inspector's panes, the search bar (mounted right after the first frame, or at once when
        asked for before: the app waits for them before any key, so every key finds the whole screen)."""
        if self.progressive:
            await self._begin_completing().wait()

    def after_first_frame(self) -> None:
        """The first frame is drawn: mount the rest now (it costs the next frame, not the first)."""
        self._begin_completing()

    def _begin_completing(self) -> asyncio.Event:
        """Have the rest mounted (once), by this screen's own task: a widget started from another
        task (a test's pilot) would miss what that task's context lacks (the app's message hook)."""
        if self._completed is None:
            self._completed = asyncio.Event()
            self.call_next(self._mount_rest)
        return self._completed

    async def _mount_rest(self) -> None:
        """Mount the sidebar's lists, the inspector's panes and the search bar, all together (styled by
        the rest of the stylesheet, given first)."""
        assert self._completed is not None
        if not self.is_attached:  # the app quit right after the first frame: there is no screen to complete
            self._completed.set()
            return
        add_rest(self.app)
        view = self.view
        done = await asyncio.gather(self.query_one(Sidebar).fill(), self.inspector.fill(),
                                    view.parent.mount(self._new_search_bar(), after=view),  # type: ignore[union-attr]
                                    return_exceptions=True)
        failed = [outcome for outcome in done if isinstance(outcome, BaseException)]
        if failed and self.is_attached:  # a screen taken down while mounting is no failure; anything else is
            raise failed[0]
        self.progressive = False
        self._completed.set()

    @property
    def active_bindings(self):  # type: ignore[override]
        """The keys in the order the footer shows them: what a newcomer needs first (FOOTER_FIRST), the rest
        after (a narrow footer cuts those off first); the keys themselves work the same whatever the order.
        q says Back where it goes back rather than out (to the article below, or to the list of articles)."""
        bindings = super().active_bindings
        if self.context.library is not None or self.came_from_article:
            bindings = {key: active._replace(binding=replace(active.binding, description="Back"))
                        if active.binding.id == "app.quit" else active for key, active in bindings.items()}

        def need(key: str) -> int:
            binding_id = bindings[key].binding.id
            return FOOTER_FIRST.index(binding_id) if binding_id in FOOTER_FIRST else len(FOOTER_FIRST)

        return {key: bindings[key] for key in sorted(bindings, key=need)}

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def inspector(self) -> Inspector:
        return self.query_one(Inspector)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one("#search-bar")  # type: ignore[return-value]  # by id: the class is imported with the bar

    @property
    def accord_list(self) -> AccordList:
        return self.query_one(AccordList)

    def on_mount(self) -> None:
        self.title = label(self.article.title)
        source = self.article.source
        self.sub_title = label(" · ".join(x for x in (source.name or source.agency, source.code, self.article.published) if x))
        self.query_one(Legend).mode = self.view.highlight_mode
        self.query_one(Legend).suggested = count_left(self.article)
        self.inspector.show(None)  # the overview, until the place read is known (update_position)
        if self.focused is None:
            self.set_focus(self.view)
        if self.progressive:
            self.call_after_refresh(self.after_first_frame)
        self.call_after_refresh(self._restore)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.progressive and action in ("search", "search_close"):
            # no search bar until complete(): it is closed, so `/` opens it (the key waits for it) and
            # Esc has nothing to close (a first screen has no search yet, nor an article below it)
            return action == "search"
        return super().check_action(action, parameters)

    def opened_articles(self) -> Sequence[Article]:
        """Every opened article (the search's scope when it is every article)."""
        return self.context.articles()

    def on_screen_resume(self) -> None:
        # back from another article or a list: the focus comes back to a pane that can take it, else the text
        self.call_after_refresh(self._refocus)

    def _refocus(self) -> None:
        if not self.is_current or self.progressive:  # closed or covered again since it came back (J right after
            return                                   # a prompt closed); or not complete: the text has the focus
        focused = self.focused
        if focused is self.search_bar.input and self.search_bar.is_open:
            return  # opened by a `/` typed before the first frame: not laid out yet, but where the keys go
        if focused is None or not focused.display or not focused.region.height:
            self.view.focus()

    def _saved_location(self) -> Location | None:
        """The place this article was read at last (from the state file), if it still has that section."""
        if self.position is None:
            return None
        index = self.article.section_index(self.position.section)
        if index is None:
            return None
        section = self.article.sections[index]
        paragraph = min(self.position.paragraph, len(section.paragraphs) - 1)
        offset = min(self.position.offset, len(section.paragraphs[paragraph].text))
        return Location(index, paragraph, offset, offset)

    def _restore(self) -> None:
        saved = self._saved_location()
        if saved is not None:
            self.view.go_to(saved, context=0, record=False)
        self.update_position(self.view.reading_location)
        if self.carried is not None:
            self.continue_search(self.carried)
        if self.arrival is not None:
            entity, mention = self.arrival
            self.inspect_entity(entity)
            self.focused_mention = mention
            self.jump_to_mention(mention, record=False)  # ctrl+o from here goes back to the other article
            self.inspector.select_mention(mention)

    # position and status ----------------------------------------------------------------------

    def reading_position(self) -> Position:
        """Where the reader is, by section and paragraph (saved between runs)."""
        location = self.view.top_location
        return Position(self.article.sections[location.section].id, location.paragraph, location.start)

    def on_article_view_position_changed(self, event: ArticleView.PositionChanged) -> None:
        self.update_position(event.location)

    def on_article_view_jumped(self, event: ArticleView.Jumped) -> None:
        self.history.record(event.before, event.after)
        self.jumped_to(event.after)

    def update_position(self, location: Location) -> None:
        """Mark the accord read at a place (the inspector follows it), and say where the reader is."""
        accord = self.article.accord_at(location)
        self.query_one(Sidebar).follow(accord.id if accord else None, location.section)
        self.view.current_accord = accord.anchor.section if accord else None
        if self.follow_accord and self.inspector.subject is not accord:
            self.inspector.show(accord)  # never the accord last seen: with none in view, the article's overview
        view = self.view
        status = Status.at(self.article, location, accord, view.percent, self.search.status(), view.highlight_mode,
                           self.mention_status())
        self.query_one(StatusLine).show(status)

    # jumps ------------------------------------------------------------------------------------

    def jump_to_accord(self, accord: Accord) -> None:
        """Show an accord's passage at the top, mark it, inspect it."""
        self.follow_accord = True
        self.view.go_to(accord.anchor, context=1)
        self.inspector.show(accord)
        self.accord_list.mark(accord.id)

    def jump_to_section(self, index: int) -> None:
        """Show a section from its heading."""
        self.view.go_to(Location(index, 0, 0, 0))

    def jump_to_mention(self, mention: Mention | Location, record: bool = True) -> None:
        """Go to a place and mark it as the mention at hand."""
        location = mention.location if isinstance(mention, Mention) else mention
        self.view.go_to(location, context=3, record=record)
        if record:  # its Jumped message is this jump's, not a move away from the mention (jumped_to)
            self.mention_jumps.append(self.view.reading_location)
        self.focus_highlight = Highlight(location.section, location.paragraph, location.start, location.end, "focus")
        self.paint_highlights()

    def inspect_entity(self, entity: Entity, jump: bool = False) -> None:
        """Show an entity in the inspector (opening it), and optionally go to its first mention."""
        self.follow_accord = False
        self.inspector.show(entity)
        self._show_inspector(True)
        mentions = self.article.mentions_by_ref.get(entity.id, ())
        if jump and mentions:
            self.focused_mention = mentions[0]
            self.jump_to_mention(mentions[0])

    # panes ------------------------------------------------------------------------------------

    def action_toggle_sidebar(self) -> None:
        self.query_one(PaneRow).show_sidebar(not self.query_one(Sidebar).display)
        self._leave_hidden_panes()

    def action_toggle_inspector(self) -> None:
        self._show_inspector(self.inspector.has_class("-hidden"))

    def _show_inspector(self, show: bool) -> None:
        self.query_one(PaneRow).show_inspector(show, alone=self.has_class("-tiny"))
        if show and not self.has_class("-wide") and self.focused in self.query_one(Sidebar).query("*"):
            # below 140 columns the inspector takes the sidebar's place; left to Textual, the focus
            # wandered to the accords list as the sidebar went, and its highlight inspected an accord
            self.view.focus()
        self._leave_hidden_panes()

    def uncover_text(self) -> None:
        """Below 60 columns the sidebar or the inspector stands in the text's place: give the text back (to search it)."""
        if self.has_class("-tiny"):
            row = self.query_one(PaneRow)
            if not self.inspector.has_class("-hidden"):
                self._show_inspector(False)
            if row.has_class("-sidebar"):
                row.show_sidebar(False)
                self._leave_hidden_panes()

    def _leave_hidden_panes(self) -> None:
        """The focus never stays in a pane just hidden: it goes to the text."""
        for pane in (self.query_one(Sidebar), self.inspector):
            if pane.has_class("-hidden") and self.focused in pane.query("*"):
                self.view.focus()

    def action_cycle_highlights(self) -> None:
        self.query_one(Legend).mode = self.view.cycle_highlights()
        self.update_position(self.view.reading_location)

    def on_sidebar_accord_chosen(self, event: Sidebar.AccordChosen) -> None:
        if event.jump:
            self.jump_to_accord(event.accord)
        else:
            self.follow_accord = True
            self.inspector.show(event.accord)

    def on_sidebar_section_chosen(self, event: Sidebar.SectionChosen) -> None:
        self.jump_to_section(event.index)

    def on_sidebar_entity_chosen(self, event: Sidebar.EntityChosen) -> None:
        if event.jump:
            self.inspect_entity(event.entity, jump=True)
        else:
            self.follow_accord = False
            self.inspector.show(event.entity)

    def on_article_view_entity_clicked(self, event: ArticleView.EntityClicked) -> None:
        """A click on an entity, a date or a figure in the text inspects it, that mention at hand (the text stays where it is)."""
        mention = event.mention
        if mention.kind in ENTITY_TYPES:
            self.inspect_entity(self.article.entities_by_id[mention.ref])
            self.focused_mention = mention
        else:
            notes = self.article.dates if mention.kind == "date" else self.article.figures
            self.follow_accord = False
            self.inspector.show(next(note for note in notes if note.id == mention.ref))
            self._show_inspector(True)
            self.focused_mention = None  # `*` and the status's "mention 2/3" are about entities
        location = mention.location
        self.focus_highlight = Highlight(location.section, location.paragraph, location.start, location.end, "focus")
        self.paint_highlights()
        self.inspector.select_mention(mention)

    def on_inspector_jump_requested(self, event: Inspector.JumpRequested) -> None:
        self.focused_mention = next((m for m in self.article.mentions if m.location == event.location), None)
        self.jump_to_mention(event.location)

    # other articles ---------------------------------------------------------------------------

    def open_other_article(self, article: Article, carry: Carry, arrival: tuple[Entity, Mention] | None = None) -> None:
        """Open another article over this one (ctrl+o or Esc comes back), the search carried along."""
        widths = {name for _, name in self.app.HORIZONTAL_BREAKPOINTS or ()}
        classes = " ".join(sorted(self.classes & widths))  # the same terminal: the same width class, styled once
        self.app.push_screen(ReadingScreen(article, None, carry, arrival, classes=classes, context=self.context))

    @property
    def came_from_article(self) -> bool:
        """This screen was opened over another article's (from a search match or an entity elsewhere)."""
        stack = self.app.screen_stack
        return len(stack) >= 2 and stack[-1] is self and isinstance(stack[-2], ReadingScreen)

    def return_to_previous_article(self) -> None:
        """Close this article (its place kept) and show again the one it was opened from, as it was left."""
        if self.context.state is not None:
            self.context.state.positions[self.article.id] = self.reading_position()
        self.app.pop_screen()

    def on_inspector_elsewhere_requested(self, event: Inspector.ElsewhereRequested) -> None:
        self.open_other_article(event.article, self.search_bar_carry(), (event.entity, event.mention))
