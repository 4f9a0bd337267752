"""The wheel carries the bundled articles, themes and stylesheet, so an installed reader works anywhere."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from tests.paths import ROOT


def test_wheel_carries_articles_themes_and_stylesheet(tmp_path):
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                         capture_output=True, text=True, timeout=300)
    if run.returncode != 0 and any(word in run.stderr for word in ("Connection", "Temporary failure", "NewConnectionError")):
        pytest.skip("the package index could not be reached to build the wheel")
    assert run.returncode == 0, run.stderr
    (wheel,) = tmp_path.glob("reader-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("articles", "themes"):
        for path in (ROOT / folder).glob("*.yaml"):
            assert f"reader/data/{folder}/{path.name}" in names
    assert "reader/ui/reader.tcss" in names
    assert not any(name.startswith("tests/") for name in names)


def test_installed_layout_is_found_first(tmp_path, monkeypatch):
    """paths.py prefers reader/data/ (the installed layout) over the checkout's folders."""
    from reader.settings import paths

    fake = tmp_path / "reader"
    (fake / "data" / "articles").mkdir(parents=True)
    (fake / "data" / "themes").mkdir()
    monkeypatch.setattr(paths, "PACKAGE_DIR", fake)
    assert paths.bundled_articles() == fake / "data" / "articles"
    assert paths.bundled_themes() == fake / "data" / "themes"
