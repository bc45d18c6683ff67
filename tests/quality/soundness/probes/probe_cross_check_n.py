"""Class 4: a claim proved for every n is still about the claim stated at each n (issue 42, red team).

A claim family proved at a symbolic n (the generic-dimension rule) covers the statement the builder
returns at each stated n only if that statement is the symbolic one at that n. A builder is user
code: it may branch on n. Each probe here returns, at one middle n (never the smallest two nor the
largest), a statement that differs from the symbolic one only where the claim is undefined or leaves
the reals: the same sides rewritten with a removable singularity inside the domain, or the same
sides over a domain of the same kind with other ends. At that n the claim is partial (undefined or
complex at a point of its declared domain), so it must never be PROVED or CHECKED; at every other n
it holds. A run that checks the middle n numerically finds the point (REFUTED, or ERROR "narrow the
domain"); a run that trusts the proof for every n there must first see that the statement at that n
is not the symbolic one.

TRUTH maps each claim to (truth, issue class, witness); a witness's "n" is the size it uses.
"""

from __future__ import annotations

import sympy as sp

from verifier import Chain, Identity, Integer, Interval, Real, Step, claim

x = sp.Symbol("x")
k = sp.Symbol("k")
MIDDLE = 3  # neither of the two smallest stated n nor the largest


@claim(n=range(1, 6))
def removable_singularity_at_a_middle_n(n: int) -> Identity:
    """x + 1 = x + 1 for x in [0, 2], but at n = 3 the left side is written (x² − 1)/(x − 1).

    At n = 3 the left side is undefined at x = 1, a point of the domain (the midpoint): partial there.
    """
    lhs = (x**2 - 1) / (x - 1) if n == MIDDLE else x + 1
    return Identity(lhs, x + 1, where={x: Interval(0, 2)})


@claim(n=range(1, 6))
def removable_singularity_at_a_middle_n_in_matrix_notation(n: int) -> Identity:
    """x·(A + B)ᵀ = x·(Aᵀ + Bᵀ) for x in [0, 2], but at n = 3 the scalar x is written (x² − x)/(x − 1).

    At n = 3 the left side is undefined at x = 1, a point of the domain: partial there.
    """
    A, B = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("B", n, n)
    c = (x**2 - x) / (x - 1) if n == MIDDLE else x
    return Identity(c * (A + B).T, x * (A.T + B.T), where={A: Real(), B: Real(), x: Interval(0, 2)})


@claim(n=range(1, 6))
def interval_moves_at_a_middle_n(n: int) -> Identity:
    """√x·(√x + 1) = x + √x for x in [1, 2], but for x in [−2, −1] at n = 3 (the same kind of domain).

    At n = 3 both sides are complex (undefined in ℝ) at every point of the domain, e.g. −1 + i at x = −1.
    """
    domain = Interval(-2, -1) if n == MIDDLE else Interval(1, 2)
    return Identity(sp.sqrt(x) * (sp.sqrt(x) + 1), x + sp.sqrt(x), where={x: domain})


@claim(n=range(1, 6))
def integer_range_moves_at_a_middle_n(n: int) -> Identity:
    """√k·(√k + 1) = k + √k for k in {1, …, 4}, but for k in {−4, …, −1} at n = 3.

    At n = 3 both sides are complex (undefined in ℝ) at every point of the domain, e.g. −1 + i at k = −1.
    """
    domain = Integer(-4, -1) if n == MIDDLE else Integer(1, 4)
    return Identity(sp.sqrt(k) * (sp.sqrt(k) + 1), k + sp.sqrt(k), where={k: domain})


@claim(n=range(1, 6))
def log_domain_moves_at_a_middle_n(n: int) -> Identity:
    """log x·(x + 1) = x·log x + log x for x in [1, 2], but for x in [−2, −1] at n = 4.

    At n = 4 both sides are complex (undefined in ℝ): log of a negative number, at every point.
    """
    domain = Interval(-2, -1) if n == MIDDLE + 1 else Interval(1, 2)
    return Identity(sp.log(x) * (x + 1), x * sp.log(x) + sp.log(x), where={x: domain})


@claim(n=range(1, 6))
def removable_singularity_on_every_n(n: int) -> Identity:
    """(x² − 1)/(x − 1) = x + 1 for x in [0, 2] at every n (the control: no n is skipped here).

    Undefined at x = 1, a point of the domain, at every n: partial.
    """
    return Identity((x**2 - 1) / (x - 1) + 0 * n, x + 1, where={x: Interval(0, 2)})


@claim(n=range(1, 6))
def chain_step_with_a_removable_singularity_at_a_middle_n(n: int) -> Chain:
    """x + 1 = x + 1 = x + 1 for x in [0, 2], but at n = 3 the middle expression is written (x² − 1)/(x − 1).

    At n = 3 step 1 is undefined at x = 1, a point of the domain: partial there (a chain built once per n).
    """
    middle = (x**2 - 1) / (x - 1) if n == MIDDLE else x + 1
    steps = (Step("=", middle, "factor"), Step("=", x + 1, "cancel"))
    return Chain(x + 1, steps=steps, where={x: Interval(0, 2)})


TRUTH = {
    "removable_singularity_at_a_middle_n": ("partial", 4, {"n": MIDDLE, "x": 1}),
    "removable_singularity_at_a_middle_n_in_matrix_notation": ("partial", 4, None),  # 0/0 in a matrix product
    "interval_moves_at_a_middle_n": ("partial", 4, None),
    "integer_range_moves_at_a_middle_n": ("partial", 4, None),
    "log_domain_moves_at_a_middle_n": ("partial", 4, None),
    "removable_singularity_on_every_n": ("partial", 4, {"n": 1, "x": 1}),
    "chain_step_with_a_removable_singularity_at_a_middle_n": ("partial", 4, {"n": MIDDLE, "x": 1, "step": 1}),
}
