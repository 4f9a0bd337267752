"""Feeds and web pages into the library: polite fetching, the feed list, updates."""
