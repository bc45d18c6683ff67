"""Broken: a syntax error."""
from verifier import claim
@claim()
def broken(:
    pass
