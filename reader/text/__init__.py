"""Text: folding, annotation spans, terminal-safe text, wrapping into rows (pure)."""
