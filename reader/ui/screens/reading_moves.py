"""The reading screen's moves: to an accord by number, to the next or previous accord, section or mention, back and forward."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding

from reader.model.article import Accord, Article, Entity, Location, Mention
from reader.model.navigation import step_accord, step_mention

if TYPE_CHECKING:
    from reader.model.highlight import Highlight
    from reader.model.history import JumpHistory
    from reader.ui.widgets.article_view import ArticleView
    from reader.ui.widgets.inspector import Inspector

ACCORD_KEYS = Binding.Group("Accord", compact=True)
SECTION_KEYS = Binding.Group("Section", compact=True)
MENTION_KEYS = Binding.Group("Mention", compact=True)

MOVE_BINDINGS = [
    *(Binding(str(n), f"accord({n})", f"Jump to accord {n}", show=False, id=f"reading.accord_{n}") for n in range(1, 10)),
    Binding("right_square_bracket", "next_accord", "Next accord", group=ACCORD_KEYS, id="reading.next_accord"),
    Binding("left_square_bracket", "previous_accord", "Previous accord", group=ACCORD_KEYS, id="reading.previous_accord"),
    Binding("right_curly_bracket", "next_section", "Next section", group=SECTION_KEYS, id="reading.next_section"),
    Binding("left_curly_bracket", "previous_section", "Previous section", group=SECTION_KEYS, id="reading.previous_section"),
    Binding("asterisk", "next_mention", "Next mention", group=MENTION_KEYS, id="reading.next_mention"),
    Binding("number_sign", "previous_mention", "Previous mention", group=MENTION_KEYS, id="reading.previous_mention"),
]
"""Keys to move by accord, section and mention."""

HISTORY_BINDINGS = [
    Binding("ctrl+o,alt+left", "back", "Back", show=False, id="reading.back"),
    Binding("alt+right", "forward", "Forward", show=False, id="reading.forward"),
]
"""Keys to go back and forth along the places jumped to."""


class ReadingMoves:
    """The moves of ReadingScreen (mixed into it, with the bindings above): what it needs of the screen is declared below."""

    if TYPE_CHECKING:  # given by ReadingScreen
        article: Article
        view: ArticleView
        inspector: Inspector
        history: JumpHistory[Location]
        focused_mention: Mention | None
        focus_highlight: Highlight | None
        mention_jumps: list[Location]

        def jump_to_accord(self, accord: Accord) -> None: ...
        def jump_to_section(self, index: int) -> None: ...
        def jump_to_mention(self, mention: Mention | Location, record: bool = True) -> None: ...
        def inspect_entity(self, entity: Entity, jump: bool = False) -> None: ...
        def return_to_previous_article(self) -> None: ...
        def notify(self, message: str, *, severity: str = ..., timeout: float | None = ...) -> None: ...
        def paint_highlights(self) -> None: ...
        def update_position(self, location: Location) -> None: ...
        @property
        def came_from_article(self) -> bool: ...

    def action_accord(self, number: int) -> None:
        accords = self.article.numbered_accords
        if 1 <= number <= len(accords):
            self.jump_to_accord(accords[number - 1])
        else:
            self.notify(f"This article has {len(accords)} accord{'s' if len(accords) != 1 else ''}.", severity="warning", timeout=2)

    def action_next_accord(self, step: int = 1) -> None:
        if not self.article.accords:
            self.notify("This article reports no accord.", severity="warning", timeout=2)
            return
        accord = step_accord(self.article, self.view.reading_location, step)
        if accord is None:
            self.notify("No more accords that way.", timeout=2)
        else:
            self.jump_to_accord(accord)

    def action_previous_accord(self) -> None:
        self.action_next_accord(-1)

    def action_next_section(self) -> None:
        here = self.view.reading_location.section
        if here + 1 < len(self.article.sections):
            self.jump_to_section(here + 1)
        else:
            self.notify("This is the last section.", timeout=1.5)

    def action_previous_section(self) -> None:
        self.jump_to_section(self.view.section_back())

    def action_next_mention(self, step: int = 1) -> None:
        """Go to the next (or previous) mention of the entity inspected, else of the first entity on screen."""
        subject = self.inspector.subject
        if not isinstance(subject, Entity):
            on_screen = [m for m in self.view.visible_mentions() if m.kind in ("person", "org", "place")]
            if not on_screen:
                self.notify("No entity on screen: choose one in the sidebar.", severity="warning", timeout=2)
                return
            subject = self.article.entities_by_id[on_screen[0].ref]
            self.inspect_entity(subject)
            self.focused_mention = None
        focused, top = self.focused_mention, self.view.top_location
        if focused is not None and focused.ref == subject.id:
            here = (focused.section, focused.paragraph, focused.start)
        else:
            here = (top.section, top.paragraph, top.start - (1 if step > 0 else 0))
        found = step_mention(self.article.mentions_by_ref.get(subject.id, ()), here, step)
        if found is None:
            return
        target, wrapped = found
        if wrapped:
            self.notify("Wrapped around.", timeout=1.5)
        self.focused_mention = target
        self.jump_to_mention(target)
        self.inspector.select_mention(target)

    def mention_status(self) -> str:
        """Where the mention at hand stands among its entity's ("Assimi Goïta: mention 2/3"), for the status
        line while it is on screen (as less and vim say where a search is); empty otherwise."""
        mention = self.focused_mention
        entity = self.article.entities_by_id.get(mention.ref) if mention is not None else None
        if mention is None or entity is None or not self.view.shows(mention.location):
            return ""
        mentions = self.article.mentions_by_ref.get(mention.ref, ())
        if mention not in mentions:
            return ""
        return f"{entity.name}: mention {mentions.index(mention) + 1}/{len(mentions)}"  # data: the status line labels it

    def action_previous_mention(self) -> None:
        self.action_next_mention(-1)

    def jumped_to(self, after: Location) -> None:
        """The view jumped and shows ``after`` now: unless that is a jump to the mention at hand (the
        places those jumps left the view at are in ``mention_jumps``, in order), the reader left it."""
        if after in self.mention_jumps:
            # that jump, or one made before it (whose own message came first) is done
            del self.mention_jumps[: self.mention_jumps.index(after) + 1]
        elif not self.mention_jumps:  # a jump to a mention made since will have it at hand again
            self.leave_mention()

    def leave_mention(self) -> None:
        """The reader moved away from the mention at hand (g, G, a section, an accord, a match, back):
        the status line no longer names it, nor is it painted, and `*` starts from where they are."""
        if self.focused_mention is None and self.focus_highlight is None:
            return
        self.focused_mention = None
        if self.focus_highlight is not None:
            self.focus_highlight = None
            self.paint_highlights()
        self.update_position(self.view.reading_location)

    def action_back(self) -> None:
        place = self.history.back(self.view.reading_location)
        if place is not None:
            self.leave_mention()
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
            self.leave_mention()
            self.view.go_to(place, context=0, record=False)
