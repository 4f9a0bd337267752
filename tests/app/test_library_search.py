"""Cross-article search (alt+a) over a whole library through the index: matches stream into the list, a match opens its article."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader.load.build import load_article
from reader.search import library_scope
from reader.search.library_scope import LibraryHit, search_library
from reader.search.query import parse_query
from reader.search.engine import SearchOptions
from reader.settings.state import State
from reader.ui.app import ReaderApp
from reader.ui import search_control
from reader.ui.screens import library_results
from reader.ui.screens import results as results_module
from reader.ui.screens.library_results import LibraryResultsScreen
from reader.ui.screens.reading import ReadingScreen
from tests.app.test_picker import picker_ready
from tests.apphelpers import notices, press, record_notifications, wait_until
from tests.benchmarks.library import RARE, write_library

COUNT = 300
"""Articles in the library: the rare name is in three of them (numbers 7, 107 and 207)."""
RARE_FILES = ("art-000007.yaml", "art-000107.yaml", "art-000207.yaml")


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    return write_library(COUNT, tmp_path_factory.mktemp("library") / "articles")


def rare_ids(folder: Path) -> set[str]:
    return {load_article(folder / name).id for name in RARE_FILES}


class Gate:
    """The search reads its files through a gate: one file waits until the test opens it; every file read is recorded."""

    def __init__(self, held: str) -> None:
        self.held = held
        self.open = threading.Event()
        self.loaded: list[str] = []
        self.real = library_scope.read_candidate

    def __call__(self, index, shown, *args):
        if Path(shown).name == self.held:
            self.open.wait(30)
        self.loaded.append(Path(shown).name)
        return self.real(index, shown, *args)


async def open_first_article(pilot) -> ReadingScreen:
    """Open the picker's first row (no rare name in it: the library is searched for the others)."""
    await picker_ready(pilot)
    await press(pilot, "enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReadingScreen), "the first article")
    return pilot.app.screen


async def search_library_for(pilot, text: str) -> LibraryResultsScreen:
    """Type a search, widen it with alt+a, and list every match (ctrl+f)."""
    await press(pilot, "slash", *text, "alt+a")
    await wait_until(pilot, lambda: pilot.app.screen.search.outcome is not None and pilot.app.screen.search.outcome.request.everywhere,
                     "the search of every article")
    await press(pilot, "ctrl+f")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, LibraryResultsScreen), "the library's results list")
    return pilot.app.screen


def test_the_library_search_finds_what_a_full_scan_finds(library):
    query = parse_query("zangueta", SearchOptions())
    steps = list(search_library([library], query, limit=2000))
    assert steps[-1].done == steps[-1].total == COUNT
    assert {Path(hit.path).name for step in steps for hit in step.hits} == set(RARE_FILES)
    assert all(RARE in hit.text[hit.match.start:hit.match.end] for step in steps for hit in step.hits)


def test_the_library_search_stops_at_its_limit(library):
    query = parse_query("le", SearchOptions())
    steps = list(search_library([library], query, limit=50))
    assert sum(len(step.hits) for step in steps) == 50
    assert steps[-1].done < COUNT  # stopped there: the rest of the library was not read


async def test_alt_a_streams_matches_from_articles_never_opened_and_one_opens(library, tmp_path, monkeypatch):
    gate = Gate(RARE_FILES[1])
    monkeypatch.setattr(search_control, "LIBRARY_COUNT_DELAY", 3600)  # the bar's own count of the library left out: the gate sees the list's reads alone
    monkeypatch.setattr(library_scope, "read_candidate", gate)
    monkeypatch.setattr(library_results, "BATCH_SECONDS", 0.0)
    app = ReaderApp([], state=State(tmp_path / "state.json"), library=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        reading = await open_first_article(pilot)
        assert reading.article.id not in rare_ids(library)
        results = await search_library_for(pilot, "zangueta")
        # the first rare article is listed while the search waits on the second: the list streams
        await wait_until(pilot, lambda: len(results.found) >= 1, "the first match in the list")
        assert not results.finished and results.heading.plain.startswith("searching")
        assert {hit.article_id for hit in results.found} == {load_article(library / RARE_FILES[0]).id}
        await press(pilot, "j", "k")  # the list is usable while the search runs
        gate.open.set()
        await wait_until(pilot, lambda: results.finished, "the end of the library's search")
        assert {hit.article_id for hit in results.found} == rare_ids(library)
        assert all(isinstance(hit, LibraryHit) for hit in results.found)
        assert results.heading.plain == f"{len(results.found)} matches in 3 of {COUNT:,} articles for zangueta"
        # Enter on the second match: its article opens over this one, at the match
        await press(pilot, "j", "enter")
        chosen = results.found[1]
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen) and app.screen is not reading, "the match's article")
        opened = app.screen
        assert opened.article.id == chosen.article_id
        await wait_until(pilot, lambda: opened.search.current_match == chosen.match, "the chosen match made current")
        assert app.article_paths[opened.article.id] == chosen.path
        await press(pilot, "ctrl+o")  # back to the article the search was made in, in one press
        assert app.screen is reading


async def test_closing_the_list_stops_the_search(library, tmp_path, monkeypatch):
    gate = Gate(RARE_FILES[1])
    monkeypatch.setattr(search_control, "LIBRARY_COUNT_DELAY", 3600)  # the bar's own count of the library left out: the gate sees the list's reads alone
    monkeypatch.setattr(library_scope, "read_candidate", gate)
    ended = threading.Event()

    def searching(*args, **kwargs):
        try:
            yield from search_library(*args, **kwargs)
        finally:
            ended.set()

    monkeypatch.setattr(library_results, "search_library", searching)
    app = ReaderApp([], state=State(tmp_path / "state.json"), library=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        reading = await open_first_article(pilot)
        results = await search_library_for(pilot, "zangueta")
        await wait_until(pilot, lambda: RARE_FILES[0] in gate.loaded, "the search under way")
        await press(pilot, "escape")
        assert app.screen is reading
        gate.open.set()
        await wait_until(pilot, ended.is_set, "the search's end")
        assert RARE_FILES[1] in gate.loaded and RARE_FILES[2] not in gate.loaded  # no file read after the one under way
        assert not results.finished


def test_the_title_says_how_far_the_search_is_first_so_a_narrow_list_keeps_it():
    from reader.ui.screens.results import fit_title

    title = library_results.library_title("zangueta", 12, 3, 650, 1000, finished=False, capped=False)
    assert title.plain == "searching 65% · 12 matches in 3 articles for zangueta"
    assert fit_title(title, 30).plain.startswith("searching 65% · 12 matches")
    done = library_results.library_title("zangueta", 12, 3, 1000, 1000, finished=True, capped=False)
    assert done.plain == "12 matches in 3 of 1,000 articles for zangueta"  # the search bar's words for its count
    assert library_results.library_title("le", 5, 2, 40, 1000, finished=True, capped=True).plain.startswith("5+ matches in 2+ of 1,000")


async def test_alt_a_in_a_library_counts_the_whole_library_in_the_bar_as_its_list_does(library, tmp_path):
    # one count with its scope named (a new user's trial: the bar counted the opened articles, the list the library)
    steps = list(search_library([library], parse_query("zangueta", SearchOptions()), limit=2000))
    matches = sum(len(step.hits) for step in steps)
    scope = f"{matches} in 3 of {COUNT} articles"
    app = ReaderApp([], state=State(tmp_path / "state.json"), library=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_first_article(pilot)
        await press(pilot, "slash", *"zangueta", "alt+a")
        counter = screen.search_bar.query_one("#search-counter")
        await wait_until(pilot, lambda: str(counter.render()).endswith(" articles"), "the library counted")
        assert str(counter.render()) == f"0 here · {scope}"
        assert screen.search.status() == (f"0 here · {scope}", False)  # the status line says the same
        await press(pilot, "ctrl+f")
        await wait_until(pilot, lambda: isinstance(app.screen, LibraryResultsScreen) and app.screen.finished, "the list done")
        assert app.screen.heading.plain == f"{matches} matches in 3 of {COUNT} articles for zangueta"
        await press(pilot, "escape", "slash", "alt+a")  # this article alone again: its own count, nothing of the library
        await wait_until(pilot, lambda: str(counter.render()) == "no matches", "this article's count")


async def test_the_search_stops_at_the_list_limit_and_says_so(library, tmp_path, monkeypatch):
    monkeypatch.setattr(library_results, "LIMIT", 5)
    monkeypatch.setattr(results_module, "LIMIT", 5)
    app = ReaderApp([], state=State(tmp_path / "state.json"), library=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first_article(pilot)
        results = await search_library_for(pilot, "zangueta")  # none in the article on screen, 18 in the library
        await wait_until(pilot, lambda: results.finished, "the end of the library's search")
        assert results.capped and results.heading.plain.startswith("5+ matches") and len(results.found) == 5
        listed = results.query_one("#results-list")
        last = listed.get_option_at_index(listed.option_count - 1)
        assert last.disabled and "stopped at 5 matches" in str(last.prompt)


@pytest.mark.parametrize("text", ["zangueta", "accord sur la santé", "person:zangueta"])
def test_the_library_search_finds_exactly_what_searching_every_file_finds(library, text):
    from reader.search.engine import ArticleIndex, search

    query = parse_query(text, SearchOptions())
    through_index = [(Path(hit.path).name, hit.match) for step in search_library([library], query, limit=10**6) for hit in step.hits]
    every_file = [(path.name, m) for path in sorted(library.glob("*.yaml")) for m in search(ArticleIndex(load_article(path)), query)]
    assert through_index == every_file and every_file


async def test_a_search_that_fails_says_so_and_the_list_stays(library, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("the cache folder went away")
        yield  # a generator, as the real one

    monkeypatch.setattr(library_results, "search_library", broken)
    record_notifications(monkeypatch)
    app = ReaderApp([], state=State(tmp_path / "state.json"), library=[library])
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first_article(pilot)
        results = await search_library_for(pilot, "zangueta")
        await wait_until(pilot, lambda: results.finished, "the failed search's end")
        assert app.screen is results and not results.heading.plain.startswith("searching")
        assert any("the cache folder went away" in text for text in notices(app))
