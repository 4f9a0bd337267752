"""The index's lean build: an article kept without its entity mentions is exactly a load's once they are found again."""

from __future__ import annotations

from pathlib import Path

import pytest

import reader.load.build as build
from reader.load.build import build_article_folded, build_article_lean
from reader.load.lean import with_entity_mentions, without_entity_mentions
from reader.load.yamlsource import parse
from reader.model.problems import ProblemsError
from reader.text.spans import Annotator
from tests.benchmarks.library import article as generated
from tests.paths import BUNDLED, ROOT


def article(paragraphs: list[str], aliases: list[list[str]], quotes: list[str] = ()) -> str:
    """A small article: one entity per alias list, a figure per quote."""
    text = "".join(f"      - {p!r}\n" for p in paragraphs).replace("'", '"') if all("'" not in p for p in paragraphs) else None
    assert text is not None
    entities = "".join(
        f"  - {{id: e{k}, type: person, name: N{k}, description: d, aliases: [{', '.join(repr(a) for a in names)}]}}\n"
        for k, names in enumerate(aliases))
    figures = "".join(f"  - {{id: f{k}, quote: {q!r}, value: 1, unit: u, about: a}}\n" for k, q in enumerate(quotes))
    return (f"format: 1\nid: t\ntitle: T\nlanguage: fr\npublished: \"2025-06-23\"\nsource: {{agency: APA}}\n"
            f"sections:\n  - id: corps\n    kind: body\n    heading: H\n    paragraphs:\n{text}"
            f"entities:\n{entities}" + (f"figures:\n{figures}" if quotes else ""))


def both(text: str, path: str = "a.yaml"):
    """(a load's article or its problems, the lean build found again or its problems)."""
    try:
        full = build_article_folded(parse(text, path, collect=True), path)
    except ProblemsError as error:
        full = [str(p) for p in error.problems]
    try:
        article, folded = build_article_lean(parse(text, path, collect=True), path)
        lean = (with_entity_mentions(article), folded)
    except ProblemsError as error:
        lean = [str(p) for p in error.problems]
    return full, lean


CASES = {
    "plain": (["Goïta parle à Bamako, Goïta signe."], [["Goïta"], ["Bamako"]], []),
    "only inside a longer alias": (["Le Mali du Nord est loin."], [["Mali du Nord"], ["Mali"]], []),
    "inside a longer one and alone": (["Le Mali du Nord et le Mali."], [["Mali du Nord"], ["Mali"]], []),
    "nowhere": (["Rien ici."], [["Goïta"]], []),
    "part of a word only": (["Les Maliens."], [["Mali"]], []),
    "overlapping aliases": (["Assimi Goïta Koné parle."], [["Assimi Goïta"], ["Goïta Koné"]], []),
    "a figure on an alias": (["Mali 2000 hommes."], [["Mali"]], ["Mali 2000"]),
    "a figure next to an alias": (["Mali 2000 hommes, Mali."], [["Mali"]], ["2000"]),
    "ligature (folded the slow way)": (["L œuvre de ﬁnance à Bamako."], [["Bamako"], ["finance"]], []),
    "collapsed spaces": (["Assimi   Goïta parle."], [["Assimi Goïta"]], []),
    "two paragraphs": (["Goïta.", "Bamako et Goïta."], [["Goïta"], ["Bamako"]], ["Bamako"]),
}


@pytest.mark.parametrize("name", CASES)
def test_a_lean_build_is_a_load_once_its_mentions_are_found_again(name: str):
    paragraphs, aliases, quotes = CASES[name]
    full, lean = both(article(paragraphs, aliases, quotes))
    assert lean == full


def test_the_bundled_and_generated_articles_are_a_loads():
    texts = [(BUNDLED.read_text(encoding="utf-8"), str(BUNDLED))]
    for path in sorted((ROOT / "tests" / "data").rglob("*.yaml")):
        try:
            texts.append((path.read_text(encoding="utf-8"), str(path)))
        except UnicodeDecodeError:
            continue  # the hostile corpus's binary files: no article either way
    texts += [(generated(n), f"g{n}.yaml") for n in range(60)]
    for text, path in texts:
        full, lean = both(text, path)
        assert lean == full, path


def test_a_clean_article_is_built_without_the_alias_scan(monkeypatch):
    def refused(*args, **kwargs):
        raise AssertionError("the alias scan ran")

    monkeypatch.setattr(Annotator, "alias_spans", refused)
    text = generated(3)
    lean, _ = build_article_lean(parse(text, "g.yaml", collect=True), "g.yaml")
    assert lean.entities and not [m for m in lean.mentions if m.kind not in ("date", "figure")]
    with pytest.raises(AssertionError):
        build.build_article(parse(text, "g.yaml", collect=True), "g.yaml")


def test_a_loads_article_kept_and_found_again_is_itself():
    full, _ = build_article_folded(parse(BUNDLED.read_text(encoding="utf-8"), "b.yaml", collect=True), "b.yaml")
    kept = without_entity_mentions(full)
    assert len(kept.mentions) < len(full.mentions)
    assert with_entity_mentions(kept) == full
