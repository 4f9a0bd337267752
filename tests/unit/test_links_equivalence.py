"""Links through the index equal the links of the whole library read: over random libraries whose entities share ids,
``same_as`` ids, folded names and descriptions, a big library's answers (IndexedLinks) are the small library's (EntityLinks)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.library.links import IndexedLinks, link_articles
from reader.load.build import load_article
from reader.model.problems import ProblemsError
from reader.text.fold import fold_text

NAMES = [["Assimi Goïta", "Goïta", "GOITA"], ["Vladimir Poutine", "Poutine"], ["Vladimir Putin", "Putin"], ["Keïta", "keita"],
         ["Rosatom", "ROSATOM"]]
"""Groups of names: within a group some fold alike (one person's spellings), across groups none do."""
DESCRIPTIONS = ["le président", "la société", "le ministre"]
"""Descriptions, shared across articles: they find mentions but must never link."""
IDS = ["p", "q", "goita", "putin"]
"""Entity ids, shared across articles (the same id links)."""
SAME_AS = ["Q7747", "Q42", "a0/p", "a1/q", "a2/goita", "a0/putin", "a3/p"]
"""``same_as`` ids: Wikidata ids and other articles' ``article-id/entity-id``."""


@st.composite
def entity(draw) -> dict:
    group = draw(st.sampled_from(range(len(NAMES))))
    names = NAMES[group]
    return {
        "id": draw(st.sampled_from(IDS)), "type": draw(st.sampled_from(["person", "org"])), "group": group,
        "name": draw(st.sampled_from(names)),
        "aliases": draw(st.lists(st.sampled_from(names), min_size=1, max_size=2, unique_by=fold_text)),  # one spelling each
        "description": draw(st.one_of(st.none(), st.sampled_from(DESCRIPTIONS))),
        "same_as": draw(st.lists(st.sampled_from(SAME_AS), max_size=2, unique=True)),
    }


article = st.lists(entity(), min_size=1, max_size=3, unique_by=(lambda e: e["id"], lambda e: e["group"]))
"""An article's entities: distinct ids, and names of distinct groups (one alias is never two entities' in one article)."""


def write_library(folder: Path, articles: list[list[dict]]) -> list[Path]:
    """Article ``a{n}`` (published on day n + 1) for each list of entities, every alias said in its text."""
    paths = []
    for n, entities in enumerate(articles):
        lines, said = [], []
        for e in entities:
            aliases = [json.dumps(a, ensure_ascii=False) for a in e["aliases"]]
            said += e["aliases"]
            if e["description"]:
                aliases.append("{description: " + json.dumps(e["description"], ensure_ascii=False) + "}")
                said.append(e["description"])
            same_as = f", same_as: [{', '.join(e['same_as'])}]" if e["same_as"] else ""
            lines.append(f"  - {{id: {e['id']}, type: {e['type']}, name: {json.dumps(e['name'], ensure_ascii=False)}, "
                         f"description: d, aliases: [{', '.join(aliases)}]{same_as}}}")
        text = " ; ".join(f"{word} parle" for word in said)  # each alias alone: never only inside a longer one
        path = folder / f"a{n}.yaml"
        path.write_text(
            f"format: 1\nid: a{n}\ntitle: T{n}\nlanguage: fr\npublished: \"2025-06-{n + 1:02d}\"\nsource: {{agency: APA}}\n"
            f"sections:\n  - id: s\n    kind: body\n    heading: H\n    paragraphs:\n      - {json.dumps(text, ensure_ascii=False)}\n"
            "entities:\n" + "\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def answers(found) -> list[tuple[str, str, bool, int]]:
    """What the inspector shows of links: each other article, its entity, whether by id, how many mentions."""
    return [(f.article.id, f.entity.id, f.by_id, len(f.mentions)) for f in found]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(article, min_size=2, max_size=5))
def test_links_through_the_index_are_the_whole_librarys(articles):
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        root = Path(folder)
        patch.setenv("XDG_CACHE_HOME", str(root / "cache"))  # an index of this library alone
        library = root / "library"
        library.mkdir()
        loaded = []
        for path in write_library(library, articles):
            try:
                loaded.append(load_article(path))
            except ProblemsError:  # listed as broken by both: linked by neither
                pass
        small = link_articles(loaded)
        big = IndexedLinks([library], limit=len(articles))
        try:
            for here in loaded:
                for one in here.entities:
                    assert answers(big.elsewhere(here, one)) == answers(small.elsewhere(here, one)), (here.id, one.id)
        finally:
            big.close()


def test_a_big_library_links_putin_and_poutine_by_same_as_either_way(tmp_path: Path):
    english, french = write_library(tmp_path, [
        [{"id": "putin", "type": "person", "name": "Vladimir Putin", "aliases": ["Putin"], "description": None, "same_as": ["Q7747"]}],
        [{"id": "poutine", "type": "person", "name": "Vladimir Poutine", "aliases": ["Poutine"], "description": None,
          "same_as": ["Q7747"]}],
        [{"id": "chef", "type": "person", "name": "Le chef", "aliases": ["chef"], "description": None, "same_as": ["a0/putin"]}],
    ])[:2]
    links = IndexedLinks([tmp_path])
    en, fr = load_article(english), load_article(french)
    # a shared Wikidata id, and an article-id/entity-id said by the other side only (a2 names a0's putin)
    assert answers(links.elsewhere(en, en.entities[0])) == [("a2", "chef", True, 1), ("a1", "poutine", True, 1)]
    assert answers(links.elsewhere(fr, fr.entities[0])) == [("a0", "putin", True, 1)]
    links.close()
