"""sympy's assumption handlers that state a false fact, replaced by ones that say less.

The kernel proves a sign from sympy's assumptions (`kernel.nonnegative`) and the provisos ask them whether a
denominator may be 0, so a handler that answers True or False wrongly makes PROVED false. Each mend below
answers None (unknown) where sympy 1.14's handler was wrong, and what it answered elsewhere:

- asin, acos and atan of a rational argument are "irrational". asin(0) = atan(0) = 0 and acos(1) = 0, so
  atan(k)² > 0 on the integers was PROVED (atan(k) "not rational", hence not 0) — helper-76's finding.
- binomial(n, k) with k odd and n an integer of unknown sign is "negative or zero" (not nonnegative), though
  binomial(3, 3) = 1: binomial(k, 3) ≤ 0 on −6..6 was PROVED.

Found by comparing each handler's facts with exact values at integer and rational points
(tests/trusted/test_sympy_mends.py repeats that comparison). Installed when `instantiate` is imported, which
every module that asks a claim's facts imports, before the kernel rebuilds any claim's symbols: sympy caches an
object's facts, so a fact asked before the mend would outlive it (the kernel's objects are its own).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp

Handler = Callable[[Any], bool | None]


def _irrational_off(zero_at: int) -> Handler:
    """An inverse trigonometric function of a rational argument is irrational, except where it is 0."""

    def is_rational(self: Any) -> bool | None:
        arg = self.args[0]
        if arg.is_rational and (arg - zero_at).is_nonzero:
            return False
        return None

    return is_rational


def _binomial_nonnegative(self: Any) -> bool | None:
    n, k = self.args
    if n.is_integer and k.is_integer and (n.is_nonnegative or k.is_negative or k.is_even):
        return True
    return None  # k odd and n < 0 gives a value ≤ 0, but n ≥ 0 does not: sympy said False


MENDS: tuple[tuple[type[sp.Basic], str, Handler], ...] = (
    (sp.asin, "rational", _irrational_off(0)),
    (sp.acos, "rational", _irrational_off(1)),
    (sp.atan, "rational", _irrational_off(0)),
    (sp.binomial, "nonnegative", _binomial_nonnegative),
)


def install() -> None:
    """Put each mend in place of sympy's handler (idempotent)."""
    for cls, fact, handler in MENDS:
        setattr(cls, f"_eval_is_{fact}", handler)
        cls._prop_handler[fact] = handler  # sympy reads its handlers from this map
