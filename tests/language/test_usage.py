"""A builder that calls a claim's class with the wrong arguments is told the call to write."""

from __future__ import annotations

import pytest
import sympy as sp

from verifier import Inequality, Interval, Real
from verifier.language.usage import builder_error

x = sp.Symbol("x", real=True)


def _raised(build: object) -> TypeError:
    with pytest.raises(TypeError) as caught:
        build()  # type: ignore[operator]
    return caught.value


def test_a_missing_argument_names_the_call_in_its_order() -> None:
    err = _raised(lambda: Inequality(x**2, 0, where={x: Real()}))  # type: ignore[call-arg]
    text = builder_error(err)
    assert text.startswith("builder raised TypeError: Inequality.__init__() missing 1 required positional")
    assert text.endswith("; write Inequality(lhs, op, rhs, where=…)")


def test_a_domain_is_named_with_its_optional_arguments() -> None:
    err = _raised(lambda: Interval(0, 1, 2, 3, 4))  # type: ignore[call-arg]
    assert builder_error(err, " at n=3").endswith("write Interval(lo=…, hi=…, open_lo=…, open_hi=…)")
    assert builder_error(err, " at n=3").startswith("builder raised TypeError at n=3: Interval.__init__()")


def test_other_errors_are_left_as_python_said_them() -> None:
    def user_function(a: int) -> int:
        return a

    err = _raised(lambda: user_function())  # type: ignore[call-arg]
    assert builder_error(err) == f"builder raised TypeError: {err}"
    assert (
        builder_error(ValueError("Inequality.__init__() odd")) == "builder raised ValueError: Inequality.__init__() odd"
    )
