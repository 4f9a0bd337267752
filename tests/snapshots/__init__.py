"""snapshots tests."""
