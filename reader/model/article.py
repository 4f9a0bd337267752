"""The article model: frozen dataclasses shared by search and the UI (no Textual, no YAML)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

ENTITY_TYPES = ("person", "org", "place")
"""The kinds of named entity an article annotates."""
SPAN_KINDS = ENTITY_TYPES + ("date", "figure")
"""Every kind of highlighted span, in legend order."""
LABELS = {"person": "PERSON", "org": "ORG", "place": "PLACE", "date": "DATE", "figure": "FIGURE"}
"""Export labels (as spaCy's displaCy shows them) for each span kind."""
QUALIFIERS = ("exact", "lower-bound", "upper-bound", "approximate")
"""How a figure's value relates to the real quantity ("plus de" is a lower bound)."""
PARAGRAPH_SEPARATOR = "\n\n"
"""How a section's paragraphs join into the section's text (export offsets use it)."""


@dataclass(frozen=True, slots=True)
class Location:
    """A place in the article: a character range of one paragraph of one section."""

    section: int
    paragraph: int
    start: int
    end: int


class Mention(NamedTuple):
    """An annotated span of text: an entity mention, a date or a figure.

    A named tuple rather than a dataclass: a large article holds hundreds of thousands, and
    tuples are built and sorted (by place) several times faster.
    """

    section: int
    paragraph: int
    start: int
    end: int
    kind: str
    """One of SPAN_KINDS."""
    ref: str
    """The id of the entity, date or figure."""

    @property
    def location(self) -> Location:
        return Location(self.section, self.paragraph, self.start, self.end)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of verbatim article text with its annotated spans, in order."""

    text: str
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    """A run of the article's text under an editorial heading."""

    id: str
    kind: str
    heading: str
    """Editorial: written by the annotator, not part of the article's text."""
    paragraphs: tuple[Paragraph, ...]

    @property
    def text(self) -> str:
        """The section's verbatim text, paragraphs separated by a blank line."""
        return PARAGRAPH_SEPARATOR.join(p.text for p in self.paragraphs)

    def offset(self, paragraph: int) -> int:
        """Where a paragraph starts in the section's text."""
        return sum(len(p.text) + len(PARAGRAPH_SEPARATOR) for p in self.paragraphs[:paragraph])


@dataclass(frozen=True, slots=True)
class Source:
    """Who published the article."""

    agency: str
    name: str = ""
    code: str = ""
    """The agency's byline code, e.g. MD/ac/Sf/APA."""
    url: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place the article names."""

    id: str
    type: str
    name: str
    description: str
    aliases: tuple[str, ...]
    """Every alias (names and descriptions): each finds the entity's mentions in this article."""
    draft: bool = False
    """Guessed by `reader import`, not yet reviewed."""
    descriptions: frozenset[str] = frozenset()
    """The aliases that describe rather than name ("Chef de l'Etat malien"): they never link articles."""
    same_as: tuple[str, ...] = ()
    """Ids naming the same entity elsewhere: a Wikidata id (Q...) or article-id/entity-id."""

    @property
    def names(self) -> tuple[str, ...]:
        """The name and the aliases that are names: what links this entity to another article's."""
        return (self.name, *(a for a in self.aliases if a not in self.descriptions))


@dataclass(frozen=True, slots=True)
class Accord:
    """An agreement the article reports (or, with number None, a related dossier)."""

    id: str
    number: int | None
    title: str
    parties: tuple[str, ...]
    """Entity ids of the signatories."""
    counterparts: tuple[str, ...]
    """Entity ids of the bodies that carry it out (e.g. Rosatom)."""
    domains: tuple[str, ...]
    summary: str
    """Editorial one-line summary."""
    provisions: tuple[str, ...]
    anchor: Location
    draft: bool = False

    @property
    def is_dossier(self) -> bool:
        return self.number is None


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date the article gives, with its ISO value (YYYY, YYYY-MM or YYYY-MM-DD)."""

    id: str
    quote: str
    value: str
    about: str
    location: Location
    draft: bool = False


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure the article gives: value, unit, qualifier and what it measures."""

    id: str
    quote: str
    value: float | int
    unit: str
    qualifier: str
    """One of QUALIFIERS."""
    about: str
    location: Location
    draft: bool = False


@dataclass(frozen=True)
class Article:
    """A fully resolved article: verbatim text, annotations and every span derived."""

    id: str
    title: str
    language: str
    published: str
    source: Source
    sections: tuple[Section, ...]
    accords: tuple[Accord, ...]
    """Numbered accords in order, then related dossiers."""
    entities: tuple[Entity, ...]
    dates: tuple[DateRef, ...]
    figures: tuple[Figure, ...]
    summary: str = ""
    path: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    """Further metadata a file may give: author, url, tags."""

    @cached_property
    def entities_by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    @cached_property
    def mentions(self) -> tuple[Mention, ...]:
        """Every span of the article in reading order."""
        return tuple(m for s in self.sections for p in s.paragraphs for m in p.mentions)

    @cached_property
    def mentions_by_ref(self) -> dict[str, tuple[Mention, ...]]:
        out: dict[str, list[Mention]] = {}
        for mention in self.mentions:
            out.setdefault(mention.ref, []).append(mention)
        return {k: tuple(v) for k, v in out.items()}

    @property
    def numbered_accords(self) -> tuple[Accord, ...]:
        return tuple(a for a in self.accords if not a.is_dossier)

    @property
    def dossiers(self) -> tuple[Accord, ...]:
        return tuple(a for a in self.accords if a.is_dossier)

    def section_index(self, section_id: str) -> int | None:
        for index, section in enumerate(self.sections):
            if section.id == section_id:
                return index
        return None

    def accord_at(self, location: Location) -> Accord | None:
        """The accord (or dossier) being read at a location: the one anchored in its section.

        Where a section holds several anchors, the last one at or before the location wins
        (the first one before them all).
        """
        here = [a for a in self.accords if a.anchor.section == location.section]
        if not here:
            return None
        here.sort(key=lambda a: (a.anchor.paragraph, a.anchor.start))
        key = (location.paragraph, location.start)
        current = here[0]
        for accord in here:
            if (accord.anchor.paragraph, accord.anchor.start) <= key:
                current = accord
        return current

    def snippet(self, location: Location, width: int = 60) -> str:
        """A one-line excerpt of text around a location."""
        text = self.sections[location.section].paragraphs[location.paragraph].text
        room = max(0, width - (location.end - location.start))
        # half the room on each side; a side that reaches the edge of the text gives the rest to the other
        end = min(len(text), location.end + room - min(location.start, room // 2))
        start = max(0, location.start - (room - (end - location.end)))
        # whole words at both ends when a space is near (a cut word reads as a typo)
        if start > 0 and not text[start - 1].isspace():
            space = text.find(" ", start, location.start)
            if space != -1 and space - start <= 12:
                start = space + 1
        if end < len(text) and not text[end].isspace():
            space = text.rfind(" ", location.end, end)
            if space != -1 and end - space <= 12:
                end = space
        piece = " ".join(text[start:end].split())
        return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")

    def counts(self) -> dict[str, int]:
        """The figures `reader check` prints for an article."""
        return {
            "sections": len(self.sections),
            "accords": len(self.numbered_accords),
            "dossiers": len(self.dossiers),
            "entities": len(self.entities),
            "mentions": sum(1 for m in self.mentions if m.kind in ENTITY_TYPES),
            "dates": len(self.dates),
            "figures": len(self.figures),
        }
