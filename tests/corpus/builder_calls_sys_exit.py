"""Broken: the claim's builder calls sys.exit (the module loads)."""
import sys

from verifier import Identity, claim


@claim()
def quits() -> Identity:
    sys.exit(3)
