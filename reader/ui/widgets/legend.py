"""The legend above the text: the highlight colour of each kind of span, and whether it is on."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from reader.model.article import SPAN_KINDS

KIND_NAMES = {"person": "Person", "org": "Org", "place": "Place", "date": "Date", "figure": "Figure"}
SHORT_NAMES = {"person": "Pers", "org": "Org", "place": "Pl", "date": "Date", "figure": "Fig"}
INITIALS = {"person": "P", "org": "O", "place": "Pl", "date": "D", "figure": "F"}


def _marks(mode: str, names: dict[str, str] | None, gap: str) -> Content:
    parts: list[tuple[str, str] | str] = []
    for kind in SPAN_KINDS:
        active = mode in ("all", kind)
        style = f"$entity-{kind}" if active else "$text-muted"
        parts.append(("■", style))
        if names is not None:
            parts += [" ", (names[kind], style if active else "$text-muted strike")]
        parts.append(gap)
    return Content.assemble(*parts).rstrip()


def suggested_notes(count: int) -> tuple[Content, ...]:
    """What the legend says of a draft's suggestions (drawn faded), longest first; none when there are none."""
    if not count:
        return (Content(""),)
    return (Content.assemble("  ", ("▪ faded", "dim"), (f" = suggested ({count}), R reviews", "$text-muted")),
            Content.assemble("  ", ("▪", "dim"), (f" {count} suggested (R)", "$text-muted")))


def legend(mode: str, width: int, suggested: int = 0) -> Content:
    """The legend for a highlight mode ('all', one kind, 'off'), as long as fits the width:
    the names, then closer together, then shortened, then initials; the marks alone at the last.
    With `suggested` (a draft's unreviewed annotations), a note says they are drawn faded."""
    off = mode == "off"
    long_note, short_note = ("  (highlights off — press e)", " (off)") if off else ("", "")
    tries = ((KIND_NAMES, "  ", long_note), (KIND_NAMES, " ", long_note), (KIND_NAMES, " ", short_note),
             (SHORT_NAMES, " ", short_note), (INITIALS, " ", short_note))
    for names, gap, note in tries:
        for extra in suggested_notes(suggested):
            content = Content.assemble(_marks(mode, names, gap), (note, "$text-muted"), extra)
            if content.cell_length <= width:
                return content
    return Content.assemble(_marks(mode, None, " "), (short_note, "$text-muted"))


class Legend(Widget):
    """One row: ■ Person  ■ Org  ■ Place  ■ Date  ■ Figure, fitted to its width."""

    mode: reactive[str] = reactive("all")
    suggested: reactive[int] = reactive(0)
    """How many annotations of a draft are suggestions (the legend says how they are drawn)."""

    def render(self) -> Content:
        return legend(self.mode, self.content_region.width or self.app.size.width, self.suggested)
