"""The terminal UI (the only package that imports Textual): app, themes, palette, screens, widgets."""
