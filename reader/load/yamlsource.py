"""Safe YAML reading into position-carrying nodes, with located errors and hard limits."""

from __future__ import annotations

import codecs
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reader.load.syntax import syntax_problem
from reader.load.limits import environment_limit
from reader.model.problems import Problem, ProblemsError

try:  # libyaml's safe loader when present; never Loader, FullLoader or CLoader
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

MAX_BYTES = environment_limit()[0]
"""Files larger than this are refused (override with READER_MAX_BYTES; one that is no limit is told by the command line)."""
MAX_DEPTH = 64
"""Deepest nesting of lists and mappings accepted."""
MAX_NODES = 2_000_000
"""Most values a document may expand to, aliases included (stops 'billion laughs')."""
MAX_CHARACTERS = max(MAX_BYTES, 32 * 1024 * 1024)
"""Most characters of text a document may expand to through aliases: one long paragraph
aliased a thousand times is a few values but a gigabyte once the article is built."""

_STD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_STD}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")}


@dataclass(slots=True)
class Node:
    """A YAML value with the 1-based line and column where it starts."""

    value: Any
    line: int
    column: int
    keys: dict[str, "Node"] = field(default_factory=dict)
    """For a mapping: each key's own node, to locate problems with the key itself."""

    @property
    def is_mapping(self) -> bool:
        return isinstance(self.value, dict)

    def plain(self) -> Any:
        """The value with every position stripped (for tests and export)."""
        if isinstance(self.value, dict):
            return {k: v.plain() for k, v in self.value.items()}
        if isinstance(self.value, list):
            return [v.plain() for v in self.value]
        return self.value


@dataclass(slots=True)
class Document(Node):
    """A file's root node, with the problems parsing went on past (duplicate keys)."""

    problems: list[Problem] = field(default_factory=list)
    """Located problems the checks of the file report together with their own."""


def parse_problems(root: Node) -> list[Problem]:
    """The problems parsing went on past, for a root node from :func:`load`."""
    return list(root.problems) if isinstance(root, Document) else []


def read_text(path: Path, max_bytes: int | None = None) -> str:
    """Read a file as UTF-8 text, refusing what is not text; raises ProblemsError."""
    name = str(path)
    limit = MAX_BYTES if max_bytes is None else max_bytes
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ProblemsError([Problem(name, 0, 0, "is a folder, not a file")])
        if not stat.S_ISREG(info.st_mode):
            # a FIFO would block forever, a device could stream without end
            raise ProblemsError([Problem(name, 0, 0, "not a regular file (a pipe, device or socket); nothing was read")])
        size = info.st_size
        if size > limit:
            raise ProblemsError([Problem(name, 0, 0, f"file is {size:,} bytes, over the limit of {limit:,} (set READER_MAX_BYTES to raise it)")])
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except ProblemsError:
        raise
    except IsADirectoryError:
        raise ProblemsError([Problem(name, 0, 0, "is a folder, not a file")]) from None
    except OSError as error:
        raise ProblemsError([Problem(name, 0, 0, f"cannot read: {error.strerror or error}")]) from None
    if len(data) > limit:
        raise ProblemsError([Problem(name, 0, 0, f"file is over the limit of {limit:,} bytes")])
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    """Bytes to text: UTF-8 (a UTF-8 BOM is allowed), with a located message otherwise."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise ProblemsError([Problem(name, 1, 1, "file is UTF-16 or UTF-32; save it as UTF-8")])
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    nul = data.find(b"\x00")
    if nul >= 0 and _looks_utf16(data):
        raise ProblemsError([Problem(name, 1, 1, "file is UTF-16 (without a byte order mark); save it as UTF-8")])
    if nul >= 0:
        line, column = _locate(data, nul)
        raise ProblemsError([Problem(name, line, column, "binary file: NUL byte; an article is UTF-8 text")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _locate(data, error.start)
        raise ProblemsError([Problem(name, line, column, f"not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8")]) from None
    if not text or text.isspace():  # not strip(): that would copy the whole text
        raise ProblemsError([Problem(name, 1, 1, "file is empty")])
    return text


def _looks_utf16(data: bytes) -> bool:
    """NUL in every other byte of the start: text saved as UTF-16 with no BOM."""
    head = data[:256]
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    return even.count(0) >= len(even) * 0.8 or odd.count(0) >= len(odd) * 0.8


def _short(tag: str) -> str:
    return "!!" + tag[len(_STD):] if tag.startswith(_STD) else tag


def _locate(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, len(data[start:offset].decode("utf-8", "replace")) + 1


def parse(text: str, name: str, *, collect: bool = False) -> Document:
    """Parse one YAML document into nodes; raises ProblemsError with located messages.

    With ``collect``, problems that do not stop parsing (a duplicate key: the first value is
    kept) are returned on the root's ``problems`` instead of raised, for the checks of the
    file to report with their own. Every other problem still stops parsing at once.
    """
    loader = None
    try:
        loader = _SafeLoader(text)  # the pure-Python reader checks characters here already
        builder = _NodeBuilder(loader, name)
        root = builder.build()
    except yaml.reader.ReaderError:
        raise ProblemsError(_unacceptable_characters(text, name)) from None
    except UnicodeEncodeError:  # libyaml encodes the text first: a lone surrogate stops it
        raise ProblemsError(_unacceptable_characters(text, name)) from None
    except yaml.MarkedYAMLError as error:
        raise ProblemsError([syntax_problem(error, text, name)]) from None
    except yaml.YAMLError as error:
        raise ProblemsError([Problem(name, 0, 0, f"YAML error: {error}")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if builder.problems and not collect:
        raise ProblemsError(builder.problems)
    return Document(root.value, root.line, root.column, root.keys, builder.problems)


def load(path: Path, max_bytes: int | None = None) -> Document:
    """Read and parse a YAML file into nodes, for checking.

    Duplicate keys do not stop it: they come back on the root (see :func:`parse_problems`),
    and whatever builds a model from the root reports them with its own problems.
    """
    return parse(read_text(path, max_bytes), str(path), collect=True)


_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
"""What PyYAML's reader (and libyaml's, which refuses the same) will not take in a file."""
MAX_CHARACTER_PROBLEMS = 100
"""Unacceptable characters listed one by one; past this, one line counts the rest."""
_CONTROL_NAMES = (
    "NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI "
    "DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US"
).split()
_C1_NAMES = (
    "PAD HOP BPH NBH IND NEL SSA ESA HTS HTJ VTS PLD PLU RI SS2 SS3 "
    "DCS PU1 PU2 STS CCH MW SPA EPA SOS SGCI SCI CSI ST OSC PM APC"
).split()
_SHORT_ESCAPES = {0x07: "\\a", 0x08: "\\b", 0x0B: "\\v", 0x0C: "\\f", 0x1B: "\\e"}
"""YAML's own short escapes in double-quoted strings, offered before the \\x form."""


def _character_problem(char: str) -> str:
    """Why one character cannot be in a YAML file, and how to write it instead."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"lone surrogate U+{code:04X} is not a character and cannot be in a YAML file; remove it"
    if code in (0xFFFE, 0xFFFF):
        return f'noncharacter U+{code:04X} is not allowed in YAML; remove it, or write it as "\\u{code:04X}" inside a double-quoted string'
    name = _CONTROL_NAMES[code] if code < 0x20 else "DEL" if code == 0x7F else _C1_NAMES[code - 0x80]
    escape = f'"\\x{code:02x}"'
    if code in _SHORT_ESCAPES:
        escape = f'"{_SHORT_ESCAPES[code]}" or {escape}'
    return f"control character U+{code:04X} ({name}) is not allowed in YAML; write it as {escape} inside a double-quoted string"


def _unacceptable_characters(text: str, name: str) -> list[Problem]:
    """Every character the YAML reader refused, each at its line and column (in characters)."""
    problems: list[Problem] = []
    found = 0
    for match in _NON_PRINTABLE.finditer(text):
        found += 1
        if found > MAX_CHARACTER_PROBLEMS:
            continue
        offset = match.start()
        line = text.count("\n", 0, offset) + 1
        column = offset - text.rfind("\n", 0, offset)
        problems.append(Problem(name, line, column, _character_problem(match.group())))
    if found > MAX_CHARACTER_PROBLEMS:
        problems.append(Problem(name, problems[-1].line, problems[-1].column + 1,
                                f"… and {found - MAX_CHARACTER_PROBLEMS:,} more characters YAML does not allow"))
    if not problems:  # the reader refused something this scan does not see: say so plainly
        problems.append(Problem(name, 1, 1, "a character YAML does not allow"))
    return problems


_TAG_NAMES = {"int": "a whole number", "float": "a number", "bool": "true or false", "null": "null", "timestamp": "a date"}
"""What a scalar tag is called in a message ("as a whole number", never "as a int")."""

_SKIP = Node(None, 0, 0)
"""Stands for a duplicate key: the value that follows it is dropped."""


class _NodeBuilder:
    """Builds nodes from the event stream without recursion, so depth is checked, not crashed on."""

    def __init__(self, loader: Any, name: str) -> None:
        self.loader = loader
        self.name = name
        self.anchors: dict[str, tuple[Node, int]] = {}
        self.count = 0
        self.characters = 0
        """Characters of every scalar so far, an alias counting all it stands for."""
        self.problems: list[Problem] = []
        """Problems parsing goes on past: duplicate keys, unquoted values that cannot be read as what they look like."""

    def fail(self, event: Any, message: str) -> None:
        mark = event.start_mark
        raise ProblemsError([Problem(self.name, mark.line + 1, mark.column + 1, message)])

    def build(self) -> Node:
        loader = self.loader
        get_event = loader.get_event
        anchors = self.anchors
        plain_tags: dict[str, str] = {}
        """The tag of each plain scalar's text (resolving is a pure function of the text)."""
        no_path_resolvers = not getattr(loader, "yaml_path_resolvers", None)
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        mapping_start = yaml.MappingStartEvent
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        skipped = (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)
        str_tag = f"{_STD}str"
        skip = _SKIP
        root: Node | None = None
        # stack of [container node, pending key node or None, anchor, node count and characters at start]
        stack: list[list[Any]] = []
        while True:
            event = get_event()
            if event is None:
                break
            kind = type(event)
            if kind is scalar_event:
                mark = event.start_mark
                self.count += 1
                if self.count > MAX_NODES:
                    self.fail(event, f"document holds over {MAX_NODES:,} values")
                self.characters += len(event.value)
                tag = event.tag
                if tag is None or tag == "!":
                    if event.implicit[0]:
                        value = event.value
                        tag = plain_tags.get(value)
                        if tag is None:
                            tag = plain_tags[value] = loader.resolve(yaml.ScalarNode, value, event.implicit)
                    elif no_path_resolvers:
                        tag = str_tag  # what resolve gives for a quoted or block scalar
                    else:
                        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
                    node = Node(event.value if tag == str_tag else self.scalar(event, tag), mark.line + 1, mark.column + 1)
                elif not tag.startswith(_STD):
                    self.fail(event, f"tag {_short(tag)} is not allowed: a file holds plain data")
                else:
                    node = Node(self.scalar(event, tag), mark.line + 1, mark.column + 1)
                if event.anchor:
                    anchors[event.anchor] = (node, 1, len(event.value))
                if not stack:
                    root = node
                else:
                    frame = stack[-1]
                    parent = frame[0].value
                    if isinstance(parent, list):
                        parent.append(node)
                    elif frame[1] is not None:
                        key = frame[1]
                        if key is not skip:
                            parent[key.value] = node
                            frame[0].keys[key.value] = key
                        frame[1] = None
                    else:
                        self.attach(frame, node, event)
                continue
            if kind in skipped:
                continue
            if kind is yaml.DocumentStartEvent:
                if root is not None:
                    self.fail(event, "a file holds one YAML document; remove the second '---'")
                continue
            if kind in ends:
                node, _key, anchor, start, characters = stack.pop()
                if anchor:
                    anchors[anchor] = (node, self.count - start, self.characters - characters)
                if not stack:
                    root = node
                else:
                    self.attach(stack[-1], node, event)
                continue
            mark = event.start_mark
            if kind is alias_event:
                if event.anchor not in anchors:
                    self.fail(event, f"unknown alias *{event.anchor}")
                target, size, characters = anchors[event.anchor]
                self.count += size
                if self.count > MAX_NODES:
                    self.fail(event, f"document expands to over {MAX_NODES:,} values through aliases (an alias bomb?)")
                self.characters += characters
                if self.characters > MAX_CHARACTERS:
                    self.fail(event, f"document expands to over {MAX_CHARACTERS:,} characters of text through aliases; "
                                     "write the text out once instead of repeating it with *aliases")
                node = Node(target.value, mark.line + 1, mark.column + 1, target.keys)
            else:
                self.count += 1
                if self.count > MAX_NODES:
                    self.fail(event, f"document holds over {MAX_NODES:,} values")
                tag = event.tag
                if tag not in (None, "!") and not tag.startswith(_STD):
                    self.fail(event, f"tag {_short(tag)} is not allowed: a file holds plain data")
                if len(stack) >= MAX_DEPTH:
                    self.fail(event, f"nesting deeper than {MAX_DEPTH} levels")
                if kind is mapping_start:
                    if tag not in (None, "!", f"{_STD}map"):
                        self.fail(event, f"tag {_short(tag)} is not allowed on a mapping")
                    value: Any = {}
                else:
                    if tag not in (None, "!", f"{_STD}seq"):
                        self.fail(event, f"tag {_short(tag)} is not allowed on a list")
                    value = []
                stack.append([Node(value, mark.line + 1, mark.column + 1), None, event.anchor, self.count, self.characters])
                continue
            if not stack:
                root = node
            else:
                self.attach(stack[-1], node, event)
        if root is None:
            raise ProblemsError([Problem(self.name, 1, 1, "file holds no YAML document")])
        return root

    def attach(self, frame: list[Any], node: Node, event: Any) -> None:
        parent = frame[0]
        if isinstance(parent.value, list):
            parent.value.append(node)
            return
        if frame[1] is None:
            if not isinstance(node.value, str):
                self.fail(event, "a key must be text; quote it")
            if node.value in parent.value:
                first = parent.keys[node.value]
                mark = event.start_mark
                self.problems.append(Problem(self.name, mark.line + 1, mark.column + 1,
                                             f"duplicate key {node.value!r} (first at line {first.line})"))
                frame[1] = _SKIP  # the first value stays; this one is read, then dropped
                return
            frame[1] = node
            return
        key = frame[1]
        if key is not _SKIP:
            parent.value[key.value] = node
            parent.keys[key.value] = key
        frame[1] = None

    def scalar(self, event: Any, tag: str | None = None) -> Any:
        """A scalar's value; ``tag``: its tag when already resolved."""
        if tag is None:
            tag = event.tag
            if tag in (None, "!"):
                tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == f"{_STD}merge":
            self.fail(event, "merge keys (<<) are not supported: write the keys out in full")
        if tag not in _SCALAR_TAGS:
            self.fail(event, f"tag {_short(tag)} is not allowed: a file holds plain data")
        if tag == f"{_STD}str":
            return event.value
        try:
            return self.loader.construct_object(yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark))
        except (yaml.YAMLError, ValueError, OverflowError, KeyError, AttributeError, TypeError, IndexError):  # !!bool maybe: KeyError
            kind = _TAG_NAMES.get(tag.rsplit(":", 1)[-1], "value")
            if not event.implicit[0]:  # tagged by hand: nothing else to read it as
                self.fail(event, f"cannot read {event.value!r} as {kind}")
            # unquoted (a date that is no date, 2025-06-31): said, then read on as the text it is, so that the
            # file's other problems come in the same report (a check of this value at this place is not said twice)
            mark = event.start_mark
            self.problems.append(Problem(self.name, mark.line + 1, mark.column + 1,
                                         f"cannot read {event.value!r} as {kind}; put it in quotes to keep it as text"))
            return event.value
