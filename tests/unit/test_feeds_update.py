"""`reader feeds`: the feed list in config.yaml and updates against the local fixture server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.feeds.drafts import article_id
from reader.feeds.fetch import Limits
from reader.feeds.store import load_store
from reader.feeds.update import update_feeds
from reader.load.build import load_article
from reader.settings.config import FeedSetting, config_path, load_config
from tests.httpfixture import feed_server  # noqa: F401 - a fixture

SHORT = Limits(connect_timeout=0.5, read_timeout=0.5)
MARKERS = ("NAVMARKER", "ADMARKER", "COMMENTMARKER", "FOOTMARKER", "SCRIPTMARKER", "ASIDEMARKER")
"""Words the fixture pages put in their navigation, ads, comments, footer, scripts and asides."""


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default library folder, inside the test's own data home."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data" / "reader" / "articles"


def feeds(server, *names: str) -> list[FeedSetting]:
    paths = {"rss2": "/rss2.xml", "atom": "/atom.xml", "rss1": "/rss1.xml", "gzip": "/gzip.xml", "conditional": "/conditional.xml",
             "redirect": "/redirect/2", "malformed": "/malformed.xml", "html": "/home.html", "silent": "/never",
             "bomb": "/bomb.xml", "missing": "/missing.xml", "big": "/big.xml"}
    return [FeedSetting(name, server.url(paths[name])) for name in names]


def test_update_twice_imports_nothing_new_the_second_time(feed_server, tmp_path: Path) -> None:
    store = load_store(tmp_path / "feeds.json")
    chosen = feeds(feed_server, "rss2", "atom", "rss1", "gzip", "redirect")
    first = update_feeds(chosen, tmp_path / "lib", store, limits=SHORT)
    assert {r.name: len(r.written) for r in first} == {"rss2": 3, "atom": 2, "rss1": 1, "gzip": 0, "redirect": 0}
    assert not any(r.failed for r in first)
    assert store.save() is None
    second = update_feeds(chosen, tmp_path / "lib", load_store(tmp_path / "feeds.json"), limits=SHORT)
    assert [len(r.written) for r in second] == [0, 0, 0, 0, 0] and not any(r.failed for r in second)
    assert len(list((tmp_path / "lib").iterdir())) == 6


def test_the_drafts_pass_reader_check(feed_server, tmp_path: Path, capsys) -> None:
    update_feeds(feeds(feed_server, "rss2", "atom", "rss1"), tmp_path / "lib", load_store(tmp_path / "feeds.json"), limits=SHORT)
    capsys.readouterr()
    assert main(["check", str(tmp_path / "lib")]) == 0
    assert capsys.readouterr().out.count(": ok") == 6


def test_a_summary_only_entry_gets_its_page_without_the_clutter(feed_server, tmp_path: Path) -> None:
    [result] = update_feeds(feeds(feed_server, "atom"), tmp_path / "lib", load_store(tmp_path / "feeds.json"), limits=SHORT)
    gaz = next(p for p in result.written if "senegal" in p.name)
    text = gaz.read_text(encoding="utf-8")
    assert not [m for m in MARKERS if m in text]
    article = load_article(gaz)
    assert article.title == "Le Sénégal et la Mauritanie relancent le projet gazier commun"
    assert article.extra == {"url": feed_server.url("/pages/gaz.html"), "author": "Moussa Diop"}
    assert article.source.name == "Le Courrier du Fleuve" and article.published == "2025-06-24"
    assert "champ gazier situé à cheval" in text and "5 millions de tonnes" in text


def test_a_failed_feed_leaves_the_others_imported(feed_server, tmp_path: Path) -> None:
    chosen = feeds(feed_server, "malformed", "silent", "rss2", "missing", "bomb", "html")
    results = {r.name: r for r in update_feeds(chosen, tmp_path / "lib", load_store(tmp_path / "feeds.json"), limits=SHORT)}
    assert len(results["rss2"].written) == 3 and not results["rss2"].failed
    assert {name: r.failure for name, r in results.items() if name != "rss2"} == {
        "malformed": "malformed XML: line 4, column 1: no element found",
        "silent": "timed out",
        "missing": "HTTP 404 Not Found",
        "bomb": "refused: the document declares XML entities (an entity-expansion trick)",
        "html": "an HTML page, not a feed",
    }


def test_a_crash_on_one_feed_or_entry_costs_only_that(feed_server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.feeds.update

    def broken_page(data, url=None):
        raise RuntimeError("extractor crashed")

    real_write = reader.feeds.update.write_draft

    def write_but_not_lithium(page, *args, **kwargs):
        if "lithium" in page.title:
            raise ValueError("importer crashed")
        return real_write(page, *args, **kwargs)

    monkeypatch.setattr(reader.feeds.update, "extract_page", broken_page)  # atom's entries need their pages
    monkeypatch.setattr(reader.feeds.update, "write_draft", write_but_not_lithium)
    atom, rss2 = update_feeds(feeds(feed_server, "atom", "rss2"), tmp_path / "lib", load_store(tmp_path / "feeds.json"), limits=SHORT)
    assert atom.failure == "unexpected RuntimeError: extractor crashed (please report this)"
    assert len(rss2.written) == 2 and rss2.entry_failures == [
        "Mali opens a lithium processing plant near Bougouni: unexpected ValueError: importer crashed (please report this)"]


def test_a_304_costs_nothing_and_validators_wait_until_all_is_in(feed_server, tmp_path: Path) -> None:
    store = load_store(tmp_path / "feeds.json")
    [first] = update_feeds(feeds(feed_server, "conditional"), tmp_path / "lib", store, limits=SHORT)
    assert len(first.written) == 1 and store.memory(first.url).etag == '"v1"'
    store.save()
    [second] = update_feeds(feeds(feed_server, "conditional"), tmp_path / "lib", load_store(tmp_path / "feeds.json"), limits=SHORT)
    assert second.not_modified and second.written == []


def test_a_big_feed_comes_in_slices_and_nothing_is_lost(feed_server, tmp_path: Path) -> None:
    store = load_store(tmp_path / "feeds.json")
    [first] = update_feeds(feeds(feed_server, "big"), tmp_path / "lib", store, limits=SHORT, limit=4)
    assert len(first.written) == 4 and first.left == 996
    assert store.memory(first.url).etag is None  # a 304 must not hide the 996 still to come
    [second] = update_feeds(feeds(feed_server, "big"), tmp_path / "lib", store, limits=SHORT, limit=4)
    assert len(second.written) == 4 and second.left == 992
    assert len(set(first.written) | set(second.written)) == 8


def test_file_names_from_titles_are_safe() -> None:
    import datetime as dt

    day = dt.date(2025, 6, 23)
    for title in ("../../etc/passwd", "/abs/path", "CON", "\x1b[2J\x07", "a" * 5000, "中文标题", "", ".hidden", "x\\y:z*?<>|"):
        ident = article_id(title, day, key=f"key-{title}")
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*-2025-06-23", ident), (title, ident)
        assert len(ident) <= 80


def test_a_hostile_title_stays_inside_the_library_and_off_the_terminal(feed_server, library: Path, capsys) -> None:
    assert main(["feeds", "add", feed_server.url("/rss2.xml"), "--name", "wire"]) == 0
    assert main(["feeds", "update", "--timeout", "0.5"]) == 0
    out, err = capsys.readouterr()
    written = sorted(library.iterdir())
    assert len(written) == 3 and all(p.parent == library and re.fullmatch(r"[a-z0-9-]+\.yaml", p.name) for p in written)
    assert "\x1b" not in out + err and "\x07" not in out + err
    hostile = next(p for p in written if p.name.startswith("hostile"))
    assert load_article(hostile).title.startswith("Hostile title \x1b[2J")  # kept as data, escaped only when shown
    assert main(["feeds", "list"]) == 0


def test_the_exit_status_says_whether_any_failed(feed_server, library: Path, capsys) -> None:
    assert main(["feeds", "add", feed_server.url("/rss1.xml")]) == 0
    assert main(["feeds", "update"]) == 0
    assert main(["feeds", "add", feed_server.url("/missing.xml"), "--name", "gone"]) == 0
    assert main(["feeds", "update"]) == 1
    out, err = capsys.readouterr()
    assert "gone: failed: HTTP 404 Not Found" in err
    assert out.strip().splitlines()[-1].startswith("2 feeds: 0 new articles, 1 with failures (told above); library ")  # one summary line when piped
    assert main(["feeds", "update", "feed"]) == 0  # only the named feed
    assert main(["feeds", "update", "nosuch"]) == 2


def test_add_list_remove_keep_the_rest_of_the_settings(feed_server, capsys) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# my settings\ntheme: newsprint  # the light one\nlibrary: ~/News\n", encoding="utf-8")
    assert main(["feeds", "add", "https://example.org/feed.xml", "--name", "ex"]) == 0
    assert main(["feeds", "add", "https://example.org/other.xml"]) == 0
    assert main(["feeds", "add", "https://example.org/feed.xml"]) == 1  # followed already
    assert main(["feeds", "add", "https://example.org/x", "--name", "ex"]) == 1  # the name is taken
    assert main(["feeds", "add", "https://example.org/x", "--name", "../x"]) == 1
    assert main(["feeds", "add", "not-an-address"]) == 2
    config, problems = load_config()
    assert problems == [] and [f.name for f in config.feeds] == ["ex", "example"]
    assert config.theme == "newsprint" and config.library == "~/News"
    assert main(["feeds", "remove", "ex"]) == 0
    assert main(["feeds", "remove", "ex"]) == 2  # no feed of that name: a usage error, as `update ex` is
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my settings\ntheme: newsprint  # the light one\nlibrary: ~/News\n")
    assert [f.name for f in load_config()[0].feeds] == ["example"]
    capsys.readouterr()
    assert main(["feeds", "list"]) == 0
    assert "example  https://example.org/other.xml" in capsys.readouterr().out


def test_a_settings_file_with_a_problem_is_never_rewritten(capsys) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("theme: [unclosed\n", encoding="utf-8")
    assert main(["feeds", "add", "https://example.org/feed.xml"]) == 1
    assert path.read_text(encoding="utf-8") == "theme: [unclosed\n"
    assert "feed not added" in capsys.readouterr().err


def test_a_broken_store_is_set_aside_not_lost(tmp_path: Path) -> None:
    path = tmp_path / "feeds.json"
    path.write_text("{not json", encoding="utf-8")
    store = load_store(path)
    assert store.feeds == {} and store.note and "starting afresh" in store.note
    assert (tmp_path / "feeds.json.broken").read_text(encoding="utf-8") == "{not json"


def test_a_theme_saved_by_the_app_keeps_the_feeds() -> None:
    from reader.settings.config import Config, save_config, save_feeds

    assert save_feeds((FeedSetting("wire", "https://example.org/rss"),)) is None
    assert save_config(Config(theme="newsprint")) is None  # what the app does on `t`, knowing nothing of feeds
    config, problems = load_config()
    assert problems == [] and config.theme == "newsprint" and config.feeds == (FeedSetting("wire", "https://example.org/rss"),)
