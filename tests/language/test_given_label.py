"""A given's label (the name its symbols were made with) is worked out once: a counterexample's every sample
asks it again (issue 42)."""

from __future__ import annotations

import dataclasses
import pickle

import sympy as sp

from verifier.language.claims import Given
from verifier.language.domains import Real


def test_a_label_is_worked_out_once_and_travels_with_the_given() -> None:
    g = Given(sp.ImmutableMatrix(sp.symbols("W1_1:4")), Real())
    first = g.label
    assert first == "W1" and g.label is first  # the same string: not worked out again
    again = pickle.loads(pickle.dumps(g))
    assert again == g and again.label == "W1"
    moved = dataclasses.replace(g, target=sp.ImmutableMatrix(sp.symbols("V_1:3")))
    assert moved.label == "V"  # a new given works out its own
    assert Given(sp.Symbol("x"), Real()).label == "x"


def test_a_row_matrix_is_labelled_by_its_name_not_by_its_entries_common_prefix() -> None:
    # Y11, Y12 share the prefix Y1; the matrix is Y
    assert Given(sp.ImmutableMatrix(1, 2, sp.symbols("Y11 Y12")), Real()).label == "Y"
    assert Given(sp.ImmutableMatrix(2, 2, sp.symbols("A11 A12 A21 A22")), Real()).label == "A"
