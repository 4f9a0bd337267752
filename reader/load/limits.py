"""The size limit on article files: its default and how a typed one is read (READER_MAX_BYTES, --max-bytes); no YAML."""

from __future__ import annotations

import os

DEFAULT_MAX_BYTES = 32 * 1024 * 1024
"""Files larger than this are refused unless READER_MAX_BYTES or --max-bytes says otherwise."""


def byte_limit(text: str) -> int:
    """A limit as typed: a whole number of bytes above 0 ("1000000", "1_000_000"); raises ValueError saying what is wrong."""
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a whole number of bytes (the default, 32 MiB, is {DEFAULT_MAX_BYTES})") from None
    if value <= 0:
        raise ValueError(f"{text!r} would refuse every file: a limit is a number of bytes above 0")
    return value


def environment_limit() -> tuple[int, str | None]:
    """The limit READER_MAX_BYTES sets (the default when unset) and what is wrong with it (None when nothing is);
    a value that is no limit gives the default, and the command line says so and stops."""
    text = os.environ.get("READER_MAX_BYTES")
    if text is None:
        return DEFAULT_MAX_BYTES, None
    try:
        return byte_limit(text), None
    except ValueError as error:
        return DEFAULT_MAX_BYTES, f"READER_MAX_BYTES: {error}"
