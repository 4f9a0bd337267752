"""Entity links of a library too big to read whole, through the index: only the files that may hold the entity are read."""

from __future__ import annotations

import threading
from pathlib import Path

from textual.widgets import Label, OptionList

from reader.library.links import IndexedLinks
from reader.load.build import load_article
from reader.settings.state import State
from reader.ui.app import ReaderApp
from reader.ui.screens.reading import ReadingScreen
from reader.ui.widgets.inspector import Inspector
from reader.ui.widgets.sidebar import Sidebar
from tests.app.test_library import pair, write_article
from tests.app.test_picker import picker_ready
from tests.apphelpers import linked, press, rewrite, wait_until

GOITA = '{id: goita, type: person, name: "Assimi Goïta", description: "Président", aliases: ["président Goïta"]}'


class Reads:
    """load_article, recording the files read."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def __call__(self, path: Path):
        self.names.append(Path(path).name)
        return load_article(path)


def test_links_through_the_index_read_only_the_files_that_may_hold_the_entity(tmp_path):
    a, b = pair(tmp_path)
    reads = Reads()
    links = IndexedLinks([tmp_path], load=reads)
    article = load_article(a)
    [there] = links.elsewhere(article, article.entities_by_id["goita"])
    assert there.article.id == "senou-raffinerie" and there.entity.id == "assimi-goita" and not there.by_id
    assert reads.names == ["b.yaml"]  # c.yaml names no Goïta: never read
    assert links.elsewhere(article, article.entities_by_id["moscou"]) == []
    links.close()


def test_links_through_the_index_by_id_and_by_article_id_slash_entity_id(tmp_path):
    a, _ = pair(tmp_path)
    write_article(tmp_path / "d.yaml", id="colonel", title="Le colonel", published="2025-06-01",
                  paragraphs=["Le colonel a parlé."],
                  entities=['{id: goita, type: person, name: "Le colonel", description: "x", aliases: ["colonel"]}'])
    write_article(tmp_path / "e.yaml", id="chef", title="Le chef", published="2025-06-02", paragraphs=["Le chef a parlé."],
                  entities=['{id: chef, type: person, name: "Le chef", description: "x", aliases: ["chef"]}'])
    here = write_article(tmp_path / "f.yaml", id="ici", title="Ici", published="2025-06-03", paragraphs=["Le patron a parlé."],
                         entities=['{id: patron, type: person, name: "Le patron", description: "x", aliases: ["patron"], '
                                   'same_as: [colonel/goita, chef/chef]}'])
    links = IndexedLinks([tmp_path])
    article = load_article(here)
    found = {(f.article.id, f.by_id) for f in links.elsewhere(article, article.entities_by_id["patron"])}
    assert found == {("colonel", True), ("chef", True)}
    moscou = load_article(a)  # the same id under another name: linked by id
    found = {(f.article.id, f.by_id) for f in links.elsewhere(moscou, moscou.entities_by_id["goita"])}
    assert found == {("colonel", True), ("senou-raffinerie", False)}
    links.close()


def test_links_through_the_index_read_the_newest_up_to_the_limit_and_follow_edits(tmp_path):
    a, _ = pair(tmp_path)
    for day in range(1, 6):
        write_article(tmp_path / f"g{day}.yaml", id=f"g{day}", title=f"Jour {day}", published=f"2025-07-0{day}",
                      paragraphs=["Le président Goïta parle."], entities=[GOITA])
    links = IndexedLinks([tmp_path], limit=2)
    article = load_article(a)
    found = links.elsewhere(article, article.entities_by_id["goita"])
    assert [f.article.id for f in found] == ["g5", "g4"] and links.linked_files == 6  # five g files and b.yaml
    rewrite(tmp_path / "g5.yaml", (tmp_path / "c.yaml").read_text(encoding="utf-8").replace("id: pluie", "id: g5"))
    links.update([])  # an article opened: the index is refreshed when next asked
    assert [f.article.id for f in links.elsewhere(article, article.entities_by_id["goita"])] == ["g4", "g3"]
    links.close()


async def test_the_inspector_of_a_big_library_links_through_the_index(tmp_path, monkeypatch):
    pair(tmp_path)
    monkeypatch.setattr(ReaderApp, "LINK_WHOLE_LIBRARY_UP_TO", 2)  # three files: "too big to read whole"
    app = ReaderApp([], state=State(tmp_path / "state.json"), library=[tmp_path])
    async with app.run_test(size=(140, 40)) as pilot:
        first = await open_from_picker(pilot, "moscou")
        first.inspect_entity(first.article.entities_by_id["goita"], jump=True)
        await linked(pilot)
        inspector = first.query_one(Inspector)
        assert inspector.has_class("-elsewhere")
        assert str(inspector.query_one("#elsewhere-title", Label).render()) == "In other articles (1)"
        assert isinstance(app.links(), IndexedLinks)
        assert [e.path for e in app.entries] == [str(tmp_path / "a.yaml")]  # the library was not read into the app


async def open_from_picker(pilot, filter_text: str) -> ReadingScreen:
    """From the picker: filter, open the first article."""
    app = pilot.app
    await picker_ready(pilot)
    await press(pilot, *filter_text, "enter")
    await wait_until(pilot, lambda: isinstance(app.screen, ReadingScreen), "the article")
    return app.screen


async def open_and_inspect(pilot, filter_text: str, entity: str) -> None:
    """From the picker: filter, open the first article, inspect one of its entities."""
    screen = await open_from_picker(pilot, filter_text)
    screen.inspect_entity(screen.article.entities_by_id[entity], jump=True)
    await linked(pilot)


async def test_the_inspector_says_how_many_files_the_index_names_when_it_reads_only_the_newest(tmp_path, monkeypatch):
    pair(tmp_path)
    for day in range(1, 6):
        write_article(tmp_path / f"g{day}.yaml", id=f"g{day}", title=f"Jour {day}", published=f"2025-07-0{day}",
                      paragraphs=["Le président Goïta parle."], entities=[GOITA])
    monkeypatch.setattr(ReaderApp, "LINK_WHOLE_LIBRARY_UP_TO", 2)
    monkeypatch.setattr(IndexedLinks, "limit", 2)  # read the newest two of the six files that name him
    app = ReaderApp([], state=State(tmp_path / "state.json"), library=[tmp_path])
    async with app.run_test(size=(140, 40)) as pilot:
        await open_and_inspect(pilot, "moscou", "goita")
        title = str(app.screen.query_one(Inspector).query_one("#elsewhere-title", Label).render())
        assert title == "In other articles (2, the newest of 6 files)"


async def test_a_big_library_links_by_same_as_alone_either_way(tmp_path, monkeypatch):
    write_article(tmp_path / "en.yaml", id="en", title="Putin speaks", published="2025-06-02", paragraphs=["Putin spoke."],
                  entities=['{id: putin, type: person, name: "Vladimir Putin", description: "x", aliases: [Putin], same_as: [Q7747]}'])
    write_article(tmp_path / "fr.yaml", id="fr", title="Poutine parle", published="2025-06-01", paragraphs=["Poutine a parlé."],
                  entities=['{id: poutine, type: person, name: "Vladimir Poutine", description: "x", aliases: [Poutine], '
                            'same_as: [Q7747]}'])
    write_article(tmp_path / "c.yaml", id="pluie", title="La saison des pluies", published="2025-05-01",
                  paragraphs=["La pluie tombe sur Kayes."], entities=['{id: kayes, type: place, name: Kayes, description: "Ville", aliases: [Kayes]}'])
    monkeypatch.setattr(ReaderApp, "LINK_WHOLE_LIBRARY_UP_TO", 2)  # three files: "too big to read whole"
    app = ReaderApp([], state=State(tmp_path / "state.json"), library=[tmp_path])
    async with app.run_test(size=(140, 40)) as pilot:
        await open_and_inspect(pilot, "putin", "putin")
        inspector = app.screen.query_one(Inspector)
        assert str(inspector.query_one("#elsewhere-title", Label).render()) == "In other articles (1)"
        links = app.links()
        assert isinstance(links, IndexedLinks)
        english, french = app.screen.article, load_article(tmp_path / "fr.yaml")
        assert [(f.article.id, f.by_id) for f in links.elsewhere(english, english.entities_by_id["putin"])] == [("fr", True)]
        assert [(f.article.id, f.by_id) for f in links.elsewhere(french, french.entities_by_id["poutine"])] == [("en", True)]


async def test_keys_go_on_while_a_big_library_finds_an_entitys_other_articles(tmp_path, monkeypatch):
    """The index's answer is awaited in a thread: the reader moves on meanwhile, and the list shows once found."""
    pair(tmp_path)
    monkeypatch.setattr(ReaderApp, "LINK_WHOLE_LIBRARY_UP_TO", 2)
    release, asked = threading.Event(), threading.Event()
    slow = IndexedLinks.elsewhere

    def held(self, article, entity):
        asked.set()
        assert release.wait(60), "never released"
        return slow(self, article, entity)

    monkeypatch.setattr(IndexedLinks, "elsewhere", held)
    app = ReaderApp([], state=State(tmp_path / "state.json"), library=[tmp_path])
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_from_picker(pilot, "moscou")
        screen.inspect_entity(screen.article.entities_by_id["goita"], jump=True)
        await wait_until(pilot, asked.is_set, "the index asked")
        inspector = screen.query_one(Inspector)
        assert inspector.linking and not inspector.has_class("-elsewhere")
        sidebar = screen.query_one(Sidebar)
        shown = sidebar.display
        await press(pilot, "s")  # the sidebar toggled while the index is still asked
        await wait_until(pilot, lambda: sidebar.display != shown, "the sidebar toggled")
        assert inspector.linking
        release.set()
        await linked(pilot)
        assert inspector.has_class("-elsewhere")
        assert str(inspector.query_one("#elsewhere-title", Label).render()) == "In other articles (1)"


async def test_a_resized_inspector_lists_what_it_found_without_asking_again(tmp_path, monkeypatch):
    pair(tmp_path)
    monkeypatch.setattr(ReaderApp, "LINK_WHOLE_LIBRARY_UP_TO", 2)
    asked: list[str] = []
    found = IndexedLinks.elsewhere

    def counted(self, article, entity):
        asked.append(entity.id)
        return found(self, article, entity)

    monkeypatch.setattr(IndexedLinks, "elsewhere", counted)
    app = ReaderApp([], state=State(tmp_path / "state.json"), library=[tmp_path])
    async with app.run_test(size=(140, 40)) as pilot:
        await open_and_inspect(pilot, "moscou", "goita")
        assert asked == ["goita"]
        inspector = app.screen.query_one(Inspector)
        before = inspector.query_one("#elsewhere", OptionList).option_count
        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: inspector.size.width and app.size.width == 120, "the narrower terminal")
        await pilot.pause()
        assert asked == ["goita"] and not inspector.linking
        assert inspector.has_class("-elsewhere") and inspector.query_one("#elsewhere", OptionList).option_count == before == 2
