"""The inspector: details of the accord, entity, date or figure at hand, its mentions, and its mentions in other articles."""

from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING, Callable

from textual import events, work
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from reader.model.article import Accord, Article, DateRef, Entity, Figure, Location, Mention
from reader.text.safe import label
from reader.text.wrap import wrap
from reader.ui.widgets.panes import TitledPanes

if TYPE_CHECKING:
    from reader.library.links import Elsewhere, EntityLinks

DRAFT_NOTE = "Draft: guessed by `reader import`, not reviewed yet\n"
"""Shown on what an import guessed (`draft: true` in the file)."""
TYPE_NAMES = {"person": "Person", "org": "Organisation", "place": "Place"}
PRECISIONS = {4: "a year", 7: "a month", 10: "a day"}
"""What a date's ISO value names, by its length (YYYY, YYYY-MM, YYYY-MM-DD)."""
BULLET = " • "
"""Opens an item of the provisions' or aliases' list; its wrapped lines hang as far in."""
QUALIFIER_NAMES = {"exact": "exact", "lower-bound": "at least", "upper-bound": "at most", "approximate": "about"}
"""How a figure's qualifier reads."""
_LINKING = threading.Lock()
"""One search for an entity's other articles at a time: the links (and a big library's index connection) are shared
by every reading screen, and a search replaced by another one may still be running in its thread."""


class Inspector(TitledPanes, Vertical):
    """Shows one subject (an accord, an entity, a date or a figure); Enter on a mention jumps to it, here or in another article."""

    class JumpRequested(Message):
        """The reader chose a place to go to."""

        def __init__(self, location: Location) -> None:
            self.location = location
            super().__init__()

    class ElsewhereRequested(Message):
        """The reader chose a mention of the entity in another article: open that article there."""

        def __init__(self, article: Article, entity: Entity, mention: Mention) -> None:
            self.article = article
            self.entity = entity
            """The other article's own entry for the entity (to inspect there)."""
            self.mention = mention
            super().__init__()

    TITLES = {"inspector-details": "inspector-title"}

    def __init__(self, article: Article, links: Callable[..., EntityLinks | None] | None = None, filled: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article = article
        self.filled = filled
        """The panes are there; False: an empty (hidden) pane, filled by fill() after the app's first frame."""
        self.links = links
        """The entities linked across the opened articles, asked for when an entity is shown (built on first use);
        called with True, they are given only if at hand (built, in memory), else None."""
        self.subject: Accord | Entity | DateRef | Figure | None = None
        self._shown_width: int | None = None
        self._wrapped_for: int | None = None
        """The width the lists' items were last wrapped for (None: no list shown)."""
        """The width the snippets were last cut for."""
        self._targets: list[Location] = []
        self._elsewhere: list[tuple[Article, Entity, Mention] | None] = []
        """Per option of the "In other articles" list: the mention it opens (None for an article's title)."""
        self._linked: tuple[Entity, list[Elsewhere], int] | None = None
        """The entity whose other articles were last found, what was found and how many files the index named."""
        self.linking = False
        """A search for the inspected entity's other articles is running (in a thread: a library's files are read)."""
        self._linking_for: Entity | None = None

    def compose(self) -> ComposeResult:
        if self.filled:
            yield from self._panes()

    def _panes(self) -> list[Widget]:
        """The titled panes, in order: the subject's details, its mentions, its mentions elsewhere."""
        return [
            Label("Inspector", classes="pane-title", id="inspector-title"),
            VerticalScroll(Static(id="inspector-body"), id="inspector-details"),
            Label("Mentions", classes="pane-title", id="mentions-title"),
            OptionList(id="mentions"),
            Label("In other articles", classes="pane-title", id="elsewhere-title"),
            OptionList(id="elsewhere"),
        ]

    async def fill(self) -> None:
        """Mount the panes of an inspector built empty, showing what it was last asked to.

        Hidden at start, it has no part in the app's first frame: its widgets come right after."""
        if self.filled:
            return
        self.filled = True
        await self.mount_all(self._panes())
        self.show(self.subject)

    def _snippet_width(self) -> int:
        """Characters of text around a mention: what the pane shows beside "§N …" and "…"."""
        width = self.content_region.width
        return max(24, width - 8) if width else 44

    def on_resize(self, event: events.Resize) -> None:
        resized = self._shown_width is not None and event.size.width != self._shown_width
        if self.subject is not None and (resized or self._list_width_changed()):
            self.show(self.subject, relink=False)  # snippets and list items as wide as the pane now is
        self._shown_width = event.size.width

    def _list_width_changed(self) -> bool:
        """Whether the lists' items were wrapped for another width than the pane's now (or before its first layout)."""
        if self._wrapped_for is None:
            return False
        details = self.query_one("#inspector-details", VerticalScroll)
        return details.content_region.width - details.styles.scrollbar_size_vertical - len(BULLET) != self._wrapped_for

    def show(self, subject: Accord | Entity | DateRef | Figure | None, relink: bool = True) -> None:
        """Inspect an accord, an entity, a date or a figure; None: the article's overview (what is in view before any accord).

        ``relink`` False (the pane resized): an entity's other articles, if already found, are shown again as found."""
        self.subject = subject
        if not self.filled:  # shown when filled
            return
        self._wrapped_for = None
        body = self.query_one("#inspector-body", Static)
        mentions = self.query_one("#mentions", OptionList)
        mentions.clear_options()
        self._targets = []
        self._show_elsewhere(subject if isinstance(subject, Entity) else None, relink)
        if subject is None:
            body.update(self._overview())
            accords = self.article.numbered_accords
            self.query_one("#mentions-title", Label).update(f"Accords ({len(accords)})")
            self._targets = [accord.anchor for accord in accords]
            mentions.add_options([Option(Content.assemble((f"{accord.number} ", "$text-muted"), label(accord.title)))
                                  for accord in accords])
        elif isinstance(subject, Accord):
            body.update(self._accord(subject))
            self.query_one("#mentions-title", Label).update("Passage")
            self._targets = [subject.anchor]
            mentions.add_option(Option(Content.assemble((f"§{subject.anchor.section + 1} ", "$text-muted"),
                                                        label(self.article.snippet(subject.anchor, self._snippet_width())))))
        else:
            body.update(self._entity(subject) if isinstance(subject, Entity) else self._note(subject))
            found = self._mentions_of(subject)
            self.query_one("#mentions-title", Label).update(f"Mentions ({len(found)})")
            for mention in found:
                heading = self.article.sections[mention.section].heading
                self._targets.append(mention.location)
                mentions.add_option(Option(Content.assemble(
                    (f"§{mention.section + 1} ", "$text-muted"),
                    label(self.article.snippet(mention.location, self._snippet_width())),
                    ("\n" + " " * 3 + label(heading), "$text-muted"),
                )))
        if self._targets:
            mentions.highlighted = 0

    def _mentions_of(self, subject: Entity | DateRef | Figure) -> tuple[Mention, ...]:
        """Where the text gives an entity, a date or a figure (ids are the same only within a kind)."""
        found = self.article.mentions_by_ref.get(subject.id, ())
        if isinstance(subject, Entity):
            return found
        kind = "date" if isinstance(subject, DateRef) else "figure"
        return tuple(m for m in found if m.kind == kind)

    def select_mention(self, mention: Mention) -> None:
        """Highlight one of the inspected subject's mentions in the Mentions list (the one at hand)."""
        if self.filled and isinstance(self.subject, (Entity, DateRef, Figure)):
            mentions = self._mentions_of(self.subject)
            if mention in mentions:
                self.query_one("#mentions", OptionList).highlighted = mentions.index(mention)

    def reveal(self, show: bool) -> None:
        """Show or hide the pane (the stylesheet hides it with the class -hidden)."""
        self.set_class(not show, "-hidden")

    def _show_elsewhere(self, entity: Entity | None, relink: bool = True) -> None:
        """List the entity's mentions in the other articles (the library's links), hidden when there are none.

        Linked articles at hand (in memory) answer at once; else they are found in a thread (the first
        time, a library of up to 500 files is read; a bigger one's index is asked, and a name may be in
        thousands of its files): keys and frames go on, the list shows when found. ``relink`` False
        (the pane resized): the entity's other articles, if found, are listed again as found."""
        linked = self._linked
        if entity is None or self.links is None:
            self._stop_linking()
            self._linked = None
            self._list_elsewhere(None, [], 0)
            return
        if not relink and linked is not None and linked[0] is entity:
            self._list_elsewhere(*linked)
            return
        if not relink and self.linking and self._linking_for is entity:
            return  # listed when found
        at_hand = self._links_at_hand()
        if at_hand is not None:
            self._stop_linking()
            self._linked = (entity, at_hand.elsewhere(self.article, entity), at_hand.linked_files)
            self._list_elsewhere(*self._linked)
            return
        if linked is None or linked[0] is not entity:  # another entity's list goes; the same one's stays until found again
            self._linked = None
            self._list_elsewhere(entity, [], 0)
        self.linking, self._linking_for = True, entity
        self._find_elsewhere(entity)

    def _links_at_hand(self) -> EntityLinks | None:
        """The links, if they answer at once (built, over the articles in memory); None: find them in a thread."""
        if self.links is None or not _LINKING.acquire(blocking=False):
            return None
        try:
            return self.links(True)
        finally:
            _LINKING.release()

    def _stop_linking(self) -> None:
        if self.linking:
            self.workers.cancel_group(self, "elsewhere")
            self.linking = False

    @work(group="elsewhere", exclusive=True)
    async def _find_elsewhere(self, entity: Entity) -> None:
        links, article = self.links, self.article
        assert links is not None

        def find() -> tuple[list[Elsewhere], int]:
            with _LINKING:
                shared = links()
                return shared.elsewhere(article, entity), shared.linked_files

        try:
            found, named = await asyncio.to_thread(find)
        except Exception:  # noqa: BLE001 - links are an extra: a library that cannot be read links nothing
            found, named = [], 0
        if self.subject is entity:
            self._linked = (entity, found, named)
            self._list_elsewhere(entity, found, named)
        self.linking = False

    def _list_elsewhere(self, entity: Entity | None, found: list[Elsewhere], named: int) -> None:
        options = self.query_one("#elsewhere", OptionList)
        options.clear_options()
        self._elsewhere = []
        self.set_class(bool(found), "-elsewhere")
        if not found or entity is None:
            return
        articles = len({id(f.article) for f in found})
        more = f", the newest of {named:,} files" if named > articles else ""  # a big library: the index names more
        self.query_one("#elsewhere-title", Label).update(f"In other articles ({articles}{more})")
        added = []
        for other in found:
            name = "" if other.entity.name == entity.name else f" · as {label(other.entity.name)}"
            self._elsewhere.append(None)
            added.append(Option(Content.assemble((label(other.article.title), "bold"),
                                                 (f" · {other.article.published}{name}", "$text-muted")), disabled=True))
            for mention in other.mentions:
                self._elsewhere.append((other.article, other.entity, mention))
                added.append(Option(Content.assemble(
                    (f"§{mention.section + 1} ", "$text-muted"), label(other.article.snippet(mention.location, self._snippet_width())))))
        options.add_options(added)
        options.highlighted = 1  # the first mention (0 is the first article's title)

    def _names(self, ids: tuple[str, ...]) -> str:
        names = self.article.entities_by_id
        return ", ".join(names[i].name if i in names else i for i in ids)

    def _overview(self) -> Content:
        """The article as a whole: its title, source and date, summary, and what it annotates."""
        article = self.article
        source = article.source
        origin = " · ".join(x for x in (source.name or source.agency, article.published) if x)
        accords, entities = len(article.numbered_accords), len(article.entities)
        counts = f"{accords} accord{'s' * (accords != 1)}, {entities} entit{'ies' if entities != 1 else 'y'}"
        parts: list[Content | str | tuple[str, str]] = [
            ("Article\n", "bold $accent"),
            (label(article.title) + "\n", "bold"),
            (label(origin) + "\n\n", "$text-muted"),
            *([(label(article.summary) + "\n\n", "italic")] if article.summary else []),
            (counts + "\n", "$text-muted"),
        ]
        return Content.assemble(*parts)

    def _accord(self, accord: Accord) -> Content:
        title = f"Accord {accord.number}" if accord.number else "Related dossier"
        parts: list[Content | str | tuple[str, str]] = [
            (title + "\n", "bold $accent"),
            *([(DRAFT_NOTE, "$warning")] if accord.draft else []),
            (label(accord.title) + "\n\n", "bold"),
            (label(accord.summary) + "\n\n", "italic"),
        ]
        for caption, value in (("Parties", self._names(accord.parties)), ("With", self._names(accord.counterparts)), ("Domains", ", ".join(accord.domains))):
            if value:
                parts += [(f"{caption}: ", "$text-muted"), label(value) + "\n"]
        if accord.provisions:
            parts.append(("\nProvisions\n", "bold"))
            parts += [self._bullet(p) for p in accord.provisions]
        return Content.assemble(*parts)

    def _entity(self, entity: Entity) -> Content:
        parts: list[Content | str | tuple[str, str]] = [
            (TYPE_NAMES.get(entity.type, entity.type) + "\n", f"bold $entity-{entity.type}"),
            *([(DRAFT_NOTE, "$warning")] if entity.draft else []),
            (label(entity.name) + "\n\n", "bold"),
            (label(entity.description) + "\n\n", ""),
            ("Aliases\n", "bold"),
        ]
        parts += [self._bullet(a) for a in entity.aliases]
        return Content.assemble(*parts)

    def _bullet(self, item: str) -> str:
        """One item of a list, its wrapped lines hanging under its first word rather than under the bullet.

        Wrapped here because the body wraps whole lines flush left; cut for the pane's width less a
        scrollbar, so a scrollbar that appears with a long list re-wraps nothing."""
        text = label(item)
        details = self.query_one("#inspector-details", VerticalScroll)
        width = details.content_region.width - details.styles.scrollbar_size_vertical - len(BULLET)
        self._wrapped_for = width
        if width < 12:  # not laid out yet, or too narrow for an indent to help
            return f"{BULLET}{text}\n"
        return "".join((" " * len(BULLET) if i else BULLET) + text[start:end] + "\n" for i, (start, end) in enumerate(wrap(text, width)))

    def _note(self, note: DateRef | Figure) -> Content:
        """A date or a figure: what the article says (its text), its value, what it is about, the accord read there."""
        if isinstance(note, DateRef):
            kind, value = "date", [("Value: ", "$text-muted"), label(note.value)]
            precision = PRECISIONS.get(len(note.value))
            value += [(f" ({precision})", "$text-muted")] if precision else []
        else:
            kind = "figure"
            number = f"{note.value:,}".replace(",", " ")  # grouped as the articles write them: 12 500
            value = [("Value: ", "$text-muted"), label(f"{number} {note.unit}".strip())]
            if note.qualifier != "exact":
                value.append((f" ({QUALIFIER_NAMES.get(note.qualifier, note.qualifier)})", "$text-muted"))
        accord = self.article.accord_at(note.location)
        parts: list[Content | str | tuple[str, str]] = [
            (kind.capitalize() + "\n", f"bold $entity-{kind}"),
            *([(DRAFT_NOTE, "$warning")] if note.draft else []),
            (label(note.quote) + "\n\n", "bold"),
            *value, "\n",
            *([("About: ", "$text-muted"), label(note.about) + "\n"] if note.about else []),
        ]
        if accord is not None:
            name = f"Accord {accord.number}: " if accord.number else "Related dossier: "
            parts += ["\n", (name, "$text-muted"), label(accord.title) + "\n"]
        return Content.assemble(*parts)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "elsewhere":
            target = self._elsewhere[event.option_index] if 0 <= event.option_index < len(self._elsewhere) else None
            if target is not None:
                self.post_message(self.ElsewhereRequested(*target))
            return
        if 0 <= event.option_index < len(self._targets):
            self.post_message(self.JumpRequested(self._targets[event.option_index]))
