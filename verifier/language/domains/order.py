"""Whether one domain lies inside another: what a chain's step may declare again (it may only narrow).

Conservative: True only where the inclusion follows from the domains' kinds and ends, decided exactly
(an Interval's float ends by their binary value, as the domain reads them); anything else is not known to
narrow, and the chain says to declare the narrower domain on the chain itself.
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from verifier.language.domains.base import Domain
from verifier.language.domains.matrix import SPD, Diagonal, General, Invertible, Orthogonal, PSDMatrix, Symmetric
from verifier.language.domains.scalar import Integer, Interval, Nonnegative, Nonzero, Positive, Real
from verifier.language.domains.vector import OneHot, Simplex

# kinds of vector and matrix that lie inside another kind, whatever the size
_MATRIX_INSIDE: dict[type[Domain], tuple[type[Domain], ...]] = {
    Simplex: (OneHot,),  # a one-hot vector is a vertex of the simplex
    Symmetric: (SPD, PSDMatrix, Diagonal),
    PSDMatrix: (SPD,),
    Invertible: (SPD, Orthogonal),
}


def narrows(new: Domain, old: Domain) -> bool:
    """Every value of `new` is a value of `old` (shown from their kinds and ends)."""
    if new == old or type(old) in (Real, General):  # ℝ and the real matrices hold every real value
        return True
    if type(new) in _MATRIX_INSIDE.get(type(old), ()):
        return True
    span = _span(new)
    if span is None:
        return False
    lo, hi, open_lo, open_hi = span
    return _inside(lo, hi, open_lo, open_hi, old) and (type(old) is not Integer or type(new) is Integer)


Span = tuple[Fraction | None, Fraction | None, bool, bool]  # lo, hi (None: unbounded), open at lo, open at hi


def _span(domain: Domain) -> Span | None:
    """The real interval a scalar domain lies in, or None (a domain of another kind, ℝ∖{0}, an end that is not
    a rational number)."""
    kind = type(domain)
    if kind is Positive:
        return Fraction(0), None, True, True
    if kind is Nonnegative:
        return Fraction(0), None, False, True
    if isinstance(domain, Interval | Integer) and kind in (Interval, Integer):
        lo, hi = _exact(domain.lo), _exact(domain.hi)
        if lo is None or hi is None:
            return None
        return lo, hi, getattr(domain, "open_lo", False), getattr(domain, "open_hi", False)
    return None


def _exact(end: object) -> Fraction | None:
    """An end as the domain reads it: an int, a Fraction, a float by its binary value, a sympy Rational; else None."""
    if isinstance(end, int | float | Fraction):
        return Fraction(end)
    if isinstance(end, sp.Rational):
        return Fraction(int(end.p), int(end.q))
    return None


def _inside(lo: Fraction | None, hi: Fraction | None, open_lo: bool, open_hi: bool, old: Domain) -> bool:
    """The interval (lo, hi) (ends open or closed) lies inside old."""
    if type(old) is Nonzero:
        return (lo is not None and (lo > 0 or (lo == 0 and open_lo))) or (
            hi is not None and (hi < 0 or (hi == 0 and open_hi))
        )
    outer = _span(old)
    if outer is None:
        return False
    o_lo, o_hi, o_open_lo, o_open_hi = outer
    above = o_lo is None or (lo is not None and (lo > o_lo or (lo == o_lo and (open_lo or not o_open_lo))))
    below = o_hi is None or (hi is not None and (hi < o_hi or (hi == o_hi and (open_hi or not o_open_hi))))
    return above and below
