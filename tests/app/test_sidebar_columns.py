"""Pilot: the sidebar's titles and entries line up: every title (the panes' and the entity groups') at column 1,
every number or count ending at column 2, every entry's text from column 4."""

from __future__ import annotations

import re

import pytest

from tests.apphelpers import make_app, screen_rows, wait_until


def sidebar_rows(app) -> list[str]:
    """The sidebar's rows as drawn (what is left of its border)."""
    return [row.split("▕")[0] for row in screen_rows(app)[1:-2] if "▕" in row]


def column(rows: list[str], pattern: str) -> int:
    """Where the first row matching ``pattern`` starts its text (its first non-space character)."""
    row = next(row for row in rows if re.match(pattern, row))
    return len(row) - len(row.lstrip())


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_titles_and_entries_line_up(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: any("People" in row for row in sidebar_rows(app)), "the entity index drawn")
        rows = sidebar_rows(app)
        titles = {title: column(rows, rf"\s*{title}\b") for title in ("Accords", "Sections", "Entities", "People", "Organisations")}
        assert set(titles.values()) == {1}, titles  # the groups of the entity index were at column 0
        numbered = {what: re.match(r"(\s*[▶ ]\s*)(\d+) (\S)", next(row for row in rows if re.match(pattern, row)))
                    for what, pattern in (("accord", r"..1 Commission"), ("section", r"\s*1 Un rapprochement"),
                                          ("entity", r"\s*3 Assimi"))}
        assert {what: (m.end(2) - 1, m.start(3)) for what, m in numbered.items()} == {
            "accord": (2, 4), "section": (2, 4), "entity": (2, 4)}  # the sections' were one column to the left
