"""Broken: a builder that recurses without end."""
from verifier import claim
def down(k):
    return down(k + 1)
@claim()
def bottomless():
    """Never built."""
    return down(0)
