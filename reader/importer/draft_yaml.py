"""The YAML of a draft: scalars that read back verbatim, and the check of a draft by the loader."""

from __future__ import annotations

import datetime as _dt
import json
import re
from typing import Any

from reader.load.build import build_article
from reader.model.problems import Problem, ProblemsError
from reader.model.article import ENTITY_TYPES
from reader.load.schema import ID_PATTERN
from reader.load.yamlsource import parse
from reader.importer.source import STAMP

TYPE_WORDS = {"person": "personne", "org": "organisation", "place": "localité"}
"""The French word for each guessed type, in a placeholder description."""

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff"
                     "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufff9-\ufffb]")
"""Written as escapes: what YAML refuses, and what would turn a terminal's text around (U+202E)."""


def yaml_quote(value: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly this text."""
    out = json.dumps(value, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", out)


def _scalar(value: object) -> str:
    if value is True:
        return "true"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    return text if ID_PATTERN.match(text) and not re.fullmatch(r"[0-9_.e+-]+|y|n|yes|no|on|off|true|false|null", text) else yaml_quote(text)


def flow(fields: dict) -> str:
    return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in fields.items()) + "}"


def validate(yaml_text: str, name: str) -> list[Problem]:
    """What the loader says of a draft (empty when it passes)."""
    try:
        build_article(parse(yaml_text, name), name)
    except ProblemsError as error:
        return list(error.problems)
    return []


def draft_yaml(importer: Any, article_id: str, dates: list, figures: list, accords: list[dict]) -> str:
    """The draft article's YAML: what the importer found (``importer``: its state), every guess marked."""
    q = yaml_quote
    first = next((text for row in importer.section_rows if row[1] != "byline" for text in row[4] if not STAMP.search(text)), "")
    title = importer.headline or " ".join(first.split()[:10]) + (" …" if len(first.split()) > 10 else "")
    if not title.strip():
        title = "Sans titre" if importer.language == "fr" else "Untitled"
    lines = [
        f"# Draft imported by `reader import` on {_dt.date.today().isoformat()}: review everything marked `draft: true`,",
        "# then delete those marks. Paragraphs are the source text verbatim; headings marked draft are its first words.",
        f"# published: {importer.published_how}",
        "format: 1",
        f"id: {article_id}",
        f"title: {q(title)}" + ("" if importer.title else f"  # draft: {importer.headline_how or 'the text' + chr(39) + 's first words'}"),
        f"language: {importer.language}",
        f"published: {q(importer.published.isoformat())}",
        "source:",
        f"  agency: {q(importer.agency)}" + ("" if importer.agency else "  # no agency byline found: fill in, or leave empty")
        + ("  # draft: from the dateline" if importer.agency and not importer.code and importer.agency_how.endswith("dateline") else ""),
    ]
    if importer.dateline:
        d = importer.dateline
        lines.insert(3, f"# dateline: {d.place}" + (f", {d.date}" if d.date else "") + (f" ({d.agency})" if d.agency else "")
                     + ": where the dispatch was written, when (unless --date or a date stamp says) and its agency (unless a byline says)")
    if importer.code:
        lines.append(f"  code: {q(importer.code)}")
    lines += ["", "sections:"]
    for sid, kind, heading, draft, paragraphs, _ in importer.section_rows:
        lines += [f"  - id: {sid}", f"    kind: {kind}" + ("  # draft" if kind not in ("lede", "byline") else ""),
                  f"    heading: {q(heading)}" + ("  # draft: the paragraph's first words" if draft and kind != "byline" else "")]
        lines.append("    paragraphs:")
        lines += [f"      - {q(text)}" for text in paragraphs]
    if accords:
        lines += ["", "accords:"]
        for accord in accords:
            lines += [f"  # {accord['note']}", f"  - id: {accord['id']}", f"    number: {accord['number']}", f"    title: {q(accord['title'])}",
                      f"    parties: [{', '.join(accord['parties'])}]"]
            if accord["counterparts"]:
                lines.append(f"    counterparts: [{', '.join(accord['counterparts'])}]")
            if accord["domains"]:
                lines.append(f"    domains: [{', '.join(q(d) for d in accord['domains'])}]")
            lines += [f"    summary: {q(accord['summary'])}", f"    anchor: {flow(accord['anchor'])}", "    draft: true"]
    if importer.entities:
        lines += ["", "entities:"]
        for e in sorted(importer.entities.values(), key=lambda e: (not e.known, ENTITY_TYPES.index(e.type), e.id)):
            if not e.known:
                lines.append(f"  # to review: {e.type} guessed from {e.cue}")
            description = e.description or (f"À vérifier : {TYPE_WORDS[e.type]} proposée d’après le texte" if importer.language == "fr"
                                             else f"To check: {e.type} proposed from the text")
            lines += [f"  - id: {e.id}", f"    type: {e.type}", f"    name: {q(e.name)}", f"    description: {q(description)}",
                      f"    aliases: [{', '.join(q(a) for a in e.aliases)}]"]
            if not e.known:
                lines.append("    draft: true")
    for key, items in (("dates", dates), ("figures", figures)):
        if not items:
            continue
        lines += ["", f"{key}:"]
        for item_id, fields, found, about in items:
            entry = {"id": item_id, **fields, "value": found.value}
            if key == "figures":
                entry["unit"] = found.unit
                if found.qualifier != "exact":
                    entry["qualifier"] = found.qualifier
            entry["about"] = about
            entry["draft"] = True
            comment = f"  # {found.note}" if found.note else ""
            lines.append(f"  - {flow(entry)}{comment}")
    return "\n".join(lines) + "\n"
