"""A limit with parameters is proved for every parameter value of the domain, never from sympy's generic answer."""

from __future__ import annotations

import pytest
import sympy as sp

from verifier.language.claims import Limit
from verifier.language.domains import Interval, Positive, Real
from verifier.language.expect import Expect
from verifier.language.families import Claim
from verifier.trusted import kernel, limits
from verifier.trusted.instantiate import Instance, instantiate
from verifier.trusted.kernel.base import Rejected

t, x, a, g, h = sp.symbols("t x a g h")
B = (3 * a - 1) ** 2  # 0 at a = 1/3


def _inst(body: Limit) -> Instance:
    return instantiate(Claim("c", "test", "c", body, Expect.HOLDS, None))


@pytest.mark.parametrize(
    "body",
    [
        Limit(1 / (1 + B * t), t, sp.oo, 0, where={a: Real()}),  # 1 at a = 1/3 (red team 93, f1)
        Limit(B * t / (B * t + 1), t, sp.oo, 1, where={a: Interval(0, 1)}),
        Limit(a**2 * t / (a**2 * t + 1), t, sp.oo, 1, where={a: Real()}),
        Limit((B * t + 1) / (B * t + 2), t, sp.oo, 1, where={a: Real()}),
        Limit((B + x) / (B + 2 * x), x, 0, 1, where={a: Real()}, dir="+"),
        Limit(sp.log(1 + B * t), t, sp.oo, sp.oo, where={a: Real()}),
        Limit(t / (t + sp.Abs(3 * a - 1) * t**2), t, sp.oo, 0, where={a: Real()}),
    ],
)
def test_a_limit_false_at_a_special_parameter_value_is_not_proved(body: Limit) -> None:
    with pytest.raises(Rejected, match=r"1/3|= 0|a = 0"):
        kernel.prove_limit(_inst(body))


@pytest.mark.parametrize(
    "body",
    [
        Limit(1 / (1 + a * t), t, sp.oo, 0, where={a: Positive()}),  # a = 0 lies outside ℝ₊
        Limit(B * t / (B * t + 1), t, sp.oo, 1, where={a: Interval(1, 2)}),  # 1/3 lies outside [1, 2]
        Limit(g * (h - (h + (t - 1) * a) / t), t, sp.oo, g * (h - a), where={g: Real(), h: Real(), a: Real()}),
        Limit((1 + a / x) ** x, x, sp.oo, sp.exp(a), where={a: Real()}),  # at a = 0 it is 1 = e⁰: checked there
        Limit((a**x - 1) / x, x, 0, sp.log(a), where={a: Positive()}),  # at a = 1 it is 0 = log 1
    ],
)
def test_a_limit_true_for_every_parameter_value_is_proved(body: Limit) -> None:
    assert kernel.prove_limit(_inst(body)).rule == "limit"


def test_the_special_values_are_found_exactly_and_only_in_the_domain() -> None:
    inst = _inst(Limit(1 / (1 + B * t), t, sp.oo, 0, where={a: Real()}))
    expr = inst.symbolic(1 / (1 + B * t))
    assert [list(p.values()) for p in limits.special_values(inst, expr, t, sp.oo)] == [[sp.Rational(1, 3)]]
    inside = _inst(Limit(1 / (1 + B * t), t, sp.oo, 0, where={a: Interval(1, 2)}))
    assert limits.special_values(inside, inside.symbolic(1 / (1 + B * t)), t, sp.oo) == []


@pytest.mark.parametrize(
    "body",
    [
        Limit(t**a / t**2, t, sp.oo, 0, where={a: Interval(0, 2)}),  # 1 at a = 2: sympy's oo**(a − 2)
        Limit(t ** (a - 1) / t, t, sp.oo, 0, where={a: Interval(0, 3)}),  # 1 at a = 2, ∞ beyond
    ],
)
def test_a_limit_whose_growth_rates_cross_in_the_domain_is_not_proved(body: Limit) -> None:
    with pytest.raises(Rejected):
        kernel.prove_limit(_inst(body))


def test_a_rate_that_stays_apart_in_the_domain_is_still_proved() -> None:
    assert kernel.prove_limit(_inst(Limit(t**3 * sp.exp(-a * t), t, sp.oo, 0, where={a: Positive()}))).rule == "limit"
    assert kernel.prove_limit(_inst(Limit(sp.log(t) ** a / t, t, sp.oo, 0, where={a: Real()}))).rule == "limit"
