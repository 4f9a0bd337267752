"""The parties of an accord a draft proposes: the countries, organisations or people named at the signing."""

from __future__ import annotations

import re
from typing import Callable

from reader.text.fold import fold_text
from reader.importer.recognise import Candidate, Found, sentence_bounds
from reader.importer.names import AGENCIES
from reader.importer.places import COUNTRIES, REGIONS, country_name, country_names, country_references, demonym_references, FORMS


def _dateline(text: str, start: int, end: int) -> bool:
    """Whether a name opens the paragraph as a dateline ("Dakar, 12 mars 2025 (APA) –"): it says where, not who."""
    return not text[:start].strip() and text[end:end + 1] == ","


POSSESSIVE = re.compile(r"['’]s\b")


def _describes(text: str, start: int, end: int, hits: list, entities: dict) -> bool:
    """Whether a country word only describes a firm named just after it ("Malaysia’s Petronas",
    "Russian gas giant Gazprom"): the firm signs, not the country."""
    if POSSESSIVE.match(text, end) or not text[start].isupper():
        for a, _, entity_id in hits:
            entity = entities.get(entity_id)
            if entity and entity.type == "org" and end <= a <= end + 25 and not re.search(r",|;|\b(?:and|et)\b", text[end:a]):
                return True
    return False


def accord_parties(entities: dict[str, Candidate], rows: list[tuple[int, int, str]], index: int, cue: Found, hits: dict,
                   agency: str | None) -> tuple[list[str], str]:
    """The parties of an accord, from what is named in or near its sentence, and where they came from.

    Countries (by name, demonym, capital or seat: "le président sénégalais", "l’Élysée") in the
    sentence; else before it in its paragraph or in the paragraph before; else organisations in
    the sentence; else the people named there ("Les deux chefs d’État ont signé"); else countries
    later in the paragraph. Never the agency, never a region, never a default for the whole text.
    """
    countries: dict[str, str] = {}
    for e in entities.values():
        if e.type == "place":
            for form in (e.name, *e.aliases):
                folded = fold_text(form).strip()
                if folded in COUNTRIES or folded in country_names(form):  # a country's name, not its capital's
                    for name in (country_names(form) | {folded}) - REGIONS:
                        countries.setdefault(name, e.id)
    s, p, text = rows[index]
    begin, end = sentence_bounds(text, cue.start)
    windows = [((s, p, text), begin, end, "in its sentence"), ((s, p, text), 0, begin, "before it in its paragraph")]
    if index > 0:
        windows.append((rows[index - 1], 0, len(rows[index - 1][2]), "in the paragraph before"))
    later = ((s, p, text), end, len(text), "later in its paragraph")

    def named(window, kinds: tuple[str, ...]) -> list[str]:
        (ws, wp, wtext), low, high, _ = window
        found: list[tuple[int, str]] = []
        for start, stop, entity_id in hits.get((ws, wp), []):
            entity = entities.get(entity_id)
            if low <= start < high and entity and entity_id != agency and not _dateline(wtext, start, stop) \
                    and fold_text(entity.name) not in AGENCIES and not entity.cue.startswith("a minister's portfolio"):
                if entity.type in kinds and (entity.type != "place" or entity_id in countries.values()):
                    if entity.type == "place" and _describes(wtext, start, stop, hits.get((ws, wp), []), entities):
                        continue
                    found.append((start, entity_id))
        if "place" in kinds:
            # "Ghana" in "Ghana Energy Commission" names the commission, but "nigérien" in "le ministre nigérien du
            # Pétrole" (a ministry's alias) says whose minister signs
            inside = [(a, b) for a, b, entity_id in hits.get((ws, wp), []) if entities[entity_id].type != "place"
                      and not entities[entity_id].cue.startswith("a minister's portfolio")]
            for start, stop, names in country_references(wtext):
                entity_id = next((countries[n] for n in sorted(names) if n in countries), None)
                if any(a <= start and stop <= b for a, b in inside):
                    continue
                if entity_id and low <= start < high and not _dateline(wtext, start, stop) and not _describes(wtext, start, stop, hits.get((ws, wp), []), entities):
                    found.append((start, entity_id))
        return list(dict.fromkeys(entity_id for _, entity_id in sorted(found)))

    before = named(((s, p, text), begin, cue.end, ""), ("place", "org"))
    if len(before) >= 2:  # "X and Y have signed …": the subjects, not what the sentence names after ("linked to the Ministry of …")
        return before[:4], "the countries and organisations that signed, before the cue"
    signers = named(windows[0], ("place", "org"))
    if len(signers) >= 2:
        return signers[:4], "the countries and organisations named in its sentence"
    people = named(windows[0], ("person",))
    if len(signers) == 1 and people:  # "signées par Amadou Ba, ministre …, et l'ambassadeur de l'UE": a side and its signatory
        return [*signers, people[0]], "the organisation or country and the person named as signing in its sentence"
    if found := named(windows[0], ("place",)):
        # one country in the sentence: the other is named before ("son homologue", "les deux pays")
        earlier = [e for window in windows[1:] for e in named(window, ("place",)) if e not in found]
        if not earlier and index > 0:
            earlier = [e for i in range(index - 1, -1, -1) for e in named((rows[i], 0, len(rows[i][2]), ""), ("place",)) if e not in found]
        return (found + earlier[:1])[:4], "the countries named in its sentence" + (" and before it" if earlier else "")
    nearby = list(dict.fromkeys(e for window in windows[1:] for e in named(window, ("place",))))
    if len(nearby) < 2 and index > 1:  # a list of accords paragraphs after the lede that names both countries
        nearby += [e for i in range(index - 2, -1, -1) for e in named((rows[i], 0, len(rows[i][2]), ""), ("place",)) if e not in nearby]
    if nearby:
        return nearby[:2], "the countries named just before it"
    if found := named(windows[0], ("org",)):
        return found[:2], "the organisations named in its sentence"
    people = list(dict.fromkeys(e for window in windows for e in named(window, ("person",))))
    if people:
        return people[:2], "the people named in or before its sentence (no country named near it)"
    if found := named(later, ("place",)):
        return found[:2], "the countries named later in its paragraph"
    return [], ""


def nationality_countries(entities: dict[str, Candidate], sentences: list[tuple[int, int, str]], paragraphs: list[tuple[int, int, str]],
                          free: Callable[[str], bool], language: str) -> list[tuple[str, list[str], str]]:
    """The countries an accord's sentence names only by a nationality ("le ministre nigérien … et son homologue
    béninois"), none of them proposed yet: (name, the words of the text that can stand for it, the nationality word).

    `sentences` are (section, paragraph, text) of the accords' sentences; `free(form)` says whether a form of a
    country is found somewhere in the text outside what is annotated already (an alias must be, for the loader)."""
    known: set[str] = set()
    for e in entities.values():
        if e.type == "place":
            for form in (e.name, *e.aliases):
                folded = fold_text(form).strip()
                if folded in COUNTRIES or folded in country_names(form):  # a country's name; "Dakar" proposes no Sénégal
                    known |= country_names(form) | {folded}
    out: list[tuple[str, list[str], str]] = []
    for _, _, sentence in sentences:
        for start, end, names in demonym_references(sentence):
            if names & known or names & REGIONS:
                continue
            known |= names
            words = {sentence[start:end]} | {t[a:b] for _, _, t in paragraphs for a, b, n in demonym_references(t) if n == names}
            forms = [f for f in (*FORMS.get(names, ()), *sorted(words)) if free(f)]
            forms = list({fold_text(f).strip(): f for f in forms}.values())
            if forms:
                out.append((country_name(names, language), forms, sentence[start:end]))
    return out
