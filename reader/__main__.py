"""Entry point for ``python -m reader``."""

from reader.cli.main import main

raise SystemExit(main())
