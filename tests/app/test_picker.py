"""The picker over the library index: sorts, typed filters, read and unread, back from an article, J / K, marks (Pilot)."""

from __future__ import annotations

import json
from pathlib import Path

from textual.widgets import Input, Label

from reader.settings.state import State, load_state
from reader.ui.app import ReaderApp
from reader.ui.screens.error import ErrorScreen
from reader.ui.screens.key_prompt import KeyPrompt
from reader.ui.screens.picker import PickerScreen
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_list import ArticleList
from tests.apphelpers import press, screen_rows, wait_until


async def picker_ready(pilot) -> PickerScreen:
    """Wait until the picker lists its rows from the index (its first refresh runs in a worker)."""
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, PickerScreen) and pilot.app.screen.ready
                     and pilot.app.screen.refreshes > 0, "the picker's first listing")
    await pilot.pause()  # and painted
    return pilot.app.screen


async def relisted(pilot, picker: PickerScreen, before: int) -> None:
    """Wait until the picker's refresh after ``before`` ended (back from an article, after an update)."""
    await wait_until(pilot, lambda: picker.refreshes > before and picker.ready, "the picker's refresh")
    await pilot.pause()


def write(folder: Path, name: str, *, id: str, title: str, published: str, agency: str = "APA", accords: int = 0,
          person: str = "Assimi Goïta", text: str = "Le président parle.") -> Path:
    """A small valid article; ``accords`` numbered accords between two parties."""
    accord_items = "".join(
        f"  - {{id: accord-{n}, number: {n}, title: \"Accord {n}\", parties: [mali, russie], summary: \"Accord.\","
        f" anchor: {{section: lede}}}}\n" for n in range(1, accords + 1))
    body = f"""\
id: {id}
title: {json.dumps(title, ensure_ascii=False)}
language: fr
published: "{published}"
source: {{agency: {agency}}}
sections:
  - id: lede
    kind: lede
    heading: "Ouverture"
    paragraphs:
      - {json.dumps(text + " " + person + " au Mali et en Russie.", ensure_ascii=False)}
      - "Un deuxième paragraphe, pour avoir de quoi lire."
entities:
  - {{id: goita, type: person, name: {json.dumps(person, ensure_ascii=False)}, description: "Président", aliases: [{json.dumps(person, ensure_ascii=False)}]}}
  - {{id: mali, type: place, name: Mali, description: "Pays", aliases: [Mali]}}
  - {{id: russie, type: place, name: Russie, description: "Pays", aliases: [Russie]}}
"""
    if accords:
        body += "accords:\n" + accord_items
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def library(folder: Path) -> Path:
    """Four articles with different dates, sources and titles, and a broken file."""
    folder.mkdir(parents=True, exist_ok=True)
    write(folder, "a.yaml", id="alpha", title="Zinc à Kayes", published="2025-06-23", agency="APA")
    write(folder, "b.yaml", id="bravo", title="Accords de Moscou", published="2025-05-02", agency="AFP", person="Modibo Keïta")
    write(folder, "c.yaml", id="charlie", title="Budget de l’État", published="2024-12-01", agency="Reuters",
          text="Le gouvernement présente son budget.")
    write(folder, "d.yaml", id="delta", title="Marché de Ségou", published="2025-06-01", agency="APA", person="Awa Traoré")
    (folder / "z-broken.yaml").write_text("id: [oops\n", encoding="utf-8")
    return folder


def make(folder: Path, state: State | None = None, **kwargs) -> ReaderApp:
    """The app as `reader FOLDER` builds it: no article read before it is opened."""
    return ReaderApp([], state=state, library=[folder], **kwargs)


def ids(picker: PickerScreen) -> list[str]:
    return [row.article_id or row.path.name for row in picker.rows]


def text(picker: PickerScreen, selector: str) -> str:
    return str(picker.query_one(selector, Label).render())


async def test_the_picker_lists_from_the_index_and_reads_nothing_before_opening(tmp_path):
    app = make(library(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        assert app.entries == []  # painted from the index alone
        assert ids(picker) == ["alpha", "delta", "bravo", "charlie", "z-broken.yaml"]  # newest first, broken last
        assert text(picker, "#picker-count") == "5 articles"
        assert "4 unread" in text(picker, "#picker-unread") and "by date" in text(picker, "#picker-unread")
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, ReadingScreen) and app.screen.article.id == "delta"
        assert [e.article.id for e in app.entries] == ["delta"]  # only the one opened was read


async def test_sort_cycles_by_source_then_title_and_the_cursor_stays_on_its_article(tmp_path):
    app = make(library(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        await press(pilot, "down", "down")  # bravo
        await press(pilot, "ctrl+s")
        assert picker.sort == "source" and "by source" in text(picker, "#picker-unread")
        assert ids(picker)[:4] == ["bravo", "alpha", "delta", "charlie"]  # AFP, APA (newest first), Reuters
        assert picker.current.article_id == "bravo"
        await press(pilot, "ctrl+s")
        assert picker.sort == "title" and ids(picker)[:4] == ["bravo", "charlie", "delta", "alpha"]
        await press(pilot, "ctrl+s")
        assert picker.sort == "date"


async def test_typed_filters_and_prefix_words_with_the_count(tmp_path):
    app = make(library(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        await press(pilot, *"gouv")  # the start of a word of the text: "gouvernement"
        assert ids(picker) == ["charlie"] and text(picker, "#picker-count") == "1 of 5 articles"
        picker.filter_input.value = "source:APA"
        await pilot.pause()
        assert ids(picker) == ["alpha", "delta"] and text(picker, "#picker-count") == "2 of 5 articles"
        picker.filter_input.value = "person:goita date:2025-06"
        await pilot.pause()
        assert ids(picker) == ["alpha"]
        picker.filter_input.value = "broken:yes"
        await pilot.pause()
        assert ids(picker) == ["z-broken.yaml"]
        # a filter that cannot be applied says why, and the list stays as it was
        picker.filter_input.value = "persn:goita"
        await pilot.pause()
        assert "did you mean 'person:'" in text(picker, "#picker-hint") and ids(picker) == ["z-broken.yaml"]


async def test_a_name_that_is_no_filter_is_said_when_it_keeps_nothing(tmp_path):
    """`foo:bar` is read as words (a colon may be in a title); when that keeps nothing, the hint says so."""
    app = make(library(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        picker = await picker_ready(pilot)
        picker.filter_input.value = "foo:bar"
        await wait_until(pilot, lambda: not ids(picker), "nothing listed")
        hint = text(picker, "#picker-hint")
        assert "foo: is no filter, read as words (f1 lists the filters)" in hint
        picker.filter_input.value = "gouv"  # a filter that keeps something: the usual hint
        await wait_until(pilot, lambda: ids(picker) == ["charlie"], "the article listed")
        assert "is no filter" not in text(picker, "#picker-hint")


async def test_accords_and_draft_filters(tmp_path):
    write(tmp_path, "a.yaml", id="many", title="Trois accords", published="2025-06-23", accords=3)
    write(tmp_path, "b.yaml", id="one", title="Un accord", published="2025-06-22", accords=1)
    app = make(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        await press(pilot, *"accords:>2")
        assert ids(picker) == ["many"] and text(picker, "#picker-count") == "1 of 2 articles"
        picker.filter_input.value = "draft:yes"
        await pilot.pause()
        assert ids(picker) == [] and text(picker, "#picker-count") == "0 of 2 articles"


async def test_q_in_an_article_goes_back_to_the_picker_at_its_row_with_the_filter_kept(tmp_path):
    app = make(library(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        await press(pilot, *"apa", "down", "enter")
        assert isinstance(app.screen, ReadingScreen) and app.screen.article.id == "delta"
        before = picker.refreshes
        await press(pilot, "q")
        assert app.screen is picker and app.is_running
        await relisted(pilot, picker, before)
        assert picker.filter_input.value == "apa" and picker.current.article_id == "delta"
        # a broken file's problems: q goes back too
        await press(pilot, "escape", *"broken", "enter")
        assert isinstance(app.screen, ErrorScreen)
        await press(pilot, "q")
        assert app.screen is picker


async def test_q_types_into_the_filter_but_quits_from_the_list(tmp_path):
    app = make(library(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        await press(pilot, "q")
        assert picker.filter_input.value == "q" and app.is_running  # a letter of the filter
        await press(pilot, "escape")  # clears the filter
        assert picker.filter_input.value == "" and isinstance(app.focused, Input)
        await press(pilot, "escape")  # an empty filter: the list takes the keyboard
        assert isinstance(app.focused, ArticleList)
        await press(pilot, "q")
        assert app.return_value == 0 and not app.is_running


async def test_ctrl_q_quits_from_an_article_opened_from_the_picker(tmp_path):
    app = make(library(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await picker_ready(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, ReadingScreen)
        await press(pilot, "ctrl+q")
        assert not app.is_running


async def test_read_and_unread_bold_counted_toggled_and_saved(tmp_path):
    state_path = tmp_path / "state" / "state.json"
    folder = library(tmp_path / "lib")
    state, _ = load_state(state_path)
    app = make(folder, state=state)
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        rows = picker.article_list
        assert "4 unread" in text(picker, "#picker-unread")
        first = rows.render_line(0)
        assert any(seg.style and seg.style.bold for seg in first if seg.text.strip())  # unread: bold
        await press(pilot, "enter")  # opening reads it
        before = picker.refreshes
        await press(pilot, "q")
        await relisted(pilot, picker, before)
        assert "alpha" in state.read and "3 unread" in text(picker, "#picker-unread")
        await press(pilot, "tab", "down", "U")  # the list has the keyboard: U marks delta read
        assert state.read == {"alpha", "delta"} and "2 unread" in text(picker, "#picker-unread")
        await press(pilot, "up", "U")  # and alpha unread again
        assert state.read == {"delta"}
        assert not any(seg.style and seg.style.bold for seg in rows.render_line(2) if seg.text.strip() and "Marché" in seg.text)
    assert state.save() is None
    again, problem = load_state(state_path)
    assert problem is None and again.read == {"delta"}


def test_read_state_merges_with_another_instance(tmp_path):
    path = tmp_path / "state.json"
    one, _ = load_state(path)
    two, _ = load_state(path)
    one.read.add("a")
    assert one.save() is None
    two.read.add("b")
    assert two.save() is None
    merged, _ = load_state(path)
    assert merged.read == {"a", "b"}
    merged.read.discard("a")  # unread in one instance stays unread when the other saves
    assert merged.save() is None
    assert two.save() is None
    assert load_state(path)[0].read == {"b"}


async def test_J_and_K_open_the_next_and_previous_article_in_the_picker_order(tmp_path):
    app = make(library(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        await press(pilot, "enter")
        assert app.screen.article.id == "alpha"
        await press(pilot, "J")
        assert isinstance(app.screen, ReadingScreen) and app.screen.article.id == "delta"
        assert len(app.screen_stack) == 3  # the picker under it, not a pile of articles
        await press(pilot, "J", "J")
        assert app.screen.article.id == "charlie"
        await press(pilot, "K")
        assert app.screen.article.id == "bravo" and picker.current.article_id == "bravo"
        await press(pilot, "K", "K", "K")
        assert app.screen.article.id == "alpha"  # stops at the first


async def test_marks_set_jump_across_articles_and_back(tmp_path):
    state = State(tmp_path / "state.json")
    app = make(library(tmp_path / "lib"), state=state)
    async with app.run_test(size=(100, 12)) as pilot:
        await picker_ready(pilot)
        await press(pilot, "enter")
        alpha = app.screen
        await press(pilot, "m")
        assert isinstance(app.screen, KeyPrompt)
        await press(pilot, "A")  # a capital mark: found from any article
        assert app.screen is alpha and state.marks["A"].article == "alpha"
        await press(pilot, "J")
        assert app.screen.article.id == "delta"
        await press(pilot, "apostrophe", "A")
        assert isinstance(app.screen, ReadingScreen) and app.screen.article.id == "alpha"
        await press(pilot, "apostrophe", "apostrophe")  # '' goes back to where the jump left
        assert app.screen.article.id == "delta"
        await press(pilot, "apostrophe", "x")  # no such mark: said, nothing moves
        assert app.screen.article.id == "delta"


async def test_a_small_letter_mark_stays_in_its_article(tmp_path):
    from tests.apphelpers import BUNDLED, make_app

    state = State(tmp_path / "state.json")
    app = make_app(BUNDLED, state=state)
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        screen = app.screen
        await press(pilot, "m", "a")
        top = screen.view.top_location
        await press(pilot, "G")
        assert screen.view.top_location != top
        await press(pilot, "apostrophe", "a")
        assert screen.view.top_location.section == top.section and screen.view.top_location.paragraph == top.paragraph
        key = f"{screen.article.id}'a"
        assert key in state.marks
    assert state.save() is None
    assert key in load_state(tmp_path / "state.json")[0].marks


async def test_in_a_big_library_lists_come_from_a_worker_and_enter_waits_for_the_last(tmp_path):
    app = make(library(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        picker.list_in_worker_from = 0  # as in a library of thousands: every key's list is made in a worker
        await pilot.press(*"source:apa", "enter")  # typed at once: each key overtakes the listing before
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen), "the article opened")
        assert app.screen.article.id == "alpha" and picker.filter_input.value == "source:apa"
        assert ids(picker) == ["alpha", "delta"] and not picker.listing
        assert text(picker, "#picker-count") == "2 of 5 articles"


async def test_the_help_lists_the_keys_between_articles_with_a_library(tmp_path):
    from reader.ui.screens.help import HelpScreen

    app = make(library(tmp_path))
    async with app.run_test(size=(100, 60)) as pilot:
        await picker_ready(pilot)
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "end")  # the last group
        shown = " ".join(screen_rows(app))
        assert "Next article" in shown and "Set a mark" in shown and "back to the list" in shown


async def test_a_small_library_is_linked_whole_when_the_inspector_asks(tmp_path):
    app = make(library(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await picker_ready(pilot)
        await press(pilot, "enter")
        alpha = app.screen.article
        assert [e.article.id for e in app.entries] == ["alpha"]  # only the opened one is read to open it
        goita = alpha.entities_by_id["goita"]
        # asked for links, the library (small) is read whole: the others name an entity of the same id
        assert {found.article.id for found in app.links().elsewhere(alpha, goita)} == {"bravo", "charlie", "delta"}


async def test_esc_with_nothing_else_to_close_goes_back_to_the_picker(tmp_path):
    app = make(library(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        await press(pilot, *"apa", "enter")
        reading = app.screen
        assert isinstance(reading, ReadingScreen)
        await press(pilot, "slash", *"kayes", "enter")
        await wait_until(pilot, lambda: reading.search.active, "the search")
        # Esc closes the bar, then clears the search; the article stays until nothing else is left to close
        presses = 0
        while app.screen is reading and presses < 4:
            something_open = reading.search_bar.is_open or reading.search.active
            await press(pilot, "escape")
            presses += 1
            if something_open:
                assert app.screen is reading
        await wait_until(pilot, lambda: app.screen is picker, "back to the picker")
        assert presses >= 2
        assert picker.filter_input.value == "apa"


def test_reader_library_without_a_library_folder_says_so(tmp_path, monkeypatch, capsys):
    from reader.cli.main import main

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main(["--library"]) == 2
    said = capsys.readouterr().err
    assert "the library folder" in said and "does not exist yet" in said and str(tmp_path / "data") in said


def test_reader_library_opens_the_library_folder_in_the_picker(tmp_path, monkeypatch):
    from reader.cli import main as cli

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    folder = library(tmp_path / "data" / "reader" / "articles")
    opened: list[list[Path]] = []
    monkeypatch.setattr("reader.ui.app.run_app", lambda paths, theme=None: opened.append(list(paths)) or 0)
    assert cli.main(["--library"]) == 0 and opened == [[folder]]


# long titles in long lists -------------------------------------------------------------------------

LONG_WORDS = "accord de coopération sur l’énergie nucléaire civile et la formation des cadres entre Bamako et Moscou"


def many_rows(count: int) -> list:
    """``count`` rows as the index lists them, every third one's title too long for one line (the last one's too)."""
    from reader.library.rows import Row

    def title(n: int) -> str:
        return f"Titre {n} : {LONG_WORDS} n° {n}" if n % 3 == 0 or n == count - 1 else f"Titre {n}"

    return [Row(f"a-{n:05d}.yaml", 1, "", f"art-{n:05d}", title(n), "2025-01-01", "APA", "fr", 0, 0) for n in range(count)]


async def show_many(pilot, count: int) -> tuple[PickerScreen, ArticleList]:
    """The picker showing ``count`` made-up rows (as a big library's listing would), the list with the keyboard."""
    picker = await picker_ready(pilot)
    picker.rows = many_rows(count)
    picker.article_list.set_rows(picker.rows)
    picker.article_list.focus()
    await pilot.pause()
    return picker, picker.article_list


def title_on_screen(app, n: int) -> list[str]:
    """The screen lines of row ``n``'s title (its first line, then the lines hanging under it), stripped."""
    rows = [row[:app.size[0] - 1] for row in screen_rows(app)]  # the scrollbar's column left out
    first = next(y for y, row in enumerate(rows) if f"Titre {n} " in row)
    lines = [rows[first].strip()]
    for row in rows[first + 1:]:
        if not row.startswith("   ") or row.startswith("   2025"):  # a hanging line, or the details
            break
        lines.append(row.strip())
    return lines


def whole_title(n: int) -> str:
    return f"Titre {n} : {LONG_WORDS} n° {n}"


def cursor_in_view(list_: ArticleList) -> bool:
    """Every line of the cursor's row is in sight."""
    top, height = round(list_.scroll_y), list_.scrollable_content_region.height
    first, end = list_.index_range(list_.cursor)
    return top <= first and end <= top + height


async def test_long_titles_wrap_whole_in_a_list_of_thousands_laid_out_after_the_frame(tmp_path):
    app = make(library(tmp_path))
    async with app.run_test(size=(60, 30)) as pilot:
        picker, list_ = await show_many(pilot, 3_000)
        lines = title_on_screen(app, 3)
        assert len(lines) > 1 and " ".join(lines) == whole_title(3)  # every word, whole, in order: nothing cut
        assert "…" not in "".join(lines)
        await wait_until(pilot, lambda: list_.laid_out, "the list laid out")
        # measured in the background, the list has the height a whole layout gives
        assert list_.virtual_size.height == sum(len(list_.lines_of(i)) for i in range(3_000)) > 2 * 3_000


async def test_G_shows_the_last_long_title_whole_before_the_rest_is_laid_out(tmp_path, monkeypatch):
    monkeypatch.setattr("reader.ui.widgets.article_list.REFINE_AFTER", 3_600.0)  # the background layout never comes
    app = make(library(tmp_path))
    async with app.run_test(size=(60, 30)) as pilot:
        picker, list_ = await show_many(pilot, 5_000)
        await press(pilot, "G")
        assert list_.cursor == 4_999 and not list_.laid_out and cursor_in_view(list_)
        assert " ".join(title_on_screen(app, 4_999)) == whole_title(4_999)
        assert round(list_.scroll_y) == list_.max_scroll_y  # the end of the list at the bottom, no blank below
        await press(pilot, "g")
        assert list_.cursor == 0 and round(list_.scroll_y) == 0
        assert " ".join(title_on_screen(app, 0)) == whole_title(0)


async def test_cursor_moves_keep_the_whole_row_in_view_while_the_layout_runs(tmp_path, monkeypatch):
    monkeypatch.setattr("reader.ui.widgets.article_list.REFINE_AFTER", 3_600.0)  # as if the background were always behind
    app = make(library(tmp_path))
    async with app.run_test(size=(60, 24)) as pilot:
        picker, list_ = await show_many(pilot, 5_000)
        for key in ["j"] * 12 + ["pagedown"] * 3 + ["k"] * 9 + ["pageup"] + ["G"] + ["k"] * 7 + ["pageup"] * 2:
            await press(pilot, key)
            assert cursor_in_view(list_), f"after {key}, row {list_.cursor} is not whole in view"
            top = list_.index_at(round(list_.scroll_y))
            at_end = round(list_.scroll_y) == list_.max_scroll_y  # the list's end on the last line may cut the top row
            assert list_.index_range(top)[0] == round(list_.scroll_y) or at_end, f"after {key}, part of a row at the top"
        # a click lands on the row drawn there (its title's third line or its details)
        target = list_.index_at(round(list_.scroll_y) + 7)
        assert target != list_.cursor
        await pilot.click(list_, offset=(5, 7))
        assert list_.cursor == target


async def test_the_rows_in_sight_stay_still_while_the_rest_is_laid_out(tmp_path):
    app = make(library(tmp_path))
    async with app.run_test(size=(60, 24)) as pilot:
        picker, list_ = await show_many(pilot, 20_000)
        await press(pilot, "G")
        await press(pilot, *["k"] * 5)
        before = screen_rows(app)[3:-1]
        await wait_until(pilot, lambda: list_.laid_out, "the list laid out")
        await pilot.pause()
        assert screen_rows(app)[3:-1] == before and cursor_in_view(list_) and list_.cursor == 19_994


def test_row_lines_start_and_find_rows_as_a_running_sum_does():
    import random
    from itertools import accumulate

    from reader.ui.widgets.article_list import RowLines

    rng = random.Random(12)
    for count in (1, 2, 7, 8, 9, 300):
        lines, heights = RowLines(count), [2] * count
        for _ in range(2 * count):  # rows measured in any order, some twice
            index, height = rng.randrange(count), rng.randint(2, 7)
            lines.set(index, height)
            heights[index] = height
        starts = list(accumulate(heights, initial=0))
        assert [lines.start(i) for i in range(count + 1)] == starts and lines.total == starts[-1]
        assert [lines.index_at(line) for line in range(starts[-1] + 2)] == \
            [min(count - 1, max(i for i in range(count) if starts[i] <= line)) for line in range(starts[-1] + 2)]


def test_the_quick_cell_count_never_says_less_than_the_cells():
    from rich.cells import cell_len

    from reader.ui.widgets.article_list import cells

    for text in ["Kayes", "l’énergie « nucléaire »", "Mali 日本 Russie", "e\u0301té", "⌚ montre", "한국", "🇲🇱 Mali"]:
        assert cells(text) >= cell_len(text)
        assert cells(text) == cell_len(text) or "\u0301" in text  # exact but for a combining mark (counted one)


async def test_G_typed_right_after_tab_goes_to_the_list_not_the_filter(tmp_path):
    app = make(library(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        await pilot.press("tab", "G")  # no pause: tab sends the keyboard to the list at once
        await pilot.pause()
        assert picker.filter_input.value == "" and picker.current.path.name == "z-broken.yaml"  # the last row
        await pilot.press("g", "tab", "s")  # and back: s is a letter of the filter there
        await pilot.pause()
        assert picker.filter_input.value == "s" and app.focused is picker.filter_input


async def test_the_hint_says_what_typing_does_where_the_keyboard_is(tmp_path):
    app = make(library(tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        picker = await picker_ready(pilot)
        assert "type to filter" in text(picker, "#picker-hint")
        await press(pilot, "tab")  # the list has the keyboard: letters are commands there
        await wait_until(pilot, lambda: "j/k move" in text(picker, "#picker-hint"), "the list's hint")
        assert "type to filter" not in text(picker, "#picker-hint")
        await press(pilot, "slash")
        await wait_until(pilot, lambda: "type to filter" in text(picker, "#picker-hint"), "the filter's hint")
