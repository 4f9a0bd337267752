"""Bad files in the app: each opens its error screen at the right place, Esc goes back, bad user
themes are named, and the good article still opens beside them (the corpus: tests/hostile_files.py)."""

from __future__ import annotations

import shutil


from reader.ui.app import ReaderApp
from reader.ui.screens.error import ErrorScreen
from reader.ui.screens.picker import PickerScreen
from reader.ui.screens.reading import ReadingScreen
from tests.app.test_picker import picker_ready
from tests.apphelpers import make_app, notices, press
from tests.hostile_files import (
    ARTICLE_CASES, EXPECTED, GENERATED, GOOD, HOSTILE, LONG, RAW, THEME_CASES, folder_with, load_entries_within,
    make_huge, make_thousand,
)


def _error_text(app) -> str:
    return str(app.screen.query_one("#error-text").render())


async def _open_from_picker(app, pilot, index: int) -> None:
    picker = app.screen
    assert isinstance(picker, PickerScreen)
    picker.article_list.cursor = index
    await press(pilot, "enter")


def _sample() -> list[str]:
    """A few corpus files of each kind (the prefix of their name), for the slower UI test."""
    picked: dict[str, list[str]] = {}
    for name in ARTICLE_CASES:
        kind = name.split("-")[0]
        if len(picked.setdefault(kind, [])) < 1:
            picked[kind].append(name)
    extra = ["escape-in-key.yaml", "markup-in-key.yaml", "alias-bomb.yaml", "nul-byte.yaml", "latin-1.yaml", "utf-16.yaml"]
    return sorted({*sum(picked.values(), []), *extra})


UI_SAMPLE = ARTICLE_CASES if LONG else _sample()
"""Every bad article in the long run; a sample of each kind in the normal one (each error screen
takes about half a second to open and close)."""


async def test_app_shows_bad_articles_on_their_error_screen(tmp_path):
    """One folder with bad articles and one good one: each bad file opens its error screen
    at the right place, Esc goes back, and the good article still opens."""
    folder = folder_with(tmp_path, UI_SAMPLE)
    app = make_app(folder)
    failures = []
    async with app.run_test(size=(120, 40)) as pilot:
        picker = await picker_ready(pilot)
        rows = picker.rows
        assert len(rows) == len(UI_SAMPLE) + 1
        for index, row in enumerate(rows):
            name = row.path.name
            if name == "zz-good.yaml":
                assert row.loaded
                continue
            if row.loaded:
                failures.append(f"{name}: loaded as an article")
                continue
            await _open_from_picker(app, pilot, index)
            if not isinstance(app.screen, ErrorScreen):
                failures.append(f"{name}: no error screen ({type(app.screen).__name__})")
                continue
            text = _error_text(app)
            case = EXPECTED[name]
            line, column = case["at"].split(":")
            if f"{line}:{column}" not in text or (case["says"] not in text and not case.get("bug")):
                failures.append(f"{name}: want {case['at']} …{case['says']}…, screen says:\n{text}")
            if "Traceback" in text or any(raw in text for raw in RAW):
                failures.append(f"{name}: traceback or raw control character on the error screen")
            await press(pilot, "escape")
            if not isinstance(app.screen, PickerScreen):
                failures.append(f"{name}: Esc did not go back to the picker")
                break
        good = next(i for i, row in enumerate(app.screen.rows) if row.path.name == "zz-good.yaml")
        await _open_from_picker(app, pilot, good)
        assert isinstance(app.screen, ReadingScreen) and app.screen.article.id == "mini"
    assert not failures, "\n".join(failures)


async def test_app_starts_with_bad_user_themes_and_names_them(tmp_path):
    themes = tmp_path / "user-themes"
    themes.mkdir()
    for name in THEME_CASES:
        shutil.copyfile(HOSTILE / name, themes / name)
    app = make_app(GOOD, user_themes_dir=themes)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
        shown = " ".join(notices(app))
        assert "could not be loaded" in shown
        for name in THEME_CASES:
            assert name in shown, f"{name} not named in the notice"
        assert app.theme not in ("hostile-theme",)


APP_GENERATED = [k for k, v in GENERATED.items() if not v.bug and k not in ("70 MB file", "a folder of 1000 articles, one bad")]
"""The generated cases the app test puts in one folder (the big ones have their own test)."""


async def test_app_opens_the_good_article_beside_generated_cases(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    says = {}
    for case in APP_GENERATED:
        spec = GENERATED[case]
        target = spec.make(folder)
        if target.is_dir():  # a folder case: its contents go in the folder
            for child in target.iterdir():
                child.rename(folder / child.name)
            target.rmdir()
            target = folder / spec.shown
        says[target.name] = spec.says
    shutil.copyfile(GOOD, folder / "zz-good.yaml")
    loaded = load_entries_within([folder], 60)
    assert loaded is not None, "loading the folder hung"
    entries, _ = loaded
    app = ReaderApp(entries)
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        broken = {row.path.name: i for i, row in enumerate(picker.rows) if not row.loaded}
        # a folder named x.yaml is no article file: the index lists none (the folder's listing problems are told)
        assert set(broken) == (set(says) - {"x.yaml"}) | {"loop-b.yaml"}
        says["loop-b.yaml"] = "cannot read"
        for name, index in broken.items():
            await _open_from_picker(app, pilot, index)
            assert isinstance(app.screen, ErrorScreen), name
            text = _error_text(app)
            assert says[name] in text and not any(raw in text for raw in RAW), text
            await press(pilot, "escape")
        good = next(i for i, row in enumerate(app.screen.rows) if row.loaded)
        await _open_from_picker(app, pilot, good)
        assert isinstance(app.screen, ReadingScreen)


async def test_app_with_a_thousand_articles_and_a_huge_one(tmp_path):
    many = make_thousand(tmp_path)
    make_huge(many)
    app = make_app(many)
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        assert len(picker.rows) == 1001
        broken = [i for i, row in enumerate(picker.rows) if not row.loaded]
        assert {picker.rows[i].path.name for i in broken} == {"a0500.yaml", "huge.yaml"}
        for index in broken:
            await _open_from_picker(app, pilot, index)
            assert isinstance(app.screen, ErrorScreen)
            text = _error_text(app)
            assert "YAML syntax error" in text or "over the limit" in text
            await press(pilot, "escape")
        await _open_from_picker(app, pilot, 0)
        assert isinstance(app.screen, ReadingScreen)


async def test_error_screen_shows_the_located_control_character(tmp_path):
    path = tmp_path / "ctl.yaml"
    path.write_bytes(GOOD.read_bytes().replace(b'title: "Mali', b'title: "\x1bMali'))
    app = make_app(path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        text = str(app.screen.query_one("#error-text").render())
    assert "4:9" in text and "U+001B (ESC)" in text and "<unicode string>" not in text
    assert "\x1b" not in text
