"""A division sympy cancels as it reads, by a divisor whose zeros are irrational: \\frac{x^2-2}{x^2-2} = 1 was
PROVED on ℝ, where it is undefined at x = ±√2 (\\frac{x}{x} = 1 was already an ERROR, its divisor's zero 0 is
rational). The reader looks for a divisor's zeros among its real roots in radicals too, each shown to lie in the
declared domain exactly. A divisor that is not a polynomial (eˣ − 2, sin x − 1, 2ˣ − 3, log(x + 5) − 1) was not
looked into, nor one in four symbols, and each was PROVED though undefined at log 2, π/2, ...: the reader now solves
a polynomial in one exponential, sine, cosine or logarithm exactly (verifier/language/zeros.py), and a cancelled
divisor in one scalar it can neither show nonzero on the domain nor find a zero of there (eˣ − x − 2) refuses the
line with what to write (frontends/latex/divisor_zeros.py); in several symbols, zeros are looked for at simple
points. In the format of test_latex_readings.py (the truth of each case is in its `why`).
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
    "low": "x: [0, 1]",
    "wide": "x: [-4, 4]",
    "square": "x, y: [0, 1]",
    "short": "x: [0, \\frac{8999}{8192}]",
    "far": "x: [10, 20]",
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
    # helper-160: a divisor that is not a polynomial, or in four symbols (were PROVED); its controls, and divisors
    # whose zeros the reader can neither find nor rule out (an ERROR that says what to write)
    ("low", "exp_zero_cancelled_past_it", "true", ("\\frac{e^x-3}{e^x-3} = 1",), "Proof: eˣ ≤ e < 3 on [0, 1]."),
    ("real", "exp_plus_one_cancelled", "true", ("\\frac{e^x+1}{e^x+1} = 1",), "Proof: eˣ + 1 > 1 on ℝ."),
    ("wide", "cos_zero_cancelled", "partial", ("\\frac{\\cos(x)}{\\cos(x)} = 1",), "Undefined at x = π/2 (0/0)."),
    (
        "low",
        "cos_zero_cancelled_away",
        "true",
        ("\\frac{\\cos(x)}{\\cos(x)} = 1",),
        "Proof: cos x ≥ cos 1 > 0 on [0, 1] (1 < π/2).",
    ),
    (
        "wide",
        "log_zero_cancelled",
        "partial",
        ("\\frac{\\log(x+5)-1}{\\log(x+5)-1} = 1",),
        "Undefined at x = e − 5 ≈ −2.28 (0/0).",
    ),
    ("unit", "power_of_two_cancelled", "partial", ("\\frac{2^x-3}{2^x-3} = 1",), "Undefined at x = log₂ 3 ≈ 1.58."),
    (
        "unit",
        "gaussian_cancelled",
        "partial",
        ("\\frac{e^{x^2}-\\exp(1)}{e^{x^2}-\\exp(1)} = 1",),
        "Undefined at x = 1, the domain's end (0/0).",
    ),
    (
        "real",
        "sinh_cancelled",
        "partial",
        ("\\frac{e^x-e^{-x}-1}{e^x-e^{-x}-1} = 1",),
        "Undefined at x = log((1 + √5)/2) (0/0).",
    ),
    (
        "real",
        "sin_minus_two_cancelled",
        "true",
        ("\\frac{\\sin(x)-2}{\\sin(x)-2} = 1",),
        "Proof: sin x − 2 ≤ −1 on ℝ.",
    ),
    (
        "real",
        "exp_minus_x_cancelled",
        "partial",
        ("\\frac{e^x-x-2}{e^x-x-2} = 1",),
        "Undefined at the zero of eˣ − x − 2 in (1, 2): −0.28 at 1, 3.39 at 2.",
    ),
    (
        "square",
        "difference_cancelled",
        "partial",
        ("\\frac{e^x-e^y}{e^x-e^y} = 1",),
        "Undefined where x = y, e.g. x = y = 0 (0/0).",
    ),
]

CASES += [
    (
        "short",
        "exp_zero_cancelled_just_past_the_end",
        "true",
        ("\\frac{e^x-3}{e^x-3} = 1",),
        "Proof: log 3 = 1.098612… > 8999/8192 = 1.098511…, so eˣ < 3 on the domain.",
    ),
    (
        "far",
        "sin_touching_zero_cancelled_far",
        "partial",
        ("\\frac{\\sin(x)-1}{\\sin(x)-1} = 1",),
        "Undefined at 5π/2.",
    ),
    (
        "positive",
        "cos_zero_cancelled_positive",
        "partial",
        ("\\frac{\\cos(x)}{\\cos(x)} = 1",),
        "Undefined at x = π/2 (0/0).",
    ),
    (
        "square",
        "exp_sum_cancelled_in_a_square",
        "true",
        ("\\frac{e^x+e^y-1}{e^x+e^y-1} = 1",),
        "Proof: eˣ + eʸ − 1 ≥ 1 on [0, 1]².",
    ),
]

KNOWN_WRONG: set[str] = set()


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> Verdicts:
    return run(tmp_path_factory.mktemp("latex_readings_divisions"), BLOCKS, CASES)


@pytest.mark.parametrize("case", [param(c, KNOWN_WRONG) for c in CASES])
def test_no_wrong_verdict(case: Case, verdicts: Verdicts) -> None:
    check(case, verdicts)


def test_every_case_has_a_truth_and_a_reason() -> None:
    check_table(BLOCKS, CASES, KNOWN_WRONG)
