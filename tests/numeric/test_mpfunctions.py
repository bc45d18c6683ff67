"""The mpmath implementation of each function: where it has no real value, or cannot give one, it says so in a way
the definedness check reads (a red team's findings, helper-70 and helper-71)."""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp

from verifier.numeric import mpfunctions
from verifier.numeric.mpfunctions import NoRealValue, call


def test_erfinv_outside_its_real_domain_has_no_real_value() -> None:
    """mpmath raised a plain ValueError, which read as "cannot evaluate": 173 of 200 samples skipped in silence."""
    assert call(sp.erfinv, [mpmath.mpf("0.5")]) == mpmath.erfinv(mpmath.mpf("0.5"))
    with pytest.raises(NoRealValue):
        call(sp.erfinv, [mpmath.mpf(2)])
    with pytest.raises(NoRealValue):
        call(sp.erfcinv, [mpmath.mpf(-1)])  # erfinv(1 − (−1)) = erfinv(2)


def test_double_factorial_is_defined_where_sympy_defines_it() -> None:
    """mpmath's fac2 extends n!! to every real n; sympy's (and numpy's, through sympy's printer) stops at integers."""
    assert call(sp.factorial2, [mpmath.mpf(5)]) == 15
    assert call(sp.factorial2, [mpmath.mpf(-3)]) == -1
    assert mpmath.isnan(call(sp.factorial2, [mpmath.mpf("2.5")]))
    assert mpmath.isnan(call(sp.factorial2, [mpmath.mpf(-2)]))


def test_a_function_mpmath_lacks_is_refused_before_it_is_called() -> None:
    """sympy prints yn for mpmath by its own name: a NameError at the call, an internal error of ours."""
    with pytest.raises(TypeError, match="no high-precision implementation of yn"):
        call(sp.yn, [mpmath.mpf(0), mpmath.mpf(2)])


def test_a_series_that_does_not_converge_is_a_value_mpmath_cannot_give(monkeypatch: pytest.MonkeyPatch) -> None:
    def stuck(_: object) -> None:
        raise mpmath.libmp.NoConvergence("zeta: too much cancellation")

    monkeypatch.setitem(mpfunctions.FUNCTIONS, sp.zeta, stuck)
    with pytest.raises(ValueError, match="did not converge evaluating zeta"):
        call(sp.zeta, [mpmath.mpf(1)])
