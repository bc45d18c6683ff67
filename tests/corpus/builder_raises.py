"""Broken: a builder that raises."""
from verifier import claim
@claim(n=range(1, 3))
def raises(n):
    """Never built."""
    raise ValueError(f"no claim for n={n}")
