"""The benchmarks' command-line values, checked as argparse reads them: a bad one is a usage error, never a traceback."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path


def article_file(text: str) -> Path:
    """An article file that exists and can be read."""
    path = Path(text)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"{text}: {'is a folder, not an article file' if path.is_dir() else 'no such file'}")
    if not os.access(path, os.R_OK):
        raise argparse.ArgumentTypeError(f"{text}: cannot be read")
    return path


def folder(text: str) -> Path:
    """A folder that exists."""
    path = Path(text)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"{text}: {'is a file, not a folder' if path.exists() else 'no such folder'}")
    return path


def count(text: str) -> int:
    """A whole number of at least 1 (runs, articles)."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def terminal_size(text: str) -> str:
    """COLUMNSxROWS, e.g. 120x40 (as given, for the benchmark to split)."""
    if not re.fullmatch(r"[1-9][0-9]*[xX][1-9][0-9]*", text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a terminal size COLUMNSxROWS, e.g. 120x40")
    return text


def library_sizes(text: str) -> list[str]:
    """Library sizes separated by commas, each a number of articles or thousands of them: 1k,10k or 500."""
    labels = text.split(",")
    for label in labels:
        if not re.fullmatch(r"[0-9]+(\.[0-9]+)?[kK]?", label) or float(label.rstrip("kK")) <= 0:
            raise argparse.ArgumentTypeError(f"{label!r} is not a library size (a number of articles: 500, 1k, 10k)")
    return labels
