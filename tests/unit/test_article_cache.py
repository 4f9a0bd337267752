"""The cache of built articles: the same article back, and never trusted over the file."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

import reader
import reader.load.build
import reader.load.cache
from reader.library.entries import load_entry
from reader.load.build import load_article
from reader.load.cache import ArticleCache
from reader.load.files import file_stamp
from tests.benchmarks.generate import generate
from tests.paths import BUNDLED


@pytest.fixture
def cache(tmp_path: Path) -> ArticleCache:
    """A cache in the test's folder that keeps articles of any size."""
    return ArticleCache(tmp_path / "cache", min_bytes=0)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The bundled article, copied where the test may change it."""
    return Path(shutil.copy(BUNDLED, tmp_path / "article.yaml"))


def no_building(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any build from the file fail, so that only the cache can give the article."""
    def refuse(*args, **kwargs):
        raise AssertionError("built from the file")
    monkeypatch.setattr(reader.load.build, "build_article", refuse)


def test_a_second_opening_gives_the_same_article_from_the_cache(cache, copy, monkeypatch):
    first = load_article(copy, cache=cache)
    assert cache.entry_path(copy).is_file()
    no_building(monkeypatch)
    second = load_article(copy, cache=cache)
    assert second == first
    assert second.mentions == first.mentions and second.extra == first.extra
    assert second.path == str(copy)


def test_hostile_text_survives_the_cache(cache, article_path, monkeypatch):
    first = load_article(article_path, cache=cache)
    no_building(monkeypatch)
    assert load_article(article_path, cache=cache) == first


def test_an_entry_of_a_changed_file_is_rebuilt(cache, copy):
    load_article(copy, cache=cache)
    copy.write_text(copy.read_text(encoding="utf-8").replace("trois accords signés", "quatre accords signés", 1), encoding="utf-8")
    again = load_article(copy, cache=cache)
    assert again == load_article(copy)
    assert again.title.startswith("Mali–Russie : quatre accords")


@pytest.mark.parametrize("damage", ["truncated", "flipped", "garbage", "empty"])
def test_a_damaged_entry_is_ignored_and_rebuilt(cache, copy, damage):
    expected = load_article(copy, cache=cache)
    entry = cache.entry_path(copy)
    data = entry.read_bytes()
    entry.write_bytes({"truncated": data[: len(data) // 2],
                       "flipped": data[:-100] + bytes([data[-100] ^ 0xFF]) + data[-99:],
                       "garbage": b"\x00\xff" * 500,
                       "empty": b""}[damage])
    assert cache.get(copy, file_stamp(copy)) is None
    assert load_article(copy, cache=cache) == expected
    assert cache.get(copy, file_stamp(copy)) == expected  # rebuilt and kept again


def test_an_entry_of_the_right_digest_but_the_wrong_shape_is_refused(cache, copy):
    import marshal
    import zlib

    load_article(copy, cache=cache)
    payload = marshal.dumps((cache.key(copy, file_stamp(copy)), ("not", "an", "article")))
    digest = zlib.crc32(payload).to_bytes(4, "big")
    cache.entry_path(copy).write_bytes(b"reader-article-cache\n" + digest + payload)
    assert cache.get(copy, file_stamp(copy)) is None
    assert load_article(copy, cache=cache) == load_article(copy)


def test_another_version_of_the_reader_does_not_use_the_entry(cache, copy, monkeypatch):
    load_article(copy, cache=cache)
    monkeypatch.setattr(reader, "__version__", reader.__version__ + ".1")
    assert cache.get(copy, file_stamp(copy)) is None


def test_a_change_to_the_building_code_makes_entries_stale(cache, copy, monkeypatch):
    load_article(copy, cache=cache)
    monkeypatch.setattr(reader.load.cache, "_code_stamp", lambda: ("edited",))
    assert cache.get(copy, file_stamp(copy)) is None


def test_a_file_changed_while_it_was_read_is_not_kept(cache, copy):
    stamp = file_stamp(copy)
    article = load_article(copy)
    copy.write_text(copy.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert not cache.put(copy, stamp, article)
    assert not cache.entry_path(copy).exists()


def test_a_folder_that_cannot_be_written_means_no_cache_and_no_error(tmp_path, copy):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    cache = ArticleCache(blocker / "articles", min_bytes=0)
    assert load_article(copy, cache=cache) == load_article(copy)
    assert load_article(copy, cache=cache) == load_article(copy)


def test_small_files_are_not_cached(tmp_path, copy):
    cache = ArticleCache(tmp_path / "cache", min_bytes=copy.stat().st_size + 1)
    load_article(copy, cache=cache)
    assert not (tmp_path / "cache").exists()


def test_an_article_with_problems_leaves_no_entry(cache, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\ntitle: [\n", encoding="utf-8")
    with pytest.raises(reader.load.build.ProblemsError):
        load_article(broken, cache=cache)
    assert not cache.entry_path(broken).exists()


def test_a_file_over_the_size_limit_is_refused_even_with_an_entry(cache, copy):
    load_article(copy, cache=cache)
    with pytest.raises(reader.load.build.ProblemsError):
        load_article(copy, max_bytes=100, cache=cache)


def test_the_least_recently_used_entries_go_beyond_the_limit(tmp_path):
    cache = ArticleCache(tmp_path / "cache", min_bytes=0, max_entries=2)
    paths = [Path(shutil.copy(BUNDLED, tmp_path / f"a{i}.yaml")) for i in range(3)]
    for path in paths:
        load_article(path, cache=cache)
    assert sorted(cache.folder.iterdir()) == sorted(cache.entry_path(p) for p in paths[1:])


def test_opening_an_entry_uses_the_users_cache_folder(isolated_home, tmp_path, monkeypatch):
    path = tmp_path / "big.yaml"
    path.write_text(generate(300_000), encoding="utf-8")
    monkeypatch.setattr(reader.load.cache, "WRITE_DELAY", 3600)  # written in the background, only once hurried
    first = load_entry(path)
    assert first.article is not None
    folder = isolated_home / "cache" / "reader" / "articles"
    assert not list(folder.glob("*.article"))
    ArticleCache(folder).wait()
    assert list(folder.glob("*.article"))
    no_building(monkeypatch)
    assert load_entry(path).article == first.article


def test_a_later_entry_is_written_in_the_background_and_waited_for_by_whoever_opens_it(tmp_path, copy, monkeypatch):
    monkeypatch.setattr(reader.load.cache, "WRITE_DELAY", 3600)  # the write starts only when hurried
    first = load_article(copy, cache=ArticleCache(tmp_path / "cache", min_bytes=0, later=True))
    other = ArticleCache(tmp_path / "cache", min_bytes=0, later=True)
    assert not other.entry_path(copy).exists()
    no_building(monkeypatch)
    assert load_article(copy, cache=other) == first  # a new cache object of the folder waits for the write
    assert other.entry_path(copy).is_file()


def test_the_programs_exit_finishes_background_writes(tmp_path, copy, monkeypatch):
    monkeypatch.setattr(reader.load.cache, "WRITE_DELAY", 3600)
    cache = ArticleCache(tmp_path / "cache", min_bytes=0, later=True)
    load_article(copy, cache=cache)
    assert not cache.entry_path(copy).exists()
    reader.load.cache._finish_writers()  # what the exit handler runs
    assert cache.entry_path(copy).is_file()
    assert not reader.load.cache._unfinished


def test_a_later_entry_that_cannot_be_written_is_no_error(tmp_path, copy):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    cache = ArticleCache(blocker / "cache", min_bytes=0, later=True)
    article = load_article(copy, cache=cache)
    cache.wait()
    assert load_article(copy, cache=cache) == article == load_article(copy)


def test_a_temporary_file_left_by_a_write_cut_short_is_removed_once_stale(tmp_path, copy):
    cache = ArticleCache(tmp_path / "cache", min_bytes=0)
    cache.folder.mkdir()
    old, new = cache.folder / ".cut-short.tmp", cache.folder / ".being-written.tmp"
    old.write_bytes(b"x")
    new.write_bytes(b"x")
    hours_ago = (time.time_ns() - 2 * reader.load.cache.STALE_TEMP_NS) // 10**9
    os.utime(old, (hours_ago, hours_ago))
    load_article(copy, cache=cache)
    assert not old.exists() and new.exists()  # another process may be writing the recent one


def test_background_writes_of_several_files_all_land(tmp_path, monkeypatch):
    monkeypatch.setattr(reader.load.cache, "WRITE_DELAY", 3600)
    cache = ArticleCache(tmp_path / "cache", min_bytes=0, later=True)
    paths = [Path(shutil.copy(BUNDLED, tmp_path / f"a{i}.yaml")) for i in range(3)]
    for path in paths:
        load_article(path, cache=cache)
    assert not cache.folder.exists()
    cache.wait()
    assert sorted(cache.folder.iterdir()) == sorted(cache.entry_path(p) for p in paths)
