"""Entity identity across articles: ``same_as`` ids link articles; descriptions never do."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pytest

from reader.importer.draft import import_text
from reader.library.links import EntityLinks
from reader.load.build import load_article
from reader.model.problems import ProblemsError
from tests.paths import BUNDLED


def write(folder: Path, article_id: str, language: str, text: str, entity: str) -> Path:
    path = folder / f"{article_id}.yaml"
    path.write_text(
        f"format: 1\nid: {article_id}\ntitle: T\nlanguage: {language}\npublished: \"2025-06-23\"\nsource: {{agency: APA}}\n"
        f"sections:\n  - id: s\n    kind: body\n    heading: H\n    paragraphs:\n      - \"{text}\"\nentities:\n  - {entity}\n",
        encoding="utf-8",
    )
    return path


def test_a_description_alias_finds_mentions_but_is_marked(tmp_path: Path):
    article = load_article(write(tmp_path, "a", "fr", "Le Chef de l'Etat malien parle.",
                                 "{id: goita, type: person, name: Assimi Goïta, description: d, aliases: [{description: \"Chef de l'Etat malien\"}]}"))
    [entity] = article.entities
    assert entity.descriptions == {"Chef de l'Etat malien"} and entity.names == ("Assimi Goïta",)
    assert [m.ref for m in article.mentions] == ["goita"]


@pytest.mark.parametrize("entity, message", [
    ("{id: p, type: person, name: P, description: d, aliases: [P], same_as: [\"not an id\"]}", "must be a Wikidata id (Q42) or article-id/entity-id"),
    ("{id: p, type: person, name: P, description: d, aliases: [{label: P}]}", "unknown key 'label'"),
])
def test_bad_identity_is_located(tmp_path: Path, entity: str, message: str):
    with pytest.raises(ProblemsError) as caught:
        load_article(write(tmp_path, "a", "fr", "P parle.", entity))
    assert any(message in p.message and p.line == 14 for p in caught.value.problems), caught.value.problems


def test_same_as_links_putin_and_poutine(tmp_path: Path):
    english = load_article(write(tmp_path, "en", "en", "Putin spoke.",
                                 "{id: putin, type: person, name: Vladimir Putin, description: d, aliases: [Putin], same_as: [Q7747]}"))
    french = load_article(write(tmp_path, "fr", "fr", "Poutine a parlé.",
                                "{id: poutine, type: person, name: Vladimir Poutine, description: d, aliases: [Poutine]}"))
    links = EntityLinks([english, french])
    assert links.elsewhere(english, english.entities[0]) == []  # nothing says so yet
    french = load_article(write(tmp_path, "fr", "fr", "Poutine a parlé.",
                                "{id: poutine, type: person, name: Vladimir Poutine, description: d, aliases: [Poutine], same_as: [en/putin]}"))
    links = EntityLinks([english, french])
    # either side saying so is enough, and it is a link by id
    [there] = links.elsewhere(english, english.entities[0])
    assert there.article.id == "fr" and there.by_id
    [back] = links.elsewhere(french, french.entities[0])
    assert back.article.id == "en" and back.by_id


def test_descriptions_never_link_articles(tmp_path: Path):
    mali = load_article(write(tmp_path, "mali", "fr", "La société conjointe SOROMA-SA.",
                              "{id: soroma, type: org, name: SOROMA-SA, description: d, aliases: [SOROMA-SA, {description: société conjointe}]}"))
    niger = load_article(write(tmp_path, "niger", "fr", "La société conjointe nigérienne.",
                               "{id: sonimi, type: org, name: SONIMI, description: d, aliases: [société conjointe]}"))
    assert EntityLinks([mali, niger]).elsewhere(mali, mali.entities[0]) == []


def test_import_does_not_tie_a_description_to_another_article():
    bundled = load_article(BUNDLED)
    assert "société conjointe" in next(e for e in bundled.entities if e.name == "SOROMA-SA").descriptions
    text = ("Niger : une usine d'uranium\n\nNiamey, 3 mars 2025 — La société conjointe créée avec Orano "
            "exploitera la mine d'Arlit, a indiqué le ministre des Mines.\n")
    draft = import_text(text, published=_dt.date(2025, 3, 3), library=[bundled])
    assert "soroma" not in draft.yaml.lower()


def test_the_index_links_by_names_only_but_searches_descriptions(tmp_path: Path):
    from reader.library.index import open_index
    from reader.search.query import parse_query

    folder = tmp_path / "lib"
    folder.mkdir()
    write(folder, "mali", "fr", "Le Chef de l'Etat malien parle.",
          "{id: goita, type: person, name: Assimi Goïta, description: d, aliases: [{description: \"Chef de l'Etat malien\"}]}")
    index = open_index()
    index.refresh([folder])
    assert index.list("person:goita") and not index.list("person:chef")
    assert [c.article_id for c in index.candidates(parse_query("chef de l'etat")) if c.may_match] == ["mali"]
