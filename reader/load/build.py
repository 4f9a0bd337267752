"""YAML article files -> the model: safe loading, strict validation, every problem located."""

from __future__ import annotations

import datetime as _dt
import re
from itertools import groupby, islice
from operator import itemgetter
from pathlib import Path

from reader.text.spans import Annotator
from reader.load.bulk import collector_paused
from reader.load.cache import ArticleCache
from reader.load.files import file_stamp
from reader.model.problems import ProblemsError, Suggestions
from reader.text.fold import fold_text
from reader.model.article import (
    ENTITY_TYPES,
    QUALIFIERS,
    Accord,
    Article,
    DateRef,
    Entity,
    Figure,
    Location,
    Mention,
    Paragraph,
    Section,
    Source,
)
from reader.load.schema import Checker
from reader.load.places import MAX_EXPLAINED, covering_alias, items_by_number
from reader.load.yamlsource import Node, load

SECTION_KINDS = ("lede", "body", "accord", "dossier", "context", "quote", "background", "analysis", "outlook", "byline")
"""What a section can be."""
ISO_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\Z")
SAME_AS = re.compile(r"(Q[0-9]+|[a-z0-9][a-z0-9_-]*/[a-z0-9][a-z0-9_-]*)\Z")
"""An entity's ``same_as`` id: a Wikidata id, or another article's id and its entity's id."""

_PLACE = itemgetter(0, 1)
"""A mention's (section, paragraph)."""
_TOP_REQUIRED = ("id", "title", "language", "published", "source", "sections")
_TOP_OPTIONAL = ("format", "summary", "author", "url", "tags", "accords", "dossiers", "entities", "dates", "figures")
_ACCORD_KEYS = ("id", "title", "parties", "summary", "anchor")
_ACCORD_OPTIONAL = ("counterparts", "domains", "provisions", "draft")


def load_article(path: Path, max_bytes: int | None = None, cache: ArticleCache | None = None) -> Article:
    """Load, validate and annotate one article file; raises ProblemsError listing every problem.

    With a cache, an entry made from the file as it is now stands for it, and a file built
    anew is kept there (a file over `max_bytes` is read, and refused, as without one).
    """
    # stamped before reading: a change made while it is read must not be cached as this version
    stamp = file_stamp(path) if cache is not None else None
    if stamp is not None and max_bytes is not None and stamp[2] > max_bytes:
        stamp = None
    with collector_paused(keep=True):
        article = cache.get(path, stamp) if stamp is not None else None
        if article is not None:
            return article
        root = load(path, max_bytes)
        article = build_article(root, str(path))
    if stamp is not None:
        cache.keep(path, stamp, article)
    return article


def _iso_date(checker: Checker, node: Node | None, what: str) -> str | None:
    if node is None:
        return None
    if isinstance(node.value, (_dt.date, _dt.datetime)):
        checker.problem(node, f"{what} must be quoted text such as \"{node.value.isoformat()[:10]}\" (YAML reads a bare date as a date)")
        return None
    value = checker.text(node, what)
    if value is None:
        return None
    if not ISO_DATE.match(value):
        checker.problem(node, f"{what} {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
        return None
    try:
        parts = [int(x) for x in value.split("-")] + [1, 1]
        _dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        checker.problem(node, f"{what} {value!r} is not a real date")
        return None
    return value


class NotProven(Exception):
    """A lean build could not prove that the alias scan it skips would report nothing."""


class _ArticleBuilder:
    """Reads one article's nodes into the model, collecting every problem on the way."""

    def __init__(self, root: Node, path: str, lean: bool = False) -> None:
        self.root = root
        self.path = path
        self.lean = lean
        """Skip the alias scan (no entity mentions) when its problems are proven absent: the library index's build."""
        self.check = Checker(path, root)
        self.ids: dict[str, Node] = {}

    def claim(self, node: Node | None, value: str | None, what: str) -> str | None:
        """Register an id; ids are unique across the whole article."""
        if value is None or node is None:
            return None
        if value in self.ids:
            first = self.ids[value]
            self.check.problem(node, f"duplicate id {value!r} for {what} (first used at line {first.line})")
            return None
        self.ids[value] = node
        return value

    def build(self) -> Article:
        check = self.check
        top = check.mapping(self.root, "the article", _TOP_REQUIRED, _TOP_OPTIONAL)
        if top is None:
            raise ProblemsError(check.problems)
        if "format" in top:
            fmt = check.integer(top["format"], "format")
            if fmt is not None and fmt != 1:
                check.problem(top["format"], f"format {fmt} is not known to this reader (it reads format 1)")
        article_id = check.identifier(top.get("id"), "id")
        title = check.text(top.get("title"), "title")
        language = check.text(top.get("language"), "language")
        published = _iso_date(check, top.get("published"), "published")
        source = self.source(top.get("source"))
        summary = check.text(top["summary"], "summary") if "summary" in top else ""
        extra = {key: check.text(top[key], key) or "" for key in ("author", "url") if key in top}
        if "tags" in top:
            extra["tags"] = ", ".join(check.texts(top["tags"], "tags"))
        sections, section_nodes = self.sections(top.get("sections"))
        self.annotator = annotator = Annotator([[text for text, _ in paragraphs] for _, _, _, paragraphs in sections])
        section_index = {sid: i for i, (sid, _, _, _) in enumerate(sections)}
        self.section_hint = Suggestions(section_index)
        entities = self.entities(top.get("entities"))
        mentions = [] if self.lean else self.resolve_aliases(annotator, entities)
        settled = len(mentions)
        dates = self.dates(top.get("dates"), annotator, section_index)
        figures = self.figures(top.get("figures"), annotator, section_index)
        if self.lean:
            self.prove_aliases_plain(annotator, entities, [*dates, *figures])
        for item in [*dates, *figures]:
            kind = "date" if isinstance(item, DateRef) else "figure"
            loc = item.location
            mentions.append(Mention(loc.section, loc.paragraph, loc.start, loc.end, kind, item.id))
        by_paragraph = self.check_overlaps(mentions, settled, sections)
        entity_ids = {e.id for e in entities}
        entity_hint = Suggestions(entity_ids)
        accords = self.accords(top.get("accords"), annotator, section_index, entity_ids, entity_hint, numbered=True)
        accords += self.accords(top.get("dossiers"), annotator, section_index, entity_ids, entity_hint, numbered=False)
        if check.problems:
            raise ProblemsError(check.problems)
        model_sections = tuple(
            Section(
                sid,
                kind,
                heading,
                tuple(Paragraph(text, tuple(by_paragraph.get((s, p), ()))) for p, (text, _) in enumerate(paragraphs)),
            )
            for s, (sid, kind, heading, paragraphs) in enumerate(sections)
        )
        return Article(
            id=article_id or "",
            title=title or "",
            language=language or "",
            published=published or "",
            source=source,
            sections=model_sections,
            accords=tuple(accords),
            entities=tuple(entities),
            dates=tuple(dates),
            figures=tuple(figures),
            summary=summary or "",
            path=self.path,
            extra=extra,
        )

    def draft(self, fields: dict[str, Node]) -> bool:
        """The optional `draft: true` that `reader import` writes on what it guessed."""
        return bool(self.check.boolean(fields["draft"], "draft")) if "draft" in fields else False

    def source(self, node: Node | None) -> Source:
        if node is None:
            return Source("")
        fields = self.check.mapping(node, "source", ("agency",), ("name", "code", "url"))
        if fields is None:
            return Source("")
        get = lambda key: (self.check.text(fields[key], f"source {key}", empty=key == "agency") or "") if key in fields else ""  # noqa: E731
        # an empty agency is one not known (a feed entry without a byline): nothing shows it
        return Source(get("agency").strip(), get("name"), get("code"), get("url"))

    def sections(self, node: Node | None):
        out = []
        nodes = []
        for index, item in enumerate(self.check.items(node, "sections", empty=False), 1):
            what = f"section {index}"
            fields = self.check.mapping(item, what, ("id", "kind", "heading", "paragraphs"))
            if fields is None:
                continue
            sid = self.claim(fields.get("id"), self.check.identifier(fields.get("id"), f"{what} id"), "a section")
            kind = self.check.choice(fields.get("kind"), f"{what} kind", SECTION_KINDS)
            heading = self.check.text(fields.get("heading"), f"{what} heading")
            paragraphs = []
            for p_index, p_node in enumerate(self.check.items(fields.get("paragraphs"), f"{what} paragraphs", empty=False), 1):
                text = self.check.text(p_node, f"{what} paragraph {p_index}")
                if text is not None:
                    paragraphs.append((text, p_node))
            out.append((sid or f"#{index}", kind or "body", heading or "", paragraphs))
            nodes.append(item)
        return out, nodes

    def entities(self, node: Node | None) -> list[Entity]:
        out = []
        self.alias_nodes: dict[str, tuple[str, Node]] = {}
        for index, item in enumerate(self.check.items(node, "entities"), 1):
            what = f"entity {index}"
            fields = self.check.mapping(item, what, ("id", "type", "name", "description", "aliases"), ("draft", "same_as"))
            if fields is None:
                continue
            eid = self.claim(fields.get("id"), self.check.identifier(fields.get("id"), f"{what} id"), "an entity")
            etype = self.check.choice(fields.get("type"), f"{what} type", ENTITY_TYPES)
            name = self.check.text(fields.get("name"), f"{what} name")
            description = self.check.text(fields.get("description"), f"{what} description")
            aliases = []
            descriptions = set()
            for a_index, a_node in enumerate(self.check.items(fields.get("aliases"), f"{what} aliases", empty=False), 1):
                a_node, describes = self.alias_kind(a_node, f"{what} alias {a_index}")
                alias = self.check.text(a_node, f"{what} alias {a_index}") if a_node is not None else None
                if describes and alias is not None:
                    descriptions.add(alias)
                if alias is None or eid is None:
                    continue
                folded = fold_text(alias).strip()
                if folded in self.alias_nodes:
                    other, first = self.alias_nodes[folded]
                    owner = "this entity" if other == eid else f"entity {other!r}"
                    self.check.problem(a_node, f"alias {alias!r} is already given to {owner} (line {first.line})")
                    continue
                self.alias_nodes[folded] = (eid, a_node)
                aliases.append(alias)
            same_as = []
            for r_index, ref_node in enumerate(self.check.items(fields.get("same_as"), f"{what} same_as"), 1):
                ref = self.check.text(ref_node, f"{what} same_as {r_index}")
                if ref is not None and not SAME_AS.match(ref):
                    self.check.problem(ref_node, f"{what} same_as {ref!r} must be a Wikidata id (Q42) or article-id/entity-id")
                elif ref is not None:
                    same_as.append(ref)
            if eid and etype and name and description is not None:
                out.append(Entity(eid, etype, name, description, tuple(aliases), self.draft(fields),
                                  frozenset(descriptions), tuple(same_as)))
        return out

    def alias_kind(self, node: Node, what: str) -> tuple[Node | None, bool]:
        """An alias is text (a name) or ``{description: text}`` (it describes: never links articles)."""
        if not isinstance(node.value, dict):
            return node, False
        fields = self.check.mapping(node, what, ("description",))
        return (fields.get("description") if fields else None), True

    def prove_aliases_plain(self, annotator: Annotator, entities: list[Entity], quoted: list[DateRef | Figure]) -> None:
        """Raise NotProven unless the alias scan would report nothing (reader.load.lean.aliases_plain)."""
        from reader.load.lean import aliases_plain

        types = {e.id for e in entities}
        aliases = [folded for folded, (eid, _) in self.alias_nodes.items() if eid in types]
        ranges: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for item in quoted:
            loc = item.location
            ranges.setdefault((loc.section, loc.paragraph), []).append((loc.start, loc.end))
        if self.check.problems or not aliases_plain(annotator, aliases, ranges):
            raise NotProven

    def resolve_aliases(self, annotator: Annotator, entities: list[Entity]) -> list[Mention]:
        types = {e.id: e.type for e in entities}
        table = {folded: eid for folded, (eid, _) in self.alias_nodes.items() if eid in types}
        spans, counts = annotator.alias_spans(table)
        explained = 0
        for folded, count in counts.items():
            if count == 0:
                node = self.alias_nodes[folded][1]
                inside = None
                if explained < MAX_EXPLAINED:  # each costs a pass over the text: a few are enough
                    explained += 1
                    inside = covering_alias(annotator, spans, node.value)
                if inside is not None:
                    owner = table[inside]
                    whose = "" if owner == table[folded] else f" of entity {owner!r}"
                    self.check.problem(node, f"alias {node.value!r} is only ever found inside the longer alias "
                                             f"{self.alias_nodes[inside][1].value!r}{whose}, and the longer alias wins; remove it")
                else:
                    self.check.problem(node, f"alias {node.value!r} matches nowhere in the text (aliases match whole words)")
        kinds = {folded: (types[eid], eid) for folded, eid in table.items()}
        mention = tuple.__new__  # a named tuple made from a tuple, without its __new__'s argument parsing (84,000 in 10 MB)
        return [mention(Mention, (s, p, start, end) + kinds[alias]) for s, p, start, end, alias in spans]

    def locate(self, fields: dict[str, Node], what: str, annotator: Annotator, section_index: dict[str, int]) -> Location | None:
        """Resolve a quote (with optional section, prefix, occurrence) to one place in the text."""
        quote_node = fields.get("quote")
        quote = self.check.text(quote_node, f"{what} quote")
        prefix = self.check.text(fields["prefix"], f"{what} prefix") if "prefix" in fields else ""
        occurrence = self.check.integer(fields["occurrence"], f"{what} occurrence", minimum=1) if "occurrence" in fields else None
        if "occurrence" in fields and occurrence is None:
            return None  # already reported; "matches N times" would only repeat it
        sections = None
        if "section" in fields:
            sid = self.check.text(fields["section"], f"{what} section")
            if sid is not None and sid not in section_index:
                self.check.problem(fields["section"], f"{what} names unknown section {sid!r}{self.section_hint(sid)}")
                return None
            sections = [section_index[sid]] if sid is not None else None
        if quote is None or prefix is None:
            return None
        found = annotator.find(quote, prefix=prefix or "", sections=sections)
        shown = f"{prefix} {quote}".strip() if prefix else quote
        if not found:
            self.check.problem(quote_node, f"{what} quote {shown!r} matches nowhere in the text")
            return None
        if occurrence is not None:
            if occurrence > len(found):
                self.check.problem(fields["occurrence"], f"{what} quote {shown!r} occurs {len(found)} time(s), not {occurrence}")
                return None
            return found[occurrence - 1]
        if len(found) > 1:
            self.check.problem(quote_node, f"{what} quote {shown!r} matches {len(found)} times; add 'occurrence:' (1 to {len(found)}) or a 'prefix:'")
            return None
        return found[0]

    def dates(self, node: Node | None, annotator: Annotator, section_index: dict[str, int]) -> list[DateRef]:
        out = []
        for index, item in enumerate(self.check.items(node, "dates"), 1):
            what = f"date {index}"
            fields = self.check.mapping(item, what, ("id", "quote", "value", "about"), ("section", "prefix", "occurrence", "draft"))
            if fields is None:
                continue
            did = self.claim(fields.get("id"), self.check.identifier(fields.get("id"), f"{what} id"), "a date")
            value = _iso_date(self.check, fields.get("value"), f"{what} value")
            about = self.check.text(fields.get("about"), f"{what} about")
            location = self.locate(fields, what, annotator, section_index)
            if did and value and about is not None and location:
                out.append(DateRef(did, fields["quote"].value, value, about, location, self.draft(fields)))
        return out

    def figures(self, node: Node | None, annotator: Annotator, section_index: dict[str, int]) -> list[Figure]:
        out = []
        for index, item in enumerate(self.check.items(node, "figures"), 1):
            what = f"figure {index}"
            fields = self.check.mapping(item, what, ("id", "quote", "value", "unit", "about"), ("qualifier", "section", "prefix", "occurrence", "draft"))
            if fields is None:
                continue
            fid = self.claim(fields.get("id"), self.check.identifier(fields.get("id"), f"{what} id"), "a figure")
            value = self.check.number(fields.get("value"), f"{what} value")
            unit = self.check.text(fields.get("unit"), f"{what} unit", empty=True)
            qualifier = self.check.choice(fields["qualifier"], f"{what} qualifier", QUALIFIERS) if "qualifier" in fields else "exact"
            about = self.check.text(fields.get("about"), f"{what} about")
            location = self.locate(fields, what, annotator, section_index)
            if fid and value is not None and unit is not None and qualifier and about is not None and location:
                out.append(Figure(fid, fields["quote"].value, value, unit, qualifier, about, location, self.draft(fields)))
        return out

    def check_overlaps(self, mentions: list[Mention], settled: int, sections) -> dict[tuple[int, int], list[Mention]]:
        """Dates and figures may not overlap each other or an entity mention.

        The first `settled` mentions are entity mentions, which never overlap one another
        (the longest alias won); only paragraphs that also hold a date or figure are checked.
        Returns every paragraph's mentions in reading order.
        """
        # entity mentions come in reading order, sorted (none overlaps another): grouped as they come
        by_paragraph = {place: list(group) for place, group in groupby(islice(mentions, settled), key=_PLACE)}
        quoted = set()
        for mention in islice(mentions, settled, None):
            place = (mention.section, mention.paragraph)
            by_paragraph.setdefault(place, []).append(mention)
            quoted.add(place)
        for place in quoted:
            by_paragraph[place].sort()  # mentions are tuples led by (section, paragraph, start, end)
        for s, p in quoted:
            group = by_paragraph[(s, p)]
            for before, after in zip(group, group[1:]):
                if after.start < before.end:
                    text, node = sections[s][3][p]
                    self.check.problem(
                        node,
                        f"annotations overlap in section {sections[s][0]!r}: {before.kind} {before.ref!r} "
                        f"({text[before.start:before.end]!r}) and {after.kind} {after.ref!r} ({text[after.start:after.end]!r})",
                    )
        return by_paragraph

    def accords(self, node: Node | None, annotator: Annotator, section_index: dict[str, int], entity_ids: set[str],
                entity_hint: Suggestions, *, numbered: bool) -> list[Accord]:
        out: list[Accord] = []
        label = "accord" if numbered else "dossier"
        required = _ACCORD_KEYS + (("number",) if numbered else ())
        for index, item in enumerate(self.check.items(node, f"{label}s"), 1):
            what = f"{label} {index}"
            fields = self.check.mapping(item, what, required, _ACCORD_OPTIONAL)
            if fields is None:
                continue
            aid = self.claim(fields.get("id"), self.check.identifier(fields.get("id"), f"{what} id"), f"an {label}")
            number = None
            if numbered:
                number = self.check.integer(fields.get("number"), f"{what} number", minimum=1)
                if number is not None and number != index:
                    self.check.problem(fields["number"], f"accords are numbered 1, 2, 3… in order: expected {index} here, not {number}")
            title = self.check.text(fields.get("title"), f"{what} title")
            summary = self.check.text(fields.get("summary"), f"{what} summary")
            refs = {}
            for key in ("parties", "counterparts"):
                refs[key] = self.check.texts(fields.get(key), f"{what} {key}", empty=key == "counterparts")
                items = fields[key].value if key in fields and isinstance(fields[key].value, list) else []
                for ref_node in items:
                    if isinstance(ref_node.value, str) and ref_node.value not in entity_ids:
                        self.check.problem(ref_node, f"{what} {key} names unknown entity {ref_node.value!r}{entity_hint(ref_node.value)}")
            domains = self.check.texts(fields.get("domains"), f"{what} domains")
            provisions = self.check.texts(fields.get("provisions"), f"{what} provisions")
            anchor = self.anchor(fields.get("anchor"), what, annotator, section_index)
            if aid and title and summary and anchor is not None and (number is not None or not numbered):
                out.append(Accord(aid, number, title, refs["parties"], refs["counterparts"], domains, summary, provisions, anchor, self.draft(fields)))
        if numbered:
            by_number = items_by_number(node)
            for before, after in zip(out, out[1:]):
                a, b = before.anchor, after.anchor
                if (b.section, b.paragraph, b.start) < (a.section, a.paragraph, a.start):
                    self.check.problem(by_number.get(after.number, node), f"accord {after.number} is anchored before accord {before.number}: number accords in the article's order")
        return out

    def anchor(self, node: Node | None, what: str, annotator: Annotator, section_index: dict[str, int]) -> Location | None:
        if node is None:
            return None
        fields = self.check.mapping(node, f"{what} anchor", ("section",), ("quote", "prefix", "occurrence"))
        if fields is None:
            return None
        if "quote" in fields:
            return self.locate(fields, f"{what} anchor", annotator, section_index)
        sid = self.check.text(fields.get("section"), f"{what} anchor section")
        if sid is None:
            return None
        if sid not in section_index:
            self.check.problem(fields["section"], f"{what} anchor names unknown section {sid!r}{self.section_hint(sid)}")
            return None
        return Location(section_index[sid], 0, 0, 0)


def build_article(root: Node, path: str) -> Article:
    """Validate a parsed article and resolve every span; raises ProblemsError."""
    return _ArticleBuilder(root, path).build()


def build_article_folded(root: Node, path: str) -> tuple[Article, list[str]]:
    """build_article, and every paragraph's loose folding in reading order (folded to annotate: the library index keeps it)."""
    builder = _ArticleBuilder(root, path)
    article = builder.build()
    return article, [folded.text for section in builder.annotator.folded for folded in section]


def build_article_lean(root: Node, path: str) -> tuple[Article, list[str]]:
    """build_article_folded without entity mentions (the library index keeps an article so, and
    reader.load.lean.with_entity_mentions finds them when asked): the alias scan is skipped when
    it is proven to report nothing; a file it cannot prove so, or a broken one, is built in full
    (its problems exactly a load's), and its entity mentions taken out."""
    from reader.load.lean import without_entity_mentions

    builder = _ArticleBuilder(root, path, lean=True)
    try:
        article = builder.build()
    except (NotProven, ProblemsError):
        article, folded = build_article_folded(root, path)
        return without_entity_mentions(article), folded
    return article, [folded.text for section in builder.annotator.folded for folded in section]
