"""helper-86's red team on the proofs for every n: claims true at every stated n and false beyond, which were
PROVED for all n.

- A sum the rules took for real: Σ_{i≤n} √(4 − i) is real up to n = 4 and complex from n = 5, where |S|² ≠ S².
  The comparison put a real symbol in place of each sum; a sum is real for it now only where its terms are shown
  real for every n (decide/sums/decide.py `_abstracted`).
- A scalar p beside positive entries p_i: the rules read "positive" by name, so log(p^e) = e log p passed for
  a real p. A scalar named like a vector is now outside the rules' fragment.
- A sympy Sum over part of a matrix's axis: Σ_{k=0}^{n−1} X_kk on an (n + 1)-square X misses X_nn, but its index's
  letter (n values) was taken for the axis's (n + 1), so (n − 1)·Σ X_kk = (n − 1)·tr X, true at n = 1 only, was
  PROVED for all n; a sum's index on an axis of another size is now outside the Einstein forms' fragment.
- A sympy Sum whose count may be negative: Σ_{k=0}^{n−3} c·tr X = (n − 2)·c·tr X was PROVED for all n, though at
  n = 1 the sum is empty (0) and the right side −c·X₁₁ (the index-sum rules refused the same claim without X). A
  sum's count must be shown ≥ 0 for every n.
"""

from __future__ import annotations

from pathlib import Path

import sympy as sp

from verifier import Identity, Positive, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.mathlib import vector
from verifier.outcome import Status
from verifier.run.runner import RunSettings, verify_paths

FAST = EngineSettings(samples=40)
x, p = sp.symbols("x p")
i = sp.Symbol("i", integer=True)
k = sp.Symbol("k", integer=True)


def _roots(n: object) -> sp.Expr:
    if isinstance(n, int):
        return sp.Add(*[sp.sqrt(4 - k) for k in range(1, n + 1)])
    return sp.Sum(sp.sqrt(4 - i), (i, 1, n))


@claim(n=range(1, 5))
def square_of_a_modulus(n: object) -> Identity:
    """x·|S|² = x·S² with S = Σ_{i≤n} √(4 − i): true for n ≤ 4, where S is real; at n = 5, S = 1 + √2 + √3 + i."""
    return Identity(x * sp.Abs(_roots(n)) ** 2, x * _roots(n) ** 2, where={x: Real()})


@claim(n=range(1, 5))
def scalar_named_like_a_positive_vector(n: object) -> Identity:
    """log(p^e) + Σ pᵢ = e log p + Σ pᵢ, e = (n − 1)(n − 2)(n − 3)(n − 4), p real: both sides log 1 up to n = 4; at
    n = 5, p = −1 the left is 0 and the right 24iπ."""
    e = (n - 1) * (n - 2) * (n - 3) * (n - 4)  # type: ignore[operator]
    if isinstance(n, int):
        ps = vector("p", n)
        return Identity(sp.log(p**e) + sp.Add(*ps), e * sp.log(p) + sp.Add(*ps), where={ps: Positive(), p: Real()})
    entries = sp.IndexedBase("p")
    total = sp.Sum(entries[i], (i, 1, n))
    return Identity(sp.log(p**e) + total, e * sp.log(p) + total, where={entries: Positive(), p: Real()})


@claim(n=[1])
def trace_of_a_larger_matrix_summed_short(n: object) -> Identity:
    """(n − 1)·Σ_{k=0}^{n−1} X_kk = (n − 1)·tr X for an (n + 1)-square X: 0 = 0 at n = 1; at n = 2, X = E₃₃ gives
    0 against 1."""
    X = sp.MatrixSymbol("X", n + 1, n + 1)  # type: ignore[operator]
    return Identity((n - 1) * sp.Sum(X[k, k], (k, 0, n - 1)), (n - 1) * sp.trace(X), where={X: Real()})  # type: ignore[operator]


@claim(n=[1, 2])
def trace_of_a_larger_matrix_summed_short_at_every_n(n: object) -> Identity:
    """Σ_{k=0}^{n−1} X_kk = tr X for an (n + 1)-square X: false at every n (X = E_{n+1,n+1}); it was UNKNOWN, an
    'engine inconsistency' between the proof for all n and the counterexample."""
    X = sp.MatrixSymbol("X", n + 1, n + 1)  # type: ignore[operator]
    return Identity(sp.Sum(X[k, k], (k, 0, n - 1)), sp.trace(X), where={X: Real()})  # type: ignore[operator]


@claim(n=[2, 3])
def empty_sum_counted_negative(n: object) -> Identity:
    """Σ_{k=0}^{n−3} c·tr X = (n − 2)·c·tr X: true for n ≥ 2; at n = 1 the sum is empty and the right side −c·X₁₁."""
    X = sp.MatrixSymbol("X", n, n)  # type: ignore[arg-type]
    lhs = sp.Sum(x, (k, 0, n - 3)) * sp.trace(X)  # type: ignore[operator]
    return Identity(lhs, (n - 2) * x * sp.trace(X), where={X: Real(), x: Real()})  # type: ignore[operator]


def test_a_sum_whose_count_may_be_negative_is_not_proved_for_all_n() -> None:
    r = verify_family(empty_sum_counted_negative, FAST)
    assert r.status is Status.PROVED and not r.for_all_n, r.reason  # at n = 2, 3 only
    assert "not shown ≥ 0 for every n" in r.reason, r.reason


def test_a_sum_over_part_of_an_axis_is_not_the_whole_axis() -> None:
    r = verify_family(trace_of_a_larger_matrix_summed_short, FAST)
    assert r.status is Status.PROVED and not r.for_all_n, r.reason  # at n = 1 only
    assert "on an axis of size n + 1" in r.reason, r.reason
    r = verify_family(trace_of_a_larger_matrix_summed_short_at_every_n, FAST)
    assert r.status is Status.REFUTED, r.reason


def test_a_sum_of_terms_not_shown_real_is_not_taken_for_real() -> None:
    r = verify_family(square_of_a_modulus, FAST)
    assert r.status is Status.PROVED and not r.for_all_n, r.reason  # at n = 1..4 only


def test_a_scalar_named_like_a_vector_is_outside_the_rules_for_every_n() -> None:
    r = verify_family(scalar_named_like_a_positive_vector, FAST)
    assert r.status is Status.PROVED and not r.for_all_n, r.reason
    assert "p names both a scalar and the vector p" in r.reason, r.reason


def test_a_latex_sum_that_turns_complex_is_proved_at_its_sizes_only(tmp_path: Path) -> None:
    source = tmp_path / "roots.md"
    source.write_text(
        "```verifier\nk: 2..4\n```\n\n% claim: modulus\n"
        "$$ \\left| \\sum_i \\sqrt{4 - i} \\right|^2 = \\left( \\sum_i \\sqrt{4 - i} \\right)^2 $$\n"
    )
    (r,) = verify_paths([str(source)], RunSettings(engine=FAST, jobs=1)).results
    assert r.status is Status.PROVED and not r.for_all_n, r.reason


def test_a_division_by_a_size_that_vanishes_at_an_unstated_size_is_not_proved_for_all_n(tmp_path: Path) -> None:
    """\\frac{k − 5}{k − 5} c = c on k: 2..4 is read as c = c, and it was PROVED for all n, though it has no value at
    k = 5; so was Σ(i − 3)c / Σ(i − 3) = c (Σ_{i≤5}(i − 3) = 0). A condition on the size alone must be shown at every
    size; 1/k (k > 0) is, and stays proved for all n."""
    source = tmp_path / "sizes.md"
    source.write_text(
        "```verifier\nk: 2..4\nc: real\n```\n\n"
        "% claim: cancelled\n$$ \\frac{k - 5}{k - 5} c = c $$\n\n"
        "% claim: summed\n$$ \\frac{\\sum_i (i - 3) c}{\\sum_i (i - 3)} = c $$\n\n"
        "% claim: mean\n$$ \\frac{1}{k} \\sum_i c = c $$\n"
    )
    results = {r.name: r for r in verify_paths([str(source)], RunSettings(engine=FAST, jobs=1)).results}
    for name in ("cancelled", "summed"):
        assert results[name].status is Status.PROVED and not results[name].for_all_n, results[name].reason
    assert results["mean"].status is Status.PROVED and results["mean"].for_all_n, results["mean"].reason


def test_a_size_condition_through_an_index_or_hidden_by_entries_is_not_proved_for_all_n(tmp_path: Path) -> None:
    """The same, where the condition names a summed index (Σ_i (i − 5)/(i − 5), 0/0 at i = 5 once k ≥ 5), a free
    index (j − 5 at j = 5) or entries that cancel (Σ(i − 3 + x_i) − Σ x_i is Σ(i − 3)): helper-87."""
    source = tmp_path / "indices.md"
    source.write_text(
        "```verifier\nx: vector of size k; k: 2..4\nc: real\nj: index\n```\n\n"
        "% claim: summed_index\n$$ \\sum_i \\frac{i - 5}{i - 5} = k $$\n\n"
        "% claim: free_index\n$$ \\frac{(j - 5) x_j}{j - 5} = x_j $$\n\n"
        "% claim: hidden\n$$ \\frac{c (\\sum_i (i - 3 + x_i) - \\sum_i x_i)}"
        "{\\sum_i (i - 3 + x_i) - \\sum_i x_i} = c $$\n"
    )
    results = {r.name: r for r in verify_paths([str(source)], RunSettings(engine=FAST, jobs=1)).results}
    for name in ("summed_index", "free_index", "hidden"):
        assert results[name].status is Status.PROVED and not results[name].for_all_n, (name, results[name].reason)
