"""Article files as the app opens them: each loaded, or with the problems that kept it from loading."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from reader.model.problems import Problem, ProblemsError
from reader.load.cache import ArticleCache
from reader.load.files import Stamp, file_stamp
from reader.model.article import Article


@dataclass(frozen=True)
class Entry:
    """An article file: loaded, or the problems that kept it from loading."""

    path: str
    article: Article | None = None
    problems: tuple[Problem, ...] = ()
    stamp: Stamp | None = None
    """The file's stamp just before it was read, to tell when it has changed since."""

    def reloaded(self) -> Entry:
        """This entry read again when its file changed on disk since (or it had failed to load); else itself."""
        if self.article is not None and self.stamp is not None and file_stamp(self.path) == self.stamp:
            return self
        return load_entry(Path(self.path))


def load_entry(path: Path) -> Entry:
    """One article file, loaded or with its problems."""
    from reader.load.build import load_article

    # stamped before reading: a change made while it is read shows as a change next time
    stamp = file_stamp(path)
    try:
        return Entry(str(path), load_article(path, cache=article_cache()), stamp=stamp)
    except ProblemsError as error:
        return Entry(str(path), problems=tuple(error.problems), stamp=stamp)


def article_cache() -> ArticleCache:
    """The user's cache of built articles: a subfolder of the cache folder."""
    from reader.settings.paths import cache_dir

    return ArticleCache(cache_dir() / "articles", later=True)  # written after the app's first frame


def load_entries(paths: Sequence[Path]) -> tuple[list[Entry], list[Problem]]:
    """Every article under the paths, loaded or with its problems."""
    from reader.library.files import find_articles

    files, problems = find_articles(paths)
    return [load_entry(path) for path in files], problems
