"""Command palette commands: jump to any accord, section or entity by (folded) fuzzy name."""

from __future__ import annotations

from functools import partial
from typing import Callable

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider

from reader.fold import fold_text
from reader.safetext import visible


class ArticleCommands(Provider):
    """Accords, sections and entities of the article on screen; "goita" finds "Goïta"."""

    def _targets(self) -> list[tuple[str, str, Callable[[], None]]]:
        screen = self.screen
        article = getattr(screen, "article", None)
        if article is None:
            return []
        out: list[tuple[str, str, Callable[[], None]]] = []
        for accord in article.accords:
            label = f"Accord {accord.number}: {accord.title}" if accord.number else f"Dossier: {accord.title}"
            out.append((label, accord.summary, partial(screen.jump_to_accord, accord)))
        for index, section in enumerate(article.sections):
            out.append((f"Section {index + 1}: {section.heading}", section.kind, partial(screen.jump_to_section, index)))
        for entity in article.entities:
            out.append((f"{entity.type.capitalize()}: {entity.name}", entity.description, partial(screen.inspect_entity, entity, True)))
        return [(visible(label, newlines=False), visible(help_, newlines=False), action) for label, help_, action in out]

    async def discover(self) -> Hits:
        for label, help_, action in self._targets():
            yield DiscoveryHit(label, action, help=help_)

    async def search(self, query: str) -> Hits:
        matcher = Matcher(fold_text(query), case_sensitive=True)
        for label, help_, action in self._targets():
            folded = fold_text(label)
            # alias text is folded too, so entities are found by any of their names
            score = matcher.match(folded)
            if score > 0:
                yield Hit(score, label, action, help=help_)
