"""The size limit on article files as typed (--max-bytes, READER_MAX_BYTES): one that is no limit is a usage error
saying what is wrong, never a traceback, nor a limit that refuses every file."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from reader.cli.main import main
from reader.load.limits import DEFAULT_MAX_BYTES, byte_limit, environment_limit
from tests.paths import ROOT

ARTICLE = str(ROOT / "tests" / "data" / "articles" / "minimal.yaml")


@pytest.mark.parametrize(("typed", "says"), [("0", "'0' would refuse every file"), ("-5", "'-5' would refuse every file"),
                                             ("abc", "'abc' is not a whole number of bytes"),
                                             ("12k", "'12k' is not a whole number of bytes")])
@pytest.mark.parametrize("command", [["check"], ["search", "mali"], ["export"], ["index"]])
def test_a_max_bytes_that_is_no_limit_is_a_usage_error(capsys, monkeypatch, command, typed, says):
    monkeypatch.delenv("READER_MAX_BYTES", raising=False)
    status = main([command[0], "--max-bytes", typed, *command[1:], ARTICLE])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert err.splitlines()[-1] == f"reader {command[0]}: error: argument --max-bytes: {says}" + (
        f" (the default, 32 MiB, is {DEFAULT_MAX_BYTES})" if "whole" in says else ": a limit is a number of bytes above 0")


def test_a_max_bytes_above_0_is_taken(capsys, monkeypatch):
    monkeypatch.delenv("READER_MAX_BYTES", raising=False)
    assert main(["check", "--max-bytes", "100", ARTICLE]) == 1  # the file is over 100 bytes: refused by its size
    assert "over the limit of 100" in capsys.readouterr().err
    assert byte_limit(" 2_000 ") == 2000


@pytest.mark.parametrize("typed", ["abc", "0", "-3", ""])
def test_reader_max_bytes_that_is_no_limit_is_said_and_nothing_runs(capsys, monkeypatch, typed):
    monkeypatch.setenv("READER_MAX_BYTES", typed)
    assert environment_limit()[0] == DEFAULT_MAX_BYTES
    assert main(["check", ARTICLE]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"reader: READER_MAX_BYTES: {typed!r} ") and err.count("\n") == 1


def test_reader_max_bytes_that_is_no_limit_is_no_traceback_in_a_fresh_process():
    # the loader reads READER_MAX_BYTES when imported: int('abc') there was a traceback before any message
    env = dict(os.environ, READER_MAX_BYTES="abc", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "reader", "check", ARTICLE], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("reader: READER_MAX_BYTES: 'abc' is not a whole number of bytes")
    loaded = subprocess.run([sys.executable, "-c", "import reader.load.yamlsource as y; print(y.MAX_BYTES)"],
                            capture_output=True, text=True, env=env, timeout=60)
    assert loaded.returncode == 0 and loaded.stdout.strip() == str(DEFAULT_MAX_BYTES)
