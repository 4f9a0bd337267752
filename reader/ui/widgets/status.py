"""The status line: section n/N and its heading, the accord, the position, the search, the mention at hand, the highlights.

It fits itself to its width: the least needed parts give way first, and the heading takes
what is left, cut with an ellipsis, so the position and the search counter are never cut off.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widget import Widget

from reader.model.article import Accord, Article, Location
from reader.text.safe import label

SEPARATOR = ("  │  ", "$text-muted")
MIN_HEADING = 12
"""Narrower than this, a heading says too little: it is left out instead."""


@dataclass(frozen=True)
class Status:
    """What the status line says."""

    section: int
    """1-based."""
    sections: int
    heading: str
    accord: str
    percent: int
    search: str = ""
    """The search counter ("2/15", "no match"), empty when no search is active."""
    search_failed: bool = False
    """The query is in error (shown in the error colour)."""
    highlights: str = "all"
    mention: str = ""
    """Where the mention `*` / `#` went to stands among its entity's ("Assimi Goïta: mention 2/3"), while on screen."""

    @classmethod
    def at(cls, article: Article, location: Location, accord: Accord | None, percent: int,
           search: tuple[str, bool] = ("", False), highlights: str = "all", mention: str = "") -> Status:
        """The status at a place of an article: its section, the accord read there, how far down, the search."""
        accord_text = (f"Accord {accord.number}" if accord.number else "Dossier") if accord else "—"
        counter, failed = search
        return cls(location.section + 1, len(article.sections), article.sections[location.section].heading,
                   accord_text, percent, counter, failed, highlights, mention)


def fit(status: Status, width: int) -> Content:
    """The status line for a width: the highlights mode gives way first (the legend shows it too),
    then the heading shrinks, then the accord goes, then the heading; the position and the
    search counter go last."""
    head = Content.styled(f" § {status.section}/{status.sections} ", "bold")
    accord = Content.assemble(SEPARATOR, (status.accord, "$accent"))
    percent = Content.assemble(SEPARATOR, f"{status.percent}%")
    counter = (status.search, "$error" if status.search_failed else "$accent")
    search = Content.assemble(("  │  search: ", "$text-muted"), counter) if status.search else Content("")
    highlights = Content.assemble(("  │  highlights: ", "$text-muted"), status.highlights)
    mention = Content.assemble(SEPARATOR, (label(status.mention), "$accent")) if status.mention else Content("")
    heading = Content(label(status.heading))
    shortest = min(MIN_HEADING, heading.cell_length)
    tails = [
        ([accord, percent, search, mention, highlights], heading.cell_length),
        ([accord, percent, search, mention], shortest),
        ([accord, percent, search], shortest),
        ([percent, search], shortest),
    ]
    for tail, needed in tails:
        room = width - head.cell_length - sum(part.cell_length for part in tail)
        if room >= needed:
            shown = heading if heading.cell_length <= room else heading.truncate(room, ellipsis=True)
            return Content.assemble(head, shown, *tail)
    head = Content.styled(f" § {status.section}/{status.sections}", "bold")
    if head.cell_length + percent.cell_length + search.cell_length <= width:
        return Content.assemble(head, percent, search)
    # a tiny terminal: the bare figures, tightly spaced (what is past the width is cut)
    tight = (" │ ", "$text-muted")
    return Content.assemble(head, tight, f"{status.percent}%", *((tight, counter) if status.search else ()))


class StatusLine(Widget):
    """One row at the bottom of the reading screen."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.status: Status | None = None

    def show(self, status: Status) -> None:
        if status != self.status:
            self.status = status
            self.refresh()

    def render(self) -> Content:
        if self.status is None:
            return Content("")
        return fit(self.status, self.size.width or self.app.size.width)
