"""Running a benchmark's command: its exit status, and an output closed early (``| head``) ending it quietly.

Kept apart from arguments.py (argparse): the first-frame benchmark counts every import its process makes."""

from __future__ import annotations

import os
import sys
from typing import Callable, NoReturn


def run_command(main: Callable[[], int]) -> NoReturn:
    """Exit with ``main()``'s status; a reader that closed this process's output early (``| head -1``) ends it
    quietly with status 0, as ``reader search`` does, not with a BrokenPipeError traceback."""
    try:
        status = main()
        sys.stdout.flush()  # here, not at exit, where a closed pipe is reported as "Exception ignored"
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # what is left in the buffer goes nowhere
        status = 0
    sys.exit(status)
