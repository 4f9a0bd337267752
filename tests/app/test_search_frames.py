"""What a search's figures redraw: the counter lays the screen out only when its width changes; the
sidebar remakes only the accords whose count changed (issue 17: a frame per figure, on a big article)."""

from __future__ import annotations

from textual.messages import Layout

from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.search_counter import SearchCounter
from reader.ui.widgets.sidebar import AccordList
from tests.apphelpers import make_app, press, wait_until


def layouts_into(asked: list[object]):
    """A message hook keeping the widget of every layout asked for."""
    def hook(message) -> None:
        if isinstance(message, Layout):
            asked.append(message.widget)
    return hook


def shown(counter: SearchCounter) -> str:
    return str(counter.render())


async def test_a_counter_of_the_same_width_is_redrawn_without_a_layout_and_a_wider_one_is_laid_out():
    asked: list[object] = []
    app = make_app()
    async with app.run_test(size=(120, 40), message_hook=layouts_into(asked)) as pilot:
        await press(pilot, "slash")
        bar = app.screen.query_one(SearchBar)
        counter = bar.query_one(SearchCounter)
        bar.show_counter("1/17", None)
        await wait_until(pilot, lambda: shown(counter) == "1/17", "the counter showing 1/17")
        await pilot.pause()
        width = counter.outer_size.width
        assert width == counter.width_for("1/17") == 12  # the stylesheet's least width, as the counter reckons it
        asked.clear()
        for text in ("2/17", "counting…", "searching…", "no matches"):  # all within the counter's least width
            bar.show_counter(text, None)
            await wait_until(pilot, lambda: shown(counter) == text, f"the counter showing {text}")
        await pilot.pause()
        assert counter not in asked and bar.query_one("#search-message") not in asked
        assert counter.outer_size.width == width
        wide = "12/250,000 +3 elsewhere"
        bar.show_counter(wide, None)
        await wait_until(pilot, lambda: counter.outer_size.width == len(wide) + 2, "the counter widened for its text")
        assert counter in asked and shown(counter) == wide and counter.width_for(wide) == len(wide) + 2
        # back to a short figure: narrower again (laid out), as a fresh layout of the screen would make it
        bar.show_counter("3/17", None)
        await wait_until(pilot, lambda: counter.outer_size.width == width, "the counter narrowed again")
        app.screen.refresh(layout=True)
        await pilot.pause()
        assert counter.outer_size.width == width and shown(counter) == "3/17"


async def test_the_query_error_still_shows_and_goes():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "slash")
        bar = app.screen.query_one(SearchBar)
        message = bar.query_one("#search-message")
        bar.show_counter("bad query", "unbalanced parenthesis")
        await wait_until(pilot, lambda: message.has_class("-shown") and message.size.height == 1, "the error under the bar")
        assert str(message.render()) == "unbalanced parenthesis"
        assert bar.query_one(SearchCounter).has_class("-error")
        bar.show_counter("2/17", None)
        await wait_until(pilot, lambda: message.size.height == 0, "the error gone")
        assert not bar.query_one(SearchCounter).has_class("-error") and str(message.render()) == ""


def prompts(accords: AccordList) -> dict[str, object]:
    return {a.id: accords.get_option(a.id).prompt for a in accords.article.accords}


def looks(accords: AccordList) -> dict[str, tuple[str, list[tuple[int, int, str]]]]:
    """Each accord's prompt as drawn: its text and styled spans."""
    return {key: (prompt.plain, sorted((s.start, s.end, str(s.style)) for s in prompt.spans if str(s.style)))
            for key, prompt in prompts(accords).items()}


async def test_counts_remake_only_the_accords_whose_count_changed_and_look_as_made_afresh():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        accords = app.screen.query_one(AccordList)
        await wait_until(pilot, lambda: accords.wrap_width is not None, "the accords wrapped for their pane")
        ids = [a.id for a in accords.article.accords]
        assert len(ids) >= 3
        accords.show_counts({ids[0]: 3})
        before = prompts(accords)
        accords.show_counts({ids[0]: 3, ids[1]: 12})
        after = prompts(accords)
        assert [key for key in ids if after[key] is not before[key]] == [ids[1]]
        assert "×12" in after[ids[1]].plain.splitlines()[0] and "×3" in after[ids[0]].plain
        accords.show_counts({ids[0]: 3, ids[1]: 12, ids[2]: 0})  # no badge for 0: nothing to remake
        assert all(prompts(accords)[key] is after[key] for key in ids)
        accords.mark(ids[1])
        accords.show_counts({ids[1]: 7, ids[2]: 1000})
        fresh = AccordList(accords.article, wrap_width=accords.wrap_width)
        fresh.mark(ids[1])
        fresh.show_counts({ids[1]: 7, ids[2]: 1000})
        assert looks(accords) == looks(fresh)
        accords.show_counts(None)
        assert all("×" not in prompt.plain for prompt in prompts(accords).values())
        await pilot.pause()
        assert accords.counts is None
