"""Generate large articles in the project's own format (sections, 50 accords, entities, dates, figures).

The text is French-like filler built from a fixed vocabulary, with an entity alias about every
fifteen words, a date and a figure quoted in every section, and the typography real dispatches
have (’, « », non-breaking spaces before : and %). Deterministic for a given size and seed.

Run ``python -m tests.benchmarks.generate SIZE_BYTES OUT.yaml`` to write one file.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

SIZES = {"100 KB": 100_000, "1 MB": 1_000_000, "10 MB": 10_000_000}
"""The sizes the benchmark measures, by label."""
ACCORDS = 50
"""Numbered accords in every generated article."""

_WORDS = (
    "la coopération entre les deux pays porte sur des domaines variés comme l’énergie le commerce "
    "la sécurité et la formation des cadres selon les autorités le projet doit renforcer les échanges "
    "économiques et favoriser l’investissement dans les infrastructures publiques de transport d’eau "
    "potable et d’électricité rurale tandis que les partenaires évoquent une coopération durable "
    "fondée sur le respect mutuel la souveraineté nationale et le développement des filières agricoles "
    "minières industrielles ou technologiques pour les populations concernées dans un contexte régional "
    "marqué par des tensions persistantes une inflation élevée et des besoins croissants en financement "
    "le gouvernement a précisé que les études préliminaires seront menées par des équipes mixtes "
    "chargées d’évaluer les coûts les délais et les risques avant toute décision définitive du conseil "
    "des ministres qui s’est réuni mercredi sous la présidence du chef de l’État"
).split()
_CONNECTORS = ["Par ailleurs,", "En outre,", "Selon nos informations,", "De son côté,", "Dans ce cadre,", "Toutefois,", "Ainsi,"]
_SYLLABLES = ["ka", "lo", "mi", "da", "ré", "sou", "ba", "té", "ni", "go", "ra", "ké", "di", "ma", "zo", "vi", "lé", "tou", "na", "ïa"]
_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
_UNITS = ["tonnes", "milliards de francs CFA", "kilomètres", "mégawatts", "écoles", "puits", "ingénieurs", "hectares"]
_KINDS = ["body", "context", "background", "analysis", "outlook", "quote"]


def _name(rng: random.Random, used: set[str], syllables: int) -> str:
    """An invented proper name, unique and unlike any filler word."""
    while True:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(syllables)).capitalize()
        if word.lower() not in used and word.lower() not in _WORDS:
            used.add(word.lower())
            return word


def _entities(rng: random.Random, count: int = 60) -> list[dict]:
    used: set[str] = set()
    out = []
    for i in range(count):
        kind = ("person", "org", "place")[i % 3]
        if kind == "person":
            first, last = _name(rng, used, 2), _name(rng, used, 3)
            name = f"{first} {last}"
            aliases = [name, f"le ministre {last}", f"M. {last}"]
        elif kind == "org":
            core = _name(rng, used, 3)
            name = f"Société {core}"
            aliases = [name, f"{core.upper()}-SA"]
        else:
            name = _name(rng, used, 2)
            aliases = [name, f"la région de {name}"] if i % 2 else [name]
        out.append({"id": f"ent-{i + 1}", "type": kind, "name": name, "description": f"Entité générée n° {i + 1}", "aliases": aliases})
    return out


def _sentence(rng: random.Random, words: int, mention: str | None) -> str:
    body = [rng.choice(_WORDS) for _ in range(words)]
    if mention is not None:
        body.insert(rng.randrange(1, words), mention)
    if rng.random() < 0.2:
        at = rng.randrange(1, len(body))
        body[at] = "« " + body[at] + " »"
    text = " ".join(body)
    if rng.random() < 0.3:
        text = rng.choice(_CONNECTORS) + " " + text
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", " ?", "\u00a0: c’est l’essentiel."])


def generate(size: int, seed: int = 6) -> str:
    """A valid article of about ``size`` bytes of UTF-8 YAML."""
    rng = random.Random(seed)
    n_sections = max(ACCORDS + 10, min(1000, size // 10_000 + 60))
    # the accords, entities, dates and figures take about 30 KB plus 300 bytes per section
    per_section = max(1, size - 30_000 - 300 * n_sections) / n_sections
    entities = _entities(rng)
    aliases = [alias for entity in entities for alias in entity["aliases"]]
    accord_sections = sorted(rng.sample(range(1, n_sections - 1), ACCORDS))
    dossier_section = next(s for s in range(n_sections - 1, 0, -1) if s not in accord_sections)
    next_alias = 0
    sections, dates, figures = [], [], []
    for s in range(n_sections):
        sid = f"s{s + 1}"
        paragraphs: list[str] = []
        used = 0
        # one date and one figure per section, unique within it, so a quote's lookup stays local
        year = 1990 + s % 35
        date_quote = f"{1 + s % 28} {_MONTHS[s % 12]} {year}"
        figure_quote = f"{100 + s} {_UNITS[s % len(_UNITS)]}"
        dates.append({"id": f"date-{sid}", "quote": date_quote, "section": sid, "value": f"{year}-{1 + s % 12:02d}-{1 + s % 28:02d}", "about": "date générée"})
        figures.append({"id": f"fig-{sid}", "quote": figure_quote, "section": sid, "value": 100 + s, "unit": _UNITS[s % len(_UNITS)], "about": "chiffre généré"})
        while used < per_section - 300 or not paragraphs:
            sentences = []
            for _ in range(rng.randint(3, 6)):
                if next_alias < len(aliases):  # every alias appears at least once, early on
                    mention = aliases[next_alias]
                    next_alias += 1
                else:
                    mention = rng.choice(aliases)
                sentences.append(_sentence(rng, rng.randint(9, 15), mention))
            paragraph = " ".join(sentences)
            if not paragraphs:
                paragraph = f"Le {date_quote}, {paragraph[0].lower()}{paragraph[1:]} Le montant atteint {figure_quote}."
            paragraphs.append(paragraph)
            used += len(paragraph.encode("utf-8")) + 10
        kind = "accord" if s in accord_sections else "dossier" if s == dossier_section else "lede" if s == 0 else rng.choice(_KINDS)
        heading = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(4, 9))).capitalize()
        sections.append({"id": sid, "kind": kind, "heading": heading, "paragraphs": paragraphs})
    parties = [e["id"] for e in entities if e["type"] != "person"]
    accords = [
        {"id": f"accord-{n}", "number": n, "title": f"Accord de coopération n° {n}", "parties": rng.sample(parties, 2),
         "domains": ["énergie"], "summary": "Accord généré.", "provisions": ["Études", "Formation"], "anchor": {"section": f"s{s + 1}"}}
        for n, s in enumerate(accord_sections, 1)
    ]
    dossier = {"id": "dossier-1", "title": "Dossier connexe", "parties": parties[:1], "summary": "Dossier généré.",
               "anchor": {"section": f"s{dossier_section + 1}"}}
    return _dump({
        "format": 1, "id": f"generated-{size}", "title": "Article généré pour les mesures de performance",
        "summary": "Texte de remplissage à la française.", "language": "fr", "published": "2025-06-23",
        "source": {"agency": "BENCH", "name": "Générateur"}, "sections": sections, "accords": accords,
        "dossiers": [dossier], "entities": entities, "dates": dates, "figures": figures,
    })


def _dump(article: dict) -> str:
    """Block-style YAML, every string double-quoted (JSON strings are YAML), as authors write it."""
    lines = ["# Generated by tests/benchmarks/generate.py"]

    def scalar(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    def flow(value) -> str:
        if isinstance(value, dict):
            return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
        if isinstance(value, list):
            return "[" + ", ".join(flow(v) for v in value) + "]"
        return scalar(value) if isinstance(value, str) else str(value)

    for key, value in article.items():
        if key == "sections":
            lines.append("sections:")
            for section in value:
                lines.append(f"  - id: {scalar(section['id'])}")
                lines.append(f"    kind: {section['kind']}")
                lines.append(f"    heading: {scalar(section['heading'])}")
                lines.append("    paragraphs:")
                lines.extend(f"      - {scalar(p)}" for p in section["paragraphs"])
        elif isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {flow(item)}" for item in value)
        else:
            lines.append(f"{key}: {flow(value)}")
    return "\n".join(lines) + "\n"


def write(size: int, folder: Path) -> Path:
    """Write the article of about ``size`` bytes into ``folder``; its path."""
    path = folder / f"generated-{size}.yaml"
    path.write_text(generate(size), encoding="utf-8")
    return path


USAGE = "usage: python -m tests.benchmarks.generate SIZE OUT.yaml\n  write an article of about SIZE bytes (e.g. 10000000) to OUT.yaml"
"""What the command line says for --help, or when its arguments are not a size and a file."""


def main(argv: list[str]) -> int:
    """The command line: SIZE and the file to write; the exit status (2 with the usage when the arguments are wrong)."""
    if any(arg in ("-h", "--help") for arg in argv):
        print(USAGE)
        return 0
    if len(argv) != 2 or not argv[0].isdigit():
        print(USAGE, file=sys.stderr)
        return 2
    try:
        Path(argv[1]).write_text(generate(int(argv[0])), encoding="utf-8")
    except OSError as error:
        print(f"python -m tests.benchmarks.generate: cannot write {argv[1]}: {error.strerror or error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    from tests.benchmarks.command import run_command

    run_command(lambda: main(sys.argv[1:]))
