"""The test suite (a package, so helpers and benchmarks import as tests.*)."""
