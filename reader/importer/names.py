"""Candidate names in a text: capitalised runs, acronyms, hyphenated names, each with a guessed type and the cue."""

from __future__ import annotations

import re

from reader.text.fold import fold_text
from reader.importer.recognise import APOS, SPACE, Found
from reader.importer.dates import MONTHS, SHORT_MONTHS, WEEKDAYS
from reader.importer.places import CITIES, COUNTRIES, DEMONYMS, country_names, country_references  # noqa: F401 (country_references: callers import it from here)


TITLES = set("""
président présidente president général generale general colonel capitaine captain lieutenant commandant commander
ministre minister premier prime m mme mr mrs ms dr docteur doctor professeur professor pr chef sénateur senator
ambassadeur ambassadrice ambassador roi king reine queen prince princesse cheikh imam maréchal marshal secrétaire
secretary porte-parole spokesman spokeswoman directeur directrice director pdg ceo gouverneur governor maire mayor
député deputy juge judge monsieur madame sir lord émir emir sultan pape pope patriarche
""".split())
"""Words before a person's name (folded)."""

ORG_WORDS = set(fold_text(w) for w in """
Corps Groupe Group Banque Bank Union Agence Agency Ministère Ministry Commission Conseil Council Assemblée Assembly
Parti Party Front Mouvement Movement Société Company Corporation Corp Inc Ltd SA SARL Fonds Fund Organisation
Organization Nations Forces Force Armée Army Université University Institut Institute Association Mission Office
Autorité Authority Compagnie Holding Airlines Bourse Tribunal Cour Court Alliance Coalition Comité Committee
Fédération Federation Gouvernement Government Police Gendarmerie Agency Service Services Brigade Bataillon
Communauté Community Cedeao Ecowas Minerals Mining Energy Resources Gold Petroleum Oil Media News Press
Conference Conférence Confédération Confederation Programme Program Fondation Foundation Textiles Royal Countries Pays
Board Trust Centre Center Chamber Chambre Secretariat Secrétariat Bureau Directorate Syndicat Observatoire Observatory
Plc OAO PJSC Petroleum Petroleos Petróleos Gas Gaz Telecom Airways Motors Holdings Capital Partners
""".split())
"""Words that make a name an organisation's (folded)."""

PLACE_HEADS = {fold_text(w) for w in ("Fédération République Royaume Republic Kingdom Région Region Province Lac Lake Mont Mount Golfe Gulf "
                                      "Île Island Vallée Valley Delta Desert Désert Coast Côte Sea Mer River Fleuve Basin Bassin").split()}
FEATURES = {fold_text(w) for w in ("river rivers lake lakes mountain mountains mount valley basin delta desert plateau peninsula island "
                                   "islands gulf bay strait coast falls dam reservoir forest fleuve rivière lac lacs mont monts montagne "
                                   "montagnes massif vallée bassin désert golfe baie détroit île îles côte chutes barrage forêt oued").split()}
"""Lower-case words of a geographic feature: "the Omo river", "le fleuve Niger", "le lac Tana" name a place."""
ORG_CUES = {fold_text(w) for w in "société groupe entreprise compagnie firme ministère agence banque company firm group ministry agency organisation organization parti party mouvement movement association fonds fund opérateur operator géant giant constructeur".split()}
PLACE_CUES = {fold_text(w) for w in ("à au aux en vers depuis in at near region région ville city capitale capital province quartier district "
                                     "port town village commune département department county comté localité banlieue suburb").split()}
"""Words before a place ("from", "to" are not: "no one from Gazprom", "a loan to Petrobras")."""
DETERMINERS = {"le", "la", "les", "l", "the", "du", "des"}

STOPWORDS = set(fold_text(w) for w in """
Le La Les L Un Une Des Du De D Ce Cet Cette Ces Il Elle Ils Elles On Nous Vous Je Tu Son Sa Ses Leur Leurs Mon Ma Mes
Dans Pour Par Avec Sans Sur Sous Après Avant Depuis Pendant Selon Entre Chez Vers Contre Lors Dès Malgré Outre Si Mais
Et Ou Or Donc Car Ni Que Qui Quoi Dont Où Quand Comme Ainsi Aussi Alors Enfin Puis Toutefois Cependant Pourtant En Au
Aux À Y Tout Tous Toute Toutes Chaque Plusieurs Certains Certaines Aucun Aucune Là Ici Oui Non Monsieur Madame
The A An This That These Those It Its He She They We You I His Her Their Our In On At By For With From Of To As But And
Or If When While After Before Since During Under Over Between Among Into About Also Yet So Then There Here Mr Mrs Ms
Dr Some Many Most Both Each Every No Not All Any Such One Two Three According However Meanwhile
État Etat State Premier Première Deuxième Troisième First Second Third Est
Accord Accords Appui Agenda Vision Convention Conventions Protocole Mémorandum Memorandum Agreement Agreements Editing Reporting
Writing Ndlr Sommet Assistant Affaires Recherche Culture Source Photo Courtesy Related Share Previous Next
MOU MoU LNG GNL GPL LPG PIB GDP CEO PDG NDA USD EUR FCFA CFA
""".split()) | set(MONTHS) | set(SHORT_MONTHS) | set(WEEKDAYS)
"""Capitalised words that are not names on their own (folded)."""

TOKEN = re.compile(r"(?<![\w\-])(?:[A-ZÀ-ÖØ-Þ][\w]*(?:[-‐][\w]+)*|[A-ZÀ-ÖØ-Þ](?=\.\s))(?:" + APOS + r"[A-ZÀ-ÖØ-Þ][\w]+)?")
CONJUNCTIONS = {"and", "for", "on", "et", "pour", "&"}
PARTICLE = re.compile(rf"\A(?:{SPACE}+(?:&|and|for|on|et|pour|de|du|des|de{SPACE}+la|de{SPACE}+l{APOS}|d{APOS}|of|of{SPACE}+the|van|von|del|da|al|ben|bin|ould|ag){SPACE}*|{SPACE}+)\Z")
ORG_PHRASE = re.compile(
    rf"\b(?:minist[èe]re|ministry|commission|agence|agency|banque|bank|direction|office|conseil|council|haut{SPACE}commissariat)"
    rf"(?:{SPACE}+[a-zà-ÿ]+){{0,2}}{SPACE}+(?:de{SPACE}+la|de{SPACE}+l{APOS}|du|des|de|d{APOS}|of(?:{SPACE}+the)?){SPACE}*"
    rf"[A-ZÀ-ÖØ-Þ][\w\-]*(?:{SPACE}+(?:et{SPACE}+(?:de{SPACE}+la{SPACE}+|des{SPACE}+|du{SPACE}+)?|and{SPACE}+)?[A-ZÀ-ÖØ-Þ][\w\-]*)*"
)
"""A lower-case institution with a capitalised complement: 'ministère russe de la Défense'."""
DEMONYM = re.compile(r"(?:ese|ian|ean|ish|ais|aise|ois|oise)\Z")
ORG_TAIL = re.compile(rf"{SPACE}+(?P<words>[a-zà-ÿ][\w\-’']*(?:{SPACE}+[a-zà-ÿ][\w\-’']*){{0,7}}){SPACE}*\([A-Z][A-Z0-9\-]+\)")
ORG_ADJECTIVE = re.compile(rf"{SPACE}+(?P<word>[a-zà-ÿ][\w\-]*)")
"""Lower-case words after an organisation word, up to an acronym in brackets."""
ADJECTIVE = re.compile(r"(?:al|ale|ain|aine|ien|ienne|éen|éenne|ais|aise|ique|mondial|mondiale|national|nationale)\Z")
ACRONYM_AFTER = re.compile(rf"{SPACE}*\((?P<acronym>[A-Z][A-Z0-9\-]+)\)")
SENTENCE_END = re.compile(r"(?:[.!?:;…]|[«“\"(—–-])[\s\u00a0\u202f»”\"]*\Z")


def is_acronym(word: str) -> bool:
    """MINUSMA, LBMA, SOROMA-SA: two or more capitals, maybe with digits and hyphens."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def at_sentence_start(text: str, start: int) -> bool:
    """Whether a position begins a sentence (or a quotation)."""
    before = text[:start].rstrip(" \u00a0\u202f")
    if before.endswith(".") and fold_text(re.split(r"[\s(]", before[:-1])[-1]) in TITLES:
        return False  # "M. Diallo": the abbreviation's point ends no sentence
    return not before or bool(SENTENCE_END.search(before))


def capitalised_inside(paragraphs: list[str]) -> set[str]:
    """Folded capitalised words seen somewhere not at a sentence start (so real names)."""
    out = set()
    for text in paragraphs:
        for m in TOKEN.finditer(text):
            if not at_sentence_start(text, m.start()):
                out.add(fold_text(m.group(0)))
    return out


def _runs(text: str) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Capitalised runs: (start, end, token spans), tokens joined by spaces or particles."""
    tokens = [(m.start(), m.end()) for m in TOKEN.finditer(text)]
    runs: list[list[tuple[int, int]]] = []
    for start, end in tokens:
        word = fold_text(text[start:end])
        if word.rstrip(".") in TITLES or word in STOPWORDS:
            runs.append([])  # a title or common word ends a run and is not part of it
            continue
        if runs and runs[-1]:
            gap = text[runs[-1][-1][1]:start]
            if PARTICLE.match(gap) and _may_join(text, runs[-1], (start, end), gap):
                runs[-1].append((start, end))
                continue
        runs.append([(start, end)])
    return [(r[0][0], r[-1][1], r) for r in runs if r]


def _split_country_and_person(text: str, runs: list) -> list:
    """'au Sénégal Christophe Bigot': a country or a city, then two or three plain capitalised words, is two names
    (while 'Rwanda Development Board' keeps its organisation word and stays one)."""
    out = []
    for start, end, tokens in runs:
        words = [fold_text(text[a:b]) for a, b in tokens]
        rest = words[1:]
        if (words[0] in COUNTRIES or words[0] in CITIES) and 2 <= len(rest) <= 3 and text[tokens[0][1]:tokens[1][0]].strip() == "" \
                and not any(w in ORG_WORDS or w in PLACE_HEADS or w in COUNTRIES or w in CITIES for w in rest):
            out.append((tokens[0][0], tokens[0][1], tokens[:1]))
            out.append((tokens[1][0], end, tokens[1:]))
        else:
            out.append((start, end, tokens))
    return out


def _may_join(text: str, run: list[tuple[int, int]], token: tuple[int, int], gap: str) -> bool:
    """A particle joins two capitalised parts unless it would swallow a known place into an unrelated name;
    'and', 'for', 'on', 'et' join only inside an organisation's name."""
    right = fold_text(text[token[0]:token[1]])
    if not gap.strip() or gap.strip() == "&":
        return True  # "Petrosen Exploration & Production"
    head = fold_text(text[run[0][0]:run[0][1]])
    if fold_text(gap).strip() in CONJUNCTIONS:
        return right not in COUNTRIES and any(fold_text(text[a:b]) in ORG_WORDS for a, b in run)
    if right in COUNTRIES or right in CITIES:
        return head in PLACE_HEADS or head in ORG_WORDS
    return True


def _words_before(text: str, start: int, count: int) -> list[str]:
    return [fold_text(w) for w in re.findall(r"[\w\-]+", text[max(0, start - 60):start])[-count:]]


def guess_type(name: str, text: str, start: int) -> tuple[str, str]:
    """(type, cue) for a candidate name at a position of its paragraph."""
    folded = fold_text(name)
    words = folded.split()
    before = _words_before(text, start, 4)
    if folded in COUNTRIES or folded in CITIES:
        return "place", "a known country or city"
    if words and words[0] in PLACE_HEADS and any(w in COUNTRIES for w in [" ".join(words[2:]), words[-1]]):
        return "place", f"{words[0]!r} and a known country"
    if len(words) > 1 and (words[0] in PLACE_HEADS or words[-1] in PLACE_HEADS) and not any(w in ORG_WORDS for w in words):
        return "place", f"{(words[0] if words[0] in PLACE_HEADS else words[-1])!r} in the name"
    if before and before[-1].rstrip(".") in TITLES:
        return "person", f"title {before[-1]!r} before it"
    if len(words) > 1 and words[-1] in ("program", "programme") and not any(w in ORG_WORDS for w in words[:-1]):
        return "skip", "the name of a programme"  # "Joint Action Program" is what an accord sets up, not who signs it
    if any(w in ORG_WORDS for w in words):
        return "org", "an organisation word in the name"
    feature = re.match(rf"{SPACE}+([a-zà-ÿ]+)\b", text[start + len(name):start + len(name) + 20])
    if feature and fold_text(feature.group(1)) in FEATURES or before and before[-1] in FEATURES:
        word = feature.group(1) if feature and fold_text(feature.group(1)) in FEATURES else before[-1]
        return "place", f"{word!r} next to it: a river, a lake, a mountain"
    if before and (before[-1] in ORG_CUES or (len(before) > 1 and before[-2] in ORG_CUES and before[-1] in _PARTICLES)):
        cue = before[-1] if before[-1] in ORG_CUES else before[-2]
        return "org", f"{cue!r} before it"  # "du groupe Sonatrach, Toufik Hakkar": the cue names Sonatrach, not him
    if is_acronym(name.replace(" ", "")):
        return "org", "an acronym"
    raw_before = text[max(0, start - 3):start]
    if before and before[-1] in PLACE_CUES and not (before[-1] == "a" and not raw_before.rstrip().endswith("à")):
        return "place", f"{before[-1]!r} before it"
    if len(before) >= 2 and before[-1] in ("du", "de", "des", "of") and before[-2].rstrip("s") in PLACE_CUES:
        return "place", f"{before[-2]!r} before it"
    if any(w in ACCORD_WORDS for w in words) or words[0] in ("projet", "project") or words[-1] in ("project", "projet"):
        return "skip", "the name of an accord or a project"
    if any(part in DEMONYMS for w in words for part in w.split("-")):  # "Sino-Russian", "South American"
        return "skip", "a nationality adjective in it"
    if len(words) > 1 and all(COMMON_NOUN.search(w) for w in words):
        return "skip", "common nouns written with capitals (a heading's or an accord's words)"
    if " & " in name:
        return "org", "'&' in the name"
    if 2 <= len(words) <= 3 and not any(w in PLACE_HEADS or w in ORG_WORDS for w in words):
        return "person", "two or three capitalised words (no other cue)"
    if len(words) == 1 and COMMON_NOUN.search(folded):
        return "skip", "a common noun written with a capital (a heading's word)"
    if before and before[-1] in DETERMINERS:
        return "org", f"{before[-1]!r} before it (no other cue)"
    if len(words) == 1:
        if re.search(rf"(?<![\w\-]){re.escape(folded)}(?![\w\-])", text.replace(name, "")):
            return "skip", "a common noun written with a capital (a heading's word)"
        return "org", "one capitalised word with no cue (a company, a brand or a place): check the type"
    return "person", "no cue: check the type"


ACCORD_WORDS = {fold_text(w) for w in "memorandum memoranda mou mous agreement agreements accord accords convention conventions protocol protocole treaty traité".split()}
"""Words that make a capitalised run the name of an accord ("Memoranda of Understanding"), not of an entity."""
COMMON_NOUN = re.compile(r"(?:tion|sion|ture|isme|ism|ogy|ogie|ence|ance|ment|ité|ity|ship|ness|ing|eur|aire)\Z")
"""Endings of common nouns: a lone capitalised 'Agriculture' or 'Recherche' is a heading's word, not a name."""


AGENCIES = {fold_text(w) for w in ("APA|AFP|AP|Reuters|Xinhua|Xinhuanet|ANGOP|APS|MAP|TASS|RIA Novosti|Anadolu|Bloomberg|Ecofin|"
                                   "Sputnik|Interfax|Kyodo|Yonhap|PANA|AIP|ATOP|ABP|ACP|MAP|SPA|WAM|QNA|KUNA|Bernama|Antara").split("|")}
"""News agencies: a name in brackets after a dateline, "(Reuters)", is theirs."""
_PARTICLES = {"de", "du", "des", "la", "le", "l", "d", "et", "and", "of", "the", "for", "pour", "en", "a", "au", "aux", "sur", "on",
              "in", "dans", "&"}
ACRONYM_IN_BRACKETS = re.compile(r"\((?P<acronym>[A-Z][A-Za-z0-9&\-]{1,11})\)")
_LONG_WORD = re.compile(rf"[\w\-&]+|{APOS}")
AGREEMENT_NAME = re.compile(r"\b(?:accord|agreement|convention|protocole|protocol|memorandum|mémorandum|traité|treaty|pacte|"
                            r"projet|programme|project|program|plan|initiative|fonds\s+de)\b", re.I)
"""A named accord or project ("Accord général de coopération (AGC)"): not an organisation."""
TITLE_AFTER = re.compile(rf"{SPACE}+(?P<title>[A-Za-zÀ-ÿ]+)\b")
_OF = rf"(?:de{SPACE}+la{SPACE}+|de{SPACE}+l{APOS}|du{SPACE}+|des{SPACE}+|de{SPACE}+|d{APOS}|of{SPACE}+the{SPACE}+|of{SPACE}+|for{SPACE}+)"
PORTFOLIO_BEFORE = re.compile(rf"\b(?:[Mm]inistre|minister|[Ss]ecrétaire|secretary)(?:{SPACE}+[a-zé]+)?{SPACE}+{_OF}"
                              rf"(?:[A-ZÉ][\w\-]*(?:{SPACE}+[a-zé][\w\-]*)?,?{SPACE}+(?:(?:et|and){SPACE}+)?{_OF})*\Z")
"""The words of a minister's portfolio, lower-case 'ministre' before them (ORG_PHRASE reads 'ministère de …')."""
PORTFOLIO_START = re.compile(rf"\b(?:[Mm]inistre|minister|[Ss]ecrétaire|secretary)(?:{SPACE}+[a-zé]+)?{SPACE}+{_OF}\Z")
_PORTFOLIO_WORD = rf"[A-ZÉ][\w\-]*(?:{SPACE}+(?!(?:et|and|de|du|des|of|the)\b)[a-zé][\w\-]*)?"
PORTFOLIO = re.compile(rf"{_PORTFOLIO_WORD}(?:,?{SPACE}+(?:(?:et|and){SPACE}+)?{_OF}{_PORTFOLIO_WORD})*")
MINISTER_WORDS = re.compile(rf"\A(?P<head>ministre|minister|secrétaire|secretary)(?:{SPACE}+[a-zé]+)?(?={SPACE})", re.I)
MINISTRY = {"ministre": "ministère", "minister": "Ministry", "secrétaire": "secrétariat", "secretary": "Secretariat"}


ONE_WORD_PORTFOLIO = re.compile(rf"\b(?:Minister|Secretary){SPACE}+(?:of|for){SPACE}+(?:the{SPACE}+)?\Z")
"""'the Minister of Energy said': a one-word portfolio after a capitalised title (a longer run may hold a name after it)."""


def ministry(phrase: str) -> str:
    """The ministry a minister's words name: "ministre nigérien de l'Énergie" -> "ministère de l'Énergie"."""
    m = MINISTER_WORDS.match(phrase)
    if not m:
        return phrase
    rest = phrase[m.end():].strip()
    if m.group(0) != m.group("head") and not re.match(rf"(?:{_OF})", rest + " "):
        rest = phrase[len(m.group("head")):].strip()  # "ministre délégué" kept: its word was no nationality
    return f"{MINISTRY[m.group('head').lower()]} {rest}"


AGREEMENT_AFTER = re.compile(rf"{SPACE}+(?:Agreement|Accord|Memorandum|Protocol|Convention|Treaty)\b")


def _initials(words: list[str]) -> str:
    return "".join(w[0].upper() for w in words if fold_text(w) not in _PARTICLES and w[0].isalpha())


def acronym_names(text: str) -> list[Found]:
    """Long names their acronym in brackets confirms: "Banque d’investissement et de développement de la Cedeao
    (BIDC)", "Société mauritanienne des hydrocarbures (SMH)" (lower-case words and all); each a name and its acronym."""
    out: list[Found] = []
    for m in ACRONYM_IN_BRACKETS.finditer(text):
        acronym = m.group("acronym")
        letters = "".join(c for c in acronym if c.isalpha() and c.isupper())
        if len(letters) < 2 and 2 <= len(acronym) <= 6 and acronym.isalpha():
            letters = acronym.upper()  # "(Afd)", "(Fed)": an acronym written as a word
        if len(letters) < 2:
            continue
        end = len(text[:m.start()].rstrip())
        words = [w for w in _LONG_WORD.finditer(text, max(0, end - 200), end) if not re.fullmatch(APOS, w.group(0))]
        if PROJECT_BEFORE.search(text, max(0, end - 120), end):
            out.append(Found("skip", m.start("acronym"), m.end("acronym"), acronym, note="the acronym of a project"))
            continue
        exact = loose = None
        for i in range(len(words) - 1, max(-1, len(words) - 20), -1):
            first = words[i].group(0)
            if fold_text(first) in _PARTICLES or not (first[0].isupper() or fold_text(first) in INSTITUTIONS):
                continue
            initials = _initials([w.group(0) for w in words[i:]])
            if initials == letters and exact is None:
                exact = i
            elif initials and initials[0] == letters[0] and _subsequence(letters, initials) and loose is None:
                loose = i
        best = exact if exact is not None else loose
        if best is None:
            continue
        start = words[best].start()
        name = text[start:end]
        if AGREEMENT_NAME.search(name) or len(name.split()) < 2:
            out.append(Found("skip", m.start("acronym"), m.end("acronym"), acronym, note="the acronym of an accord or a project"))
            continue
        kind = "place" if fold_text(name) in COUNTRIES else "org"
        out.append(Found(kind, start, end, name, note=f"its acronym {acronym} follows in brackets", extra={"acronym": True}))
        out.append(Found(kind, m.start("acronym"), m.end("acronym"), acronym, note=f"the acronym of {name}", extra={"long": (start, end)}))
    return out


PROJECT_BEFORE = re.compile(r"\b(?:projet|project|programme|program)\b[^()]*\Z", re.I)
INSTITUTIONS = {fold_text(w) for w in "ministère ministry agence agency banque bank direction office commission société company conseil".split()}
"""Lower-case heads an acronym may start with: "ministère algérien de l'Enseignement supérieur (MESRS)"."""


def _subsequence(letters: str, initials: str) -> bool:
    """ONEA for Office National de l'Eau et de l'Assainissement; AFD for Agence Française de Développement: the
    acronym's letters in order among the initials, missing at most one of them."""
    it = iter(initials)
    return all(c in it for c in letters) and len(initials) - len(letters) <= 1


def _portfolio_before_minister(text: str, start: int, end: int) -> Found | None:
    """The ministry of an English title before a name ("Kenyan Energy Minister", "Foreign Affairs Minister"): named
    by its portfolio words and "Minister" (the nationality before them says whose, it is no part of the name)."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and (DEMONYM.search(words[0].group(0)) or country_names(words[0].group(0))
                     or fold_text(words[0].group(0)) in {"the", "prime", "deputy"}):
        words.pop(0)  # "Kenyan", "Ghanaian"; a "Prime Minister" has no portfolio
    if not words or not all(w.group(0)[0].isupper() for w in words):
        return None
    first = start + words[0].start()
    portfolio = text[first:end]
    return Found("org", first, end + len(" Minister"), text[first:end + len(" Minister")],
                 note="a minister's portfolio: the ministry", extra={"name": f"Ministry of {portfolio}"})


def find_names(text: str, names_inside: set[str]) -> list[Found]:
    """Candidate names of a paragraph (not yet checked against known entities)."""
    out: list[Found] = acronym_names(text)
    not_names = {f.value for f in out if f.kind == "skip"}
    out = [f for f in out if f.kind != "skip"]
    for m in ORG_PHRASE.finditer(text):
        out.append(Found("org", m.start(), m.end(), m.group(0), note="an institution with a capitalised complement"))
    for start, end, tokens in _split_country_and_person(text, _runs(text)):
        if fold_text(text[tokens[-1][0]:tokens[-1][1]]) in ORG_WORDS:
            # "Banque mondiale", "Compagnie malienne pour le développement des textiles (CMDT)"
            with_acronym = ORG_TAIL.match(text, end)
            adjective = ORG_ADJECTIVE.match(text, end)
            if with_acronym:
                end = with_acronym.end("words")
            elif adjective and ADJECTIVE.search(adjective.group("word")):
                end = adjective.end("word")
        if PORTFOLIO_BEFORE.search(text, max(0, start - 90), start):
            if (minister := PORTFOLIO_START.search(text, max(0, start - 40), start)) and (whole := PORTFOLIO.match(text, start)):
                # "ministre de l'Economie, des Finances et du Plan": one ministry, not three organisations. It is
                # named by the whole "ministre … de l'Énergie": "Énergie" alone would match "l'énergie solaire"
                # (aliases match whatever the case), a common noun
                end = whole.end()
                if minister.group(0).startswith(("minister", "secretary")) and text[end - 1].islower():
                    end = start + len(text[start:end].rsplit(" ", 1)[0])  # English: "of Energy said" is not its portfolio
                out.append(Found("org", minister.start(), end, text[minister.start():end],
                                 note="a minister's portfolio: the ministry", extra={"name": ministry(text[minister.start():end])}))
            continue
        if len(tokens) == 1 and (minister := ONE_WORD_PORTFOLIO.search(text, max(0, start - 40), start)):
            out.append(Found("org", minister.start(), end, text[minister.start():end], note="a minister's portfolio: the ministry",
                             extra={"name": ministry(text[minister.start():end])}))
            continue
        title = TITLE_AFTER.match(text, end)
        if title and fold_text(title.group("title")) in TITLES and fold_text(text[start:end]) not in COUNTRIES | CITIES:
            if title.group("title") == "Minister" and (portfolio := _portfolio_before_minister(text, start, end)):
                out.append(portfolio)  # "Kenyan Energy Minister Opiyo Wandayi": the Ministry of Energy
            continue  # "Trade Secretary Ramon Lopez", "Foreign Affairs Secretary": a portfolio, not a name
        if AGREEMENT_AFTER.match(text, end):
            continue  # "Defense Cooperation Agreement": the name of an accord
        if text[start:end] in not_names:
            continue
        if fold_text(text[start:end]) in AGENCIES:
            out.append(Found("org", start, end, text[start:end], note="a news agency"))
            continue
        if at_sentence_start(text, start):
            first = fold_text(text[tokens[0][0]:tokens[0][1]])
            known = first in names_inside or first in COUNTRIES or first in CITIES or is_acronym(text[tokens[0][0]:tokens[0][1]])
            if len(tokens) == 1 and not known:
                continue  # a capitalised word opening a sentence is usually not a name
        name = text[start:end]
        for suffix in ("’s", "'s"):
            if name.endswith(suffix):
                name, end = name[: -len(suffix)], end - len(suffix)
        if len(name) < 2 or fold_text(name) in STOPWORDS:
            continue
        if " " not in name and DEMONYM.search(name) and fold_text(name) not in COUNTRIES | CITIES:
            continue  # Japanese, Ghanaian: an adjective, not a name
        parts = name.split("-")
        if len(parts) > 1 and fold_text(name) not in COUNTRIES and all(fold_text(part) in COUNTRIES for part in parts):
            # "l'oléoduc Niger-Bénin": a link named after the countries it joins, no organisation (nor a party)
            offsets = [start + m.start() for m in re.finditer(r"[^-]+", name)]
            out += [Found("place", a, a + len(part), part, note="a known country or city") for a, part in zip(offsets, parts)]
            continue
        kind, cue = guess_type(name, text, start)
        if kind == "skip":
            continue
        out.append(Found(kind, start, end, name, note=cue))
        acronym = ACRONYM_AFTER.match(text, end)
        if acronym and len(name.split()) > 1:
            a_start, a_end = acronym.span("acronym")
            out.append(Found(kind, a_start, a_end, acronym.group("acronym"), note=f"the acronym of {name}", extra={"long": (start, end)}))
    return out
