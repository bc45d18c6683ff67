"""The symbolic-size claim written out at a concrete n (verifier.trusted.decide.sums.concrete): sums term by
term, entries as the explicit build's symbols, and what it refuses."""

from __future__ import annotations

import pytest
import sympy as sp

from verifier.trusted.decide.sums.concrete import written_out
from verifier.trusted.obligations import NotShowable

n = sp.Symbol("n", integer=True, positive=True)
i, k, m = (sp.Symbol(s, integer=True) for s in "ikm")
z, a_ = sp.IndexedBase("z"), sp.IndexedBase("A")


def test_nested_sums_are_written_out_with_the_explicit_names() -> None:
    e = sp.Sum(sp.Sum(a_[i, m] * z[m], (m, 1, n)), (i, 1, n))
    z1, z2, a11, a12, a21, a22 = sp.symbols("z1 z2 A11 A12 A21 A22")
    assert written_out(e, n, 2) == a11 * z1 + a12 * z2 + a21 * z1 + a22 * z2


def test_a_function_matrix_is_made_explicit_entry_by_entry() -> None:
    r, c = sp.Dummy("r", integer=True), sp.Dummy("c", integer=True)
    side = sp.FunctionMatrix(n, 1, sp.Lambda((r, c), sp.Sum(a_[r + 1, i] * z[i], (i, 1, n)) + n))
    z1, z2, a11, a12, a21, a22 = sp.symbols("z1 z2 A11 A12 A21 A22")
    assert written_out(side, n, 2) == sp.ImmutableMatrix([a11 * z1 + a12 * z2 + 2, a21 * z1 + a22 * z2 + 2])


def test_an_inner_index_shadowing_an_outer_one_takes_the_inner_value() -> None:
    e = sp.Sum(z[i] * sp.Sum(z[i], (i, 1, 2)), (i, 1, 2))
    z1, z2 = sp.symbols("z1 z2")
    assert sp.expand(written_out(e, n, 2) - (z1 + z2) ** 2) == 0


def test_two_digit_sizes_separate_a_matrix_entry_s_indices() -> None:
    assert written_out(a_[1, 10], n, 10) == sp.Symbol("A1_10")


def test_a_bound_on_an_outer_sum_s_index_is_refused() -> None:
    with pytest.raises(NotShowable, match="bounds"):
        written_out(sp.Sum(sp.Sum(z[k], (k, 1, i)), (i, 1, n)), n, 2)


def test_an_entry_at_an_index_without_a_value_is_refused() -> None:
    with pytest.raises(NotShowable, match="entry"):
        written_out(sp.Sum(z[i] * z[k], (i, 1, n)), n, 2)
