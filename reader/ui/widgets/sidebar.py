"""The sidebar: accords (the one being read is marked), the section outline, the entity index."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.model.article import ENTITY_TYPES, Accord, Article
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
    a list the reader cannot see."""

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
