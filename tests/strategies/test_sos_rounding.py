"""The SOS search's exact steps give sympy's and Python's answers, in FLINT and numpy (the same values, faster)."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import sympy as sp

from verifier.strategies.sos import exact as sos_exact
from verifier.strategies.sos import search as sos

a, b, c, d = TS = sp.symbols("a b c d", real=True)


def test_a_gap_is_read_in_flint_as_sympys_poly_in_its_order() -> None:
    for gap in [(a + b / 2) ** 3 - a * b * c + sp.Rational(3, 7), ((a + b + c + d) / 4) ** 4 - a * b * c * d, a * c]:
        poly = sp.Poly(sp.expand(gap), *TS)
        expected = {m: Fraction(int(v.p), int(v.q)) for m, v in poly.terms()}
        read = sos._read_in_flint(gap, list(TS))
        assert read == expected and list(read or {}) == list(expected)
    assert sos._read_in_flint(a / b, list(TS)) is None  # not a polynomial as written: sympy's expand decides
    assert sos._read_in_flint(sp.pi * a, list(TS)) is None


def test_cross_products_are_the_sums_of_two_distinct_basis_monomials() -> None:
    rng = random.Random(4)
    for width, top in [(3, 3), (40, 6)]:  # the second's exponents do not fit one 62-bit number: tuples
        basis = [tuple(rng.randint(0, top) for _ in range(width)) for _ in range(12)]
        multiplier = tuple(int(i == 0) for i in range(width))
        found = sos.CrossProducts({multiplier: basis})
        expected = {tuple(m + x + y for m, x, y in zip(multiplier, p, q, strict=True))
                    for p, q in itertools.combinations(basis, 2)}  # fmt: skip
        assert all(p in found for p in expected)
        outside = [tuple(rng.randint(0, 2 * top + 2) for _ in range(width)) for _ in range(200)]
        assert all((p in found) == (p in expected) for p in outside)


def test_one_projection_serves_several_points_exactly_in_a_general_basis() -> None:
    """A reduced basis (x² − y², xy) feeds several monomials per unknown: the dense normal equations, set up
    once, put each point on the constraints exactly; a target outside the basis's reach has no projection."""
    x2, xy, y2 = (2, 0), (1, 1), (0, 2)
    basis = ({x2: Fraction(1), y2: Fraction(-1)}, {xy: Fraction(1)})
    target = sos_exact.multiply(basis[0], basis[0])
    problem = sos_exact.GramProblem(target, (sos_exact.Block((0, 0), basis),))
    contributions = problem.contributions()
    projection = sos_exact.Projection(problem, contributions)
    for seed in range(3):
        rng = random.Random(seed)
        point = [Fraction(rng.randint(-9, 9), 5) for _ in contributions]
        projected = projection(point)
        assert projected == sos_exact.project(problem, point, contributions)
        total: dict[tuple[int, ...], Fraction] = {}
        for value, poly in zip(projected or [], contributions, strict=True):
            for m, v in poly.items():
                total[m] = total.get(m, Fraction(0)) + value * v
        assert {m: v for m, v in total.items() if v} == target
    unreachable = sos_exact.GramProblem({(4, 0): Fraction(1), (0, 4): Fraction(2)}, problem.blocks)
    assert sos_exact.project(unreachable, [Fraction(0)] * len(contributions), unreachable.contributions()) is None
