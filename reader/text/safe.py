"""Make untrusted text safe to show: control, bidi and invisible characters become visible escapes."""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (but tab and newline) and C1 controls, DEL
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional marks, embeddings, overrides
    "\u2028\u2029\ufff9-\ufffb]"  # line/paragraph separators, interlinear annotation
)
_UNSAFE_WITH_NEWLINES = re.compile(_UNSAFE.pattern[:1] + "\t\n" + _UNSAFE.pattern[1:])


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, newlines: bool = True) -> str:
    """Text with every control or direction-changing character shown as an escape like \\x1b.

    With ``newlines=False`` tabs and newlines are escaped too (for one-line displays).
    """
    pattern = _UNSAFE if newlines else _UNSAFE_WITH_NEWLINES
    return pattern.sub(_escape, text)


def label(text: str) -> str:
    """Text for one line (a label, a title, a message): every control, tab and newline shown as an escape."""
    return visible(text, newlines=False)


def has_unsafe(text: str) -> bool:
    """True when text holds anything visible() would escape."""
    return _UNSAFE.search(text) is not None
