"""The keymap in config.yaml: binding ids to keys, applied everywhere (keys, footer, help), strict and located."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.notifications import Notify
from textual.widgets import Input

from reader.settings.config import KeyChoice, load_config
from reader.ui.app import ReaderApp
from reader.ui.keymap import check_keymap, key_name_problem, normalised
from reader.ui.screens.help import HelpScreen, key_display
from reader.ui.widgets.legend import Legend
from tests.apphelpers import make_app, press, screen_rows, wait_until
from tests.paths import ROOT

ID = re.compile(r"(app|reading|view|search|results|picker|errors|help|review)\.[a-z][a-z0-9_]*\Z")
"""A binding id: the place it belongs to, a dot, what it does."""


def all_bindings() -> list[Binding]:
    """Every binding of the reader, each once, in the order of the places."""
    seen: dict[str, Binding] = {}
    for place in ReaderApp.binding_places():
        for binding in place.bindings:
            if binding.id and binding.id not in seen:
                seen[binding.id] = binding
    return list(seen.values())


def readme_table() -> str:
    """The README's table of binding ids (print it with `python -c "from tests.app.test_keymap import readme_table; print(readme_table())"`)."""
    rows = ["| binding id | default keys, as a keymap names them | what it does |", "| --- | --- | --- |"]
    for binding in all_bindings():
        names = []
        for key in normalised(binding.key):
            shown = key_display(key)
            names.append(f"`{key}`" if shown in (key, key.replace("escape", "esc")) or len(key) == 1 else f"`{key}` ({shown})")
        rows.append(f"| `{binding.id}` | {', '.join(names)} | {binding.description} |")
    return "\n".join(rows)


def config_app(tmp_path: Path, text: str) -> ReaderApp:
    """The app as `reader` starts it with this config.yaml: its problems become notices."""
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    config, problems = load_config(path)
    return make_app(config=config, notices=[str(p) for p in problems])


# the bindings and their ids


def test_every_binding_has_a_unique_place_action_id_and_a_description() -> None:
    ids = []
    textual_own = {b.action for b in Input.BINDINGS} | {"quit", "app.focus_next", "app.focus_previous",
                                                        "screen.copy_text", "command_palette"}
    for place in ReaderApp.binding_places():
        for binding in place.bindings:
            if binding.id is None:
                assert binding.system or binding.action in textual_own
                continue
            assert ID.match(binding.id), binding.id
            assert binding.description, binding.id
            ids.append(binding)
    by_id: dict[str, Binding] = {}
    for binding in ids:  # one id, one binding (a binding may be in several places)
        assert by_id.setdefault(binding.id, binding) is binding, binding.id
    assert len(by_id) >= 50


def test_every_class_with_bindings_is_a_place() -> None:
    # a screen or widget added with BINDINGS but left out of binding_places() would escape the keymap's checks
    import importlib
    import inspect
    import pkgutil

    import reader.ui

    placed = {b.id for place in ReaderApp.binding_places() for b in place.bindings}
    found = set()
    for module_info in pkgutil.walk_packages(reader.ui.__path__, "reader.ui."):
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and "BINDINGS" in vars(cls):
                found |= {b.id for b in vars(cls)["BINDINGS"] if isinstance(b, Binding)}
    assert found and found <= placed, found - placed


def test_the_default_keys_are_a_valid_keymap() -> None:
    # the reader's own keys, given as a keymap, are accepted whole: the checks do not refuse the defaults
    choices = [KeyChoice(b.id, b.key) for b in all_bindings()]
    keymap, problems = check_keymap(choices, ReaderApp.binding_places())
    assert problems == []
    assert keymap == {b.id: ",".join(normalised(b.key)) for b in all_bindings()}


def test_readme_lists_every_binding_id() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "| binding id |" in readme, "README.md has no table of binding ids (generate it with readme_table())"
    missing = [b.id for b in all_bindings() if f"`{b.id}`" not in readme]
    assert missing == []


# checking a keymap (no app needed)


def choice(binding: str, keys: str, line: int = 3) -> KeyChoice:
    return KeyChoice(binding, keys, "config.yaml", line, 3, line, 5 + len(binding))


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("x", None), ("N", None), ("?", None), ("slash", None), ("ctrl+s", None), ("alt+left", None), ("f12", None),
        ("space", None), ("right_square_bracket", None), ("ctrl+shift+up", None),
        ("pgdown", "'pgdown' is not a key name Textual knows (did you mean 'pagedown'?)"),
        ("ctrl+shft+x", "'shft' is not a modifier (ctrl, alt, shift, super, meta, hyper) (did you mean 'shift'?)"),
        ("Home", "key names are lower case ('home')"),
        ("solidus", "(Textual calls it 'slash')"),
        ("ctrl++", "the + key is called 'plus' (ctrl+plus)"),
        ("", "an empty key name"),
    ],
)
def test_key_names(key: str, expected: str | None) -> None:
    problem = key_name_problem(key)
    assert problem == expected if expected is None else expected in problem


def test_a_keymap_is_applied_as_given_and_normalised() -> None:
    keymap, problems = check_keymap([choice("reading.next_accord", "x"), choice("search.open", "/, ctrl+s")],
                                    ReaderApp.binding_places())
    assert problems == []
    assert keymap == {"reading.next_accord": "x", "search.open": "slash,ctrl+s"}


def test_bad_choices_are_located_and_left_out_the_rest_kept() -> None:
    choices = [choice("reading.next_acord", "x", 3), choice("view.down", "pgdown", 4), choice("reading.inspector", "o", 5),
               choice("app.help", "h,,", 6)]
    keymap, problems = check_keymap(choices, ReaderApp.binding_places())
    assert keymap == {"reading.inspector": "o"}
    assert [str(p) for p in problems] == [
        "config.yaml:3:3: unknown binding id 'reading.next_acord' in keymap (did you mean 'reading.next_accord'?); "
        "the README lists every id",
        "config.yaml:4:14: view.down: 'pgdown' is not a key name Textual knows (did you mean 'pagedown'?); it keeps its own keys",
        "config.yaml:6:13: app.help: an empty key name (two commas in a row, or one at an end?); it keeps its own keys",
    ]


@pytest.mark.parametrize(
    ("choices", "kept", "message"),
    [
        # a key another binding of the same screen has: the choice is refused, both keep their keys
        ([choice("reading.inspector", "q")], {}, "reading.inspector: 'q' is bound twice in the reading screen, also to app.quit"),
        ([choice("view.top", "tab")], {}, "view.top: 'tab' is bound twice in the reading screen, also to focus_next (Textual's own)"),
        # a text field with the keyboard: its own keys, and every key that types
        ([choice("picker.clear_filter", "ctrl+e")], {}, "'ctrl+e' is bound twice in the picker's filter, also to end (Textual's own)"),
        ([choice("search.results", "x")], {}, "'x' is bound twice in the search field, also to typing"),
        ([choice("picker.down", "shift+j")], {}, "'shift+j' is bound twice in the picker's filter, also to typing"),
        # two choices giving one key: the later is refused
        ([choice("reading.inspector", "o", 3), choice("reading.sidebar", "o", 4)], {"reading.inspector": "o"},
         "config.yaml:4:20: reading.sidebar: 'o' is bound twice in the reading screen, also to reading.inspector"),
        # the bar has the keyboard on the reading screen: its keys and the screen's count together
        ([choice("search.results", "n")], {}, "search.results: 'n' is bound twice in the search bar, also to search.next"),
    ],
)
def test_one_key_bound_twice_in_one_place_is_refused(choices: list[KeyChoice], kept: dict, message: str) -> None:
    keymap, [problem] = check_keymap(choices, ReaderApp.binding_places())
    assert keymap == kept
    assert message in str(problem)


def test_keys_freed_by_the_keymap_can_be_taken_and_swaps_work() -> None:
    choices = [choice("app.quit", "ctrl+x"), choice("reading.inspector", "q"),
               choice("reading.next_accord", "left_square_bracket"), choice("reading.previous_accord", "right_square_bracket")]
    keymap, problems = check_keymap(choices, ReaderApp.binding_places())
    assert problems == []
    assert keymap["reading.inspector"] == "q" and keymap["reading.next_accord"] == "left_square_bracket"


def test_different_places_may_share_a_key() -> None:
    # the picker and the reading screen are never active together; a key the reading screen takes is
    # typed while the search field has the keyboard, as its own keys are
    choices = [choice("picker.clear_filter", "ctrl+g"), choice("reading.sidebar", "ctrl+g"), choice("reading.highlights", "x")]
    keymap, problems = check_keymap(choices, ReaderApp.binding_places())
    assert problems == [] and len(keymap) == 3


# the keymap in the running app


KEYMAP = """\
theme: reader-dark
keymap:
  reading.highlights: x
  search.open: "slash,ctrl+s"
"""


async def test_a_remapped_key_acts_and_its_old_key_no_longer_does(tmp_path: Path) -> None:
    app = config_app(tmp_path, KEYMAP)
    async with app.run_test(size=(120, 40)) as pilot:
        legend = app.screen.query_one(Legend)
        assert legend.mode == "all"
        await press(pilot, "e")
        assert legend.mode == "all"
        await press(pilot, "x")
        assert legend.mode != "all"
        await press(pilot, "ctrl+s")
        assert app.screen.query_one("#search-bar").has_class("-open")


async def test_footer_and_help_show_the_remapped_keys(tmp_path: Path) -> None:
    app = config_app(tmp_path, KEYMAP)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "Search" in screen_rows(app)[-1], "the footer drawn")  # a frame after the text
        footer = screen_rows(app)[-1]
        assert "x Highlights" in footer and "e Highlights" not in footer
        assert "/ Search" in footer  # the first of the keys, as Textual shows one per binding
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        assert re.search(r"\bx\s+Highlights", text) and not re.search(r"\be\s+Highlights", text)
        assert re.search(r"/ ctrl\+s\s+Search\n", text)
        assert "/ ctrl+s then type" in text
        assert "esc closes" in str(app.screen.query_one("#help-title").render())


async def test_the_help_title_names_the_key_that_closes_it(tmp_path: Path) -> None:
    app = config_app(tmp_path, "keymap:\n  help.close: ctrl+w,escape\n")
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "question_mark")
        assert "↑↓ scroll · ctrl+w closes" in str(app.screen.query_one("#help-title").render())
        await press(pilot, "ctrl+w")
        assert not isinstance(app.screen, HelpScreen)


async def test_help_keeps_the_default_keys_without_a_keymap() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "question_mark")
        text = str(app.screen.query_one("#help-text").render())
        assert re.search(r"\be\s+Highlights", text) and "/ then type" in text and "(alt+c d w r a)" in text


BAD = """\
theme: reader-dark
keymap:
  reading.highlights: x
  nonsense: y
  view.down: pgdown
  reading.inspector: q
"""


def toasts_into(told: list[str]):
    """A message hook that appends each toast's text to ``told``, from the app's start on."""
    def hook(message: object) -> None:
        if isinstance(message, Notify):
            told.append(message.notification.message)
    return hook


async def test_a_bad_keymap_is_told_located_and_the_rest_still_applies(tmp_path: Path) -> None:
    app = config_app(tmp_path, BAD)
    path = tmp_path / "config.yaml"
    told: list[str] = []
    async with app.run_test(size=(120, 40), message_hook=toasts_into(told)) as pilot:
        assert told == [
            f"{path}:4:3: unknown binding id 'nonsense' in keymap; the README lists every id",
            f"{path}:5:14: view.down: 'pgdown' is not a key name Textual knows (did you mean 'pagedown'?); it keeps its own keys",
            f"{path}:6:22: reading.inspector: 'q' is bound twice in the reading screen, also to app.quit; "
            "give one of them another key (reading.inspector keeps its own keys)",
        ]
        assert app.keymap == {"reading.highlights": "x"}
        legend = app.screen.query_one(Legend)
        await press(pilot, "x")
        assert legend.mode != "all"
        await press(pilot, "i")  # the refused choice's binding keeps its own key
        assert app.screen.query_one("#inspector").display
        await press(pilot, "q")
    assert app.return_code == 0


def test_a_field_lets_keys_that_type_nothing_through() -> None:
    # escape, f-keys and ctrl/alt keys are not typed: a field's place may have them
    choices = [choice("search.clear", "escape,f2"), choice("picker.clear_filter", "escape,alt+x"), choice("search.results", "ctrl+g")]
    keymap, problems = check_keymap(choices, ReaderApp.binding_places())
    assert problems == [] and len(keymap) == 3


async def test_the_footer_is_rebuilt_once_for_changes_that_come_together() -> None:
    """A focus moving and a screen shown at once change the bindings twice: one rebuild of the footer's keys shows both."""
    from reader.ui.widgets.footer import KeysFooter

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "Search" in screen_rows(app)[-1], "the footer drawn")
        footer = app.screen.query_one(KeysFooter)
        rebuilds = []
        original = footer.recompose

        async def counted() -> None:
            rebuilds.append(1)
            await original()

        footer.recompose = counted
        app.screen.refresh_bindings()
        app.screen.refresh_bindings()  # two changes before the next frame
        await wait_until(pilot, lambda: rebuilds, "the footer rebuilt")
        await pilot.pause()
        assert len(rebuilds) == 1
        assert "Search" in screen_rows(app)[-1]


@pytest.mark.parametrize("size, shown, hidden", [
    ((120, 40), ["Search", "Inspector", "Page down"], []),
    ((80, 24), ["Search", "Accord", "Mention"], ["Insp"]),
    ((40, 12), ["Search", "Help"], ["Quit", "Section"]),
])
async def test_the_footer_shows_whole_keys_and_hides_those_that_do_not_fit(size, shown, hidden) -> None:
    """Textual's footer cut the last key at the edge ("i Insp"); a key is shown whole or not at all."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await wait_until(pilot, lambda: "Search" in screen_rows(app)[-1], "the footer drawn")
        await pilot.pause()
        last = screen_rows(app)[-1]
        words = last.replace("▏", " ").split()
        assert all(word in words for word in " ".join(shown).split()), last
        assert not any(word in words for word in hidden), last
        assert last.rstrip().endswith("^p palette")
        # after a resize wider, the hidden keys come back
        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: "Inspector" in screen_rows(app)[-1], "the keys shown again")


MANY_BAD = BAD + """\
  nonsense2: y
  nonsense3: y
  nonsense4: y
"""


async def test_many_start_up_problems_come_as_one_toast_that_points_to_reader_check(tmp_path: Path) -> None:
    """Six bad entries are not six toasts over half the screen: the first two, then how many more and where to see them."""
    app = config_app(tmp_path, MANY_BAD)
    path = tmp_path / "config.yaml"
    told: list[str] = []
    async with app.run_test(size=(120, 40), message_hook=toasts_into(told)) as pilot:
        assert len(told) == 1
        lines = told[0].splitlines()
        assert lines[0].startswith(f"{path}:4:3: unknown binding id 'nonsense'")
        assert lines[1].startswith(f"{path}:5:14: view.down:")
        assert lines[2] == "… and 4 more: `reader check` lists each, located"
        await press(pilot, "q")
