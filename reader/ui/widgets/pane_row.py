"""The reading screen's row of panes (sidebar, article, inspector), which knows which side panes show."""

from __future__ import annotations

from textual.containers import Horizontal

from reader.ui.widgets.inspector import Inspector
from reader.ui.widgets.sidebar import Sidebar


class PaneRow(Horizontal):
    """The sidebar, the centre column and the inspector side by side.

    The stylesheet reads its classes: -sidebar (the sidebar asked for), -inspecting (the inspector
    open), which give the centre its room or, on a tiny terminal, show one pane at a time."""

    def show_sidebar(self, show: bool) -> None:
        """Show or hide the sidebar; showing it closes the inspector."""
        self.query_one(Sidebar).reveal(show)
        if show:
            self.show_inspector(False)
        self.set_class(show, "-sidebar")

    def show_inspector(self, show: bool, alone: bool = False) -> None:
        """Open or close the inspector; ``alone`` (a tiny terminal, one pane at a time): it takes the sidebar's place."""
        self.query_one(Inspector).reveal(show)
        self.set_class(show, "-inspecting")
        if show and alone:
            self.query_one(Sidebar).remove_class("-shown")
            self.set_class(False, "-sidebar")
