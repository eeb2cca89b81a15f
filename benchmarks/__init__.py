"""Benchmarks, each measuring two ways side by side in one run and quoting the ratio."""
