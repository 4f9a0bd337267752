"""The search bar's match counter: a new figure is drawn in place, the screen laid out again only when its width changes."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static


class SearchCounter(Static):
    """The counter ('3/17', 'counting…', 'no matches'), as wide as its text (the stylesheet's ``width: auto``).

    Static.update lays out the whole screen: on a big article that frame cost tens of
    milliseconds (every scrollbar redrawn, the screen reflowed) for each figure a search shows
    (searching…, counting…, the count). A text of the same width needs only its own cells redrawn."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = ""
        """The text shown."""

    def show(self, text: str) -> None:
        """Show ``text``: redraw only the counter when its width stays, else lay the screen out for the new width."""
        if text == self.text:
            return
        old, new = self.width_for(self.text), self.width_for(text)
        relayout = new is None or new != old
        self.text = text
        self.update(Content(text), layout=relayout)

    def width_for(self, text: str) -> int | None:
        """The counter's width with ``text`` as the stylesheet sizes it (its text and padding, at least min-width);
        None when that is not a number of cells (always laid out then)."""
        styles = self.styles
        if not (styles.width is None or styles.width.is_auto):
            return None
        least = styles.min_width
        if least is not None and not least.is_cells:
            return None
        floor = int(least.value) if least is not None else 0
        return max(cell_len(text) + styles.gutter.width, floor)
