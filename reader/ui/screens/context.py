"""What the app hands each reading screen: the saved state, the opened articles and the links between them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from reader.model.article import Article
from reader.settings.state import State

if TYPE_CHECKING:
    from reader.library.entries import Entry
    from reader.library.links import EntityLinks


@dataclass(frozen=True)
class ReadingContext:
    """What the app hands a reading screen: the saved state, and the opened articles and their links
    (asked for when needed: both change when a file is read again)."""

    state: State | None = None
    """The search history and the reading positions (saved between runs)."""
    articles: Callable[[], Sequence[Article]] = tuple
    """Every opened article, searched when the search's scope is every article."""
    links: Callable[..., EntityLinks | None] | None = None
    """The entities linked across the opened articles (the inspector's "In other articles"); called with True,
    only if they answer at once (else None)."""
    smooth_scroll: bool = False
    """Animate scrolling (config.yaml's smooth_scroll); off: the text moves at once, as in less."""
    library: Sequence[Path] | None = None
    """The library's paths when the app was opened on one (the picker): a search of every article covers it all."""
    read: Callable[[Path], Entry] | None = None
    """Read a library file (kept among the opened articles): to open a match found in the library."""
