"""Typed filters decided once per entity and per distinct text find what checking every mention finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.load.build import load_article
from reader.search.engine import ArticleIndex, Match, SearchOptions, parse_query, search
from reader.text.fold import fold
from tests.benchmarks.generate import generate
from tests.paths import BUNDLED


def reference(article, query) -> list[Match]:
    """The filter as first written: every mention of the kind, its own text and its labels folded."""
    entities = article.entities_by_id
    figures = {f.id: f for f in article.figures}
    dates = {d.id: d for d in article.dates}
    out = []

    def folded(text: str) -> str:
        return fold(text, case=query.case, accents=query.accents).text.strip()

    for mention in article.mentions:
        if mention.kind != query.kind:
            continue
        if query.compare is not None:
            if mention.ref in figures:
                f = figures[mention.ref]
                keep = query.kind == "figure" and query.compare.figure_holds(float(f.value), f.unit, f.qualifier)
            else:
                keep = query.kind == "date" and query.compare.date_holds(dates[mention.ref].value)
        elif query.pattern is None:
            keep = True
        else:
            text = article.sections[mention.section].paragraphs[mention.paragraph].text
            labels = [text[mention.start:mention.end]]
            if mention.ref in entities:
                labels += [entities[mention.ref].name, *entities[mention.ref].aliases]
            elif mention.ref in figures:
                labels.append(figures[mention.ref].unit)
            keep = any(query.finds(folded(label)) for label in labels)
        if keep:
            out.append(Match(mention.section, mention.paragraph, mention.start, mention.end, mention.ref))
    return out


def queries(article) -> list[str]:
    out = ["person:", "org:", "place:", "date:", "figure:", "figure:>100", "date:<2024", "date:2025-06",
           "person:zzz", "org:a", "place:é", "figure:%", "figure:tonnes", "date:juin", "date:Juin"]
    for entity in article.entities[:8]:
        last = entity.name.split()[-1]
        out += [f"{entity.type}:{last}", f"{entity.type}:{last.lower()}", f"{entity.type}:{last.upper()}",
                f"{entity.type}:{entity.name[:3]}"]
        out += [f"{entity.type}:{alias}" for alias in entity.aliases[:2]]
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("filters") / "generated.yaml"
    path.write_text(generate(120_000), encoding="utf-8")
    return path


@pytest.mark.parametrize("which", ["bundled", "hostile", "generated"])
def test_filters_find_what_checking_every_mention_finds(which, article_path, generated):
    path = {"bundled": BUNDLED, "hostile": article_path, "generated": generated}[which]
    article = load_article(path)
    index = ArticleIndex(article)
    checked = 0
    for text in queries(article):
        for options in (SearchOptions(), SearchOptions(case=True), SearchOptions(diacritics=True), SearchOptions(regex=True)):
            try:
                query = parse_query(text, options)
            except Exception:  # noqa: BLE001 - a query one option refuses is no comparison
                continue
            assert search(index, query) == reference(article, query), (text, options)
            checked += 1
    assert checked > 40


def test_a_capitalised_name_finds_a_mention_written_in_capitals(tmp_path):
    """Case kept: the mention's own text decides where no alias has the capitals."""
    source = BUNDLED.read_text(encoding="utf-8")
    article = load_article(BUNDLED)
    entity = next(e for e in article.entities if e.type == "person")
    mention = article.mentions_by_ref[entity.id][0]
    text = article.sections[mention.section].paragraphs[mention.paragraph].text[mention.start:mention.end]
    assert text.upper() != text
    path = tmp_path / "caps.yaml"
    path.write_text(source.replace(text, text.upper(), 1), encoding="utf-8")
    capitals = load_article(path)
    query = parse_query(f"person:{text.upper()}", SearchOptions())
    found = search(ArticleIndex(capitals), query)
    assert found and found == reference(capitals, query)
    assert all(m.ref == entity.id for m in found)
