"""The sidebar: accords (the one being read is marked), the section outline, the entity index; it says what is chosen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.model.article import ENTITY_TYPES, Accord, Article, Entity
from reader.text.safe import label
from reader.ui.widgets.panes import TitledPanes

INDENT = "\u00a0"
"""A no-break space: OptionList drops ordinary leading spaces on continuation lines."""
TYPE_TITLES = {"person": "People", "org": "Organisations", "place": "Places"}


class AccordList(OptionList):
    """Accords numbered as in the article, then related dossiers."""

    def __init__(self, article: Article, **kwargs) -> None:
        self.article = article
        self.marked: str | None = None
        self.counts: dict[str, int] | None = None
        """Search matches per accord id while a search is active, else None."""
        super().__init__(*[self._option(a) for a in article.accords], **kwargs)

    def _option(self, accord: Accord, marked: bool = False) -> Option:
        names = self.article.entities_by_id
        counterpart = ", ".join(names[c].name for c in accord.counterparts if c in names)
        number = f"{accord.number}" if accord.number else "•"
        head = Content.assemble(
            ("▶ " if marked else "  ", "$accent"),
            (f"{number} ", "bold $accent" if marked else "bold"),
            self._badge(accord.id),
            (label(accord.title), "bold" if marked else ""),
        )
        details = " · ".join(x for x in (label(counterpart), label(", ".join(accord.domains[:2]))) if x)
        marks = " ".join(x for x in ("dossier" if accord.is_dossier else "", "draft" if accord.draft else "") if x)
        tail = " · ".join(x for x in (marks, details) if x)
        prompt = Content.assemble(head, "\n", (INDENT * 4 + tail, "$text-muted")) if tail else head
        return Option(prompt, id=accord.id)

    def _badge(self, accord_id: str) -> Content:
        """The search match count, before the title so a long title's ellipsis never hides it."""
        if self.counts is None:
            return Content("")
        count = self.counts.get(accord_id, 0)
        if not count:
            return Content("")
        return Content.assemble((f"×{count}", "bold $text on $search-match"), " ")

    def show_counts(self, counts: dict[str, int] | None) -> None:
        """Show how many search matches each accord holds; None removes the counts."""
        if counts == self.counts:
            return
        self.counts = counts
        for accord in self.article.accords:
            self.replace_option_prompt(accord.id, self._option(accord, accord.id == self.marked).prompt)

    def mark(self, accord_id: str | None) -> None:
        """Mark the accord being read, without moving the highlight or the focus."""
        if accord_id == self.marked:
            return
        for accord in self.article.accords:
            if accord.id in (accord_id, self.marked):
                self.replace_option_prompt(accord.id, self._option(accord, accord.id == accord_id).prompt)
        self.marked = accord_id


class OutlineList(OptionList):
    """The sections in order, with their kind."""

    def __init__(self, article: Article, **kwargs) -> None:
        options = [
            Option(Content.assemble((f"{i:>2} ", "$text-muted"), label(s.heading)), id=f"section-{i}")
            for i, s in enumerate(article.sections, 1)
        ]
        super().__init__(*options, **kwargs)


class EntityIndex(OptionList):
    """Entities grouped by type, most mentioned first, with their mention counts."""

    def __init__(self, article: Article, **kwargs) -> None:
        counts = article.mentions_by_ref
        options: list[Option | None] = []
        for etype in ENTITY_TYPES:
            group = [e for e in article.entities if e.type == etype]
            if not group:
                continue
            options.append(Option(Content.styled(TYPE_TITLES[etype], f"bold $entity-{etype}"), disabled=True))
            group.sort(key=lambda e: (-len(counts.get(e.id, ())), e.name))
            for entity in group:
                # the count first, so that a long name's ellipsis never hides it
                options.append(Option(
                    Content.assemble((f"{len(counts.get(entity.id, ())):>3} ", "$text-muted"), (label(entity.name), f"$entity-{etype}"),
                                     (" draft" if entity.draft else "", "italic $warning")),
                    id=f"entity-{entity.id}",
                ))
        super().__init__(*options, **kwargs)


class Sidebar(TitledPanes, Vertical):
    """Accords above, outline and entity index below; on a short terminal, the accords alone.

    A list with no room is hidden rather than squeezed to nothing, so that tab never lands on
    a list the reader cannot see.

    Its lists' options are its own business: it tells the screen what was chosen (Enter) or
    looked at (the highlight moved by the reader) with its own messages."""

    class AccordChosen(Message):
        """An accord chosen: Enter jumps to it (``jump``); moving onto it inspects it."""

        def __init__(self, accord: Accord, jump: bool) -> None:
            self.accord = accord
            self.jump = jump
            super().__init__()

    class SectionChosen(Message):
        """A section chosen in the outline (Enter): go to its heading."""

        def __init__(self, index: int) -> None:
            self.index = index
            """0-based."""
            super().__init__()

    class EntityChosen(Message):
        """An entity chosen: Enter inspects it and goes to its first mention (``jump``); moving onto it inspects it."""

        def __init__(self, entity: Entity, jump: bool) -> None:
            self.entity = entity
            self.jump = jump
            super().__init__()

    SHORT = 16
    """Fewer rows than this: no room for the entity index."""
    SHORTER = 8
    """Fewer rows than this: no room for the outline either."""

    def __init__(self, article: Article, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article = article

    def compose(self) -> ComposeResult:
        yield Label("Accords", classes="pane-title", id="accords-title")
        yield AccordList(self.article, id="accords")
        yield Label("Sections", classes="pane-title", id="outline-title")
        yield OutlineList(self.article, id="outline")
        yield Label("Entities", classes="pane-title", id="entities-title")
        yield EntityIndex(self.article, id="entities")

    def on_resize(self) -> None:
        height = self.size.height
        self.set_class(height < self.SHORT, "-short")
        self.set_class(height < self.SHORTER, "-shorter")

    def reveal(self, show: bool) -> None:
        """Show or hide the pane (the stylesheet reads -hidden, and -shown where the sidebar would be hidden by width)."""
        self.set_class(not show, "-hidden")
        self.set_class(show, "-shown")

    def _accord(self, option_id: str) -> Accord:
        return next(a for a in self.article.accords if a.id == option_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if isinstance(event.option_list, AccordList):
            self.post_message(self.AccordChosen(self._accord(option_id), jump=True))
        elif isinstance(event.option_list, OutlineList):
            self.post_message(self.SectionChosen(int(option_id.removeprefix("section-")) - 1))
        elif isinstance(event.option_list, EntityIndex):
            self.post_message(self.EntityChosen(self.article.entities_by_id[option_id.removeprefix("entity-")], jump=True))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if not event.option_list.has_focus:  # moved by the program (marking the accord read), not by the reader
            return
        option_id = event.option.id or ""
        if isinstance(event.option_list, AccordList):
            self.post_message(self.AccordChosen(self._accord(option_id), jump=False))
        elif isinstance(event.option_list, EntityIndex) and option_id:
            self.post_message(self.EntityChosen(self.article.entities_by_id[option_id.removeprefix("entity-")], jump=False))
