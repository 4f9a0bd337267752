"""Widgets of the reading app."""
