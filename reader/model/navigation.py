"""Where keys lead: the next or previous accord and mention from a place in the article (pure)."""

from __future__ import annotations

from typing import Sequence

from reader.model.article import Accord, Article, Location, Mention


def step_accord(article: Article, here: Location, step: int) -> Accord | None:
    """The accord after (step 1) or before (step -1) the one being read at a place, or None."""
    accords = list(article.accords)
    current = article.accord_at(here)
    if current is not None:
        index = accords.index(current) + step
    else:
        after = [i for i, a in enumerate(accords) if (a.anchor.section, a.anchor.paragraph) > (here.section, here.paragraph)]
        if step > 0:
            index = after[0] if after else len(accords)
        else:
            index = after[0] - 1 if after else len(accords) - 1
    return accords[index] if 0 <= index < len(accords) else None


def step_mention(mentions: Sequence[Mention], here: tuple[int, int, int], step: int) -> tuple[Mention, bool] | None:
    """The mention after (or before) a (section, paragraph, offset) place, and whether it wrapped."""
    if not mentions:
        return None
    key = lambda m: (m.section, m.paragraph, m.start)  # noqa: E731
    if step > 0:
        following = [m for m in mentions if key(m) > here]
        return (following[0], False) if following else (mentions[0], True)
    preceding = [m for m in mentions if key(m) < here]
    return (preceding[-1], False) if preceding else (mentions[-1], True)
