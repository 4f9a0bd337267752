"""The user's keymap checked against the reader's bindings: known ids, key names Textual knows, no key bound twice in one place."""

from __future__ import annotations

from typing import Iterable, NamedTuple, Sequence

from textual.binding import Binding
from textual.keys import REPLACED_KEYS, Keys, key_to_character

from reader.model.problems import Problem, suggest
from reader.settings.config import KeyChoice



class Place(NamedTuple):
    """Bindings active together (the app, a screen, the widget that has the keyboard), named for messages."""

    name: str
    bindings: Sequence[Binding]
    typing: bool = False
    """A text field has the keyboard: a key that types a character is typed there, never a binding."""


MODIFIERS = ("ctrl", "alt", "shift", "super", "meta", "hyper")
"""The modifiers a key may carry, as Textual spells them."""

NAMED_KEYS = frozenset(key.value for key in Keys if "+" not in key.value and not key.value.startswith("<")) - {"ctrl-at"}
"""Keys with a name and no character of their own (escape, up, pagedown, f1 …), from Textual's list."""


def canonical(character: str) -> str:
    """Textual's name for the key that types this character ("/" -> "slash", "x" -> "x")."""
    if character == ",":  # the one character Textual cannot take in a binding: it separates keys there
        return "comma"
    return next(iter(Binding.make_bindings([Binding(character, "")]))).key


def key_name_problem(key: str) -> str | None:
    """Why Textual would never see this key ("ctrl+shft+x", "pgdown"), or None when it is a key it knows."""
    if not key:
        return "an empty key name (two commas in a row, or one at an end?)"
    if key.endswith("++"):
        return f"{key!r} is not a key Textual knows: the + key is called 'plus' ({key[:-1]}plus)"
    *modifiers, name = key.split("+") if key != "+" else ["+"]
    for modifier in modifiers:
        if modifier not in MODIFIERS:
            return (f"{key!r} is not a key Textual knows: {modifier!r} is not a modifier "
                    f"({', '.join(MODIFIERS)}){suggest(modifier, MODIFIERS)}")
    if len(set(modifiers)) < len(modifiers):
        return f"{key!r} is not a key Textual knows: a modifier is written twice"
    if len(name) == 1:
        return None if name.isprintable() and not name.isspace() else f"{key!r} is not a key Textual knows"
    if name in NAMED_KEYS:
        return None
    character = key_to_character(REPLACED_KEYS.get(name, name))
    if character is not None and canonical(character) == name:
        return None
    if name and name != name.lower():
        return f"{key!r} is not a key Textual knows: key names are lower case ({name.lower()!r})"
    hint = suggest(name, [*NAMED_KEYS, "slash", "question_mark", "comma", "full_stop", "minus", "plus", "asterisk",
                          "number_sign", "left_square_bracket", "right_square_bracket", "space", "enter", "tab"])
    if character is not None:  # a character by its Unicode name: Textual calls its key by a shorter name
        hint = f" (Textual calls it {canonical(character)!r})"
    return f"{name!r} is not a key name Textual knows{hint}"


def normalised(keys: str) -> list[str]:
    """The keys of a comma-separated list as Textual names them ("?" -> "question_mark", "ctrl+/" -> "ctrl+slash"), each once, in order."""
    out = []
    for key in (k.strip() for k in keys.split(",")):
        modifiers, _, name = key.rpartition("+") if len(key) > 1 else ("", "", key)
        out.append(modifiers + "+" + canonical(name) if modifiers and len(name) == 1
                   else canonical(key) if len(key) == 1 else key)
    return list(dict.fromkeys(out))


def check_keymap(choices: Iterable[KeyChoice], places: Sequence[Place]) -> tuple[dict[str, str], list[Problem]]:
    """The keymap to give `App.set_keymap` and a located problem for each choice left out.

    A choice is left out (its binding keeps its own keys) when its id is unknown, one of its keys
    is not a key Textual knows, or it binds a key that another binding of the same place has."""
    owners = {binding.id: place.name for place in places for binding in place.bindings if binding.id}
    problems: list[Problem] = []
    accepted: dict[str, tuple[KeyChoice, list[str]]] = {}
    for choice in choices:
        if choice.binding not in owners:
            problems.append(choice.problem(f"unknown binding id {choice.binding!r} in keymap"
                                           f"{suggest(choice.binding, owners)}; the README lists every id"))
            continue
        pieces = [key.strip() for key in choice.keys.split(",")]
        why = next((why for key in pieces if (why := key_name_problem(key))), None)
        if why is not None:
            problems.append(choice.problem(f"{choice.binding}: {why}; it keeps its own keys", at_keys=True))
            continue
        accepted[choice.binding] = (choice, normalised(choice.keys))
    while True:  # drop the later of two choices that give one place a key twice, until none does
        clash = _first_clash(places, accepted)
        if clash is None:
            break
        place, key, earlier, later = clash
        choice = accepted.pop(later)[0]
        problems.append(choice.problem(f"{later}: {key!r} is bound twice in {place}, also to {earlier}; "
                                       f"give one of them another key ({later} keeps its own keys)", at_keys=True))
    keymap = {binding: ",".join(keys) for binding, (_, keys) in accepted.items()}
    return keymap, sorted(problems)


def _typed(key: str) -> bool:
    """True for a key that types a character (no ctrl or alt): a text field takes it."""
    name = key.removeprefix("shift+")
    character = None if "+" in name else key_to_character(REPLACED_KEYS.get(name, name))
    return character is not None and character.isprintable()  # escape has a character too, but types none


def _first_clash(places: Sequence[Place], accepted: dict[str, tuple[KeyChoice, list[str]]]) -> tuple[str, str, str, str] | None:
    """(place, key, what else has it, the user's choice to drop) for the first key a choice adds where another has it.

    Keys a binding has by default and keeps are no clash: the reader's own overlaps are meant
    (the bar's escape before the screen's, q closing the help rather than quitting)."""
    order = {binding: n for n, binding in enumerate(accepted)}
    for name, bindings, typing in places:
        holders: dict[str, list[str]] = {}
        defaults: dict[str, list[str]] = {}
        for binding in bindings:
            holder = binding.id or f"{binding.action.removeprefix('app.')} (Textual's own)"
            defaults[holder] = normalised(binding.key)
            for key in accepted[holder][1] if holder in accepted else defaults[holder]:
                holders.setdefault(key, [])
                if holder not in holders[key]:
                    holders[key].append(holder)
        for key, ids in holders.items():
            if typing and _typed(key):
                ids = ["typing (the field takes the keys that type)", *ids]
            newcomers = [binding for binding in ids if binding in order and key not in defaults[binding]]
            if len(ids) > 1 and newcomers:
                later = max(newcomers, key=order.__getitem__)
                return name, key, next(binding for binding in ids if binding != later), later
    return None


def rebound(bindings: Iterable[Binding], keymap: dict[str, str]) -> list[Binding]:
    """The bindings with the keymap's keys in place of their own (what the help shows)."""
    return [binding.with_key(keymap[binding.id]) if binding.id in keymap else binding for binding in bindings]
