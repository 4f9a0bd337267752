"""The library: finding article files, their entries, and the entity links between articles."""
