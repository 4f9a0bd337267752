"""Run one app headless in this fresh process until its first complete frame, then report.

``python -m tests.benchmarks.firstframe minimal``, ``... reader PATH`` or ``... picker FOLDER [KEY]``. The parent passes
``BENCH_T0`` (its ``time.time()`` just before starting this process; run by hand, the process's
start as /proc says stands in for it, in steps of 10 ms); this prints one JSON
line: ``first_frame`` (seconds from BENCH_T0 to the moment the main screen has been painted
once, so interpreter start and every import count) and ``peak_rss`` (VmHWM, bytes). With a KEY,
the picker then gets that key typed in its filter: ``keystroke`` (seconds from the key to the
new list painted) and ``laid_out`` (seconds from then until the list's background layout ends)
are added; and for the picker ``set_rows`` (seconds each listing shown took the list to lay out, before
its frame). ``BENCH_SIZE=80x24`` runs at another terminal size than SIZE. ``... list COUNT`` is the
picker's list alone on COUNT made-up rows (titles as tests/benchmarks/library.py makes them, no index):
``first_frame``, then ``keystroke`` (a new list of COUNT - 1 rows shown, to its frame, as a filter
keystroke ends) and ``laid_out``.
The reader is built the way ``reader.ui.app.run_app`` builds it (articles, state, config, themes),
with XDG folders the parent points at a temporary place.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time

SIZE = (120, 40)
"""The terminal size both apps run at."""


def peak_rss() -> int:
    """This process's peak resident memory in bytes (VmHWM)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def minimal_app():
    """Header, one text widget, footer: the floor any Textual app pays."""
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Minimal(App):
        def compose(self):
            yield Header()
            yield Static("Hello")
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(painted, self)

    return Minimal()


def reader_app(path: str):
    """The reader on one article, as run_app builds it."""
    from pathlib import Path

    from reader.ui.app import ReaderApp, load_entries
    from reader.settings.config import config_path, load_config
    from reader.ui.screens.reading import ReadingScreen
    from reader.settings.state import load_state

    mount = ReadingScreen.on_mount

    def on_mount(screen) -> None:  # the main screen, mounted: exit once it has been painted
        mount(screen)
        screen.call_after_refresh(painted, screen.app)

    ReadingScreen.on_mount = on_mount
    entries, _ = load_entries([Path(path)])
    state, _ = load_state()
    config, _ = load_config()
    return ReaderApp(entries, state=state, config=config, config_path=config_path())


def picker_app(folder: str, key: str = ""):
    """The reader on a folder, as run_app builds it: the picker, painted once it lists the index's rows (then ``key`` typed)."""
    from pathlib import Path

    from reader.settings.config import config_path, load_config
    from reader.settings.state import load_state
    from reader.ui.app import ReaderApp
    from reader.ui.screens.picker import PickerScreen

    from reader.ui.widgets.article_list import ArticleList

    refreshed, set_rows = PickerScreen._refreshed, ArticleList.set_rows

    def timed_set_rows(widget, *args, **kwargs) -> None:
        start = time.perf_counter()
        set_rows(widget, *args, **kwargs)
        SET_ROWS.append(time.perf_counter() - start)

    ArticleList.set_rows = timed_set_rows

    def listed(screen, *args) -> None:  # the rows are listed: exit once they have been painted (or type the key)
        refreshed(screen, *args)
        if not FIRST_FRAME:
            screen.call_after_refresh(painted, screen.app) if not key else screen.call_after_refresh(type_key, screen, key)

    PickerScreen._refreshed = listed
    state, _ = load_state()
    config, _ = load_config()
    return ReaderApp([], state=state, config=config, config_path=config_path(), library=[Path(folder)])


FIRST_FRAME: list[float] = []


KEYSTROKE: list[float] = []
SET_ROWS: list[float] = []
LAID_OUT: list[float] = []


def painted(app) -> None:
    FIRST_FRAME.append(time.time())
    app.exit(0)


def type_key(screen, key: str) -> None:
    """The first frame is painted: type a key in the filter, and time it until its list is painted."""
    from textual import events

    from reader.ui.screens.picker import PickerScreen

    FIRST_FRAME.append(time.time())
    show = PickerScreen._show_listing

    def shown(picker, *args) -> None:
        show(picker, *args)
        if picker.filter_text == key and not KEYSTROKE:
            picker.call_after_refresh(key_painted, picker, start)

    PickerScreen._show_listing = shown
    start = time.perf_counter()
    screen.app.post_message(events.Key(key, key))


def key_painted(picker, start: float) -> None:
    """The typed key's list is painted; then wait for its background layout (a list without one is laid out already)."""
    KEYSTROKE.append(time.perf_counter() - start)
    painted_at = time.perf_counter()

    def check() -> None:
        if getattr(picker.query_one("#picker"), "laid_out", True):
            LAID_OUT.append(time.perf_counter() - painted_at)
            picker.app.exit(0)

    picker.set_interval(0.01, check)


def list_app(count: int):
    """The picker's list alone, on made-up rows: what the list itself costs, whatever the index costs."""
    import random

    from textual.app import App

    from reader.library.rows import Row
    from reader.ui.widgets.article_list import ArticleList
    from tests.benchmarks.library import LAST, ORGS, PLACES, TOPICS

    rng = random.Random(count)
    rows = [Row(f"a-{n}.yaml", 1, "", f"a-{n}", f"{rng.choice(PLACES)} : {rng.choice(ORGS)} et {rng.choice(LAST)}, "
                f"{rng.choice(TOPICS)}", "2025-01-01", "APA", "fr", 1, 0) for n in range(count)]

    class Lone(App):
        def compose(self):
            yield ArticleList(rows, id="picker")

        def on_mount(self) -> None:
            self.call_after_refresh(self.first)

        def first(self) -> None:
            FIRST_FRAME.append(time.time())
            start = time.perf_counter()
            self.query_one(ArticleList).set_rows(rows[1:])
            self.call_after_refresh(key_painted, self.screen, start)

    return Lone()


USAGE = """usage: python -m tests.benchmarks.firstframe minimal | reader ARTICLE | picker FOLDER [KEY] | list COUNT
  Start one app headless in this process to its first frame; print one JSON line (first_frame in
  seconds, peak_rss in bytes; keystroke and laid_out with a KEY or for list). measure.py runs it with
  BENCH_T0 (its clock as it starts this process); run by hand, the process's own start (from /proc,
  in steps of 10 ms) stands in for it. BENCH_SIZE=COLUMNSxROWS runs at another size than 120x40."""
"""What the command line says for --help, or when its arguments are wrong."""


def arguments(argv: list[str]) -> tuple[str, list[str]]:
    """The app and its arguments, checked: raises ValueError saying what is wrong."""
    from pathlib import Path

    app, rest = (argv[0], argv[1:]) if argv else ("", [])
    wanted = {"minimal": (0, 0), "reader": (1, 1), "picker": (1, 2), "list": (1, 1)}
    if app not in wanted:
        raise ValueError(f"{app!r} is not an app to start: minimal, reader, picker or list" if app else "which app to start?")
    least, most = wanted[app]
    if not least <= len(rest) <= most:
        raise ValueError(f"{app} takes {least}{f' or {most}' if most != least else ''} argument(s), not {len(rest)}")
    if app == "reader" and not Path(rest[0]).is_file():
        raise ValueError(f"{rest[0]}: no such article file")
    if app == "picker" and not Path(rest[0]).is_dir():
        raise ValueError(f"{rest[0]}: no such folder")
    if app == "list" and not (rest[0].isdigit() and int(rest[0]) >= 2):
        raise ValueError(f"{rest[0]!r} is not a number of rows (at least 2)")
    size = os.environ.get("BENCH_SIZE", "")
    if size and not re.fullmatch(r"[1-9][0-9]*[xX][1-9][0-9]*", size):
        raise ValueError(f"BENCH_SIZE={size!r} is not a terminal size COLUMNSxROWS, e.g. 80x24")
    return app, rest


def started_at() -> float:
    """When this process started, on time.time()'s clock: BENCH_T0 from the parent, else from /proc (10 ms steps)."""
    if "BENCH_T0" in os.environ:
        return float(os.environ["BENCH_T0"])
    with open("/proc/self/stat") as stat, open("/proc/uptime") as uptime:
        ticks = int(stat.read().rsplit(")", 1)[1].split()[19])  # starttime: clock ticks from boot to this process's start
        since_boot = float(uptime.read().split()[0])
    return time.time() - (since_boot - ticks / os.sysconf("SC_CLK_TCK"))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if any(arg in ("-h", "--help") for arg in argv):
        print(USAGE)
        return 0
    try:
        app_name, rest = arguments(argv)
    except ValueError as error:
        print(f"{USAGE}\npython -m tests.benchmarks.firstframe: error: {error}", file=sys.stderr)
        return 2
    t0 = started_at()
    if app_name == "list":
        app = list_app(int(rest[0]))
    elif app_name == "picker":
        app = picker_app(rest[0], rest[1] if len(rest) > 1 else "")
    else:
        app = minimal_app() if app_name == "minimal" else reader_app(rest[0])
    size = tuple(int(n) for n in os.environ["BENCH_SIZE"].lower().split("x")) if os.environ.get("BENCH_SIZE") else SIZE
    app.run(headless=True, size=size)
    if not FIRST_FRAME:
        raise SystemExit("the app exited before its first frame")
    typed = {"keystroke": KEYSTROKE[0], "laid_out": LAID_OUT[0]} if KEYSTROKE and LAID_OUT else {}
    listed = {"set_rows": SET_ROWS} if SET_ROWS else {}
    print(json.dumps({"first_frame": FIRST_FRAME[0] - t0, "peak_rss": peak_rss(), **typed, **listed}))
    return 0


if __name__ == "__main__":
    from tests.benchmarks.command import run_command

    run_command(main)
