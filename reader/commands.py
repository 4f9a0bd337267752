"""Command palette commands: jump to any accord, section or entity by (folded) fuzzy name."""

from __future__ import annotations

from functools import partial
from typing import Callable

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider

from reader.fold import fold_text
from reader.safetext import visible


class ArticleCommands(Provider):
    """Accords, sections and entities of the article on screen; "goita" finds "Goïta"."""

    def _targets(self) -> list[tuple[str, str, Callable[[], None], float]]:
        screen = self.screen
        article = getattr(screen, "article", None)
        if article is None:
            return []
        # weights rank an entity above a section heading that merely contains its name
        out: list[tuple[str, str, Callable[[], None], float]] = []
        for accord in article.accords:
            label = f"Accord {accord.number}: {accord.title}" if accord.number else f"Dossier: {accord.title}"
            out.append((label, accord.summary, partial(screen.jump_to_accord, accord), 0.95))
        for index, section in enumerate(article.sections):
            out.append((f"Section {index + 1}: {section.heading}", section.kind, partial(screen.jump_to_section, index), 0.9))
        for entity in article.entities:
            out.append((f"{entity.type.capitalize()}: {entity.name}", entity.description, partial(screen.inspect_entity, entity, True), 1.0))
        return [(visible(label, newlines=False), visible(help_, newlines=False), action, weight) for label, help_, action, weight in out]

    async def discover(self) -> Hits:
        for label, help_, action, _ in self._targets():
            yield DiscoveryHit(label, action, help=help_)

    async def search(self, query: str) -> Hits:
        matcher = Matcher(fold_text(query), case_sensitive=True)
        for label, help_, action, weight in self._targets():
            score = matcher.match(fold_text(label))
            if score > 0:
                yield Hit(score * weight, label, action, help=help_)
