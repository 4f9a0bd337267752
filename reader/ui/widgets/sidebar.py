"""The sidebar: accords (the one being read is marked), the section outline, the entity index; it says what is chosen."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.model.article import ENTITY_TYPES, Accord, Article, Entity
from reader.text.safe import label
from reader.ui.widgets.panes import TitledPanes

INDENT = " "
"""A plain space, so that text copied from the terminal has no U+00A0 (Textual 8's OptionList keeps the spaces that start
a line after a newline of the prompt; test_sidebar_spaces.py checks that a wrapped title still hangs)."""
TYPE_TITLES = {"person": "People", "org": "Organisations", "place": "Places"}
"""The entity index's group titles, each indented one column as the panes' titles are (Accords, Sections, Entities)."""
NUMBER_WIDTH = 3
"""The columns of an entry's number or count, right-aligned: the text after it starts at column 4 in every list,
as an accord's title does after its mark and number ("▶ 1 ")."""


def hanging(text: str, first: int, width: int | None, indent: int) -> list[str]:
    """A text's lines at a width (None: one line), whole words to a line where they fit: the
    first after ``first`` cells, the others after ``indent`` spaces, so they hang."""
    if width is None or width - max(first, indent) < 8:  # too narrow to wrap usefully: one line, cut by the list
        return [text]
    lines = [line.plain.rstrip() for line in Content(text).wrap(width - first)]
    if len(lines) > 1:  # the lines after the first have less room: wrap what follows the first again
        rest = " ".join(lines[1:])
        lines = lines[:1] + [line.plain.rstrip() for line in Content(rest).wrap(width - indent)]
    return [lines[0]] + [INDENT * indent + line for line in lines[1:]]


def shown_count(counts: dict[str, int] | None, accord_id: str) -> int:
    """An accord's badge: its search matches (0: no badge, as with no search)."""
    return counts.get(accord_id, 0) if counts is not None else 0


def enter_at_first(options: OptionList) -> None:
    """A list entered with nothing lit (the reader at no accord) lights its first item, where the keys start."""
    if options.highlighted is None and options.option_count:
        options.highlighted = 0


def follow(options: OptionList, index: int | None) -> None:
    """Put a list's highlight on the item being read, unless the reader is moving in that list."""
    if options.has_focus or options.highlighted == index:
        return
    options.highlighted = index  # the list scrolls to it; the Sidebar ignores highlights it did not see the reader make


class AccordList(OptionList):
    """Accords numbered as in the article, then related dossiers; a title wraps whole, under itself."""

    def __init__(self, article: Article, wrap_width: int | None = None, **kwargs) -> None:
        self.article = article
        self.marked: str | None = None
        self.counts: dict[str, int] | None = None
        """Search matches per accord id while a search is active, else None."""
        self.wrap_width = wrap_width
        """The width titles are wrapped to (None until the list is laid out: one line each)."""
        self._accord_texts: dict[str, tuple[str, str]] = {}
        """Per accord id, its title and details as shown (see _texts)."""
        self._wrapped: dict[tuple[str, int, int, int | None], list[str]] = {}
        """Lines of titles and details already wrapped, by (text, first, indent, width): a search's counts
        change the badges before the titles, each shown count redrew every accord (10 ms for 50 of them)."""
        super().__init__(*[self._option(a) for a in article.accords], **kwargs)

    def _hanging(self, text: str, first: int, indent: int) -> list[str]:
        """hanging() at the list's wrap width, each text wrapped once per width and badge's width."""
        key = (text, first, indent, self.wrap_width)
        lines = self._wrapped.get(key)
        if lines is None:
            if len(self._wrapped) > 4096:  # widths and badges seen over a long session: start again
                self._wrapped.clear()
            lines = self._wrapped[key] = hanging(text, first, self.wrap_width, indent)
        return lines

    def _option(self, accord: Accord, marked: bool = False) -> Option:
        title, tail = self._texts(accord)
        number = f"{accord.number} " if accord.number else "• "
        count = shown_count(self.counts, accord.id)
        badge = f"×{count}" if count else ""
        # the badge (the search's match count) before the title, so that it is seen whatever the title's length
        first = 2 + cell_len(number) + (len(badge) + 1 if badge else 0)
        head = Content.assemble(
            ("▶ " if marked else "  ", "$accent"),
            (number, "bold $accent" if marked else "bold"),
            *(((badge, "bold $text on $search-match"), " ") if badge else ()),
            ("\n".join(self._hanging(title, first, first)), "bold" if marked else ""),
        )
        if not tail:
            return Option(head, id=accord.id)
        lines = self._hanging(tail, 4, 6)
        return Option(Content.assemble(head, "\n", (INDENT * 4 + "\n".join(lines), "$text-muted")), id=accord.id)

    def _texts(self, accord: Accord) -> tuple[str, str]:
        """An accord's title and its details line (marks, counterparts, domains), made terminal-safe once."""
        texts = self._accord_texts.get(accord.id)
        if texts is None:
            names = self.article.entities_by_id
            counterpart = ", ".join(names[c].name for c in accord.counterparts if c in names)
            details = " · ".join(x for x in (label(counterpart), label(", ".join(accord.domains[:2]))) if x)
            marks = " ".join(x for x in ("dossier" if accord.is_dossier else "", "draft" if accord.draft else "") if x)
            texts = self._accord_texts[accord.id] = (label(accord.title), " · ".join(x for x in (marks, details) if x))
        return texts

    def _redraw(self) -> None:
        for accord in self.article.accords:
            self.replace_option_prompt(accord.id, self._option(accord, accord.id == self.marked).prompt)

    def on_resize(self) -> None:
        width = max(0, self.size.width - 1) or None  # the scrollbar's column kept free, shown or not: no re-wrap loop
        if width != self.wrap_width:
            self.wrap_width = width
            self._redraw()
            self.scroll_to_highlight()  # the titles re-wrapped change the items' heights: the one lit stays in view

    def on_focus(self) -> None:
        enter_at_first(self)

    def show_counts(self, counts: dict[str, int] | None) -> None:
        """Show how many search matches each accord holds; None removes the counts."""
        if counts == self.counts:
            return
        before, self.counts = self.counts, counts
        # only the accords whose badge changes: each prompt replaced is made again, wrapped and measured
        for accord in self.article.accords:
            if shown_count(before, accord.id) != shown_count(counts, accord.id):
                self.replace_option_prompt(accord.id, self._option(accord, accord.id == self.marked).prompt)

    def mark(self, accord_id: str | None) -> None:
        """Mark the accord being read; the highlight follows it unless the reader is in the list (never the focus)."""
        if accord_id != self.marked:
            for accord in self.article.accords:
                if accord.id in (accord_id, self.marked):
                    self.replace_option_prompt(accord.id, self._option(accord, accord.id == accord_id).prompt)
            self.marked = accord_id
        follow(self, None if accord_id is None else self.get_option_index(accord_id))


class OutlineList(OptionList):
    """The sections in order, with their kind."""

    def __init__(self, article: Article, **kwargs) -> None:
        options = [
            Option(Content.assemble((f"{i:>{NUMBER_WIDTH}} ", "$text-muted"), label(s.heading)), id=f"section-{i}")
            for i, s in enumerate(article.sections, 1)
        ]
        super().__init__(*options, **kwargs)

    def follow(self, section: int | None) -> None:
        """Highlight the section being read (0-based), unless the reader is in this list."""
        follow(self, section)

    def on_focus(self) -> None:
        enter_at_first(self)


class EntityIndex(OptionList):
    """Entities grouped by type, most mentioned first, with their mention counts."""

    def __init__(self, article: Article, **kwargs) -> None:
        counts = article.mentions_by_ref
        options: list[Option | None] = []
        for etype in ENTITY_TYPES:
            group = [e for e in article.entities if e.type == etype]
            if not group:
                continue
            options.append(Option(Content.styled(f" {TYPE_TITLES[etype]}", f"bold $entity-{etype}"), disabled=True))
            group.sort(key=lambda e: (-len(counts.get(e.id, ())), e.name))
            for entity in group:
                # the count first, so that a long name's ellipsis never hides it
                options.append(Option(
                    Content.assemble((f"{len(counts.get(entity.id, ())):>{NUMBER_WIDTH}} ", "$text-muted"), (label(entity.name), f"$entity-{etype}"),
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

    def __init__(self, article: Article, filled: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article = article
        self.filled = filled
        """The lists are there; False: an empty pane of the sidebar's size, filled by fill() (after the app's first frame)."""
        self._looked_at: dict[str, int | None] = {}
        """Per list id, the item the reader was last told to look at."""
        self._following: tuple[str | None, int] | None = None
        """The accord and section being read, as last told (kept for the lists of a pane filled later)."""

    def compose(self) -> ComposeResult:
        if self.filled:
            yield from self._panes()

    def _panes(self) -> list[Widget]:
        """The titled lists, in order: accords, sections, entities."""
        width = self.content_region.width  # known when the lists come after the pane (fill): wrapped from their first frame
        return [
            Label("Accords", classes="pane-title", id="accords-title"),
            AccordList(self.article, wrap_width=width - 1 if width > 1 else None, id="accords"),
            Label("Sections", classes="pane-title", id="outline-title"),
            OutlineList(self.article, id="outline"),
            Label("Entities", classes="pane-title", id="entities-title"),
            EntityIndex(self.article, id="entities"),
        ]

    async def fill(self) -> None:
        """Mount the lists of a pane built empty, at the place being read.

        The app's first frame needs only the text: three lists of options styled and drawn
        cost a good part of it, so the first screen gets them right after (its size is the
        stylesheet's, whatever it holds: nothing moves when they come)."""
        if self.filled:
            return
        self.filled = True
        await self.mount_all(self._panes())
        if self._following is not None:
            self.follow(*self._following)

    def on_resize(self) -> None:
        height = self.size.height
        self.set_class(height < self.SHORT, "-short")
        self.set_class(height < self.SHORTER, "-shorter")

    def follow(self, accord_id: str | None, section: int) -> None:
        """One current item per list, the one being read: its accord (marked too) and its section."""
        self._following = (accord_id, section)
        if not self.filled:
            return
        self.query_one(AccordList).mark(accord_id)
        self.query_one(OutlineList).follow(section)

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
        # Marking the accord read redraws its item, which tells the highlight again (the same item, maybe
        # late, under load): only a move to another item is the reader looking at something new.
        if self._looked_at.get(event.option_list.id or "") == event.option_index:
            return
        self._looked_at[event.option_list.id or ""] = event.option_index
        option_id = event.option.id or ""
        if isinstance(event.option_list, AccordList):
            self.post_message(self.AccordChosen(self._accord(option_id), jump=False))
        elif isinstance(event.option_list, EntityIndex) and option_id:
            self.post_message(self.EntityChosen(self.article.entities_by_id[option_id.removeprefix("entity-")], jump=False))
