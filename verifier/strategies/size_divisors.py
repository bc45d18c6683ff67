"""What a builder made at a symbolic n that sympy evaluated away, and may fail at a size.

A builder called with a symbolic n writes ``x*(n - 5)/(n - 5)``, and sympy cancels the factor as the
expression is made: the claim at symbolic n is ``x``, and was PROVED for all n, though the builder has no
value at n = 5 (the concrete claim there is nan). ``Sum(x, (k, 0, 5 - n))*X`` is ``(6 − n)·x·X`` once matrix
arithmetic has called doit, which from n = 7 on is sympy's reading of a sum that runs down (Karr's), not a
textbook's (empty). While the builder runs at the symbolic n, what it makes is recorded
(verifier.language.made), and the for-all-n proof is asked for only if each power with a negative exponent
whose base is in n alone is nonzero, and each sum's and product's count of terms in n alone is ≥ 0, at every
integer n from the family's first size on. What may fail is named; the claim keeps its verdicts at its
stated sizes.

Nothing here is trusted: it only withholds the generic rung's attempt (verifier.strategies.dimension).
"""

from __future__ import annotations

import sympy as sp

from verifier.language.made import Made, cancelled_divisor, divisors


def failing(made: Made, size: sp.Symbol, start: int) -> str:
    """Why the claim made at a symbolic size may have no value, or another one, at an integer n ≥ start
    ("" if it cannot)."""
    for base in (d for d in divisors(made) if d.free_symbols == {size}):
        why = _may_vanish(base, size, start)
        if why:
            return f"it divides by {sp.sstr(base)}, {why}"
    if why := _summed_divisor(made, size, start):
        return why
    m = sp.Dummy("m", integer=True, nonnegative=True)
    for kind, index, lo, hi in made.ranges:
        count = sp.sympify(hi - lo + 1)
        if count.free_symbols == {size} and count.xreplace({size: m + start}).is_nonnegative is not True:
            return f"its {kind} over {index} has {sp.sstr(count)} terms, not shown ≥ 0 at every n ≥ {start}"
        # a term's factor cancelled as made, (k − 3)/(k − 3), over a range that grows with n: 0 at some n's k = 3
        base = cancelled_divisor(made, index) if lo.is_Integer and size in hi.free_symbols else None
        if base is not None and _may_vanish(base, index, int(lo)):
            return f"its {kind}'s term over {index} divides by {sp.sstr(base)}, cancelled as made, 0 at some {index}"
    return ""


def _summed_divisor(made: Made, size: sp.Symbol, start: int) -> str:
    """A divisor holding a sum of a polynomial to n whose closed form has a factor in n alone that may be 0 at a
    size: Σ_{k≤n} (kx − 2x) is x·n(n − 3)/2, with no value at n = 3 for any x (red team 131)."""
    bases = (b for b in made.bases if isinstance(b, sp.Expr) and b.has(sp.Sum) and size in b.free_symbols)
    for base in dict.fromkeys(bases):
        sums = base.atoms(sp.Sum)
        if not all(s.function.is_polynomial(*s.variables) for s in sums):
            continue
        try:
            factors = sp.factor_list(sp.expand(base.doit()))[1]
        except (sp.PolynomialError, NotImplementedError, ValueError, TypeError):
            continue
        for factor, _ in factors:
            if factor.free_symbols == {size} and (why := _may_vanish(factor.as_expr(), size, start)):
                return f"it divides by {sp.sstr(base)}, whose factor {sp.sstr(factor)} is {why.split(' (')[0]}"
    return ""


def _may_vanish(base: sp.Expr, size: sp.Symbol, start: int) -> str:
    m = sp.Dummy("m", integer=True, nonnegative=True)
    if base.xreplace({size: m + start}).is_zero is False:
        return ""
    try:
        factors = sp.factor_list(sp.Poly(base, size, domain=sp.QQ))[1]
    except (sp.PolynomialError, sp.CoercionFailed, NotImplementedError, ValueError, TypeError):
        return f"not shown nonzero at every n ≥ {start}"
    for factor, _ in factors:
        if factor.degree() == 1:  # a factor of degree ≥ 2, irreducible over ℚ, has no rational root
            a, b = factor.all_coeffs()
            root = -b / a
            if root.is_integer and root >= start:
                return f"0 at n = {root} (no value there; cancelled at a symbolic n)"
    return ""
