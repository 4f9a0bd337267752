"""Counting an article's suggestions (draft annotations) left to review: the app asks at start-up, without the reviewer's code."""

from __future__ import annotations

from reader.model.article import Article


def count_left(article: Article) -> int:
    """How many suggestions an article still has to review."""
    return sum(item.draft for items in (article.entities, article.dates, article.figures, article.accords) for item in items)
