"""Whether a convergence claim's iterates stay in the domains declared for its state.

Part of the trusted base. The symbolic view rebuilds the state's symbol from its domain: x on x ≥ 0 is a
nonnegative symbol, so |x| is x there, and x ↦ −x/2 + c(x − |x|) is read as x ↦ −x/2. That reading holds on the
domain only, and the kernel's leading term speaks of the iterates: if the first step leaves the domain, the step
taken next is another branch, which the proof never looked at (with c = 10⁻³⁰⁰ the ratio left of 0 is
−1/2 + 2·10⁻³⁰⁰, and the claim of the constant −1/2 was PROVED). So a proof needs, for each entry of the state:

* its domains hold a neighbourhood of the root on both sides (the root inside an interval, x ≠ 0 around 0, no
  domain at all): iterates near the root stay in it;
* or, for a one-step scalar map only, the root is an end of the domain and the leading term C·e^q keeps the error
  on the domain's side: C > 0 right of the root, C·(−1)^q < 0 left of it.

Anything else (a root outside the domain, an end not shown to be the root, an integer domain, a domain this module
does not know) is NotShowable: the claim is then left to the numeric check.
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from verifier.language.domains.base import Domain
from verifier.language.domains.scalar import Interval, Nonzero, Positive, Real
from verifier.language.iteration import Iteration
from verifier.language.text import clipped
from verifier.trusted.instantiate import Instance
from verifier.trusted.obligations import NotShowable

BOTH, RIGHT, LEFT = "both sides", "right", "left"


def iterates_stay(inst: Instance, shape: Iteration, order: int | None = None, constant: sp.Expr | None = None) -> None:
    """NotShowable unless the state's domains hold the iterates near the root (see the module docstring); order
    and constant are a one-step scalar map's, which alone may converge from one side."""
    root = [sp.sympify(inst.symbolic(r)) for r in shape.root]
    for item in shape.items:
        for symbol, at in zip(item, root, strict=True):
            for domain in (g.domain for g in inst.given if g.target == symbol):
                side = side_of(domain, at)
                if side == BOTH:
                    continue
                if side is not None and order is not None and constant is not None and _keeps(side, order, constant):
                    continue
                raise NotShowable(
                    f"the iterates are not shown to stay in {symbol} ∈ {domain.describe()} near the root "
                    f"{clipped(at, 40)}: the step read on the domain says nothing of a step from outside it"
                )


def side_of(domain: Domain, root: sp.Expr) -> str | None:
    """Where the domain holds points next to the root: BOTH, RIGHT or LEFT of it only, or None (not shown)."""
    if type(domain) is Real or isinstance(domain, Nonzero):
        return BOTH
    if isinstance(domain, Positive):  # and Nonnegative
        return BOTH if root.is_positive is True else RIGHT if root.is_zero is True else None
    if isinstance(domain, Interval):
        above, below = root - _exact(domain.lo), _exact(domain.hi) - root
        if above.is_positive is True and below.is_positive is True:
            return BOTH
        if above.is_zero is True and below.is_positive is True:
            return RIGHT
        if below.is_zero is True and above.is_positive is True:
            return LEFT
    return None


def _keeps(side: str, order: int, constant: sp.Expr) -> bool:
    """Whether C·e^q has the sign of e for e on that side of the root (then, near the root, so does the error)."""
    sign = constant if side == RIGHT else -constant * (-1) ** order
    return bool(sp.sympify(sign).is_positive is True)


def _exact(end: float) -> sp.Rational:
    """An interval's end as the domain reads it (Interval._holds), exactly: a float end is its binary value."""
    q = Fraction(end)
    return sp.Rational(q.numerator, q.denominator)
