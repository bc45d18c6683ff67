"""Conditions in one symbol whose real zeros sympy's solveset finds exactly, and those zeros.

A divisor cancelled as a side is built or read ((e^(2x) − 9)/(eˣ − 3) = eˣ + 3, \\frac{e^x-2}{e^x-2} = 1) leaves the
claim undefined where it is 0, at a point no sample lands on (x = log 3). Besides polynomials, a polynomial of small
degree in one function of the symbol has zeros solveset writes exactly and quickly: in one exponential e^(a·u) (u a
polynomial of degree 1 or 2: eˣ − 3, e^(x²) − e, 2ˣ − 3, eˣ − e^(−x) − 1), one sine or cosine of an argument linear in
the symbol (sin x − 1) or one logarithm of one (log x − 1). Other conditions are not given to solveset here, which
can take minutes on them.
"""

from __future__ import annotations

import sympy as sp

MAX_POWER = 4  # the degree of the polynomial in the one function
MAX_OPS = 60  # a larger condition is not solved
MAX_DEGREE = 8  # a polynomial in the symbol: above 4, its roots are CRootOf
SEARCH = sp.Interval(-8, 8)  # on an unbounded window, the zeros of a periodic condition are looked for here


def in_one_function(condition: sp.Expr, x: sp.Symbol) -> bool:
    """condition = p(t), p a polynomial of degree 1 to MAX_POWER (in t and 1/t for an exponential) and t one
    exponential, sine, cosine or logarithm as the module says."""
    if sp.count_ops(condition) > MAX_OPS:
        return False
    powers = {p: sp.exp(p.exp * sp.log(p.base)) for p in condition.atoms(sp.Pow) if _exponential_power(p, x)}
    condition = condition.xreplace(powers)
    exponentials = [e for e in condition.atoms(sp.exp) if e.has(x)]
    if exponentials:
        return _in_one_exponential(condition, exponentials, x)
    atoms = [f for f in condition.atoms(sp.sin, sp.cos, sp.log) if f.has(x)]
    if len(atoms) != 1 or not _degree_at_most(atoms[0].args[0], x, 1):
        return False
    return _polynomial_in(condition.xreplace({atoms[0]: _T}), 1)


_T = sp.Dummy("t")


def _exponential_power(p: sp.Pow, x: sp.Symbol) -> bool:
    """A power bˣ of a positive number b (2ˣ)."""
    return bool(p.base.is_number and p.base.is_positive and p.exp.has(x))


def _in_one_exponential(condition: sp.Expr, exponentials: list[sp.Expr], x: sp.Symbol) -> bool:
    """The exponentials' arguments rational multiples k·u of one polynomial u of degree 1 or 2, and condition a
    polynomial in e^u and e^(−u)."""
    base = exponentials[0].args[0]
    ratios = [sp.nsimplify(e.args[0] / base, rational=False) for e in exponentials]
    if not _degree_at_most(base, x, 2) or not all(r.is_Rational and r != 0 for r in ratios):
        return False
    smallest = min((abs(r) for r in ratios), key=float)
    steps = [r / smallest for r in ratios]
    if not all(s.is_integer for s in steps):
        return False
    written = condition.xreplace({e: _T ** int(s) for e, s in zip(exponentials, steps, strict=True)})
    return _polynomial_in(written * _T ** max(0, -min(int(s) for s in steps)), 1)


def _degree_at_most(u: sp.Expr, x: sp.Symbol, top: int) -> bool:
    return bool(u.has(x) and u.is_polynomial(x) and 1 <= sp.Poly(u, x).degree() <= top)


def _polynomial_in(written: sp.Expr, low: int) -> bool:
    written = sp.expand(written)
    return bool(
        written.free_symbols == {_T} and written.is_polynomial(_T) and low <= sp.Poly(written, _T).degree() <= MAX_POWER
    )


def real_zeros(condition: sp.Expr, x: sp.Symbol, window: sp.Set) -> tuple[list[sp.Expr], bool] | None:
    """The real zeros of a condition in x alone within the window, exact, and whether they are all of them (a
    periodic condition's on an unbounded window are those in SEARCH only); None if the condition is not of a kind
    solved here, or solveset does not give them."""
    if condition.free_symbols != {x}:
        return None
    if condition.is_polynomial(x):
        return _polynomial_zeros(condition, x, window)
    if not in_one_function(condition, x):
        return None
    try:
        found = sp.solveset(condition, x, window)
        complete = found is sp.S.EmptySet or isinstance(found, sp.FiniteSet)
        found = found if complete else sp.Intersection(found, SEARCH)
    except (NotImplementedError, ValueError, TypeError, RecursionError):
        return None
    if not (found is sp.S.EmptySet or isinstance(found, sp.FiniteSet)) or any(p.is_real is not True for p in found):
        return None  # a zero sympy cannot show real (or not) leaves the zeros undecided
    return list(found), complete


def _polynomial_zeros(condition: sp.Expr, x: sp.Symbol, window: sp.Set) -> tuple[list[sp.Expr], bool] | None:
    """A polynomial's real roots in the window (all of them: isolated for rational coefficients, else every root in
    radicals), degree 1 to MAX_DEGREE; None otherwise."""
    try:
        poly = sp.Poly(condition, x)
        if not 1 <= poly.degree() <= MAX_DEGREE:
            return None
        if poly.get_domain().is_QQ or poly.get_domain().is_ZZ:
            roots = list(dict.fromkeys(poly.real_roots()))
        else:
            found = sp.roots(poly)
            if sum(found.values()) != poly.degree() or any(r.is_real is None for r in found):
                return None
            roots = [r for r in found if r.is_real is True]
    except (sp.PolynomialError, NotImplementedError, ValueError):
        return None
    return [r for r in roots if window.contains(r) is not sp.false], True
