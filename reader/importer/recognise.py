"""What the importer recognises besides dates, figures and names.

Shared spans, the language, an agency byline and the accords a text reports."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SPACE = r"[ \u00a0\u202f\u2009\u2007]"
"""One space as a typesetter writes it inside a phrase: plain, no-break, narrow no-break, thin."""
APOS = "['\u2019\u02bc]"
"""An apostrophe, straight or curly."""


@dataclass(frozen=True)
class Found:
    """A span of one paragraph recognised as a date, a figure, an entity or an accord cue."""

    kind: str
    """date, figure, person, org, place or accord."""
    start: int
    end: int
    value: object = None
    """ISO text for a date, a number for a figure."""
    unit: str = ""
    qualifier: str = "exact"
    prefix: str = ""
    """Text just before the quote that belongs with it (a figure's "plus de")."""
    note: str = ""
    """How it was recognised or inferred, for the reviewer."""
    extra: dict = field(default_factory=dict, compare=False)

    def overlaps(self, other: "Found") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass
class Candidate:
    """A proposed entity: its forms in the text, guessed type and why."""

    id: str
    type: str
    name: str
    aliases: list[str]
    cue: str
    known: bool = False
    description: str = ""


def resolve_overlaps(found: list[Found], rank) -> list[Found]:
    """Keep the strongest of every set of overlapping spans (rank: higher is stronger)."""
    kept: list[Found] = []
    for item in sorted(found, key=lambda f: (-rank(f), -(f.end - f.start), f.start)):
        if not any(item.overlaps(k) for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)


_FR_WORDS = {"le", "la", "les", "des", "du", "et", "une", "est", "dans", "pour", "avec", "qui", "sur", "au", "aux", "a", "été", "par"}
_EN_WORDS = {"the", "and", "of", "to", "in", "is", "was", "for", "with", "that", "on", "by", "has", "have", "said", "its"}


_ES_WORDS = {"el", "los", "las", "del", "y", "con", "por", "una", "para", "que", "fue", "según", "entre"}
_DE_WORDS = {"der", "die", "das", "und", "mit", "von", "ist", "ein", "eine", "den", "dem", "nicht", "wird", "auf", "für"}


def guess_language(text: str) -> str:
    """'fr', 'en', or 'es' / 'de' (which the recognisers do not read), from the commonest short words."""
    words = re.findall(r"[a-zà-ÿß]+", text.lower())
    counts = {lang: sum(w in vocabulary for w in words)
              for lang, vocabulary in (("fr", _FR_WORDS), ("en", _EN_WORDS), ("es", _ES_WORDS), ("de", _DE_WORDS))}
    best = max(counts, key=lambda lang: (counts[lang], lang in ("fr", "en")))
    return best if counts[best] > 0 else "fr"


SUPPORTED_LANGUAGES = ("fr", "en")


BYLINE = re.compile(r"\A[A-Za-z]{1,5}(?:/[A-Za-z]{1,5}){1,6}(?P<agency>/[A-Z][A-Za-z]{1,9})(?P<number>[0-9]{0,6})\Z")
"""An agency byline code such as MD/ac/Sf/APA or MD/ac/Sf/APA4912: initials, then the agency."""


def byline(line: str) -> tuple[str, str] | None:
    """(code, agency) when a line is an agency byline code, else None."""
    match = BYLINE.match(line.strip())
    if not match:
        return None
    agency = match.group("agency")[1:]
    return line.strip(), agency


# --- accords -------------------------------------------------------------------------------

ORDINALS = {
    "premier": 1, "première": 1, "first": 1, "deuxième": 2, "second": 2, "seconde": 2, "troisième": 3, "third": 3,
    "quatrième": 4, "fourth": 4, "cinquième": 5, "fifth": 5, "sixième": 6, "sixth": 6, "septième": 7, "seventh": 7,
    "dernier": 99, "last": 99,
}
_ORDINAL = "|".join(sorted(ORDINALS, key=len, reverse=True))

_AGREEMENT = (r"(?:accords?|protocoles?|m[ée]morand(?:um|a)s?|conventions?|traités?|agreements?|treaty|deals?|"
              r"pactes?|memoranda|contrats?|contracts?|MoUs?|MOUs?)")
ORDINAL_CUE = re.compile(rf"\b(?:[Ll]e|[Ll]a|[Tt]he|[Uu]n|[Aa])\s+(?P<ordinal>{_ORDINAL})\b(?:\s+{_AGREEMENT}\b)?")
"""'Le premier', 'le deuxième accord', 'The second agreement'."""
ORDINAL_PAIR = re.compile(rf"\b(?:[Ll]es|[Tt]he)\s+(?P<first>{_ORDINAL})\s+(?:et|and)\s+(?P<second>{_ORDINAL})\s+{_AGREEMENT}\b")
"""'Les deuxième et troisième conventions', 'the second and third agreements': two accords."""
SINGLE_CUE = re.compile(
    rf"\b(?:(?:a|ont|avait|avaient|ayant)\s+(?:sign[ée]|paraph[ée]|conclu)|(?:has|have|had)\s+(?:signed|inked|sealed)|signed|inked|sealed|"
    rf"sign[ée](?:nt)?|paraph[ée]s?)\s+(?:(?:mercredi|lundi|mardi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|"
    rf"saturday|sunday)\s+)?"
    rf"(?:(?:un|une|le|la|l{APOS}|an?|the)\s*)?(?:[\w\-$'’]+,?\s+){{0,6}}?{_AGREEMENT}\b"
    rf"|\b(?:signed|sign[ée]s?|inked|paraph[ée]s?)\b[^.;]{{0,60}}?\b(?:an?|the|un|une|le|la)\s+(?:[\w\-]+\s+){{0,3}}?(?:MoU|MOU|{_AGREEMENT})\b"
    rf"|\b(?:protocole\s+d{APOS}\s?accord|m[ée]morandum\s+d{APOS}\s?entente|memorandum\s+of\s+understanding)\b"
    rf"|\b(?:un|l{APOS}|cet|an|the|this)\s*(?:accord|agreement)\s+(?:de|d{APOS}|sur|on|of|for)\b",
    re.IGNORECASE,
)
"""A single agreement reported without an ordinal: 'a signé un accord', 'protocole d’accord', 'un accord de'."""
PLURAL_AGREEMENTS = re.compile(r"\b(?:accords|protocoles|conventions|traités|agreements|treaties|deals|pactes|contrats|contracts|memoranda)\b", re.I)
AGREEMENT_WORD = re.compile(rf"\b{_AGREEMENT}\b", re.IGNORECASE)
COUNTED_AGREEMENTS = re.compile(r"\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|two|three|four|five|six|seven|eight|nine|ten|[0-9]+)\s+" + _AGREEMENT, re.IGNORECASE)


LIST_CUE = re.compile(r"\b(?:il\s+s['’]agit|among\s+(?:the|them)|are\s*:|sont\s*:|notamment|à\s+savoir|namely|include|"
                      r"(?:a|ont)\s+(?:listé|cité|énuméré)|listed|cited)\b", re.I)
"""A sentence that lists the accords signed: each agreement word in it is one accord."""
LISTED = re.compile(rf"(?:\b(?:du|de|des|d{APOS}|l{APOS}|le|la|un|une|et|and|a|an)\s*(?:nouvel(?:le)?\s+|new\s+)?|[;:]\s*|\b(?P<n>two|three|four|five|six|deux|trois|quatre|cinq|six)\s+)"
                    rf"(?P<word>(?i:{_AGREEMENT})|[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){{0,3}}\s+(?:Agreement|Accord|Memorandum|Protocol|Program))\b")
_ORDINAL_SESSION = re.compile(r"\b(?:session|sommet|summit|édition|edition|réunion|meeting|commission\s+mixte|conférence|conference|forum)\b", re.I)


def listed_accords(text: str) -> list[Found]:
    """The accords a listing sentence names one after the other ("Il s'agit du nouvel Accord…, de l'Accord… et de quatre
    mémorandums d'entente"; "The agreements sealed are: …; Defense Cooperation Agreement; …")."""
    out: list[Found] = []
    done: set[int] = set()
    for cue in LIST_CUE.finditer(text):
        begin, end = sentence_bounds(text, cue.start())
        if begin in done:
            continue  # "Among the agreements … include …": one listing, two cues
        done.add(begin)
        for m in LISTED.finditer(text, cue.end(), end):
            count = COUNTS.get((m.group("n") or "").lower(), 1)  # "quatre mémorandums d'entente": four accords
            out += [Found("accord", m.start("word"), m.end("word"), None, note=f"listed accord {m.group('word')!r}")] * count
    return out


COUNTS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11,
          "douze": 12, "two": 2, "three": 3, "four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
          "eleven": 11, "twelve": 12}
COUNT_IN_CUE = re.compile(r"\b(?P<n>" + "|".join(COUNTS) + r"|[0-9]{1,2})\s+(?:(?:new|nouveaux|nouvelles|bilateral|bilatéraux|cooperation|"
                          r"[\w\-]+)\s+){0,2}?" + _AGREEMENT + r"\b", re.IGNORECASE)
"""'eight cooperation agreements', 'six nouveaux accords', '10 bilateral agreements': how many a signing counts."""
NOT_AN_ACCORD_AFTER = re.compile(r"\s+(?:[0-9]+|" + "|".join(COUNTS) + r"|months?|mois|years?|années?|ans|half|moitié|semestre|trimestre|"
                                 r"quarter|phase|tranche|round|étape|time|fois|jour|day|week|semaine)\b", re.IGNORECASE)
"""'the first nine months', 'la première tranche': an ordinal that counts something else."""
ANAPHORA = re.compile(rf"(?:\b(?:the|this|that|le|la|ce|cet|cette)\s+|\bl{APOS}\s*)\Z", re.IGNORECASE)
"""'The memorandum of understanding was signed…': an accord already reported, named again."""
DEFINITE = re.compile(rf"(?:the|this|l{APOS}|cet|cette|le|la)\b", re.IGNORECASE)
MAX_COUNTED = 12
"""More than this many is a tally ("26 MoUs in the last 12 months"), not one signing: it proposes none."""
PASSIVE_CUE = re.compile(r"\b(?:(?:ont|a|avaient|avait|sont|were|was|have|has|had)\s+(?:été\s+|been\s+)|(?:was|were)\s+)"
                         r"(?:sign|paraph|conclu|inked|sealed)\w*", re.I)
"""'Trois conventions … ont été signées par…', 'The agreement was signed in Dakar by…': the agreements are the
subject, before the verb."""


def _count(text: str) -> int:
    match = COUNT_IN_CUE.search(text)
    if not match:
        return 0
    word = match.group("n").lower()
    count = COUNTS.get(word) or int(word)
    return count if count <= MAX_COUNTED else -1


class _Span:
    """A cue found by hand (the passive voice): what SINGLE_CUE's matches offer."""

    def __init__(self, text: str, start: int, end: int, again: bool = False) -> None:
        self._text, self._start, self._end = text, start, end
        self.again = again
        """'The agreements … were signed': what was reported before, named again (no new accord after another)."""

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, _index: int = 0) -> str:
        return self._text[self._start:self._end]


def _signings(text: str) -> list:
    """Signing cues of a paragraph in reading order: active ("a signé un accord") and passive, where
    the subject names the agreements ("Trois conventions de financement … ont été signées")."""
    found = list(SINGLE_CUE.finditer(text))
    for verb in PASSIVE_CUE.finditer(text):
        begin = sentence_bounds(text, verb.start())[0]
        subject = text[begin:verb.start()]
        word = AGREEMENT_WORD.search(subject)
        if word and not any(m.start() <= verb.start() < m.end() for m in found):
            counted = COUNT_IN_CUE.search(subject)
            start = begin + (counted.start() if counted else word.start())
            again = False
            if not re.search(r"été|been", verb.group(0), re.I):  # "The agreement was signed in Dakar by …"
                last = list(AGREEMENT_WORD.finditer(subject))[-1]
                again = bool(ANAPHORA.search(subject[max(0, last.start() - 8):last.start()]))
            found.append(_Span(text, start, verb.end(), again))
    return sorted(found, key=lambda m: m.start())


def accord_cues(paragraphs: list[str]) -> list[tuple[int, Found]]:
    """Cues of reported accords, (paragraph index, cue) in reading order; a cue stands for one accord.

    A listing sentence ("Il s'agit de…", "are: …") gives one cue per agreement it names ("quatre
    mémorandums" four). An ordinal ("Le premier", "le deuxième accord") counts when the same or the
    previous sentence speaks of agreements, never before a session, a summit or a span of time. A
    signing ("a signé un accord de…") counts when no ordinal came in the same paragraph; one that
    counts ("inked eight agreements") stands for as many accords as the paragraphs after it do not
    name one by one; one that names again what was reported ("The memorandum … was signed") adds none.
    """
    out: list[tuple[int, Found]] = []
    context = ""
    for index, text in enumerate(paragraphs):
        ordinal_here = False
        listed = listed_accords(text)
        if listed:
            signing = next((m for m in SINGLE_CUE.finditer(text, 0, listed[0].start) if _count(m.group(0))), None)
            if signing:  # "signed five agreements. Among them: …" in one paragraph
                out.append((index, Found("accord", signing.start(), signing.end(), None, note=f"counting cue {signing.group(0)!r}",
                                         extra={"count": _count(signing.group(0))})))
            out += [(index, found) for found in listed]
            context = text
            continue
        first_here = len(out)
        for match in ORDINAL_CUE.finditer(text):
            following = text[match.end():match.end() + 30]
            if _ORDINAL_SESSION.match(text, match.end() + 1) or _ORDINAL_SESSION.search(following.split(",")[0]):
                continue  # "la cinquième session de la commission mixte" is a meeting, not an accord
            if NOT_AN_ACCORD_AFTER.match(following):
                continue
            sentence_start = max(text.rfind(". ", 0, match.start()), 0)
            before = context[-300:] + " " + text[max(0, sentence_start - 300):match.start()]
            after = text[match.start():match.start() + 200]
            if AGREEMENT_WORD.search(match.group(0)) or COUNTED_AGREEMENTS.search(before) or AGREEMENT_WORD.search(after.split(".")[0]):
                number = ORDINALS[match.group("ordinal").lower()]
                out.append((index, Found("accord", match.start(), match.end(), number, note=f"ordinal cue {match.group(0)!r}")))
                ordinal_here = True
        for match in ORDINAL_PAIR.finditer(text):
            # "Les deuxième et troisième conventions": two accords of the list, each anchored on its ordinal
            for group in ("first", "second"):
                out.append((index, Found("accord", match.start(group), match.end(group), ORDINALS[match.group(group).lower()],
                                         note=f"ordinal cue {match.group(group)!r} in {match.group(0)!r}")))
            ordinal_here = True
        out[first_here:] = sorted(out[first_here:], key=lambda cue: cue[1].start)  # reading order: accords are numbered in it
        if not ordinal_here:
            done: set[int] = set()  # one accord per sentence: the rest of it likely speaks of the same one
            for match in _signings(text):
                begin = sentence_bounds(text, match.start())[0]
                if begin in done or (out and getattr(match, "again", False)):
                    continue
                if PLURAL_AGREEMENTS.search(match.group(0)):
                    counted = _count(match.group(0))
                    if counted > 0:
                        out.append((index, Found("accord", match.start(), match.end(), None, note=f"counting cue {match.group(0)!r}",
                                                 extra={"count": counted})))
                        done.add(begin)
                    elif counted < 0:  # a tally: it says who signed, the sentences after name the accords
                        out.append((index, Found("accord", match.start(), match.end(), None, note=f"tally {match.group(0)!r}",
                                                 extra={"count": 1, "signing_only": True})))
                        done.add(begin)
                    else:  # "signed deals", "plusieurs conventions": one accord, unless the sentences after name them
                        out.append((index, Found("accord", match.start(), match.end(), None, note=f"cue {match.group(0)!r}",
                                                 extra={"count": 1, "uncounted": True})))
                        done.add(begin)
                    continue
                if out and (ANAPHORA.search(text[max(0, match.start() - 8):match.start()]) or DEFINITE.match(match.group(0))):
                    continue
                out.append((index, Found("accord", match.start(), match.end(), None, note=f"cue {match.group(0)!r}")))
                done.add(begin)
        context = text
    # an ordinal repeated (the same accord named twice) keeps its first cue
    seen: set[int] = set()
    kept = []
    for index, cue in out:
        if cue.value is not None and cue.value in seen:
            continue
        if cue.value is not None:
            seen.add(cue.value)
        kept.append((index, cue))
    # a counting cue stands for the accords the next paragraphs do not name one by one
    expanded = []
    for position, (index, cue) in enumerate(kept):
        count = cue.extra.get("count", 1)
        if cue.extra.get("uncounted"):
            named_after = any(not later.extra.get("count") and later_index <= index + 4 for later_index, later in kept[position + 1:])
            extra = {"signing_only": True} if named_after else {}
            expanded.append((index, Found(cue.kind, cue.start, cue.end, cue.value, note=cue.note, extra=extra)))
            continue
        if count > 1 and position > 0:
            count = 1  # a later count ("in the previous weeks, the two sides signed 19 agreements") is history, not this news
        elif count > 1:
            named = 0
            for later_index, later in kept[position + 1:]:
                if later_index > index + 4:
                    break
                if later.extra.get("uncounted") or later.extra.get("signing_only"):
                    continue  # "Les accords ont été signés par …" speaks again of the signing counted; the accords come after
                if later.extra.get("count"):
                    break
                named += 1
            count = count - named
            if count <= 0:  # the paragraphs after name every one: the count only says who signed
                expanded.append((index, Found(cue.kind, cue.start, cue.end, cue.value, note=cue.note, extra={"signing_only": True})))
                continue
            if count > 1:
                cue = Found(cue.kind, cue.start, cue.end, cue.value, note=cue.note + f"; one of {count} accords it counts that the text does not name one by one")
        expanded += [(index, cue)] * count
    return expanded


DOMAINS = {
    "énergie nucléaire": r"nucl[ée]aire|nuclear|atomi",
    "énergie": r"[ée]nerg|electricit|électricit|energy|power plant|power line|m[ée]gawatt|p[ée]trol|hydrocarbur|ol[ée]oduc|gazoduc|pipeline|crude oil",
    "commerce": r"commerc|trade|march[ée]s|export|import",
    "sécurité": r"s[ée]curit|terroris|security",
    "défense": r"d[ée]fense|militaire|military|defen[cs]e|armée|army",
    "économie": r"[ée]conomi|investiss|investment",
    "mines": r"\bmine|minier|or raffin|gold|raffinerie|refinery|mining",
    "santé": r"sant[ée]|health|hôpita|hospital",
    "éducation": r"[ée]ducati|formation|training|universit",
    "agriculture": r"agricol|agricult|farm",
    "transport": r"transport|ferroviaire|railway|aérien|\bport\b",
    "science": r"scientifi|science|recherche|research|technolog",
}


ENGLISH_DOMAINS = {"énergie nucléaire": "nuclear energy", "énergie": "energy", "commerce": "trade", "sécurité": "security",
                   "défense": "defence", "économie": "economy", "mines": "mining", "santé": "health", "éducation": "education"}
"""The domain words of an English article (the others are spelt alike)."""


def domains(text: str, language: str = "fr") -> list[str]:
    """Domain words for an accord, from keywords of its passage, in the article's language."""
    found = [name for name, pattern in DOMAINS.items() if re.search(pattern, text, re.IGNORECASE)]
    return [ENGLISH_DOMAINS.get(name, name) for name in found] if language == "en" else found


SENTENCE_STOP = re.compile(r"(?<![ .][A-Z])\. ")
"""A full stop ending a sentence: not the point of an initial or of "U.S.", "M." (the next sentence starts after it)."""


def sentence_bounds(text: str, start: int) -> tuple[int, int]:
    """(begin, end) of the sentence of a paragraph that holds a position."""
    stops = [m.start() for m in SENTENCE_STOP.finditer(text)]
    begin = max((i + 2 for i in stops if i < start), default=0)
    end = min((i for i in stops if i >= start), default=-1)
    return begin, end + 1 if end >= 0 else len(text)


def sentence_at(text: str, start: int) -> str:
    """The sentence of a paragraph that holds a position."""
    begin, end = sentence_bounds(text, start)
    return text[begin:end].strip()


BETWEEN_DIGITS = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d)")
"""A space inside a number ("2 000", "1 500 000"): no place to cut."""


def cut_words(text: str, limit: int) -> str:
    """The text cut to at most `limit` characters at a space, "…" where it goes on; never inside a word or a
    number written with spaces ("près de 2 0…" read as another figure)."""
    if len(text) <= limit:
        return text
    inside = {m.start() for m in BETWEEN_DIGITS.finditer(text, 0, limit + 1)}
    cut = next((i for i in range(limit - 2, 0, -1) if text[i].isspace() and i not in inside), limit - 2)
    return text[:cut].rstrip(" ,;:–-") + " …"
