"""Where both sides of an identity have no value at the same points, no point refutes it (test_soundness.py).

log(2a) = log 2 + log a with a = frac(√2·x) on [1/2, 2] has no value on either side at x = 1/√2 (log 0), and a
value on both sides everywhere else, where it holds. No point of the domain has one side and not the other, so
there is no counterexample; a proof holds "wherever both sides are real", and the reason must say so (the set it
holds on is not empty: the samples are taken there). Rearranged as log(2a) − log a = log 2, the right side has a
value at x = 1/√2 and the left has none: a partial claim, refuted there (the probe modules' "partial" cases).
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Interval
from verifier.api import verify
from verifier.outcome import ClaimResult, Status

x = sp.Symbol("x", real=True)
FRAC = sp.sqrt(2) * x - sp.floor(sp.sqrt(2) * x)
DOMAIN = {x: Interval(sp.Rational(1, 2), 2)}


def _verdict(left: sp.Expr, right: sp.Expr) -> ClaimResult:
    result = verify(Identity(left, right, where=DOMAIN))
    assert isinstance(result, ClaimResult)
    return result


def test_a_proof_where_both_sides_are_undefined_together_says_where_it_holds() -> None:
    result = _verdict(sp.log(2 * FRAC), sp.log(2) + sp.log(FRAC))
    assert result.status is Status.PROVED, result.reason
    assert "wherever both sides are real" in result.reason


def test_one_side_undefined_alone_at_the_same_point_is_refuted() -> None:
    partial = _verdict(sp.log(2 * FRAC) - sp.log(FRAC), sp.log(2))
    assert partial.status is Status.REFUTED, partial.reason
    assert partial.counterexample is not None
