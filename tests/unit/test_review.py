"""The review of a draft: its suggestions and their order, and each decision written back to the file,
which keeps what the user wrote by hand and stays valid (or is refused and left untouched)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.importer.review import confidence, count_left, decide, suggestions
from reader.load.build import load_article
from reader.load.files import file_stamp
from reader.model.problems import ProblemsError

DRAFT = """\
# Draft imported by `reader import`: review everything marked `draft: true`.
format: 1
id: test-draft
title: "Niamey et Rabat signent"  # draft: the text's first words
language: fr
published: "2025-03-14"
source:
  agency: 'APA'   # a hand comment, single quotes

sections:
  - id: lede
    kind: lede
    heading: "Ouverture"
    paragraphs:
      - "Le Niger et le Maroc ont signé lundi trois accords à Niamey, le 14 mars 2025."
      - "Bakary Yaou Sangaré et Nasser Bourita ont paraphé un accord de 2,5 millions d'euros avec la BAD."

accords:
  # cue 'ont paraphé un accord'; parties: the countries named in its sentence
  - id: accord-1
    number: 1
    title: "Accord de Niamey"
    parties: [niger, maroc]
    summary: "Un accord."
    anchor: {quote: "ont paraphé un accord", section: lede}
    draft: true
  # my own note about the second accord
  - id: accord-2
    number: 2
    title: "Accord d'énergie"
    parties:
      - niger
      - maroc
    summary: "Un autre."
    anchor: {quote: "2,5 millions", section: lede}

entities:
  # kept by hand: the agency
  - id: bad
    type: org
    name: "BAD"
    description: "Banque africaine de développement"   # typed by hand
    aliases: ["BAD"]
  # to review: person guessed from two or three capitalised words (no other cue)
  - id: bakary
    type: person
    name: "Bakary Yaou Sangaré"
    description: "À vérifier : personne proposée d’après le texte"
    aliases: ["Bakary Yaou Sangaré"]
    draft: true
  # to review: person guessed from two or three capitalised words (no other cue)
  - id: nasser
    type: person
    name: "Nasser Bourita"
    description: "À vérifier : personne proposée d’après le texte"
    aliases: ["Nasser Bourita"]
    draft: true
  # to review: place guessed from a known country or city
  - id: niger
    type: place
    name: "Niger"
    description: "À vérifier : localité proposée d’après le texte"
    aliases: ["Niger"]
    draft: true
  - id: maroc
    draft: true
    type: place
    name: "Maroc"
    description: Le royaume
    aliases: [Maroc]

dates:
  - {id: date-lundi, quote: lundi, value: "2025-03-10", about: "le lundi", draft: true}  # the last lundi before 2025-03-14
  - {draft: true, id: date-full, quote: "14 mars 2025", value: "2025-03-14", about: "« é » la date"}

figures:
  - {id: fig-trois, quote: "trois accords", value: 3, unit: accords, about: "compte", draft: true}  # spelled-out number
"""


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.yaml"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """(lines only in before, lines only in after), as multisets in order."""
    import difflib

    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def test_suggestions_lowest_confidence_first_with_snippets(draft):
    article = load_article(draft)
    found = suggestions(article, DRAFT)
    # Maroc has no note from the importer: a capitalised run with no cue (0.4), first in the text
    assert [s.ref for s in found] == ["maroc", "bakary", "nasser", "accord-1", "date-lundi", "fig-trois", "date-full", "niger"]
    assert [s.confidence for s in found] == sorted(s.confidence for s in found)
    by_ref = {s.ref: s for s in found}
    assert "Bakary Yaou Sangaré" in by_ref["bakary"].snippet
    assert by_ref["bakary"].why == "two or three capitalised words (no other cue)"
    assert by_ref["niger"].why == "a known country or city"
    assert by_ref["date-lundi"].why.startswith("the last lundi")
    assert by_ref["bakary"].location == article.mentions_by_ref["bakary"][0].location
    assert count_left(article) == len(found) == 8


def test_confidence_known_over_acronym_over_capitalised_run_and_a_cue_over_none():
    known = confidence("place", "Niger", "a known country or city")
    acronym = confidence("org", "BAD", "an acronym")
    run = confidence("org", "Banque Atlantique", "'la' before it")
    assert known > acronym > run
    assert confidence("person", "Ali Bongo", "title 'president' before it") > confidence("person", "Ali Bongo", "two or three capitalised words (no other cue)")
    assert confidence("person", "Ali Bongo", "") == confidence("person", "Ali Bongo", "no cue: check the type")
    assert confidence("date", "14 mars 2025", "") > confidence("date", "lundi", "")
    assert confidence("figure", "12", "") > confidence("figure", "douze", "")
    assert confidence("accord", "x", "cue 'signé un accord'") > confidence("accord", "x", "counting cue 'trois accords'")


def test_accept_removes_only_the_mark_and_its_review_note(draft):
    decided = decide(draft, "bakary", "accept")
    after = draft.read_text(encoding="utf-8")
    removed, added = changed_lines(DRAFT, after)
    assert removed == ["  # to review: person guessed from two or three capitalised words (no other cue)", "    draft: true"]
    assert added == []
    assert not decided.article.entities_by_id["bakary"].draft
    assert count_left(decided.article) == 7
    assert decided.stamp == file_stamp(draft)


def test_accept_in_a_flow_mapping_keeps_the_trailing_comment_and_the_key_first(draft):
    decide(draft, "date-lundi", "accept")
    decide(draft, "date-full", "accept")
    decide(draft, "maroc", "accept")
    after = draft.read_text(encoding="utf-8")
    removed, added = changed_lines(DRAFT, after)
    assert added == [
        '  - {id: date-lundi, quote: lundi, value: "2025-03-10", about: "le lundi"}  # the last lundi before 2025-03-14',
        '  - {id: date-full, quote: "14 mars 2025", value: "2025-03-14", about: "« é » la date"}',
    ]
    assert len(removed) == 3  # the two dates' old lines and Maroc's draft line
    assert "    draft: true" in removed
    article = load_article(draft)
    assert not any(d.draft for d in article.dates) and not article.entities_by_id["maroc"].draft


def test_reject_an_entity_removes_it_from_accord_parties_in_both_list_styles(draft):
    decided = decide(draft, "niger", "reject")
    after = draft.read_text(encoding="utf-8")
    assert "niger" not in after.replace("Niger", "")  # the id is gone everywhere; the text keeps the word
    assert "    parties: [maroc]" in after
    assert "    parties:\n      - maroc\n" in after
    assert "place guessed from a known country" not in after
    assert "niger" not in decided.article.entities_by_id
    assert decided.article.accords[1].parties == ("maroc",)
    assert "parties of accord-1" in decided.message and "parties of accord-2" in decided.message
    assert "  # my own note about the second accord" in after and "  # kept by hand: the agency" in after


def test_reject_an_accord_renumbers_the_rest_and_keeps_hand_notes(draft):
    decide(draft, "accord-1", "reject")
    after = draft.read_text(encoding="utf-8")
    assert "accord-1" not in after and "cue 'ont paraphé un accord'" not in after
    assert "  # my own note about the second accord\n  - id: accord-2\n    number: 1\n" in after
    assert load_article(draft).accords[0].number == 1


def test_reject_the_last_of_a_list_leaves_an_empty_list(draft):
    decide(draft, "fig-trois", "reject")
    after = draft.read_text(encoding="utf-8")
    assert "figures: []\n" in after and "fig-trois" not in after
    assert load_article(draft).figures == ()


def test_retype_sets_the_type_rewrites_the_placeholder_and_accepts(draft):
    decided = decide(draft, "nasser", "retype", "org")
    entity = decided.article.entities_by_id["nasser"]
    assert (entity.type, entity.draft) == ("org", False)
    assert entity.description == "À vérifier : organisation proposée d’après le texte"
    after = draft.read_text(encoding="utf-8")
    removed, added = changed_lines(DRAFT, after)
    assert added == ["    type: org", '    description: "À vérifier : organisation proposée d’après le texte"']
    # a description written by hand is kept when the type changes
    decide(draft, "maroc", "retype", "org")
    assert load_article(draft).entities_by_id["maroc"].description == "Le royaume"


def test_retype_of_a_date_is_refused_with_its_place(draft):
    with pytest.raises(ProblemsError) as error:
        decide(draft, "date-lundi", "retype", "person")
    assert "only a person, an organisation or a place has a type" in str(error.value)
    assert draft.read_text(encoding="utf-8") == DRAFT


def test_accept_every_suggestion_of_the_same_name(tmp_path):
    # two "lundi" in the text, each a suggested date
    text = DRAFT.replace("à Niamey, le 14 mars 2025.", "à Niamey, le 14 mars 2025, et lundi encore.").replace(
        '  - {id: date-lundi, quote: lundi, value',
        '  - {id: date-lundi-2, quote: lundi, occurrence: 2, value: "2025-03-10", about: "encore", draft: true}\n'
        '  - {id: date-lundi, quote: lundi, occurrence: 1, value')
    path = tmp_path / "same.yaml"
    path.write_text(text, encoding="utf-8")
    assert len([s for s in suggestions(load_article(path), text) if s.name == "lundi"]) == 2
    decided = decide(path, "date-lundi", "accept_name")
    assert decided.message == "accepted 2 suggestions named lundi"
    assert {d.id: d.draft for d in decided.article.dates} == {"date-lundi-2": False, "date-lundi": False, "date-full": True}


def test_a_decision_that_would_break_the_file_is_refused_and_nothing_written(draft):
    # rejecting the only party of an accord would leave it with none: the loader refuses, so does the review
    text = DRAFT.replace("parties: [niger, maroc]", "parties: [niger]")
    draft.write_text(text, encoding="utf-8")
    stamp = file_stamp(draft)
    with pytest.raises(ProblemsError) as error:
        decide(draft, "niger", "reject")
    message = str(error.value)
    line = text.splitlines().index("    parties: [niger]") + 1
    assert message == f"{draft}:{line}:14: reject niger: it is the only party of accord-1: reject the accord, or give it another party, first"
    assert draft.read_text(encoding="utf-8") == text and file_stamp(draft) == stamp


def test_any_decision_that_would_leave_the_file_invalid_is_never_written(draft, monkeypatch):
    # the safety net under every edit: whatever an edit would write is read as the loader reads it first
    import reader.importer.review as review

    monkeypatch.setattr(review, "decide_text", lambda text, *args: (text.replace("parties: [niger, maroc]", "parties: [niger, nobody]"), "x"))
    stamp = file_stamp(draft)
    with pytest.raises(ProblemsError) as error:
        decide(draft, "bakary", "accept")
    assert "refused: accept bakary would make the file invalid: accord 1 parties names unknown entity 'nobody'" in str(error.value)
    assert draft.read_text(encoding="utf-8") == DRAFT and file_stamp(draft) == stamp


def test_a_file_changed_since_it_was_opened_is_refused(draft):
    stamp = file_stamp(draft)
    edited = DRAFT.replace("a hand comment", "a hand comment, edited elsewhere")
    draft.write_text(edited, encoding="utf-8")
    os.utime(draft, ns=(stamp[0] + 10**9, stamp[0] + 10**9))
    with pytest.raises(ProblemsError, match="changed on disk since it was opened"):
        decide(draft, "bakary", "accept", expected=stamp)
    assert draft.read_text(encoding="utf-8") == edited


def test_an_unknown_id_is_a_located_refusal(draft):
    with pytest.raises(ProblemsError, match="no annotation with id 'nobody'"):
        decide(draft, "nobody", "accept")
    assert draft.read_text(encoding="utf-8") == DRAFT


def test_every_decision_keeps_the_file_valid_until_nothing_is_left(draft):
    """Accepting or rejecting suggestions one by one, lowest first: the file loads after each, and
    every line the user wrote that no decision was about is still there at the end."""
    hand_lines = ["  agency: 'APA'   # a hand comment, single quotes", "  # my own note about the second accord",
                  "  # kept by hand: the agency", '    description: "Banque africaine de développement"   # typed by hand',
                  'title: "Niamey et Rabat signent"  # draft: the text\'s first words']
    for step in range(20):
        article = load_article(draft)
        left = suggestions(article, draft.read_text(encoding="utf-8"))
        if not left:
            break
        decide(draft, left[0].ref, "reject" if step % 3 == 2 else "accept")
    else:
        pytest.fail("suggestions never ran out")
    after = draft.read_text(encoding="utf-8")
    assert count_left(load_article(draft)) == 0
    for line in hand_lines:
        assert line in after.splitlines()


def test_line_breaks_of_the_file_are_kept(tmp_path):
    path = tmp_path / "crlf.yaml"
    path.write_bytes(DRAFT.replace("\n", "\r\n").encode("utf-8"))
    decide(path, "bakary", "accept")
    data = path.read_bytes()
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert not load_article(path).entities_by_id["bakary"].draft


FLOW_ENTITIES = DRAFT.replace('''  - id: maroc
    draft: true
    type: place
    name: "Maroc"
    description: Le royaume
    aliases: [Maroc]
''', '''  - {id: maroc, type: place, name: "Maroc", description: "Le royaume, {écrit} à la main", aliases: [Maroc], draft: true}   # hand
''')


def test_an_entity_written_on_one_line_is_accepted_and_rejected_in_place(tmp_path):
    path = tmp_path / "flow.yaml"
    path.write_text(FLOW_ENTITIES, encoding="utf-8")
    decide(path, "maroc", "accept")
    assert '  - {id: maroc, type: place, name: "Maroc", description: "Le royaume, {écrit} à la main", aliases: [Maroc]}   # hand\n' \
        in path.read_text(encoding="utf-8")
    decide(path, "maroc", "reject")
    after = path.read_text(encoding="utf-8")
    assert "maroc" not in after and "parties: [niger]" in after
    assert "    parties:\n      - niger\n    summary" in after


def test_a_mark_first_on_the_dash_line_is_set_false(tmp_path):
    path = tmp_path / "dash.yaml"
    path.write_text(DRAFT.replace("  - id: maroc\n    draft: true\n", "  - draft: true\n    id: maroc\n"), encoding="utf-8")
    decided = decide(path, "maroc", "accept")
    assert "  - draft: false\n    id: maroc\n" in path.read_text(encoding="utf-8")
    assert not decided.article.entities_by_id["maroc"].draft


def test_a_list_written_in_flow_style_is_refused_not_mangled(tmp_path):
    path = tmp_path / "flowlist.yaml"
    text = DRAFT.replace('''figures:
  - {id: fig-trois, quote: "trois accords", value: 3, unit: accords, about: "compte", draft: true}  # spelled-out number
''', '''figures: [{id: fig-trois, quote: "trois accords", value: 3, unit: accords, about: "compte", draft: true}]
''')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsError, match="not written as `- ` in a block list: edit it by hand") as error:
        decide(path, "fig-trois", "reject")
    assert error.value.problems[0].line == text.splitlines().index(
        'figures: [{id: fig-trois, quote: "trois accords", value: 3, unit: accords, about: "compte", draft: true}]') + 1
    assert path.read_text(encoding="utf-8") == text
    decide(path, "fig-trois", "accept")  # the mark alone can still go
    assert 'about: "compte"}]\n' in path.read_text(encoding="utf-8")


def test_a_note_parted_from_its_entry_by_a_blank_line_is_kept(tmp_path):
    path = tmp_path / "apart.yaml"
    text = DRAFT.replace("  # to review: person guessed from two or three capitalised words (no other cue)\n  - id: nasser",
                         "  # to review: person guessed from two or three capitalised words (no other cue)\n\n  - id: nasser")
    path.write_text(text, encoding="utf-8")
    decide(path, "nasser", "reject")
    after = path.read_text(encoding="utf-8")
    assert "nasser" not in after
    assert after.count("# to review: person guessed") == 2  # Bakary's, and the one parted from Nasser's entry
