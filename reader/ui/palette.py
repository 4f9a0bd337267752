"""Command palette commands: jump to any accord, section or entity by (folded) fuzzy name."""

from __future__ import annotations

import re
from functools import partial
from typing import Callable

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from reader.text.fold import fold_text
from reader.text.safe import label
from reader.ui.screens.reading import ReadingScreen


class ArticleCommands(Provider):
    """Accords, sections and entities of the article on screen; "goita" finds "Goïta"."""

    def _targets(self) -> list[tuple[str, str, Callable[[], None], float, str]]:
        """Per command: label, help, action, weight, and the text it is found by (an entity's aliases too).

        Labels and help are given to the palette as Content, never as strings: it reads strings as
        markup, and article text is data ("[red]" in a heading shows as typed)."""
        screen = self.screen
        if not isinstance(screen, ReadingScreen):  # the palette opened over another screen: nothing to jump to
            return []
        article = screen.article
        # weights rank an entity above a section heading that merely contains its name
        out: list[tuple[str, str, Callable[[], None], float, str]] = []
        for accord in article.accords:
            name = f"Accord {accord.number}: {accord.title}" if accord.number else f"Dossier: {accord.title}"
            out.append((name, accord.summary, partial(screen.jump_to_accord, accord), 0.95, name))
        for index, section in enumerate(article.sections):
            name = f"Section {index + 1}: {section.heading}"
            out.append((name, section.kind, partial(screen.jump_to_section, index), 0.9, name))
        for entity in article.entities:
            name = f"{entity.type.capitalize()}: {entity.name}"
            out.append((name, entity.description, partial(screen.inspect_entity, entity, True), 1.0, " · ".join((name, *entity.aliases))))
        return [(label(name), label(help_), action, weight, found_by)
                for name, help_, action, weight, found_by in out]

    async def discover(self) -> Hits:
        for name, help_, action, _, _ in self._targets():
            yield DiscoveryHit(Content(name), action, text=name, help=Content(help_))  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        """Commands where every word of the query starts a word (folded: "goita" finds "Goïta",
        "homologue" finds Poutine by an alias); only when none does, fuzzy matches."""
        folded = fold_text(query).strip()
        matcher = Matcher(folded, case_sensitive=True)
        starts = [re.compile(r"(?<!\w)" + re.escape(word)) for word in folded.split()]
        strict: list[Hit] = []
        fuzzy: list[Hit] = []
        for name, help_, action, weight, found_by in self._targets():
            folded_label = fold_text(name)
            score = matcher.match(folded_label)
            if starts and all(start.search(fold_text(found_by)) for start in starts):
                strict.append(Hit((1 + score) * weight, Content(name), action, text=name, help=Content(help_)))  # type: ignore[arg-type]
            elif score > 0:
                fuzzy.append(Hit(score * weight, Content(name), action, text=name, help=Content(help_)))  # type: ignore[arg-type]
        for hit in strict or fuzzy:
            yield hit
