"""Red team of the index-sum rules (issue 40): chains that try to get a wrong verdict, or "for all n" wrongly.

Each chain is written to a temporary folder and run as a user's `verifier check` runs it: bounds n − 1,
n + 1, 2n and 0, sums from 2 and 3, nested sums with dependent bounds, δ at a constant or over a part
of the range, Σ_{l≠i}, (Σx)² against Σx², log and exp of sums, Π, the simplex over a partial range or
over a vector of size 2n, a bound index that shadows a declared positive scalar, and claims that hold
only at the stated sizes by a coincidence ((k − 1)(k − 2)(k − 3)(k − 4) = 0 for k ≤ 4). The rules are
those of test_sums_for_all_n.py:

- a false claim is never PROVED, CHECKED or ERROR, and never "for all n";
- a true claim is never REFUTED or ERROR;
- a claim true at its stated sizes but false at another n ("stated") is never REFUTED or ERROR, and
  never PROVED for all n.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import sympy as sp

from verifier.outcome import ClaimResult, Status
from verifier.run.runner import RunSettings, verify_paths
from verifier.trusted.decide.sums import OutsideFragment, compare

pytest.importorskip("lark")

pytestmark = [pytest.mark.xdist_group("soundness"), pytest.mark.slow]

WRONG = {
    "true": {Status.REFUTED, Status.ERROR},
    "false": {Status.PROVED, Status.CHECKED, Status.ERROR},
    "stated": {Status.REFUTED, Status.ERROR},
    "partial": {Status.PROVED, Status.CHECKED},  # undefined somewhere it is claimed: REFUTED, or ERROR that says so
}

BLOCKS = {
    "red": "z, x, y: vectors of size k; y: simplex; k: 1..4\na: positive\ni, j: index",
    "late": "z: vector of size k; k: 4..5\na: positive\ni, j: index",
    "even": "z: vector of size k; k: 2..2\ni, j: index",
    "double": "y: vector of size 2k; y: simplex; k: 1..3\nw: vector of size 2k\nz: vector of size k\ni, j: index",
    "scalar": "x: real",
    "small": "z: vector of size k; k: 1..2",
    "vec": "v, w, x: vectors of size k; k: 2..2\nt: real",
}

S = "\\sum"
# (file, claim name, truth, the chain's lines, why it has that truth)
CASES: list[tuple[str, str, str, tuple[str, ...], str]] = [
    ("red", "square_of_sum", "false", (f"\\left({S}_l z_l\\right)^2 = {S}_l z_l^2",), "False at z = (1, 1): 4 ≠ 2."),
    (
        "red",
        "square_as_double_sum",
        "true",
        (f"\\left({S}_l z_l\\right)^2 = {S}_l {S}_m z_l z_m",),
        "Proof: product of sums.",
    ),
    ("red", "count_to_k_minus_one", "true", (f"{S}_{{l=1}}^{{k-1}} 1 = k - 1",), "Proof: k − 1 ≥ 0 terms."),
    ("red", "count_to_k_plus_one", "true", (f"{S}_{{l=1}}^{{k+1}} 1 = k + 1",), "Proof: k + 1 terms."),
    ("red", "count_to_two_k", "true", (f"{S}_{{l=1}}^{{2k}} 1 = 2k",), "Proof: 2k terms."),
    ("red", "count_from_two", "true", (f"{S}_{{l=2}}^{{k}} 1 = k - 1",), "Proof: k − 1 terms, 0 at k = 1."),
    ("red", "count_from_three", "false", (f"{S}_{{l=3}}^{{k}} 1 = k - 2",), "False at k = 1: the empty sum 0 ≠ −1."),
    ("red", "empty_sum", "true", (f"{S}_{{l=1}}^{{0}} z_1 = 0",), "Proof: no terms."),
    (
        "red",
        "nested_dependent",
        "true",
        (f"{S}_{{l=1}}^{{k}} {S}_{{m=1}}^{{l}} 1 = \\frac{{k(k+1)}}{{2}}",),
        "Proof: Gauss.",
    ),
    (
        "red",
        "nested_dependent_square",
        "false",
        (f"{S}_{{l=1}}^{{k}} {S}_{{m=1}}^{{l}} 1 = k^2",),
        "False at k = 2: 3 ≠ 4.",
    ),
    (
        "red",
        "nested_dependent_lower",
        "true",
        (f"{S}_{{l=1}}^{{k-1}} {S}_{{m=l+1}}^{{k}} 1 = \\frac{{k(k-1)}}{{2}}",),
        "Proof: the pairs l < m.",
    ),
    (
        "red",
        "coincidence_quartic",
        "stated",
        (f"{S}_{{l=1}}^{{k}} 1 = k + (k-1)(k-2)(k-3)(k-4)",),
        "True at k ≤ 4 (the product is 0), False at k = 5: 5 ≠ 29.",
    ),
    (
        "red",
        "coincidence_quartic_entries",
        "stated",
        (f"{S}_{{l=1}}^{{k}} z_l = {S}_{{l=1}}^{{k}} z_l + (k-1)(k-2)(k-3)(k-4)",),
        "True at k ≤ 4, False at k = 5 (the sides differ by 24).",
    ),
    ("red", "exp_of_sum", "true", (f"e^{{{S}_l z_l}} = \\prod_l e^{{z_l}}",), "Proof: exp turns sums into products."),
    (
        "red",
        "log_of_sum",
        "false",
        (f"\\log {S}_l e^{{z_l}} = {S}_l \\log e^{{z_l}}",),
        "False at z = (0, 0): log 2 ≠ 0.",
    ),
    (
        "red",
        "exp_of_sum_of_products",
        "false",
        (f"e^{{{S}_l z_l x_l}} = \\prod_l e^{{z_l}} e^{{x_l}}",),
        "False at k = 1, z = 0, x = 1.",
    ),
    ("red", "simplex_partial", "true", (f"{S}_{{l=1}}^{{k-1}} y_l = 1 - y_k",), "Proof: Σ y = 1 less its last term."),
    ("red", "simplex_partial_is_one", "false", (f"{S}_{{l=1}}^{{k-1}} y_l = 1",), "False at k = 1: 0 ≠ 1."),
    ("red", "simplex_scaled", "true", (f"{S}_l 2 y_l = 2",), "Proof: linearity and Σ y = 1."),
    ("red", "simplex_plus_entry", "true", (f"{S}_{{l=1}}^{{k}} y_l + y_1 = 1 + y_1",), "Proof: Σ y = 1."),
    ("red", "all_but_i_of_delta_i", "true", (f"{S}_{{l \\neq i}} \\delta_{{li}} = 0",), "Proof: l = i is left out."),
    ("red", "free_index_as_bound", "true", (f"{S}_j z_j = {S}_i z_i",), "Proof: renaming bound indices."),
    (
        "red",
        "free_index_for_bound",
        "false",
        (f"{S}_l z_l x_i = {S}_l z_l x_l",),
        "False at k = 2, i = 2, z = (0, 1), x = (0, 1).",
    ),
    ("red", "size_as_a_number", "false", (f"{S}_l z_l = k z_1",), "False at k = 2, z = (0, 1)."),
    (
        "red",
        "delta_partial",
        "false",
        (f"{S}_{{l=1}}^{{k-1}} \\delta_{{lj}} z_l = z_j",),
        "False at j = k: the sum misses l = k.",
    ),
    (
        "red",
        "delta_partial_count",
        "true",
        (f"{S}_{{l=1}}^{{k-1}} \\delta_{{lj}} = 1 - \\delta_{{jk}}",),
        "Proof: 1 unless j = k.",
    ),
    ("red", "delta_partial_count_one", "false", (f"{S}_{{l=1}}^{{k-1}} \\delta_{{lj}} = 1",), "False at j = k: 0 ≠ 1."),
    ("red", "delta_at_one", "true", (f"{S}_l \\delta_{{l1}} z_l = z_1",), "Proof: 1 lies in 1..k for every k ≥ 1."),
    (
        "red",
        "delta_at_two",
        "false",
        (f"{S}_{{l=1}}^{{k}} \\delta_{{l2}} = 1",),
        "False at k = 1: 2 is not in 1..1, 0 ≠ 1.",
    ),
    ("red", "delta_at_one_from_two", "true", (f"{S}_{{l=2}}^{{k}} \\delta_{{l1}} = 0",), "Proof: 1 is not in 2..k."),
    ("red", "delta_double", "true", (f"{S}_l {S}_m \\delta_{{lm}} z_l z_m = {S}_l z_l^2",), "Proof: δ contraction."),
    (
        "red",
        "delta_double_square",
        "false",
        (f"{S}_l {S}_m \\delta_{{lm}} z_l z_m = \\left({S}_l z_l\\right)^2",),
        "False at z = (1, 1): 2 ≠ 4.",
    ),
    ("red", "delta_trace_count", "true", (f"{S}_l {S}_p \\delta_{{lp}} = k",), "Proof: the trace of the identity."),
    ("red", "delta_delta", "true", (f"{S}_l \\delta_{{li}} \\delta_{{lj}} = \\delta_{{ij}}",), "Proof: δ contraction."),
    ("red", "delta_delta_one", "false", (f"{S}_l \\delta_{{li}} \\delta_{{lj}} = 1",), "False at i ≠ j (k = 2)."),
    ("red", "delta_other_index", "false", (f"{S}_l \\delta_{{li}} z_l = z_j",), "False at i ≠ j (k = 2)."),
    (
        "red",
        "two_deltas",
        "true",
        (f"{S}_l \\delta_{{l,j}} z_l + {S}_l \\delta_{{l,i}} z_l = z_i + z_j",),
        "Proof: δ twice.",
    ),
    (
        "red",
        "all_but_i_delta_j",
        "true",
        (f"{S}_{{l \\neq i}} \\delta_{{lj}} z_l = z_j - \\delta_{{ij}} z_j",),
        "Proof: split at l = i.",
    ),
    (
        "red",
        "all_but_i_delta_j_whole",
        "false",
        (f"{S}_{{l \\neq i}} \\delta_{{lj}} z_l = z_j",),
        "False at i = j, z_j = 1.",
    ),
    (
        "red",
        "product_of_sums_as_one",
        "false",
        (f"\\left({S}_l z_l\\right)\\left({S}_l x_l\\right) = {S}_l z_l x_l",),
        "False at k = 2, z = x = (1, 1): 4 ≠ 2.",
    ),
    ("red", "index_reused", "true", (f"{S}_l z_l {S}_l x_l = {S}_l {S}_m z_l x_m",), "Proof: the inner l is its own."),
    (
        "red",
        "index_reused_after",
        "true",
        (f"{S}_l \\left({S}_l x_l\\right) z_l = {S}_l {S}_m z_l x_m",),
        "Proof: the inner l is its own; the outer l is z's.",
    ),
    (
        "red",
        "free_index_captured",
        "false",
        (f"{S}_j z_j x_j = x_j {S}_j z_j",),
        "False at k = 2, z = (1, 1), x = (1, 0).",
    ),
    ("red", "mean_of_k_times", "true", (f"\\frac{{1}}{{k}} {S}_l k z_l = {S}_l z_l",), "Proof: k ≥ 1 cancels."),
    ("red", "mean_is_sum", "false", (f"\\frac{{1}}{{k}} {S}_l z_l = {S}_l z_l",), "False at k = 2, z = (1, 1)."),
    ("red", "range_shifted", "true", (f"{S}_{{l=0}}^{{k-1}} z_{{l+1}} = {S}_l z_l",), "Proof: l ↦ l + 1."),
    (
        "red",
        "log_of_positive_product",
        "true",
        (f"\\log \\left(a {S}_l e^{{z_l}}\\right) = \\log a + \\log {S}_l e^{{z_l}}",),
        "Proof: both factors are positive.",
    ),
    (
        "red",
        "log_of_square_of_reals",
        "false",
        (f"\\log \\left({S}_l z_l^2\\right) = 2 \\log {S}_l z_l",),
        "False at z = (1, 1): log 2 ≠ 2 log 2.",
    ),
    ("red", "product_of_constant", "true", ("\\prod_{l=1}^{k} 2 = 2^k",), "Proof: k factors 2."),
    ("red", "product_of_constant_as_sum", "false", ("\\prod_{l=1}^{k} 2 = 2 k",), "False at k = 3: 8 ≠ 6."),
    ("red", "log_of_product", "true", ("\\log \\prod_l a = k \\log a",), "Proof: a > 0."),
    ("red", "bound_shadows_positive", "true", (f"{S}_{{a=1}}^{{k}} a = \\frac{{k(k+1)}}{{2}}",), "Proof: Gauss."),
    (
        "late",
        "bound_shadows_positive_log",
        "stated",
        (f"{S}_{{a=k-3}}^{{k-3}} \\log \\left(a^2\\right) = 2 {S}_{{a=k-3}}^{{k-3}} \\log a",),
        "True at k = 4, 5 (a = 1, 2 > 0), False at k = 1 (a = −2: log 4 ≠ 2 log(−2)).",
    ),
    ("late", "count_from_four", "stated", (f"{S}_{{l=4}}^{{k}} 1 = k - 3",), "True at k ≥ 3, False at k = 1: 0 ≠ −2."),
    ("double", "simplex_of_half", "false", (f"{S}_{{l=1}}^{{k}} y_l = 1",), "False at y = (0, 1): y has 2k entries."),
    ("double", "simplex_of_whole", "true", (f"{S}_{{l=1}}^{{2k}} y_l = 1",), "Proof: y on the simplex of size 2k."),
    (
        "even",
        "half_bound",
        "stated",
        (f"{S}_{{l=1}}^{{k/2}} 1 = \\frac{{k}}{{2}}",),
        "True at k = 2, False at k = 3: a sum from 1 to 3/2 has 1 term, not 3/2 (sympy's formula counts 3/2).",
    ),
    (
        "double",
        "delta_over_double",
        "true",
        (f"{S}_{{l=1}}^{{2k}} \\delta_{{lj}} w_l = w_j",),
        "Proof: j lies in 1..2k.",
    ),
    ("double", "delta_over_size", "true", (f"{S}_{{l=1}}^{{k}} \\delta_{{lj}} z_l = z_j",), "Proof: δ contraction."),
    # helper-90: a term undefined at one index, once the index is a number (1/0 is sympy's zoo, and x/(1 + zoo) is 0)
    (
        "scalar",
        "term_undefined_at_index_zero",
        "partial",
        (f"{S}_{{k=0}}^{{2}} \\frac{{x}}{{1 + 1/k}} = \\frac{{7x}}{{6}}",),
        "Undefined: the term at k = 0 has 1/0.",
    ),
    (
        "scalar",
        "log_at_index_zero",
        "partial",
        (f"{S}_{{i=0, i \\neq 1}}^{{2}} \\frac{{x}}{{\\log i}} = \\frac{{x}}{{\\log 2}}",),
        "Undefined: log 0 at i = 0.",
    ),
    (
        "scalar",
        "root_of_minus_one_squared_at_an_index",
        "partial",
        (f"{S}_{{i=1}}^{{3}} \\left(\\sqrt{{i-2}}\\right)^2 = 0",),
        "Undefined: √(−1) at i = 1.",
    ),
    ("scalar", "root_of_minus_one_squared", "partial", ("\\left(\\sqrt{-1}\\right)^2 = -1",), "Undefined: √(−1)."),
    (
        "small",
        "zero_over_zero_from_index_three",
        "stated",
        (f"{S}_{{i=1}}^{{k}} \\frac{{i - 3 + i z_i^2 - 3 z_i^2}}{{i - 3 + i z_i^2 - 3 z_i^2}} = k",),
        "True at k = 1, 2; False (undefined) from k = 3: the term at i = 3 is 0/0 for every z.",
    ),
    (
        "vec",
        "empty_sum_of_vectors_is_not_the_scalar_zero",
        "false",
        (f"\\left\\| {S}_{{i=1}}^{{k-2}} v + t \\right\\|^2 = t^2",),
        "False at t = 1: the empty sum is the zero vector of ℝ², and ‖(1, 1)‖² = 2.",
    ),
    (
        "vec",
        "empty_sum_from_two_of_vectors_is_not_the_scalar_zero",
        "false",
        (f"\\left\\| {S}_{{l=2}}^{{k-1}} x_{{l-1}} v + t \\right\\|^2 = t^2",),
        "False at t = 1 (helper-91): its term cannot be read at l = 1 (x_0), but can at l = 2, a vector.",
    ),
    (
        "vec",
        "empty_sum_from_two_of_vectors",
        "true",
        (f"\\left\\| {S}_{{l=2}}^{{k-1}} x_{{l-1}} v + t \\right\\|^2 = 2 t^2",),
        "Proof: the empty sum is the zero vector of ℝ², and ‖(t, t)‖² = 2t².",
    ),
    (
        "red",
        "size_factor_in_a_denominator",
        "true",
        (f"{S}_{{l=1}}^{{k}} \\frac{{z_l}}{{k z_l^2 + k l}} = {S}_{{l=1}}^{{k}} \\frac{{z_l}}{{k z_l^2 + k l}} + 0",),
        "Proof: the same sum; its factor k is a size, never 0 (helper-91: it lost 'for all n').",
    ),
    (
        "vec",
        "empty_sum_of_vectors",
        "true",
        (f"{S}_{{i=1}}^{{k-2}} v + t = (k - 2) v + t \\mathbf{{1}}",),
        "Proof: the empty sum is the zero vector, and k − 2 = 0.",
    ),
]

# True probes the rules decide today: they must stay PROVED for every n.
FOR_ALL_N = {
    "square_as_double_sum", "count_to_k_minus_one", "count_to_k_plus_one", "count_to_two_k", "count_from_two",
    "all_but_i_of_delta_i", "free_index_as_bound", "delta_at_one", "delta_double",
    "delta_trace_count", "delta_delta", "two_deltas", "all_but_i_delta_j", "index_reused", "mean_of_k_times",
    "log_of_positive_product", "simplex_scaled", "simplex_plus_entry", "delta_over_size",
    "size_factor_in_a_denominator",
}  # fmt: skip


def _markdown(file: str) -> str:
    parts = [f"```verifier\n{BLOCKS[file]}\n```\n"]
    for f, name, _, lines, _ in CASES:
        if f == file:
            parts.append(f"% claim: {name}\n" + "".join(f"$$ {line} $$\n" for line in lines))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], ClaimResult]:
    folder = tmp_path_factory.mktemp("sums_redteam")
    paths = []
    for file in BLOCKS:
        path = folder / f"red_{file}.md"
        path.write_text(_markdown(file), encoding="utf-8")
        paths.append(str(path))
    report = verify_paths(paths, RunSettings(jobs=2, timeout=30.0, load_timeout=60.0, cache_dir=None))
    return {(Path(r.source).stem.removeprefix("red_"), r.name): r for r in report.results}


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}.{c[1]} [{c[2]}]" for c in CASES])
def test_no_wrong_verdict(
    case: tuple[str, str, str, tuple[str, ...], str], verdicts: dict[tuple[str, str], ClaimResult]
) -> None:
    file, name, truth, lines, _ = case
    result = verdicts.get((file, name))
    assert result is not None, f"{file}.{name}: the reader refused {lines}"
    status = result.status
    assert status not in WRONG[truth], f"{file}.{name} is {truth.upper()} but got {status}: {result.reason[:400]}"
    assert not result.internal_error, f"{file}.{name}: our own code raised, a bug: {result.reason[:400]}"
    if truth != "true":
        assert not result.for_all_n, f"{file}.{name} fails at some n but was PROVED for all n: {result.reason[:400]}"
    if status is Status.UNKNOWN:
        warnings.warn(f"UNKNOWN {file}.{name} ({truth}): {result.reason[:200]}", stacklevel=1)


def test_the_decided_true_probes_stay_proved_for_every_n(verdicts: dict[tuple[str, str], ClaimResult]) -> None:
    for file, name, truth, _, _ in CASES:
        if name in FOR_ALL_N:
            assert truth == "true", name
            assert verdicts[(file, name)].for_all_n, (name, verdicts[(file, name)].reason[:300])


def test_every_case_has_a_truth_and_a_reason() -> None:
    names = [name for _, name, _, _, _ in CASES]
    assert len(names) == len(set(names))
    for file, name, truth, lines, why in CASES:
        assert file in BLOCKS and truth in WRONG and lines, name
        said = {"true": "Proof:", "partial": "Undefined"}.get(truth, "False")
        assert why.startswith(said) if truth == "true" else said in why, name


def test_a_bound_index_is_not_the_positive_scalar_it_shadows() -> None:
    """Σ_{a=−n}^{−1} log(a²) ≠ 2·Σ log a although a scalar a is declared positive: the rule must not apply."""
    n, a = sp.Symbol("n", integer=True, positive=True), sp.Symbol("a", integer=True)
    lhs, rhs = sp.Sum(sp.log(a**2), (a, -n, -1)), 2 * sp.Sum(sp.log(a), (a, -n, -1))
    assert not compare(lhs, rhs, n, positive=frozenset({"a"})).equal
    scalar = sp.Symbol("a")
    assert compare(sp.log(scalar**2), 2 * sp.log(scalar), n, positive=frozenset({"a"})).equal


def test_a_bound_that_is_not_whole_for_every_n_is_refused() -> None:
    """Σ_{l=1}^{n/2} 1 = n/2 holds at even n only: the constant rule must not count n/2 terms."""
    n, m = sp.Symbol("n", integer=True, positive=True), sp.Symbol("m", integer=True)
    with pytest.raises(OutsideFragment, match="sum bounds"):
        compare(sp.Sum(1, (m, 1, n / 2)), n / 2, n)
    assert compare(sp.Sum(1, (m, 1, 2 * n - 1)), 2 * n - 1, n).equal
