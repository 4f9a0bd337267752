"""ctrl+r in the picker: the feeds update in a worker against the local fixture server, new articles listed unread (Pilot)."""

from __future__ import annotations

from pathlib import Path

from reader.feeds.fetch import Limits
from reader.settings.config import Config, FeedSetting
from reader.settings.state import State
from reader.ui.app import ReaderApp
from tests.app.test_picker import picker_ready, relisted, text, write
from tests.apphelpers import press, record_notifications, wait_until, NOTIFIED
from tests.httpfixture import feed_server  # noqa: F401 - a fixture


async def test_ctrl_r_updates_the_feeds_and_lists_the_new_articles_unread(feed_server, tmp_path: Path, monkeypatch) -> None:
    record_notifications(monkeypatch)
    folder = tmp_path / "library"
    folder.mkdir()
    write(folder, "old.yaml", id="old", title="Un ancien article", published="2024-01-01")
    config = Config(feeds=(FeedSetting("rss2", feed_server.url("/rss2.xml")), FeedSetting("missing", feed_server.url("/missing.xml"))),
                    library=str(folder))
    state = State(tmp_path / "state.json", read={"old"})
    app = ReaderApp([], state=state, config=config, library=[folder])
    app.feed_limits = Limits(connect_timeout=2, read_timeout=2)
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        assert [row.article_id for row in picker.rows] == ["old"] and "0 unread" in text(picker, "#picker-unread")
        shown: list[str] = []
        show = picker.show_progress
        monkeypatch.setattr(picker, "show_progress", lambda text: (shown.append(text), show(text)))
        before = picker.refreshes
        await press(pilot, "ctrl+r")
        await relisted(pilot, picker, before)
        # the progress showed where the hint is, feed by feed, and went when the update ended
        assert "feeds 2/2 · " in " | ".join(shown) and " failed" in " | ".join(shown) and shown[-1] == ""
        new = [row for row in picker.rows if row.article_id != "old"]
        assert new and all(picker.is_unread(row) for row in new)
        assert f"{len(new)} unread" in text(picker, "#picker-unread")
        assert picker.busy == "" and "feeds" not in text(picker, "#picker-hint")
        said = " ".join(NOTIFIED.get(app, []))
        assert f"Feeds updated: {len(new)} new article" in said and "1 failed (missing)" in said
        # a second update finds nothing new
        before = picker.refreshes
        await press(pilot, "ctrl+r")
        await relisted(pilot, picker, before)
        assert len(picker.rows) == len(new) + 1
        assert "Feeds updated: 0 new articles" in " ".join(NOTIFIED.get(app, []))


async def test_ctrl_r_without_feeds_says_how_to_add_one(tmp_path: Path, monkeypatch) -> None:
    record_notifications(monkeypatch)
    write(tmp_path, "a.yaml", id="a", title="Un", published="2025-01-01")
    write(tmp_path, "b.yaml", id="b", title="Deux", published="2025-01-02")
    app = ReaderApp([], state=State(tmp_path / "state.json"), library=[tmp_path])
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        await press(pilot, "ctrl+r")
        await wait_until(pilot, lambda: any("reader feeds add" in n for n in NOTIFIED.get(app, [])), "the notice")
        assert picker.busy == ""
