"""Benchmarks: a synthetic corpus, Warta against plain Pelican and Hugo. Run `invoke bench`."""
