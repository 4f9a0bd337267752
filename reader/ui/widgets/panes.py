"""Pane titles that light up while their pane has the focus, so tab always shows where it is."""

from __future__ import annotations

from textual import events
from textual.widget import Widget


class TitledPanes(Widget):
    """A container of panes, each under a title label whose id is the pane's id + "-title"
    (or given in TITLES); the title of the focused pane gets the class ``-focused``."""

    TITLES: dict[str, str] = {}
    """Pane id -> title id, where the title is not named after the pane."""

    def _title_of(self, widget: Widget) -> Widget | None:
        for node in (widget, *widget.ancestors):
            if node is self:
                return None
            if node.id:
                title = self.TITLES.get(node.id, f"{node.id}-title")
                found = self.query(f"#{title}")
                if found:
                    return found.first()
        return None

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        title = self._title_of(event.widget)
        if title is not None:
            title.add_class("-focused")

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        title = self._title_of(event.widget)
        if title is not None:
            title.remove_class("-focused")
