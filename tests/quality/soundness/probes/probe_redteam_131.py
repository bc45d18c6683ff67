"""Claims proved for every n (red team 131): index sums at a symbolic n in Python claims.

A Python claim with no matrix symbol, built at a symbolic n (sp.Sum to n, or entries of an IndexedBase), is decided
for every n by the index-sum rules (verifier/trusted/decide/sums/). At da29482 one false claim was PROVED (for all
n): the rule "substitution under δ", δ(u, v)·f = δ(u, v)·f[v := u], replaced v everywhere in f, also inside a sum
whose bound index the rules had named b0, the name of the claim's own integer scalar b0. In
x + 10⁻³⁰·δ(m, b0)·Σ_k x·cos(k + (k − 1)(k − 2)(m − k)) it turned m into the sum's index instead of the scalar b0,
and the left side became the right side, x + 10⁻³⁰·δ(m, b0)·Σ_k x·cos k. The two agree at n = 1, 2 (proved again
there) and differ from n = 3 on by about 10⁻³⁰·x, which the cross-check's floats at n = 3, 4 cannot see. The
substitution now leaves a term alone when u or v is an index its sums bind: no proof for all n, and the explicit
path REFUTES the claim at an exact point at n = 3. The same with a product, which the rules keep as it is written:
δ(m, k)·Π_k g(k, m), with the claim's free integer k beside the product's own k, became Π_k g(k, k) (PROVED for
all n; REFUTED now): no binder in the term may bind u or v. That claim binds k again inside the claim, which this
suite's witness check cannot substitute into, so it is tested in tests/trusted/test_for_all_n_red_team_131.py.

Beside it, what held: a geometric closed form (xⁿ⁺¹ − 1)/(x − 1) against the Σ written out (REFUTED at x = 1), a
denominator Σ that vanishes at one x at a middle n (REFUTED there, the definedness check at every n), Gauss's
sum with the wrong bound (REFUTED), det(−X) = det X and det(2X) = 2 det X (no proof for all n; REFUTED at n = 1, 2),
a log rule used on an entry past the declared positive vector, z_{n+1} (REFUTED: the right side is complex; the
kernel's proof for every n no longer covers it, tests/trusted/test_for_all_n_red_team_131.py), and a quotient of
sums that is 0/0 at a stated n (PROVED at the other sizes as before, no longer "for all n"). A divisor
Σ_{k≤n} (kx − 2x) = x·n(n − 3)/2 has no value at n = 3 for any x; a Python claim dividing by it, or a LaTeX line
dividing by Σ_i (ic − 3c) = c·k(k − 5)/2, was PROVED for all n, sizes included where it has none: it is proved at
its stated sizes only now, as a divisor in n alone (the verdicts were right; only "for all n" was not).

TRUTH maps each claim to (truth, issue class, witness); a witness's "n" is the size it uses.
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Integer, Interval, Real, claim

x = sp.Symbol("x")
y = sp.Symbol("y")
m = sp.Symbol("m", integer=True)
b0 = sp.Symbol("b0", integer=True)  # the name the index-sum rules give a sum's first bound index
k = sp.Symbol("k", integer=True)
TINY = sp.Rational(1, 10**30)


def _captured(n: object, exponent: object) -> sp.Expr:
    """x + 10⁻³⁰·δ(m, b0)·Σ_{k=1}^{n} x·cos(k + (k − 1)(k − 2)(e − k)), e = exponent(k); written out at an int n."""

    def term(j: sp.Expr) -> sp.Expr:
        return x * sp.cos(j + (j - 1) * (j - 2) * (exponent(j) - j))  # type: ignore[operator]

    if isinstance(n, int):
        total = sp.Add(*[term(sp.Integer(j)) for j in range(1, n + 1)])
    else:
        total = sp.Sum(term(k), (k, 1, n))
    return x + TINY * sp.KroneckerDelta(m, b0) * total


@claim(n=range(1, 5))
def delta_substitution_into_a_sum_that_binds_the_name(n: object) -> Identity:
    """x + 10⁻³⁰δ(m, b0)Σ_k x·cos(k + (k − 1)(k − 2)(m − k)) = x + 10⁻³⁰δ(m, b0)Σ_k x·cos k for m, b0 ∈ {1, 2}
    (false at n = 3, m = b0 = 1, x = 1: the third terms are cos(−1) and cos 3, 10⁻³⁰·1.53 apart)."""
    where = {x: Real(), m: Integer(1, 2), b0: Integer(1, 2)}
    return Identity(_captured(n, lambda j: m), _captured(n, lambda j: j), where=where)


@claim(n=range(1, 5))
def delta_substitution_with_other_names(n: object) -> Identity:
    """The control: δ(m, p)·Σ_k x·cos k = δ(m, p)·Σ_k x·cos k with the scalar named p (no bound name).

    Proof: both sides are one expression.
    """
    p = sp.Symbol("p", integer=True)
    where = {x: Real(), m: Integer(1, 2), p: Integer(1, 2)}
    side = sp.KroneckerDelta(m, p) * (
        sp.Add(*[x * sp.cos(j) for j in range(1, n + 1)]) if isinstance(n, int) else sp.Sum(x * sp.cos(k), (k, 1, n))
    )
    return Identity(side, side, where=where)


@claim(n=range(1, 5))
def geometric_closed_form_at_every_n(n: int) -> Identity:
    """Σ_{k=0}^{n} x^k = (x^{n+1} − 1)/(x − 1) on ℝ: the right side is undefined at x = 1, the left is n + 1."""
    return Identity(sp.Sum(x**k, (k, 0, n)), (x ** (n + 1) - 1) / (x - 1), where={x: Real()})


@claim(n=range(1, 5))
def geometric_sum_times_its_divisor(n: int) -> Identity:
    """(x − 1)·Σ_{k=0}^{n} x^k = x^{n+1} − 1.

    Proof: the sum telescopes, Σ_k (x^{k+1} − x^k).
    """
    return Identity((x - 1) * sp.Sum(x**k, (k, 0, n)), x ** (n + 1) - 1, where={x: Real()})


C = 4 - sp.Rational(1369, 10000)


@claim(n=range(1, 5))
def quotient_of_sums_with_a_pole_at_a_middle_n(n: int) -> Identity:
    """Σ_k y(x² + c − 2k) / Σ_k (x² + c − 2k) = y, c = 4 − 0.1369: the denominator is n·x² + n·c − n(n + 1), at
    n = 3 zero at x = ±0.37, so the left side is undefined there (at n = 1, 2 it is > 0)."""
    den = sp.Sum(x**2 + C - 2 * k, (k, 1, n))
    return Identity(sp.Sum(y * (x**2 + C - 2 * k), (k, 1, n)) / den, y, where={x: Real(), y: Real()})


@claim(n=range(1, 6))
def gauss_sum_from_zero_with_the_wrong_closed_form(n: int) -> Identity:
    """Σ_{k=0}^{n} k·x = n(n − 1)/2·x (false at n = 1, x = 1: 1 against 0)."""
    return Identity(sp.Sum(k * x, (k, 0, n)), sp.Rational(n * (n - 1), 2) * x, where={x: Real()})


@claim(n=range(1, 4))
def determinant_of_minus_x(n: int) -> Identity:
    """det(−X) = det X (false at n = 1, X = (1): −1 against 1; true at even n only)."""
    X = sp.MatrixSymbol("X", n, n)
    return Identity(sp.det(-X), sp.det(X), where={X: Real()})


@claim(n=range(1, 4))
def determinant_of_two_x(n: int) -> Identity:
    """det(2X) = 2·det X (false at n = 2, X = I: 4 against 2)."""
    X = sp.MatrixSymbol("X", n, n)
    return Identity(sp.det(2 * X), 2 * sp.det(X), where={X: Real()})


@claim(n=range(1, 4))
def determinant_of_two_x_scaled(n: int) -> Identity:
    """det(2X) = 2ⁿ·det X.

    Proof: det is multilinear in the n rows.
    """
    X = sp.MatrixSymbol("X", n, n)
    return Identity(sp.det(2 * X), 2**n * sp.det(X), where={X: Real()})


@claim(n=range(1, 4))
def mean_of_a_constant_over_a_window(n: int) -> Identity:
    """Σ_{k=n}^{2n} x / (n + 1) = x on [0, 1].

    Proof: the sum has n + 1 terms x.
    """
    return Identity(sp.Sum(x, (k, n, 2 * n)) / (n + 1), x, where={x: Interval(0, 1)})


TRUTH = {
    "delta_substitution_into_a_sum_that_binds_the_name": ("false", 4, {"n": 3, "x": 1, "m": 1, "b0": 1}),
    "delta_substitution_with_other_names": ("true", 4, None),
    "geometric_closed_form_at_every_n": ("partial", 4, {"n": 1, "x": 1}),
    "geometric_sum_times_its_divisor": ("true", 4, None),
    "quotient_of_sums_with_a_pole_at_a_middle_n": ("partial", 4, None),  # a sympy Sum, 0/0 at x = 0.37
    "gauss_sum_from_zero_with_the_wrong_closed_form": ("false", 4, {"n": 1, "x": 1}),
    "determinant_of_minus_x": ("false", 4, {"n": 1, "X": [[1]]}),
    "determinant_of_two_x": ("false", 4, {"n": 2, "X": [[1, 0], [0, 1]]}),
    "determinant_of_two_x_scaled": ("true", 4, None),
    "mean_of_a_constant_over_a_window": ("true", 4, None),
}
