"""The article model: frozen dataclasses, located problems, navigation steps and jump history (pure)."""
