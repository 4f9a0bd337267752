"""The performance benchmark (``python -m tests.benchmarks``): not part of the test run."""
