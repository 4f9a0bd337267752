"""The benchmark's quick variant (smallest size, one run): it must run and give figures, never judged on time."""

from __future__ import annotations

import io
import math
import subprocess
import sys

from tests.benchmarks.__main__ import run
from tests.benchmarks.generate import SIZES, write


def test_generated_article_passes_reader_check(tmp_path) -> None:
    path = write(min(SIZES.values()), tmp_path)
    done = subprocess.run([sys.executable, "-m", "reader", "check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "50 accords" in done.stdout


def test_quick_benchmark_prints_every_figure() -> None:
    out = io.StringIO()
    rows = run(1, quick=True, out=out)
    whats = " ".join(r.what for r in rows)
    for part in ("start-up", "first frame", "peak memory", "load", "open, first time", "open, second time", "frame after G",
                 "last accord", "page down", "search", "typed filter"):
        assert part in whats
    assert all(math.isfinite(r.value) for r in rows)
    assert "Python" in out.getvalue() and "| measure |" in out.getvalue()


def test_library_benchmark_prints_every_figure() -> None:
    from tests.benchmarks.__main__ import run_library

    out = io.StringIO()
    rows = run_library(["60"], 1, out=out)
    whats = " ".join(r.what for r in rows)
    for part in ("cold build", "bytes per article", "refresh, nothing changed", "reader search", "peak memory", "picker data"):
        assert part in whats
    assert all(math.isfinite(r.value) for r in rows)
    assert "| measure |" in out.getvalue()
