"""The benchmark harness's own tests (collected by CI: pyproject.toml's testpaths)."""
