"""The picker's header and details on narrow terminals: cut at a word with "…", the least useful part going first, and no
dash before the indexing's progress while there is no count yet."""

from __future__ import annotations

import threading

import pytest
from rich.cells import cell_len

from reader.library.index import Index
from reader.ui.screens.picker import fit_header
from tests.app.test_picker import make, picker_ready, write
from tests.apphelpers import screen_rows, wait_until

SOURCE = "APA Agence de presse africaine MD/ac/Sf/APA"
KEYS = "type to filter, Enter opens one"


@pytest.mark.parametrize(("room", "expected"), [
    (118, ("2,000 articles", " · 1,999 unread · by date", f" — {KEYS}")),
    (60, ("2,000 articles", " · 1,999 unread · by date", " — type to filter…")),
    (50, ("2,000 articles", " · 1,999 unread · by date", "")),  # " — type…" would say nothing
    (38, ("2,000 articles", " · 1,999 unread", "")),  # the keys' hint, then the order go first
    (28, ("2,000 articles", "", "")),
    (10, ("2,000…", "", "")),
])
def test_the_least_useful_part_of_the_header_goes_first(room, expected):
    assert fit_header("2,000 articles", ("1,999 unread", "by date"), KEYS, False, room) == expected


def test_a_problem_in_the_header_goes_before_the_details():
    count, details, hint = fit_header("0 of 4 articles", ("0 unread", "by date"), "an unclosed quote (at column 8)", True, 38)
    assert (count, details) == ("0 of 4 articles", "") and hint == " — an unclosed quote…"


def test_no_dash_before_what_runs_while_there_is_no_count():
    assert fit_header("", (), "indexing 150 of 2,000 files…", True, 118) == ("", "", "indexing 150 of 2,000 files…")


@pytest.mark.parametrize("room", range(0, 80))
def test_the_header_always_fits(room):
    for hint, urgent in ((KEYS, False), ("a problem of some length (at column 12)", True), ("", False)):
        parts = fit_header("1,234 of 2,000 articles", ("1,999 unread", "by title"), hint, urgent, room)
        assert sum(cell_len(part) for part in parts) <= room, parts


def _library(tmp_path):
    for n in range(5):
        write(tmp_path, f"a{n}.yaml", id=f"a{n}", title=f"Accord {n}", published=f"2025-06-2{n}", agency=SOURCE)
    return tmp_path


@pytest.mark.parametrize(("size", "header"), [
    ((120, 40), f"5 articles · 5 unread · by date — {KEYS}"),
    ((80, 24), f"5 articles · 5 unread · by date — {KEYS}"),
    ((40, 12), "5 articles · 5 unread · by date"),  # no room for the hint to say anything
    ((20, 6), "5 articles"),
])
async def test_header_and_details_on_screen(tmp_path, size, header):
    app = make(_library(tmp_path))
    async with app.run_test(size=size) as pilot:
        await picker_ready(pilot)
        rows = screen_rows(app)
        assert any(row.strip() == header for row in rows), rows
        details = [row.strip() for row in rows if row.strip().startswith("2025-06-2")]
        assert details, rows
        for row in details:  # the date and the count kept, the source whole or cut at a word with "…"; else cut at a word
            assert cell_len(row) <= size[0] - 4, row
            if size[0] < 40:
                whole = f"{row[:10]} · {SOURCE} · 0 accords"
                assert row.endswith("…") and whole.startswith(row[:-1]) and whole[len(row) - 1] == " ", row
                continue
            assert row.endswith("· 0 accords"), row
            source = row.split(" · ")[1]
            assert source == SOURCE or (source.endswith("…") and SOURCE.startswith(source[:-1])
                                        and SOURCE[len(source) - 1] == " "), row
        assert size[0] < 40 or (details[0].split(" · ")[1] == SOURCE) == (size[0] >= 80), details


async def test_the_indexing_progress_has_no_leading_dash(tmp_path, monkeypatch):
    release = threading.Event()
    refresh = Index.refresh

    def slow_refresh(self, paths, *, progress=None, **kwargs):
        if progress is not None:
            progress(150, 2_000)  # as the 150th file of 2,000 is indexed
            release.wait(30)
        return refresh(self, paths, progress=progress, **kwargs)

    monkeypatch.setattr(Index, "refresh", slow_refresh)
    app = make(_library(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        try:
            await wait_until(pilot, lambda: any("indexing 150" in row for row in screen_rows(app)), "the progress shown")
            row = next(row for row in screen_rows(app) if "indexing 150" in row)
            assert row.strip() == "indexing 150 of 2,000 files…", row
        finally:
            release.set()
        await picker_ready(pilot)
        assert any(row.strip() == f"5 articles · 5 unread · by date — {KEYS}" for row in screen_rows(app))


async def test_a_short_terminal_hides_the_hint_and_keeps_the_details(tmp_path):
    app = make(_library(tmp_path))
    async with app.run_test(size=(80, 10)) as pilot:  # under 12 rows the hint is hidden
        picker = await picker_ready(pilot)
        await pilot.press(*"accords:x")  # a problem, which would take the details' room were it shown
        await wait_until(pilot, lambda: picker._problem != "", "the filter's problem")
        await pilot.pause()
        header = next(row.strip() for row in screen_rows(app) if "articles" in row)
        assert header.endswith("unread · by date") and "—" not in header, header


@pytest.mark.parametrize(("width", "expected"), [
    (90, f"  2030-01-01 · {SOURCE} · 3 accords · 1 draft mark"),
    (60, "  2030-01-01 · APA Agence de… · 3 accords · 1 draft mark"),
    (40, "  2030-01-01 · 3 accords · 1 draft mark"),  # the source goes before a count does
    (36, "  2030-01-01 · 3 accords · 1 draft"),
    (30, "  2030-01-01 · APA Agence de…"),  # no room for the counts whole: the line as it begins
])
def test_a_drafts_details_keep_its_counts_longest(width, expected):
    from pathlib import Path

    from reader.library.rows import Row
    from reader.ui.widgets.article_list import meta_line, row_lines

    row = Row(Path("d.yaml"), True, "", "d", "Draft", "2030-01-01", SOURCE, "fr", 3, 1)
    line = meta_line(row, width, row_lines(row)[1])
    assert line == expected and cell_len(line) <= width
