"""Files: atomic writes (a temporary file beside the target, fsynced, renamed over it) and change stamps."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def write_atomic(path: Path, text: str) -> None:
    """Replace a file's content all at once (through a symlink, not over it); raises OSError."""
    import tempfile  # writing only: a search starts without it

    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(temp, stat.S_IMODE(os.stat(target).st_mode))
        except FileNotFoundError:
            os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


Stamp = tuple[int, int, int, int, int]
"""What tells a file changed on disk: its modification and change times (ns), size, device and inode."""


def file_stamp(path: str | Path) -> Stamp | None:
    """The file's stamp now; None when it cannot be looked at (missing, a loop, no permission)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_dev, info.st_ino)
