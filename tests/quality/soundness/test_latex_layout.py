"""The adversarial soundness suite for how a LaTeX file is laid out: rows of an aligned display,
line breaks in a plain display, further & columns, and a name declared twice.

Each case is its own Markdown file (its declarations and one display, written as a student
writes it), run as a user's `verifier check` runs it. The truths are established without the
engine (the proof or the failing point is in its `why`), and the rules are those of
test_soundness.py: a false claim is never PROVED, CHECKED or ERROR; a true one never REFUTED or
ERROR; a malformed one (two equations in one row, a name declared twice) never PROVED or
CHECKED. These holes were found by a red team: before the fix, a true chain whose long right
side went on to a second row was REFUTED and a false one PROVED, `$$ x^2 = x \\\\ x = x^2 $$` was
PROVED as one product, and `x: positive; x: real` silently kept the second.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier.outcome import ClaimResult, Status
from verifier.run.runner import RunSettings, verify_paths

pytest.importorskip("lark")

pytestmark = [pytest.mark.xdist_group("soundness"), pytest.mark.slow]

WRONG = {
    "true": {Status.REFUTED, Status.ERROR},
    "false": {Status.PROVED, Status.CHECKED, Status.ERROR},
    "malformed": {Status.PROVED, Status.CHECKED},
}
REAL = "x: real"

# (name, truth, declarations, the display as written, why it has that truth)
CASES: list[tuple[str, str, str, str, str]] = [
    (
        "right_side_goes_on",
        "true",
        REAL,
        r"\begin{aligned} (x+1)^2 &= x^2 + 2x \\ &\quad + 1 \\ &= 1 + 2x + x^2 \end{aligned}",
        "Proof: (x + 1)² = x² + 2x + 1; the second row goes on with the first's right side.",
    ),
    (
        "right_side_goes_on_false",
        "false",
        REAL,
        r"\begin{aligned} (x+1)^2 &= x^2 + 2x + 1 \\ &\quad + 2 - 2 \\ &= 0 \end{aligned}",
        "False at x = 0: the chain ends (x + 1)² = 0, and 1 ≠ 0.",
    ),
    (
        "product_goes_on",
        "true",
        REAL,
        r"\begin{aligned} x^2 - 1 &= (x + 1) \\ &\qquad (x - 1) \end{aligned}",
        "Proof: (x + 1)(x − 1) = x² − 1; the second row is the product's second factor.",
    ),
    (
        "product_goes_on_false",
        "false",
        REAL,
        r"\begin{aligned} x^2 + 1 &= (x + 1) \\ &\qquad (x - 1) \end{aligned}",
        "False at x = 0: 1 ≠ −1.",
    ),
    (
        "sum_row_goes_on",
        "true",
        "x: vector of size k; k: 2..3",
        r"\begin{aligned} \sum_{i=1}^{k} x_i^2 &= \sum_{i=1}^{k} x_i x_i \\ &\quad + 0 \end{aligned}",
        "Proof: x_i² = x_i x_i; the subscript's i = 1 is no relation of the row.",
    ),
    (
        "two_lines_in_a_plain_display",
        "false",
        REAL,
        r"x^2 = x \\ x = x^2",
        "False at x = 2: 4 ≠ 2 (both lines); it was read as one product, x² = x·x = x², and PROVED.",
    ),
    (
        "two_true_lines_in_a_plain_display",
        "true",
        REAL,
        r"x + x = 2x \\ x - x = 0",
        "Proof: two lines, each an identity; it was read as one product and REFUTED.",
    ),
    (
        "second_equation_in_a_column",
        "malformed",
        REAL,
        r"\begin{aligned} x + x &= 2x & x^2 &= x \end{aligned}",
        "Ambiguous: two equations side by side (the second false at x = 2); was read as x + x = 2x·x² = x.",
    ),
    (
        "a_remark_in_a_column",
        "true",
        REAL,
        r"\begin{aligned} (x - 1)^2 &= x^2 - 2x + 1 && \text{expand} \end{aligned}",
        "Proof: the square expanded; the remark holds no relation.",
    ),
    (
        "declared_twice",
        "malformed",
        "x: positive; x: negative",
        r"x > 0",
        "Contradictory: positive then negative (false at x = −1 as negative); the second silently won.",
    ),
    (
        "declared_real_and_positive",
        "true",
        "x: positive; x: real",
        r"x > 0",
        "Proof: x is declared positive (and real, which adds nothing); the second line won and it was REFUTED.",
    ),
    (
        "declared_in_two_fonts",
        "malformed",
        r"L: real; \mathcal{L}: positive",
        r"\mathcal{L} - L = 0",
        "Ambiguous: two names (ℒ = 1, L = 0 makes it false) read as one; it was PROVED.",
    ),
    (
        "declared_twice_alike",
        "true",
        "u, v: vectors of size k; u: vector of size k; k: 2..3",
        r"u^\top v = v^\top u",
        "Proof: the dot product is symmetric; u is declared twice alike.",
    ),
]


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ClaimResult]:
    folder = tmp_path_factory.mktemp("latex_layout")
    paths = []
    for name, _, block, display, _ in CASES:
        path = folder / f"{name}.md"
        path.write_text(f"```verifier\n{block}\n```\n\n% claim: {name}\n$$ {display} $$\n", encoding="utf-8")
        paths.append(str(path))
    report = verify_paths(paths, RunSettings(jobs=2, timeout=20.0, load_timeout=60.0, cache_dir=None))
    return {r.name: r for r in report.results if r.name == Path(r.source).stem}


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]} [{c[1]}]" for c in CASES])
def test_no_wrong_verdict(case: tuple[str, str, str, str, str], verdicts: dict[str, ClaimResult]) -> None:
    name, truth, _, display, _ = case
    result = verdicts.get(name)
    assert result is not None, f"{name} ({truth}): the run gave no result for {display}"
    assert result.status not in WRONG[truth], f"{name} is {truth.upper()} but got {result.status}: {result.reason}"
    assert not result.internal_error, f"{name}: our own code raised, a bug: {result.reason[:400]}"


def test_every_case_has_a_truth_and_a_reason() -> None:
    names = [c[0] for c in CASES]
    assert len(names) == len(set(names))
    for name, truth, _, _, why in CASES:
        assert truth in WRONG, name
        assert why.startswith("Proof:") if truth == "true" else any(w in why for w in ("False", "Ambiguous", "Contra"))
