"""`reader import` measured on real dispatches annotated by hand: ``python -m tests.benchmarks.importer [FOLDER]``.

The dispatches are not ours, so they live outside the repository (default ``/tmp/dispatches``):
``NAME.txt`` is the text as published, ``NAME.ann.yaml`` its hand annotation::

    published: 2020-06-19
    dates:   [[jeudi, 2020-06-18], ...]                 # quote, ISO value
    figures: [[61,7 milliards de francs CFA, 61.7e9, FCFA, exact], ...]   # quote, value, unit, qualifier
    persons: [...]; orgs: [...]; places: [...]          # names
    accords: [{where: "a phrase of its sentence", parties: [Burkina Faso, "AFD|Agence française de développement"]}]

A found date or figure matches a hand one when either quote holds the other; an entity when
either folded name (or alias) holds the other; an accord when its sentence holds ``where`` (one
accord per agreement the text reports signed: "signed eight agreements" is eight).
"A|B" accepts either form. Each text is imported twice: with its publication date (``--date``)
and without (the importer reads the text's first lines, else today). Prints one table.
"""

from __future__ import annotations

import datetime as _dt
import math
import sys
from pathlib import Path

import yaml

from reader.importer.draft import import_text
from reader.text.fold import fold_text

TYPES = {"persons": "person", "orgs": "org", "places": "place"}


def _f(text: object) -> str:
    return " ".join(fold_text(str(text)).replace("’", "'").split())


def _same_name(a: str, b: str) -> bool:
    a, b = _f(a), _f(b)
    return bool(a and b) and (a in b or b in a)


def _alternatives(name: str) -> list[str]:
    return [n.strip() for n in str(name).split("|")]


def _pair(hand: list, found: list, same) -> list[tuple[int, int]]:
    """One-to-one (hand index, found index) matches, in order."""
    used: set[int] = set()
    out = []
    for i, h in enumerate(hand):
        for j, f in enumerate(found):
            if j not in used and same(h, f):
                used.add(j)
                out.append((i, j))
                break
    return out


def _unit_right(hand: str, found: str) -> bool:
    found = _f(found)
    return any(_f(u) == found for u in _alternatives(hand))


def _value_right(hand: object, found: object) -> bool:
    try:
        return math.isclose(float(hand), float(found), rel_tol=1e-6)
    except (TypeError, ValueError):
        return str(hand) == str(found)


def measure(folder: Path, with_date: bool, dated_only: bool = False) -> dict[str, list[int]]:
    """Totals per kind: [hand, found, matched, value right, unit right, qualifier right, parties right]
    (``dated_only``: only the texts that carry their date, in a stamp, a dateline or a full date)."""
    totals = {k: [0] * 7 for k in ("dates", "figures", "persons", "orgs", "places", "accords")}
    totals["texts"] = [0] * 7
    for ann_path in sorted(folder.glob("*.ann.yaml")):
        hand = yaml.safe_load(ann_path.read_text(encoding="utf-8"))
        text = ann_path.with_name(ann_path.name.replace(".ann.yaml", ".txt")).read_text(encoding="utf-8")
        published = hand["published"] if isinstance(hand["published"], _dt.date) else _dt.date.fromisoformat(hand["published"])
        draft = import_text(text, published=published if with_date else None, library=(), today=_dt.date(2026, 11, 29))
        if dated_only and draft.published_how.startswith("today"):
            continue
        totals["texts"][0] += 1
        totals["texts"][1] += bool(draft.problems)  # a draft the loader refuses is worth nothing, whatever it found
        data = yaml.safe_load(draft.yaml)
        entities = {e["id"]: e for e in data.get("entities") or []}

        dates = [(str(q), str(v)) for q, v in hand.get("dates") or []]
        found = [(d["quote"], str(d["value"])) for d in data.get("dates") or []]
        row = totals["dates"]
        pairs = _pair(dates, found, lambda h, f: _same_name(h[0], f[0]))
        row[0] += len(dates); row[1] += len(found); row[2] += len(pairs)
        row[3] += sum(dates[i][1] == found[j][1] for i, j in pairs)

        figures = [(str(q), v, str(u), str(ql)) for q, v, u, ql in hand.get("figures") or []]
        found = [(f["quote"], f["value"], f.get("unit", ""), f.get("qualifier", "exact")) for f in data.get("figures") or []]
        row = totals["figures"]
        pairs = _pair(figures, found, lambda h, f: _same_name(h[0], f[0]))
        row[0] += len(figures); row[1] += len(found); row[2] += len(pairs)
        row[3] += sum(_value_right(figures[i][1], found[j][1]) and _unit_right(figures[i][2], found[j][2]) for i, j in pairs)
        row[4] += sum(_unit_right(figures[i][2], found[j][2]) for i, j in pairs)
        row[5] += sum(figures[i][3] == found[j][3] for i, j in pairs)

        for key, kind in TYPES.items():
            names = [str(n) for n in hand.get(key) or []]
            mine = [e for e in entities.values() if e["type"] == kind]
            row = totals[key]
            row[0] += len(names); row[1] += len(mine)
            row[2] += sum(any(_same_name(n, form) for e in mine for form in (e["name"], *e["aliases"])) for n in names)
            # precision: a found entity is right when it is one of the hand's names of its type
            row[3] += sum(any(_same_name(n, form) for n in names for form in (e["name"], *e["aliases"])) for e in mine)

        accords = hand.get("accords") or []
        found = data.get("accords") or []
        row = totals["accords"]
        pairs = _pair(accords, found, lambda h, f: any(_f(w) in _f(f["summary"]) for w in _alternatives(h["where"])))
        row[0] += len(accords); row[1] += len(found); row[2] += len(pairs)
        for i, j in pairs:
            parties = [entities[p] for p in found[j]["parties"] if p in entities]
            forms = [[p["name"], *p["aliases"]] for p in parties]
            wanted = accords[i]["parties"]
            each_hand = all(any(_same_name(a, form) for fs in forms for form in fs for a in _alternatives(w)) for w in wanted)
            each_found = all(any(_same_name(a, form) for form in fs for w in wanted for a in _alternatives(w)) for fs in forms)
            row[6] += each_hand and each_found and bool(forms)
    return totals


def _pc(a: int, b: int) -> str:
    return f"{a / b:.0%}" if b else "–"


def table(folder: Path) -> str:
    """The markdown table of both runs."""
    runs = {True: measure(folder, True), False: measure(folder, False)}
    dated = measure(folder, False, dated_only=True)
    count = len(list(folder.glob("*.ann.yaml")))
    lines = [f"{count} dispatches in {folder}", "",
             "| type | run | hand | found | recall | precision | right among found |", "|---|---|---|---|---|---|---|"]
    for key in ("dates", "figures", "persons", "orgs", "places", "accords"):
        for with_date in (True, False):
            if key not in ("dates", "figures", "accords") and not with_date:
                continue
            hand, found, matched, value, unit, qualifier, parties = runs[with_date][key]
            run = ("--date" if with_date else "no --date") if key in ("dates", "figures", "accords") else "both"
            if key in ("persons", "orgs", "places"):
                right, precision = "", _pc(value, found)
            else:
                precision = _pc(matched, found)
                right = {"dates": f"values {_pc(value, matched)}",
                         "figures": f"value+unit {_pc(value, matched)}, unit {_pc(unit, matched)}, qualifier {_pc(qualifier, matched)}",
                         "accords": f"both parties {_pc(parties, matched)}"}[key]
            lines.append(f"| {key} | {run} | {hand} | {found} | {_pc(matched, hand)} | {precision} | {right} |")
        if key == "dates":
            hand, found, matched, value = dated["dates"][:4]
            lines.append(f"| dates | no --date, the {dated['texts'][0]} texts that carry their date | {hand} | {found} | "
                         f"{_pc(matched, hand)} | {_pc(matched, found)} | values {_pc(value, matched)} |")
    refused = runs[True]["texts"][1] + runs[False]["texts"][1]
    lines += ["", f"drafts the loader refuses: {refused} of {runs[True]['texts'][0] + runs[False]['texts'][0]}"]
    return "\n".join(lines)


USAGE = "usage: python -m tests.benchmarks.importer [FOLDER]\n  the importer against NAME.txt + NAME.ann.yaml pairs in FOLDER (default /tmp/dispatches)"


def main(argv: list[str]) -> int:
    if any(arg in ("-h", "--help") for arg in argv):
        print(USAGE)
        print(__doc__)
        return 0
    if len(argv) > 1 or argv and argv[0].startswith("-"):
        print(USAGE, file=sys.stderr)
        return 2
    folder = Path(argv[0]) if argv else Path("/tmp/dispatches")
    if not any(folder.glob("*.ann.yaml")):
        print(f"no NAME.ann.yaml in {folder}: see this module's docstring", file=sys.stderr)
        return 2
    print(table(folder))
    return 0


if __name__ == "__main__":
    from tests.benchmarks.command import run_command

    run_command(lambda: main(sys.argv[1:]))
