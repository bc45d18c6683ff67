"""Noisy but valid: prints while loading and building, and changes the working directory."""
import os
import sympy as sp
from verifier import Identity, Real, claim
print("NOISE FROM MODULE IMPORT")
os.chdir("/")
x = sp.Symbol("x")
@claim()
def still_fine():
    """(x + 1)² = x² + 2x + 1."""
    print("NOISE FROM BUILDER")
    return Identity((x + 1) ** 2, x**2 + 2 * x + 1, where={x: Real()})
