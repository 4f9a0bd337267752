"""The search history: the queries run, most recent last, without repeats."""

from __future__ import annotations

from reader.settings.state import HISTORY_LIMIT


def remember(history: list[str], text: str) -> None:
    """Add a query to the history: most recent last, no duplicates, at most HISTORY_LIMIT."""
    if not text.strip():
        return
    if text in history:
        history.remove(text)
    history.append(text)
    del history[:-HISTORY_LIMIT]
