"""Plain text or Markdown -> a draft annotated article: sections, dates, figures, entities, accords.

Everything guessed carries `draft: true` so the reader (and a reviewer) can tell it from what an
annotator wrote. The output is built so that it passes the loader: quotes resolve to one place,
aliases match whole words, annotations never overlap, ids are unique.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from reader.text.spans import Annotator
from reader.model.problems import Problem, ProblemsError
from reader.importer.source import STAMP, dateline, first_sentence, split_text
from reader.importer.parties import accord_parties, nationality_countries
from reader.importer.draft_yaml import draft_yaml, validate
from reader.text.fold import fold_text
from reader.model.article import Article, Location
from reader.importer.recognise import SUPPORTED_LANGUAGES, Candidate, Found, accord_cues, byline, cut_words, domains, guess_language, \
    resolve_overlaps, sentence_bounds
from reader.importer.dates import find_dates, find_publication
from reader.importer.figures import find_figures
from reader.importer.names import capitalised_inside, find_names
from reader.importer.places import CITIES, COUNTRIES
from reader.load.schema import ID_PATTERN

QUOTE_CUE = re.compile(r"«|“|\b(?:a déclaré|a affirmé|a salué|a exprimé|selon lui|dans ses propos|said|told|stated)\b", re.I)
RANK = {"date": 3, "figure": 2}
"""Which guess wins where a date and a figure overlap."""


@dataclass
class Draft:
    """What an import produced: the YAML text and what it found, for the command to report."""

    article_id: str
    yaml: str
    published: str
    published_how: str
    counts: dict[str, int]
    review: list[tuple[str, str, str]]
    """(type, name, cue) of each proposed entity."""
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """What the loader says of the output (empty when it passes)."""


MAX_SLUG = 60
"""Longest slug: an id names a file, and a first word thousands of letters long made a name the
file system refused (File name too long)."""


def slug(text: str, words: int = 6) -> str:
    """A lower-case id from text: folded words joined by '-', at most MAX_SLUG characters."""
    parts = re.findall(r"[a-z0-9]+", fold_text(text[:MAX_SLUG * words * 4]))
    return "-".join(parts[:words])[:MAX_SLUG].strip("-") or "x"


YAML_AMBIGUOUS = re.compile(r"[0-9_.e+-]+|y|n|yes|no|on|off|true|false|null", re.I)
"""Ids YAML would not read back as text when written bare."""


class Ids:
    """Ids unique across the whole article (sections, entities, dates, figures, accords)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, base: str) -> str:
        base = base.strip("-_") or "x"
        if not base[0].isalnum() or YAML_AMBIGUOUS.fullmatch(base):
            base = "x-" + base  # "2014-10-08" or "19" would read back as a date or a number
        candidate, n = base, 2
        while candidate in self.used:
            candidate, n = f"{base}-{n}", n + 1
        self.used.add(candidate)
        return candidate


# --- the library ---------------------------------------------------------------------------

def library_articles(folders: Iterable[Path]) -> list[Article]:
    """Every article that loads from the given folders (bad files are skipped)."""
    from reader.library.files import find_articles
    from reader.load.build import load_article

    files, _ = find_articles([f for f in folders if f.is_dir()])
    out = []
    for path in files:
        try:
            out.append(load_article(path))
        except ProblemsError:
            continue
    return out


def _known_table(library: Sequence[Article]) -> tuple[dict[str, str], dict[str, Candidate]]:
    """(folded alias or name -> entity id, entity id -> entity) over the library's reviewed entities;
    the first article to give an alias keeps it, and an alias wins over another entity's name.

    Names count as well as aliases (as the library links entities across articles): "Assimi Goïta"
    is the known person even where an article only ever wrote "le général Assimi Goïta"."""
    table: dict[str, str] = {}
    names: dict[str, str] = {}
    entities: dict[str, Candidate] = {}
    for article in library:
        for entity in article.entities:
            if entity.draft or (entity.id in entities and entities[entity.id].type != entity.type):
                continue  # an unreviewed guess of an earlier import is not knowledge
            known = entities.setdefault(entity.id, Candidate(entity.id, entity.type, entity.name, [], f"known from {article.id}", True, entity.description))
            for alias in entity.aliases:
                if alias not in entity.descriptions:  # "société conjointe" describes; it names no one elsewhere
                    table.setdefault(fold_text(alias).strip(), known.id)
            names.setdefault(fold_text(entity.name).strip(), known.id)
    for name, entity_id in names.items():
        table.setdefault(name, entity_id)
    return table, entities


# --- the import ----------------------------------------------------------------------------

class _Importer:
    def __init__(self, text: str, *, markdown: bool, published: _dt.date | None, article_id: str | None,
                 language: str | None, library: Sequence[Article], today: _dt.date) -> None:
        self.title, self.blocks = split_text(text, markdown)
        self.markdown = markdown
        self.ids = Ids()
        self.notes: list[str] = []
        first_lines = ([self.title] if self.title else []) + [p for b in self.blocks for p in b.paragraphs][:3]
        self.language = language or guess_language(text)
        if self.language not in SUPPORTED_LANGUAGES:
            self.notes.append(f"the text reads as {self.language!r}, which the recognisers do not support (French and English only): "
                              "read as French, expect little to be found")
            self.language = "fr"
        if published is not None:
            self.published, self.published_how = published, "given with --date"
        else:
            self.published, self.published_how = find_publication(
                first_lines, today, self.language, [p for b in self.blocks for p in b.paragraphs])
        self.library = library
        self.requested_id = article_id
        # "Niamey, 14 mars 2025 (APA) –" opening the text says where, when and by whom: not its title or heading
        lead = [p for b in self.blocks for p in b.paragraphs][:3]
        self.dateline, self.dateline_text = next(((d, p) for p in lead[:2] if (d := dateline(p))), (None, ""))
        self.headline, self.headline_how = self.title, ""
        if not self.title and self.dateline:
            after = self.dateline_text[self.dateline.end:].strip() or lead[lead.index(self.dateline_text) + 1:][:1] or [""]
            self.headline = first_sentence(after if isinstance(after, str) else after[0]) or None
            self.headline_how = "the first sentence after the dateline"

    # sections: (id, kind, heading, heading is draft, paragraphs)
    def sections(self) -> None:
        self.code = self.agency = ""
        paragraphs = [p for b in self.blocks for p in b.paragraphs]
        if paragraphs and (found := byline(paragraphs[-1])):
            self.code, self.agency = found
        self.agency_how = "the agency of the byline"
        if not self.agency and self.dateline and self.dateline.agency:
            self.agency, self.agency_how = self.dateline.agency, "the agency of the dateline"
        self.section_rows: list[list] = []
        # a paragraph that only counts or announces the accords ("ont signé deux accords", named one by one after) is none
        cue_paragraphs = {i for i, cue in accord_cues(paragraphs) if not cue.extra.get("signing_only")}
        flat = 0
        for b_index, block in enumerate(self.blocks):
            groups = [[p] for p in block.paragraphs] if block.heading is None else [block.paragraphs]
            for group in groups:
                kinds = []
                for offset in range(len(group)):
                    index = flat + offset
                    if self.code and index == len(paragraphs) - 1:
                        kinds.append("byline")
                    elif index in cue_paragraphs:
                        kinds.append("accord")
                    elif QUOTE_CUE.search(group[offset]):
                        kinds.append("quote")
                    else:
                        kinds.append("body")
                if self.code and flat + len(group) == len(paragraphs) and len(group) > 1:
                    # the byline gets its own section so its text stays verbatim and apart
                    self._add_section(block.heading, group[:-1], flat, kinds[:-1], b_index)
                    self._add_section(None, group[-1:], flat + len(group) - 1, kinds[-1:], b_index)
                else:
                    self._add_section(block.heading, group, flat, kinds, b_index)
                flat += len(group)

    def _add_section(self, heading: str | None, group: list[str], flat: int, kinds: list[str], b_index: int) -> None:
        kind = "accord" if "accord" in kinds else kinds[0]
        if not self.section_rows:
            kind = "lede" if kind == "body" else kind
        if kind == "byline":
            text, draft = ("Signature de l’agence" if self.language == "fr" else "Agency byline"), True
        elif heading:
            text, draft = heading, False
        else:
            words = self._without_dateline(group[0]).split()
            text, draft = " ".join(words[:8]) + (" …" if len(words) > 8 else ""), True
        sid = self.ids.take(slug(heading or ("signature" if kind == "byline" else self._without_dateline(group[0])), 4))
        self.section_rows.append([sid, kind, text, draft, list(group), flat])

    def _without_dateline(self, paragraph: str) -> str:
        """A paragraph's text after the dateline it opens with, if it is the one that does."""
        if self.dateline and paragraph == self.dateline_text and paragraph[self.dateline.end:].strip():
            return paragraph[self.dateline.end:]
        return paragraph

    def paragraphs(self) -> list[tuple[int, int, str]]:
        """(section, paragraph, text) of every paragraph but the byline."""
        return [(s, p, text) for s, row in enumerate(self.section_rows) if row[1] != "byline" for p, text in enumerate(row[4])]

    def recognise(self) -> None:
        published = self.published
        self.spans: dict[tuple[int, int], list[Found]] = {}
        texts = [text for _, _, text in self.paragraphs()]
        inside = capitalised_inside(texts)
        self.annotator = Annotator([row[4] for row in self.section_rows])
        table, known = _known_table(self.library)
        hits, _ = self.annotator.aliases(table) if table else ([], {})
        self.entities: dict[str, Candidate] = {}
        self.alias_owner: dict[str, str] = {}
        for hit in hits:
            entity = known[hit.entity]
            text = self.section_rows[hit.location.section][4][hit.location.paragraph]
            self._alias(self.entities.setdefault(entity.id, entity), text[hit.location.start:hit.location.end], hit.alias)
        known_spans = {(h.location.section, h.location.paragraph): [] for h in hits}
        for h in hits:
            known_spans[(h.location.section, h.location.paragraph)].append(Found("known", h.location.start, h.location.end))
        names: list[tuple[str, Found]] = []
        for s, p, text in self.paragraphs():
            numbers = resolve_overlaps(find_dates(text, published, self.language, not self.published_how.startswith("today")) + find_figures(text, self.language),
                                       lambda f: RANK[f.kind] * 100 + f.extra.get("rank", 0))
            taken = known_spans.get((s, p), [])
            self.spans[(s, p)] = [f for f in numbers if not any(f.overlaps(k) for k in taken)]
            for found in resolve_overlaps(find_names(text, inside), lambda f: 1 if f.extra.get("long") else 0):
                if not any(found.overlaps(k) for k in taken + self.spans[(s, p)]):
                    names.append((text, found))
        self._candidates(names)
        place = self.dateline.place if self.dateline else ""
        owner = self.entities.get(self.alias_owner.get(fold_text(place).strip(), "")) if place else None
        if owner and not owner.known and owner.type != "place":
            # "KOUDOUGOU, 3 mai (AIB) -" read as an acronym: the dateline says it is where the dispatch was written
            owner.type, owner.cue, owner.name = "place", "the place of the dateline", place.title() if place.isupper() else place
        elif place and owner is None:
            # the place the dateline gives, when nothing else named it; a clash with a date is settled below
            entity = Candidate(self.ids.take(slug(place)), "place", place.title() if place.isupper() else place, [], "the place of the dateline")
            self.entities[entity.id] = entity
            self._alias(entity, place, fold_text(place).strip())
        if self.agency and fold_text(self.agency) not in self.alias_owner:
            entity = Candidate(self.ids.take(slug(self.agency)), "org", self.agency, [], self.agency_how)
            self.entities[entity.id] = entity
            self._alias(entity, self.agency, fold_text(self.agency))
        self._settle_overlaps()

    def _alias(self, entity: Candidate, surface: str, folded: str) -> None:
        if folded in self.alias_owner:
            return
        self.alias_owner[folded] = entity.id
        entity.aliases.append(surface)

    def _candidates(self, names: list[tuple[str, Found]]) -> None:
        """Group surfaces into proposed entities; a lone surname joins the person it ends."""
        people: dict[str, Candidate] = {}
        lone: list[tuple[str, Found]] = []
        for text, found in names:
            surface = text[found.start:found.end]
            folded = fold_text(surface).strip()
            if found.extra.get("long"):
                start, end = found.extra["long"]
                owner_id = self.alias_owner.get(fold_text(text[start:end]).strip())
                earlier = self.alias_owner.get(folded)
                if earlier and owner_id in self.entities and earlier != owner_id and not self.entities[earlier].known:
                    self._merge(self.entities[earlier], self.entities[owner_id])  # "SMH" came before "Société … (SMH)"
                    continue
                if earlier is None and owner_id in self.entities:
                    self._alias(self.entities[owner_id], surface, folded)
                    continue
            if folded in self.alias_owner:
                continue
            lone_word = found.kind == "person" or found.note.startswith("one capitalised word")
            if lone_word and " " not in surface.strip():
                lone.append((text, found))
                continue
            name = found.extra.get("name") or (surface.title() if surface.isupper() and fold_text(surface) in COUNTRIES | CITIES else surface)
            entity = Candidate(self.ids.take(slug(name)), found.kind, name, [], found.note)
            self.entities[entity.id] = entity
            self._alias(entity, surface, folded)
            if found.kind == "person":
                people.setdefault(folded.split()[-1], entity)
        for text, found in lone:
            surface = text[found.start:found.end]
            folded = fold_text(surface).strip()
            if folded in self.alias_owner:
                continue
            # a surname ("Gillard") or, in a Chinese name, the family name first ("Wen" for Wen Jiabao)
            owner = people.get(folded) or next((e for e in self.entities.values() if e.type == "person" and folded in fold_text(e.name).split()), None)
            if owner is None:
                owner = Candidate(self.ids.take(slug(surface)), found.kind, surface, [], found.note)
                self.entities[owner.id] = owner
            self._alias(owner, surface, folded)

    def _merge(self, gone: Candidate, into: Candidate) -> None:
        """One entity proposed twice (an acronym seen before its long name): its aliases go to the other."""
        for alias in gone.aliases:
            folded = fold_text(alias).strip()
            self.alias_owner[folded] = into.id
            if alias not in into.aliases:
                into.aliases.append(alias)
        del self.entities[gone.id]

    def _settle_overlaps(self) -> None:
        """An alias matching inside a date or figure: drop the date or figure when the entity is
        known, else the proposed alias (the weaker guess)."""
        for _ in range(10):
            table = {fold_text(a).strip(): e.id for e in self.entities.values() for a in e.aliases}
            hits, _ = self.annotator.aliases(table)
            changed = False
            for hit in hits:
                loc = hit.location
                spans = self.spans.get((loc.section, loc.paragraph), [])
                clash = [f for f in spans if f.start < loc.end and loc.start < f.end]
                if not clash:
                    continue
                entity = self.entities[hit.entity]
                if entity.known:
                    for f in clash:
                        spans.remove(f)
                else:
                    entity.aliases = [a for a in entity.aliases if fold_text(a).strip() != hit.alias]
                    self.alias_owner.pop(hit.alias, None)
                    if not entity.aliases:
                        del self.entities[entity.id]
                    changed = True
                    break
            if not changed:
                return

    # --- quotes --------------------------------------------------------------------------

    def quote_fields(self, s: int, p: int, found: Found, *, use_prefix: bool = True) -> dict | None:
        """quote (+ prefix, section, occurrence) resolving to exactly this span, or None."""
        text = self.section_rows[s][4][p]
        quote = text[found.start:found.end]
        prefix = found.prefix if use_prefix and text[:found.start].rstrip().endswith(found.prefix) else ""
        target = Location(s, p, found.start, found.end)
        sid = self.section_rows[s][0]
        for fields in ({}, {"section": sid}):
            locations = self.annotator.find(quote, prefix=prefix, sections=[s] if fields else None)
            if target not in locations:
                if prefix:
                    return self.quote_fields(s, p, found, use_prefix=False)
                return None
            if len(locations) == 1 or fields:
                out = {"quote": quote}
                if prefix:
                    out["prefix"] = prefix
                out.update(fields)
                if len(locations) > 1:
                    out["occurrence"] = locations.index(target) + 1
                return out
        return None

    # --- the output ----------------------------------------------------------------------

    def build(self) -> Draft:
        self.sections()
        self.recognise()
        first = next((t for _, _, t in self.paragraphs() if not STAMP.search(t)), self.section_rows[0][4][0])
        article_id = self.requested_id or f"{slug(self.headline or first, 5)}-{self.published.isoformat()}"
        article_id = article_id if ID_PATTERN.match(article_id) else slug(article_id, 12)
        self.ids.used.add(article_id)
        dates, figures = [], []
        for (s, p), spans in sorted(self.spans.items()):
            text = self.section_rows[s][4][p]
            for found in spans:
                fields = self.quote_fields(s, p, found)
                if fields is None:
                    self.notes.append(f"dropped {found.kind} {text[found.start:found.end]!r}: its quote would not resolve to one place")
                    continue
                about = _context(text, found)
                if found.kind == "date":
                    dates.append((self.ids.take("date-" + slug(text[found.start:found.end], 4)), fields, found, about))
                else:
                    figures.append((self.ids.take("fig-" + slug(text[found.start:found.end], 4)), fields, found, about))
        accords = self.accords()
        yaml_text = draft_yaml(self, article_id, dates, figures, accords)
        problems = validate(yaml_text, f"{article_id}.yaml")
        review = [(e.type, e.name, e.cue) for e in self.entities.values() if not e.known]
        counts = {
            "sections": len(self.section_rows), "accords": len(accords), "dates": len(dates), "figures": len(figures),
            "entities": len(self.entities), "known": sum(e.known for e in self.entities.values()), "to review": len(review),
        }
        return Draft(article_id, yaml_text, self.published.isoformat(), self.published_how, counts, review, self.notes, problems)

    def accords(self) -> list[dict]:
        rows = self.paragraphs()
        cues = accord_cues([text for _, _, text in rows])
        self._nationalities(rows, [(rows[index], sentence_bounds(rows[index][2], cue.start)) for index, cue in cues])
        hits = self._hits()
        agency = self.alias_owner.get(fold_text(self.agency)) if self.agency else None
        out = []
        signing: tuple[int, list[str]] | None = None  # the paragraph and parties of the last signing reported
        for index, cue in cues:
            s, p, text = rows[index]
            parties, whence = accord_parties(self.entities, rows, index, cue, hits, agency)
            named_one_by_one = cue.note.startswith(("listed", "ordinal"))
            listed = cue.note.startswith("listed")
            if signing and (listed or len(parties) < 2) and index - signing[0] <= 4:
                parties, whence = signing[1], "those of the signing reported just before (the same ceremony)"
            elif parties and not named_one_by_one:
                signing = (index, parties)
            if cue.extra.get("signing_only"):
                continue
            if not parties:
                self.notes.append(f"accord cue {text[cue.start:cue.end]!r} not proposed: no country, organisation or person named near it")
                continue
            anchor = self.quote_fields(s, p, cue)
            if anchor is None:
                continue
            anchor.setdefault("section", self.section_rows[s][0])
            begin, end = sentence_bounds(text, cue.start)
            if self.dateline and text == self.dateline_text:  # "Niamey, 14 mars 2025 (APA) –" says where and when, never what was signed
                begin = max(begin, self.dateline.end)
            sentence = text[begin:end].strip()
            section_text = " ".join(self.section_rows[s][4])
            section_orgs = [e.id for e in self.entities.values() if e.type == "org" and e.id not in parties and e.id != agency
                            and any(re.search(rf"(?<!\w){re.escape(fold_text(a))}(?!\w)", fold_text(section_text)) for a in e.aliases)]
            out.append({
                "words": " ".join(sentence.split()[:10]).rstrip(" ,;."), "ordinal": cue.value,
                "parties": parties, "counterparts": section_orgs[:3], "domains": domains(section_text, self.language),
                "summary": cut_words(sentence, 240),
                "anchor": anchor, "note": cue.note, "whence": whence,
            })
        label = "Accord" if self.language == "fr" else "Agreement"
        for number, accord in enumerate(out, 1):  # the loader wants accords numbered in the article's order
            words, ordinal = accord.pop("words"), accord.pop("ordinal")
            accord["id"], accord["number"] = self.ids.take(f"accord-{number}"), number
            accord["title"] = f"{label} {number} : {words}" if self.language == "fr" else f"{label} {number}: {words}"
            accord["note"] += ("" if ordinal in (None, number) else f"; the text's ordinal says {ordinal}") + f"; parties: {accord.pop('whence')}"
        return out

    def _nationalities(self, rows: list[tuple[int, int, str]], sentences: list) -> None:
        """A country named only by a nationality in an accord's sentence ("son homologue béninois") is proposed, so
        that it can be a party; its aliases are forms found outside what is annotated already (the loader's rule)."""
        taken = {key: [(a, b) for a, b, _ in spans] for key, spans in self._hits().items()}
        for key, spans in self.spans.items():
            taken.setdefault(key, []).extend((f.start, f.end) for f in spans)

        def free(form: str) -> bool:
            found, _ = self.annotator.aliases({fold_text(form).strip(): "?"})
            return any(not any(h.location.start < b and a < h.location.end for a, b in taken.get((h.location.section, h.location.paragraph), []))
                       for h in found)
        for name, forms, word in nationality_countries(self.entities, [(s, p, t[b:e]) for (s, p, t), (b, e) in sentences], rows, free, self.language):
            if any(fold_text(f).strip() in self.alias_owner for f in forms):
                continue
            entity = Candidate(self.ids.take(slug(name)), "place", name, [], f"a nationality ('{word}') in an accord's sentence")
            self.entities[entity.id] = entity
            for form in forms:
                self._alias(entity, form, fold_text(form).strip())

    def _hits(self) -> dict[tuple[int, int], list[tuple[int, int, str]]]:
        """(start, end, entity id) of every entity mention, per (section, paragraph)."""
        table = {fold_text(a).strip(): e.id for e in self.entities.values() for a in e.aliases}
        found, _ = self.annotator.aliases(table) if table else ([], {})
        hits: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
        for hit in found:
            hits.setdefault((hit.location.section, hit.location.paragraph), []).append((hit.location.start, hit.location.end, hit.entity))
        return hits


_WORD = re.compile(r"\S+")


def _context(text: str, found: Found) -> str:
    """What a date or figure is about, as far as a draft can say: the text around it, quoted as it is
    (up to four words before and five after, whole words only), "…" where the paragraph goes on."""
    low = max(0, found.start - 40)
    before = [m for m in _WORD.finditer(text, low, found.start) if m.start() == 0 or text[m.start() - 1].isspace()][-4:]
    high = min(len(text), found.end + 60)
    after = [m for m in _WORD.finditer(text, found.end, high) if m.end() == len(text) or text[m.end()].isspace()][:5]
    start = before[0].start() if before else found.start
    end = after[-1].end() if after else found.end
    return "« " + ("… " if start > 0 else "") + text[start:end] + (" …" if end < len(text) else "") + " »"


def import_text(text: str, *, markdown: bool = False, published: _dt.date | None = None, article_id: str | None = None,
                language: str | None = None, library: Sequence[Article] = (), today: _dt.date | None = None) -> Draft:
    """Turn an article's text into a draft annotated article (see the module docstring)."""
    return _Importer(text, markdown=markdown, published=published, article_id=article_id, language=language,
                     library=library, today=today or _dt.date.today()).build()
