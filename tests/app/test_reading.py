"""Pilot tests: every binding of the reading screen, and where the view lands."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from reader.ui.screens.help import HelpScreen
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.article_view import HIGHLIGHT_MODES, ArticleView
from reader.ui.widgets.inspector import Inspector
from reader.ui.widgets.sidebar import AccordList
from tests.apphelpers import BUNDLED, make_app, notices, palette, press, screen_rows, small_article, view_lines, wait_until

SECTIONS = ["lede", "visite", "commission", "nucleaire", "cadre", "raffinerie", "contexte", "poutine", "goita", "programme", "signature"]


def top_section(app) -> str:
    screen = app.screen
    return screen.article.sections[screen.view.top_location.section].id


async def test_opens_bundled_article_with_header_sidebar_and_status():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
        assert app.screen.title.startswith("Mali–Russie")
        assert "APA" in app.screen.sub_title and "2025-06-23" in app.screen.sub_title
        accords = app.screen.query_one(AccordList)
        assert [o.id for o in accords.options] == ["accord-commission", "accord-nucleaire", "accord-cadre", "raffinerie-senou"]
        status = str(app.screen.query_one("#status").render())
        assert "§ 1/11" in status
        assert app.focused is app.screen.view


async def test_digit_jumps_to_accord_and_marks_it():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "2")
        assert top_section(app) == "nucleaire"
        assert app.screen.query_one(AccordList).marked == "accord-nucleaire"
        lines = [line.strip() for line in view_lines(app) if line.strip()]
        assert lines[0] == "▌ ACCORD 2"  # the gutter marks the accord being read
        assert lines[1].startswith("▌ Deuxième accord")
        assert "Accord 2" in str(app.screen.query_one("#status").render())
        assert app.focused is app.screen.view  # marking never moves the focus
        await press(pilot, "1")
        # accord 1 is anchored on a quote inside its section: that sentence shows near the top
        assert any("Le premier acte la création" in line for line in view_lines(app)[:6])
        assert app.screen.query_one(AccordList).marked == "accord-commission"


async def test_digit_beyond_the_accords_warns():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "7")
        assert top_section(app) == "lede"
        assert any("3 accords" in m for m in notices(app))


async def test_next_and_previous_accord_include_the_dossier():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        seen = []
        for _ in range(4):
            await press(pilot, "right_square_bracket")
            seen.append(app.screen.query_one(AccordList).marked)
        assert seen == ["accord-commission", "accord-nucleaire", "accord-cadre", "raffinerie-senou"]
        await press(pilot, "left_square_bracket")
        assert app.screen.query_one(AccordList).marked == "accord-cadre"
        assert top_section(app) == "cadre"


async def test_next_and_previous_section():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "right_curly_bracket", "right_curly_bracket")
        assert top_section(app) == "commission"
        await press(pilot, "left_curly_bracket")
        assert top_section(app) == "visite"


def status_text(app) -> str:
    return str(app.screen.query_one("#status").render())


async def test_the_last_sections_are_reached_though_the_article_ends_before_they_reach_the_top():
    """Near the end, a section cannot scroll to the top: the section jumped to is the one the
    status line names, `}` / `{` go on from it, and scrolling makes the top count again."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.screen.view
        for n in range(2, 12):
            await press(pilot, "right_curly_bracket")
            assert f"§ {n}/11" in status_text(app)
        assert view.scroll_y == view.max_scroll_y  # §11 could not come to the top
        await press(pilot, "right_curly_bracket")
        assert "This is the last section." in notices(app)
        await press(pilot, "left_curly_bracket")
        assert "§ 10/11" in status_text(app)
        await press(pilot, "k")  # the reader scrolls: the top of the view is what they read again
        assert f"§ {view.top_location.section + 1}/11" in status_text(app)
        assert view.top_location.section < 9


async def test_the_outline_jumps_to_a_last_section_and_names_it():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        outline = app.screen.query_one("#outline", OptionList)
        outline.focus()
        await press(pilot, *["down"] * 8, "enter")
        assert "§ 9/11 Assimi Goïta" in status_text(app)
        assert app.screen.view.top_location.section < 8  # the article ended before §9 reached the top


async def test_back_to_the_start_is_the_very_top():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "3", "ctrl+o")
        assert app.screen.view.scroll_y == 0
        assert " 0%" in status_text(app)


@pytest.mark.parametrize("keys", [("j",), ("down",)])
async def test_line_scrolling(keys):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.view
        await press(pilot, *keys, *keys, *keys)
        assert view.scroll_y == 3
        await press(pilot, "k" if keys == ("j",) else "up")
        assert view.scroll_y == 2


@pytest.mark.parametrize("down,up", [("space", "b"), ("pagedown", "pageup")])
async def test_paging(down, up):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.view
        page = view.scrollable_content_region.height
        await press(pilot, down)
        assert view.scroll_y == page
        await press(pilot, up)
        assert view.scroll_y == 0


async def test_half_pages():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.view
        half = view.scrollable_content_region.height // 2
        await press(pilot, "d")
        assert view.scroll_y == half
        await press(pilot, "d", "u")
        assert view.scroll_y == half


@pytest.mark.parametrize("bottom,top", [("G", "g"), ("end", "home")])
async def test_top_and_bottom(bottom, top):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.view
        await press(pilot, bottom)
        assert view.scroll_y == view.max_scroll_y > 0
        assert "MD/ac/Sf/APA" in "\n".join(view_lines(app))
        assert "100%" in str(app.screen.query_one("#status").render())
        await press(pilot, top)
        assert view.scroll_y == 0


async def test_tab_moves_between_panes_and_enter_in_sidebar_jumps():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("shift+tab")
        assert app.focused is not app.screen.view
        for _ in range(6):
            if app.focused is app.screen.query_one(AccordList):
                break
            await pilot.press("tab")
        accords = app.screen.query_one(AccordList)
        assert app.focused is accords
        await press(pilot, "down", "down", "enter")
        assert top_section(app) == "cadre"
        assert accords.marked == "accord-cadre"
        inspector = app.screen.query_one(Inspector)
        assert inspector.subject.id == "accord-cadre"


async def test_outline_enter_jumps_to_section():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        outline = app.screen.query_one("#outline", OptionList)
        outline.focus()
        await press(pilot, "down", "down", "down", "down", "enter")
        assert top_section(app) == "cadre"


async def test_s_toggles_sidebar_and_i_the_inspector():
    app = make_app()
    async with app.run_test(size=(150, 40)) as pilot:
        sidebar = app.screen.query_one("#sidebar")
        inspector = app.screen.query_one(Inspector)
        assert sidebar.display and not inspector.display
        await press(pilot, "s")
        assert not sidebar.display
        await press(pilot, "s", "i")
        assert sidebar.display and inspector.display  # a wide terminal shows both
        await press(pilot, "3")
        body = str(inspector.query_one("#inspector-body").render())
        assert "Cadre général des relations bilatérales" in body
        assert "Africa Corps" in body and "Lutte contre le terrorisme" in body


async def test_inspector_takes_the_sidebar_place_below_140_columns():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        sidebar = app.screen.query_one("#sidebar")
        inspector = app.screen.query_one(Inspector)
        await press(pilot, "i")
        assert inspector.display and not sidebar.display
        assert app.screen.view.size.width >= 70  # the text keeps a comfortable width
        await press(pilot, "i")
        assert sidebar.display and not inspector.display


@pytest.mark.parametrize("pane", ["i", "s"])
async def test_below_60_columns_slash_gives_the_text_back_from_the_pane_in_its_place(pane):
    """The inspector or sidebar stands in the text's place there; a search shows in the text, so / brings it back."""
    app = make_app()
    async with app.run_test(size=(30, 10)) as pilot:
        await press(pilot, pane)
        assert not app.screen.view.region.height  # the pane has the whole width, the text is hidden
        await press(pilot, "slash", *"goita")
        bar = app.screen.search_bar
        assert bar.is_open and bar.input.value == "goita"
        assert app.screen.view.region.height and bar.input.region.height  # the text and the bar on screen
        assert not app.screen.query_one(Inspector).display and not app.screen.query_one("#sidebar").display


async def test_at_80x24_the_inspector_gives_an_accord_its_room():
    """The accord's one passage takes one row, not 40% of the pane: its provisions stay in view."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "2", "i")
        inspector = app.screen.query_one(Inspector)
        assert inspector.query_one("#mentions", OptionList).outer_size.height == 1
        rows = screen_rows(app)
        provisions = next(y for y, row in enumerate(rows) if row.rstrip().endswith("Provisions"))
        assert "Accompagnement technique" in rows[provisions + 1]  # the first provision is on screen


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_a_provision_wrapped_in_the_inspector_hangs_under_its_first_word(size):
    """A provision's second line starts under its text, not under the bullet: the list reads as a list."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await press(pilot, "1", "i")
        inspector = app.screen.query_one(Inspector)
        body = inspector.query_one("#inspector-details").content_region  # the part of the body in sight
        rows = [row[body.x:body.right].rstrip() for row in screen_rows(app)[body.y:body.bottom]]
        items = [y for y, row in enumerate(rows) if row.startswith(" • ")]
        assert items, rows
        first = items[0]
        assert "Création d’une" in rows[first]
        assert rows[first + 1].startswith("   ") and rows[first + 1][3] != " "  # wrapped: under the text, after the bullet
        # the lines after the first bullet (in sight) are bullets or hang: none starts flush left
        assert all(row.startswith(("   ", " • ")) for row in rows[first:] if row), rows[first:]


async def test_e_cycles_highlighting():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.screen.query_one(ArticleView)
        seen = [view.highlight_mode]
        for _ in range(len(HIGHLIGHT_MODES)):
            await pilot.press("e")
            seen.append(view.highlight_mode)
        assert seen == list(HIGHLIGHT_MODES) + ["all"]


async def test_highlights_are_styled_and_off_removes_them():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = app.screen.view

        def style_of(word: str):
            for y in range(view.scrollable_content_region.height):
                for segment in view.render_line(y):
                    if segment.text == word:
                        return segment.style
            return None

        bamako = style_of("Bamako")
        assert bamako is not None and bamako.underline  # place: underline cue, not colour alone
        while view.highlight_mode != "off":
            await pilot.press("e")
        await pilot.pause()
        assert style_of("Bamako") is None  # no longer a separate span


async def test_star_and_hash_walk_the_mentions_of_the_entity_on_screen():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "asterisk")
        inspector = app.screen.query_one(Inspector)
        # the first entity on screen is Goïta ("Chef de l’Etat malien")
        assert inspector.subject.id == "assimi-goita"
        first = app.screen.focused_mention
        assert first.ref == "assimi-goita"
        await press(pilot, "asterisk")
        second = app.screen.focused_mention
        assert second.ref == "assimi-goita" and (second.section, second.start) > (first.section, first.start)
        await press(pilot, "number_sign")
        assert app.screen.focused_mention == first


async def test_history_back_and_forward():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "3")
        await press(pilot, "G")
        await press(pilot, "ctrl+o")
        assert top_section(app) == "cadre"
        await press(pilot, "alt+left")
        assert top_section(app) == "lede"
        await press(pilot, "alt+right")
        assert top_section(app) == "cadre"


async def test_help_screen_lists_every_binding():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        assert "1–9" in text and "Jump to accord N" in text
        for description in ("Next accord", "Previous section", "Next mention", "Inspector", "Highlights",
                            "Back", "Forward", "Half page down", "Bottom", "Theme", "Quit", "Command palette"):
            assert description in text
        await press(pilot, "escape")
        assert isinstance(app.screen, ReadingScreen)
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)


async def test_every_binding_has_an_id_and_description():
    from reader.ui.app import ReaderApp

    for binding in [*ReaderApp.BINDINGS, *ReadingScreen.BINDINGS, *ArticleView.BINDINGS]:
        assert binding.id and binding.description


async def test_palette_finds_goita_folded():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await palette(pilot, "goita")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen), "the palette closing")
        inspector = app.screen.query_one(Inspector)
        await wait_until(pilot, lambda: inspector.subject is not None, "the inspector showing an entity")
        assert inspector.subject.id == "assimi-goita"
        assert inspector.display


async def test_q_quits_with_status_zero():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "q")
    assert app.return_value == 0


async def test_the_title_of_the_focused_pane_lights_up():
    app = make_app()
    async with app.run_test(size=(150, 40)) as pilot:
        await press(pilot, "i")
        titles = {t.id: t for t in app.screen.query(".pane-title")}
        seen = []
        for _ in range(7):
            await press(pilot, "tab")
            lit = [i for i, t in titles.items() if t.has_class("-focused") and t.display]
            seen.append((app.focused.id, lit))
        for focused, lit in seen:
            expected = {"accords": "accords-title", "outline": "outline-title", "entities": "entities-title",
                        "inspector-details": "inspector-title", "mentions": "mentions-title"}.get(focused)
            assert lit == ([expected] if expected else []), (focused, lit)
        assert {f for f, _ in seen} >= {"accords", "outline", "entities", "inspector-details", "mentions"}


@pytest.mark.parametrize(("height", "shown"), [(40, {"accords", "outline", "entities"}), (12, {"accords", "outline"}), (8, {"accords"})])
async def test_tab_never_lands_on_a_list_with_no_room(height, shown):
    app = make_app()
    async with app.run_test(size=(40, height)) as pilot:
        await press(pilot, "s")  # below 60 columns the sidebar shows over the text
        focused = set()
        for _ in range(6):
            await press(pilot, "tab")
            widget = app.focused
            focused.add(widget.id)
            assert widget.region.height > 0, f"{widget.id} has focus but no room on screen"
        assert focused & {"accords", "outline", "entities"} == shown


async def test_palette_words_must_start_words_and_aliases_count():
    from reader.ui.palette import ArticleCommands

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        provider = ArticleCommands(app.screen)

        async def labels(query: str) -> list[str]:
            return [str(hit.match_display) async for hit in provider.search(query)]

        goita = await labels("goita")
        assert "Person: Assimi Goïta" in goita
        assert all("Goïta" in label for label in goita), goita  # no fuzzy noise such as "Troisième accord"
        assert await labels("homologue") == ["Person: Vladimir Poutine"]  # by its alias "son homologue russe"
        assert await labels("trois acc")  # several words: each starts a word
        assert await labels("kreml tete")  # word starts, in any order
        assert await labels("rstm")  # nothing starts so: fuzzy matches instead ("Rosatom")


async def test_the_palette_shows_article_text_literally(tmp_path):
    marked = tmp_path / "marked.yaml"
    marked.write_text(BUNDLED.read_text(encoding="utf-8").replace(
        'heading: "Au Kremlin, le tête-à-tête Goïta–Poutine"', 'heading: "Au Kremlin [red]le[/red] tête-à-tête $accent"'), encoding="utf-8")
    app = make_app(marked)
    async with app.run_test(size=(120, 40)) as pilot:
        await palette(pilot, "kremlin")
        shown = "\n".join(screen_rows(app))
        assert "Section 2: Au Kremlin [red]le[/red] tête-à-tête $accent" in shown


async def test_back_after_a_palette_jump_returns_to_the_accord():
    """Places, not scroll rows, are compared: opening the inspector re-flows the text."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.view
        await press(pilot, "3")
        at_accord = view.reading_location
        await palette(pilot, "goita")
        await press(pilot, "enter")
        at_goita = view.reading_location
        assert at_goita != at_accord
        await press(pilot, "ctrl+o")
        assert view.reading_location == at_accord  # one step back: where the palette jump left from
        await press(pilot, "ctrl+o")
        assert view.scroll_y == 0  # then where `3` left from, the very top
        await press(pilot, "alt+right", "alt+right")
        assert view.reading_location == at_goita


async def test_back_after_walking_mentions_steps_back_one_jump_at_a_time():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.view
        await press(pilot, "3")
        at_accord = view.reading_location
        await press(pilot, "asterisk")
        after_first = view.reading_location
        await press(pilot, "asterisk")
        assert view.reading_location != after_first
        await press(pilot, "ctrl+o")
        assert view.reading_location == after_first
        await press(pilot, "ctrl+o")
        assert view.reading_location == at_accord


async def test_back_from_another_article_returns_to_the_first_with_the_text_focused(tmp_path):
    small = small_article(tmp_path / "small.yaml", ["Alice met Goïta in Bamako.", "Nothing here."])
    app = make_app(BUNDLED, small)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.open_entry(next(e for e in app.entries if e.article and e.article.id != "small"))
        await pilot.pause()
        first = app.screen
        await press(pilot, "2", "slash", *"goita", "alt+a", "ctrl+f", "end", "enter")
        await pilot.pause()
        assert app.screen.article.id == "small"
        for _ in range(3):
            if app.screen is first:
                break
            await press(pilot, "ctrl+o")
        assert app.screen is first  # a few steps back at most, never stuck in the second article
        await wait_until(pilot, lambda: app.focused is not None and app.focused.region.height > 0,
                         "a pane you can see having the keys")


@pytest.mark.parametrize(("width", "least", "most"), [(160, 30, 41), (80, 12, 30)])
async def test_inspector_snippets_are_as_wide_as_the_pane(width, least, most):
    app = make_app()
    async with app.run_test(size=(width, 30)) as pilot:
        await press(pilot, "i", "2")
        passage = str(app.screen.query_one("#mentions", OptionList).get_option_at_index(0).prompt)
        assert least <= len(passage) <= most, passage


async def test_the_status_position_follows_every_row_scrolled():
    """A row of blank or heading lines keeps the place at the top but not the percentage."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.view
        await press(pilot, "G")
        for _ in range(25):
            await press(pilot, "k")
            # the status follows the scroll by a message: wait until it agrees (a loaded machine is slower)
            await wait_until(pilot, lambda: f"  {min(100, round(100 * view.scroll_y / view.max_scroll_y))}%"
                             in status_text(app), f"the status agreeing with the scroll ({view.scroll_y})")
