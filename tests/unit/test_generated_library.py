"""The benchmark library generator: an entity's id is its name's, so only articles naming the same entity are linked."""

from __future__ import annotations

from collections import defaultdict

import yaml

from tests.benchmarks.library import RARE, article, entity_id


def entities(count: int) -> list[list[dict]]:
    """The entities of the first ``count`` generated articles, one list per article."""
    return [yaml.safe_load(article(n))["entities"] for n in range(count)]


def test_one_name_one_id_and_one_id_one_name():
    names_of, ids_of = defaultdict(set), defaultdict(set)
    for found in entities(400):
        assert len({e["id"] for e in found}) == len(found)  # unique within the article
        for e in found:
            names_of[e["id"]].add(e["name"])
            ids_of[e["name"]].add(e["id"])
    assert all(len(names) == 1 for names in names_of.values())
    assert all(len(ids) == 1 for ids in ids_of.values())
    assert entity_id("Awa Goïta") == "awa-goita" and entity_id("Saint-Pétersbourg") == "saint-petersbourg"


def test_a_person_is_in_few_articles_not_all():
    articles_of = defaultdict(set)
    for n, found in enumerate(entities(400)):
        for e in found:
            if e["type"] == "person":
                articles_of[e["id"]].add(n)
    busiest = max(len(numbers) for person, numbers in articles_of.items() if not person.endswith(entity_id(RARE)))
    assert busiest < 20  # about 2 people in 576 per article: a handful each, not 399 of 400
    assert len(articles_of) > 300


def test_the_rare_name_is_in_one_article_in_a_hundred():
    with_rare = [n for n, found in enumerate(entities(400)) if any(e["name"].endswith(RARE) for e in found)]
    assert with_rare == [7, 107, 207, 307]
