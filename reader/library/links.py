"""Entity links: the loaded articles' entities linked across articles, by id or by a shared name (pure, no Textual).

Two entities of different articles are the same when they share an id (the same id, or one
names the other in ``same_as``: a Wikidata id, or ``article-id/entity-id``, so that "Putin" and
"Poutine" are one person when either says so), or when a name or name-like alias of one folds
(fold.fold_text: case, accents, apostrophes, spaces) to one of the other's (descriptions such as
"Chef de l'Etat malien" never link): "Assimi Goïta" (id ``goita``) in one article is "Assimi
Goita" (id ``assimi-goita``) in another. The link is direct, not transitive, so one loose alias cannot chain unrelated entities.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from reader.text.fold import fold_text
from reader.model.article import Article, Entity, Mention


@dataclass(frozen=True, eq=False)
class Elsewhere:
    """The same entity in another article: that article, its own entry for it, and its mentions there."""

    article: Article
    entity: Entity
    mentions: tuple[Mention, ...]
    by_id: bool
    """Linked by the same id (else by a shared name or alias)."""


def entity_keys(entity: Entity) -> set[str]:
    """The folded names an entity goes by: its name and the aliases that are names (not descriptions)."""
    keys = {fold_text(name).strip() for name in entity.names}
    keys.discard("")
    return keys


def entity_ids(article: Article, entity: Entity) -> set[str]:
    """The ids an entity is known by across articles: its id, ``article-id/entity-id`` and its ``same_as`` ids."""
    return {entity.id, f"{article.id}/{entity.id}", *entity.same_as}


def _newest_first(article: Article) -> tuple[str, str]:
    return (article.published, article.title)


class EntityLinks:
    """Every loaded article's entities, indexed by id and by folded name, to find one entity's other articles."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self.articles: tuple[Article, ...] = tuple(sorted(articles, key=_newest_first, reverse=True))
        """The articles, newest first (the order answers come in)."""
        self._by_id: dict[str, list[tuple[int, Entity]]] = {}
        self._by_name: dict[str, list[tuple[int, Entity]]] = {}
        for index, article in enumerate(self.articles):
            for entity in article.entities:
                for key in entity_ids(article, entity):
                    self._by_id.setdefault(key, []).append((index, entity))
                for key in entity_keys(entity):
                    self._by_name.setdefault(key, []).append((index, entity))

    def elsewhere(self, article: Article, entity: Entity) -> list[Elsewhere]:
        """The other articles that mention the entity, newest first, each with its entity and mentions.

        An article with the same id as this one (the same article in another file) is not another
        article; an entity linked but never mentioned in its article is left out.
        """
        found: dict[tuple[int, str], bool] = {}
        for key in entity_ids(article, entity):
            for index, other in self._by_id.get(key, ()):
                found[(index, other.id)] = True
        for key in entity_keys(entity):
            for index, other in self._by_name.get(key, ()):
                found.setdefault((index, other.id), False)
        out = []
        for (index, other_id), by_id in sorted(found.items(), key=lambda item: (item[0][0], not item[1])):
            other_article = self.articles[index]
            if other_article is article or other_article.id == article.id:
                continue
            mentions = other_article.mentions_by_ref.get(other_id, ())
            if mentions:
                out.append(Elsewhere(other_article, other_article.entities_by_id[other_id], mentions, by_id))
        return out


def link_articles(articles: Sequence[Article | None]) -> EntityLinks:
    """A library of the articles that loaded (None stands for a file that did not)."""
    return EntityLinks(a for a in articles if a is not None)
