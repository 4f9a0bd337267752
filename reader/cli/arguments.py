"""The command line's argparse parser: terminal-safe error messages (imported only when a command line needs argparse)."""

from __future__ import annotations

import argparse
import sys

from reader.text.safe import label


class SafeArgumentParser(argparse.ArgumentParser):
    """argparse whose error messages show what the user typed as escapes: an argument can be a
    file name holding a terminal escape sequence (`reader check *`), which argparse echoed raw."""

    def error(self, message: str):  # argparse's documented hook for how errors are reported
        self.print_usage(sys.stderr)
        self.exit(2, label(f"{self.prog}: error: {message}") + "\n")


def byte_count(text: str) -> int:
    """--max-bytes: a whole number of bytes above 0, else argparse's usage error saying what is wrong."""
    from reader.load.limits import byte_limit

    try:
        return byte_limit(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
