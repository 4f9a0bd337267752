"""Dates in French and English text, with ISO values; a missing year comes from the publication date."""

from __future__ import annotations

import datetime as _dt
import re

from reader.importer.recognise import APOS, SPACE, Found

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan.": 1, "feb.": 2, "aug.": 8, "sept.": 9, "oct.": 10, "nov.": 11, "dec.": 12,
    "janv": 1, "janv.": 1, "févr": 2, "févr.": 2, "fevr": 2, "avr": 4, "avr.": 4, "juil": 7, "juil.": 7, "déc": 12, "déc.": 12,
}
SHORT_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
"""Agency abbreviations ("Oct 8"): only read before a day number, where they cannot be a word."""
WEEKDAYS = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
RELATIVE = {
    "la veille": -1, "le lendemain": 1, "hier": -1, "avant-hier": -2, "aujourd'hui": 0, "demain": 1,
    "yesterday": -1, "today": 0, "tomorrow": 1, "the day before": -1, "the next day": 1, "the following day": 1,
}

_S = rf"{SPACE}+"
_MONTH = "|".join(re.escape(m) for m in sorted(MONTHS, key=len, reverse=True))
_SHORT = "|".join(sorted((m.capitalize() for m in SHORT_MONTHS), key=len, reverse=True))
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:er|st|nd|rd|th)?"
_YEAR = r"(?:1[89][0-9]{2}|20[0-9]{2}|2100)"
_NOT_NUMBER_AFTER = rf"(?![0-9])(?!{SPACE}?[0-9])"

PATTERNS = [
    # dimanche 22 juin, le 25 mars 2023, 23 June 2025, Monday 23 June
    ("dmy", re.compile(rf"\b(?:(?P<wd>{_WEEKDAY}),?{_S})?(?P<day>{_DAY}){_S}(?P<month>{_MONTH})(?!\w)(?:,?{_S}(?P<year>{_YEAR})\b)?", re.I)),
    # June 23, 2025; Monday, June 23
    ("mdy", re.compile(rf"\b(?:(?P<wd>{_WEEKDAY}),?{_S})?(?P<month>{_MONTH}){_S}(?P<day>{_DAY})\b(?:,?{_S}(?P<year>{_YEAR})\b)?", re.I)),
    # les 1er et 2 novembre, du 10 au 12 novembre, 10-12 June: the first day takes the month (and year) that follows
    ("range-first", re.compile(rf"\b(?P<day>{_DAY})(?={_S}(?:au|et|and|to){_S}{_DAY}{_S}(?P<month>{_MONTH})(?!\w)(?:,?{_S}(?P<year>{_YEAR})\b)?"
                               rf"|[-–]{_DAY}{_S}(?P<month2>{_MONTH})(?!\w)(?:,?{_S}(?P<year2>{_YEAR})\b)?)", re.I)),
    # Oct 8, Sept 12 2024: agency abbreviations, always with a day
    ("mdy-short", re.compile(rf"\b(?P<month>{_SHORT})\.?{_S}(?P<day>{_DAY})\b(?!{SPACE}?[0-9%])(?:,?{_S}(?P<year>{_YEAR})\b)?")),
    # mai 2025, August 2022, (décembre 2023)
    ("my", re.compile(rf"\b(?P<month>{_MONTH}){_S}(?:de{_S}|of{_S})?(?P<year>{_YEAR})\b", re.I)),
    # jeudi 26 (ou vendredi 27 juin): the month comes from what follows or from the publication
    ("wd", re.compile(rf"\b(?P<wd>{_WEEKDAY}){_S}(?P<day>{_DAY})\b(?!{_S}(?:{_MONTH}))", re.I)),
    # ce lundi, lundi dernier, last Monday ("on Monday" is a weekday alone: the last one)
    ("rel-wd", re.compile(rf"\b(?:(?:ce|this|last|next){_S}(?P<wd>{_WEEKDAY})|(?P<wd2>{_WEEKDAY}){_S}(?P<dir>dernier|prochain))\b", re.I)),
    # signé jeudi, said on Wednesday, a présidé, samedi: a weekday alone is the last one on or before
    # the publication (an agency reports what was done); "prochain", "next" are the rel-wd pattern
    ("wd-alone", re.compile(rf"\b(?P<wd>{_WEEKDAY})\b(?!{_S}(?:[0-9]|dernier|prochain|next|last))", re.I)),
    # la veille, hier, yesterday
    ("rel", re.compile(r"\b(?:" + "|".join(re.escape(k).replace("'", APOS).replace(r"\ ", _S) for k in sorted(RELATIVE, key=len, reverse=True)) + r")\b", re.I)),
    # cette 2e journée, cette journée: the day the dispatch was written
    ("this-day", re.compile(rf"(?<=\b[Cc]ette{SPACE})(?:[0-9]+(?:e|ème|ᵉ){_S})?journée\b")),
    # en mai, fin juin (a month alone, after a cue)
    ("m", re.compile(rf"\b(?:en|au{_S}mois{_S}de|début|fin|mi-|in|early|late|mid-)(?:{_S})?(?P<month>{_MONTH})\b(?!{_S}[0-9])", re.I)),
    # en 2023, depuis 1960, in 2023; a bare year too
    ("y", re.compile(rf"(?<![0-9.,]{SPACE})(?<![0-9.,])\b(?P<year>{_YEAR})\b{_NOT_NUMBER_AFTER}(?!{SPACE}?%)")),
]


_PAST = re.compile(rf"{_S}(?:dernier|last)\b", re.I)
_FUTURE = re.compile(rf"{_S}(?:prochain|next)\b", re.I)


_DEADLINE = re.compile(rf"(?:\bd{APOS}{SPACE}?ici|\bavant|\bjusqu{APOS}{SPACE}?(?:au|à|en)|\bau{_S}plus{_S}tard|\bby|\buntil|\btill|"
                       rf"\bbefore|\bno{_S}later{_S}than|\bahead{_S}of)(?:{_S}(?:le|la|l{APOS}|au|à|the))*{_S}?\Z", re.I)
"""What makes a date a deadline: "d'ici le 4 décembre", "avant fin juin", "jusqu'au 30 mai", "by December 4"."""
_SINCE = re.compile(rf"\b(?:depuis|since)(?:{_S}(?:le|la|l{APOS}|the))*{_S}?\Z", re.I)
"""What makes a date a start already passed: "depuis le 20 mars", "since March 20"."""


def _direction(text: str, start: int, end: int, dated: bool = True) -> int:
    """-1 when "dernier" / "last" follows a date, 1 for "prochain" / "next"; when the publication date is known,
    1 for a deadline ("d'ici le", "avant", "jusqu'au", "by": not before it), -1 after "depuis" / "since"; else 0."""
    if _PAST.match(text, end) or (dated and _SINCE.search(text, max(0, start - 20), start)):
        return -1
    if _FUTURE.match(text, end) or (dated and _DEADLINE.search(text, max(0, start - 40), start)):
        return 1
    return 0


def _closest_year(published: _dt.date, month: int, day: int, weekday: int | None, direction: int = 0) -> tuple[int, bool]:
    """The year putting day/month nearest the publication (matching the weekday when given;
    before it for "le 4 décembre dernier", after it for "prochain")."""
    options = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            when = _dt.date(year, month, day)
        except ValueError:
            continue
        if direction * (when - published).days < 0:
            continue
        options.append((weekday is not None and when.weekday() != weekday, abs((when - published).days), year))
    if not options:
        return published.year, False
    options.sort()
    return options[0][2], not options[0][0]


def _month_for_day(text: str, end: int, published: _dt.date, day: int, weekday: int) -> tuple[int, int, str]:
    """Month and year of 'jeudi 26': from a month named just after, else the nearest matching one."""
    ahead = re.match(rf".{{0,60}}?\b(?:{_MONTH})\b", text[end:], re.I | re.S)
    if ahead:
        month = MONTHS[re.search(rf"(?:{_MONTH})\b", ahead.group(0), re.I).group(0).lower()]
        year, _ = _closest_year(published, month, day, weekday)
        return year, month, "month taken from the date that follows"
    best = None
    for shift in range(-2, 3):
        month = (published.month - 1 + shift) % 12 + 1
        year = published.year + (published.month - 1 + shift) // 12
        try:
            when = _dt.date(year, month, day)
        except ValueError:
            continue
        key = (when.weekday() != weekday, abs((when - published).days))
        if best is None or key < best[0]:
            best = (key, year, month)
    assert best is not None
    return best[1], best[2], "month inferred from the weekday and the publication date"


NAMED_YEAR = re.compile(rf"\b(?!(?:{_MONTH}|{_WEEKDAY}|En|In|Depuis|Since|Fin|Début|Mid|Late|Early)\b)[A-Z][\w\-]+{SPACE}\Z")


SHORT_NUMERIC = re.compile(r"(?<![0-9/.\-,])(?P<a>[0-3]?[0-9])/(?P<b>[01]?[0-9])(?![0-9/.,])")
"""A stamp's day and month without a year: "le 19/06"."""


def _numeric_dates(text: str, published: _dt.date, language: str) -> list[Found]:
    """2014-10-08, 19/06/2020, 11-10-2006 (month first in English unless it cannot be), 19/06 (year of the publication)."""
    out = []
    for m in ISO_DATE.finditer(text):
        try:
            value = _dt.date(int(m["year"]), int(m["month"]), int(m["day"])).isoformat()
        except ValueError:
            continue
        out.append(Found("date", m.start(), m.end(), value, extra={"rank": len(PATTERNS) + 1}))
    for m in NUMERIC_DATE.finditer(text):
        found = _numeric(m.group(0), language)
        if found:
            out.append(Found("date", m.start(), m.end(), found[0].isoformat(), extra={"rank": len(PATTERNS) + 1}))
    for m in SHORT_NUMERIC.finditer(text):
        day, month = (int(m["b"]), int(m["a"])) if language == "en" and int(m["a"]) <= 12 else (int(m["a"]), int(m["b"]))
        year, _ = _closest_year(published, month, day, None, -1) if 1 <= month <= 12 else (0, False)
        try:
            value = _dt.date(year, month, day).isoformat()
        except ValueError:
            continue
        out.append(Found("date", m.start(), m.end(), value, note=f"year inferred from the publication date ({published.isoformat()})",
                         extra={"rank": len(PATTERNS) + 1}))
    return out


def find_dates(text: str, published: _dt.date, language: str = "fr", dated: bool = True) -> list[Found]:
    """Every date in a paragraph (overlaps not yet settled), each with an ISO value and a note.

    ``dated``: the publication date is the article's own (given or found), not today's for want of one:
    only then does a deadline ("d'ici le 4 décembre") take the year that puts it on or after it."""
    out: list[Found] = _numeric_dates(text, published, language)
    pub = published.isoformat()
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            wd = groups.get("wd") or groups.get("wd2")
            weekday = WEEKDAYS[wd.lower()] if wd else None
            note = ""
            if kind in ("dmy", "mdy", "mdy-short", "range-first"):
                day = int(re.match(r"[0-9]+", groups["day"]).group(0))
                month_word = (groups["month"] or groups.get("month2") or "").lower()
                month = MONTHS.get(month_word) or SHORT_MONTHS[month_word]
                if groups.get("year") or groups.get("year2"):
                    year = int(groups.get("year") or groups.get("year2"))
                else:
                    direction = _direction(text, m.start(), m.end(), dated)
                    year, fits = _closest_year(published, month, day, weekday, direction)
                    note = f"year inferred from the publication date ({pub})" + ("" if fits or weekday is None else "; the weekday does not fit")
                    if direction > 0 and not _FUTURE.match(text, m.end()):
                        note += "; a deadline: not before it"
                try:
                    value = _dt.date(year, month, day).isoformat()
                except ValueError:
                    continue
            elif kind == "my":
                value = f"{int(groups['year']):04d}-{MONTHS[groups['month'].lower()]:02d}"
            elif kind == "wd":
                day = int(re.match(r"[0-9]+", groups["day"]).group(0))
                year, month, note = _month_for_day(text, m.end(), published, day, weekday)
                try:
                    value = _dt.date(year, month, day).isoformat()
                except ValueError:
                    continue
            elif kind == "rel-wd":
                word = m.group(0).lower()
                delta = (weekday - published.weekday())
                if "dernier" in word or "last" in word:
                    delta = delta - 7 if delta >= 0 else delta
                elif "prochain" in word or "next" in word:
                    delta = delta + 7 if delta <= 0 else delta
                elif delta > 3:
                    delta -= 7
                elif delta < -3:
                    delta += 7
                value = (published + _dt.timedelta(days=delta)).isoformat()
                note = f"weekday counted from the publication date ({pub})"
            elif kind == "wd-alone":
                delta = weekday - published.weekday()
                delta = delta - 7 if delta > 0 else delta
                value = (published + _dt.timedelta(days=delta)).isoformat()
                note = f"the last {wd.lower()} on or before the publication date ({pub})"
            elif kind == "rel":
                key = re.sub(rf"{APOS}", "'", re.sub(_S, " ", m.group(0).lower()))
                value = (published + _dt.timedelta(days=RELATIVE[key])).isoformat()
                note = f"counted from the publication date ({pub}); check the reference day"
            elif kind == "this-day":
                value = pub
                note = "the day of the dispatch: the publication date"
            elif kind == "m":
                month = MONTHS[groups["month"].lower()]
                if month < published.month and _direction(text, m.start(), m.end(), dated) > 0:
                    value = f"{published.year + 1:04d}-{month:02d}"  # "d'ici fin juin" written in August: next June
                    note = f"a deadline: the first such month after the publication date ({pub})"
                else:
                    value = f"{published.year:04d}-{month:02d}"
                    note = f"year of the publication date ({pub}) assumed"
            else:  # a year alone
                if NAMED_YEAR.search(text, 0, m.start()):
                    continue  # "Vision 2020", "Agenda 2030": a name, not a date
                value = groups["year"]
            start, end = m.span()
            if kind == "m":  # the cue word ("en", "fin") is not part of the date
                start = m.start("month")
            out.append(Found("date", start, end, value, note=note, extra={"rank": len(PATTERNS) - [k for k, _ in PATTERNS].index(kind)}))
    return out


ISO_DATE = re.compile(r"(?<![0-9])(?P<year>(?:19|20)[0-9]{2})-(?P<month>[01][0-9])-(?P<day>[0-3][0-9])(?![0-9])")
NUMERIC_DATE = re.compile(r"(?<![0-9/.\-])(?P<a>[0-3]?[0-9])(?P<sep>[/.\-])(?P<b>[0-3]?[0-9])(?P=sep)(?P<year>(?:19|20)[0-9]{2})(?![0-9])")


def _numeric(line: str, language: str) -> tuple[_dt.date, str] | None:
    """A page's date stamp: 2014-10-08, 19/06/2020, 11-10-2006 (month first in English unless it cannot be)."""
    for m in ISO_DATE.finditer(line):
        try:
            return _dt.date(int(m["year"]), int(m["month"]), int(m["day"])), m.group(0)
        except ValueError:
            continue
    for m in NUMERIC_DATE.finditer(line):
        a, b = int(m["a"]), int(m["b"])
        month_first = (language == "en" and a <= 12) or b > 12
        month, day = (a, b) if month_first else (b, a)
        try:
            return _dt.date(int(m["year"]), month, day), m.group(0)
        except ValueError:
            continue
    return None


DATELINE = re.compile(rf"\A[A-ZÀ-Þ][\w'’\-]*(?:{_S}[A-ZÀ-Þ][\w'’\-]*)*,?{_S}(?P<month>{_SHORT}|{_MONTH})\.?{_S}(?P<day>{_DAY})\b"
                      rf"|\A[A-ZÀ-Þ][\w'’\-]*(?:{_S}[A-ZÀ-Þ][\w'’\-]*)*,?{_S}(?P<day2>{_DAY}){_S}(?P<month2>{_MONTH})\b")
"""A dateline without a year: "WASHINGTON, March 13 -", "BUENOS AIRES Oct 8", "Niamey, 14 mars"."""


def _full_dates(line: str) -> list[tuple[_dt.date, str]]:
    out = []
    for kind in ("dmy", "mdy"):
        for m in dict(PATTERNS)[kind].finditer(line):
            if m.group("year"):
                day = int(re.match(r"[0-9]+", m.group("day")).group(0))
                try:
                    out.append((_dt.date(int(m.group("year")), MONTHS[m.group("month").lower()], day), m.group(0)))
                except ValueError:
                    continue
    return out


def find_publication(lines: list[str], today: _dt.date, language: str = "fr", rest: list[str] = ()) -> tuple[_dt.date, str]:
    """The publication date from the text's first lines (a full date, a date stamp, a dateline); else
    the latest full date of the rest of the text (a dispatch is written after what it reports);
    else today; and how it was found."""
    for line in lines[:3]:
        if found := _numeric(line[:300], language):
            return found[0], f"the date stamp in the text's first lines: {found[1]!r}"
        for kind in ("dmy", "mdy"):
            for m in dict(PATTERNS)[kind].finditer(line[:300]):
                if m.group("year"):
                    day = int(re.match(r"[0-9]+", m.group("day")).group(0))
                    try:
                        when = _dt.date(int(m.group("year")), MONTHS[m.group("month").lower()], day)
                    except ValueError:
                        continue
                    return when, f"found in the text's first lines: {m.group(0)!r}"
    for line in lines[:3]:
        if m := DATELINE.match(line):
            word, day = (m["month"], m["day"]) if m["month"] else (m["month2"], m["day2"])
            month = MONTHS.get(word.lower()) or SHORT_MONTHS[word.lower()]
            day_number = int(re.match(r"[0-9]+", day).group(0))
            for year in (today.year, today.year - 1):  # the last such day up to today: a dispatch is not from the future
                try:
                    when = _dt.date(year, month, day_number)
                except ValueError:
                    continue
                if when <= today:
                    return when, f"the dateline {m.group(0)!r}; its year is not written, so the last one up to today: check it"
    written = [found for text in rest for found in _full_dates(text) if found[0] <= today]
    if written:
        when, quote = max(written)
        return when, f"the latest full date in the text, {quote!r}: the dispatch is from that day or later; check it"
    return today, "today's date: no date was given (--date) or found in the first lines; check it"
