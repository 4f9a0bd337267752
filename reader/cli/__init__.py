"""The command line: one module per command, and the dispatch in main."""
