"""Figures in French and English text: value, unit and qualifier ("plus de" is a lower bound)."""

from __future__ import annotations

import re

from reader.importer.recognise import APOS, SPACE, Found

_S = rf"{SPACE}+"
QUALIFIERS = [
    ("lower-bound", r"pas\s+moins\s+d[e'’]|plus\s+d[e'’]|au\s+moins|sup[ée]rieure?s?\s+[àa]|au-del[àa]\s+d[e'’]|more\s+than|over|at\s+least|"
                    r"in\s+excess\s+of|exceeding|no\s+fewer\s+than|no\s+less\s+than"),
    ("upper-bound", r"moins\s+d[e'’]|inf[ée]rieure?s?\s+[àa]|jusqu[’']\s?[àa]|au\s+plus|less\s+than|fewer\s+than|under|up\s+to|"
                    r"at\s+most|below|as\s+much\s+as|as\s+many\s+as|as\s+high\s+as"),
    ("approximate", r"environ|pr[eè]s\s+d[e'’]|quelque|autour\s+d[e'’]|approximativement|estim[ée]e?s?\s+[àa]|about|around|nearly|"
                    r"almost|approximately|roughly|some|an\s+estimated|estimated"),
]
"""Words before a figure that bound it ("over five years" is a duration, not a bound: see _qualifier)."""
QUALIFIER_BEFORE = re.compile(r"(?:" + "|".join(f"(?P<q{i}>\\b(?:{p}))" for i, (_, p) in enumerate(QUALIFIERS)) + r")\s*\Z", re.I)

SCALES = {"mille": 1e3, "thousand": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9,
          "billion": 1e9, "billions": 1e9, "mds": 1e9, "md": 1e9, "m": 1e6, "bn": 1e9, "bln": 1e9, "mln": 1e6,
          "trillion": 1e12, "trillions": 1e12, "tn": 1e12, "trn": 1e12, "billiard": 1e15, "mrd": 1e9}
_SCALE = r"(?:milliards?|millions?|mille|thousand|trillions?|billions?|Mds|Md|bn|bln|mln|tn|trn|M)(?![\w])"
_CURRENCY = (r"(?:F\.?\s?CFA|FCFA|Fcfa|nairas?|shillings?|francs?\s+CFA|euros?|(?:U\.?S\.?\s+|US-)?dollars?(?:\s+américains|\s+US)?|roubles?|USD|EUR|US\$|\$|€|£|"
             r"yuans?|livres?(?:\s+sterling)?|dirhams?|nairas?|rands?)")
CURRENCIES = [("FCFA", r"f\.?\s?cfa|francs?\s+cfa"), ("NGN", r"nairas?|n|₦"), ("KES", r"k?sh|shillings?"), ("EUR", r"euros?|eur|€"), ("USD", r"(?:u\.?s\.?\s+|us-)?dollars?.*|usd|us\$|\$"),
              ("GBP", r"£|livres?\s+sterling"), ("RUB", r"roubles?"), ("CNY", r"yuans?")]
"""One name per currency, whatever the text wrote ("francs CFA", "Fcfa", "$", "U.S. dollars")."""
PERCENT = re.compile(r"pour\s?cent|per\s?cent|percent", re.I)


def unit_name(unit: str) -> str:
    """A unit as the draft writes it: currencies by code, "percent" as "%"."""
    for code, pattern in CURRENCIES:
        if re.fullmatch(pattern, unit, re.I):
            return code
    return "%" if PERCENT.fullmatch(unit) else unit
_MEASURE = (r"(?:%|pour\s?cent|per\s?cent|percent|tonnes?|tons?|t(?=\W)|kg|kilogrammes?|grammes?|km|kilomètres?|kilometres?|"
            r"kilometers?|(?:mètres?|metres?|meters?)\s+cubes|cubic\s+(?:feet|foot|metres?|meters?)|mètres?|metres?|meters?|m(?=\W)|"
            r"hectares?|ha(?=\W)|MW|mégawatts?|megawatts?|GW|kWh|MWh|barils?|barrels?|"
            r"litres?|liters?|miles?|onces?|ounces?|" + _CURRENCY + ")")
_RATE = r"(?:\s+(?:par|per|a|an)\s+(?:an|jour|mois|semaine|heure|year|day|month|week|hour|habitant|person)|\s?/\s?(?:an|jour|mois|year|day))"


def _number(language: str) -> str:
    # "450, 000": a thousands group cut by a stray space is still one number (only a "000" group: lists stay apart)
    if language == "en":
        return rf"(?:[0-9]{{1,3}}(?:(?:,|{SPACE}|,{SPACE}(?=000))[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    # a French text quoting "12.5%": a point before one or two digits is a decimal point, never a thousands one
    return rf"(?:[0-9]{{1,3}}(?:(?:\.|{SPACE}|,{SPACE}(?=000))[0-9]{{3}})+(?:,[0-9]+)?|[0-9]+\.[0-9]{{1,2}}(?![0-9])|[0-9]+(?:,[0-9]+)?)"


def parse_number(text: str, language: str) -> float | int:
    """'10 000' -> 10000, '3,5' -> 3.5 (French), '1,000.5' -> 1000.5 (English)."""
    stray_group = bool(re.search(rf",{SPACE}000", text))
    text = re.sub(SPACE, "", text)
    if language == "en" or stray_group or re.fullmatch(r"[0-9]+\.[0-9]{1,2}", text):
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
ONE = {"un": 1, "une": 1, "one": 1, "a": 1, "an": 1}
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
    rf"\b(?P<n>{_SPELLED})(?:{_S}|-(?=(?:day|week|month|year|hour|mile|km|hectare|storey|jour|an)s?\b))(?:d{APOS}|de{_S})?(?P<noun>[a-zà-ÿœ][\w\-]*(?:{_S}d{APOS}[A-ZÉ][\w\-]*)?)", re.I
)
ONE_SCALE = re.compile(rf"\b(?P<n>an?|one|un|une){_S}(?P<noun>billion|million|trillion|milliard)\b", re.I)
UNIT_AFTER_SCALE = re.compile(rf"(?:{_S}|-)(?:(?:de|of)\b{SPACE}*|d{APOS}{SPACE}*)?(?P<unit>{_MEASURE}|[a-zà-ÿœ][\w\-]{{2,}})")
ONE_FIGURE = re.compile(rf"\b(?P<n>une?|one){_S}(?P<noun>{TIME_UNITS})\b", re.I)
NOUN_AFTER = re.compile(rf"\A(?:{_S}|-(?=[a-z]))(?:(?:de|of)\b{SPACE}*|d{APOS}{SPACE}*)?(?P<noun>[a-zà-ÿœ][\w\-]{{2,}}|(?:Memorand|Agreement|Accord|Convention|MoU)\w*)(?:{_S}(?P<next>[a-zà-ÿœ][\w\-]{{2,}}))?")
PARTICIPLE = re.compile(r"(?:é|ée|és|ées)\Z")
"""'52,5 milliards destiné à…': a participle after a figure is no unit."""
FRENCH_ADJECTIVES_BEFORE = {"nouveaux", "nouvelles", "nouveau", "nouvelle", "grands", "grandes", "petits", "petites", "premiers",
                            "premières", "derniers", "dernières", "principaux", "principales", "autres", "importants", "gros"}
"""Adjectives French puts before the noun: "six nouveaux accords" counts accords."""
DURATION_AFTER = re.compile(rf"\A{SPACE}*(?:{TIME_UNITS})\b", re.I)
ORDINAL_AFTER = re.compile(r"\A(?:e|er|ère|ème|ᵉ|st|nd|rd|th)\b")


REFERENCE = re.compile(rf"\b(?:les|ces|des|the|these|both){_S}\Z", re.I)
REFERENCE_NOUNS = {"pays", "parties", "countries", "sides", "nations", "institutions", "camps", "délégations", "delegations",
                   "pays", "gouvernements", "governments", "partenaires", "partners", "leaders", "dirigeants"}
"""'les deux pays', 'the two sides': who is meant, not a figure."""
NAME_BEFORE = re.compile(rf"\b[A-Z][a-zà-ÿ\-]+{SPACE}\Z")
NOT_A_COUNT_BEFORE = re.compile(rf"(?:\bNo\.|\bn°|\bN°|#){SPACE}*\Z|[0-9]:\Z")
"""'No. 3 economy', '14:40': a rank or a time, not a figure."""


def counted_noun(first: str, following: str | None, language: str) -> str:
    """The noun a number counts, from the one or two words after it: "four secondary roads" counts
    roads, "eight cooperation agreements" agreements, "six nouveaux accords" accords, "seven years ahead" years."""
    if not following or following.lower() in _NOT_NOUNS:
        return first
    if language == "fr":
        return following if first.lower() in FRENCH_ADJECTIVES_BEFORE else first
    if re.fullmatch(TIME_UNITS, first, re.I) or not following.endswith("s") or following.endswith("ss"):
        return first
    return following


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
        rf"(?<![\w.,\-‐’'])(?P<cur>(?:US\$|\$|€|£|₦|USD{SPACE}|EUR{SPACE}|FCFA{SPACE}|KSh|Sh|(?<![\w])N(?=[0-9])){SPACE}?)?(?P<num>{number})(?![0-9])"
        rf"(?:(?:{SPACE}*|-)(?P<scale>{_SCALE}))?"
        rf"(?:(?:{SPACE}*|-)(?:(?:de|of)\b{SPACE}*|d{APOS}{SPACE}*)?(?i:(?P<unit>{_MEASURE}))(?![\w])(?P<rate>{_RATE})?)?"
    )
    for m in digits.finditer(text):
        if ORDINAL_AFTER.match(text[m.end("num"):]) and not m.group("unit"):
            continue
        if NOT_A_COUNT_BEFORE.search(text[max(0, m.start() - 6):m.start()]) or re.match(r":[0-9]{2}", text[m.end("num"):]):
            continue
        if not m.group("unit") and re.fullmatch(r"(?:19|20)[0-9]{2}", m.group("num")) and NAME_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
            continue  # "Vision 2020", "Agenda 2030": part of a name
        value = parse_number(m.group("num"), language)
        if m.group("cur") and not m.group("scale") and m.group("unit") in ("m", "M"):
            value = value * 10**6  # "$500m": a million, not metres
            value = int(value) if float(value).is_integer() else value
            out.append(Found("figure", m.start(), m.end(), value, unit=unit_name(m.group("cur").strip()),
                             qualifier=_qualifier(text, m.start())[0], prefix=_qualifier(text, m.start())[1]))
            continue
        if m.group("scale"):
            value = value * SCALES[m.group("scale").lower()]
            value = int(value) if float(value).is_integer() else value
        unit = unit_name(" ".join((m.group("unit") or "").split()))
        if m.group("cur") and not unit:
            unit = unit_name(m.group("cur").strip())
        if m.group("rate"):
            unit += " " + " ".join(m.group("rate").split())
        note = ""
        if not unit:
            noun = NOUN_AFTER.match(text[m.end():])
            if noun and noun.group("noun").lower() not in _NOT_NOUNS and not PARTICIPLE.search(noun.group("noun")):
                unit = counted_noun(noun.group("noun"), noun.group("next"), language)
                note = "unit: the noun after the number"
        qualifier, prefix, _ = _qualifier(text, m.start())
        if qualifier == "lower-bound" and prefix.lower() == "over" and DURATION_AFTER.match(text[m.end():]):
            qualifier, prefix = "exact", ""  # "over five years" says how long, not how many
        out.append(Found("figure", m.start(), m.end(), value, unit=unit, qualifier=qualifier, prefix=prefix, note=note))
    for pattern in (SPELLED_FIGURE, ONE_FIGURE, ONE_SCALE):
        for m in pattern.finditer(text):
            noun, end = m.group("noun"), m.end()
            if noun.lower() in _NOT_NOUNS or len(noun) < 3:
                continue
            word = " ".join(m.group("n").lower().split())
            value = SPELLED.get(word, ONE.get(word, 1))
            if noun.lower() in REFERENCE_NOUNS and REFERENCE.search(text[max(0, m.start() - 8):m.start()]):
                continue
            if noun.lower() in SPELLED:
                continue  # "vingt-deux": one number, not twenty of something
            if noun.lower() in SCALES:  # "une trentaine de milliards de Fcfa", "two trillion cubic feet", "a billion barrels"
                value = value * SCALES[noun.lower()]
                value = int(value) if float(value).is_integer() else value
                after = UNIT_AFTER_SCALE.match(text, end)
                noun = unit_name(" ".join(after.group("unit").split())) if after else ""
                end = after.end() if after else end
            else:
                following = NOUN_AFTER.match(text[end:])
                if following and following.group("noun") and following.start("noun") == 1 and following.group("noun").lower() not in _NOT_NOUNS:
                    head = counted_noun(noun, following.group("noun"), language)
                    if head != noun:
                        noun, end = head, end + following.end("noun")
            qualifier, prefix, _ = _qualifier(text, m.start())
            if qualifier == "lower-bound" and prefix.lower() == "over" and re.fullmatch(TIME_UNITS, noun, re.I):
                qualifier, prefix = "exact", ""
            if word.startswith(("une ", "un ")) and word != "une" and word != "un":
                qualifier = "approximate"
            out.append(Found("figure", m.start(), end, value, unit=noun, qualifier=qualifier, prefix=prefix, note="spelled-out number"))
    return out
