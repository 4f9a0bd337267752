"""Where ] [ * # lead, without the app."""

from __future__ import annotations

from reader.load.build import load_article
from reader.model.article import Location, Mention
from reader.model.navigation import step_accord, step_mention
from tests.apphelpers import BUNDLED

ARTICLE = load_article(BUNDLED)


def at(section_id: str) -> Location:
    return Location(ARTICLE.section_index(section_id), 0, 0, 0)


def test_accords_in_order_from_before_the_first():
    assert step_accord(ARTICLE, at("lede"), 1).id == "accord-commission"
    assert step_accord(ARTICLE, at("lede"), -1) is None
    assert step_accord(ARTICLE, at("nucleaire"), 1).id == "accord-cadre"
    assert step_accord(ARTICLE, at("nucleaire"), -1).id == "accord-commission"
    assert step_accord(ARTICLE, at("cadre"), 1).id == "raffinerie-senou"  # the dossier comes after
    assert step_accord(ARTICLE, at("raffinerie"), 1) is None


def test_between_accords_previous_is_the_last_one_passed():
    assert step_accord(ARTICLE, at("contexte"), -1).id == "raffinerie-senou"
    assert step_accord(ARTICLE, at("contexte"), 1) is None


def test_mentions_step_and_wrap():
    mentions = [Mention(0, 0, 5, 8, "person", "x"), Mention(2, 0, 1, 3, "person", "x"), Mention(4, 1, 0, 2, "person", "x")]
    assert step_mention(mentions, (0, 0, 5), 1) == (mentions[1], False)
    assert step_mention(mentions, (4, 1, 0), 1) == (mentions[0], True)
    assert step_mention(mentions, (0, 0, 5), -1) == (mentions[2], True)
    assert step_mention(mentions, (3, 0, 0), -1) == (mentions[1], False)
    assert step_mention([], (0, 0, 0), 1) is None
