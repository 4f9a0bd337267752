"""`reader import FILE`: a plain-text or Markdown article -> a draft annotated article file."""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import re
import sys
import tempfile
from pathlib import Path

from reader.cli.output import count
from reader.cli.webimport import source_argument, web_source
from reader.feeds.drafts import with_metadata
from reader.model.problems import ProblemsError
from reader.settings.paths import bundled_articles
from reader.text.safe import label

MARKDOWN_SUFFIXES = (".md", ".markdown")
_MD_HEADING = re.compile(r"^#{1,6}\s+\S", re.M)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the import command's arguments to its parser and set run=run."""
    parser.description = (
        "Turn a plain-text or Markdown article into a draft annotated article that passes `reader check`: "
        "paragraphs become sections, dates, figures, known entities, proposed entities and accords are recognised, "
        "and every guess is marked `draft: true` for review. Never overwrites a file unless --force. "
        "Exit 0 when written, 1 when the file exists or the draft has problems, 2 on a usage error."
    )
    parser.add_argument("file", type=source_argument, metavar="FILE|URL",
                        help="the article's text (UTF-8; .md for Markdown), a web page (.html or an http(s) address), "
                             "or a feed (.xml or its address: one draft per entry)")
    parser.add_argument("--out", type=Path, default=Path("."), metavar="DIR", help="folder to write ID.yaml into (default: here)")
    parser.add_argument("--id", dest="article_id", metavar="ID", help="the article id (default: from the title and date)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="publication date (default: a date in the first lines, else today)")
    parser.add_argument("--language", choices=("fr", "en"), help="the text's language (default: guessed)")
    parser.add_argument("--markdown", action="store_true", default=None, help="read FILE as Markdown (default: by suffix or headings)")
    parser.add_argument("--no-library", dest="library", action="store_false", help="do not recognise entities of the bundled articles and the output folder")
    parser.add_argument("--stdout", action="store_true", help="print the draft instead of writing a file")
    parser.set_defaults(run=run)


def _say(text: str, stream=None) -> None:
    print(label(text), file=stream or sys.stdout)


def _error(message: str) -> None:
    _say(f"reader import: {message}", sys.stderr)


def _write_new(path: Path, text: str, force: bool) -> None:
    """Write a file: atomically replacing it with --force, else only if it does not exist."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not force:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _exists(path: Path) -> bool:
    """Path.exists, False where the name cannot be (too long): writing it then says why."""
    try:
        return path.exists()
    except OSError:
        return False


def run(args: argparse.Namespace) -> int:
    """Import one file; print what was found, the output path and what to review."""
    from reader.importer.draft import import_text, library_articles
    from reader.load.schema import ID_PATTERN
    from reader.load.yamlsource import read_text

    published = None
    if args.date:
        try:
            published = _dt.date.fromisoformat(args.date)
        except ValueError:
            _error(f"--date {args.date!r} is not a date (YYYY-MM-DD)")
            return 2
    if args.article_id and not ID_PATTERN.match(args.article_id):
        _error(f"--id {args.article_id!r} must be lower-case letters, digits, '-' or '_'")
        return 2
    page = web_source(args)  # a web page to import, the status of an imported feed, or None for a text file
    if isinstance(page, int):
        return page
    if page is None and args.file.is_dir():
        _error(f"{args.file}: is a folder; import takes one text or Markdown file (run it once per file)")
        return 2
    if page is None and not os.path.lexists(args.file):  # a broken link or a loop is there: read_text says what is wrong with it
        _error(f"{args.file}: no such file")
        return 2
    try:
        text = page.as_markdown() if page else read_text(args.file, args.max_bytes)
    except ProblemsError as error:
        for problem in error.problems:
            _say(str(problem), sys.stderr)
        return 2
    published = published or (page.published if page else None)
    from reader.importer.recognise import SUPPORTED_LANGUAGES, guess_language

    if args.language is None and (guessed := guess_language(text)) not in SUPPORTED_LANGUAGES:
        _error(f"{args.file}: the text reads as {guessed!r}; reader import reads French and English only "
               "(--language fr or en imports it anyway)")
        return 2
    markdown = True if page else args.markdown if args.markdown is not None else (
        args.file.suffix.lower() in MARKDOWN_SUFFIXES or bool(_MD_HEADING.search(text)))
    library = library_articles([bundled_articles(), args.out]) if args.library else []

    def draft_for(articles):
        draft = import_text(text, markdown=markdown, published=published, article_id=args.article_id,
                            language=args.language, library=articles)
        if page:  # the page's address, author and site
            dated = page.published is not None and not args.date
            draft.yaml = with_metadata(draft.yaml, page, dated_by_source=dated)
            draft.published_how = "the page's date" if dated else draft.published_how
        return draft

    draft = draft_for(library)
    target = args.out / f"{draft.article_id}.yaml"
    if _exists(target) and args.force:  # a re-import does not learn from the draft it replaces
        draft = draft_for([a for a in library if Path(a.path).resolve() != target.resolve()])
    if args.stdout:
        sys.stdout.write(draft.yaml)
    else:
        if _exists(target) and not args.force:
            _error(f"{target} exists; not overwritten (use --force, or --id for another name)")
            return 1
        if not args.out.is_dir() and not args.out.exists():
            _say(f"creating folder {args.out}")  # --out names where drafts go: a new folder is made, and said
        try:
            _write_new(target, draft.yaml, args.force)
        except FileExistsError:
            _error(f"{target} exists; not overwritten (use --force, or --id for another name)")
            return 1
        except OSError as error:
            _error(f"cannot write {target}: {error.strerror or error}")
            return 1
    out = sys.stderr if args.stdout else sys.stdout
    c = draft.counts
    if not args.stdout:
        _say(f"wrote {target}", out)
    _say(f"published {draft.published} ({draft.published_how})", out)
    _say(f"{count(c['sections'], 'section')}, {count(c['accords'], 'accord')}, {count(c['entities'], 'entity', 'entities')} "
         f"({c['known']} known, {c['to review']} proposed), {count(c['dates'], 'date')}, {count(c['figures'], 'figure')}"
         " — all marked draft: true", out)
    if draft.review:
        _say("to review:", out)
        width = max(len(name) for _, name, _ in draft.review)
        for kind, name, cue in draft.review:
            _say(f"  {kind:<6} {name:<{width}}  ({cue})", out)
    for note in draft.notes:
        _say(f"note: {note}", out)
    if draft.problems:
        _say("the draft does not pass the loader (please report this):", sys.stderr)
        for problem in draft.problems:
            _say(f"  {problem}", sys.stderr)
        return 1
    return 0
