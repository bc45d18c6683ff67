"""The shrinker's own search: deterministic, bounded, inside the domain, and never a point the check did not fail.

tests/quality/test_shrink_and_mutate.py checks that the library's kinds of claims shrink to simple values; these
tests try to make the search say more than it found."""

from __future__ import annotations

from collections.abc import Callable
from random import Random
from typing import Any

import numpy as np
import pytest
import sympy as sp

from verifier import SPD, Identity, Inequality, Integer, Interval, Limit, Orthogonal, Positive, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language import domains as d
from verifier.language.claims import Given
from verifier.language.mathlib import matrix, vector
from verifier.numeric import shrink
from verifier.outcome import ClaimResult, Status

x, y = sp.symbols("x y")
FAST = EngineSettings(samples=60)


def _counterexample(r: ClaimResult) -> dict[str, Any]:
    assert r.status is Status.REFUTED and r.counterexample is not None, r.reason
    return r.counterexample.values


def test_the_same_seed_gives_the_same_counterexample() -> None:
    wrong = claim(expect="refuted", name="freshman")(
        lambda: Identity((x + y) ** 2, x**2 + y**2, where={x: Real(), y: Real()})
    )
    first, again = (_counterexample(verify_family(wrong, FAST)) for _ in range(2))
    assert first == again == {"x": 1.0, "y": 1.0}


def test_a_claim_false_only_between_simple_points_keeps_its_own_counterexample() -> None:
    """False only for x in (0.34, 0.36): no point of small integers and halves fails, so the random sample's
    counterexample stands, and nothing says it was shrunk."""
    narrow = claim(expect="refuted", name="narrow")(
        lambda: Inequality((x - sp.Rational(35, 100)) ** 2, ">=", sp.Rational(1, 10**4), where={x: Interval(0, 1)})
    )
    r = verify_family(narrow, EngineSettings(samples=400))
    value = _counterexample(r)["x"]
    assert 0.34 < value < 0.36
    assert "simplest values" not in r.counterexample.note


def _search(fails: Callable[[list[np.ndarray]], bool]) -> shrink._Search:
    v = vector("v", 6)
    block = shrink._block(Given(v, Real()), None)  # no value needed: a real vector has simple values
    assert block is not None
    return shrink._Search([block], fails)


def test_the_search_checks_at_most_max_checks_points(monkeypatch: pytest.MonkeyPatch) -> None:
    """A claim no simple point refutes, with more random points to try than the bound: each point is checked once,
    and the search stops at the bound."""
    monkeypatch.setattr(shrink, "MAX_EXAMPLES", 5 * shrink.MAX_CHECKS)
    checked: list[tuple[float, ...]] = []

    def never(arrays: list[np.ndarray]) -> bool:
        checked.append(tuple(arrays[0].reshape(-1)))
        return False

    search = _search(never)
    assert search.first_failure((1, 2, 3, 4, 5, 6), Random(0)) is None
    assert len(checked) == shrink.MAX_CHECKS and len(set(checked)) == len(checked)


def test_shrinking_lowers_digits_while_the_point_still_fails() -> None:
    """Fails where v₃ ≥ 2 (any other entry): the simplest such point is v₃ = 2 and the rest 0, within the bound."""
    calls: list[int] = []

    def third_at_least_two(arrays: list[np.ndarray]) -> bool:
        calls.append(1)
        return bool(arrays[0].reshape(-1)[2] >= 2)

    search = _search(third_at_least_two)
    start = search.first_failure(None, Random(0))
    assert start is not None
    found = search.arrays(search.shrink(start))
    assert found is not None and list(found[0].reshape(-1)) == [0, 0, 2, 0, 0, 0]
    assert len(calls) <= shrink.MAX_CHECKS


def test_a_shrunk_point_lies_in_the_domain() -> None:
    """x > 0 and y in [2, 3]: the simplest failing point is built from the values each domain admits."""
    wrong = claim(expect="refuted", name="log_sum")(
        lambda: Identity(sp.log(x + y), sp.log(x) + sp.log(y), where={x: Positive(), y: Interval(2, 3)})
    )
    values = _counterexample(verify_family(wrong, FAST))
    assert values["x"] > 0 and 2 <= values["y"] <= 3
    assert (2 * values["x"]).is_integer() and (2 * values["y"]).is_integer()


def test_signed_permutations_are_orthogonal_and_the_identity_comes_first() -> None:
    q = matrix("Q", 3)
    block = shrink._block(Given(q, Orthogonal()), np.eye(3))
    assert block is not None
    assert block.sizes == (3, 2, 1, 2, 2, 2)
    assert np.array_equal(block.make((0,) * 6), np.eye(3))
    for digits in [(2, 1, 0, 1, 0, 1), (1, 0, 0, 0, 0, 0), (0, 1, 0, 1, 1, 1)]:
        m = block.make(digits)
        assert m is not None and np.allclose(m @ m.T, np.eye(3)), digits


def test_a_matrix_domain_never_gets_a_matrix_outside_it() -> None:
    """SPD: entries alone do not ensure it, so a candidate outside the domain is never built, let alone checked."""
    s = matrix("S", 2)
    block = shrink._block(Given(s, d.SPD()), np.eye(2))
    assert block is not None
    assert block.sizes == (8, 8, 8)  # symmetric: the entries on and above the diagonal
    assert block.make((0, 0, 0)) is None  # the zero matrix
    assert block.make((1, 3, 1)) is None  # [[1, 2], [2, 1]]: an eigenvalue -1
    ones = block.make((1, 0, 1))
    assert ones is not None and np.array_equal(ones, np.eye(2))


@claim(n=range(2, 3), expect="refuted")
def orthogonal_is_symmetric(n: int) -> Identity:
    """Wrong: an orthogonal matrix is symmetric."""
    m = matrix("Q", n)
    return Identity(m, m.T, where={m: Orthogonal()})


def test_an_orthogonal_counterexample_is_a_signed_permutation() -> None:
    m = np.array(_counterexample(verify_family(orthogonal_is_symmetric, FAST))["Q"], dtype=float)
    assert np.allclose(m @ m.T, np.eye(2)) and set(np.abs(m).reshape(-1)) == {0.0, 1.0}
    assert not np.allclose(m, m.T)


def test_integers_a_float_cannot_hold_are_no_simple_values() -> None:
    """float(2**53 + 1) is 2**53, outside Integer(2**53 + 1, 2**54): such ends have no simple values (and
    Integer(-10**400, 10) no float at all: an OverflowError before)."""
    assert shrink._scalar_values(d.Integer(2**53 + 1, 2**54)) is None
    assert shrink._scalar_values(d.Integer(-(10**400), 10)) is None
    assert shrink._scalar_values(d.Integer(2**53 - 2, 2**54)) == [2.0**53 - 2, 2.0**53 - 1, 2.0**53]
    k, t = sp.symbols("k t")
    far = claim(expect="refuted", name="far")(
        lambda: Limit(k + t, t, 0, equals=-k, where={k: Integer(2**53 + 1, 2**54)})
    )
    assert 2**53 + 1 <= int(_counterexample(verify_family(far, FAST))["k"]) <= 2**54


@claim(n=range(1, 2), expect="refuted")
def two_weights(n: int) -> Limit:
    """W1 and W2 are both W at n = 1: the shrinker must not give W1 (SPD) the value of W2 (real)."""
    t = sp.symbols("t")
    w1, w2 = matrix("W1", n), matrix("W2", n)
    return Limit(sp.log(w1.det()) + w2[0, 0] + t, t, 0, equals=7, where={w1: SPD(), w2: Real()})


def test_two_givens_with_one_name_each_get_their_own_value() -> None:
    r = verify_family(two_weights, FAST)
    assert r.status is Status.REFUTED and "undefined" not in r.reason, r.reason
    assert "settles at" in r.reason and "not 7" in r.reason
