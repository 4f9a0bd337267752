"""The library: the entity index across articles (unit tests), the picker's filter and the cross-article jump (Pilot)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label, OptionList

from reader.load.build import load_article
from reader.library.entries import load_entries
from reader.library.links import EntityLinks, entity_keys, link_articles
from reader.ui.screens.error import ErrorScreen
from reader.ui.screens.picker import PickerScreen
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.inspector import Inspector
from reader.ui.widgets.article_list import row_lines
from tests.apphelpers import BUNDLED, linked, make_app, press, rewrite, small_article, wait_until
from tests.app.test_picker import picker_ready, relisted
from tests.paths import MINIMAL

ARTICLE = """\
id: {id}
title: "{title}"
language: fr
published: "{published}"
source: {{agency: {agency}}}
sections:
  - id: lede
    kind: lede
    heading: "Ouverture"
    paragraphs:
{paragraphs}
entities:
{entities}
"""


def write_article(path: Path, *, id: str, title: str, published: str, paragraphs: list[str], entities: list[str],
                  agency: str = "APA") -> Path:
    """A one-section article; entities are YAML flow mappings."""
    import json

    path.write_text(ARTICLE.format(id=id, title=title, published=published, agency=agency,
                                   paragraphs="\n".join(f"      - {json.dumps(p, ensure_ascii=False)}" for p in paragraphs),
                                   entities="\n".join(f"  - {e}" for e in entities)), encoding="utf-8")
    return path


def pair(folder: Path) -> tuple[Path, Path]:
    """Two articles naming the same man under different ids and aliases, and a third that does not."""
    a = write_article(folder / "a.yaml", id="visite-moscou", title="Visite à Moscou", published="2025-06-23",
                      paragraphs=["Le président Goïta est arrivé à Moscou.", "Le président Goïta a signé trois accords."],
                      entities=['{id: goita, type: person, name: "Assimi Goïta", description: "Président", aliases: ["président Goïta"]}',
                                '{id: moscou, type: place, name: Moscou, description: "Capitale", aliases: [Moscou]}'])
    b = write_article(folder / "b.yaml", id="senou-raffinerie", title="La raffinerie de Sénou", published="2025-06-20",
                      agency="AFP",
                      paragraphs=["La raffinerie ouvrira à Sénou.", "Le général Assimi GOITA a posé la première pierre à Sénou."],
                      entities=['{id: assimi-goita, type: person, name: "Assimi Goita", description: "Chef de la Transition", '
                                'aliases: ["général Assimi GOITA"]}',
                                '{id: senou, type: place, name: Sénou, description: "Quartier de Bamako", aliases: [Sénou]}'])
    write_article(folder / "c.yaml", id="pluie", title="La saison des pluies", published="2025-05-01", agency="Reuters",
                  paragraphs=["La pluie tombe sur Kayes."],
                  entities=['{id: kayes, type: place, name: Kayes, description: "Ville", aliases: [Kayes]}'])
    return a, b


# --- the index, alone -----------------------------------------------------------------------

def test_entity_keys_are_folded_names_and_aliases(tmp_path):
    a, _ = pair(tmp_path)
    goita = load_article(a).entities_by_id["goita"]
    assert entity_keys(goita) == {"assimi goita", "president goita"}


def test_an_entity_is_linked_by_a_shared_folded_name(tmp_path):
    a, b = (load_article(p) for p in pair(tmp_path))
    library = EntityLinks([a, b])
    [there] = library.elsewhere(a, a.entities_by_id["goita"])
    assert there.article is b and there.entity.id == "assimi-goita" and not there.by_id
    assert [(m.paragraph, b.sections[0].paragraphs[1].text[m.start:m.end]) for m in there.mentions] == [(1, "général Assimi GOITA")]
    # and back the other way
    [back] = library.elsewhere(b, b.entities_by_id["assimi-goita"])
    assert back.article is a and back.entity.id == "goita" and len(back.mentions) == 2
    # entities named in one article only have no other article
    assert library.elsewhere(a, a.entities_by_id["moscou"]) == []
    assert library.elsewhere(b, b.entities_by_id["senou"]) == []


def test_an_entity_is_linked_by_id_even_under_other_names():
    mali = load_article(BUNDLED)
    mini = load_article(MINIMAL)
    library = link_articles([mali, None, mini])
    by_id = {e.entity.id: e for e in library.elsewhere(mini, mini.entities_by_id["rosatom"])}
    assert set(by_id) == {"rosatom"} and by_id["rosatom"].by_id and by_id["rosatom"].article is mali
    # mini's "goita" is the bundled "assimi-goita": same name, and the alias written with ' rather than ’
    [goita] = library.elsewhere(mini, mini.entities_by_id["goita"])
    assert goita.entity.id == "assimi-goita" and not goita.by_id
    assert len(goita.mentions) == len(mali.mentions_by_ref["assimi-goita"])


def test_the_same_article_twice_is_not_another_article():
    one, two = load_article(BUNDLED), load_article(BUNDLED)
    library = EntityLinks([one, two])
    assert library.elsewhere(one, one.entities_by_id["rosatom"]) == []


def test_answers_come_newest_first_and_skip_unmentioned_entities(tmp_path):
    a, b = pair(tmp_path)
    old = write_article(tmp_path / "old.yaml", id="archives", title="Archives", published="2021-05-24",
                        paragraphs=["Assimi Goïta prend le pouvoir."],
                        entities=['{id: goita, type: person, name: "Assimi Goïta", description: "Colonel", aliases: ["Assimi Goïta"]}'])
    articles = [load_article(p) for p in (old, b, a)]
    library = EntityLinks(articles)
    assert [x.id for x in library.articles] == ["visite-moscou", "senou-raffinerie", "archives"]
    found = library.elsewhere(library.articles[0], library.articles[0].entities_by_id["goita"])
    assert [(f.article.id, f.by_id) for f in found] == [("senou-raffinerie", False), ("archives", True)]


def test_a_loose_alias_does_not_chain_entities(tmp_path):
    """Linking is direct: X~Y and Y~Z (by different names) do not make X~Z."""
    x = write_article(tmp_path / "x.yaml", id="x", title="X", published="2025-01-01", paragraphs=["Le Président parle."],
                      entities=['{id: p1, type: person, name: "Président", description: "x", aliases: ["Président"]}'])
    y = write_article(tmp_path / "y.yaml", id="y", title="Y", published="2025-01-02", paragraphs=["Le Président Goïta parle."],
                      entities=['{id: p2, type: person, name: "Goïta", description: "x", aliases: ["Président Goïta"]}'])
    z = write_article(tmp_path / "z.yaml", id="z", title="Z", published="2025-01-03", paragraphs=["Goïta parle."],
                      entities=['{id: p3, type: person, name: "Goïta", description: "x", aliases: ["Goïta"]}'])
    ax, ay, az = (load_article(p) for p in (x, y, z))
    library = EntityLinks([ax, ay, az])
    assert [f.article.id for f in library.elsewhere(az, az.entities_by_id["p3"])] == ["y"]
    assert library.elsewhere(ax, ax.entities_by_id["p1"]) == []


# --- the picker's filter ------------------------------------------------------------------------

def _labels(picker: PickerScreen) -> list[str]:
    return [row.article_id if row.loaded else row.path.name for row in picker.rows]


async def test_picker_filter_by_typing(tmp_path):
    pair(tmp_path)
    small_article(tmp_path / "small.yaml", ["Alice reads."])
    (tmp_path / "broken.yaml").write_text("id: [oops\n", encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        assert isinstance(picker, PickerScreen)
        count = picker.query_one("#picker-count", Label)
        assert isinstance(app.focused, Input)  # typing filters straight away
        assert str(count.render()).startswith("5 articles")
        # an entity name, typed without its accent, finds both articles naming Goïta
        await press(pilot, *"goita")
        assert _labels(picker) == ["visite-moscou", "senou-raffinerie"]
        assert str(count.render()).startswith("2 of 5 articles")
        assert len(picker.rows) == 2
        # a second word narrows it: the source
        await press(pilot, "space", *"afp")
        assert _labels(picker) == ["senou-raffinerie"]
        assert str(count.render()).startswith("1 of 5 articles")
        # Esc clears the filter
        await press(pilot, "escape")
        assert picker.query_one(Input).value == "" and len(picker.rows) == 5
        assert str(count.render()).startswith("5 articles")
        # a date (a typed filter), then Enter opens the highlighted article
        await press(pilot, *"date:2025-06-20")
        assert _labels(picker) == ["senou-raffinerie"]
        await press(pilot, "enter")
        assert isinstance(app.screen, ReadingScreen) and app.screen.article.id == "senou-raffinerie"


async def test_picker_filter_moves_and_opens_and_keeps_broken_files(tmp_path):
    pair(tmp_path)
    (tmp_path / "broken.yaml").write_text("id: [oops\n", encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        # the id, then the arrows move in the filtered list and Enter opens the one highlighted
        await press(pilot, *"moscou")
        assert _labels(picker) == ["visite-moscou"]
        await press(pilot, "escape", *"la ")
        assert _labels(picker) == ["senou-raffinerie", "pluie"]
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, ReadingScreen) and app.screen.article.id == "pluie"
        before = picker.refreshes
        await press(pilot, "q")
        await relisted(pilot, picker, before)
        # a broken file is found by its path and still opens its error screen
        await press(pilot, "escape", *"broken")
        assert _labels(picker) == ["broken.yaml"]
        await press(pilot, "enter")
        assert isinstance(app.screen, ErrorScreen)
        await press(pilot, "escape")
        assert app.screen is picker
        # nothing matches: Enter does nothing, and q is a letter of the filter, not Quit
        await press(pilot, "escape", *"xyzq")
        assert picker.rows == [] and str(picker.query_one("#picker-count", Label).render()).startswith("0 of 4")
        await press(pilot, "enter")
        assert app.screen is picker and app.is_running


# --- the cross-article jump ---------------------------------------------------------------------

async def test_inspector_lists_other_articles_and_enter_opens_one_at_the_mention(tmp_path):
    pair(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await press(pilot, *"moscou", "enter")
        first = app.screen
        assert isinstance(first, ReadingScreen) and first.article.id == "visite-moscou"
        first.inspect_entity(first.article.entities_by_id["goita"], jump=True)
        await linked(pilot)
        inspector = first.query_one(Inspector)
        assert inspector.has_class("-elsewhere")
        assert str(inspector.query_one("#elsewhere-title", Label).render()) == "In other articles (1)"
        elsewhere = inspector.query_one("#elsewhere", OptionList)
        assert elsewhere.display and elsewhere.option_count == 2  # the article's title, then its one mention
        title, mention = (str(elsewhere.get_option_at_index(i).prompt) for i in range(2))
        assert "La raffinerie de Sénou" in title and "as Assimi Goita" in title
        assert "Assimi GOITA" in mention
        # Enter on the mention opens the other article there, the entity inspected
        elsewhere.focus()
        await press(pilot, "enter")
        await pilot.pause()
        second = app.screen
        assert isinstance(second, ReadingScreen) and second is not first
        assert second.article.id == "senou-raffinerie"
        assert second.inspector.subject.id == "assimi-goita" and not second.inspector.has_class("-hidden")
        target = second.article.mentions_by_ref["assimi-goita"][0]
        assert second.focused_mention == target
        assert second.focus_highlight.paragraph == target.paragraph and second.focus_highlight.start == target.start
        assert second.view.top_location.section == target.section
        assert second.came_from_article
        # and its own inspector links back
        await linked(pilot)
        assert second.inspector.has_class("-elsewhere")
        # ctrl+o comes back to the first article as it was left
        await press(pilot, "ctrl+o")
        assert app.screen is first and first.inspector.subject.id == "goita"
        # Esc does the same
        first.query_one("#elsewhere", OptionList).focus()
        await press(pilot, "enter")
        await pilot.pause()
        assert app.screen.article.id == "senou-raffinerie"
        app.screen.view.focus()
        await press(pilot, "escape")
        assert app.screen is first


async def test_an_article_opened_alone_does_not_go_back_anywhere(tmp_path):
    a, _ = pair(tmp_path)
    app = make_app(a)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.inspect_entity(screen.article.entities_by_id["goita"], jump=True)
        await linked(pilot)
        assert not screen.inspector.has_class("-elsewhere")  # one article: nothing elsewhere
        await press(pilot, "ctrl+o", "ctrl+o", "escape")
        assert app.screen is screen and not screen.came_from_article


async def test_picker_click_opens_and_tab_moves_between_filter_and_list(tmp_path):
    pair(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        assert app.focused is picker.query_one(Input)
        await pilot.press("tab")  # the list takes the keyboard (its keys are commands), and tab gives it back
        assert app.focused is picker.article_list
        await press(pilot, "tab")
        assert app.focused is picker.query_one(Input)
        await press(pilot, *"pluie")
        assert _labels(picker) == ["pluie"]
        await pilot.click("#picker", offset=(3, 0))
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen) and app.screen.article.id == "pluie"


def goita_elsewhere(app, article_id: str) -> list[str]:
    """The ids of the other articles the library links this article's Goïta to."""
    article = next(e.article for e in app.entries if e.article is not None and e.article.id == article_id)
    goita = next(e for e in article.entities if "goita" in e.id)
    return [f.article.id for f in app.links().elsewhere(article, goita)]


async def test_a_fixed_file_opens_from_the_picker_without_restarting(tmp_path):
    pair(tmp_path)
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [oops\n", encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        assert goita_elsewhere(app, "visite-moscou") == ["senou-raffinerie"]
        await press(pilot, *"broken", "enter")
        assert isinstance(app.screen, ErrorScreen)
        await press(pilot, "escape")
        assert app.screen is picker
        # fixed on disk: it names Goïta too, so the library must link it
        write_article(tmp_path / "fixed.yaml", id="fixee", title="Le fichier réparé", published="2025-07-01",
                      paragraphs=["Le président Goïta parle."],
                      entities=['{id: goita, type: person, name: "Assimi Goïta", description: "Président", aliases: ["président Goïta"]}'])
        rewrite(broken, (tmp_path / "fixed.yaml").read_text(encoding="utf-8"))
        (tmp_path / "fixed.yaml").unlink()
        await press(pilot, "enter")
        assert isinstance(app.screen, ReadingScreen) and app.screen.article.id == "fixee"
        # the app's entries and the library follow; the picker lists it as it now is
        assert [e.article.id for e in app.entries if e.path == str(broken)] == ["fixee"]
        assert goita_elsewhere(app, "visite-moscou") == ["fixee", "senou-raffinerie"]
        before = picker.refreshes
        await press(pilot, "q")  # back to the picker, which lists it as it now is
        assert app.screen is picker
        await relisted(pilot, picker, before)
        [row] = [r for r in picker.rows if r.path == broken]
        assert row.loaded and row.article_id == "fixee" and row.title == "Le fichier réparé"
        await press(pilot, "escape", *"fichier repare")
        assert len(picker.rows) == 1  # the filter finds it by its new title


async def test_a_file_broken_on_disk_shows_its_new_problems_and_leaves_the_library(tmp_path):
    a, b = pair(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        await press(pilot, *"sénou", "enter")
        assert isinstance(app.screen, ReadingScreen) and app.screen.article.id == "senou-raffinerie"
        assert goita_elsewhere(app, "visite-moscou") == ["senou-raffinerie"]
        app.pop_screen()
        await pilot.pause()
        assert app.screen is picker
        rewrite(b, b.read_text(encoding="utf-8").replace("id: senou-raffinerie", "id: senou-raffinerie\ncolour: blue"))
        await press(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, ErrorScreen)
        assert any("unknown key 'colour'" in p.message and p.line == 2 for p in screen.problems)
        assert goita_elsewhere(app, "visite-moscou") == []  # the library no longer links the broken file
        await press(pilot, "escape")
        assert app.screen is picker
        await press(pilot, "escape")  # a broken file is found by its path, no longer by its title
        await wait_until(pilot, lambda: picker.ready and picker.rows and not picker.rows[-1].loaded, "the picker listing the broken file")
        assert "could not be opened" in row_lines(picker.rows[-1])[1] and picker.rows[-1].path == b


async def test_an_unchanged_file_is_not_read_again(tmp_path):
    pair(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        library = app.links()
        article = next(e.article for e in app.entries if e.article.id == "pluie")
        await press(pilot, *"pluie", "enter")
        assert app.screen.article is article
        app.pop_screen()
        await press(pilot, "enter")
        assert app.screen.article is article and app.links() is library


def test_entries_know_when_their_file_changed(tmp_path):
    a, _ = pair(tmp_path)
    [entry, *_], _ = load_entries([a])
    assert entry.reloaded() is entry
    rewrite(a, a.read_text(encoding="utf-8").replace("Visite à Moscou", "Visite au Kremlin"))
    fresh = entry.reloaded()
    assert fresh is not entry and fresh.article.title == "Visite au Kremlin" and fresh.reloaded() is fresh
    a.unlink()
    gone = fresh.reloaded()
    assert gone.article is None and gone.problems


async def test_a_filter_matching_every_article_still_says_n_of_m(tmp_path):
    pair(tmp_path)
    (tmp_path / "c.yaml").unlink()  # both articles left name Goïta
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        picker = await picker_ready(pilot)
        assert isinstance(picker, PickerScreen)
        count, hint = picker.query_one("#picker-count", Label), picker.query_one("#picker-hint", Label)
        assert str(count.render()) == "2 articles" and "type to filter" in str(hint.render())
        await press(pilot, *"goita")
        assert len(picker.rows) == 2
        assert str(count.render()) == "2 of 2 articles" and "Esc clears the filter" in str(hint.render())
        await press(pilot, "escape", "space")  # only a space: no filter
        assert str(count.render()) == "2 articles"
