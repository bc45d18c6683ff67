"""E[expr] by exact moments (obligations.expectation_by_moments): right values, and polynomials only."""

from __future__ import annotations

import pytest
import sympy as sp

from verifier.language.distributions import Bernoulli, Normal, Uniform
from verifier.trusted.obligations import expectation_by_moments

a, b, mu, s, p = sp.symbols("a b mu s p")
d, e, m = sp.symbols("d e m")


def test_each_monomial_becomes_the_product_of_its_moments() -> None:
    # E[(a + d)²·e·m] with d ~ N(μ, s), e ~ U[0, 2], m ~ Bernoulli(p) independent
    noise = {d: Normal(mu, s), e: Uniform(0, 2), m: Bernoulli(p)}
    got = expectation_by_moments((a + d) ** 2 * e * m, noise)
    assert sp.expand(got - (a**2 + 2 * a * mu + mu**2 + s) * 1 * p) == 0


def test_like_monomials_are_collected_and_high_moments_are_exact() -> None:
    # E[d⁴ + b·d⁴ − d⁴] = b·E[d⁴], E[d⁴] = μ⁴ + 6μ²s + 3s² for d ~ N(μ, s)
    got = expectation_by_moments(d**4 * (1 + b) - d**4 + a * m**3, {d: Normal(mu, s), m: Bernoulli(p)})
    assert sp.expand(got - b * (mu**4 + 6 * mu**2 * s + 3 * s**2) - a * p) == 0


def test_an_expression_free_of_the_noise_is_its_own_expectation() -> None:
    assert expectation_by_moments(a * sp.exp(b), {d: Normal(0, 1)}) == a * sp.exp(b)


@pytest.mark.parametrize("expr", [sp.exp(d), 1 / d, sp.Abs(d), sp.sqrt(d), d**a, a**d, sp.sin(d) * d, 1 / (1 + d)])
def test_noise_other_than_in_nonnegative_integer_powers_is_refused(expr: sp.Expr) -> None:
    with pytest.raises(sp.PolynomialError):
        expectation_by_moments(a * expr + d, {d: Normal(0, 1)})
