"""Where the tests' own files are: the repository, the test articles, the bundled article."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "articles"
"""Articles written for the tests (minimal, broken, hostile...)."""
MINIMAL = DATA / "minimal.yaml"
"""The smallest article that loads."""
BUNDLED = ROOT / "articles" / "mali-russie-accords-2025-06-23.yaml"
"""The article the reader ships with."""
