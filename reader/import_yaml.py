"""The YAML of a draft: scalars that read back verbatim, and the check of a draft by the loader."""

from __future__ import annotations

import json
import re

from reader.articles import build_article
from reader.errors import Problem, ProblemsError
from reader.schema import ID_PATTERN
from reader.yamlsource import parse

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff]")


def yaml_quote(value: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly this text."""
    out = json.dumps(value, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", out)


def _scalar(value: object) -> str:
    if value is True:
        return "true"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    return text if ID_PATTERN.match(text) and not re.fullmatch(r"[0-9_.e+-]+|y|n|yes|no|on|off|true|false|null", text) else yaml_quote(text)


def flow(fields: dict) -> str:
    return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in fields.items()) + "}"


def validate(yaml_text: str, name: str) -> list[Problem]:
    """What the loader says of a draft (empty when it passes)."""
    try:
        build_article(parse(yaml_text, name), name)
    except ProblemsError as error:
        return list(error.problems)
    return []
