"""The article view: a Line API scroll view that renders only the visible rows of an article."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING, Mapping, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.text.wrap import BLANK, HEADING, KICKER, TEXT, DisplayParagraph, Layout, display_paragraph
from reader.model.article import ENTITY_TYPES, SPAN_KINDS, Article, Location, Mention
from reader.model.highlight import Highlight

if TYPE_CHECKING:
    from reader.search.engine import Match

MEASURE = 80
"""The widest the text column grows, in cells, for comfortable reading."""
MARGIN = 2
"""Cells left of the text (the accord's gutter mark): on a wide terminal the text stays by the sidebar,
under the legend, rather than centred far from both."""


def margin(width: int, measure: int) -> int:
    """The cells left of the text in a view `width` cells wide whose text column is `measure` wide."""
    return min(MARGIN, max(0, (width - measure) // 2))


HIGHLIGHT_MODES = ("all",) + SPAN_KINDS + ("off",)
"""What `e` cycles through: every kind, one kind at a time, none."""


class ArticleView(ScrollView, can_focus=True):
    """Shows one article, section by section, with every annotated span highlighted by type."""

    COMPONENT_CLASSES = {
        "article-view--heading",
        "article-view--kicker",
        "article-view--gutter",
        "article-view--person",
        "article-view--org",
        "article-view--place",
        "article-view--date",
        "article-view--figure",
        "article-view--match",
        "article-view--current",
        "article-view--focus",
        "article-view--suggested",
    }

    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False, id="view.down"),
        Binding("k,up", "scroll_up", "Up", show=False, id="view.up"),
        Binding("space,pagedown,ctrl+f", "page_down", "Page down", id="view.page_down"),
        Binding("b,pageup,ctrl+b", "page_up", "Page up", show=False, id="view.page_up"),
        Binding("d,ctrl+d", "half_page(1)", "Half page down", show=False, id="view.half_down"),
        Binding("u,ctrl+u", "half_page(-1)", "Half page up", show=False, id="view.half_up"),
        Binding("g,home", "top", "Top", show=False, id="view.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="view.bottom"),
    ]

    highlight_mode: reactive[str] = reactive("all")
    """Which span kinds are highlighted: 'all', one of SPAN_KINDS, or 'off'."""
    current_accord: reactive[int | None] = reactive(None)
    """Section index of the accord being read: its rows get a gutter mark."""
    smooth = False
    """Animate the scrolling keys (config.yaml's smooth_scroll); off: each key moves the text at once, as less does."""

    class PositionChanged(Message):
        """The view scrolled: the place at its top (or the place jumped to) and the position now."""

        def __init__(self, view: "ArticleView", location: Location) -> None:
            self.view = view
            self.location = location
            super().__init__()

    class EntityClicked(Message):
        """A highlighted mention was clicked (an entity's, a date or a figure): inspect it."""

        def __init__(self, view: "ArticleView", mention: Mention) -> None:
            self.view = view
            self.mention = mention
            super().__init__()

    class Jumped(Message):
        """The view jumped (as opposed to scrolled): the place it left, for the history."""

        def __init__(self, view: "ArticleView", before: Location, after: Location) -> None:
            self.view = view
            self.before = before
            self.after = after
            super().__init__()

    def __init__(self, article: Article, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article = article
        self.suggested = frozenset(item.id for items in (article.entities, article.dates, article.figures) for item in items if item.draft)
        """Ids whose spans `reader import` guessed and nobody reviewed (drawn faded: article-view--suggested)."""
        self.paragraphs: list[list[DisplayParagraph]] = [
            [display_paragraph(p.text) for p in section.paragraphs] for section in article.sections
        ]
        self._layout: Layout | None = None
        self._cache: LRUCache[tuple, Strip] = LRUCache(1024)
        self._highlights: dict[tuple[int, int], list[Highlight]] = {}
        self._matches: Mapping[tuple[int, int], Sequence[Match]] = {}
        """The search's matches grouped by paragraph, painted under ``_highlights``."""
        self._last_top: Location | None = None
        self._pinned: Location | None = None
        """A place jumped to that could not come to the top (the article ends first): it is the
        reading place until the reader scrolls (the view's own fitting to a new size is no scroll)."""
        self._refitting = False
        """The view is scrolled to keep its place at a new width (no scroll of the reader's)."""

    # layout ---------------------------------------------------------------------------------

    @property
    def measure(self) -> int:
        """The width of the text column."""
        return max(1, min(MEASURE, self.scrollable_content_region.width - 4))

    @property
    def layout_rows(self) -> Layout:
        """The rows at the current width, computed once per width."""
        width = self.measure
        if self._layout is None or self._layout.width != width:
            anchor = self._last_top
            self._layout = Layout(self.article, width, self.paragraphs)
            self._cache.clear()
            # as wide as a row's drawn text, margin included (<= the view's width less 2, as measure is): not the
            # view's width, which changes without a new layout (the sidebar's width set after the resize) and so,
            # kept, was wider than the view: a horizontal scrollbar that stayed
            self.virtual_size = Size(margin(self.scrollable_content_region.width, width) + width, len(self._layout))
            if anchor is not None:  # re-flow keeps the reading position
                self._refitting = True
                try:
                    self.scroll_to(y=self._layout.row_of(anchor, self.paragraphs), animate=False, immediate=True)
                finally:
                    self._refitting = False
        return self._layout

    def open_at(self, location: Location | None) -> None:
        """Where the first layout puts the top of the view (a place read before), so that the first frame shows it."""
        if self._layout is None and location is not None and location != Location(0, 0, 0, 0):  # the top: nothing to do
            self._last_top = location  # the anchor a layout keeps: the first one scrolls to it

    def on_resize(self) -> None:
        self.layout_rows  # noqa: B018 - re-lays out for the new width

    def on_mount(self) -> None:
        if self.scrollable_content_region.width:
            self.layout_rows  # noqa: B018
        else:
            # not sized yet: rather than lay a big article out one cell wide (slow), reserve
            # as many rows as that would take (a row per character at most); on_resize lays out
            rows = sum(len(p.text) + 1 for section in self.article.sections for p in section.paragraphs)
            self.virtual_size = Size(0, rows + 4 * len(self.article.sections) + 1)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def watch_highlight_mode(self) -> None:
        self._cache.clear()
        self.refresh()

    def watch_current_accord(self) -> None:
        self._cache.clear()
        self.refresh()

    def cycle_highlights(self) -> str:
        """Highlight the next kind of span (all, each kind alone, none); the mode now."""
        self.highlight_mode = HIGHLIGHT_MODES[(HIGHLIGHT_MODES.index(self.highlight_mode) + 1) % len(HIGHLIGHT_MODES)]
        return self.highlight_mode

    def set_highlights(self, highlights: list[Highlight], matches: Mapping[tuple[int, int], Sequence[Match]] | None = None) -> None:
        """Replace the painted ranges: the search's ``matches``, grouped by (section, paragraph) where
        the search ran (by the hundred thousand: never here), then ``highlights`` over them (the
        current match, the mention at hand)."""
        grouped: dict[tuple[int, int], list[Highlight]] = {}
        for h in highlights:
            grouped.setdefault((h.section, h.paragraph), []).append(h)
        self._highlights = grouped
        self._matches = matches if matches is not None else {}
        self._cache.clear()
        self.refresh()

    @property
    def highlights(self) -> list[Highlight]:
        """Every painted range: the grouped ones, then those over them."""
        return [Highlight(m.section, m.paragraph, m.start, m.end, "match") for group in self._matches.values() for m in group] \
            + [h for group in self._highlights.values() for h in group]

    def paragraphs_in_sight(self) -> list[tuple[int, int]]:
        """The (section, paragraph) of every text row on screen, in reading order, each once."""
        layout = self.layout_rows
        top = round(self.scroll_y)
        out: list[tuple[int, int]] = []
        for row in range(top, min(len(layout), top + self.scrollable_content_region.height)):
            if layout.kind[row] == TEXT:
                key = (layout.section[row], layout.paragraph[row])
                if not out or out[-1] != key:
                    out.append(key)
        return out

    # position -------------------------------------------------------------------------------

    @property
    def top_location(self) -> Location:
        """The place in the article at the top of the view."""
        return self.layout_rows.location_of(round(self.scroll_y), self.paragraphs)

    @property
    def pinned(self) -> Location | None:
        """The place last jumped to when the end of the article kept it from the top, until the reader
        scrolls, while it is in sight (a terminal made shorter can hide it)."""
        if self._pinned is not None and self.shows(self._pinned):
            return self._pinned
        return None

    @property
    def reading_location(self) -> Location:
        """The place being read: the top of the view, or the place jumped to when the article's
        end kept it lower down (jumping to the last section shows that section, not the one above)."""
        pinned = self.pinned
        return pinned if pinned is not None else self.top_location

    def visible_mentions(self) -> list[Mention]:
        """The mentions shown on screen, in reading order."""
        layout = self.layout_rows
        top = round(self.scroll_y)
        out = []
        seen: set[tuple[int, int]] = set()
        for row in range(top, min(len(layout), top + self.scrollable_content_region.height)):
            if layout.kind[row] != TEXT:
                continue
            s, p = layout.section[row], layout.paragraph[row]
            shown = self.paragraphs[s][p]
            for m in self.article.sections[s].paragraphs[p].mentions:
                a = shown.display(m.start)
                if layout.start[row] <= a < max(layout.end[row], layout.start[row] + 1) and (s, p, m.start) not in seen:
                    seen.add((s, p, m.start))  # type: ignore[arg-type]
                    out.append(m)
        return out

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self._layout is None:
            return
        clamped = round(old) > self.max_scroll_y and round(new) == self.max_scroll_y
        if self._pinned is not None and round(new) != round(old) and not (clamped or self._refitting):
            # the reader scrolled: the top of the view is the reading place again (the view grown
            # taller at the end, as when the search bar closes, or re-flowed, is no scroll of theirs)
            self._pinned = None
        location = self.reading_location
        # a row of blank or heading lines keeps the place but not the position (the status's %)
        if location != self._last_top or round(new) != round(old):
            self._last_top = location
            self.post_message(self.PositionChanged(self, location))

    def go_to(self, location: Location, *, context: int = 2, record: bool = True) -> None:
        """Jump so that a location shows near the top, with a little context above it."""
        before = self.reading_location
        if location == Location(0, 0, 0, 0):
            row = 0  # the very start, blank top row included
        else:
            row = self.layout_rows.row_of(location, self.paragraphs)
            if location.end > location.start or location.paragraph or location.start:
                row = max(0, row - context)
        self._pinned = None
        self.scroll_to(y=row, animate=False, immediate=True)
        if round(self.scroll_y) < row:
            self._pinned = location
        self._arrived(before, record)

    def _arrived(self, before: Location, record: bool = True) -> None:
        """A jump is made: say where the reader is now, and where from (for the history)."""
        self._last_top = self.reading_location
        self.post_message(self.PositionChanged(self, self._last_top))
        if record:  # the history keeps where the view was and is, which going back restores exactly
            self.post_message(self.Jumped(self, before, self._last_top))

    def row_of(self, location: Location) -> int:
        """The row a location is shown on."""
        return self.layout_rows.row_of(location, self.paragraphs)

    def shows(self, location: Location) -> bool:
        """Whether a location's row is on screen now."""
        top = round(self.scroll_y)
        return top <= self.row_of(location) < top + self.scrollable_content_region.height

    def same_place(self, a: Location, b: Location) -> bool:
        """Two places show the same thing: the same row at the current width (a re-flow can move
        the top of the view to another offset of the same line)."""
        if a == b:
            return True
        try:
            return self.row_of(a) == self.row_of(b)
        except Exception:  # not laid out yet, or a place this layout does not hold
            return False

    @property
    def percent(self) -> int:
        """How far down the article the view is, for the status line (100 when it all fits)."""
        total = max(1, self.virtual_size.height - self.scrollable_content_region.height)
        if self.virtual_size.height <= self.scrollable_content_region.height:
            return 100
        return min(100, round(100 * self.scroll_y / total))

    def section_back(self) -> int:
        """The section `{` goes to: the start of the one being read, or the one before when at its start already."""
        location = self.reading_location
        # its heading in sight (at the top, or lower when the end keeps it there): going to it would show nothing new
        at_heading = self.row_of(Location(location.section, 0, 0, 0)) >= round(self.scroll_y) - 1
        return max(0, location.section - 1 if at_heading else location.section)

    def action_half_page(self, direction: int) -> None:
        self.scroll_to(y=self.scroll_y + direction * max(1, self.scrollable_content_region.height // 2),
                       animate=self.smooth, immediate=not self.smooth)

    # Textual's own scrolling actions animate (about 0.6 s a page): here only when asked (smooth)
    def action_scroll_down(self) -> None:
        self.scroll_down(animate=self.smooth, immediate=not self.smooth)

    def action_scroll_up(self) -> None:
        self.scroll_up(animate=self.smooth, immediate=not self.smooth)

    def action_page_down(self) -> None:
        self.scroll_page_down(animate=self.smooth)

    def action_page_up(self) -> None:
        self.scroll_page_up(animate=self.smooth)

    def action_top(self) -> None:
        self.go_to(Location(0, 0, 0, 0))

    def action_bottom(self) -> None:
        """The end: the last section is the one read (as vim's G puts the cursor on the last line),
        though shorter ones before it share the screen."""
        before = self.reading_location
        self._pinned = None
        self.scroll_end(animate=False, immediate=True)
        last = Location(len(self.article.sections) - 1, 0, 0, 0)
        if self.row_of(last) > round(self.scroll_y):
            self._pinned = last
        self._arrived(before)

    # rendering ------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        layout = self.layout_rows
        row = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        key = (row, width)
        cached = self._cache.get(key)
        if cached is not None:
            return cached.apply_offsets(0, row)
        base = self.rich_style
        if row >= len(layout):
            strip = Strip.blank(width, base)
        else:
            strip = self._render_row(row, width, base)
        self._cache[key] = strip
        return strip.apply_offsets(0, row)

    def _render_row(self, row: int, width: int, base: Style) -> Strip:
        layout = self.layout_rows
        left_cells = margin(width, layout.width)
        kind = layout.kind[row]
        s = layout.section[row]
        gutter_style = self.get_component_rich_style("article-view--gutter")
        marked = self.current_accord == s and kind != BLANK
        left = Segment(" " * max(0, left_cells - 2), base)
        gutter = Segment("▌ " if marked else "  ", base + gutter_style if marked else base) if left_cells >= 2 else Segment("", base)
        segments = [left, gutter]
        if kind == HEADING:
            text = layout.headings[s][layout.paragraph[row]]
            segments.append(Segment(text, base + self.get_component_rich_style("article-view--heading")))
        elif kind == KICKER:
            segments.append(Segment(layout.kickers[s], base + self.get_component_rich_style("article-view--kicker")))
        elif kind == TEXT:
            segments.extend(self._text_segments(row, base))
        strip = Strip(segments)
        return strip.crop_extend(0, width, base)

    def _text_segments(self, row: int, base: Style) -> list[Segment]:
        layout = self.layout_rows
        s, p = layout.section[row], layout.paragraph[row]
        start, end = layout.start[row], layout.end[row]
        shown = self.paragraphs[s][p]
        text = shown.text
        # paint layers: entity spans first, then search matches, then the current one
        layers: list[tuple[int, int, str]] = []
        mode = self.highlight_mode
        if mode != "off":
            for m in self.article.sections[s].paragraphs[p].mentions:
                if mode == "all" or mode == m.kind:
                    layers.append((shown.display(m.start), shown.display(m.end), m.kind))
                    if m.ref in self.suggested:
                        layers.append((shown.display(m.start), shown.display(m.end), "suggested"))
        for m in self._matches.get((s, p), ()):
            layers.append((shown.display(m.start), shown.display(m.end), "match"))
        for h in self._highlights.get((s, p), ()):
            layers.append((shown.display(h.start), shown.display(h.end), h.kind))
        if not layers:
            return [Segment(text[start:end], base)]
        cuts = {start, end}
        for a, b, _ in layers:
            if a < end and b > start:
                cuts.add(max(a, start))
                cuts.add(min(b, end))
        points = sorted(cuts)
        segments = []
        for a, b in zip(points, points[1:]):
            style = base
            for la, lb, name in layers:
                if la <= a and b <= lb:
                    style = style + self.get_component_rich_style(f"article-view--{name}")
            segments.append(Segment(text[a:b], style))
        return segments

    # mouse ----------------------------------------------------------------------------------

    def mention_at(self, x: int, y: int) -> Mention | None:
        """The highlighted mention (of an entity, a date or a figure) drawn at a cell of the view (x, y from its top left), if any."""
        layout = self.layout_rows
        row = round(self.scroll_y) + y
        left_cells = margin(self.scrollable_content_region.width, layout.width)
        if not 0 <= row < len(layout) or layout.kind[row] != TEXT or x < left_cells or self.highlight_mode == "off":
            return None
        s, p = layout.section[row], layout.paragraph[row]
        shown = self.paragraphs[s][p]
        cells, at = x - left_cells, layout.start[row]
        while at < layout.end[row] and cells >= cell_len(shown.text[at]):  # cells -> characters (wide ones count 2)
            cells -= cell_len(shown.text[at])
            at += 1
        if at >= layout.end[row]:
            return None
        for m in self.article.sections[s].paragraphs[p].mentions:
            if m.kind in SPAN_KINDS and self.highlight_mode in ("all", m.kind) and shown.display(m.start) <= at < shown.display(m.end):
                return m
        return None

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        mention = None if offset is None else self.mention_at(offset.x, offset.y)
        if mention is not None:
            event.stop()
            self.post_message(self.EntityClicked(self, mention))

    def first_row_of_section(self, section: int) -> int:
        return self.layout_rows.section_rows[section]

    def section_at_row(self, row: int) -> int:
        rows = self.layout_rows.section_rows
        return max(0, bisect_left(rows, row + 1) - 1)
