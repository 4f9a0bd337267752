"""The legend above the text: the highlight colour of each kind of span, and whether it is on."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from reader.model.article import SPAN_KINDS

KIND_NAMES = {"person": "Person", "org": "Org", "place": "Place", "date": "Date", "figure": "Figure"}
SHORT_NAMES = {"person": "Pers", "org": "Org", "place": "Pl", "date": "Date", "figure": "Fig"}
INITIALS = {"person": "P", "org": "O", "place": "Pl", "date": "D", "figure": "F"}


def _marks(mode: str, names: dict[str, str], gap: str, kinds: tuple[str, ...] = SPAN_KINDS, joined: bool = False) -> Content:
    """Each kind's mark in its colour (muted when off) and its name (struck when off); ``joined``: no space between."""
    parts: list[tuple[str, str] | str] = []
    for kind in kinds:
        active = mode in ("all", kind)
        style = f"$entity-{kind}" if active else "$text-muted"
        parts.append(("■", style))
        parts += ["" if joined else " ", (names[kind], style if active else "$text-muted strike")]
        parts.append(gap)
    return Content.assemble(*parts).rstrip()


def suggested_notes(count: int) -> tuple[Content, ...]:
    """What the legend says of a draft's suggestions (drawn faded), longest first; none when there are none."""
    if not count:
        return (Content(""),)
    return (Content.assemble("  ", ("▪ faded", "dim"), (f" = suggested ({count}), R reviews", "$text-muted")),
            Content.assemble("  ", ("▪", "dim"), (f" {count} suggested (R)", "$text-muted")))


def legend(mode: str, width: int, suggested: int = 0) -> Content:
    """The legend for a highlight mode ('all', one kind, 'off'), as long as fits the width. A colour is never
    shown without its name: the names, then closer together, then shortened, then initials; with `suggested`
    (a draft's unreviewed annotations) a note says they are drawn faded, and it goes before the names are cut
    further; then initials close to their marks, and at the last the first kinds that fit, then "…"."""
    off = mode == "off"
    long_note, short_note = ("  (highlights off — press e)", " (off)") if off else ("", "")
    tries = ((KIND_NAMES, "  ", long_note), (KIND_NAMES, " ", long_note), (KIND_NAMES, " ", short_note),
             (SHORT_NAMES, " ", short_note), (INITIALS, " ", short_note))
    for names, gap, note in tries:
        for extra in suggested_notes(suggested):
            content = Content.assemble(_marks(mode, names, gap), (note, "$text-muted"), extra)
            if content.cell_length <= width:
                return content
    note = Content.styled(short_note, "$text-muted")
    for names, joined in ((KIND_NAMES, False), (SHORT_NAMES, False), (INITIALS, False), (INITIALS, True)):
        content = Content.assemble(_marks(mode, names, " ", joined=joined), note)  # the note on suggestions goes
        if content.cell_length <= width:
            return content
    for count in range(len(SPAN_KINDS) - 1, 0, -1):  # too narrow for every kind: those that fit, named
        content = Content.assemble(_marks(mode, INITIALS, " ", SPAN_KINDS[:count], joined=True), (" …", "$text-muted"), note)
        if content.cell_length <= width or count == 1:
            return content
    raise AssertionError("unreachable")


class Legend(Widget):
    """One row: ■ Person  ■ Org  ■ Place  ■ Date  ■ Figure, fitted to its width."""

    mode: reactive[str] = reactive("all")
    suggested: reactive[int] = reactive(0)
    """How many annotations of a draft are suggestions (the legend says how they are drawn)."""

    def render(self) -> Content:
        return legend(self.mode, self.content_region.width or self.app.size.width, self.suggested)
