"""Generate a library of many small, diverse articles (names, places, figures and dates drawn from lists).

Every article is valid and different: its people, organisations, places, source, date, figures,
number of accords and text are drawn (deterministically, from the article's number) from the lists
below. One person, :data:`RARE`, appears in one article in a hundred (the "about 1%" search).

``python -m tests.benchmarks.library COUNT FOLDER`` writes COUNT articles into FOLDER.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path

RARE = "Zanguéta"
"""A surname found in 1% of the articles (article numbers ending in 07)."""
FIRST = ["Assimi", "Aminata", "Moussa", "Fatou", "Ibrahim", "Awa", "Oumar", "Mariam", "Seydou", "Kadiatou", "Boubacar", "Hawa",
         "Modibo", "Salif", "Djénéba", "Cheick", "Aïssata", "Bakary", "Rokia", "Yacouba", "Élodie", "François", "Anaïs", "Jérôme"]
LAST = ["Goïta", "Traoré", "Keïta", "Diarra", "Coulibaly", "Touré", "Sangaré", "Koné", "Cissé", "Maïga", "Diallo", "Dembélé",
        "Sidibé", "Konaté", "Bâ", "Sow", "Camara", "Kanté", "Doumbia", "Haïdara", "Lefèvre", "Moreau", "Ouédraogo", "Kaboré"]
ORGS = ["Rosatom", "Banque mondiale", "Union africaine", "CEDEAO", "Orange Mali", "SOROMA-SA", "Afreximbank", "Air Sénégal",
        "Sotelma", "Office du Niger", "Énergie du Mali", "Compagnie malienne pour le développement des textiles", "BCEAO", "PNUD"]
PLACES = ["Bamako", "Moscou", "Kayes", "Sikasso", "Ségou", "Mopti", "Tombouctou", "Gao", "Dakar", "Abidjan", "Niamey",
          "Ouagadougou", "Conakry", "Nouakchott", "Kidal", "Koulikoro", "Saint-Pétersbourg", "Lomé", "Cotonou", "Accra"]
SOURCES = [("APA", "Agence de presse africaine"), ("AFP", "Agence France-Presse"), ("Reuters", ""), ("ORTM", ""),
           ("Jeune Afrique", ""), ("RFI", ""), ("Xinhua", ""), ("MAP", "Maghreb Arabe Presse")]
UNITS = ["tonnes", "milliards de francs CFA", "kilomètres", "mégawatts", "écoles", "puits", "ingénieurs", "hectares", "%"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
TOPICS = ["l’énergie", "la sécurité alimentaire", "l’éducation", "les mines d’or", "le commerce", "la santé", "les transports",
          "l’eau potable", "la formation des cadres", "l’agriculture", "le numérique", "la défense"]
VERBS = ["a annoncé", "a signé", "a rappelé", "a salué", "a présenté", "a inauguré", "a reçu", "a dénoncé", "a confirmé"]
FILLER = ("selon les autorités le projet doit renforcer les échanges économiques et favoriser l’investissement dans les "
          "infrastructures publiques tandis que les partenaires évoquent une coopération durable fondée sur le respect "
          "mutuel dans un contexte régional marqué par des tensions persistantes et des besoins croissants").split()


def _number(value: int) -> str:
    """French grouping with a space: 12 500."""
    return f"{value:,}".replace(",", " ")


def entity_id(name: str) -> str:
    """The id of the entity called ``name``: its folded words joined by '-' ("Awa Goïta" -> "awa-goita").

    Libraries link articles by entity id, so one name is one entity in every article it appears in and
    different names are different entities.
    """
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain))


def _filler(rng: random.Random) -> str:
    return " ".join(rng.choice(FILLER) for _ in range(rng.randint(8, 20)))


def article(n: int) -> str:
    """Article number ``n`` as YAML (valid, deterministic, unlike its neighbours)."""
    rng = random.Random(n)
    people = rng.sample([(f, l) for f in FIRST for l in LAST], rng.randint(1, 3))
    if n % 100 == 7:
        people.append((rng.choice(FIRST), RARE))
    orgs = rng.sample(ORGS, rng.randint(1, 3))
    places = rng.sample(PLACES, rng.randint(1, 3))
    agency, agency_name = rng.choice(SOURCES)
    year, month, day = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
    topic = rng.choice(TOPICS)
    entities, mentions = [], []
    for i, (first, last) in enumerate(people):
        entities.append({"id": entity_id(f"{first} {last}"), "type": "person", "name": f"{first} {last}", "description": "personne",
                         "aliases": [f"{first} {last}"], **({"draft": True} if n % 10 == 3 and i == 0 else {})})
        mentions.append(f"{first} {last}")
    for org in orgs:
        entities.append({"id": entity_id(org), "type": "org", "name": org, "description": "organisation", "aliases": [org]})
        mentions.append(org)
    for place in places:
        entities.append({"id": entity_id(place), "type": "place", "name": place, "description": "lieu", "aliases": [place]})
        mentions.append(place)
    date_quote = f"{day} {MONTHS[month - 1]} {year}"
    value = rng.choice([rng.randint(2, 99), rng.randint(100, 999) * 10, rng.randint(1, 90) * 1000 + rng.randint(0, 9) * 100])
    unit = rng.choice(UNITS)
    figure_quote = f"{_number(value)} %" if unit == "%" else f"{_number(value)} {unit}"
    n_sections = rng.randint(2, 5)
    sections = []
    rng.shuffle(mentions)
    for s in range(n_sections):
        paragraphs = []
        for p in range(rng.randint(1, 3)):
            sentences = []
            for _ in range(rng.randint(2, 4)):
                who = mentions.pop() if mentions else rng.choice(people)[1]
                sentences.append(f"{who} {rng.choice(VERBS)} un accord sur {topic}, {_filler(rng)}.")
            if s == 0 and p == 0:
                sentences.insert(0, f"Le {date_quote}, le montant annoncé atteint {figure_quote}.")
            paragraphs.append(" ".join(s[0].upper() + s[1:] for s in sentences))
        sections.append({"id": f"s{s + 1}", "kind": "lede" if s == 0 else rng.choice(["body", "context", "analysis"]),
                         "heading": f"Partie {s + 1}", "paragraphs": paragraphs})
    while mentions:  # every alias appears somewhere
        sections[-1]["paragraphs"].append(f"{mentions.pop()} {rng.choice(VERBS)} la démarche.")
    party_ids = [e["id"] for e in entities if e["type"] != "person"]
    accords = [{"id": f"accord-{k}", "number": k, "title": f"Accord sur {topic} n° {k}", "parties": party_ids[:2],
                "summary": "Accord.", "anchor": {"section": sections[min(k, n_sections) - 1]["id"]}}
               for k in range(1, rng.choice([0, 1, 1, 2, 3, 4]) + 1)]
    title = f"{places[0]} : {orgs[0]} et {people[0][1]}, {topic}"
    doc = {
        "format": 1, "id": f"art-{n:06d}", "title": title, "language": "fr", "published": f"{year}-{month:02d}-{day:02d}",
        "source": {"agency": agency, **({"name": agency_name} if agency_name else {})}, "sections": sections,
        "accords": accords, "entities": entities,
        "dates": [{"id": "d1", "quote": date_quote, "value": f"{year}-{month:02d}-{day:02d}", "about": "annonce"}],
        "figures": [{"id": "f1", "quote": figure_quote, "value": value, "unit": unit, "about": "montant"}],
    }
    if not accords:
        del doc["accords"]
    return "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in doc.items()) + "\n"


def write_library(count: int, folder: Path) -> Path:
    """Write ``count`` articles into ``folder`` (made if needed); the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"art-{n:06d}.yaml").write_text(article(n), encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    """The command line: ``python -m tests.benchmarks.library COUNT FOLDER``; the exit status (2 on a usage error)."""
    import argparse

    from tests.benchmarks.arguments import count

    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.library",
                                     description="Write a library of COUNT generated articles (art-000000.yaml ...) into FOLDER.")
    parser.add_argument("count", type=count, metavar="COUNT", help="how many articles, e.g. 2000")
    parser.add_argument("folder", type=Path, metavar="FOLDER", help="where to write them (made if needed)")
    args = parser.parse_args(argv)
    try:
        write_library(args.count, args.folder)
    except OSError as error:
        parser.exit(1, f"{parser.prog}: cannot write into {args.folder}: {error.strerror or error}\n")
    print(f"{args.count:,} articles in {args.folder}")
    return 0


if __name__ == "__main__":
    from tests.benchmarks.command import run_command

    run_command(main)
