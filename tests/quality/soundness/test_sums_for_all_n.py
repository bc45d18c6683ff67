"""Adversarial probes for the index-sum rules (issue 40): claims that try to get PROVED for all n wrongly.

Each chain is written to a temporary folder and run as a user's `verifier check` runs it. A bound
that differs by one, an index captured by a sum, δ_{ij} with i running over a range that misses a
value of j, Σ_{j≠i} at n = 1, a sum swapped with a product, and claims that hold only at the sizes
they state. The rules:

- a false claim is never PROVED, CHECKED or ERROR, and never "for all n";
- a true claim is never REFUTED or ERROR;
- a claim true at its stated sizes but false at another n ("stated") is never REFUTED or ERROR, and
  never PROVED for all n.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from verifier.outcome import ClaimResult, Status
from verifier.run.runner import RunSettings, verify_paths

pytest.importorskip("lark")

pytestmark = [pytest.mark.xdist_group("soundness"), pytest.mark.slow]

WRONG = {
    "true": {Status.REFUTED, Status.ERROR},
    "false": {Status.PROVED, Status.CHECKED, Status.ERROR},
    "stated": {Status.REFUTED, Status.ERROR},
}

BLOCKS = {
    "sums": "z, x, y: vectors of size k; y: simplex; k: 1..3\ni, j: index",
    "fixed": "z: vector of size k; k: 2..2\nj: index",
}

# (file, claim name, truth, the lines of the chain, why it has that truth)
CASES: list[tuple[str, str, str, tuple[str, ...], str]] = [
    ("sums", "bound_from_zero_count", "false", ("\\sum_{l=0}^{k} 1 = \\sum_{l=1}^{k} 1",), "False: k + 1 ≠ k."),
    ("sums", "bound_from_zero_index", "true", ("\\sum_{l=0}^{k} l = \\sum_{l=1}^{k} l",), "Proof: the term 0 is 0."),
    (
        "sums",
        "bound_to_k_minus_one",
        "false",
        ("\\sum_{l=1}^{k-1} z_l = \\sum_l z_l",),
        "False at k = 1: 0 ≠ z_1 = 1.",
    ),
    (
        "sums",
        "bound_index_captured",
        "false",
        ("\\sum_l z_l x_j = \\sum_j z_j x_j",),
        "False at k = 2, j = 1, z = (1, 1), x = (1, 0): 2 ≠ 1.",
    ),
    (
        "sums",
        "bound_index_renamed",
        "true",
        ("\\sum_l z_l x_j = x_j \\sum_m z_m",),
        "Proof: x_j does not depend on l; renaming l to m changes nothing.",
    ),
    (
        "sums",
        "delta_over_a_shorter_range",
        "false",
        ("\\sum_{l=2}^{k} \\delta_{lj} z_l = z_j",),
        "False at j = 1, z_1 = 1: the sum misses l = 1 and is 0.",
    ),
    (
        "sums",
        "delta_over_a_longer_range",
        "true",
        ("\\sum_{l=0}^{k} \\delta_{lj} l = j",),
        "Proof: j ∈ 1..k lies in 0..k, so the one term l = j remains.",
    ),
    (
        "sums",
        "all_but_one_at_size_one",
        "true",
        ("\\sum_{l \\neq i} z_l = \\sum_l z_l - z_i",),
        "Proof: the sum over l ≠ i is the whole sum less its term i (at k = 1 both sides are 0).",
    ),
    ("sums", "all_but_one_count_wrong", "false", ("\\sum_{l \\neq i} 1 = k",), "False: there are k − 1 terms."),
    ("sums", "all_but_one_count", "true", ("\\sum_{l \\neq i} 1 = k - 1",), "Proof: k − 1 values of l ≠ i."),
    (
        "sums",
        "sum_swapped_with_product",
        "false",
        ("\\prod_{l=1}^{k} \\sum_{m=1}^{k} z_m = \\sum_{m=1}^{k} \\prod_{l=1}^{k} z_m",),
        "False at k = 2, z = (1, 1): (1 + 1)² = 4 ≠ 1 + 1.",
    ),
    (
        "sums",
        "log_swapped_with_sum",
        "false",
        ("\\log \\sum_l e^{z_l} = \\sum_l z_l",),
        "False at k = 2, z = (0, 0): log 2 ≠ 0.",
    ),
    (
        "sums",
        "simplex_missing_a_term",
        "false",
        ("\\sum_{l=2}^{k} y_l = 1",),
        "False at y = (1, 0, …): the sum misses y_1 = 1.",
    ),
    (
        "sums",
        "simplex_all_but_one",
        "true",
        ("\\sum_{l \\neq i} y_l = 1 - y_i",),
        "Proof: the entries of y sum to 1.",
    ),
    # a range that ends before it starts is empty, as a textbook reads it (sympy's Sum reads it by Karr's
    # convention, Σ_{a..b} = −Σ_{b+1..a−1}); the kernel's term-by-term write-out of each n leaves those to sympy
    (
        "sums",
        "empty_range_by_karr",
        "false",
        ("\\sum_{l=1}^{k-2} 1 = k - 2",),
        "False at k = 1: the empty sum is 0, and k − 2 = −1 (Karr's convention would give −1).",
    ),
    (
        "sums",
        "reversed_range_count",
        "false",
        ("\\sum_{l=k}^{1} 1 = 1",),
        "False at k = 2: the range 2..1 is empty, 0 ≠ 1.",
    ),
    (
        "sums",
        "triangle_count",
        "true",
        ("\\sum_{l=1}^{k} \\sum_{m=1}^{l} 1 = \\frac{k(k+1)}{2}",),
        "Proof: the inner sum is l, and 1 + … + k = k(k+1)/2.",
    ),
    (
        "sums",
        "empty_range_shifted",
        "true",
        ("\\sum_{l=1}^{k-1} z_l = \\sum_{l=2}^{k} z_{l-1}",),
        "Proof: l ↦ l − 1 maps 2..k onto 1..k−1; at k = 1 both ranges are empty.",
    ),
    (
        "fixed",
        "count_only_at_two",
        "stated",
        ("\\sum_{l=1}^{k} 1 = k^2 - k",),
        "True at k = 2 (2 = 2), False at k = 3 (3 ≠ 6).",
    ),
    (
        "fixed",
        "delta_only_at_two",
        "stated",
        ("\\sum_{l=1}^{k} \\delta_{lj} = \\frac{k}{2}",),
        "True at k = 2 (1 = 1), False at k = 4 (1 ≠ 2).",
    ),
]


# true claims whose ranges are shifted or nested: not among the rules that prove for every n
SHIFTED = {"bound_from_zero_index", "triangle_count", "empty_range_shifted"}


def _markdown(file: str) -> str:
    parts = [f"```verifier\n{BLOCKS[file]}\n```\n"]
    for f, name, _, lines, _ in CASES:
        if f == file:
            parts.append(f"% claim: {name}\n" + "".join(f"$$ {line} $$\n" for line in lines))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], ClaimResult]:
    folder = tmp_path_factory.mktemp("sums_for_all_n")
    paths = []
    for file in BLOCKS:
        path = folder / f"probe_{file}.md"
        path.write_text(_markdown(file), encoding="utf-8")
        paths.append(str(path))
    report = verify_paths(paths, RunSettings(jobs=2, timeout=30.0, load_timeout=60.0, cache_dir=None))
    return {(Path(r.source).stem.removeprefix("probe_"), r.name): r for r in report.results}


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


def test_the_true_probes_are_proved_for_every_n(verdicts: dict[tuple[str, str], ClaimResult]) -> None:
    """The rules decide these (bound renaming, δ over a wider range, Σ_{j≠i} at n = 1, the simplex)."""
    for file, name, truth, _, _ in CASES:
        if truth == "true" and name not in SHIFTED:
            assert verdicts[(file, name)].for_all_n, (name, verdicts[(file, name)].reason[:300])


def test_every_case_has_a_truth_and_a_reason() -> None:
    names = [name for _, name, _, _, _ in CASES]
    assert len(names) == len(set(names))
    for file, name, truth, lines, why in CASES:
        assert file in BLOCKS and truth in WRONG and lines, name
        assert why.startswith("Proof:") if truth == "true" else "False" in why, name
