r"""Search queries -> compiled patterns and comparisons: smart case and accents, figures, typed filters.

A query is free text, or one typed filter: ``person:``, ``org:``, ``place:``, ``date:`` or
``figure:`` followed by text or, for dates and figures, a comparison (``figure:>100``,
``figure:<=45%``, ``date:2025-06``, ``date:<2024``). Any other word glued to a colon and text
(``foo:bar``) is an unknown filter, said; ``10:30``, ``note: x`` and a quoted ``"foo:bar"`` are text. The pattern is matched on text folded by
reader.text.fold.fold with the same options, so typography never hides a match.

Limits: a regex is matched on folded text, so its literal characters are folded like the text
(accents and capitals dropped unless they count, any run of spaces is one space: ``\n``
never matches, ``\s`` does) but escapes such as ``\u00e9`` or ``\N{...}`` are not folded, and
a regex runs under the `regex` package with a time limit (reader.search.engine stops one that
backtracks without end, and releases the interpreter while it runs). In a figure comparison '.' and
',' are decimal points: group thousands with spaces (``figure:>10 000``) or not at all.
"""

from __future__ import annotations

import difflib
import re
import time
import unicodedata
import warnings
from dataclasses import dataclass
from typing import Any, Iterator

from reader.text.fold import fold
from reader.model.article import SPAN_KINDS

_WORD = r"[^\W_]"
_START = rf"(?:(?<!{_WORD})|(?!{_WORD}))"
"""At a word start, or the needle begins with a non-word character (as annotate.py does)."""
_END = rf"(?:(?<!{_WORD})|(?!{_WORD}))"
"""After a word end, or the needle ended on a non-word character."""

_FILTER = re.compile(r"\s*([A-Za-z]+):(.*)\Z", re.DOTALL)
_NUMBER = re.compile(r"\d+(?:[ .,]\d+)*")
_OPERATOR = re.compile(r"\s*(<=|>=|<|>|=)?\s*(.*?)\s*\Z", re.DOTALL)
_ISO = re.compile(r"\d{4}(?:-(\d{2})(?:-(\d{2}))?)?\Z")
_ISO_PREFIX = re.compile(r"\d{1,4}(?:-\d{0,2}){0,2}\Z")
_REGEX_ERRORS = (re.error, OverflowError, RecursionError, ValueError)
_FIGURE_VALUE = re.compile(r"(\d+(?: \d{3})*(?:[.,]\d+)?) ?(%?)\Z")


class QueryError(ValueError):
    """A query that cannot be run; ``position`` (0-based, in the query as typed) when known."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


@dataclass(frozen=True, slots=True)
class SearchOptions:
    """How to match: None means smart (a capital makes case count, an accent makes accents count)."""

    case: bool | None = None
    diacritics: bool | None = None
    whole_word: bool = False
    regex: bool = False


@dataclass(frozen=True, slots=True)
class Comparison:
    """``figure:>100`` or ``date:<2024``: an operator and a number (with %) or an ISO date prefix."""

    op: str
    """One of <, <=, >, >=, = (and "prefix" for a bare date)."""
    value: float | str
    percent: bool = False

    def figure_holds(self, value: float, unit: str, qualifier: str) -> bool:
        """True when every quantity the figure allows satisfies the comparison ("might" is no).

        A lower bound ("plus de 10 000") means value < x, an upper bound ("inférieur à 45 %")
        x < value; approximate counts as exact. ``=`` compares the figure as stated.
        """
        if self.percent and unit.strip() != "%":
            return False
        bound = float(self.value)  # type: ignore[arg-type]
        op = self.op
        if op == "=":
            return value == bound
        if qualifier == "lower-bound":
            return op in (">", ">=") and value >= bound
        if qualifier == "upper-bound":
            return op in ("<", "<=") and value <= bound
        return {">": value > bound, ">=": value >= bound, "<": value < bound, "<=": value <= bound}[op]

    def date_holds(self, iso: str) -> bool:
        """Compare an ISO date (YYYY, YYYY-MM, YYYY-MM-DD) with this one as intervals of days."""
        bound = str(self.value)
        if self.op in ("prefix", "="):
            return iso.startswith(bound)
        low, high = _date_range(iso)
        b_low, b_high = _date_range(bound)
        return {">": low > b_high, ">=": low >= b_low, "<": high < b_low, "<=": high <= b_high}[self.op]


def _date_range(iso: str) -> tuple[str, str]:
    """The first and last day a partial ISO date covers, as comparable strings."""
    return iso + "-01-01"[len(iso) - 4:], iso + "-12-31"[len(iso) - 4:]


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query, ready for reader.search.engine.search."""

    source: str
    """The query as typed."""
    kind: str | None
    """None for free text, else the span kind a filter keeps (person, org, place, date, figure)."""
    pattern: re.Pattern[str] | None
    """Run on folded text; None when the query sets no text condition."""
    needle: str
    """The folded text, to recognise an entity's name (empty in regex mode)."""
    case: bool
    accents: bool
    compare: Comparison | None = None

    @property
    def is_empty(self) -> bool:
        """A blank free-text query: it matches nothing."""
        return self.kind is None and self.pattern is None

    def finds(self, folded: str, deadline: float | None = None) -> bool:
        """True when the pattern occurs (non-empty) in an already folded string; a user's regex
        raises TimeoutError past ``deadline`` (time.monotonic())."""
        if self.pattern is None:
            return True
        return any(m.end() > m.start() for m in finditer(self.pattern, folded, deadline))


def finditer(pattern: Any, text: str, deadline: float | None) -> Iterator[Any]:
    """pattern.finditer(text); a user's regex (compiled by the `regex` package) stops with
    TimeoutError at ``deadline`` and lets other threads run (and signals be seen) meanwhile."""
    if deadline is None or isinstance(pattern, re.Pattern):
        return pattern.finditer(text)
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("regular expression time limit")
    return pattern.finditer(text, timeout=left, concurrent=True)


def _has_upper(text: str, regex: bool) -> bool:
    """A capital among the query's letters (in a regex, escapes such as \\S do not count)."""
    if regex:
        text = re.sub(r"\\.", "", text, flags=re.DOTALL)
    return any(c.isupper() for c in text)


def _has_accent(text: str) -> bool:
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", text))


def _digits(run: str) -> str:
    """A digit run as a pattern allowing a group separator between groups of three."""
    head = len(run) % 3 or 3
    groups = [run[:head]] + [run[i:i + 3] for i in range(head, len(run), 3)]
    return "[ .]?".join(re.escape(g) for g in groups)


def number_pattern(token: str) -> str:
    """A number from the query as a pattern for the many ways text writes it, never inside a larger one.

    ``10000`` finds "10 000" and "10.000", ``3.5`` finds "3,5"; a separator followed by exactly
    three digits is a thousands separator, otherwise '.' and ',' are a decimal point.
    """
    parts = re.split(r"([ .,])", token)
    out = []
    decimal = False
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(re.escape(part) if decimal or i > 0 else _digits(part))
            continue
        grouped = len(parts[i + 1]) == 3 and not decimal
        if part == " ":
            out.append("[ .,]?" if grouped else " ")
        elif grouped:
            out.append("[ .,]?")
        else:
            out.append("[.,]")
            decimal = True
    # a leading group of three digits could be the tail of a larger number ("1 200"); the checks
    # before the number are made just after its first digit (the same conditions, one character
    # further), so that the pattern starts with a literal digit, which re can skip ahead to
    left = r"(?<!\d.)(?<!\d[.,].)" + (r"(?<!\d .)" if len(parts[0]) % 3 == 0 else "")
    right = r"(?!\d)(?![.,]\d)(?! \d{3}(?!\d))"
    body = "".join(out)
    return body[0] + left + body[1:] + right


def text_pattern(folded: str) -> str:
    """A folded free-text query as a pattern: literal text, numbers written any way, ``45%`` ~ "45 %"."""
    out = []
    at = 0
    for number in _NUMBER.finditer(folded):
        out.append(re.escape(folded[at:number.start()]))
        out.append(number_pattern(number.group()))
        at = number.end()
        percent = re.match(r" ?%", folded[at:])
        if percent:
            out.append(" ?%")
            at += percent.end()
    out.append(re.escape(folded[at:]))
    return "".join(out)


def _regex(source: str) -> re.Pattern[str]:
    """Compile without the FutureWarning re gives for "[--" and the like (a user's pattern, not ours)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return re.compile(source)


def _timed(source: str) -> Any:
    """A user's regex compiled by the `regex` package (re-compatible V0), which can be given a
    time limit; re's pattern where `regex` reads the source otherwise (a case never seen, kept safe)."""
    import regex  # imported on a first regex search, not at start-up (it takes ~10 ms to import)

    try:
        return regex.compile(source, regex.V0)
    except Exception:  # noqa: BLE001 - any refusal of the second parser: keep re's reading
        return _regex(source)


def _compile(text: str, offset: int, case: bool, accents: bool, options: SearchOptions) -> tuple[re.Pattern[str] | None, str]:
    """Fold and compile the text part of a query; returns (pattern or None, folded needle)."""
    if options.regex:
        folded = fold(text, case=True, accents=accents)
        source = folded.text
        if not case:  # casefold the literal characters only: \S must not become \s
            source = re.sub(r"\\.|[^\\]+", lambda m: m.group() if m.group().startswith("\\") else m.group().casefold(), source, flags=re.DOTALL)
        if not source:
            return None, ""
        try:
            _regex(source)
        except _REGEX_ERRORS as error:
            pos = getattr(error, "pos", None)
            message = getattr(error, "msg", None) or str(error)
            if pos is None:
                raise QueryError(f"invalid regular expression: {message}") from None
            at = offset + (folded.starts[pos] if pos < len(folded.text) else folded.length)
            raise QueryError(f"invalid regular expression at position {at + 1}: {message}", at) from None
        needle = ""
    else:
        needle = fold(text, case=case, accents=accents).text.strip()
        if not needle:
            return None, ""
        source = text_pattern(needle)
    if options.whole_word:
        flags = re.match(r"(?:\(\?[aiLmsux]+\))*", source).group()  # global flags must stay first
        source = f"{flags}{_START}(?:{source[len(flags):]}){_END}"
    try:
        pattern = _regex(source)
        return (_timed(source) if options.regex else pattern), needle
    except _REGEX_ERRORS as error:
        raise QueryError(f"invalid regular expression: {getattr(error, 'msg', None) or error}") from None


def _check_date(date: str, shown: str, at: int) -> None:
    """Raise QueryError when a whole or partly typed ISO date names a month or day no date has.

    ``date`` is YYYY, YYYY-MM or YYYY-MM-DD, or a beginning of one ("2025-0"); ``shown`` starts
    the message (the filter as typed); ``at`` is where ``date`` starts in the query.
    """
    parts = date.split("-")
    year, month, day = (parts + ["", ""])[:3]
    if len(parts) > 1 and len(year) != 4:
        raise QueryError(f"{shown}: a year has four digits (YYYY-MM-DD)", at)
    month_at = at + len(year) + 1
    if len(parts) > 2 and not month:
        raise QueryError(f"{shown}: expected a month (01 to 12) after '{year}-'", month_at)
    if len(month) == 1 and (month not in "01" or len(parts) > 2):
        raise QueryError(f"{shown}: a month has two digits (01 to 12)", month_at)
    if len(month) == 2 and not 1 <= int(month) <= 12:
        raise QueryError(f"{shown}: there is no month {month} (months go from 01 to 12)", month_at)
    day_at = month_at + len(month) + 1
    if len(day) == 1 and day not in "0123":
        raise QueryError(f"{shown}: a day has two digits (01 to 31)", day_at)
    if len(day) == 2:
        import calendar  # a date filter's day only: a search starts without it

        days = calendar.monthrange(int(year), int(month))[1]
        if not 1 <= int(day) <= days:
            raise QueryError(f"{shown}: there is no day {day} in {year}-{month} (it has {days} days)", day_at)


def _comparison(kind: str, value: str, offset: int) -> Comparison | None:
    """A date or figure comparison, None when the value is text to look for instead.

    A date no calendar has (``date:2025-13``, ``date:2025-02-30``) and a comparison with no
    number or date after its operator (``figure:>``, ``figure:>abc``) are bad queries, not "no matches".
    """
    match = _OPERATOR.match(value)
    assert match is not None
    op, rest = match.group(1), match.group(2)
    shown = f"{kind}:{value.strip()}"
    if kind == "date":
        if op is None:
            if not _ISO_PREFIX.match(rest):
                return None
            _check_date(rest, shown, offset + match.start(2))
            return Comparison("prefix", rest)
        if not _ISO.match(rest):
            raise QueryError(f"{shown}: expected an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) after {op!r}", offset)
        _check_date(rest, f"{shown}: expected an ISO date after {op!r}", offset + match.start(2))
        return Comparison(op, rest)
    number = _FIGURE_VALUE.match(fold(rest).text)
    if number is None:
        if op is None:
            return None
        raise QueryError(f"{shown}: expected a number after {op!r}, e.g. figure:>100 or figure:<=45%", offset)
    digits = number.group(1).replace(" ", "").replace(",", ".")
    return Comparison(op or "=", float(digits), percent=bool(number.group(2)))


def _unquoted(value: str, offset: int) -> tuple[str, int]:
    """A value in double quotes, as the picker's filter takes it (``person:"assimi goita"``, ``"note: x"``): the
    text between them (a quote of the text itself is searched with one quote alone, or in a regex)."""
    inner = value.strip()
    if len(inner) >= 2 and inner[0] == inner[-1] == '"':
        return inner[1:-1], offset + value.index('"') + 1
    return value, offset


def parse_query(text: str, options: SearchOptions = SearchOptions()) -> Query:
    """Parse what the user typed; raises QueryError (with a position when known) for a bad query."""
    kind = None
    value, offset = text, 0
    head = _FILTER.match(text)
    if head:
        name = head.group(1).lower()
        if name in SPAN_KINDS:
            kind, value, offset = name, head.group(2), head.start(2)
        elif close := difflib.get_close_matches(name, SPAN_KINDS, n=1, cutoff=0.75):
            raise QueryError(f"unknown filter '{head.group(1)}:' (did you mean '{close[0]}:'?)", head.start(1))
        elif head.group(2)[:1].strip() and not options.regex:
            # 'foo:bar' reads as a filter; "note: x" (a space after the colon) stays free text, and so
            # does a regex, which cannot be quoted; quote a phrase to search its colon literally
            raise QueryError(f"unknown filter '{head.group(1)}' ({', '.join(SPAN_KINDS)})", head.start(1))
    if not options.regex:
        value, offset = _unquoted(value, offset)
    case = _has_upper(value, options.regex) if options.case is None else options.case
    accents = _has_accent(value) if options.diacritics is None else options.diacritics
    compare = _comparison(kind, value, offset) if kind in ("date", "figure") and not options.regex else None
    pattern, needle = (None, "") if compare else _compile(value, offset, case, accents, options)
    return Query(text, kind, pattern, needle, case, accents, compare)
