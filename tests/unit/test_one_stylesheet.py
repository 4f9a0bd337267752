"""One way to style a widget: every rule of the reader lives in reader/ui/reader.tcss, none in a DEFAULT_CSS."""

from __future__ import annotations

import ast
from pathlib import Path

import reader

UI = Path(reader.__file__).parent / "ui"


def _default_css_classes(root: Path = UI) -> list[str]:
    """Every `Class (file:line)` under root whose body sets DEFAULT_CSS."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            for statement in node.body:
                targets = statement.targets if isinstance(statement, ast.Assign) else (
                    [statement.target] if isinstance(statement, (ast.AnnAssign, ast.AugAssign)) else [])
                if any(isinstance(t, ast.Name) and t.id == "DEFAULT_CSS" for t in targets):
                    found.append(f"{node.name} ({path.relative_to(root.parent)}:{statement.lineno})")
    return found


def test_no_widget_or_screen_has_default_css() -> None:
    # the app's stylesheet is parsed once, and a rule there cannot be outranked by one hidden beside a widget
    assert _default_css_classes() == []


def test_the_walk_finds_a_default_css(tmp_path: Path) -> None:
    # the check above must be able to fail: a class that sets DEFAULT_CSS is found
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "odd.py").write_text('class Odd:\n    DEFAULT_CSS = "Odd { height: 1; }"\n', encoding="utf-8")
    assert _default_css_classes(tmp_path / "ui") == ["Odd (ui/odd.py:2)"]


def test_the_stylesheet_styles_what_the_screens_held() -> None:
    # the rules that left the screens and widgets are in the stylesheet, so they still apply
    text = (UI / "reader.tcss").read_text(encoding="utf-8")
    for selector in ("HelpScreen #help-box", "HelpScreen.-help-thin #help-box", "ErrorScreen #error-scroll",
                     "PickerScreen #picker-header", "PickerScreen.-picker-short Header", "Legend, StatusLine"):
        assert selector in text
