"""Benchmarks of the build (not part of the test run): ``python -m benchmarks``."""
