"""Entity links: the loaded articles' entities linked across articles, by id or by a shared name (pure, no Textual).

Two entities of different articles are the same when they share an id (the same id, or one
names the other in ``same_as``: a Wikidata id, or ``article-id/entity-id``, so that "Putin" and
"Poutine" are one person when either says so), or when a name or name-like alias of one folds
(fold.fold_text: case, accents, apostrophes, spaces) to one of the other's (descriptions such as
"Chef de l'Etat malien" never link): "Assimi Goïta" (id ``goita``) in one article is "Assimi
Goita" (id ``assimi-goita``) in another. The link is direct, not transitive, so one loose alias cannot chain unrelated entities.

A library too big to read whole is linked through its index (:class:`IndexedLinks`): the index
names the files that may hold the entity, those alone are read and linked as above.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

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

    linked_files = 0
    """Files that may name the entity last asked about beyond those read (none here: every article is read; see IndexedLinks)."""

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


LINKED_ARTICLES = 30
"""Through the index, at most this many other articles (the newest) are read to link one entity:
a place named in thousands of articles must not read thousands of files as it is inspected."""


class IndexedLinks:
    """The links of a library too big to read whole: for each entity asked about, the index names the files
    that may hold it (by id or folded name), the newest are read (and kept) and linked exactly, with the opened articles."""

    limit = LINKED_ARTICLES
    """How many of the files the index names are read, the newest first."""

    def __init__(self, library: Sequence[Path], opened: Iterable[Article] = (), *, limit: int | None = None,
                 load: Callable[[Path], Article] | None = None) -> None:
        self.library = list(library)
        self.opened: tuple[Article, ...] = tuple(opened)
        if limit is not None:
            self.limit = limit
        self._load = load
        self._read: dict[str, Article | None] = {}
        """The files read since the last update (None: it did not load), by path."""
        self._index = None
        self._fresh = False
        self._unusable = False
        self.linked_files = 0
        """How many library files the index named for the last entity asked about (more than were read when over ``limit``)."""

    def update(self, opened: Iterable[Article]) -> None:
        """The opened articles changed (one opened, or read again): the index is refreshed and files read again when next asked."""
        self.opened = tuple(opened)
        self._read.clear()
        self._fresh = False

    def close(self) -> None:
        """Let the index go."""
        if self._index is not None:
            self._index.close()
            self._index = None

    def _connection(self):
        """The index, brought up to date since the last update (None when it cannot be used: the opened articles alone are linked)."""
        from reader.library.index import open_index

        if self._unusable:
            return None
        try:
            if self._index is None:
                self._index = open_index(notice=lambda text: None)  # the picker says what is wrong with the cache
                if self._index.in_memory:
                    raise sqlite3.OperationalError("no library index")
            if not self._fresh:
                self._index.refresh(self.library, in_memory=False)
                self._fresh = True
        except sqlite3.Error:
            self.close()
            self._unusable = True
            return None
        return self._index.connection

    def _article(self, path: str, file_id: int) -> Article | None:
        """A library file's article (read once since the last update: as the index holds it built, else from
        the file), None when it does not load."""
        if path not in self._read:
            if len(self._read) >= 8 * self.limit:  # inspecting entity after entity: the oldest reads go
                del self._read[next(iter(self._read))]
            from reader.load.build import load_article
            from reader.model.problems import ProblemsError

            article = None
            if self._load is None and self._index is not None:
                article = self._index.stored(file_id, path)
            try:
                self._read[path] = article if article is not None else (self._load or load_article)(Path(path))
            except (ProblemsError, OSError, RecursionError):
                self._read[path] = None
        return self._read[path]

    def elsewhere(self, article: Article, entity: Entity) -> list[Elsewhere]:
        """As :meth:`EntityLinks.elsewhere`, over the files the index names and the opened articles."""
        from reader.library.lookup import entity_files, library_roots

        others: dict[str, Article] = {a.id: a for a in self.opened}
        db = self._connection()
        if db is not None:
            try:
                paths, self.linked_files = entity_files(db, library_roots(self.library), entity_ids(article, entity),
                                                        entity_keys(entity), self.limit, article.id)
            except sqlite3.Error:  # locked or gone since: the opened articles alone
                paths, self.linked_files = [], 0
            for path, file_id in paths:
                found = self._article(path, file_id)
                if found is not None:
                    others.setdefault(found.id, found)
        others.pop(article.id, None)
        return EntityLinks([article, *others.values()]).elsewhere(article, entity)


def link_articles(articles: Sequence[Article | None]) -> EntityLinks:
    """A library of the articles that loaded (None stands for a file that did not)."""
    return EntityLinks(a for a in articles if a is not None)
