"""A division sympy cancels as it reads, by a divisor whose zeros are irrational: \\frac{x^2-2}{x^2-2} = 1 was
PROVED on ℝ, where it is undefined at x = ±√2 (\\frac{x}{x} = 1 was already an ERROR, its divisor's zero 0 is
rational). The reader looks for a divisor's zeros among its real roots in radicals too, each shown to lie in the
declared domain exactly. In the format of test_latex_readings.py (the truth of each case is in its `why`).
"""

from __future__ import annotations

import pytest

from tests.quality.soundness.latex_cases import Case, Verdicts, check, check_table, param, run

pytest.importorskip("lark")

pytestmark = [pytest.mark.xdist_group("soundness"), pytest.mark.slow]

BLOCKS = {
    "real": "x, y: real",
    "away": "x: [2, 3]",
    "between": "x: [-1, 1]",
    "positive": "x: positive",
    "unit": "x: [1, 2]",
    "four": "x, y, z, w: real",
}

# (file, claim name, truth, the lines of the chain, why it has that truth)
CASES: list[tuple[str, str, str, tuple[str, ...], str]] = [
    ("real", "root_two_cancelled", "partial", ("\\frac{x^2-2}{x^2-2} = 1",), "Undefined at x = √2 (0/0)."),
    (
        "real",
        "root_two_cancelled_in_a_sum",
        "partial",
        ("\\frac{x^2-2}{x^2-2} + x = x + 1",),
        "Undefined at x = √2 (0/0).",
    ),
    (
        "real",
        "quartic_cancelled",
        "partial",
        ("\\frac{(x^2-2)(x^2-3)}{x^4 - 5x^2 + 6} = 1",),
        "Undefined at x = √2 and √3: x⁴ − 5x² + 6 = (x² − 2)(x² − 3).",
    ),
    (
        "real",
        "cube_root_cancelled",
        "partial",
        ("\\frac{x^3-2}{x^3-2} = 1",),
        "Undefined at x = ∛2 (0/0).",
    ),
    (
        "real",
        "golden_cancelled_times_y",
        "partial",
        ("\\frac{y(x^2-x-1)}{x^2-x-1} = y",),
        "Undefined at x = (1 + √5)/2, any y (0/0).",
    ),
    ("away", "root_two_cancelled_away", "true", ("\\frac{x^2-2}{x^2-2} = 1",), "Proof: x² − 2 ≥ 2 on [2, 3]."),
    ("between", "root_two_cancelled_between", "true", ("\\frac{x^2-2}{x^2-2} = 1",), "Proof: x² − 2 ≤ −1 on [−1, 1]."),
    (
        "positive",
        "root_two_cancelled_positive",
        "partial",
        ("\\frac{x^2-2}{x^2-2} = 1",),
        "Undefined at x = √2 > 0 (0/0).",
    ),
    ("real", "never_zero_cancelled", "true", ("\\frac{x^2+2}{x^2+2} = 1",), "Proof: x² + 2 ≥ 2 on ℝ."),
    # helper-153: roots radicals cannot give as real numbers, or give none (were PROVED)
    (
        "real",
        "three_real_roots_cancelled",
        "partial",
        ("\\frac{x^3-3x+1}{x^3-3x+1} = 1",),
        "Undefined at its root in (0, 1): x³ − 3x + 1 is 1 at 0 and −1 at 1 (radicals write its roots with i).",
    ),
    ("real", "fifth_root_cancelled", "partial", ("\\frac{x^5-2}{x^5-2} = 1",), "Undefined at x = 2^(1/5) (0/0)."),
    ("real", "sixth_root_cancelled", "partial", ("\\frac{x^6-2}{x^6-2} = 1",), "Undefined at x = 2^(1/6) (0/0)."),
    (
        "real",
        "irrational_coefficient_cancelled",
        "partial",
        ("\\frac{\\sqrt{2}x-2}{\\sqrt{2}x-2} = 1",),
        "Undefined at x = √2: √2·√2 − 2 = 0.",
    ),
    (
        "unit",
        "three_real_roots_in_interval",
        "partial",
        ("\\frac{x^3-3x+1}{x^3-3x+1} = 1",),
        "Undefined at its root in (1.5, 1.6): x³ − 3x + 1 is −0.125 at 1.5 and 0.296 at 1.6.",
    ),
    (
        "away",
        "three_real_roots_away",
        "true",
        ("\\frac{x^3-3x+1}{x^3-3x+1} = 1",),
        "Proof: x³ − 3x + 1 = x(x² − 3) + 1 ≥ 2·1 + 1 > 0 on [2, 3].",
    ),
    (
        "real",
        "exp_zero_cancelled",
        "partial",
        ("\\frac{e^x-2}{e^x-2} = 1",),
        "Undefined at x = ln 2 (0/0).",
    ),
    (
        "real",
        "sin_touching_zero_cancelled",
        "partial",
        ("\\frac{\\sin(x)-1}{\\sin(x)-1} = 1",),
        "Undefined at x = π/2 (0/0).",
    ),
    (
        "four",
        "four_symbols_cancelled",
        "partial",
        ("\\frac{x^2y^2z^2w^2-2}{x^2y^2z^2w^2-2} = 1",),
        "Undefined at x = y = z = 1, w = √2 (0/0).",
    ),
]

# A divisor that is not a polynomial, or has more than 3 symbols: no exact zero is looked for (left open).
KNOWN_WRONG: set[str] = {"exp_zero_cancelled", "sin_touching_zero_cancelled", "four_symbols_cancelled"}


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> Verdicts:
    return run(tmp_path_factory.mktemp("latex_readings_divisions"), BLOCKS, CASES)


@pytest.mark.parametrize("case", [param(c, KNOWN_WRONG) for c in CASES])
def test_no_wrong_verdict(case: Case, verdicts: Verdicts) -> None:
    check(case, verdicts)


def test_every_case_has_a_truth_and_a_reason() -> None:
    check_table(BLOCKS, CASES, KNOWN_WRONG)
