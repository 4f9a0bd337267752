"""The architecture's rules, checked on the source: Textual only in ui, no import cycles, no private
Textual API, no widget reaching up into the app, every module documented and of a readable size."""

from __future__ import annotations

import ast
import importlib
import inspect
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.paths import ROOT
PACKAGE = ROOT / "reader"
UI = "reader.ui"
SOFT_LIMIT = 400  # lines: a module over it is listed (a warning), for the team to split
HARD_LIMIT = 600  # lines: a module over it fails


@dataclass
class Module:
    """One module of reader/: its name, file, syntax tree and everything it imports."""

    name: str
    path: Path
    tree: ast.Module
    is_package: bool
    imports: list[tuple[str, int]] = field(default_factory=list)  # (module imported, line)


def module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def imported_names(module: Module) -> list[tuple[str, int]]:
    """Every module named by an import anywhere in the file: top level, in functions, under TYPE_CHECKING.

    `from a.b import c` names `a.b` and, when `a.b.c` is a module of ours, `a.b.c` too."""
    found: list[tuple[str, int]] = []
    package = module.name if module.is_package else module.name.rpartition(".")[0]
    for node in ast.walk(module.tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((target, node.lineno))
            found += [(f"{target}.{alias.name}", node.lineno) for alias in node.names]
    return found


def load_modules() -> dict[str, Module]:
    modules: dict[str, Module] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name, is_package = module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        modules[name] = Module(name, path, tree, is_package)
    for module in modules.values():
        module.imports = imported_names(module)
    return modules


MODULES = load_modules()


def where(module: Module, line: int) -> str:
    return f"{module.path.relative_to(ROOT)}:{line}"


def in_ui(name: str) -> bool:
    return name == UI or name.startswith(UI + ".")


def is_textual(name: str) -> bool:
    return name == "textual" or name.startswith("textual.")


def internal_edges() -> dict[str, dict[str, int]]:
    """module -> {module of ours that one of its imports names: the line}."""
    graph: dict[str, dict[str, int]] = {name: {} for name in MODULES}
    for module in MODULES.values():
        for target, line in module.imports:
            if target not in MODULES or target == module.name:
                continue
            graph[module.name].setdefault(target, line)
    return graph


def find_cycle(graph: dict[str, dict[str, int]]) -> list[str] | None:
    """One cycle of the graph as a path [a, b, ..., a], or None."""
    colour = dict.fromkeys(graph, 0)  # 0 unseen, 1 on the path, 2 done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        colour[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if colour[nxt] == 1:
                return path[path.index(nxt):] + [nxt]
            if colour[nxt] == 0 and (cycle := visit(nxt)):
                return cycle
        path.pop()
        colour[node] = 2
        return None

    for start in sorted(graph):
        if colour[start] == 0 and (cycle := visit(start)):
            return cycle
    return None


# --- the checkers are tested on small sources first, so a rule that can never fail shows up here ---


def fake_modules(sources: dict[str, str]) -> dict[str, Module]:
    made = {}
    for name, source in sources.items():
        module = Module(name, ROOT / (name.replace(".", "/") + ".py"), ast.parse(source), False)
        module.imports = imported_names(module)
        made[name] = module
    return made


def test_imports_are_found_in_functions_type_checking_and_relative_forms():
    module = fake_modules({"reader.load.build": (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from reader.ui.app import ReaderApp\n"
        "def f():\n    import textual.widgets\n"
        "from ..text import fold\n"
        "from . import files\n"
    )})["reader.load.build"]
    names = {name for name, _ in module.imports}
    assert {"reader.ui.app", "textual.widgets", "reader.text", "reader.text.fold", "reader.load.files"} <= names


def test_a_cycle_is_found_and_named():
    assert find_cycle({"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b": 1}, "b": {}, "c": {"a": 1}}) is None


# --- rule 1: only reader/ui imports Textual ---


def test_nothing_outside_ui_imports_textual():
    offenders = [
        f"{where(module, line)}: {module.name} imports {target}"
        for module in MODULES.values() if not in_ui(module.name)
        for target, line in module.imports if is_textual(target)
    ]
    assert not offenders, "Textual imported outside reader/ui:\n" + "\n".join(offenders)


# --- rule 2: no import cycles ---


def test_no_import_cycles_type_checking_imports_included():
    graph = internal_edges()
    cycle = find_cycle(graph)
    if cycle:
        steps = [f"{a} -> {b} ({where(MODULES[a], graph[a][b])})" for a, b in zip(cycle, cycle[1:])]
        pytest.fail("import cycle:\n" + "\n".join(steps))


# Dependencies point down: a module may import its own package and those of a lower rank, never a higher one.
# Packages of one rank are peers (load, library and search use each other's parts; the cycle test keeps that sane).
RANK = {
    "reader.model": 0,
    "reader.text": 1,
    "reader.load": 2,
    "reader.library": 3, "reader.search": 3, "reader.settings": 3,
    "reader.importer": 4, "reader.feeds": 4,
    "reader.ui": 5,
    "reader.cli": 6,
}


def layer(name: str) -> str:
    return ".".join(name.split(".")[:2])


def test_every_package_has_a_rank():
    packages = {layer(name) for name, module in MODULES.items() if module.is_package and name != "reader"}
    assert packages <= set(RANK), f"give these packages a rank: {sorted(packages - set(RANK))}"


def test_dependencies_point_down():
    offenders = []
    for module in MODULES.values():
        rank = RANK.get(layer(module.name))
        if rank is None:  # reader/__init__ and __main__ sit above everything
            continue
        for target, line in module.imports:
            if target in MODULES and layer(target) in RANK and RANK[layer(target)] > rank:
                offenders.append(f"{where(module, line)}: {module.name} imports {target}")
    assert not offenders, "a lower layer imports a higher one:\n" + "\n".join(sorted(set(offenders)))


# --- rule 3: no private Textual API in reader/ ---


def textual_names(tree: ast.Module) -> set[str]:
    """Names a module binds to something imported from Textual."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and is_textual(node.module) and not node.level:
            names |= {alias.asname or alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names if is_textual(alias.name)}
    return names


def is_private(attr: str) -> bool:
    return attr.startswith("_") and not (attr.startswith("__") and attr.endswith("__"))


def reaches_textual(node: ast.expr, names: set[str]) -> bool:
    """Whether an expression is a Textual object by its spelling: a Textual name, `self.app`,
    `self.screen`, `app`/`screen`, `super()` in a Textual subclass, or an attribute of one of those."""
    while isinstance(node, ast.Attribute):
        if isinstance(node.value, ast.Name) and node.value.id == "self" and node.attr in {"app", "screen"}:
            return True
        node = node.value
    if isinstance(node, ast.Name):
        return node.id in names or node.id in {"app", "screen"}
    return False


def private_attribute_uses(tree: ast.Module, path: Path) -> list[str]:
    names = textual_names(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr) and reaches_textual(node.value, names):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: .{node.attr} on {ast.unparse(node.value)}")
    return found


def test_private_attribute_check_catches_the_usual_forms():
    tree = ast.parse(
        "from textual.app import App\n"
        "class W:\n"
        "    def f(self, app):\n"
        "        self.app._notifications\n"
        "        self.screen._compositor.x\n"
        "        App._css_has_errors\n"
        "        app._background_screens\n"
        "        self._mine\n"
        "        self.app.__class__\n"
    )
    found = sorted(private_attribute_uses(tree, ROOT / "x.py"), key=lambda line: int(line.split(":")[1]))
    assert [line.split(": ", 1)[1] for line in found] == [
        "._notifications on self.app",
        "._compositor on self.screen",
        "._css_has_errors on App",
        "._background_screens on app",
    ]


def test_no_textual_css_internals_are_imported():
    offenders = [
        f"{where(module, line)}: {target}"
        for module in MODULES.values()
        for target, line in module.imports if target == "textual.css" or target.startswith("textual.css.")
    ]
    assert not offenders, "textual.css is Textual's internals:\n" + "\n".join(offenders)


def test_no_private_attribute_of_a_textual_object_is_used():
    offenders = [line for module in MODULES.values() for line in private_attribute_uses(module.tree, module.path)]
    assert not offenders, "private Textual attributes used:\n" + "\n".join(offenders)


def textual_private_overrides(module_name: str) -> list[str]:
    """Methods named `_x` that a class of the module defines and that a Textual base class already has."""
    module = importlib.import_module(module_name)
    found = []
    for node in ast.walk(MODULES[module_name].tree):
        if not isinstance(node, ast.ClassDef):
            continue
        cls = getattr(module, node.name, None)
        if not inspect.isclass(cls):
            continue
        textual_bases = [base for base in cls.__mro__[1:] if is_textual(base.__module__)]
        for item in node.body:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and is_private(item.name):
                owners = [base for base in textual_bases if item.name in vars(base)]
                if owners:
                    found.append(f"{where(MODULES[module_name], item.lineno)}: {node.name}.{item.name} overrides "
                                 f"{owners[0].__module__}.{owners[0].__qualname__}.{item.name}")
    return found


def test_no_underscore_method_of_a_textual_class_is_overridden():
    offenders = [line for name in sorted(MODULES) if in_ui(name) for line in textual_private_overrides(name)]
    assert not offenders, "private Textual methods overridden:\n" + "\n".join(offenders)


def test_the_override_check_sees_an_override(tmp_path, monkeypatch):
    """The check above means something: a widget defining `_on_key` is caught."""
    source = "from textual.widgets import Input\n\nclass Bad(Input):\n    async def _on_key(self, event):\n        pass\n"
    (tmp_path / "bad_widget_for_rule.py").write_text(source, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    saved = dict(MODULES)
    try:
        MODULES["bad_widget_for_rule"] = Module("bad_widget_for_rule", ROOT / "bad_widget_for_rule.py",
                                                ast.parse(source), False)
        [found] = textual_private_overrides("bad_widget_for_rule")
        assert found.startswith("bad_widget_for_rule.py:4: Bad._on_key overrides textual.")
    finally:
        MODULES.clear()
        MODULES.update(saved)


# --- rule 4: attributes down, messages up: no widget reaches into the app ---


def getattr_on_app(tree: ast.Module, path: Path) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr" and node.args:
            target = node.args[0]
            while (isinstance(target, ast.Call) and isinstance(target.func, ast.Name) and target.func.id == "getattr"
                   and target.args):
                target = target.args[0]
            spelled = ast.unparse(target)
            line = f"{path.relative_to(ROOT)}:{node.lineno}"
            if (spelled == "self.app" or spelled.startswith("self.app.")) and not any(f.startswith(line + ":") for f in found):
                found.append(f"{line}: {ast.unparse(node)}")  # a nested getattr is told once
    return found


def test_the_getattr_check_sees_both_forms():
    tree = ast.parse("getattr(self.app, 'x', None)\ngetattr(getattr(self.app, 's', None), 'h', None)\n"
                     "getattr(self, 'x')\n")
    assert [found.split(": ")[0] for found in getattr_on_app(tree, ROOT / "x.py")] == ["x.py:1", "x.py:2"]


def test_no_widget_or_screen_reaches_into_the_app_with_getattr():
    offenders = [line for name, module in sorted(MODULES.items()) if in_ui(name)
                 for line in getattr_on_app(module.tree, module.path)]
    assert not offenders, "attributes down, messages up; these reach up:\n" + "\n".join(offenders)


# --- rule 5: modules documented in one line, and of a readable size ---


def test_every_module_has_a_one_line_summary_docstring():
    offenders = []
    for module in MODULES.values():
        doc = ast.get_docstring(module.tree)
        if not doc or not doc.strip():
            offenders.append(f"{module.path.relative_to(ROOT)}: no docstring")
            continue
        summary = doc.strip().split("\n\n")[0]
        if "\n" in summary:
            offenders.append(f"{module.path.relative_to(ROOT)}: the summary runs over {summary.count(chr(10)) + 1} lines")
    assert not offenders, "each module says what it holds in one line:\n" + "\n".join(offenders)


def test_module_sizes():
    """Modules over the soft limit are listed (a warning); one over the hard limit fails."""
    sizes = {module.path.relative_to(ROOT): len(module.path.read_text(encoding="utf-8").splitlines())
             for module in MODULES.values()}
    over = sorted((lines, str(path)) for path, lines in sizes.items() if lines > SOFT_LIMIT)
    if over:
        warnings.warn(f"modules over {SOFT_LIMIT} lines: " + ", ".join(f"{p} ({n})" for n, p in reversed(over)),
                      stacklevel=1)
    too_big = [f"{p} ({n} lines)" for n, p in over if n > HARD_LIMIT]
    assert not too_big, f"modules over {HARD_LIMIT} lines: " + ", ".join(too_big)
