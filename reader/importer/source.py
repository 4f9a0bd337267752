"""The source of an import: plain text or Markdown split into a title and blocks of paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADING = re.compile(r"\A(#{1,6})\s+(.+?)\s*#*\s*\Z")


@dataclass
class Block:
    """A run of paragraphs under one heading (None: no heading in the source)."""

    heading: str | None
    paragraphs: list[str]


_INLINE = [(re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"), (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
           (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"), (re.compile(r"`([^`]*)`"), r"\1")]


def _plain(text: str) -> str:
    """Markdown inline markup dropped: links keep their text, emphasis its words."""
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return text


def split_text(text: str, markdown: bool) -> tuple[str | None, list[Block]]:
    """(title, blocks): paragraphs are blank-line separated (or one per line when the text has no
    blank line); Markdown headings start blocks and a leading '# ' heading is the title."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = [line.rstrip() for line in text.split("\n")]
    blank_separated = any(not line.strip() for line in lines[1:-1]) and sum(1 for l in lines if l.strip()) > 1
    title: str | None = None
    blocks: list[Block] = [Block(None, [])]
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks[-1].paragraphs.append(" ".join(part.strip() for part in current))
            current.clear()

    for line in lines:
        heading = HEADING.match(line.strip()) if markdown else None
        if heading:
            flush()
            words = _plain(heading.group(2)).strip()
            if len(heading.group(1)) == 1 and title is None and not any(b.paragraphs for b in blocks):
                title = words
            else:
                blocks.append(Block(words, []))
            continue
        if not line.strip():
            flush()
            continue
        if markdown and re.fullmatch(r"\s*(?:[-*_]\s*){3,}", line):
            flush()  # a thematic break
            continue
        current.append(_plain(line) if markdown else line)
        if not blank_separated:
            flush()
    flush()
    blocks = [b for b in blocks if b.paragraphs]
    if not markdown and title is None and blocks:
        # a page's date stamp or source line above the headline ("September 15, 2018 / 9:13 AM") is no title
        lead = 0
        while lead < min(2, len(blocks[0].paragraphs) - 1) and STAMP.search(blocks[0].paragraphs[lead]):
            lead += 1
        first = blocks[0].paragraphs[lead]
        if len(first) <= 120 and not first.rstrip().endswith((".", "!", "?", "»", ":")) and sum(len(b.paragraphs) for b in blocks) > 2 + lead \
                and not dateline(first):  # "Niamey, 14 mars (APA) –" on a line of its own is no headline
            title = first
            blocks[0].paragraphs.pop(lead)
            blocks = [b for b in blocks if b.paragraphs]
    return title, blocks


STAMP = re.compile(r"\A(?=.{0,60}\Z)(?:.*\b[0-9]{1,2}[:h][0-9]{2}\b|.*\b(?:19|20)[0-9]{2}\b|source\s*:|.*\b[0-9]{1,2}/[0-9]{1,2}\b)", re.I)
"""A short line with a time, a year or a day/month, or a "Source:" line: a page's stamp, not its headline."""


DATELINE = re.compile(
    r"\A(?P<place>[A-ZÀ-Þ][\w'’.\-]*(?:[ \u00a0][A-ZÀ-Þ][\w'’.\-]*){0,3})"
    r"(?:[ \u00a0]*,?[ \u00a0]*(?P<date>[^()–—,\n]{0,40}?[0-9][^()–—,\n]{0,20}?))?"
    r"(?:[ \u00a0]*\((?P<agency>[^()\n]{2,40})\))?"
    r"(?:[ \u00a0]*[–—][ \u00a0]*|[ \u00a0]*--?(?:[ \u00a0]+|\Z))(?=\S|\Z)"
)
"""A dateline opening a dispatch: "Niamey, 14 mars 2025 (APA) –", "DAKAR (Reuters) -", "Niamey, 14 mars 2025 -"."""


@dataclass
class Dateline:
    """Where a dispatch was written, when and by whom, as its first words say; ``end``: where its text begins."""

    end: int
    place: str
    date: str
    agency: str


def dateline(paragraph: str) -> Dateline | None:
    """The dateline a paragraph opens with, or None. It needs a date, an agency or a place in capitals
    ("MOSCOW—"): "Le Niger - …" is none. A place in capitals and a date need no dash ("BUENOS AIRES Oct 8 State-…")."""
    from reader.importer.dates import DATELINE as DATED  # dates' month names; imported here, as dates imports nothing of this

    m = DATELINE.match(paragraph)
    if m and (m["date"] or m["agency"] or _capitals(m["place"])):
        return Dateline(m.end(), m["place"], (m["date"] or "").strip(), (m["agency"] or "").strip())
    dated = DATED.match(paragraph)
    place = re.match(r"[^,]*?(?=,?[ \u00a0]+\S+[ \u00a0]+\S+\Z)", dated.group(0)) if dated else None
    if dated and place and _capitals(place.group(0)) and paragraph[dated.end():dated.end() + 1] == " ":
        return Dateline(dated.end() + 1, place.group(0), dated.group(0)[place.end():].strip(" ,"), "")
    return None


def _capitals(place: str) -> bool:
    """A place written in capitals, as a dateline writes it: "DAKAR", "BUENOS AIRES"."""
    letters = [c for c in place if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def first_sentence(text: str, words: int = 14) -> str:
    """A title from a paragraph: its first sentence, cut to a number of words ("…" where it goes on)."""
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Þ«\"“])", text.strip(), maxsplit=1)[0].rstrip(" .")
    parts = sentence.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
