"""Broken: a claim builder that never returns."""
from verifier import claim
@claim()
def forever():
    """Never built."""
    while True:
        pass
