"""Hardening, round two (issue 16): crashes, hangs, lost state and misleading messages outside the UI.

Scale tests never time one run against a bound: they compare the CPU time (process_time, best
of a few runs) of two sizes, where linear growth and quadratic growth differ by a wide margin,
or count the work done; each prints its figures (run with -s to see them). The largest sizes
(100,000 sections, 50,000 entities) run in the long run: READER_LONG=1 or -m long.
"""

from __future__ import annotations

import json
import os
import random
import threading
import time
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.load import yamlsource
from reader.load.build import build_article, load_article
from reader.load.bulk import collector_paused
from reader.load.yamlsource import parse
from reader.model import problems as problems_module
from reader.model.problems import ProblemsError, Suggestions
from reader.search import engine
from reader.search.engine import ArticleIndex, SearchOptions, SearchTimeout, parse_query, search, search_capped
from reader.settings.state import Position, load_state
from reader.text import spans as spans_module
from reader.text import trie as trie_module
from reader.text.spans import Annotator
from tests.paths import MINIMAL, ROOT

SKIP_UNLESS_LONG = pytest.mark.skipif(
    "os.environ.get('READER_LONG') != '1' and 'long' not in (config.getoption('markexpr') or '')",
    reason="long run: set READER_LONG=1 or select it with -m long",
)
HEAD = 'format: 1\nid: x\ntitle: T\nlanguage: fr\npublished: "2025-01-01"\nsource: {agency: A}\n'


def article_text(paragraphs: list[str], entities: str = "", extra: str = "") -> str:
    """A small article: one section per paragraph (each quoted as JSON, which YAML reads)."""
    sections = "".join(f"  - {{id: s{i}, kind: body, heading: h, paragraphs: [{json.dumps(p)}]}}\n" for i, p in enumerate(paragraphs))
    return HEAD + "sections:\n" + sections + (f"entities:\n{entities}" if entities else "") + extra


def build(text: str, name: str = "x.yaml"):
    """The article, or the ProblemsError (the collector paused, as load_article runs)."""
    try:
        with collector_paused():
            return build_article(parse(text, name, collect=True), name)
    except ProblemsError as error:
        return error


def messages(result) -> list[str]:
    assert isinstance(result, ProblemsError), "expected problems"
    return [f"{p.line}:{p.column}: {p.message}" for p in result.problems]


def cpu(fn, repeat: int = 3) -> float:
    """The least CPU time of a few runs of fn (CPU, not wall: other processes do not count)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return max(best, 1e-4)


def growth(name: str, small: int, large: int, run) -> float:
    """CPU time of run(large) over run(small), printed with both figures."""
    t_small, t_large = cpu(lambda: run(small)), cpu(lambda: run(large), repeat=1)
    ratio = t_large / t_small
    print(f"\n{name}: {small:,} -> {t_small:.3f} s, {large:,} -> {t_large:.3f} s; x{large / small:g} size, x{ratio:.1f} time")
    return ratio


# --- 1. RecursionError on long and prefix-chained aliases -------------------------------------


def test_a_long_alias_is_found():
    words = " ".join(f"mot{i}" for i in range(150))  # ~900 characters, one alias
    spans, counts = Annotator([["avant " + words + " après"]]).alias_spans([words])
    assert counts[words] == 1 and spans == [(0, 0, 6, 6 + len(words), words)]


def test_a_chain_of_prefix_aliases_is_settled_longest_first():
    aliases = ["a" * n for n in range(1, 601)]
    text = "a" * 300 + " " + "a" * 7
    spans, counts = Annotator([[text]]).alias_spans(aliases)
    assert [(s[2], s[3]) for s in spans] == [(0, 300), (301, 308)]
    assert counts["a" * 300] == 1 and counts["a" * 7] == 1 and counts["a" * 8] == 0


def test_a_folder_with_a_long_alias_file_still_checks(tmp_path, capsys):
    words = " ".join(f"Nom{i}" for i in range(120))
    entity = f"  - {{id: e, type: person, name: N, description: d, aliases: [{json.dumps(words)}]}}\n"
    (tmp_path / "long.yaml").write_text(article_text([words], entity), encoding="utf-8")
    chain = "".join(f"  - {{id: e{n}, type: person, name: N, description: d, aliases: [{'b' * n}]}}\n" for n in range(1, 400))
    (tmp_path / "chain.yaml").write_text(article_text(["b" * 399], chain), encoding="utf-8")
    code = main(["check", str(tmp_path)])
    out, err = capsys.readouterr()
    assert "long.yaml: ok" in out and "Traceback" not in out + err
    assert code == 1 and "chain.yaml: 398 problems" in out  # the shorter aliases match nowhere: each said, no crash


@pytest.mark.parametrize("depth", [0, 1, 3])
def test_the_flattened_pattern_finds_what_the_nested_one_finds(monkeypatch, depth):
    """Below MAX_GROUP_DEPTH the trie becomes one longest-first alternation: the same spans."""
    rng = random.Random(depth)
    aliases = sorted({"".join(rng.choice("ab ") for _ in range(rng.randint(1, 6))).strip() for _ in range(40)} - {""})
    texts = ["".join(rng.choice("ab  .") for _ in range(200)) for _ in range(6)]
    expected = Annotator([texts]).alias_spans(aliases)
    monkeypatch.setattr(trie_module, "MAX_GROUP_DEPTH", depth)
    assert Annotator([texts]).alias_spans(aliases) == expected
    assert Annotator([texts])._alias_spans_each({a: 0 for a in aliases}) == expected[0]


def test_import_of_600_capitalised_words_and_a_long_first_word(tmp_path, capsys):
    """Items 1 and 2: the importer on a run of capitalised words, and on a first word of 5,000 letters."""
    capitals = tmp_path / "capitals.txt"
    capitals.write_text(" ".join(f"Mot{i}" for i in range(600)) + ".\n\nLe texte suit ici.\n", encoding="utf-8")
    long_word = tmp_path / "long.txt"
    long_word.write_text("A" * 5000 + " est là.\n\nLe texte suit ici.\n", encoding="utf-8")
    assert main(["import", str(capitals), "--stdout", "--no-library"]) == 0
    assert main(["import", str(long_word), "--out", str(tmp_path), "--no-library"]) == 0
    written = [p for p in tmp_path.glob("*.yaml")]
    assert len(written) == 1 and len(written[0].name) < 100
    assert load_article(written[0]).id == written[0].stem
    capsys.readouterr()


# --- 3. numbers past a float's range, NaN, infinity ------------------------------------------


FIGURE = "figures:\n  - {id: f, quote: \"12\", value: VALUE, unit: u, about: a}\n"


@pytest.mark.parametrize(("value", "says"), [
    ("1" + "0" * 309, "beyond the range of numbers a figure can hold"),
    ("-1" + "0" * 309, "beyond the range of numbers a figure can hold"),
    (".nan", "is not a number (.nan)"),
    (".inf", "beyond the range"),
    ("-.inf", "beyond the range"),
    ("1.0e+400", "beyond the range"),
    ("1e308", "write it with a dot, 1.0e+308"),
    ("0o17", "write it in decimal, 15"),
])
def test_a_figure_value_that_cannot_be_compared_is_refused_located(value, says):
    text = article_text(["il y a 12 hommes"], extra=FIGURE.replace("VALUE", value))
    line = text.count("\n", 0, text.index(value)) + 1
    found = messages(build(text))
    assert any(m.startswith(f"{line}:") and "figure 1 value" in m and says in m for m in found), found


def test_export_never_prints_nan(tmp_path, capsys):
    path = tmp_path / "nan.yaml"
    path.write_text(article_text(["il y a 12 hommes"], extra=FIGURE.replace("VALUE", ".nan")), encoding="utf-8")
    assert main(["export", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "NaN" not in out and "not a number" in err


@pytest.mark.parametrize(("scalar", "says"), [
    ("!!int abc", "cannot read 'abc' as a whole number"),
    ("!!float x", "cannot read 'x' as a number"),
    ("!!bool maybe", "cannot read 'maybe' as true or false"),
    ("!!timestamp abc", "cannot read 'abc' as a date"),
])
def test_a_bad_tagged_scalar_is_located_in_words(scalar, says):
    with pytest.raises(ProblemsError) as raised:
        parse(f"a: {scalar}\n", "t.yaml")
    assert [str(p) for p in raised.value.problems] == [f"t.yaml:1:4: {says}"]


# --- 4. overlapping alias matches, settled in linear time ------------------------------------


def test_overlapping_alias_matches_settle_in_linear_time():
    def run(n: int) -> None:
        spans, counts = Annotator([["a " * n]]).alias_spans(["a a"])
        assert len(spans) == n // 2 and counts["a a"] == n - 1

    assert growth("'a a' in 'a a a ...'", 4_000, 32_000, run) < 24  # linear: x8; the quadratic settle was x64


# --- 5. accords anchored in reverse order -------------------------------------------------------


def reverse_accords(n: int) -> str:
    entity = "  - {id: e, type: person, name: N, description: d, aliases: [Para]}\n"
    accords = "accords:\n" + "".join(
        f"  - {{id: a{i}, number: {i + 1}, title: t, parties: [e], summary: s, anchor: {{section: s{n - 1 - i}}}}}\n" for i in range(n))
    return article_text([f"Para {i}" for i in range(n)], entity, accords)


def test_accords_in_reverse_order_are_located_in_linear_time():
    texts = {n: reverse_accords(n) for n in (1_000, 8_000)}

    def run(n: int) -> None:
        found = messages(build(texts[n]))
        assert len(found) == n - 1 and all("is anchored before accord" in m for m in found)

    ratio = growth("accords in reverse order", 1_000, 8_000, run)
    assert ratio < 20  # linear: x8; a search per problem made it x40 and more
    found = build(texts[1_000])
    item = next(p for p in found.problems if "accord 2 is anchored" in p.message)
    assert (item.line, item.column) == (texts[1_000].count("\n", 0, texts[1_000].index("- {id: a1,")) + 1, 5)


# --- 6. "did you mean", bounded ------------------------------------------------------------------


def test_did_you_mean_does_bounded_work(monkeypatch):
    compared = []
    real = problems_module.difflib.get_close_matches

    def counting(word, possibilities, *args, **kwargs):
        compared.append(len(possibilities))
        return real(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(problems_module.difflib, "get_close_matches", counting)
    entities = "".join(f"  - {{id: ent{i}, type: person, name: N, description: d, aliases: [w{i}]}}\n" for i in range(7_999))
    entities += "  - {id: rosatom, type: org, name: N, description: d, aliases: [w7999]}\n"
    parties = ", ".join(["rosatomm"] + [f"unk{i}" for i in range(400)])
    accords = f"accords:\n  - {{id: a, number: 1, title: t, parties: [{parties}], summary: s, anchor: {{section: s0}}}}\n"
    found = messages(build(article_text([" ".join(f"w{i}" for i in range(8_000))], entities, accords)))
    print(f"\n'did you mean': {len(compared)} words, {sum(compared):,} comparisons")
    assert sum(compared) <= problems_module.MAX_COMPARISONS + problems_module.MAX_COMPARED
    assert any("unknown entity 'rosatomm' (did you mean 'rosatom'?)" in m for m in found), found[:3]
    assert len([m for m in found if "names unknown entity" in m]) == 401


def test_suggestions_stay_useful():
    hint = Suggestions(["language", "title", "sections"])
    assert hint("langage") == " (did you mean 'language'?)" and hint("zzzz") == "" and hint("x" * 1000) == ""


# --- 7. text repeated through YAML aliases --------------------------------------------------------


def test_text_repeated_through_aliases_is_counted_and_capped(monkeypatch):
    monkeypatch.setattr(yamlsource, "MAX_CHARACTERS", 1_000_000)
    para = "x" * 100_000
    text = article_text(["PARA"]).replace('["PARA"]', "[&p " + para + ", " + ", ".join(["*p"] * 12) + "]")
    found = build(text)
    assert isinstance(found, ProblemsError) and len(found.problems) == 1
    problem = found.problems[0]
    assert problem.message == ("document expands to over 1,000,000 characters of text through aliases; "
                               "write the text out once instead of repeating it with *aliases")
    line = text.splitlines()[problem.line - 1]
    assert line[problem.column - 1:problem.column + 1] == "*p"  # located at the alias that went over
    assert line.count("*p", 0, problem.column) in (8, 9)  # 100,000 characters each, and the rest of the file


def test_nested_aliases_count_every_character_they_stand_for(monkeypatch):
    monkeypatch.setattr(yamlsource, "MAX_CHARACTERS", 1_000_000)
    text = ("a: &a " + "y" * 1000 + "\nb: &b [" + ", ".join(["*a"] * 100) + "]\nc: [" + ", ".join(["*b"] * 10) + "]\n")
    with pytest.raises(ProblemsError) as raised:
        parse(text, "n.yaml")
    assert "over 1,000,000 characters" in str(raised.value) and str(raised.value).startswith("n.yaml:3:")
    parse(text.replace(", ".join(["*b"] * 10), ", ".join(["*b"] * 8)), "n.yaml")  # 901,000 with b's own: accepted


# --- scale: every load near-linear --------------------------------------------------------------


def many_sections(n: int) -> str:
    entity = "  - {id: mali, type: place, name: Mali, description: d, aliases: [Mali]}\n"
    return article_text([f"Texte {i} du Mali" for i in range(n)], entity)


def many_entities(n: int) -> str:
    words = [f"Nom{i}" for i in range(n)]
    entities = "".join(f"  - {{id: e{i}, type: person, name: N, description: d, aliases: [{w}]}}\n" for i, w in enumerate(words))
    return article_text([" ".join(words)], entities)


def scale(make, small: int, large: int, name: str) -> float:
    texts = {small: make(small), large: make(large)}

    def run(n: int) -> None:
        article = build(texts[n])
        assert not isinstance(article, ProblemsError), article

    return growth(name, small, large, run)


def test_sections_load_in_linear_time():
    assert scale(many_sections, 2_000, 16_000, "sections") < 20


def test_entities_load_in_linear_time():
    assert scale(many_entities, 2_000, 16_000, "entities") < 20


@pytest.mark.long
@SKIP_UNLESS_LONG
def test_100000_sections_and_50000_entities_load_in_linear_time():
    assert scale(many_sections, 10_000, 100_000, "sections") < 25
    assert scale(many_entities, 5_000, 50_000, "entities") < 25


# --- 8. search: a time limit for a regex, a cap on matches ---------------------------------------


def regex_article(tmp_path: Path, paragraph: str) -> Path:
    path = tmp_path / "rx.yaml"
    path.write_text(article_text([paragraph, "x"]), encoding="utf-8")
    return path


def test_a_backtracking_regex_is_stopped(tmp_path):
    index = ArticleIndex(load_article(regex_article(tmp_path, "a" * 40 + "!")))
    query = parse_query("(a|aa)+$", SearchOptions(regex=True))
    with pytest.raises(SearchTimeout) as raised:
        search_capped(index, query, seconds=0.2)
    assert "was stopped" in raised.value.message
    assert search_capped(index, parse_query("a+!", SearchOptions(regex=True)), seconds=0.2).matches  # a sane one runs


def test_a_regex_in_a_filter_is_stopped_too(tmp_path):
    entity = "  - {id: e, type: person, name: N, description: d, aliases: [" + "a" * 40 + "]}\n"
    path = tmp_path / "f.yaml"
    path.write_text(article_text(["a" * 40 + " !"], entity), encoding="utf-8")
    index = ArticleIndex(load_article(path))
    with pytest.raises(SearchTimeout):
        search_capped(index, parse_query("person:(a|aa)+!", SearchOptions(regex=True)), seconds=0.2)


def test_matches_are_capped(tmp_path):
    index = ArticleIndex(load_article(regex_article(tmp_path, "aaa " * 50_000)))
    for options in (SearchOptions(), SearchOptions(regex=True)):
        found = search_capped(index, parse_query("aaa", options), max_matches=1_000)
        assert len(found.matches) == 1_000 and found.capped
        assert not search_capped(index, parse_query("aaa", options), max_matches=50_000).capped
    assert len(search(index, parse_query("aaa", SearchOptions()))) == 50_000 <= engine.MAX_MATCHES


def test_reader_search_reports_the_cap_and_a_stopped_regex(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(engine, "MAX_MATCHES", 10)
    monkeypatch.setattr(engine, "REGEX_SECONDS", 0.2)
    big = regex_article(tmp_path, "aaa " * 100)
    assert main(["search", "--count", "aaa", str(big)]) == 0
    out, err = capsys.readouterr()
    assert out == f"{big}:10\n" and "over 10 matches; the first 10 are shown" in err
    slow = tmp_path / "slow.yaml"
    slow.write_text(article_text(["a" * 40 + "!"]), encoding="utf-8")
    assert main(["search", "-E", "(a|aa)+$", str(slow)]) == 2
    assert "the regular expression ran over 0.2 s and was stopped" in capsys.readouterr().err


# --- 9. two instances keep each other's state ------------------------------------------------------


def test_two_instances_merge_their_state(tmp_path):
    path = tmp_path / "state.json"
    path.write_text('{"version": 1, "positions": {"old": {"section": "s"}}, "history": ["h0"]}\n', encoding="utf-8")
    first, _ = load_state(path)
    second, _ = load_state(path)
    first.positions["a"] = Position("s1", 1, 2)
    first.history.append("from first")
    second.positions["b"] = Position("s2", 3, 4)
    second.history.append("from second")
    assert first.save() is None and second.save() is None
    merged, problem = load_state(path)
    assert problem is None
    assert merged.positions == {"old": Position("s"), "a": Position("s1", 1, 2), "b": Position("s2", 3, 4)}
    assert merged.history == ["h0", "from first", "from second"]
    first.positions["a"] = Position("s1", 9, 9)  # a later save of the first keeps the second's too
    assert first.save() is None
    assert load_state(path)[0].positions["b"] == Position("s2", 3, 4)


def test_saving_waits_for_the_lock(tmp_path):
    import fcntl

    path = tmp_path / "state.json"
    state, _ = load_state(path)
    state.positions["a"] = Position("s")
    fd = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    saver = threading.Thread(target=state.save)
    try:
        saver.start()
        saver.join(0.5)  # blocked: it cannot be done while the lock is held (no false failure on a slow machine)
        assert saver.is_alive() and not path.exists()
    finally:
        os.close(fd)
    saver.join(30)
    assert not saver.is_alive() and load_state(path)[0].positions == {"a": Position("s")}


# --- 11. the terminal: argparse and import --stdout ------------------------------------------------


def test_argparse_errors_show_escapes(capsys):
    assert main(["check", "--x\x1b]52;c;aGk=\x07"]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "--x\\x1b]52;c;aGk=\\x07" in err


def test_import_stdout_writes_bidi_controls_as_escapes(tmp_path, capsys):
    source = tmp_path / "bidi.txt"
    source.write_text("Le Mali et la \u202e Russie signent.\n\nLe Mali\u202e suit.\n", encoding="utf-8")
    assert main(["import", str(source), "--stdout", "--no-library"]) == 0
    out, err = capsys.readouterr()
    assert "\u202e" not in out + err and "\\u202e" in out
    draft = tmp_path / "draft.yaml"
    draft.write_text(out, encoding="utf-8")
    assert "\u202e" in load_article(draft).sections[0].paragraphs[0].text  # the text itself is kept


# --- 12. messages that said the wrong thing ----------------------------------------------------------


def test_an_alias_inside_a_longer_one_says_so():
    entities = ("  - {id: goita, type: person, name: Assimi Goïta, description: d, aliases: [Assimi Goïta, Assimi]}\n"
                "  - {id: k, type: place, name: K, description: d, aliases: [Kremlin]}\n")
    found = messages(build(article_text(["Le président Assimi Goïta arrive."], entities)))
    assert any("alias 'Assimi' is only ever found inside the longer alias 'Assimi Goïta'" in m for m in found), found
    assert any("alias 'Kremlin' matches nowhere in the text" in m for m in found), found


def test_export_of_a_symlink_loop_says_what_it_is(tmp_path, capsys):
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    assert main(["export", str(tmp_path / "a.yaml")]) == 1
    assert "Too many levels of symbolic links" in capsys.readouterr().err


def test_an_unknown_theme_is_escaped_once(capsys):
    from reader.ui.app import run_app

    good = MINIMAL
    assert run_app([good], theme="x\x1by") == 2
    err = capsys.readouterr().err
    assert "unknown theme 'x\\x1by'" in err and "\\\\" not in err


def test_two_themes_with_one_name_do_not_both_pass(tmp_path, capsys):
    (tmp_path / "a.yaml").write_text('name: twin\nprimary: "#ff0000"\n', encoding="utf-8")
    (tmp_path / "b.yaml").write_text('name: twin\nprimary: "#00ff00"\n', encoding="utf-8")
    assert main(["check", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")]) == 1
    out, err = capsys.readouterr()
    assert f"{tmp_path / 'b.yaml'}:1:7: theme name 'twin' is already taken by {tmp_path / 'a.yaml'}" in err


def test_a_theme_with_unreadable_text_is_warned_of(tmp_path, capsys):
    path = tmp_path / "dim.yaml"
    path.write_text('name: dim\nprimary: "#ff0000"\nforeground: "#101010"\nbackground: "#111111"\ndark: true\n', encoding="utf-8")
    assert main(["check", str(path)]) == 0  # a warning: the theme still loads
    err = capsys.readouterr().err
    assert f"{path}:3:13: warning: text on background has a contrast of 1.0:1, under 4.5:1" in err
    assert main(["check", str(ROOT / "themes")]) == 0
    assert "warning" not in capsys.readouterr().err


# --- a sibling of 5: thousands of quotes with no section ----------------------------------------


def many_quotes(n: int) -> str:
    figures = "figures:\n" + "".join(f"  - {{id: f{i}, quote: \"{i} hommes\", value: {i}, unit: u, about: a}}\n" for i in range(n))
    return article_text([f"Texte avec {i} hommes" for i in range(n)], extra=figures)


def test_quotes_with_no_section_are_found_in_linear_time():
    texts = {n: many_quotes(n) for n in (1_000, 8_000)}

    def run(n: int) -> None:
        article = build(texts[n])
        assert not isinstance(article, ProblemsError) and len(article.figures) == n

    assert growth("quotes with no section", 1_000, 8_000, run) < 20  # a scan of every paragraph per quote: x64


@pytest.mark.parametrize("seed", range(6))
def test_the_word_index_finds_what_a_scan_finds(monkeypatch, seed):
    rng = random.Random(seed)
    pieces = ["a", "b", "ab", " ", " ", "-", "’", "'", "œ", "oe", "½", "1", "2", "é", "E", ".", "ﬁ", "fi"]
    paragraphs = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(30)]
    quotes = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 5))) for _ in range(60)]
    prefixes = ["", "", "a", "b ", "ab", "1-", "œ"]
    asked = [(q, rng.choice(prefixes)) for q in quotes]
    monkeypatch.setattr(spans_module, "INDEX_AFTER", 10**9)
    plain = Annotator([paragraphs[:10], paragraphs[10:]])
    expected = [plain.find(q, prefix=h) for q, h in asked]
    monkeypatch.setattr(spans_module, "INDEX_AFTER", 0)
    indexed = Annotator([paragraphs[:10], paragraphs[10:]])
    assert [indexed.find(q, prefix=h) for q, h in asked] == expected
    assert sum(map(len, expected)) > 0
