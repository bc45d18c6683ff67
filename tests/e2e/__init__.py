"""Whole-process tests: the CLI end to end, real browsers, a Dask cluster, the sandbox (all slow)."""
