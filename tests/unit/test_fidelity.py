"""The bundled article: its text is the dispatch verbatim, and its annotations are complete."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.load.build import load_article
from reader.text.fold import fold_text
from reader.model.article import ENTITY_TYPES, Article
from reader.settings.paths import bundled_articles

ARTICLE = bundled_articles() / "mali-russie-accords-2025-06-23.yaml"
SOURCE = Path(__file__).parents[1] / "data" / "source-mali-russie.txt"


def source_lines() -> list[str]:
    """The dispatch, one paragraph a line (split on newline only: no other separator counts)."""
    text = SOURCE.read_text(encoding="utf-8")
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


@pytest.fixture(scope="module")
def article() -> Article:
    return load_article(ARTICLE)


def paragraph_text(article: Article, location) -> str:
    return article.sections[location.section].paragraphs[location.paragraph].text[location.start:location.end]


# --- fidelity -------------------------------------------------------------------------------

def test_the_source_is_what_we_think() -> None:
    lines = source_lines()
    assert len(lines) == 11
    assert lines[0].startswith("La visite du Chef de l’Etat malien en Russie")
    assert lines[-1] == "MD/ac/Sf/APA"


def test_paragraphs_equal_the_source_lines_in_order(article: Article) -> None:
    paragraphs = [p.text for s in article.sections for p in s.paragraphs]
    lines = source_lines()
    assert len(paragraphs) == len(lines)
    for index, (paragraph, line) in enumerate(zip(paragraphs, lines)):
        # compare code points, so a changed apostrophe, space or accent form shows
        assert [hex(ord(c)) for c in paragraph] == [hex(ord(c)) for c in line], f"paragraph {index + 1}"
    assert paragraphs == lines


def test_no_section_text_holds_anything_not_in_the_source(article: Article) -> None:
    source = SOURCE.read_text(encoding="utf-8")
    for section in article.sections:
        assert section.text in source, section.id
        for paragraph in section.paragraphs:
            assert paragraph.text in source_lines(), section.id


def test_every_source_character_is_in_the_article(article: Article) -> None:
    joined = "\n".join(p.text for s in article.sections for p in s.paragraphs)
    assert joined == "\n".join(source_lines())


# --- the bundled article's content ------------------------------------------------------------

def test_bundled_article_loads(article: Article) -> None:
    assert article.id == "mali-russie-accords-2025-06-23"
    assert article.published == "2025-06-23"
    assert article.language == "fr"
    assert article.source.agency == "APA"
    assert article.source.code == "MD/ac/Sf/APA"
    assert len(article.sections) == 11


def test_three_numbered_accords_then_one_dossier(article: Article) -> None:
    accords = article.numbered_accords
    assert [a.number for a in accords] == [1, 2, 3]
    assert "commission intergouvernementale" in fold_text(accords[0].title)
    assert "nucleaire" in fold_text(accords[1].title)
    assert "rosatom" in accords[1].counterparts
    assert "cadre general" in fold_text(accords[2].title)
    for accord in accords:
        assert set(accord.parties) == {"mali", "russie"}
    [dossier] = article.dossiers
    assert dossier.number is None
    assert "senou" in fold_text(dossier.title) and "raffinerie" in fold_text(dossier.title)
    assert article.sections[dossier.anchor.section].id == "raffinerie"


def test_accord_anchors_are_in_article_order_and_in_their_sections(article: Article) -> None:
    anchors = [(a.anchor.section, a.anchor.paragraph, a.anchor.start) for a in article.numbered_accords]
    assert anchors == sorted(anchors)
    assert [article.sections[a.anchor.section].id for a in article.numbered_accords] == ["commission", "nucleaire", "cadre"]
    first = article.numbered_accords[0].anchor
    assert paragraph_text(article, first) == "Le premier acte la création d’une commission intergouvernementale"


@pytest.mark.parametrize(
    ("name", "kind", "text"),
    [
        ("Assimi Goïta", "person", "le général Assimi Goïta"),
        ("Vladimir Poutine", "person", "Vladimir Poutine"),
        ("Rosatom", "org", "Rosatom"),
        ("Groupe Wagner", "org", "groupe Wagner"),
        ("Africa Corps", "org", "Africa Corps"),
        ("Yadran", "org", "Yadran"),
        ("SOROMA-SA", "org", "SOROMA-SA"),
        ("MINUSMA", "org", "MINUSMA"),
        ("LBMA", "org", "LBMA"),
        ("Mali", "place", "Mali"),
        ("Russie", "place", "Russie"),
        ("Bamako", "place", "Bamako"),
        ("Moscou", "place", "Moscou"),
        ("Sénou", "place", "Sénou"),
    ],
)
def test_named_things_are_entities_and_are_marked(article: Article, name: str, kind: str, text: str) -> None:
    [entity] = [e for e in article.entities if e.name == name]
    assert entity.type == kind
    mentions = article.mentions_by_ref.get(entity.id, ())
    assert mentions, f"{name} is never marked"
    assert text in [paragraph_text(article, m.location) for m in mentions]


def test_every_mention_is_one_of_its_entitys_aliases(article: Article) -> None:
    for mention in article.mentions:
        if mention.kind not in ENTITY_TYPES:
            continue
        entity = article.entities_by_id[mention.ref]
        assert mention.kind == entity.type
        marked = fold_text(paragraph_text(article, mention.location))
        assert marked in {fold_text(a) for a in entity.aliases}


def test_every_entity_is_mentioned(article: Article) -> None:
    for entity in article.entities:
        assert article.mentions_by_ref.get(entity.id), entity.id


def test_longest_alias_wins_in_the_bundled_text(article: Article) -> None:
    source = "\n".join(source_lines())
    words = len(re.findall(r"\bMali\b", source))
    assert words == 7
    # one "Mali" is inside "régions du Centre et du Nord du Mali", which is its own place
    assert len(article.mentions_by_ref["mali"]) == words - 1
    russie = [paragraph_text(article, m.location) for m in article.mentions_by_ref["russie"]]
    assert "Fédération de Russie" in russie
    assert len(russie) == len(re.findall(r"\bRussie\b", source)) == 5


def test_mali_is_never_marked_inside_malien(article: Article) -> None:
    for mention in article.mentions_by_ref["mali"]:
        text = article.sections[mention.section].paragraphs[mention.paragraph].text
        assert text[mention.start:mention.end] == "Mali"
        assert not text[mention.end:mention.end + 1].isalpha()


@pytest.mark.parametrize(
    ("quote", "value", "unit", "qualifier"),
    [
        ("10 000", 10000, "cadres", "lower-bound"),
        ("45 %", 45, "%", "upper-bound"),
        ("200 tonnes par an", 200, "tonnes par an", "exact"),
        ("38 %", 38, "%", "exact"),
    ],
)
def test_figures(article: Article, quote: str, value: int, unit: str, qualifier: str) -> None:
    [figure] = [f for f in article.figures if f.quote == quote]
    assert (figure.value, figure.unit, figure.qualifier) == (value, unit, qualifier)
    assert paragraph_text(article, figure.location) == quote


def test_lower_bound_figure_follows_plus_de(article: Article) -> None:
    [figure] = [f for f in article.figures if f.quote == "10 000"]
    text = article.sections[figure.location.section].paragraphs[figure.location.paragraph].text
    assert text[: figure.location.start].endswith("plus de ")


@pytest.mark.parametrize(
    ("value", "quote"),
    [
        ("2025-06-22", "dimanche 22 juin"),
        ("2025-06-23", "23 juin"),
        ("2025-05", "mai 2025"),
        ("2023-12", "décembre 2023"),
        ("2022-08", "août 2022"),
        ("1960", "1960"),
    ],
)
def test_dates(article: Article, value: str, quote: str) -> None:
    matching = [d for d in article.dates if d.value == value and d.quote == quote]
    assert len(matching) == 1
    assert paragraph_text(article, matching[0].location) == quote


def test_every_date_and_figure_marks_its_quote(article: Article) -> None:
    for item in [*article.dates, *article.figures]:
        assert fold_text(paragraph_text(article, item.location)) == fold_text(item.quote), item.id


def test_spans_never_overlap(article: Article) -> None:
    for section in article.sections:
        for paragraph in section.paragraphs:
            ends = 0
            for mention in paragraph.mentions:
                assert mention.start >= ends
                assert mention.start < mention.end <= len(paragraph.text)
                ends = mention.end
