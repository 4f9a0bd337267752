"""Edits of an article file's YAML text that change one entry and keep every other character (comments, order, quoting)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.load.yamlsource import Node, parse

LISTS = ("entities", "dates", "figures", "accords", "dossiers")
"""The lists of an article whose entries have ids a review decides on."""
_BREAK = re.compile(r"(\r\n|\r|\n|\x85|\u2028|\u2029)")
"""What YAML counts as a line break (so line numbers agree with the parser's)."""
IMPORTER_NOTE = re.compile(r"#\s*(to review:|(counting |ordinal |listed )?cue\b|listed\b)")
"""A comment `reader import` writes above a guessed entry (an entity's cue, an accord's note)."""


class EditRefused(Exception):
    """An edit that cannot be made here without risking what the file holds; says where and why."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


class Lines:
    """A text as lines and their own line breaks, joined back exactly as they came."""

    def __init__(self, text: str) -> None:
        parts = _BREAK.split(text)
        self.body = parts[0::2]
        self.ends = parts[1::2] + [""]

    def text(self) -> str:
        return "".join(b + e for b, e in zip(self.body, self.ends))

    def delete(self, first: int, last: int) -> None:
        """Remove lines first..last (0-based, inclusive)."""
        del self.body[first:last + 1]
        del self.ends[first:last + 1]

    def indent(self, index: int) -> int:
        line = self.body[index]
        return len(line) - len(line.lstrip(" "))

    def is_blank(self, index: int) -> bool:
        return not self.body[index].strip()

    def is_comment(self, index: int) -> bool:
        return self.body[index].lstrip(" ").startswith("#")


@dataclass(frozen=True)
class Entry:
    """An entry of one of the LISTS, found by id."""

    list_key: str
    index: int
    node: Node
    list_node: Node
    root: Node


def entries(root: Node) -> dict[str, Entry]:
    """Every entry of the article's lists by id (the first of an id)."""
    top = root.value if isinstance(root.value, dict) else {}
    out: dict[str, Entry] = {}
    for key in LISTS:
        listed = top.get(key)
        if listed is None or not isinstance(listed.value, list):
            continue
        for index, item in enumerate(listed.value):
            if isinstance(item.value, dict) and "id" in item.value and isinstance(item.value["id"].value, str):
                out.setdefault(item.value["id"].value, Entry(key, index, item, listed, root))
    return out


def find_entry(root: Node, ref: str) -> Entry | None:
    """The entry with this id in the article's lists, or None."""
    return entries(root).get(ref)


def entry_of(text: str, ref: str, name: str = "<draft>") -> Entry:
    """Parse the text and find the entry; refused when there is none."""
    entry = find_entry(parse(text, name, collect=True), ref)
    if entry is None:
        raise EditRefused(0, 0, f"no annotation with id {ref!r} in the file (was it edited meanwhile?)")
    return entry


def token_end(line: str, start: int) -> int:
    """Where a scalar written at `start` of a line ends (a quoted one must close on its line)."""
    if start >= len(line):
        return start
    quote = line[start]
    if quote == '"':
        i = start + 1
        while i < len(line):
            if line[i] == "\\":
                i += 2
                continue
            if line[i] == '"':
                return i + 1
            i += 1
        return -1
    if quote == "'":
        i = start + 1
        while i < len(line):
            if line[i] == "'":
                if line[i + 1:i + 2] == "'":
                    i += 2
                    continue
                return i + 1
            i += 1
        return -1
    end = re.compile(r"[,\]}]|\s#|$").search(line, start).start()
    return len(line[:end].rstrip())


def set_scalar(text: str, node: Node, new: str) -> str:
    """The text with the scalar at a node replaced by `new` (already written as YAML)."""
    lines = Lines(text)
    row, col = node.line - 1, node.column - 1
    line = lines.body[row]
    end = token_end(line, col)
    if end < 0:
        raise EditRefused(node.line, node.column, "a value over several lines: edit it by hand")
    lines.body[row] = line[:col] + new + line[end:]
    return lines.text()


def drop_key(text: str, item: Node, key: str) -> str:
    """The text without one key of a mapping entry: its line in a block mapping, `, key: value` in a
    flow one. Where neither shape fits, a boolean key is set false instead (the same meaning)."""
    key_node, value_node = item.keys[key], item.value[key]
    lines = Lines(text)
    row, col = key_node.line - 1, key_node.column - 1
    line = lines.body[row]
    end = token_end(line, value_node.column - 1) if value_node.line == key_node.line else -1
    if end >= 0:
        rest = line[end:]
        if not line[:col].strip() and (not rest.strip() or rest.lstrip().startswith("#")):
            lines.delete(row, row)  # `    draft: true` alone on its line (a comment after it was the importer's)
            return lines.text()
        before = line[:col].rstrip()
        if before.endswith(","):
            lines.body[row] = before[:-1] + line[end:]
            return lines.text()
        after = re.match(r"\s*,\s*", line[end:])
        if before.endswith("{") and after:
            lines.body[row] = line[:col] + line[end + after.end():]
            return lines.text()
    if isinstance(value_node.value, bool):
        return set_scalar(text, value_node, "false")
    raise EditRefused(key_node.line, key_node.column, f"cannot remove {key!r} written this way: edit it by hand")


def item_rows(lines: Lines, item: Node) -> tuple[int, int]:
    """The lines (0-based, inclusive) of a block list's item: from its dash to its last line."""
    row, col = item.line - 1, item.column - 1
    prefix = lines.body[row][:col]
    if not re.fullmatch(r" *- +", prefix):
        raise EditRefused(item.line, item.column, "an entry not written as `- ` in a block list: edit it by hand")
    dash = prefix.index("-")
    last = row
    for index in range(row + 1, len(lines.body)):
        if lines.is_blank(index):
            continue
        if lines.indent(index) <= dash:
            break
        last = index
    return row, last


def remove_item(text: str, entry: Entry) -> str:
    """The text without a list entry (and the importer's note above it); an emptied list becomes `[]`."""
    lines = Lines(text)
    first, last = item_rows(lines, entry.node)
    dash = lines.indent(first)
    above = first - 1
    if above >= 0 and lines.is_comment(above) and lines.indent(above) == dash and IMPORTER_NOTE.match(lines.body[above].lstrip(" ")):
        first = above
    lines.delete(first, last)
    if len(entry.list_node.value) == 1:
        key_node = entry.root.keys[entry.list_key]
        row = key_node.line - 1
        line = lines.body[row]
        colon = line.find(":", key_node.column - 1 + len(entry.list_key))
        if colon < 0:
            raise EditRefused(key_node.line, key_node.column, "cannot empty this list: edit it by hand")
        lines.body[row] = line[:colon + 1] + " []" + line[colon + 1:]
    return lines.text()


def remove_from_list(text: str, listed: Node, ref: str) -> str:
    """The text without one id in a list of ids (`[a, b]` or one `- a` per line); unchanged if absent."""
    item = next((i for i in listed.value if i.value == ref), None) if isinstance(listed.value, list) else None
    if item is None:
        return text
    lines = Lines(text)
    row, col = item.line - 1, item.column - 1
    line = lines.body[row]
    end = token_end(line, col)
    if end < 0:
        raise EditRefused(item.line, item.column, "an id over several lines: edit it by hand")
    if re.fullmatch(r" *- +", line[:col]) and not line[end:].strip():
        lines.delete(row, row)
        return lines.text()
    after = re.match(r"\s*,\s*", line[end:])
    before = re.search(r",\s*\Z", line[:col])
    if after:
        lines.body[row] = line[:col] + line[end + after.end():]
    elif before:
        lines.body[row] = line[:before.start()] + line[end:]
    else:
        lines.body[row] = line[:col] + line[end:]
    return lines.text()


def note_above(lines: Lines, item: Node) -> str:
    """The importer's note written just above a list entry (its cue), or ''."""
    row = item.line - 2
    if row >= 0 and lines.is_comment(row) and IMPORTER_NOTE.match(lines.body[row].lstrip(" ")):
        return lines.body[row].lstrip(" ")[1:].strip()
    return ""


def note_after(lines: Lines, item: Node) -> str:
    """The comment at the end of a one-line entry's line (a date's or figure's note), or ''."""
    line = lines.body[item.line - 1]
    found = re.search(r"[}\]]\s+#(.*)\Z", line)
    return found.group(1).strip() if found else ""


def drop_note_above(text: str, item: Node, prefix: str = "to review:") -> str:
    """The text without the importer's note above an entry when it starts with `prefix`."""
    lines = Lines(text)
    row = item.line - 2
    if row >= 0 and lines.is_comment(row) and lines.body[row].lstrip(" ")[1:].strip().startswith(prefix):
        lines.delete(row, row)
    return lines.text()
