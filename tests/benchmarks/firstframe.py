"""Run one app headless in this fresh process until its first complete frame, then report.

``python -m tests.benchmarks.firstframe minimal``, ``... reader PATH`` or ``... picker FOLDER``. The parent passes
``BENCH_T0`` (its ``time.time()`` just before starting this process); this prints one JSON
line: ``first_frame`` (seconds from BENCH_T0 to the moment the main screen has been painted
once, so interpreter start and every import count) and ``peak_rss`` (VmHWM, bytes).
The reader is built the way ``reader.ui.app.run_app`` builds it (articles, state, config, themes),
with XDG folders the parent points at a temporary place.
"""

from __future__ import annotations

import json
import os
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


def picker_app(folder: str):
    """The reader on a folder, as run_app builds it: the picker, painted once it lists the index's rows."""
    from pathlib import Path

    from reader.settings.config import config_path, load_config
    from reader.settings.state import load_state
    from reader.ui.app import ReaderApp
    from reader.ui.screens.picker import PickerScreen

    refreshed = PickerScreen._refreshed

    def listed(screen, *args) -> None:  # the rows are listed: exit once they have been painted
        refreshed(screen, *args)
        screen.call_after_refresh(painted, screen.app)

    PickerScreen._refreshed = listed
    state, _ = load_state()
    config, _ = load_config()
    return ReaderApp([], state=state, config=config, config_path=config_path(), library=[Path(folder)])


FIRST_FRAME: list[float] = []


def painted(app) -> None:
    FIRST_FRAME.append(time.time())
    app.exit(0)


def main() -> None:
    t0 = float(os.environ["BENCH_T0"])
    if sys.argv[1] == "picker":
        app = picker_app(sys.argv[2])
    else:
        app = minimal_app() if sys.argv[1] == "minimal" else reader_app(sys.argv[2])
    app.run(headless=True, size=SIZE)
    if not FIRST_FRAME:
        raise SystemExit("the app exited before its first frame")
    print(json.dumps({"first_frame": FIRST_FRAME[0] - t0, "peak_rss": peak_rss()}))


if __name__ == "__main__":
    main()
