"""Sums and products a builder made that sympy evaluated as they were made: an empty one is empty, one that runs
down is refused (as a sum written so is), and a proof for all n is not asked for where one may run down."""

from __future__ import annotations

import pytest
import sympy as sp

from verifier import Identity, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language import made
from verifier.language.lowering import LoweringError, lower
from verifier.outcome import Status
from verifier.strategies.dimension import attempt

FAST = EngineSettings(samples=40)
t = sp.Symbol("t", real=True)
k = sp.Symbol("k", integer=True)


def _square(n: int) -> sp.MatrixSymbol:
    return sp.MatrixSymbol("X", n, n)


@claim(n=range(2, 5))
def empty_product_times_a_trace(n: int) -> Identity:
    """Π_{k=0}^{n−3} e^t · tr X = e^{(n−2)t} tr X: at n = 2 the product is empty, 1.

    Proof: n − 2 factors e^t.
    """
    x = _square(n)
    return Identity(sp.Product(sp.exp(t), (k, 0, n - 3)) * sp.Trace(x), sp.exp((n - 2) * t) * sp.Trace(x), where={
        t: Real(), x: Real()})  # fmt: skip


@claim(n=[1])
def sum_that_runs_down_times_a_matrix(n: int) -> Identity:
    """Σ_{k=0}^{n−3} t · X = (n − 2)·t·X at n = 1: sympy's Karr reading (−t), a textbook's is empty (0)."""
    x = _square(n)
    return Identity(sp.Sum(t, (k, 0, n - 3)) * x, (n - 2) * t * x, where={t: Real(), x: Real()})


@claim(n=[1])
def product_that_runs_down_times_a_matrix(n: int) -> Identity:
    """Π_{k=0}^{n−3} e^t · X = e^{(n−2)t}·X at n = 1: sympy's Karr reading (e^{−t}), a textbook's is empty (1)."""
    x = _square(n)
    return Identity(sp.Product(sp.exp(t), (k, 0, n - 3)) * x, sp.exp((n - 2) * t) * x, where={t: Real(), x: Real()})


@claim(n=range(1, 5))
def sum_that_runs_down_beyond_the_sizes(n: int) -> Identity:
    """Σ_{k=0}^{5−n} t · X = (6 − n)·t·X for n = 1..4: true there; from n = 7 on only in sympy's Karr reading."""
    x = _square(n)
    return Identity(sp.Sum(t, (k, 0, 5 - n)) * x, (6 - n) * t * x, where={t: Real(), x: Real()})


def test_an_empty_product_beside_a_matrix_is_one_and_a_finding_beyond_the_sizes_is_no_error() -> None:
    """It was an ERROR: the finding beyond the stated n built the claim at n = 1, where the product runs down."""
    r = verify_family(empty_product_times_a_trace, FAST)
    assert r.status is Status.PROVED and 2 in r.proved_n, r.reason


def test_a_sum_or_product_evaluated_as_it_was_made_that_runs_down_is_refused() -> None:
    """Matrix arithmetic calls doit: both were PROVED for all n, in sympy's reading of a range that runs down."""
    for family, words in ((sum_that_runs_down_times_a_matrix, "minus the sum"), (
            product_that_runs_down_times_a_matrix, "one over the product")):  # fmt: skip
        r = verify_family(family, FAST)
        assert r.status is Status.ERROR and "runs down, from 0 to -2" in r.reason and words in r.reason, r.reason


def test_no_proof_for_all_n_where_a_sum_made_may_run_down() -> None:
    found = attempt(sum_that_runs_down_beyond_the_sizes)
    assert found is not None and found.proof is None and "6 - n terms, not shown ≥ 0" in found.reason
    r = verify_family(sum_that_runs_down_beyond_the_sizes, FAST)
    assert r.status is Status.PROVED and not r.for_all_n


def test_what_a_builder_made() -> None:
    n = sp.Symbol("n", integer=True, positive=True)
    value, found = made.recording(lambda: sp.Sum(t, (k, 0, 2)) * t / (n - 1) * (n - 1))
    assert value == t**2 * sp.Sum(1, (k, 0, 2)) or value.has(sp.Sum)
    assert made.divisors(found) == [n - 1] and found.ranges == [("sum", k, 0, 2)]
    _, found = made.recording(lambda: sp.Product(t, (k, 3, 1)) * _square(2))
    assert made.divisors(found) == [] and "product over k runs down, from 3 to 1" in made.running_down(found)
    assert made.running_down(made.recording(lambda: sp.Sum(t, (k, 3, 2)))[1]) == ""  # empty, not down
    assert type(sp.Sum(t, (k, 0, 1))) is sp.Sum and sp.Pow(n, -1) == 1 / n  # sympy's own classes again


def test_a_product_written_downward_is_read_by_sympy_as_one_over_a_product() -> None:
    """The message said 'minus the product', which is Karr's sum; his product is inverted."""
    with pytest.raises(LoweringError, match="one over the product from 1 to 2"):
        lower(Identity(sp.Product(t, (k, 3, 0)), t, where={t: Real()}))
    with pytest.raises(LoweringError, match="minus the sum from 1 to 2"):
        lower(Identity(sp.Sum(t, (k, 3, 0)), t, where={t: Real()}))


@claim(n=range(1, 3))
def term_cancelled_beyond_the_sizes(n: int) -> Identity:
    """Σ_{k=1}^{n} t(k − 3)/(k − 3) = Σ_{k=1}^{n} t for n = 1, 2: true there; from n = 3 on the term at k = 3 is
    0/0 as written (sympy cancels it to t as it is made)."""
    return Identity(sp.Sum(t * (k - 3) / (k - 3), (k, 1, n)), sp.Sum(t, (k, 1, n)), where={t: Real()})


def test_no_proof_for_all_n_where_a_term_cancelled_as_made_is_zero_at_an_index() -> None:
    found = attempt(term_cancelled_beyond_the_sizes)
    assert found is not None and found.proof is None and "divides by k - 3, cancelled as made" in found.reason
    assert made.cancelled_divisor(made.Made(bases=[k - 3], terms=[t / (k - 3)]), k) is None  # shown: written out


def test_a_term_cancelled_where_its_range_reaches_the_divisors_root_is_refused() -> None:
    """Σ_{k=1}^{4} t(k − 3)/(k − 3): sympy makes the term t, though at k = 3 it has no value as written."""
    _, found = made.recording(lambda: sp.Sum(t * (k - 3) / (k - 3), (k, 1, 4)))
    why = made.cancelled_in_range(found)
    assert "divides by k - 3" in why and "at k = 3, within the sum's range 1..4" in why
    _, found = made.recording(lambda: sp.Sum(t * (k - 3) / (k - 3), (k, 4, 9)))  # the root is outside the range
    assert made.cancelled_in_range(found) == ""
    _, found = made.recording(lambda: sp.Sum(t / (k - 3), (k, 4, 9)))  # the term shows its divisor: not cancelled
    assert made.cancelled_in_range(found) == ""
    _, found = made.recording(lambda: sp.Product(t * (k**2 - 9) / (k**2 - 9), (k, -10**6, 10**6)))  # a long range
    assert "at k = -3" in made.cancelled_in_range(found)
