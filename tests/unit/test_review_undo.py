"""The review's messages name a suggestion as the queue shows it, and an undo puts the file back as a decision writes it."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from reader.importer.review import decide, undo
from reader.load.build import load_article
from reader.load.files import file_stamp
from reader.model.problems import ProblemsError
from tests.unit.test_review import DRAFT


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.yaml"
    path.write_text(DRAFT, encoding="utf-8")
    return path


@pytest.mark.parametrize(("ref", "action", "message"), [
    ("maroc", "reject", "rejected Maroc (place maroc) (and removed it from the parties of accord-1, parties of accord-2)"),
    ("bakary", "accept", "accepted Bakary Yaou Sangaré (person bakary)"),
    ("date-lundi", "reject", "rejected lundi (date date-lundi)"),
    ("fig-trois", "accept", "accepted trois accords (figure fig-trois)"),
    ("accord-1", "reject", "rejected Accord de Niamey (accord accord-1)"),
])
def test_a_decision_names_the_suggestion_as_the_queue_shows_it(draft, ref, action, message):
    assert decide(draft, ref, action).message == message


def test_a_retype_names_the_entity_by_its_name(draft):
    assert decide(draft, "niger", "retype", "org").message == "Niger (place niger) is now an organisation"


def test_undo_puts_the_file_back_byte_for_byte_and_the_article_with_it(draft):
    first = decide(draft, "maroc", "reject")
    second = decide(draft, "bakary", "accept", expected=first.stamp)
    after_first = draft.read_text(encoding="utf-8")
    undone = undo(draft, second)
    assert draft.read_text(encoding="utf-8") == second.before
    assert undone.message == "undone: accepted Bakary Yaou Sangaré (person bakary)"
    assert undone.stamp == file_stamp(draft) and undone.article.entities_by_id["bakary"].draft
    assert "maroc" not in undone.article.entities_by_id  # only the last decision is undone
    undo(draft, replace(first, stamp=undone.stamp))  # then the one before it
    assert draft.read_text(encoding="utf-8") == DRAFT
    assert load_article(draft).entities_by_id["maroc"].draft
    assert after_first != DRAFT


def test_undo_refuses_a_file_changed_since_the_decision_and_writes_nothing(draft):
    decided = decide(draft, "maroc", "reject")
    edited = draft.read_text(encoding="utf-8").replace("a hand comment", "a hand comment, edited elsewhere")
    draft.write_text(edited, encoding="utf-8")
    os.utime(draft, ns=(decided.stamp[0] + 10**9, decided.stamp[0] + 10**9))
    with pytest.raises(ProblemsError, match="changed on disk since the decision: nothing undone"):
        undo(draft, decided)
    assert draft.read_text(encoding="utf-8") == edited


def test_undo_is_checked_by_the_loader_before_it_is_written(draft):
    # a text that no longer loads (here made so by hand) is never written back
    decided = decide(draft, "maroc", "reject")
    now = draft.read_text(encoding="utf-8")
    broken = replace(decided, before=DRAFT.replace("parties: [niger, maroc]", "parties: [niger, nobody]"))
    with pytest.raises(ProblemsError, match="refused: undo would make the file invalid: .*unknown entity 'nobody'"):
        undo(draft, broken)
    assert draft.read_text(encoding="utf-8") == now and file_stamp(draft) == decided.stamp
