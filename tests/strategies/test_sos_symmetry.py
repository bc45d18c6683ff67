"""Sign symmetry: a Gram block split by the parity of its monomials in the variables whose flip fixes the problem."""

from __future__ import annotations

import pytest
import sympy as sp

from verifier.strategies.sos import exact as sos_exact
from verifier.strategies.sos import sdp as sos_sdp
from verifier.strategies.sos import search as sos
from verifier.strategies.sos import symmetry

x, y, z = sp.symbols("x y z", real=True)
needs_clarabel = pytest.mark.skipif(not sos_sdp.available(), reason="clarabel absent: pip install '.[sos]'")


def _problem(gap: sp.Expr) -> sos_exact.GramProblem:
    view = sos.polynomial_view(gap)
    assert isinstance(view, sos.PolyView)
    problem = sos.gram_problem(view)
    assert isinstance(problem, sos_exact.GramProblem)
    return problem


def _sizes(problem: sos_exact.GramProblem) -> list[int]:
    return sorted(len(blk.basis) for blk in problem.blocks)


def test_an_even_gap_splits_its_block_by_parity() -> None:
    """x⁴ + y⁴ − x²y² is even in x and in y: the basis (x², xy, y²) splits into {x², y²} and {xy}."""
    problem = _problem(x**4 + y**4 - x**2 * y**2)
    assert _sizes(problem) == [3]
    split = symmetry.split_by_signs(problem)
    assert _sizes(split) == [1, 2]
    assert {tuple(sorted(next(iter(z)) for z in blk.basis)) for blk in split.blocks} == {((0, 2), (2, 0)), ((1, 1),)}


def test_a_variable_of_odd_degree_is_never_flipped() -> None:
    """(x + y)² has the monomial 2xy, odd in x and y: a split by either would drop the entry that makes it."""
    problem = _problem((x + y) ** 2 + (y + z) ** 2)
    assert symmetry.flips(problem) == []
    assert symmetry.split_by_signs(problem) is problem


def test_a_multiplier_odd_in_a_variable_keeps_it_unflipped() -> None:
    """t·(…) with t ≥ 0 changes sign with t: t is not flipped even where the target is even in it."""
    t = sp.Symbol("t", nonnegative=True)
    view = sos.polynomial_view(t**2 * x**2 + t**2 + x**2)
    assert isinstance(view, sos.PolyView)
    problem = sos_exact.GramProblem(view.target, (sos_exact.Block((1, 0), ({(0, 0): sos_exact.Fraction(1)},)),))
    assert symmetry.flips(problem) == [1]  # x only; t (the first variable) is the multiplier's


@needs_clarabel
@pytest.mark.parametrize(
    "gap",
    [
        (x**2 + y**2 + z**2) ** 3 / 27 - x**2 * y**2 * z**2,  # AM–GM on squares: zeros at |x| = |y| = |z|
        x**4 + y**4 - x**2 * y**2 + x**2 * z**2,
        (x**2 - y**2) ** 2 + (x * y - z**2) ** 2,
    ],
    ids=["am-gm-squares", "even", "even-with-zeros"],
)
def test_the_split_search_still_finds_an_exact_sum_of_squares(gap: sp.Expr) -> None:
    found = sos.search(gap)
    assert isinstance(found, sos.Found), found
    weights, forms = sos.to_squares(found)
    assert sp.expand(sp.Add(*[w * f[0] ** 2 for w, f in zip(weights, forms, strict=True)]) - gap) == 0


@needs_clarabel
def test_the_split_problem_is_what_the_search_solves(monkeypatch: pytest.MonkeyPatch) -> None:
    """The SDP sees the parity blocks: at most 3 monomials in a block of the AM–GM gap's 10-monomial basis."""
    seen: list[list[int]] = []
    solve = sos_sdp.solve

    def spy(problem: sos_exact.GramProblem, contributions: list[sos_exact.Poly]) -> sos_sdp.Solution:
        seen.append(_sizes(problem))
        return solve(problem, contributions)

    monkeypatch.setattr(sos_sdp, "solve", spy)
    gap = (x**2 + y**2 + z**2) ** 3 / 27 - x**2 * y**2 * z**2
    assert _sizes(_problem(gap)) == [10]
    assert isinstance(sos.search(gap), sos.Found)
    assert seen and all(max(sizes) <= 3 for sizes in seen)
