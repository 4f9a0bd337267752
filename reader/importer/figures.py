"""Figures in French and English text: value, unit and qualifier ("plus de" is a lower bound)."""

from __future__ import annotations

import re

from reader.importer.recognise import APOS, SPACE, Found

_S = rf"{SPACE}+"
QUALIFIERS = [
    ("lower-bound", r"plus\s+d[e']|plus\s+d’|au\s+moins|sup[ée]rieure?s?\s+[àa]|au-del[àa]\s+d[e']|more\s+than|over|at\s+least|in\s+excess\s+of|exceeding"),
    ("upper-bound", r"moins\s+d[e']|moins\s+d’|inf[ée]rieure?s?\s+[àa]|jusqu[’']\s?[àa]|au\s+plus|less\s+than|fewer\s+than|under|up\s+to|at\s+most|below"),
    ("approximate", r"environ|pr[eè]s\s+d[e']|pr[eè]s\s+d’|quelque|autour\s+d[e']|approximativement|about|around|nearly|almost|approximately|roughly|some"),
]
QUALIFIER_BEFORE = re.compile(r"(?:" + "|".join(f"(?P<q{i}>\\b(?:{p}))" for i, (_, p) in enumerate(QUALIFIERS)) + r")\s*\Z", re.I)

SCALES = {"mille": 1e3, "thousand": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9,
          "billion": 1e9, "billions": 1e9, "mds": 1e9, "md": 1e9, "m": 1e6, "bn": 1e9}
_SCALE = r"(?:milliards?|millions?|mille|thousand|billions?|Mds|Md|bn|M)(?![\w])"
_CURRENCY = r"(?:F\s?CFA|FCFA|francs?\s+CFA|euros?|dollars?(?:\s+américains|\s+US)?|roubles?|USD|EUR|US\$|\$|€|£|yuans?|livres?)"
_MEASURE = (r"(?:%|pour\s?cent|per\s?cent|percent|tonnes?|tons?|t(?=\W)|kg|kilogrammes?|grammes?|km|kilomètres?|kilometres?|"
            r"kilometers?|mètres?|metres?|meters?|m(?=\W)|hectares?|ha(?=\W)|MW|mégawatts?|megawatts?|GW|kWh|MWh|barils?|barrels?|"
            r"litres?|liters?|miles?|onces?|ounces?|" + _CURRENCY + ")")
_RATE = r"(?:\s+(?:par|per|a|an)\s+(?:an|jour|mois|semaine|heure|year|day|month|week|hour|habitant|person)|\s?/\s?(?:an|jour|mois|year|day))"


def _number(language: str) -> str:
    if language == "en":
        return rf"(?:[0-9]{{1,3}}(?:(?:,|{SPACE})[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    return rf"(?:[0-9]{{1,3}}(?:(?:\.|{SPACE})[0-9]{{3}})+(?:,[0-9]+)?|[0-9]+(?:,[0-9]+)?)"


def parse_number(text: str, language: str) -> float | int:
    """'10 000' -> 10000, '3,5' -> 3.5 (French), '1,000.5' -> 1000.5 (English)."""
    text = re.sub(SPACE, "", text)
    if language == "en":
        text = text.replace(",", "")
    else:
        text = text.replace(".", "").replace(",", ".")
    value = float(text)
    return int(value) if value.is_integer() else value


SPELLED = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11,
    "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40,
    "cinquante": 50, "soixante": 60, "cent": 100, "mille": 1000,
    "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
    "dozen": 12, "a dozen": 12,
    "une dizaine": 10, "une vingtaine": 20, "une trentaine": 30, "une centaine": 100, "un millier": 1000,
}
ONE = {"un": 1, "une": 1, "one": 1}
TIME_UNITS = r"(?:semaines?|jours?|mois|ans?|années?|heures?|décennies?|siècles?|weeks?|days?|months?|years?|hours?|decades?|centuries?)"
_NOT_NOUNS = {
    "de", "des", "du", "d", "et", "ou", "à", "a", "au", "aux", "en", "qui", "que", "quoi", "dont", "sur", "pour", "par",
    "dans", "avec", "sans", "the", "of", "and", "or", "to", "in", "on", "for", "with", "by", "from", "that", "who",
    "autres", "fois-ci", "ont", "sont", "est", "se", "ne", "pas", "plus", "moins", "premiers", "derniers", "seuls",
    "mêmes", "are", "were", "have", "had", "more", "less", "others", "other", "ses", "leurs", "ces", "les", "la", "le",
    "l", "nos", "vos", "mes", "their", "its", "his", "her", "these", "those", "them", "parmi", "among", "sur",
}
_SPELLED = "|".join(sorted((re.escape(k).replace(r"\ ", _S) for k in SPELLED), key=len, reverse=True))
SPELLED_FIGURE = re.compile(
    rf"\b(?P<n>{_SPELLED}){_S}(?:d{APOS}|de{_S})?(?P<noun>[a-zà-ÿœ][\w\-]*(?:{_S}d{APOS}[A-ZÉ][\w\-]*)?)", re.I
)
ONE_FIGURE = re.compile(rf"\b(?P<n>une?|one){_S}(?P<noun>{TIME_UNITS})\b", re.I)
NOUN_AFTER = re.compile(rf"\A{_S}(?:(?:de|d{APOS}|of){_S}?)?(?P<noun>[a-zà-ÿœ][\w\-]{{2,}})")
ORDINAL_AFTER = re.compile(r"\A(?:e|er|ère|ème|ᵉ|st|nd|rd|th)\b")


def _qualifier(text: str, start: int) -> tuple[str, str, int]:
    """(qualifier, prefix text, where the prefix starts) for the words just before a figure."""
    match = QUALIFIER_BEFORE.search(text[max(0, start - 30):start])
    if not match:
        return "exact", "", start
    for i, (name, _) in enumerate(QUALIFIERS):
        if match.group(f"q{i}"):
            offset = max(0, start - 30)
            return name, match.group(f"q{i}"), offset + match.start(f"q{i}")
    return "exact", "", start


def find_figures(text: str, language: str) -> list[Found]:
    """Every figure of a paragraph (dates not yet taken out): digits with units, and counted things."""
    out: list[Found] = []
    number = _number(language)
    digits = re.compile(
        rf"(?<![\w.,\-‐’'])(?P<cur>(?:US\$|\$|€|£){SPACE}?)?(?P<num>{number})(?![0-9])"
        rf"(?:{_S}?(?P<scale>{_SCALE}))?"
        rf"(?:{SPACE}*(?:(?:de|d{APOS}|of){_S}?)?(?P<unit>{_MEASURE})(?![\w])(?P<rate>{_RATE})?)?"
    )
    for m in digits.finditer(text):
        if ORDINAL_AFTER.match(text[m.end("num"):]) and not m.group("unit"):
            continue
        value = parse_number(m.group("num"), language)
        if m.group("scale"):
            value = value * SCALES[m.group("scale").lower()]
            value = int(value) if float(value).is_integer() else value
        unit = " ".join((m.group("unit") or "").split())
        if m.group("cur"):
            unit = m.group("cur").strip() + (" " + unit if unit else "")
        if m.group("rate"):
            unit += " " + " ".join(m.group("rate").split())
        note = ""
        if not unit:
            noun = NOUN_AFTER.match(text[m.end():])
            if noun and noun.group("noun").lower() not in _NOT_NOUNS:
                unit = noun.group("noun")
                note = "unit: the word after the number"
        qualifier, prefix, _ = _qualifier(text, m.start())
        out.append(Found("figure", m.start(), m.end(), value, unit=unit, qualifier=qualifier, prefix=prefix, note=note))
    for pattern in (SPELLED_FIGURE, ONE_FIGURE):
        for m in pattern.finditer(text):
            noun = m.group("noun")
            if noun.lower() in _NOT_NOUNS or len(noun) < 3:
                continue
            word = " ".join(m.group("n").lower().split())
            value = SPELLED.get(word, ONE.get(word, 1))
            qualifier, prefix, _ = _qualifier(text, m.start())
            if word.startswith(("une ", "un ")) and word != "une" and word != "un":
                qualifier = "approximate"
            out.append(Found("figure", m.start(), m.end(), value, unit=noun, qualifier=qualifier, prefix=prefix, note="spelled-out number"))
    return out
