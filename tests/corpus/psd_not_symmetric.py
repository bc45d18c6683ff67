"""Broken: a non-symmetric matrix in a psd claim."""
import sympy as sp
from verifier import PSD, Positive, claim
t = sp.Symbol("t")
@claim()
def lopsided():
    """[[1, t], [0, 1]] ⪰ 0."""
    return PSD(sp.ImmutableMatrix([[1, t], [0, 1]]), where={t: Positive()})
