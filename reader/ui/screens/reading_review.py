"""The reading screen's review of a draft: R opens the queue of suggestions, each decision shows at once, Enter goes to one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding

from reader.model.article import Article, Location
from reader.model.drafts import count_left

if TYPE_CHECKING:
    from textual.app import App

    from reader.model.article import Mention
    from reader.model.highlight import Highlight
    from reader.search.session import Carry, SearchSession
    from reader.settings.state import Position

REVIEW_BINDINGS = [Binding("R", "review", "Review", id="reading.review")]
"""The key that opens the review queue of a draft."""


class ReadingReview:
    """The review of ReadingScreen (mixed into it, with REVIEW_BINDINGS): what it needs of the screen is declared below."""

    if TYPE_CHECKING:  # given by ReadingScreen
        app: App
        article: Article
        position: Position | None
        search: SearchSession
        carried: Carry | None
        arrival: object
        focus_highlight: Highlight | None
        focused_mention: Mention | None

        def reading_position(self) -> Position: ...
        def jump_to_mention(self, mention: Mention | Location, record: bool = True) -> None: ...
        def on_mount(self) -> None: ...
        def recompose(self): ...
        def call_later(self, callback, *args) -> bool: ...
        def call_after_refresh(self, callback, *args) -> bool: ...
        def refresh_bindings(self) -> None: ...
        def notify(self, message: str, *, severity: str = ..., timeout: float | None = ...) -> None: ...

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "review":  # offered (in the footer, on its key) only while there is something to review
            return bool(self.article.path) and count_left(self.article) > 0
        return super().check_action(action, parameters)  # type: ignore[misc]

    def action_review(self) -> None:
        """R: the suggestions of a draft, least sure first, decided one by one and written to its file."""
        if not self.article.path:
            self.notify("This article has no file: nothing to review.", severity="warning", timeout=2)
            return
        if not count_left(self.article):
            self.notify("Nothing to review: no annotation here is a suggestion (draft: true).", timeout=2)
            return
        from reader.ui.screens.review import ReviewScreen  # the reviewer's code, imported when first used

        self.app.push_screen(ReviewScreen(Path(self.article.path), on_decided=self.show_decided), self._review_closed)

    def show_decided(self, article: Article) -> None:
        """Show the article as a decision left its file (called by the queue after each one)."""
        self.call_later(self._reload, article)

    async def _reload(self, article: Article) -> None:
        # the screen is built again on the new article, at the place being read; a search running is let go
        self.position = self.reading_position()
        self.article = article
        from reader.search.session import SearchSession  # imported on the search's first use, not at start

        self.search = SearchSession(article, self.search.indexes)
        self.carried = self.arrival = None
        self.focus_highlight = self.focused_mention = None
        await self.recompose()
        self.on_mount()
        self.refresh_bindings()

    def _review_closed(self, location: Location | None) -> None:
        if location is not None:
            self.call_later(self._after_reload, location)  # queued after any reload, which it must follow

    def _after_reload(self, location: Location) -> None:
        self.call_after_refresh(self._go_to_suggestion, location)  # after the reload's own restoring of the place

    def _go_to_suggestion(self, location: Location) -> None:
        self.focused_mention = next((m for m in self.article.mentions if m.location == location), None)
        self.jump_to_mention(location)
