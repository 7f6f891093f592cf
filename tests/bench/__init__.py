"""Benchmarks (not run by `make test`): `make bench` or `python -m tests.bench [--size N]`."""
