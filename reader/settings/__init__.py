"""The user's settings: paths, config (theme, keymap), reading state."""
