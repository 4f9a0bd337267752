"""`reader search QUERY [PATH ...]`: grep-style search of articles (each match as path:section: snippet), with --json and --count."""

from __future__ import annotations

import os
import re
import sys
import threading
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, TextIO

from reader.model.problems import Problem, ProblemsError
from reader.settings.paths import bundled_articles
from reader.text.safe import label

if TYPE_CHECKING:
    import argparse

CONTEXT = 40
"""Characters of context shown on each side of a match."""
HIGHLIGHT = ("\x1b[1;7m", "\x1b[0m")
"""Bold reverse video around the match, on a terminal only."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the search command's arguments to its parser and set run=run."""
    parser.description = (
        "Search articles: case and accents are ignored unless the query has a capital or an accent; "
        "numbers match however they are grouped (10000 finds '10 000'); a query naming an entity also "
        "finds its other aliases. Filters: person: org: place: date: figure: (figure:>100, figure:<=45%, "
        "date:2025-06, date:<2024). Each match is printed as PATH:SECTION: snippet (--count: PATH:N; --json: a list "
        "whose rows name the path, article and section). Exit 0 when something matched, 1 when nothing did, 2 on an error."
    )
    parser.add_argument("query", metavar="QUERY", help="text to find, or a filter such as person:goita or figure:>100")
    parser.add_argument("paths", nargs="*", type=Path, default=[], metavar="PATH",
                        help="article files or folders (default: the bundled articles)")  # a default keeps argparse from calling PATH required
    case = parser.add_mutually_exclusive_group()
    case.add_argument("-s", "--case-sensitive", dest="case", action="store_const", const=True, help="match case exactly")
    case.add_argument("-i", "--ignore-case", dest="case", action="store_const", const=False, help="ignore case even with capitals")
    marks = parser.add_mutually_exclusive_group()
    marks.add_argument("--diacritics", dest="diacritics", action="store_const", const=True, help="match accents exactly")
    marks.add_argument("--ignore-diacritics", dest="diacritics", action="store_const", const=False, help="ignore accents even when the query has some")
    parser.add_argument("-w", "--word", action="store_true", help="match whole words only")
    parser.add_argument("-E", "--regex", action="store_true", help="QUERY is a regular expression (on folded text)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the matches as a JSON list")
    output.add_argument("--count", action="store_true", help="print how many matches each article has")
    parser.set_defaults(run=run, case=None, diacritics=None)


FLAGS = {"-s": ("case", True), "--case-sensitive": ("case", True), "-i": ("case", False), "--ignore-case": ("case", False),
         "--diacritics": ("diacritics", True), "--ignore-diacritics": ("diacritics", False), "-w": ("word", True),
         "--word": ("word", True), "-E": ("regex", True), "--regex": ("regex", True), "--json": ("json", True),
         "--count": ("count", True)}
"""Each option of add_arguments as typed in full, with what it sets: those :func:`plain_arguments` reads itself."""
DEFAULTS = {"max_bytes": None, "case": None, "diacritics": None, "word": False, "regex": False, "json": False, "count": False}
"""What each option is when not given (as argparse sets it: a test compares the two)."""


def plain_arguments(argv: list[str]) -> SimpleNamespace | None:
    """The arguments of a plain command line (QUERY, PATHs and options of FLAGS typed in full, each once, --json and
    --count not both) as argparse would parse them; None for anything else (--help, --max-bytes, an abbreviation, an
    error...), which argparse then parses and reports. A search then starts without importing argparse."""
    values: dict[str, object] = {}
    positionals: list[str] = []
    for arg in argv:
        if not arg.startswith("-"):
            positionals.append(arg)
        elif arg in FLAGS and FLAGS[arg][0] not in values:
            dest, value = FLAGS[arg]
            values[dest] = value
        else:
            return None
    if not positionals or (values.get("json") and values.get("count")):
        return None
    return SimpleNamespace(**{**DEFAULTS, **values}, query=positionals[0], paths=[Path(p) for p in positionals[1:]], run=run)


def _error(message: str) -> None:
    print(label(f"reader search: {message}"), file=sys.stderr)


def _problems(problems: list[Problem]) -> None:
    """Print problems: a located one as path:line:column: message, one about a whole path as grep does."""
    for problem in problems:
        if problem.line:
            print(label(str(problem)), file=sys.stderr)
        else:
            _error(str(problem))


def snippet(text: str, start: int, end: int, *, highlight: tuple[str, str] | None = None, context: int = CONTEXT) -> str:
    """One terminal-safe line: the match with some context, highlighted when asked."""
    left = max(0, start - context)
    right = min(len(text), end + context)
    if left > 0 and 0 <= (space := text.find(" ", left, start)) < left + 12:
        left = space + 1  # start the context on a word
    if right < len(text) and (space := text.rfind(" ", end, right)) > right - 12:
        right = space
    before = ("…" if left > 0 else "") + re.sub(r"\s+", " ", text[left:start]).lstrip()
    match = re.sub(r"\s+", " ", text[start:end])
    after = re.sub(r"\s+", " ", text[end:right]).rstrip() + ("…" if right < len(text) else "")
    on, off = highlight or ("", "")
    return label(before) + on + label(match) + off + label(after)


def _use_colour(stream: TextIO) -> bool:
    """Highlight only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return stream.isatty() and not os.environ.get("NO_COLOR")


def _safe_json(value: object) -> str:
    """JSON whose strings hold no character a terminal would act on (escaped as \\uXXXX)."""
    import json  # only for --json: a plain search starts without it

    text = json.dumps(value, ensure_ascii=False, indent=2)
    return re.sub(r"[^\x20-\x7e\n]", lambda m: m.group() if label(m.group()) == m.group() else f"\\u{ord(m.group()):04x}", text)


def run(args: argparse.Namespace) -> int:
    """Search the articles in a worker thread, so that ctrl+c (SIGINT) is seen at once by this
    one even while a regular expression runs (the `regex` package releases the interpreter)."""
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["code"] = _run(args)
        except BaseException as error:  # noqa: BLE001 - handed to the main thread as it is
            outcome["error"] = error

    worker = threading.Thread(target=work, name="reader-search", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.1)
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["code"]  # type: ignore[return-value]


def _run(args: argparse.Namespace) -> int:
    """Search the articles; exit 0 when something matched, 1 when nothing did, 2 on an error."""
    from reader.search.engine import QueryError, SearchOptions, parse_query

    if not args.query.strip():
        _error("empty query")
        return 2
    options = SearchOptions(case=args.case, diacritics=args.diacritics, whole_word=args.word, regex=args.regex)
    try:
        query = parse_query(args.query, options)
    except QueryError as error:
        _error(error.message)
        return 2
    paths = args.paths or [bundled_articles()]
    out = sys.stdout
    emit = _Emitter(args, out)
    problems = []
    for path, article, found in _searched(paths, query, args, problems, emit.unmatched):
        emit.article(path, article, found)
    if not emit.searched:
        if emit.files:
            _error("no article could be searched")
        return 2
    emit.finish()
    if problems:
        return 2
    return 0 if emit.matched else 1


def _searched(paths: list[Path], query, args: argparse.Namespace, problems: list[Problem], unmatched):
    """Each file in order with its matches (None when it did not load); a file the index says cannot match goes to
    ``unmatched`` (its path as shown) instead: a library of 100,000 is mostly those, and they cost nothing more.

    Through the library index when the cache can be used: it narrows the articles to read, and
    holds each one as it was built when indexed (no YAML parsed again); the exact folded matcher
    decides. A file that did not load is read again (its problems said as they are now). Without
    the index, every file is loaded. Appends the paths' problems. Nothing is held per file: a
    stream, so memory does not grow with the library.
    """
    import sqlite3

    from reader.library.index import open_index
    from reader.search import engine
    from reader.search.engine import ArticleIndex, SearchTimeout, search_capped

    max_bytes = getattr(args, "max_bytes", None)
    index = open_index()
    candidates = None
    if not index.in_memory and max_bytes is None:  # the index holds what loaded under the default limit
        try:
            refresh = index.refresh(paths, max_bytes=max_bytes, in_memory=False)
        except sqlite3.Error as error:  # locked past the busy timeout, or the disk full: a full scan
            _error(f"the library index cannot be used now ({error}); searching every file")
        else:
            problems += refresh.problems
            _problems(refresh.problems)
            candidates = index.candidates(query)
    if candidates is None:
        from reader.library.files import find_articles

        files, found = find_articles(paths)
        problems += found
        _problems(found)
        candidates = ((str(path), True, True, "", 0) for path in files)
    try:
        for path, loaded, may_match, _article_id, file_id in candidates:
            if loaded and not may_match:
                unmatched(path)
                continue
            article = index.stored(file_id, path) if loaded and file_id else None
            if article is None:
                from reader.load.build import load_article  # only for a file the index could not give (broken, or no index)

                try:
                    article = load_article(Path(path), max_bytes)
                except ProblemsError as error:
                    _problems(error.problems)
                    yield path, None, None
                    continue
            try:
                found = search_capped(ArticleIndex(article), query, max_matches=engine.MAX_MATCHES, seconds=engine.REGEX_SECONDS)
            except SearchTimeout as error:
                problems.append(Problem(str(path), 0, 0, error.message))
                _error(f"{path}: {error.message}")
                yield path, None, None
                continue
            if found.capped:
                _error(f"{path}: over {engine.MAX_MATCHES:,} matches; the first {engine.MAX_MATCHES:,} are shown")
            yield path, article, found.matches
    finally:
        index.close()


class _Emitter:
    """Prints each article's matches as soon as they are found (--json gathers the matches only)."""

    def __init__(self, args: argparse.Namespace, out: TextIO) -> None:
        self.args = args
        self.out = out
        self.files = 0
        self.searched = 0
        self.total = 0
        self.matched = False
        self.rows: list[dict] = []
        self.highlight = HIGHLIGHT if _use_colour(out) else None

    def unmatched(self, path: Path | str) -> None:
        """A file searched without a match (one the index rules out)."""
        self.files += 1
        self.searched += 1
        if self.args.count:
            self.out.write(f"{label(str(path))}:0\n")

    def article(self, path: Path | str, article, matches: list | None) -> None:
        """One file: its matches printed (None: it could not be searched, its problems are said), each line led by
        the file's path as found under the PATH given, as grep does: two articles with one id are told apart, and
        the line says which file to open."""
        self.files += 1
        if matches is None:
            return
        self.searched += 1
        self.total += len(matches)
        self.matched = self.matched or bool(matches)
        out = self.out
        shown = label(str(path))
        if self.args.count:
            out.write(f"{shown}:{len(matches)}\n")
        elif self.args.json:
            for m in matches:
                text = article.sections[m.section].paragraphs[m.paragraph].text
                self.rows.append({
                    "path": str(path), "article": article.id, "section": article.sections[m.section].id, "paragraph": m.paragraph,
                    "start": m.start, "end": m.end, "text": text[m.start:m.end], "ref": m.ref,
                    "snippet": snippet(text, m.start, m.end),
                })
        else:
            for m in matches:
                section = article.sections[m.section]
                line = snippet(section.paragraphs[m.paragraph].text, m.start, m.end, highlight=self.highlight)
                out.write(f"{shown}:{label(section.id)}: {line}\n")
        if matches:
            out.flush()  # each file's matches as soon as they are found

    def finish(self) -> None:
        if self.args.count and self.searched > 1:
            self.out.write(f"total:{self.total}\n")
        elif self.args.json:
            self.out.write(_safe_json(self.rows) + "\n")
