"""Search: query parsing, the engine, the search session and its history (pure)."""
