"""The help opened in the picker: the picker's own keys (as the keymap sets them) and how its filter reads."""

from __future__ import annotations

import re
from pathlib import Path

from reader.library.filters import KINDS
from reader.settings.config import Config, KeyChoice
from reader.ui.screens.help import PICKER_FILTER, HelpScreen
from reader.ui.screens.picker import PickerScreen
from tests.app.test_picker import library, make, picker_ready
from tests.apphelpers import press


def help_text(app) -> str:
    return str(app.screen.query_one("#help-text").render())


async def test_question_mark_in_the_picker_list_shows_the_picker_keys_and_the_filter(tmp_path: Path):
    app = make(library(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await picker_ready(pilot)
        await press(pilot, "tab", "question_mark")  # the list has the keyboard: ? is a command there
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        for keys, description in [("ctrl+s s", "Sort"), ("U", "Read/unread"), ("tab", "Filter / list"), ("/", "Filter"),
                                  ("esc", "Clear the filter"), ("ctrl+r", "Update feeds"), ("J", "Next article"),
                                  ("K", "Previous article"), ("m", "Set a mark")]:
            assert re.search(rf"(^|\n)\s*{re.escape(keys)}\s+{re.escape(description)}", text), (keys, description)
        assert "The filter" in text and "source:APA" in text and "accords:>2" in text and "draft:no" in text
        assert "Accords, sections, entities" not in text  # the reading screen's keys are not the picker's
        await press(pilot, "escape")
        assert isinstance(app.screen, PickerScreen)


async def test_f1_from_the_filter_shows_the_picker_help_with_the_keys_as_remapped(tmp_path: Path):
    config = Config(keymap=(KeyChoice("picker.sort", "ctrl+o"), KeyChoice("picker.read", "ctrl+g")))
    app = make(library(tmp_path), config=config)
    async with app.run_test(size=(120, 40)) as pilot:
        await picker_ready(pilot)
        await press(pilot, "f1")  # the filter has the keyboard: ? would be typed, f1 is help
        assert isinstance(app.screen, HelpScreen)
        assert app.notices == []  # both keys taken
        text = help_text(app)
        assert re.search(r"\n\s*ctrl\+o\s+Sort\n", text) and not re.search(r"ctrl\+s s\s+Sort", text)
        assert re.search(r"\n\s*ctrl\+g\s+Read/unread\n", text)


def test_the_filter_rows_name_every_filter_the_library_knows():
    shown = " ".join(keys for keys, _ in PICKER_FILTER)
    assert [kind for kind in KINDS if f"{kind}:" not in shown] == []
