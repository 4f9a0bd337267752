"""The picker's ctrl+r toast names the feeds that failed, and says how many it does not name (never a silent cut)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.feeds.fetch import Limits
from reader.settings.config import Config, FeedSetting
from reader.settings.state import State
from reader.ui.app import ReaderApp
from reader.ui.routes import _some
from tests.app.test_picker import picker_ready, relisted, write
from tests.apphelpers import press, record_notifications, NOTIFIED
from tests.httpfixture import feed_server  # noqa: F401 - a fixture


@pytest.mark.parametrize("names, said", [
    (["a"], "a"),
    (["a", "b", "c"], "a, b, c"),
    (["a", "b", "c", "d"], "a, b, c, d"),  # never "and 1 more": that name is said instead
    (["a", "b", "c", "d", "e"], "a, b, c and 2 more"),
])
def test_some_names(names: list[str], said: str):
    assert _some(iter(names)) == said


@pytest.mark.parametrize("failing, said", [
    (4, "4 failed (broken1, broken2, broken3, broken4)"),
    (6, "6 failed (broken1, broken2, broken3 and 3 more)"),
])
async def test_the_toast_counts_the_failed_feeds_it_does_not_name(feed_server, tmp_path: Path, monkeypatch, failing: int,
                                                                  said: str) -> None:
    record_notifications(monkeypatch)
    folder = tmp_path / "library"
    folder.mkdir()
    write(folder, "old.yaml", id="old", title="Un ancien article", published="2024-01-01")
    feeds = tuple(FeedSetting(f"broken{n}", feed_server.url("/missing.xml")) for n in range(1, failing + 1))
    app = ReaderApp([], state=State(tmp_path / "state.json"), config=Config(feeds=feeds, library=str(folder)), library=[folder])
    app.feed_limits = Limits(connect_timeout=2, read_timeout=2)
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        before = picker.refreshes
        await press(pilot, "ctrl+r")
        await relisted(pilot, picker, before)
        toast = next(n for n in NOTIFIED.get(app, []) if n.startswith("Feeds updated"))
        assert toast == f"Feeds updated: 0 new articles, {said}"
