"""Expectation claims whose noise law depends on another noise variable: never PROVED or CHECKED.

The verifier draws noise variables independently and integrates by products of their moments, so a law
Y ~ N(X, 1) beside X ~ N(0, 1) has no meaning for it (the kernel refuses it; the numeric path once integrated
it as if Y were independent of X: a true reading REFUTED, a false one CHECKED). Such a claim is malformed: an
ERROR that says to write Y as X + Z with Z independent. A control with a law on an ordinary parameter stays true.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Expectation, Normal, Real, claim

X, Y, mu = sp.symbols("X Y mu")


@claim(expect="refuted")
def dependent_true() -> Expectation:
    """X and Y share a draw: read as Y = X + Z, E[XY] = E[X²] + E[X]E[Z] = 1, but independent draws give 0."""
    return Expectation(X * Y, 1, noise={X: Normal(0, 1), Y: Normal(X, 1)})


@claim(expect="refuted")
def dependent_false() -> Expectation:
    """X and Y share a draw: read as Y = X + Z, E[XY] = 1, so 0 is false at every point; independent draws say 0."""
    return Expectation(X * Y, 0, noise={X: Normal(0, 1), Y: Normal(X, 1)})


@claim(expect="refuted")
def dependent_mean() -> Expectation:
    """X and Y share a draw: read as Y = X + Z, E[X + Y] = 2·E[X] = 6."""
    return Expectation(X + Y, 6, noise={X: Normal(3, 1), Y: Normal(X, 1)})


@claim()
def mean_on_a_parameter() -> Expectation:
    """E[X] = μ for X ~ N(μ, 1).
    The mean of a normal law is its first parameter."""
    return Expectation(X, mu, noise={X: Normal(mu, 1)}, where={mu: Real()})


TRUTH = {
    "dependent_true": ("malformed", 1, None),
    "dependent_false": ("malformed", 1, None),
    "dependent_mean": ("malformed", 1, None),
    "mean_on_a_parameter": ("true", 1, None),
}
