"""The review of a draft: its suggestions, each with a confidence and a snippet, and the decisions on them.

A suggestion is what `reader import` guessed; each decision (accept, reject, retype, accept all of a name) is
written back to the file, which stays valid."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from reader.importer.draft_yaml import TYPE_WORDS, yaml_quote
from reader.importer.review_edit import (
    EditRefused,
    Lines,
    drop_key,
    drop_note_above,
    entries,
    entry_of,
    note_above,
    note_after,
    remove_from_list,
    remove_item,
    set_scalar,
)
from reader.load.build import build_article
from reader.load.bulk import collector_paused
from reader.load.files import Stamp, file_stamp, write_atomic
from reader.load.yamlsource import Node, parse, read_text
from reader.model.article import ENTITY_TYPES, Article, Location
from reader.model.drafts import count_left  # noqa: F401 - in the model so that the app counts without importing the reviewer
from reader.model.problems import Problem, ProblemsError
from reader.text.fold import fold_text

TYPE_NAMES = {"person": "a person", "org": "an organisation", "place": "a place"}
"""How a message names each type."""
ACTIONS = ("accept", "reject", "retype", "accept_name")
"""What a review decides on a suggestion: keep it, drop it, give an entity another type (and keep
it), keep every suggestion of the same name."""


@dataclass(frozen=True)
class Suggestion:
    """One annotation `reader import` guessed (marked `draft: true`) and nobody reviewed yet."""

    kind: str
    """person, org, place, date, figure or accord."""
    ref: str
    """The annotation's id."""
    name: str
    """What it reads as: an entity's name, a date's or figure's quote, an accord's title."""
    confidence: float
    """0 to 1: how likely the guess is right (see :func:`confidence`)."""
    why: str
    """The importer's cue, as its note in the file gives it ('' when none)."""
    snippet: str
    """The text around its first place."""
    location: Location | None


def _entity_confidence(name: str, aliases: tuple[str, ...], cue: str) -> float:
    """Known name > acronym > capitalised run; a type guessed from a cue > one guessed without."""
    if "known" in cue:
        base = 0.8
    elif "acronym" in cue or any(a.isupper() and len(a) > 1 for a in (name, *aliases)):
        base = 0.6
    else:
        base = 0.4
    guessed_without = not cue or "no other cue" in cue or "no cue" in cue or "check the type" in cue
    return round(base + (0.0 if guessed_without else 0.15), 2)


def confidence(kind: str, name: str, cue: str, aliases: tuple[str, ...] = ()) -> float:
    """How likely a guess is right, derived from what the importer wrote of it (it gives no figure).

    Entities: see _entity_confidence. Dates: a quote with its year 0.9, else 0.6 (the year or day was
    inferred). Figures: written in digits 0.85, in words 0.6. Accords: named in the text 0.5, one a
    count stands for ('signed three agreements') 0.3."""
    if kind in ENTITY_TYPES:
        return _entity_confidence(name, aliases, cue)
    if kind == "date":
        return 0.9 if re.search(r"\b[0-9]{4}\b", name) else 0.6
    if kind == "figure":
        return 0.85 if re.search(r"[0-9]", name) else 0.6
    return 0.3 if cue.startswith("counting") else 0.5


def suggestions(article: Article, text: str) -> list[Suggestion]:
    """Every suggestion of an article (read from `text`, its file), lowest confidence first."""
    found = entries(parse(text, article.path or "<draft>", collect=True))
    lines = Lines(text)
    out = []

    def add(kind: str, ref: str, name: str, location: Location | None, cue: Callable[[Node], str], aliases=()) -> None:
        entry = found.get(ref)
        why = cue(entry.node) if entry is not None else ""
        snippet = article.snippet(location) if location is not None else ""
        out.append(Suggestion(kind, ref, name, confidence(kind, name, why, aliases), why, snippet, location))

    def above(node: Node) -> str:
        note = note_above(lines, node)
        return note.split("guessed from", 1)[-1].strip() if note.startswith("to review:") else note

    for entity in article.entities:
        if entity.draft:
            mentions = article.mentions_by_ref.get(entity.id, ())
            add(entity.type, entity.id, entity.name, mentions[0].location if mentions else None, above, entity.aliases)
    for kind, items in (("date", article.dates), ("figure", article.figures)):
        for item in items:
            if item.draft:
                add(kind, item.id, item.quote, item.location, lambda n: note_after(lines, n))
    for accord in article.accords:
        if accord.draft:
            add("accord", accord.id, accord.title, accord.anchor, above)
    far = (len(article.sections), 0, 0)
    out.sort(key=lambda s: (s.confidence, (s.location.section, s.location.paragraph, s.location.start) if s.location else far, s.ref))
    return out


# --- decisions on the text ---------------------------------------------------------------------------


def _accept(text: str, ref: str) -> str:
    entry = entry_of(text, ref)
    if "draft" not in entry.node.value:
        return text
    text = drop_key(text, entry.node, "draft")
    if entry.list_key == "entities":
        text = drop_note_above(text, entry_of(text, ref).node)  # it says "to review", and it has been
    return text


def _reject(text: str, ref: str) -> tuple[str, list[str]]:
    entry = entry_of(text, ref)
    told = []
    if entry.list_key == "entities":
        # an accord naming it as a party would name an unknown entity: it goes from those lists too
        for key in ("accords", "dossiers"):
            listed = entry.root.value.get(key) if isinstance(entry.root.value, dict) else None
            for accord in (listed.value if listed is not None and isinstance(listed.value, list) else []):
                if not isinstance(accord.value, dict):
                    continue
                for field in ("parties", "counterparts"):
                    ids = accord.value.get(field)
                    if ids is not None and isinstance(ids.value, list) and any(i.value == ref for i in ids.value):
                        accord_id = accord.value["id"].value if "id" in accord.value else "an accord"
                        if field == "parties" and len(ids.value) == 1:
                            raise EditRefused(ids.line, ids.column, f"it is the only party of {accord_id}: reject the accord, "
                                                                    "or give it another party, first")
                        told.append(f"{field} of {accord_id}")
        for what in told:
            field, _, accord_id = what.partition(" of ")
            accord = entry_of(text, accord_id)
            text = remove_from_list(text, accord.node.value[field], ref)
        entry = entry_of(text, ref)
    text = remove_item(text, entry)
    if entry.list_key == "accords":
        text = _renumber(text)
    return text, told


def _renumber(text: str) -> str:
    """Accords numbered 1, 2, 3… again after one is removed (the loader requires it)."""
    root = parse(text, "<draft>", collect=True)
    listed = root.value.get("accords") if isinstance(root.value, dict) else None
    for index, item in reversed(list(enumerate(listed.value if listed is not None and isinstance(listed.value, list) else [], 1))):
        number = item.value.get("number") if isinstance(item.value, dict) else None
        if number is not None and number.value != index:
            text = set_scalar(text, number, str(index))
    return text


def _retype(text: str, ref: str, new_type: str) -> str:
    entry = entry_of(text, ref)
    if entry.list_key != "entities":
        raise EditRefused(entry.node.line, entry.node.column, "only a person, an organisation or a place has a type")
    fields = entry.node.value
    old = fields["type"].value
    if old != new_type:
        text = set_scalar(text, fields["type"], new_type)
        description = fields.get("description")
        placeholders = {f"À vérifier : {TYPE_WORDS[old]} proposée d’après le texte": f"À vérifier : {TYPE_WORDS[new_type]} proposée d’après le texte",
                        f"To check: {old} proposed from the text": f"To check: {new_type} proposed from the text"}
        if description is not None and description.value in placeholders:  # the importer's words, which named the old type
            text = set_scalar(text, entry_of(text, ref).node.value["description"], yaml_quote(placeholders[description.value]))
    return _accept(text, ref)


def _same_name(article: Article, ref: str) -> list[str]:
    """The ids of every suggestion with the same name (folded) as this one's."""
    names = {s.ref: fold_text(s.name).strip() for s in _plain_suggestions(article)}
    wanted = names.get(ref)
    return [r for r, name in names.items() if name == wanted]


def _plain_suggestions(article: Article) -> list[Suggestion]:
    out = [Suggestion(e.type, e.id, e.name, 0, "", "", None) for e in article.entities if e.draft]
    out += [Suggestion("date", d.id, d.quote, 0, "", "", None) for d in article.dates if d.draft]
    out += [Suggestion("figure", f.id, f.quote, 0, "", "", None) for f in article.figures if f.draft]
    out += [Suggestion("accord", a.id, a.title, 0, "", "", None) for a in article.accords if a.draft]
    return out


KIND_OF_LIST = {"dates": "date", "figures": "figure", "accords": "accord", "dossiers": "dossier"}
NAME_FIELDS = ("name", "quote", "title")
"""Where an entry's name is, as the queue shows it: an entity's name, a date's or figure's quote, an accord's title."""


def described(text: str, ref: str) -> str:
    """A suggestion named as the queue shows it, then its kind and id: 'Niamey (place niamey)' (a message
    that gave only the id left the reader unsure which row a decision was made on)."""
    entry = entry_of(text, ref)
    fields = entry.node.value if isinstance(entry.node.value, dict) else {}
    kind_node = fields.get("type") if entry.list_key == "entities" else None
    kind = kind_node.value if kind_node is not None and isinstance(kind_node.value, str) else KIND_OF_LIST.get(entry.list_key, "entity")
    name = next((str(fields[key].value) for key in NAME_FIELDS if key in fields and isinstance(fields[key].value, (str, int, float))), "")
    return f"{name} ({kind} {ref})" if name and name != ref else f"{kind} {ref}"


def decide_text(text: str, article: Callable[[], Article], ref: str, action: str, new_type: str | None = None) -> tuple[str, str]:
    """(the new text, what was done) for one decision; raises EditRefused when it cannot be made here.

    `article` gives the article the text holds (only accepting all of a name needs it)."""
    if action == "accept":
        return _accept(text, ref), f"accepted {described(text, ref)}"
    if action == "reject":
        named = described(text, ref)
        text, told = _reject(text, ref)
        return text, f"rejected {named}" + (f" (and removed it from the {', '.join(told)})" if told else "")
    if action == "retype":
        if new_type not in ENTITY_TYPES:
            raise EditRefused(0, 0, f"a type is one of {', '.join(ENTITY_TYPES)}")
        named = described(text, ref)
        return _retype(text, ref, new_type), f"{named} is now {TYPE_NAMES[new_type]}"
    if action == "accept_name":
        refs = _same_name(article(), ref)
        name = described(text, ref).rpartition(" (")[0] or ref
        for each in refs:
            text = _accept(text, each)
        return text, f"accepted {len(refs)} suggestion{'s' if len(refs) != 1 else ''} named {name}"
    raise ValueError(f"unknown review action {action!r}")


# --- decisions on the file ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Decided:
    """A decision written: the article as the file now reads, its new stamp, what was done, and the text
    before it (what an undo writes back)."""

    article: Article
    stamp: Stamp | None
    message: str
    before: str = ""


def decide(path: str | Path, ref: str, action: str, new_type: str | None = None, *, expected: Stamp | None = None) -> Decided:
    """Make one decision on an article file, written atomically; raises ProblemsError (located, the file
    untouched) when it cannot be made or would leave the file invalid.

    `expected` is the file's stamp when the article on screen was read: a file changed since is refused
    (deciding on what the screen shows could undo someone's edit)."""
    path = Path(path)
    name = str(path)
    if expected is not None and file_stamp(path) != expected:
        raise ProblemsError([Problem(name, 0, 0, "changed on disk since it was opened: open it again to review it")])
    stamp = file_stamp(path)
    before = read_text(path)
    try:
        after, message = decide_text(before, lambda: build_article(parse(before, name, collect=True), name), ref, action, new_type)
    except EditRefused as refused:
        raise ProblemsError([Problem(name, refused.line, refused.column, f"{action} {ref}: {refused.message}")]) from None
    article, new_stamp = _write_checked(path, stamp, before, after, f"{action} {ref}")
    return Decided(article, new_stamp, message, before)


def undo(path: str | Path, decided: Decided) -> Decided:
    """Put the file back as it was before a decision, written and checked as a decision is; refused (the
    file untouched) when the file changed since that decision was written (an undo must not drop
    someone's edit) or when what it was no longer loads."""
    path = Path(path)
    if file_stamp(path) != decided.stamp:
        raise ProblemsError([Problem(str(path), 0, 0, "changed on disk since the decision: nothing undone")])
    current = read_text(path)
    article, stamp = _write_checked(path, decided.stamp, current, decided.before, "undo")
    return Decided(article, stamp, f"undone: {decided.message}", current)


def _write_checked(path: Path, stamp: Stamp | None, before: str, after: str, what: str) -> tuple[Article, Stamp | None]:
    """Write `after` over a file that read `before` at `stamp`, atomically, only if it loads as the
    loader reads it; the article it holds and the file's new stamp."""
    name = str(path)
    try:
        # read as load_article reads the file, before writing: a decision that would break it is never written
        with collector_paused(keep=True):
            article = build_article(parse(after, name, collect=True), name)
    except ProblemsError as error:
        raise ProblemsError([Problem(name, p.line, p.column, f"refused: {what} would make the file invalid: {p.message}")
                             for p in error.problems]) from None
    if file_stamp(path) != stamp:
        raise ProblemsError([Problem(name, 0, 0, "changed on disk while deciding: nothing written; try again")])
    try:
        write_atomic(path, after)
    except OSError as error:
        raise ProblemsError([Problem(name, 0, 0, f"cannot write the decision: {error.strerror or error}")]) from None
    new_stamp = file_stamp(path)
    try:
        written = read_text(path)
    except ProblemsError:
        written = None
    if written != after:  # the file does not read back as checked (should not happen): put it back
        write_atomic(path, before)
        raise ProblemsError([Problem(name, 0, 0, f"{what}: the file did not read back as written; put back as it was")])
    return article, new_stamp
