"""What the updates remember per feed (state_dir()/feeds.json): validators and the entries already imported."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from reader.load.files import write_atomic
from reader.settings import paths

STORE_NAME = "feeds.json"


@dataclass
class FeedMemory:
    """One feed's validators (for a 304) and the keys of entries already in the library."""

    etag: str | None = None
    last_modified: str | None = None
    seen: set[str] = field(default_factory=set)


@dataclass
class FeedStore:
    """Every feed's memory, keyed by the feed's address; a lost or broken file only means refetching."""

    path: Path
    feeds: dict[str, FeedMemory] = field(default_factory=dict)
    note: str | None = None
    """Why the file could not be read (it is then set aside, never overwritten)."""

    def memory(self, url: str) -> FeedMemory:
        return self.feeds.setdefault(url, FeedMemory())

    def save(self) -> str | None:
        """Write the file atomically; the reason when it could not be written."""
        data = {"format": 1, "feeds": {url: {"etag": m.etag, "last_modified": m.last_modified, "seen": sorted(m.seen)}
                                       for url, m in self.feeds.items()}}
        try:
            write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        except OSError as error:
            return f"{self.path}: not saved: {error.strerror or error}"
        return None


def load_store(path: Path | None = None) -> FeedStore:
    """The store from its file; a broken file is moved aside (kept for the user) and the store starts empty."""
    path = paths.state_dir() / STORE_NAME if path is None else path
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        feeds = {str(url): FeedMemory(_text(m.get("etag")), _text(m.get("last_modified")), {str(k) for k in m.get("seen", [])})
                 for url, m in data["feeds"].items()}
    except FileNotFoundError:
        return FeedStore(path)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as error:
        aside = path.with_name(path.name + ".broken")
        try:
            path.replace(aside)
        except OSError:
            pass
        return FeedStore(path, note=f"{path}: unreadable ({type(error).__name__}); kept as {aside.name}, starting afresh")
    return FeedStore(path, feeds)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
