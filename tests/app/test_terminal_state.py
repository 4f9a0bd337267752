"""Every screen at every size, a storm of resizes, and state and config files that fight back.

Read-only folders and full disks are simulated by monkeypatching ``os.replace`` / ``os.fsync``
to raise (the tests run as root, which ignores permissions).
"""

from __future__ import annotations

import errno
import os
import random
from pathlib import Path

import pytest
from textual.events import Resize
from textual.geometry import Size

from reader.settings import config as config_module
from reader.load import files as files_module
from reader.settings.config import Config, load_config, save_config
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.error import ErrorScreen
from reader.ui.screens.picker import PickerScreen
from reader.ui.screens.reading import ReadingScreen
from reader.settings.state import MAX_STATE_BYTES, Position, State, load_state
from tests.apphelpers import BUNDLED, assert_nothing_raw, make_app, notices, press, screen_rows
from tests.hostile import hostile_article

SIZES = [(20, 6), (21, 7), (30, 8), (40, 10), (59, 15), (60, 20), (80, 24), (99, 30), (100, 30),
         (139, 40), (140, 40), (200, 60), (300, 100)]
"""From the smallest supported terminal to a large one, with every layout breakpoint on both sides."""


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "mali.yaml").write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    hostile_article(folder / "hostile.yaml")
    (folder / "broken.yaml").write_text("id: x\ntitle: [unclosed\n", encoding="utf-8")
    return folder


async def _go_to(kind: str, app, pilot) -> None:
    """Bring the app to one of its screens."""
    await pilot.pause()
    assert isinstance(app.screen, PickerScreen)
    if kind == "picker":
        return
    entries = app.entries  # make_app read them all (the picker lists them from the index)
    if kind == "error":
        app.open_entry(next(e for e in entries if e.article is None))
    else:
        app.open_entry(next(e for e in entries if e.article is not None and e.article.id.startswith("mali")))
    await pilot.pause()
    if kind == "help":
        await press(pilot, "question_mark")


SCREEN_TYPES = {"picker": PickerScreen, "reading": ReadingScreen, "help": HelpScreen, "error": ErrorScreen}


@pytest.mark.parametrize("kind", list(SCREEN_TYPES))
async def test_every_screen_renders_at_every_size(tmp_path, kind):
    app = make_app(_folder(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await _go_to(kind, app, pilot)
        for width, height in SIZES:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            assert isinstance(app.screen, SCREEN_TYPES[kind]), (width, height)
            assert app.size == (width, height)
            rows = screen_rows(app)
            assert len(rows) == height
            assert_nothing_raw(app)
            if kind == "error" and height >= 8 and width >= 40:
                assert "could not be opened" in " ".join(" ".join(rows).split()), (width, height)
            if kind == "reading" and (width, height) in ((20, 6), (60, 20), (140, 40)):
                await press(pilot, "2", "tab", "i", "i", "s", "s")
                assert isinstance(app.screen, ReadingScreen)


async def test_a_storm_of_random_resizes(tmp_path):
    rng = random.Random(20250623)
    app = make_app(_folder(tmp_path))
    keys = ["]", "[", "}", "{", "i", "s", "e", "2", "tab"]  # no animated scrolls: they only slow the storm
    async with app.run_test(size=(100, 30)) as pilot:
        await _go_to("reading", app, pilot)
        for step in range(50):
            # as a terminal being dragged sends them: many resizes before the app catches up
            size = Size(rng.randint(20, 300), rng.randint(6, 100))
            app.post_message(Resize(size, size))  # what Pilot.resize_terminal posts, without its pause
            if step % 10 == 9:
                await pilot.press(rng.choice(keys))
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
        assert_nothing_raw(app)
        # still responsive: a jump still lands
        await press(pilot, "3")
        assert "ACCORD 3" in "\n".join(screen_rows(app)) or app.screen.view.top_location.section > 0


# --- state -----------------------------------------------------------------------------------

BAD_STATE = {
    "corrupt": b'{"positions": {"a": {"section": "x"',
    "empty": b"",
    "blank": b"   \n",
    "truncated": b'{"version": 1, "positions": {"mali": {"section": "cadre", "paragraph": 0, "off',
    "binary": bytes(range(256)),
    "not utf-8": '{"history": ["é"]}'.encode("latin-1"),
    "a list": b"[1, 2, 3]",
    "a string": b'"state"',
    "nul bytes": b'{"positions": {}}\x00\x00',
}


@pytest.mark.parametrize("case", list(BAD_STATE))
def test_unreadable_state_is_reported_and_never_overwritten(tmp_path, case):
    path = tmp_path / "state.json"
    path.write_bytes(BAD_STATE[case])
    state, problem = load_state(path)
    assert problem is not None and "left untouched" in problem.message
    assert problem.path == str(path)
    state.positions["mali"] = Position("cadre", 1, 2)
    assert state.save() is None
    assert path.read_bytes() == BAD_STATE[case]


def test_state_that_is_a_folder_or_a_loop(tmp_path):
    folder = tmp_path / "state.json"
    folder.mkdir()
    state, problem = load_state(folder)
    assert problem is not None
    assert state.save() is None and folder.is_dir()
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    state, problem = load_state(loop)
    assert problem is not None
    assert state.save() is None and loop.is_symlink()


def test_huge_state_is_refused(tmp_path):
    path = tmp_path / "state.json"
    path.write_bytes(b'{"history": ["' + b"x" * MAX_STATE_BYTES + b'"]}')
    before = path.stat().st_size
    state, problem = load_state(path)
    assert problem is not None and state.save() is None and path.stat().st_size == before


def test_odd_but_valid_state_keeps_what_it_can(tmp_path):
    path = tmp_path / "state.json"
    path.write_text('{"positions": {"a": {"section": "s", "paragraph": -1}, "b": {"section": "t", "offset": 3},'
                    ' "c": [1], "d": {"section": 5}}, "history": ["q", 7, null]}', encoding="utf-8")
    state, problem = load_state(path)
    assert problem is None
    assert state.positions == {"b": Position("t", 0, 3)} and state.history == ["q"]


def _raising(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))
    return fail


@pytest.mark.parametrize(("patched", "code"), [("replace", errno.EACCES), ("replace", errno.EROFS), ("fsync", errno.ENOSPC), ("replace", errno.ENOSPC)])
def test_state_on_a_read_only_or_full_disk(tmp_path, monkeypatch, patched, code):
    path = tmp_path / "state.json"
    path.write_text('{"version": 1, "positions": {}, "history": ["old"]}\n', encoding="utf-8")
    before = path.read_bytes()
    state, problem = load_state(path)
    assert problem is None
    state.history.append("new")
    monkeypatch.setattr(files_module.os, patched, _raising(code))
    problem = state.save()
    assert problem is not None and "not saved" in problem.message and os.strerror(code) in problem.message
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"], "a temporary file was left behind"


# --- config ----------------------------------------------------------------------------------

BAD_CONFIG = {
    "corrupt": b"theme: [newsprint\n",
    "truncated": b'theme: "news',
    "tab": b"\ttheme: newsprint\n",
    "binary": bytes(range(256)),
    "not utf-8": "theme: caf\xe9\n".encode("latin-1"),
    "utf-16": "theme: newsprint\n".encode("utf-16"),
    "a list": b"- newsprint\n",
    "wrong type": b"theme: 12\n",
    "unknown key": b"theme: newsprint\ncolour: red\n",
    "python tag": b"theme: !!python/object/apply:os.system [true]\n",
    "alias bomb": b"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                  b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                  b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                  b"g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n",
    "huge": b"# " + b"x" * (128 * 1024) + b"\ntheme: newsprint\n",
}


@pytest.mark.parametrize("case", list(BAD_CONFIG))
def test_unreadable_config_is_reported_and_never_overwritten(tmp_path, case):
    path = tmp_path / "config.yaml"
    path.write_bytes(BAD_CONFIG[case])
    config, problems = load_config(path)
    # what can be read is used (an unknown key does not void a good theme), the rest is reported
    assert config == (Config(theme="newsprint") if case == "unknown key" else Config()) and problems, case
    assert all(p.path == str(path) for p in problems)
    problem = save_config(Config(theme="newsprint"), path)
    assert problem is not None and "not saved" in problem.message
    assert path.read_bytes() == BAD_CONFIG[case]


@pytest.mark.parametrize("content", [b"", b"\n\n", b"# only a comment\n"])
def test_empty_config_means_the_defaults(tmp_path, content):
    path = tmp_path / "config.yaml"
    path.write_bytes(content)
    assert load_config(path) == (Config(), [])
    assert save_config(Config(theme="newsprint"), path) is None
    assert load_config(path) == (Config(theme="newsprint"), [])


def test_config_that_is_a_folder_or_a_loop(tmp_path):
    folder = tmp_path / "config.yaml"
    folder.mkdir()
    config, problems = load_config(folder)
    assert config == Config() and problems
    assert save_config(Config(theme="newsprint"), folder) is not None and folder.is_dir()
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    config, problems = load_config(loop)
    assert config == Config() and problems
    assert save_config(Config(theme="newsprint"), loop) is not None and loop.is_symlink()


@pytest.mark.parametrize(("patched", "code"), [("replace", errno.EACCES), ("replace", errno.EROFS), ("fsync", errno.ENOSPC)])
def test_config_on_a_read_only_or_full_disk(tmp_path, monkeypatch, patched, code):
    path = tmp_path / "config.yaml"
    path.write_text("theme: okabe-ito\n", encoding="utf-8")
    monkeypatch.setattr(files_module.os, patched, _raising(code))
    problem = save_config(Config(theme="newsprint"), path)
    assert problem is not None and "not saved" in problem.message
    assert path.read_text(encoding="utf-8") == "theme: okabe-ito\n"
    assert [p.name for p in tmp_path.iterdir()] == ["config.yaml"]


async def test_app_starts_with_broken_state_and_config_and_says_so(tmp_path, monkeypatch):
    state_path = tmp_path / "state.json"
    state_path.write_bytes(b'{"positions": ')
    config_path = tmp_path / "config.yaml"
    config_path.write_bytes(b"theme: [newsprint\n")
    state, state_problem = load_state(state_path)
    config, config_problems = load_config(config_path)
    startup = [str(state_problem)] + [str(p) for p in config_problems]
    app = make_app(state=state, config=config, config_path=config_path, notices=startup)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
        messages = " ".join(notices(app))
        assert "state.json" in messages and "config.yaml" in messages
        await pilot.press("t")  # a theme change tries to save the settings
        await pilot.pause()
        messages = " ".join(notices(app))
        assert "settings not saved" in messages
        await pilot.press("q")
    assert state.save() is None
    assert state_path.read_bytes() == b'{"positions": '
    assert config_path.read_bytes() == b"theme: [newsprint\n"


async def test_app_on_a_full_disk_reports_and_keeps_running(tmp_path, monkeypatch):
    config_path = tmp_path / "config.yaml"
    state = State(tmp_path / "state.json")
    app = make_app(state=state, config_path=config_path)
    monkeypatch.setattr(files_module.os, "fsync", _raising(errno.ENOSPC))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await press(pilot, "t")
        messages = " ".join(notices(app))
        assert "settings not saved" in messages and os.strerror(errno.ENOSPC) in messages
        await pilot.press("q")
    problem = state.save()
    assert problem is not None and os.strerror(errno.ENOSPC) in problem.message
    assert not config_path.exists() and not state.path.exists()
    assert list(tmp_path.iterdir()) == []


def test_config_module_writes_atomically(tmp_path, monkeypatch):
    """A crash in the middle of a write leaves the old file whole (the write goes to a temp file)."""
    path = tmp_path / "config.yaml"
    path.write_text("theme: okabe-ito\n", encoding="utf-8")
    calls = []

    def interrupted(*args, **kwargs):
        calls.append(args)
        raise KeyboardInterrupt

    monkeypatch.setattr(files_module.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        config_module.save_config(Config(theme="newsprint"), path)
    assert calls and path.read_text(encoding="utf-8") == "theme: okabe-ito\n"
    assert [p.name for p in tmp_path.iterdir()] == ["config.yaml"]


async def test_back_from_suspend_the_whole_screen_is_drawn_again(monkeypatch):
    """After ctrl+z and `fg` the terminal shows the shell's screen: every cell must be redrawn,
    not only what changed (a lost update once left a blank screen with only the footer). A layout
    refresh redraws the whole screen; the real terminal's side is tests/e2e/test_tmux.py."""
    from textual.driver import Driver

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        refreshes: list[dict] = []
        refresh = app.refresh

        def spy(*regions, **kwargs):
            refreshes.append(kwargs)
            return refresh(*regions, **kwargs)

        monkeypatch.setattr(app, "refresh", spy)
        await pilot.pause()
        assert not any(call.get("layout") for call in refreshes)
        app.post_message(Driver.SignalResume())
        await pilot.pause()
        assert any(call.get("layout") for call in refreshes)


@pytest.mark.parametrize("width", [20, 59, 60, 99, 100, 139, 140, 300])
async def test_the_reading_screen_is_born_with_the_width_class_textual_gives_it(width):
    """Built with its breakpoint class, the screen is styled once at start-up, not twice."""
    app = make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        names = {name for _, name in app.HORIZONTAL_BREAKPOINTS}
        assert app.screen.classes & names == {app.width_class()}  # what Textual set after resizing
