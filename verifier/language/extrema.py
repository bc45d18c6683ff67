"""Max and Min of two affine forms, built without sympy's questions when neither can be the larger (issue 42).

sympy builds Max(x, y) (and Min) by asking, for each pair of its arguments, whether one is always the
larger (``MinMaxBase._is_connected``): x ≥ y, x ≤ y, then both again with the arguments swapped, then all
of it again on factor_terms(x − y). Each comparison is an assumptions query over the whole difference,
and a ReLU network builds a Max per hidden unit, each over a sum of products wᵢⱼxⱼ + bᵢ: sympy's
comparisons took 15 to 20 % of ``two_layer_net.relu_hidden_weight_gradient`` (Max(0, h) built, and built
again in each view of the claim).

The short cut answers for one shape of difference only, where sympy's own answer is known to be "not
connected" (False): d = x − y is a polynomial in commutative symbols with rational coefficients, and some
symbol v appears in it to the first power only, with no sign declared for it. Every symbol of d may be
real (none is declared non-real, zero or infinite). Then d takes both signs where its symbols are real:

- d = a·v + b, with a and b polynomials in the other symbols, and a is not the zero polynomial: its
  monomials are those of d's terms with v in them, divided by v, distinct because sympy's Add collects
  like terms;
- a nonzero polynomial is nonzero somewhere on any product of infinite sets, and every set a sympy
  symbol may be declared in is infinite (positive, integer, even, nonzero…; zero is the exception, and
  is excluded), so a ≠ 0 at some point of the other symbols;
- there, v ranges over all of ℝ (no sign declared; an integer v over all of ℤ), and d = a·v + b takes
  both signs.

So neither argument is the larger everywhere: each of sympy's comparisons, which answer only what holds
everywhere, stays an unevaluated relation, and ``_is_connected`` returns False (it returns False too where
an argument is not real, as a TypeError). The short cut returns False at once; any other pair goes to
sympy's own. Max and Min keep every argument they kept before, in the same order
(tests/language/test_extrema.py compares both on random differences and assumptions).

Importing this module installs the short cut once, in every process that builds claims.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp
from sympy.functions.elementary.miscellaneous import MinMaxBase

_original: Callable[[Any, sp.Expr, sp.Expr], Any] = MinMaxBase._is_connected.__func__
SIGNS = ("positive", "negative", "nonnegative", "nonpositive")


def may_be_real(s: sp.Basic) -> bool:
    """A commutative symbol that may take real values other than 0 and ±∞ (its set of values is infinite)."""
    return (
        isinstance(s, sp.Symbol)
        and s.is_commutative is True
        and s.is_extended_real is not False
        and s.is_zero is not True
        and s.is_infinite is not True
    )


def _powers(term: sp.Basic) -> list[tuple[sp.Basic, int]] | None:
    """A monomial's (symbol, exponent) pairs, its rational coefficient dropped; None if it is not a monomial of
    symbols that may be real, with positive integer exponents."""
    factors = term.args if isinstance(term, sp.Mul) else (term,)
    out = []
    for f in factors:
        if f.is_Rational:
            continue
        base, exponent = (f.base, f.exp) if isinstance(f, sp.Pow) else (f, sp.S.One)
        if not (exponent.is_Integer and exponent > 0 and may_be_real(base)):
            return None
        out.append((base, int(exponent)))
    return out


def takes_both_signs(d: sp.Expr) -> bool:
    """d is a polynomial (rational coefficients) with a symbol of no declared sign to the first power only, in
    symbols that may be real: d = a·v + b, a ≠ 0, so d is positive somewhere and negative somewhere."""
    once: set[sp.Basic] = set()
    higher: set[sp.Basic] = set()
    for term in sp.Add.make_args(d):
        powers = _powers(term)
        if powers is None:
            return False
        for symbol, exponent in powers:
            (once if exponent == 1 else higher).add(symbol)
    return any(all(getattr(v, f"is_{sign}") is None for sign in SIGNS) for v in once - higher)


def is_connected(cls: Any, x: sp.Expr, y: sp.Expr) -> Any:
    """sympy's MinMaxBase._is_connected, with False at once where x − y takes both signs (see the docstring)."""
    if takes_both_signs(x - y):
        return False
    return _original(cls, x, y)


def install() -> None:
    MinMaxBase._is_connected = classmethod(is_connected)


def uninstall() -> None:
    """sympy's own (the tests compare the two)."""
    MinMaxBase._is_connected = classmethod(_original)


install()
