"""End to end: the real `reader` in a real terminal (tmux), driven by keys, read from the screen."""

from __future__ import annotations

import re
import shlex
import sys

from tests.e2e.tmuxterm import READER, needs_tmux

pytestmark = needs_tmux


def test_read_jump_and_quit(tmux, tmp_path):
    term = tmux(READER, width=100, height=30)
    screen = term.wait_for("Accords")
    assert "Mali–Russie" in screen and "La visite du Chef de l’Etat malien" in screen
    term.keys("2")
    screen = term.wait_for("▶ 2")  # accord 2 marked in the sidebar ("ACCORD 2" may be on the first page already)
    assert "ACCORD 2" in screen and "Deuxième accord : le nucléaire civil avec Rosatom" in screen
    term.keys("i")
    screen = term.wait_for("Provisions")  # the inspector's own content: "Inspector" is in the footer all along
    assert "Parties" in screen
    term.keys("?")
    term.wait_for("Keys")
    term.keys("Escape")
    term.wait_gone("Keys")  # back on the reading screen, where q quits
    term.keys("q")
    assert term.exit_status() == 0
    # the reading position was saved for next time
    state = (tmp_path / "state" / "reader" / "state.json").read_text(encoding="utf-8")
    assert '"nucleaire"' in state


def test_position_restored_on_reopening(tmux, tmp_path):
    term = tmux(READER, width=100, height=30)
    term.wait_for("Accords")
    term.keys("3")
    term.wait_for("▶ 3")
    term.keys("q")
    assert term.exit_status() == 0
    (tmp_path / "status").unlink()
    again = tmux(READER, width=100, height=30)
    screen = again.wait_for("Troisième accord")
    assert "ACCORD 3" in screen


def test_small_terminal_and_broken_file(tmux, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: [unclosed\n", encoding="utf-8")
    term = tmux(f"{READER} {shlex.quote(str(bad))}", width=60, height=12)
    screen = term.wait_for("YAML syntax error")
    assert "could not" in screen and "Traceback" not in screen
    term.keys("q")
    assert term.exit_status() == 1


def test_ctrl_z_suspends_and_fg_resumes(tmux, tmp_path):
    term = tmux("bash --norc --noprofile", width=100, height=30)
    term.type(f"{shlex.quote(sys.executable)} -m reader")
    term.keys("Enter")
    term.wait_for("Accords")
    term.keys("C-z")
    screen = term.wait_for("Stopped")
    assert "Accords" not in screen  # the terminal is given back, not left in the app's screen
    term.type("fg")
    term.keys("Enter")
    term.wait_for("Accords")
    term.keys("2")
    term.wait_for("▶ 2")
    term.keys("q")
    term.wait_gone("Accords")
    term.wait_until(lambda: term.show("#{pane_current_command}") == "bash", "bash in the foreground again")
    term.type("echo done-$?")
    term.keys("Enter")
    term.wait_for("done-0")


def test_search_in_a_real_terminal(tmux, tmp_path):
    term = tmux(READER, width=100, height=30)
    term.wait_for("Accords")
    term.keys("/")
    term.wait_for("Aa é W")  # the search bar, open and focused: typing goes to it
    term.type("10000")
    term.wait_for("1 match")
    term.keys("Enter")
    screen = term.wait_for("search: 1/1")  # the status line ("1/1" alone is in "§ 1/11")
    assert "10 000" in screen
    term.keys("Escape")  # focus is back on the article: this hides the bar, the search stays
    term.wait_gone("Aa é W")
    term.keys("q")
    assert term.exit_status() == 0
    state = (tmp_path / "state" / "reader" / "state.json").read_text(encoding="utf-8")
    assert '"10000"' in state  # the query joined the search history


def _match_backgrounds(screen: str, word: str) -> list[str]:
    """The 256-colour background (SGR 48;5;N) in force where each occurrence of a word starts in the text
    (right of the sidebar's border, above the search bar, status and footer)."""
    import re

    found = []
    for row in screen.splitlines()[1:-3]:
        if "\u2595" not in row:
            continue
        line = row.split("\u2595", 1)[1]
        background = ""
        for sgr, text in re.findall(r"\x1b\[([0-9;]*)m|([^\x1b]+)", line):
            if sgr or not text:
                codes = sgr.split(";") if sgr else ["0"]
                if codes == ["0"] or "49" in codes:
                    background = ""
                for i, code in enumerate(codes):
                    if code == "48" and codes[i + 1:i + 2] == ["5"]:
                        background = codes[i + 2]
                continue
            if text.startswith(word):
                found.append(background)
    return found


def test_current_match_stands_out_in_256_colours(tmux, tmp_path):
    # 256 colours: no COLORTERM; the search colours of a theme once both rounded onto colour 58
    term = tmux(f"unset COLORTERM; {READER}", width=120, height=40)
    term.wait_for("Accords")
    term.keys("/")
    term.wait_for("Aa é W")
    term.type("Mali")
    term.wait_for("matches")
    term.keys("Enter")
    term.wait_for("search: 1/")
    painted: list[str] = []

    def told_apart() -> bool:
        screen = term.tmux("capture-pane", "-p", "-e", "-t", "main")
        assert "38;2;" not in screen and "48;5;" in screen  # the terminal really is in 256 colours
        painted[:] = _match_backgrounds(screen, "Mali")
        lit = sorted(set(painted), key=painted.count)
        # every match lit; one of them, the current one, in a colour of its own
        return len(lit) == 2 and painted.count(lit[0]) == 1 and painted.count(lit[1]) >= 1 and "" not in lit

    term.wait_until(told_apart, "the current match in a colour of its own, the others in another")
    term.keys("q")
    assert term.exit_status() == 0


def _status(screen: str) -> str:
    """The status line: the row above the footer ("§ 1/11 … │ 0%")."""
    return next(row for row in reversed(screen.splitlines()) if "§" in row)


def _percent(status: str) -> int:
    """How far down the status line says the text is ("│  37%  │")."""
    return int(re.search(r"│\s*(\d+)%", status).group(1))


def _next_status(term, before: str, what: str) -> str:
    """The status line of the first screen captured whose status differs from ``before``."""
    seen = [before]

    def changed() -> bool:
        seen[0] = _status(term.screen())
        return seen[0] != before

    term.wait_until(changed, what)
    return seen[0]


def test_a_burst_after_slash_lands_whole_in_the_search_bar(tmux, tmp_path):
    # issue 12, 1: "/goita" sent as ONE string reaches the reader in one read, as a fast typist's keys do
    term = tmux(READER, width=120, height=40)
    term.wait_for("Accords")
    term.type("/goita")
    screen = term.wait_for("3 matches")  # the bar's counter
    bar = next(row for row in screen.splitlines() if "Aa é W" in row)
    assert "goita" in bar and "matches" in bar, bar
    assert "Provisions" not in screen  # the `i` of goita opened no inspector
    term.keys("Escape")  # clear the query (one key at a time: ESC then a key at once reads as alt+key)
    term.wait_for("/ search")  # the empty bar shows its placeholder
    term.keys("Escape")  # close the bar
    term.wait_gone("Aa é W")
    term.keys("q")
    assert term.exit_status() == 0


def test_scrolling_is_instant(tmux, tmp_path):
    # issue 12, 2: the first frame drawn after a scrolling key is already where the key goes (no animation)
    term = tmux(READER, width=120, height=40)
    start = _status(term.wait_for("│  0%"))  # the status line comes a frame after the text
    assert _percent(start) == 0
    term.keys("G")
    end = _next_status(term, start, "the status changing after G")
    assert _percent(end) == 100, end
    term.keys("g")
    top = _next_status(term, end, "the status changing after g")
    assert _percent(top) == 0, top
    term.keys("Space")
    page = _next_status(term, top, "the status changing after space")
    assert _percent(page) > 0, page
    term.keys("b")  # a page back up from the first page: the top at once (an animation would show the way there first)
    back = _next_status(term, page, "the status changing after b")
    assert _percent(back) == 0, back
    term.keys("q")
    assert term.exit_status() == 0


def _lit_sidebar_titles(term) -> list[str]:
    """The first lines of the accords' and sections' options drawn on a background of their own (lit), from one capture."""
    import re

    lit = []
    for row in term.tmux("capture-pane", "-p", "-e", "-t", "main").splitlines():
        text = re.sub(r"\x1b\[[0-9;]*m", "", row)
        backgrounds = re.findall(r"48;5;(\d+)|48;2;(\d+;\d+;\d+)", row)
        if "\u2595" in text and backgrounds:
            lit.append((text.split("\u2595")[0], backgrounds[0]))
    usual = max({b for _, b in lit}, key=[b for _, b in lit].count)
    rows = [text for text, b in lit if b != usual and text.strip(" ")]
    rows = [text.strip(" ") for text in rows if not text.startswith(" " * 4)]  # not the lines hanging under a title (column 4)
    return rows[:rows.index("Entities")] if "Entities" in rows else rows  # the entity index is not a place in the text


def test_sidebar_follows_the_reading(tmux, tmp_path):
    # `}` three times: section 4, the second accord's; each sidebar list lights that one item, and only it
    term = tmux(READER, width=120, height=40)
    term.wait_for("Accords")
    for _ in range(3):
        term.keys("}")
    term.wait_for("§ 4/11")
    seen: list[list[str]] = []

    def followed() -> bool:
        seen[:] = [_lit_sidebar_titles(term)]
        titles = seen[0]
        return (any(t.startswith("▶ 2 Utilisation") for t in titles) and any(t.startswith("4 Deuxième accord") for t in titles)
                and all(t.startswith(("▶ 2", "4 ", "Accords", "Sections")) for t in titles))

    term.wait_until(followed, "the sidebar lighting accord 2 and section 4 alone")
    term.keys("q")
    assert term.exit_status() == 0
