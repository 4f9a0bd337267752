"""Shared fixtures: every test runs with its own empty config and state folders."""

from __future__ import annotations

import compileall
from pathlib import Path

import pytest
import yaml

import reader.load.yamlsource
from tests.hostile import hostile_article
from tests.paths import ROOT


def pytest_configure(config: pytest.Config) -> None:
    """Compile the reader's bytecode once, before the workers start, as ``pip install`` does for an installed package.

    The tests start the reader in hundreds of fresh processes (the command line, the tmux tests); with an editable install
    and PYTHONDONTWRITEBYTECODE set (as on this project's machines) each of them compiled every module it imported again."""
    if not hasattr(config, "workerinput"):  # the controller (or a run without workers): once per session
        for folder in ("reader", "tests"):
            compileall.compile_dir(ROOT / folder, quiet=1)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """Keep the user's real config, state and cache out of the tests."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))  # the library index
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture(params=["libyaml", "pure-python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with libyaml's safe loader and with PyYAML's pure-Python fallback."""
    if request.param == "pure-python":
        monkeypatch.setattr(reader.load.yamlsource, "_SafeLoader", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML built without libyaml")
    return request.param


@pytest.fixture
def article_path(tmp_path: Path) -> Path:
    """The hostile article (tests/hostile.py), written in the test's own folder."""
    return hostile_article(tmp_path / "hostile.yaml")
