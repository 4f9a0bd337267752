"""Built articles kept in the user's cache folder, so that opening a big article again skips parsing and annotating.

An entry is a ``marshal`` dump of plain tuples (strings, numbers, tuples, a dict, a frozenset):
unlike pickle, loading one can never run code or make any object but those (and the folder is
the user's own, like the files it stands for). The cache is never the truth: an entry is used only when
its key (the file's absolute path and stamp, the reader's version and the stamps of the modules
that build an article) and the checksum of its payload (CRC-32: against damage, not malice) match; anything else is rebuilt from the file.
A folder that cannot be written means no cache, silently.
"""

from __future__ import annotations

import atexit
import marshal
import os
import sys
import threading
import time
import zlib
from pathlib import Path

import reader
from reader.load.files import Stamp, file_stamp
from reader.model.article import Accord, Article, DateRef, Entity, Figure, Location, Mention, Paragraph, Section, Source

CACHE_FORMAT = 1
"""The layout of an entry; raise it when the tuples below change."""
MIN_BYTES = 256_000
"""Smaller files are not cached: they build in a few milliseconds and would only fill the folder."""
MAX_ENTRIES = 32
"""Entries kept in the folder; the least recently used go first."""
SUFFIX = ".article"
STALE_TEMP_NS = 3600 * 10**9
"""A temporary file this old is a write that was cut short (a write takes a second or so)."""
_MAGIC = b"reader-article-cache\n"
_DIGEST = 4
_BUILD_CODE = ("load/build.py", "load/schema.py", "load/yamlsource.py", "text/fold.py", "text/spans.py", "text/overlaps.py",
               "text/trie.py", "model/article.py", "load/cache.py")
"""The modules whose code decides what a file builds into: a change to any (a checkout being
worked on, a reinstall) makes every entry stale even when the version number stayed."""
_unwritable: set[str] = set()
"""Folders found unwritable in this process: not tried again."""


def _code_stamp() -> tuple:
    base = Path(reader.__file__).parent
    return tuple(file_stamp(base / name) for name in _BUILD_CODE)


class ArticleCache:
    """The cache entries in one folder (the reader's is ``cache_dir() / "articles"``)."""

    def __init__(self, folder: Path, min_bytes: int = MIN_BYTES, max_entries: int = MAX_ENTRIES, *,
                 later: bool = False) -> None:
        """``later``: :meth:`keep` writes entries in the background, a moment after (see :class:`_Writer`)."""
        self.folder = Path(folder)
        self.min_bytes = min_bytes
        self.max_entries = max_entries
        self.later = later

    def keep(self, path: Path | str, stamp: Stamp | None, article: Article) -> None:
        """Keep a freshly built article: at once, or, made ``later``, in the background (opening the
        article does not wait for its entry: the cache is only a cache)."""
        if not self.wanted(stamp) or str(self.folder) in _unwritable:
            return
        if not self.later:
            self.put(path, stamp, article)
            return
        writer = _Writer(self, path, stamp, article)
        self.wait(writer.entry)  # an older write of the same entry lands first
        writer.start()

    def wait(self, entry: Path | None = None) -> None:
        """Finish the background writes into this folder (or of one entry) at once, without their delay."""
        for writer in list(_unfinished.values()):
            if writer.entry == entry if entry is not None else writer.entry.parent == self.folder:
                writer.finish()

    def entry_path(self, path: Path | str) -> Path:
        """Where the entry of an article file is kept."""
        import hashlib  # here, not at the top: a search of the library index starts without it (OpenSSL's load)

        name = hashlib.blake2b(os.path.abspath(path).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        return self.folder / f"{name}{SUFFIX}"

    def key(self, path: Path | str, stamp: Stamp) -> tuple:
        """What an entry must have been made from to stand for the file now."""
        return (CACHE_FORMAT, reader.__version__, sys.implementation.cache_tag, marshal.version,
                os.path.abspath(path), stamp, _code_stamp())

    def wanted(self, stamp: Stamp | None) -> bool:
        """Whether a file of this stamp is worth an entry."""
        return stamp is not None and stamp[2] >= self.min_bytes

    def get(self, path: Path | str, stamp: Stamp | None) -> Article | None:
        """The article built from the file as it was at `stamp`, or None (no entry, stale, damaged)."""
        if not self.wanted(stamp):
            return None
        entry = self.entry_path(path)
        self.wait(entry)  # an entry being written is worth the wait: building again costs more
        try:
            data = entry.read_bytes()
        except OSError:
            return None
        head = len(_MAGIC)
        if not data.startswith(_MAGIC) or len(data) < head + _DIGEST:
            return None
        digest, payload = data[head:head + _DIGEST], memoryview(data)[head + _DIGEST:]
        if zlib.crc32(payload).to_bytes(_DIGEST, "big") != digest:
            return None
        try:
            key, fields = marshal.loads(payload)
            if key != self.key(path, stamp):
                return None
            article = article_from_fields(fields, str(path))
        except Exception:  # a damaged entry of any shape is refused, never raised: the file is the truth
            return None
        try:
            os.utime(entry)  # recently used: kept when the folder is trimmed
        except OSError:
            pass
        return article

    def put(self, path: Path | str, stamp: Stamp | None, article: Article) -> bool:
        """Keep the article built from the file at `stamp` (taken before reading it); whether it was kept.

        Nothing is kept when the file changed while it was read (its stamp now differs).
        """
        if not self.wanted(stamp) or file_stamp(path) != stamp or str(self.folder) in _unwritable:
            return False
        payload = marshal.dumps((self.key(path, stamp), article_fields(article)))
        digest = zlib.crc32(payload).to_bytes(_DIGEST, "big")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            import tempfile  # writing only: a search of the library index starts without it

            fd, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(_MAGIC)
                    handle.write(digest)
                    handle.write(payload)
                os.replace(temp, self.entry_path(path))
            except BaseException:
                os.unlink(temp)
                raise
        except OSError:
            _unwritable.add(str(self.folder))  # read-only, full or not a folder: no cache, and no retrying
            return False
        self.trim()
        return True

    def trim(self) -> None:
        """Remove the least recently used entries beyond `max_entries`, and temporary files a write
        cut short left behind (the program ended while it wrote in the background)."""
        try:
            entries = []
            stale = time.time_ns() - STALE_TEMP_NS
            with os.scandir(self.folder) as listing:
                for item in listing:
                    if item.name.endswith(SUFFIX) and item.is_file(follow_symlinks=False):
                        entries.append((item.stat(follow_symlinks=False).st_mtime_ns, item.path))
                    elif item.name.startswith(".") and item.name.endswith(".tmp") and item.stat(follow_symlinks=False).st_mtime_ns < stale:
                        os.unlink(item.path)
            entries.sort(reverse=True)
            for _, old in entries[self.max_entries:]:
                os.unlink(old)
        except OSError:
            pass


WRITE_DELAY = 3.0
"""Seconds a background write waits before it starts: the app's first frame comes first (a
thread holds Python's lock half the time while it runs)."""
_one_at_a_time = threading.Lock()
_unfinished: dict[Path, _Writer] = {}
"""Background writes not finished yet, by entry (whichever ArticleCache asks for one waits for
it); finished before the program exits."""


class _Writer(threading.Thread):
    """One entry written in the background after WRITE_DELAY, or at once when hurried (by
    :meth:`ArticleCache.wait` or the program's exit). A daemon, so that it never keeps the
    program alive by itself; the exit handler finishes it, so that an exit does not cut it short."""

    def __init__(self, cache: ArticleCache, path: Path | str, stamp: Stamp | None, article: Article) -> None:
        super().__init__(name="reader-article-cache", daemon=True)
        self.cache, self.path, self.stamp, self.article = cache, path, stamp, article
        self.entry = cache.entry_path(path)
        self.hurry = threading.Event()

    def start(self) -> None:
        """Start the thread, counted among the writes the program's exit finishes."""
        _unfinished[self.entry] = self
        super().start()

    def run(self) -> None:
        """Wait for the delay (or a hurry), then write the entry."""
        try:
            self.hurry.wait(WRITE_DELAY)
            with _one_at_a_time:  # a library of big files opened at once: their writes in turn, not together
                self.cache.put(self.path, self.stamp, self.article)
        except Exception:  # a cache that cannot be written is no cache, never an error
            pass
        finally:
            if _unfinished.get(self.entry) is self:
                del _unfinished[self.entry]
            self.article = None

    def finish(self) -> None:
        """Write now, and return once written."""
        self.hurry.set()
        self.join()


@atexit.register
def _finish_writers() -> None:
    """Finish every background write before the program exits (a daemon thread would be cut short)."""
    for writer in list(_unfinished.values()):
        writer.finish()


# the article as plain tuples, and back -------------------------------------------------------------

def _location(at: Location) -> tuple:
    return (at.section, at.paragraph, at.start, at.end)


def article_fields(a: Article) -> tuple:
    """An article as plain tuples (what marshal can dump; the library index stores them too)."""
    sections = tuple((s.id, s.kind, s.heading, tuple((p.text, tuple(map(tuple, p.mentions))) for p in s.paragraphs))
                     for s in a.sections)
    accords = tuple((c.id, c.number, c.title, c.parties, c.counterparts, c.domains, c.summary, c.provisions,
                     _location(c.anchor), c.draft) for c in a.accords)
    entities = tuple((e.id, e.type, e.name, e.description, e.aliases, e.draft, e.descriptions, e.same_as) for e in a.entities)
    dates = tuple((d.id, d.quote, d.value, d.about, _location(d.location), d.draft) for d in a.dates)
    figures = tuple((f.id, f.quote, f.value, f.unit, f.qualifier, f.about, _location(f.location), f.draft) for f in a.figures)
    source = (a.source.agency, a.source.name, a.source.code, a.source.url)
    return (a.id, a.title, a.language, a.published, source, sections, accords, entities, dates, figures,
            a.summary, dict(a.extra))


def article_from_fields(fields: tuple, path: str) -> Article:
    """The article back from :func:`article_fields`, as read from ``path``."""
    (aid, title, language, published, source, sections, accords, entities, dates, figures, summary, extra) = fields
    mention = tuple.__new__  # a Mention is a named tuple: made straight from the stored tuple, no argument parsing
    return Article(
        id=aid,
        title=title,
        language=language,
        published=published,
        source=Source(*source),
        sections=tuple(Section(sid, kind, heading, tuple(Paragraph(text, tuple(mention(Mention, m) for m in mentions))
                                                         for text, mentions in paragraphs))
                       for sid, kind, heading, paragraphs in sections),
        accords=tuple(Accord(*c[:8], Location(*c[8]), c[9]) for c in accords),
        entities=tuple(Entity(*e) for e in entities),
        dates=tuple(DateRef(*d[:4], Location(*d[4]), d[5]) for d in dates),
        figures=tuple(Figure(*f[:6], Location(*f[6]), f[7]) for f in figures),
        summary=summary,
        path=path,
        extra=dict(extra),
    )
