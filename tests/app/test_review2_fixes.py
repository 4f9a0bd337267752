"""The second review's findings: the picker reads changed files again, its count says "N of M"
whenever a filter is typed, a settings file with one unknown key keeps its valid keys and is never
clobbered, impossible date and figure filters are bad queries, and `reader import FOLDER` says so."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Label, OptionList

from reader.cli.main import main
from reader.settings.config import Config, load_config, save_config
from reader.library.entries import load_entries
from reader.search.query import QueryError, parse_query
from reader.ui.screens.error import ErrorScreen
from reader.ui.screens.picker import PickerScreen
from reader.ui.screens.reading import ReadingScreen
from tests.apphelpers import make_app, notices, press
from tests.app.test_library import pair, write_article


def rewrite(path: Path, text: str) -> None:
    """Change a file on disk and move its time on, as an editor saving it a moment later would."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


def goita_elsewhere(app, article_id: str) -> list[str]:
    """The ids of the other articles the library links this article's Goïta to."""
    article = next(e.article for e in app.entries if e.article is not None and e.article.id == article_id)
    goita = next(e for e in article.entities if "goita" in e.id)
    return [f.article.id for f in app.links().elsewhere(article, goita)]


# --- 1. the picker reads a changed file again ----------------------------------------------------

async def test_a_fixed_file_opens_from_the_picker_without_restarting(tmp_path):
    pair(tmp_path)
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [oops\n", encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        picker = app.screen
        assert goita_elsewhere(app, "visite-moscou") == ["senou-raffinerie"]
        await press(pilot, *"broken", "enter")
        assert isinstance(app.screen, ErrorScreen)
        await press(pilot, "escape")
        assert app.screen is picker
        # fixed on disk: it names Goïta too, so the library must link it
        write_article(tmp_path / "fixed.yaml", id="fixee", title="Le fichier réparé", published="2025-07-01",
                      paragraphs=["Le président Goïta parle."],
                      entities=['{id: goita, type: person, name: "Assimi Goïta", description: "Président", aliases: ["président Goïta"]}'])
        rewrite(broken, (tmp_path / "fixed.yaml").read_text(encoding="utf-8"))
        (tmp_path / "fixed.yaml").unlink()
        await press(pilot, "enter")
        assert isinstance(app.screen, ReadingScreen) and app.screen.article.id == "fixee"
        # the app's entries and the library follow; the picker lists it as it now is
        assert [e.article.id for e in app.entries if e.path == str(broken)] == ["fixee"]
        assert goita_elsewhere(app, "visite-moscou") == ["fixee", "senou-raffinerie"]
        app.pop_screen()  # no key leads from an article back to the picker (as in test_library)
        await pilot.pause()
        assert app.screen is picker
        [index] = [i for i, e in enumerate(picker.entries) if e.path == str(broken)]
        assert picker.entries[index].article.id == "fixee"
        assert "Le fichier réparé" in str(picker.query_one(OptionList).get_option(f"entry-{index}").prompt)
        await press(pilot, "escape", *"fichier repare")
        assert len(picker.shown) == 1  # the filter finds it by its new title


async def test_a_file_broken_on_disk_shows_its_new_problems_and_leaves_the_library(tmp_path):
    a, b = pair(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        picker = app.screen
        await press(pilot, *"sénou", "enter")
        assert isinstance(app.screen, ReadingScreen) and app.screen.article.id == "senou-raffinerie"
        assert goita_elsewhere(app, "visite-moscou") == ["senou-raffinerie"]
        app.pop_screen()
        await pilot.pause()
        assert app.screen is picker
        rewrite(b, b.read_text(encoding="utf-8").replace("id: senou-raffinerie", "id: senou-raffinerie\ncolour: blue"))
        await press(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, ErrorScreen)
        assert any("unknown key 'colour'" in p.message and p.line == 2 for p in screen.problems)
        assert goita_elsewhere(app, "visite-moscou") == []  # the library no longer links the broken file
        await press(pilot, "escape")
        assert app.screen is picker
        assert "could not be opened" in str(picker.query_one(OptionList).get_option_at_index(0).prompt)


async def test_an_unchanged_file_is_not_read_again(tmp_path):
    pair(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        library = app.links()
        article = next(e.article for e in app.entries if e.article.id == "pluie")
        await press(pilot, *"pluie", "enter")
        assert app.screen.article is article
        app.pop_screen()
        await press(pilot, "enter")
        assert app.screen.article is article and app.links() is library


def test_entries_know_when_their_file_changed(tmp_path):
    a, _ = pair(tmp_path)
    [entry, *_], _ = load_entries([a])
    assert entry.reloaded() is entry
    rewrite(a, a.read_text(encoding="utf-8").replace("Visite à Moscou", "Visite au Kremlin"))
    fresh = entry.reloaded()
    assert fresh is not entry and fresh.article.title == "Visite au Kremlin" and fresh.reloaded() is fresh
    a.unlink()
    gone = fresh.reloaded()
    assert gone.article is None and gone.problems


# --- 2. the picker's count --------------------------------------------------------------------

async def test_a_filter_matching_every_article_still_says_n_of_m(tmp_path):
    pair(tmp_path)
    (tmp_path / "c.yaml").unlink()  # both articles left name Goïta
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, PickerScreen)
        count, hint = picker.query_one("#picker-count", Label), picker.query_one("#picker-hint", Label)
        assert str(count.render()) == "2 articles" and "type to filter" in str(hint.render())
        await press(pilot, *"goita")
        assert len(picker.shown) == 2
        assert str(count.render()) == "2 of 2 articles" and "Esc clears the filter" in str(hint.render())
        await press(pilot, "escape", "space")  # only a space: no filter
        assert str(count.render()) == "2 articles"


# --- 3. settings with an unknown key ------------------------------------------------------------

def test_an_unknown_key_is_reported_and_the_valid_theme_kept(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("theme: newsprint\ncolour: blue\n", encoding="utf-8")
    config, [problem] = load_config(path)
    assert config == Config(theme="newsprint")
    assert str(problem) == f"{path}:2:1: unknown key 'colour' in the settings"
    # a wrong value next to an unknown key loses only itself
    path.write_text("theme: 12\ncolour: blue\n", encoding="utf-8")
    config, problems = load_config(path)
    assert config == Config() and len(problems) == 2


def test_a_file_with_an_unknown_key_is_never_overwritten_and_said_once(tmp_path):
    path = tmp_path / "config.yaml"
    text = "theme: newsprint\ncolour: blue\n"
    path.write_text(text, encoding="utf-8")
    refused = save_config(Config(theme="okabe-ito"), path)
    assert refused is not None and refused.path == str(path) and (refused.line, refused.column) == (2, 1)
    assert refused.message.startswith("settings not saved: this file has a problem (unknown key 'colour'")
    assert save_config(Config(theme="high-contrast"), path) is not None  # every time: the app says it once
    assert path.read_text(encoding="utf-8") == text


def test_saving_keeps_the_users_comments(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("# my settings\ntheme: newsprint  # the light one\n", encoding="utf-8")
    assert save_config(Config(theme="okabe-ito"), path) is None
    assert path.read_text(encoding="utf-8") == "# my settings\ntheme: okabe-ito  # the light one\n"
    path.write_text("# nothing chosen yet\n", encoding="utf-8")
    assert save_config(Config(theme="no"), path) is None
    assert path.read_text(encoding="utf-8") == "# nothing chosen yet\ntheme: 'no'\n"
    assert load_config(path) == (Config(theme="no"), [])


async def test_app_uses_the_valid_theme_and_says_once_that_it_cannot_save(tmp_path):
    path = tmp_path / "config.yaml"
    text = "theme: newsprint\ncolour: blue\n"
    path.write_text(text, encoding="utf-8")
    config, problems = load_config(path)
    app = make_app(config=config, config_path=path, notices=[str(p) for p in problems])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.theme == "newsprint"
        assert any(f"{path}:2:1: unknown key 'colour'" in n for n in notices(app))
        await press(pilot, "t")
        await press(pilot, "t")
        refusals = [n for n in notices(app) if "settings not saved" in n]
        assert len(refusals) == 1 and f"{path}:2:1" in refusals[0]
        rewrite(path, "theme: newsprint\ncolor: blue\n")  # the user edits it, still wrongly: told again
        await press(pilot, "t")
        assert len([n for n in notices(app) if "settings not saved" in n]) == 2
    assert path.read_text(encoding="utf-8") == "theme: newsprint\ncolor: blue\n"


# --- 4. impossible filters are bad queries -------------------------------------------------------

BAD_FILTERS = {
    "figure:>": "expected a number after '>'",
    "figure:>abc": "expected a number after '>'",
    "date:2025-13": "there is no month 13",
    "date:2025-00": "there is no month 00",
    "date:2025-02-30": "there is no day 30 in 2025-02 (it has 28 days)",
    "date:2023-02-29": "there is no day 29 in 2023-02",
    "date:>2025-04-31": "there is no day 31 in 2025-04",
    "date:<2025-13": "there is no month 13",
    "date:2025-2": "a month has two digits",
    "date:25-06": "a year has four digits",
}


@pytest.mark.parametrize("query", list(BAD_FILTERS))
def test_impossible_filters_are_bad_queries(query):
    with pytest.raises(QueryError) as error:
        parse_query(query)
    assert error.value.message.startswith(query + ":") and BAD_FILTERS[query] in error.value.message
    assert error.value.position is not None and 0 <= error.value.position < len(query)


@pytest.mark.parametrize("query", ["date:2024-02-29", "date:2025", "date:2025-0", "date:2025-1", "date:2025-06-3",
                                   "date:2025-06-", "date:>=2025-06-30", "date:juin", "figure:", "figure:>100"])
def test_possible_and_half_typed_filters_are_not_errors(query):
    parse_query(query)


@pytest.mark.parametrize("query", list(BAD_FILTERS))
def test_search_command_exits_2_on_an_impossible_filter(capsys, query):
    code = main(["search", query])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and BAD_FILTERS[query] in err and "Traceback" not in err


@pytest.mark.parametrize("query", ["date:2025-13", "date:2025-02-30", "figure:>abc"])
async def test_search_bar_shows_an_impossible_filter_as_a_bad_query(query):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await press(pilot, *query)
        assert str(app.screen.query_one("#search-counter").render()) == "bad query"
        message = app.screen.query_one("#search-message")
        assert message.display and BAD_FILTERS[query] in str(message.render())


# --- 5. `reader import FOLDER` ---------------------------------------------------------------------

def test_import_of_a_folder_says_it_is_a_folder(tmp_path, capsys):
    (tmp_path / "lib").mkdir()
    code = main(["import", str(tmp_path / "lib"), "--stdout"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert f"{tmp_path / 'lib'}: is a folder; import takes one text or Markdown file" in err
    assert "no such file" not in err
    code = main(["import", str(tmp_path / "missing.txt"), "--stdout"])
    assert code == 2 and "missing.txt: no such file" in capsys.readouterr().err
