"""`draft: true` marks what `reader import` guessed; the loader keeps it, export shows it."""

from __future__ import annotations

import json

from reader.load.build import build_article
from reader.cli.export import to_json
from reader.load.yamlsource import parse

DOC = """\
id: d
title: T
language: fr
published: "2025-01-01"
source: {agency: X}
sections:
  - {id: s, kind: body, heading: H, paragraphs: ["Alice a signé un accord le 3 mai 2025 pour 10 tonnes."]}
accords:
  - {id: a, number: 1, title: Accord, parties: [alice], summary: S, anchor: {section: s}, draft: true}
entities:
  - {id: alice, type: person, name: Alice, description: D, aliases: [Alice], draft: true}
dates:
  - {id: d1, quote: "3 mai 2025", value: "2025-05-03", about: A, draft: true}
figures:
  - {id: f1, quote: "10 tonnes", value: 10, unit: tonnes, about: A, draft: DRAFT}
"""


def test_draft_flags_are_read_and_checked():
    import pytest

    from reader.model.problems import ProblemsError

    with pytest.raises(ProblemsError) as error:
        build_article(parse(DOC, "d.yaml"), "d.yaml")
    (problem,) = error.value.problems
    line = DOC.splitlines()[14]
    assert (problem.line, problem.column) == (15, line.index("DRAFT") + 1)
    assert "draft must be true or false" in problem.message
    article = build_article(parse(DOC.replace("draft: DRAFT", "draft: false"), "d.yaml"), "d.yaml")
    assert article.accords[0].draft and article.entities[0].draft and article.dates[0].draft
    assert not article.figures[0].draft
    data = json.loads(to_json(article))
    assert data["entities"][0]["draft"] is True and data["figures"][0]["draft"] is False


async def test_the_app_shows_drafts_as_such(tmp_path):
    from reader.ui.widgets.inspector import Inspector
    from reader.ui.widgets.sidebar import AccordList, EntityIndex
    from tests.apphelpers import make_app, press

    path = tmp_path / "d.yaml"
    path.write_text(DOC.replace("draft: DRAFT", "draft: false"), encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        accords = app.screen.query_one(AccordList)
        assert "draft" in str(accords.get_option_at_index(0).prompt)
        entities = app.screen.query_one(EntityIndex)
        assert "draft" in str(entities.get_option("entity-alice").prompt)
        await press(pilot, "i")
        body = str(app.screen.query_one(Inspector).query_one("#inspector-body").render())
        assert "Draft: guessed by `reader import`" in body
