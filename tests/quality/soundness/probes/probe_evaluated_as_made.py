"""Class 4: what sympy evaluates as a builder makes it, before the engine sees the claim.

A factor cancelled at a symbolic n, x(n − 5)/(n − 5), is x: the claim was PROVED for all n, with no value at
n = 5 (the claims below are true at their stated sizes; tests/strategies/test_size_divisors.py asserts that
they are not "for all n"). A sum or product beside a matrix is evaluated by matrix arithmetic's doit as it is
made: Σ_{k=0}^{n−3} t·X at n = 1 runs down, and sympy's Karr convention reads it as −t·X where a textbook reads
an empty sum, 0; the claim in sympy's reading was PROVED. An empty product (from 0 to −1) beside a trace is 1,
and was an ERROR: the finding beyond the stated sizes built the claim at n = 1, where it runs down. A term's
factor cancelled as it is made, Σ_k t(k − 3)/(k − 3), was PROVED at n = 3, where the term at k = 3 has no value;
it is refused now at n = 3 and 4 (the powers a builder makes are recorded at a concrete n too).

TRUTH maps each claim to (truth, issue class, witness); a witness's "n" is the size it uses.
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Real, claim

t = sp.Symbol("t", real=True)
k = sp.Symbol("k", integer=True)


def _square(n: int) -> sp.MatrixSymbol:
    return sp.MatrixSymbol("X", n, n)


@claim(n=range(1, 5))
def factor_cancelled_at_a_symbolic_size(n: int) -> Identity:
    """t(n − 5)/(n − 5) = t for n = 1..4.

    Proof: n − 5 ≠ 0 at each stated n.
    """
    return Identity(t * (n - 5) / (n - 5), t, where={t: Real()})


@claim(n=range(1, 5))
def quotient_cancelled_at_a_symbolic_size(n: int) -> Identity:
    """(n² − 25)/(n − 5)·t = (n + 5)·t for n = 1..4.

    Proof: n² − 25 = (n − 5)(n + 5), and n − 5 ≠ 0 at each stated n.
    """
    return Identity(sp.S(n**2 - 25) / (n - 5) * t, (n + 5) * t, where={t: Real()})


@claim(n=range(2, 5))
def empty_product_beside_a_trace(n: int) -> Identity:
    """Π_{k=0}^{n−3} e^t · tr X = e^{(n−2)t} · tr X for n = 2..4.

    Proof: n − 2 factors e^t; at n = 2 none, the empty product 1.
    """
    x = _square(n)
    return Identity(
        sp.Product(sp.exp(t), (k, 0, n - 3)) * sp.Trace(x),
        sp.exp((n - 2) * t) * sp.Trace(x),
        where={t: Real(), x: Real()},
    )


@claim(n=[1])
def sum_that_runs_down_beside_a_matrix(n: int) -> Identity:
    """Σ_{k=0}^{n−3} t · X = (n − 2)·t·X at n = 1: false at t = 1, X = (1) in a textbook's reading (the empty sum,
    0, against −1), true in sympy's (Karr: minus the sum from −1 to −1); refused, as a sum written downward is."""
    x = _square(n)
    return Identity(sp.Sum(t, (k, 0, n - 3)) * x, (n - 2) * t * x, where={t: Real(), x: Real()})


@claim(n=[1])
def product_that_runs_down_beside_a_matrix(n: int) -> Identity:
    """Π_{k=0}^{n−3} e^t · X = e^{(n−2)t}·X at n = 1: false at t = 1, X = (1) in a textbook's reading (the empty
    product, 1, against e^{−1}), true in sympy's (Karr: one over the product from −1 to −1)."""
    x = _square(n)
    return Identity(sp.Product(sp.exp(t), (k, 0, n - 3)) * x, sp.exp((n - 2) * t) * x, where={t: Real(), x: Real()})


@claim(n=range(1, 5))
def term_cancelled_at_an_index(n: int) -> Identity:
    """Σ_{k=1}^{n} t(k − 3)/(k − 3) = n·t for n = 1..4: undefined at n = 3, 4, where the term at k = 3 is 0/0 as
    written (sympy cancels it to t as it is made)."""
    return Identity(sp.Sum(t * (k - 3) / (k - 3), (k, 1, n)), n * t, where={t: Real()})


@claim()
def term_cancelled_away_from_its_root_beside_another_sum() -> Identity:
    """Σ_{k=4}^{6} t(k − 3)/(k − 3) + Σ_{k=1}^{4} t = 7t: the cancelled divisor is 0 at k = 3, outside its own sum.

    Proof: three terms t and four terms t (a red team's: the other sum's range holds k = 3, and was refused)."""
    return Identity(sp.Sum(t * (k - 3) / (k - 3), (k, 4, 6)) + sp.Sum(t, (k, 1, 4)), 7 * t, where={t: Real()})


@claim(n=range(1, 4))
def term_cancelled_past_the_size(n: int) -> Identity:
    """Σ_{k=1}^{n} t + Σ_{k=n+1}^{n+2} t(k − n)/(k − n) = (n + 2)t for n = 1..3.

    Proof: n terms t, and two more whose divisor k − n is 1 and 2."""
    terms = sp.Sum(t, (k, 1, n)) + sp.Sum(t * (k - n) / (k - n), (k, n + 1, n + 2))
    return Identity(terms, (n + 2) * t, where={t: Real()})


@claim()
def term_cancelled_where_another_sum_shows_the_divisor() -> Identity:
    """Σ_{k=4}^{6} 1/(k − 3) + Σ_{k=1}^{4} t(k − 3)/(k − 3) = 11/6 + 4t: undefined, the second sum's term at k = 3
    (its divisor shows in the first sum's term, not in its own)."""
    left = sp.Sum(1 / (k - 3), (k, 4, 6)) + sp.Sum(t * (k - 3) / (k - 3), (k, 1, 4))
    return Identity(left, sp.Rational(11, 6) + 4 * t, where={t: Real()})


TRUTH = {
    "factor_cancelled_at_a_symbolic_size": ("true", 4, None),
    "quotient_cancelled_at_a_symbolic_size": ("true", 4, None),
    "empty_product_beside_a_trace": ("true", 4, None),
    "sum_that_runs_down_beside_a_matrix": ("malformed", 4, None),
    "product_that_runs_down_beside_a_matrix": ("malformed", 4, None),
    "term_cancelled_at_an_index": ("partial", 4, None),
    "term_cancelled_away_from_its_root_beside_another_sum": ("true", 4, None),
    "term_cancelled_past_the_size": ("true", 4, None),
    "term_cancelled_where_another_sum_shows_the_divisor": ("partial", 4, None),
}
