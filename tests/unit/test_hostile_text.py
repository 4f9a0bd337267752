"""Hostile text inside articles: escape sequences, controls, bidi, wide and endless lines, markup.

The article is written in YAML with double-quoted escapes (``"\\e]52;c;ZXZpbA==\\a"``), as an
attacker would. In the app, what would be written to the terminal is rendered from the
compositor and searched for anything but the reader's own SGR styling and cursor moves.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.load.build import load_article
from tests.apphelpers import make_app, press, screen_rows, terminal_output

MINIMAL = Path(__file__).parents[1] / "data" / "articles" / "minimal.yaml"

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


@pytest.fixture
def article_path(tmp_path: Path) -> Path:
    return hostile_article(tmp_path / "hostile.yaml")


# --- helpers for what reaches the terminal ---------------------------------------------------

OWN_SEQUENCES = re.compile(r"\x1b\[[0-9;]*[mHABCDGJK]|\x1b\[\?[0-9;]*[hl]")
"""What Rich and Textual write themselves: SGR styling, cursor moves."""
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")




def assert_nothing_raw(app) -> None:
    """Only the reader's own styling sequences reach the terminal; rows never overflow."""
    output = OWN_SEQUENCES.sub("", terminal_output(app)).replace("\r", "").replace("\n", "")
    bad = FORBIDDEN.search(output)
    assert bad is None, f"raw {bad.group()!r} would reach the terminal: …{output[max(0, bad.start() - 40):bad.end() + 40]!r}…"
    width = app.size[0]
    for y, row in enumerate(screen_rows(app)):
        assert cell_len(row) <= width, f"row {y} is {cell_len(row)} cells wide on a {width}-cell screen"


# --- the app ---------------------------------------------------------------------------------


async def test_hostile_text_never_reaches_the_terminal_raw(article_path):
    app = make_app(article_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.screen.view
        seen = []
        # every page from the top to the end of the hostile paragraphs, then the last page
        last = view.row_of(_location(view.article, "markup")) + view.size.height
        page = view.scrollable_content_region.height
        for top in [*range(0, last, page), view.virtual_size.height]:
            view.scroll_to(y=top, animate=False, immediate=True)
            await pilot.pause()
            assert_nothing_raw(app)
            seen += screen_rows(app)
        shown = "\n".join(seen)
        for escaped in ("\\x1b]52;c;ZXZpbA==\\x07", "\\x1b]0;pwned-title\\x07", "\\x1b[2J", "\\x9b2J", "\\u202eevil",
                        "\\x1b]8;;https://evil.example/\\x1b\\click me", "\\x07\\x07\\x07"):
            assert escaped in shown, f"{escaped!r} not shown"
        for size in ((20, 6), (300, 100)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert_nothing_raw(app)


async def test_markup_shows_literally_everywhere(article_path):
    app = make_app(article_path)
    async with app.run_test(size=(260, 60)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.view.go_to(_location(screen.article, "markup"), context=0)
        await pilot.pause()
        if not screen.inspector.display:
            await press(pilot, "i")
        shown = "\n".join(screen_rows(app))
        # the view (the paragraph wraps at 80 cells)
        assert "Markup [bold]x[/] [/] [link=https://evil.example]y[/link] $accent $variable [AP]" in shown
        assert "[@click=app.quit]q[/] done." in shown
        # the header: title and source
        assert "[bold]Mali[/] [link=x]y[/link] $accent \\x1b]0;t\\x07" in shown
        assert "[AP] $text \\x1b[5m" in shown
        # the sidebar and the inspector: the accord's title
        assert shown.count("[red]Accord[/] $primary [/]") >= 2, shown
        # the sidebar: entity names and the section heading
        assert "[i]Moscou[/i] $x" in shown and "[bold]Heading[/] $accent \\x1b]0;head\\x07" in shown
        # the inspector on an entity
        moscou = next(e for e in screen.article.entities if e.id == "moscou")
        screen.inspector.show(moscou)
        await pilot.pause()
        shown = "\n".join(screen_rows(app))
        assert "[b]Capitale[/b] \\x1b]52;c;eA==\\x07" in shown
        assert_nothing_raw(app)
        # the help screen draws over it, and closes
        await press(pilot, "question_mark")
        assert "Keys" in "\n".join(screen_rows(app))
        assert_nothing_raw(app)


async def test_markup_and_escapes_on_the_error_screen(tmp_path):
    bad = tmp_path / "[bold]evil[b] $accent \x1b]0;x\x07.yaml"  # no "/" in a file name
    bad.write_text('id: x\n"[red]key[/] $accent \\e]52;c;eA==\\a": 1\n', encoding="utf-8")
    app = make_app(bad)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        shown = "\n".join(screen_rows(app))
        assert "[bold]evil[b] $accent \\x1b]0;x\\x07.yaml could not be opened" in shown
        assert "unknown key '[red]key[/] $accent \\x1b]52;c;eA==\\x07'" in shown
        assert_nothing_raw(app)


def _location(article, key: str):
    """Where a hostile paragraph starts."""
    from reader.model.article import Location

    s = next(i for i, sec in enumerate(article.sections) if sec.id == "hostile")
    p = list(HOSTILE_PARAGRAPHS).index(key)
    return Location(s, p, 0, 0)


async def test_highlights_stay_aligned_on_wide_characters(article_path):
    app = make_app(article_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        view = app.screen.view
        view.go_to(_location(view.article, "wide"), context=0)
        await pilot.pause()
        row = next(y for y in range(view.scrollable_content_region.height) if "北京" in view.render_line(y).text)
        strip = view.render_line(row)
        text = strip.text
        styled_cells: list[int] = []  # places are underlined (the cue that survives NO_COLOR)
        at = 0
        for segment in strip:
            width = cell_len(segment.text)
            if segment.style is not None and segment.style.underline:
                styled_cells += range(at, at + width)
            at += width
        # each "Moscou" is styled on exactly its own cells, after double-width CJK and emoji
        expected: list[int] = []
        start = 0
        while (index := text.find("Moscou", start)) >= 0:
            first = cell_len(text[:index])
            expected += range(first, first + len("Moscou"))
            start = index + 1
        assert len(expected) == 12, text
        assert styled_cells == expected, (text, styled_cells, expected)
        assert strip.cell_length == view.scrollable_content_region.width


async def test_endless_lines_and_combining_stacks_keep_the_layout(article_path):
    app = make_app(article_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.view
        for key in ("combining", "wide"):
            view.go_to(_location(view.article, key), context=0)
            await pilot.pause()
            assert_nothing_raw(app)
        await press(pilot, "G")
        assert_nothing_raw(app)
        for y in range(view.scrollable_content_region.height):
            assert view.render_line(y).cell_length == view.scrollable_content_region.width


# --- the command line, piped -----------------------------------------------------------------


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, timeout=60)


def _assert_plain(output: bytes) -> str:
    text = output.decode("utf-8")
    bad = FORBIDDEN.search(text.replace("\n", "").replace("\t", ""))
    assert bad is None, f"raw {bad.group()!r} in piped output: {text[max(0, bad.start() - 40):bad.end() + 40]!r}"
    assert "Traceback" not in text
    return text


def test_the_hostile_article_loads_verbatim(article_path):
    article = load_article(article_path)
    paragraphs = next(s for s in article.sections if s.id == "hostile").paragraphs
    assert "\x1b]52;c;ZXZpbA==\x07" in paragraphs[2].text
    assert paragraphs[-1].text == LONG_TOKEN and len(paragraphs[-2].text) == 100_000


def test_check_export_and_search_are_plain_when_piped(article_path, tmp_path):
    check = _run("check", str(article_path))
    assert check.returncode == 0
    _assert_plain(check.stdout + check.stderr)
    for fmt in ("json", "markdown"):
        export = _run("export", "--format", fmt, str(article_path))
        assert export.returncode == 0, export.stderr
        text = _assert_plain(export.stdout + export.stderr)
        assert "[bold]x[/]" in text.replace("\\[", "[").replace("\\]", "]")
        if fmt == "json":
            data = json.loads(text)
            assert any("\x1b]52;c;ZXZpbA==\x07" in s["text"] for s in data["sections"])  # escaped in JSON, exact once read
    for query in ("pwned", "ZXZpbA", "evil", "Moscou", "[bold]"):
        found = _run("search", query, str(article_path))
        assert found.returncode == 0, (query, found.stderr)
        text = _assert_plain(found.stdout + found.stderr)
        assert text.strip()
    found = _run("search", "--json", "ZXZpbA", str(article_path))
    _assert_plain(found.stdout)
    bad = tmp_path / "bad\x1b]0;x\x07.yaml"
    bad.write_text('id: x\n"\\e[2J\\u202e": 1\n', encoding="utf-8")
    for args in (("check", str(bad)), ("export", str(bad)), ("search", "x", str(bad))):
        run = _run(*args)
        assert run.returncode in (1, 2), (args, run.stderr)
        _assert_plain(run.stdout + run.stderr)
