"""Hostile text inside articles: escape sequences, controls, bidi, wide and endless lines, markup.

The article (tests/hostile.py) is written in YAML with double-quoted escapes, as an attacker would.
Here: it loads verbatim, and the commands print it plainly when piped. The app's side is in
tests/app/test_hostile_text.py, the real terminal's in tests/e2e/test_hostile.py.
"""

from __future__ import annotations

import json
import subprocess
import sys

from reader.load.build import load_article
from tests.hostile import FORBIDDEN, LONG_TOKEN

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
