"""`reader export PATH`: a resolved article as JSON (displaCy-compatible sections) or readable Markdown."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from reader.cli.output import print_problems
from reader.model.article import LABELS, Accord, Article, Location
from reader.model.problems import Problem, ProblemsError
from reader.text.safe import visible


def _where(article: Article, location: Location) -> dict[str, Any]:
    section = article.sections[location.section]
    offset = section.offset(location.paragraph)
    return {"section": section.id, "start": offset + location.start, "end": offset + location.end}


def _accord(article: Article, accord: Accord) -> dict[str, Any]:
    return {
        "id": accord.id,
        "number": accord.number,
        "title": accord.title,
        "parties": list(accord.parties),
        "counterparts": list(accord.counterparts),
        "domains": list(accord.domains),
        "summary": accord.summary,
        "provisions": list(accord.provisions),
        "anchor": _where(article, accord.anchor),
        "draft": accord.draft,
    }


def to_data(article: Article) -> dict[str, Any]:
    """The resolved article as plain data; each section is valid displaCy manual input."""
    sections = []
    for section in article.sections:
        text = section.text
        spans = []
        for index, paragraph in enumerate(section.paragraphs):
            offset = section.offset(index)
            for m in paragraph.mentions:
                start, end = offset + m.start, offset + m.end
                spans.append({"start": start, "end": end, "label": LABELS[m.kind], "id": m.ref, "text": text[start:end]})
        sections.append({
            "id": section.id,
            "kind": section.kind,
            "title": section.heading,
            "text": text,
            "ents": [{"start": s["start"], "end": s["end"], "label": s["label"]} for s in spans],
            "spans": spans,
        })
    counts = article.mentions_by_ref
    return {
        "id": article.id,
        "title": article.title,
        "summary": article.summary,
        "language": article.language,
        "published": article.published,
        "source": {"agency": article.source.agency, "name": article.source.name, "code": article.source.code, "url": article.source.url},
        **article.extra,
        "sections": sections,
        "accords": [_accord(article, a) for a in article.numbered_accords],
        "dossiers": [_accord(article, a) for a in article.dossiers],
        "entities": [
            {"id": e.id, "type": e.type, "name": e.name, "description": e.description, "aliases": list(e.aliases),
             "mentions": len(counts.get(e.id, ())), "draft": e.draft}
            for e in article.entities
        ],
        "dates": [{"id": d.id, "quote": d.quote, "value": d.value, "about": d.about, "draft": d.draft, **_where(article, d.location)} for d in article.dates],
        "figures": [
            {"id": f.id, "quote": f.quote, "value": f.value, "unit": f.unit, "qualifier": f.qualifier, "about": f.about, "draft": f.draft, **_where(article, f.location)}
            for f in article.figures
        ],
    }


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def to_json(article: Article) -> str:
    """JSON text; C0 controls are escaped by json, C1 and bidi controls by us, so output is terminal-safe."""
    text = json.dumps(to_data(article), ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_MD_MARKS = {"person": ("**", "**"), "org": ("**", "**"), "place": ("**", "**"), "date": ("_", "_"), "figure": ("`", "`")}


_QUALIFIED = {"exact": "", "lower-bound": "at least ", "upper-bound": "at most ", "approximate": "about "}
"""How a figure's qualifier reads in Markdown, before its value."""


def _code(text: str) -> str:
    """Text for inside a `code span`: a backquote would end it, so it becomes an apostrophe."""
    return visible(text).replace("`", "'")


def _mentions(n: int) -> str:
    return f"{n} mention{'' if n == 1 else 's'}"


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", visible(text))


def to_markdown(article: Article) -> str:
    """A readable annotated version: names in bold, dates in italics, figures as code; the labels in English."""
    lines = [f"# {_md(article.title)}", ""]
    meta = [article.published, article.source.name or article.source.agency, article.source.code]
    lines += [" · ".join(_md(m) for m in meta if m), ""]
    if article.summary:
        lines += [f"> {_md(article.summary)}", ""]
    for section in article.sections:
        lines += [f"## {_md(section.heading)}", ""]
        for paragraph in section.paragraphs:
            out, at = [], 0
            for m in paragraph.mentions:
                left, right = _MD_MARKS[m.kind]
                piece = paragraph.text[m.start:m.end]
                inner = _code(piece) if m.kind == "figure" else _md(piece)
                out += [_md(paragraph.text[at:m.start]), left, inner, right]
                at = m.end
            out.append(_md(paragraph.text[at:]))
            lines += ["".join(out), ""]
    if article.accords:
        lines += ["## Accords", ""]
        for accord in article.accords:
            number = f"{accord.number}. " if accord.number else "Dossier: "
            lines.append(f"- **{number}{_md(accord.title)}** — {_md(accord.summary)}")
            lines += [f"  - {_md(p)}" for p in accord.provisions]
        lines.append("")
    if article.entities:
        lines += ["## Entities", ""]
        counts = article.mentions_by_ref
        lines += [f"- **{_md(e.name)}** ({e.type}, {_mentions(len(counts.get(e.id, ())))}) — {_md(e.description)}"
                  for e in article.entities]
        lines.append("")
    if article.dates or article.figures:
        lines += ["## Dates and figures", ""]
        lines += [f"- _{_md(d.quote)}_ = {d.value} — {_md(d.about)}" for d in article.dates]
        lines += [f"- `{_code(f.quote)}` = {_QUALIFIED[f.qualifier]}{f.value} {_md(f.unit)} — {_md(f.about)}"
                  for f in article.figures]
        lines.append("")
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of `reader export`."""
    parser.description = "Print a resolved article with every span: JSON (displaCy-compatible sections) or Markdown."
    parser.add_argument("path", type=Path, metavar="PATH")
    parser.add_argument("--format", choices=("json", "markdown"), default="json")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print one resolved article as JSON or Markdown."""
    from reader.load.build import load_article

    if not os.path.lexists(args.path):  # a broken link or a loop is there: loading says what is wrong with it
        print_problems([Problem(str(args.path), 0, 0, "no such file")])
        return 2
    if args.path.is_dir():
        print_problems([Problem(str(args.path), 0, 0, "is a folder: reader export takes one article file")])
        return 2
    try:
        article = load_article(args.path, args.max_bytes)
    except ProblemsError as error:
        print_problems(error.problems)
        return 1
    sys.stdout.write((to_json(article) if args.format == "json" else to_markdown(article)) + "\n")
    return 0
