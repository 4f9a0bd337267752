"""A hostile article (escape sequences, controls, bidi, wide and endless lines, markup) shared by the
unit, app and end-to-end tests, and the patterns that tell raw terminal sequences from the reader's own."""

from __future__ import annotations

import re
from pathlib import Path

from tests.paths import MINIMAL

HOSTILE_PARAGRAPHS = {
    "csi": r"Clear \e[2J\e[H\e[31mred\e[0m \e[?1049l\e[?25l\e[6n cursor games.",
    "osc8": r"A link \e]8;;https://evil.example/\e\\click me\e]8;;\e\\ ends.",
    "osc52": r"Clipboard \e]52;c;ZXZpbA==\a written.",
    "title": r"Title \e]0;pwned-title\a and \e]2;pwned-two\e\\ changed.",
    "c0c1": r"Controls \x01\x02\b\v\f\r\x7f C1 \x85\x90\x9b2J\x9d0;c1-title\x9c end.",
    "bell": r"Bell \a\a\a rings.",
    "bidi": r"Bidi \u202eevil txt\u202c and \u2066isolate\u2069 and \u200fmark.",
    "zero": r"Zero\u200bwidth\u200c\u200d\u2060\ufeff joiners.",
    "combining": "Stack e" + r"\u0301" * 200 + " done.",
    "wide": r"北京和東京の会議 Moscou 👩‍👩‍👧 🇲🇱🇷🇺 全角テキスト Moscou fin.",
    "markup": r"Markup [bold]x[/] [/] [link=https://evil.example]y[/link] $accent $variable [AP] [@click=app.quit]q[/] done.",
}
LONG_WORDS = "mot " * 25_000  # a 100,000-character line of words
LONG_TOKEN = "x" * 100_000  # and one with no break at all


def hostile_article(path: Path) -> Path:
    """minimal.yaml plus a section of hostile paragraphs, and markup in every editorial field."""
    text = MINIMAL.read_text(encoding="utf-8")
    section = ["  - id: hostile", "    kind: body", '    heading: "[bold]Heading[/] $accent \\e]0;head\\a"', "    paragraphs:"]
    section += [f'      - "{p}"' for p in HOSTILE_PARAGRAPHS.values()]
    section += [f'      - "{LONG_WORDS}"', f'      - "{LONG_TOKEN}"']
    text = text.replace("accords:\n", "\n".join(section) + "\naccords:\n", 1)
    text = text.replace('title: "Mali–Russie : un accord"', 'title: "[bold]Mali[/] [link=x]y[/link] $accent \\e]0;t\\a"')
    text = text.replace("title: Nucléaire civil", 'title: "[red]Accord[/] $primary [/]"')
    text = text.replace("agency: APA", 'agency: "[AP] $text \\e[5m"')
    text = text.replace('name: Moscou, description: "Capitale"', 'name: "[i]Moscou[/i] $x", description: "[b]Capitale[/b] \\e]52;c;eA==\\a"')
    path.write_text(text, encoding="utf-8")
    return path


def hostile_location(article, key: str):
    """Where a hostile paragraph starts."""
    from reader.model.article import Location

    s = next(i for i, sec in enumerate(article.sections) if sec.id == "hostile")
    p = list(HOSTILE_PARAGRAPHS).index(key)
    return Location(s, p, 0, 0)


OWN_SEQUENCES = re.compile(r"\x1b\[[0-9;]*[mHABCDGJK]|\x1b\[\?[0-9;]*[hl]")
"""What Rich and Textual write themselves: SGR styling, cursor moves."""
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
