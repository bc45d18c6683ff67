"""Broken: a builder that returns a string."""
from verifier import claim
@claim()
def stringly():
    """Not a statement."""
    return "x = x"
