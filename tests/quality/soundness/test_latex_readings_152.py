"""More adversarial LaTeX readings (red team 152), in the format of test_latex_readings.py: each case a chain
written to a temporary `.md` file and run as `verifier check` runs it, with a truth established without the
engine (the proof or the failing point in its `why`), under the same rules (WRONG in latex_cases.py). KNOWN_WRONG names
the cases that get a wrong verdict today, run as xfail(strict=True).
"""

from __future__ import annotations

import pytest

from tests.quality.soundness.latex_cases import Case, Verdicts, check, check_table, param, run

pytest.importorskip("lark")

pytestmark = [pytest.mark.xdist_group("soundness"), pytest.mark.slow]

BLOCKS = {
    "derivative_sum": "x, y: real",
    "scalar_transpose": "x, \\gamma: real; v: vector of size k; k: 1..2",
    "leibniz": "x, y: real",
    "applied": "w: vector of size k; k: 2..2\n\\lambda, x: real\nL(w) = w^\\top w",
}

# (file, claim name, truth, the lines of the chain, why it has that truth)
CASES: list[tuple[str, str, str, tuple[str, ...], str]] = [
    # a + or - after a derivative operator's operand ended the operand, as a function's argument ends there:
    # \frac{d}{dx} x^2 + 3x was (d/dx x²) + 3x = 5x, where a student may mean d/dx (x² + 3x);
    # the true line below was REFUTED, and the reading shown back (5x) did not say how it was grouped
    (
        "derivative_sum",
        "derivative_then_plus",
        "malformed",
        ("\\frac{d}{dx} x^2 + 3x = 2x + 3",),
        "Ambiguous: true as d/dx (x² + 3x); False as (d/dx x²) + 3x = 5x at x = 0 (0 ≠ 3).",
    ),
    (
        "derivative_sum",
        "derivative_then_plus_other_reading",
        "malformed",
        ("\\frac{d}{dx} x^2 + 3x = 5x",),
        "Ambiguous: true as (d/dx x²) + 3x; False as d/dx (x² + 3x) = 2x + 3 at x = 0 (3 ≠ 0).",
    ),
    (
        "derivative_sum",
        "derivative_then_constant",
        "malformed",
        ("\\frac{d}{dx}x^{2} - 1 = 2x",),
        "Ambiguous: true as d/dx (x² − 1); False as (d/dx x²) − 1 = 2x − 1 at any x.",
    ),
    (
        "derivative_sum",
        "partial_then_other_variable",
        "malformed",
        ("\\frac{\\partial}{\\partial x} x^2 + y^2 = 2x",),
        "Ambiguous: true as ∂/∂x (x² + y²); False as (∂/∂x x²) + y² at y = 1 (2x + 1 ≠ 2x).",
    ),
    (
        "derivative_sum",
        "derivative_of_negated_then_plus",
        "malformed",
        ("\\frac{d}{dx} - x^2 + 1 = -2x",),
        "Ambiguous: true as d/dx (−x² + 1); False as (d/dx (−x²)) + 1 = 1 − 2x at any x.",
    ),
    (
        "derivative_sum",
        "multiple_of_derivative_then_plus",
        "malformed",
        ("2 \\cdot \\frac{d}{dx} x^2 + 1 = 4x",),
        "Ambiguous: true as 2 d/dx (x² + 1) = 4x; False as 2 (d/dx x²) + 1 = 4x + 1 at any x.",
    ),
    (
        "derivative_sum",
        "derivative_in_parentheses",
        "true",
        ("\\left(\\frac{d}{dx} x^2\\right) + 3x = 5x",),
        "Proof: d/dx x² = 2x, and 2x + 3x = 5x.",
    ),
    (
        "derivative_sum",
        "operand_in_parentheses",
        "true",
        ("\\frac{d}{dx}(x^2) + 3x = 5x",),
        "Proof: the operand ends at its closing parenthesis: 2x + 3x.",
    ),
    # one function applied to its argument in parentheses ends the operand there, as every ML text writes a
    # regularised gradient (it was refused as ambiguous at first)
    (
        "applied",
        "regularised_gradient",
        "true",
        ("\\nabla_w L(w) + \\lambda w = 2w + \\lambda w",),
        "Proof: ∇(wᵀw) = 2w, then + λw.",
    ),
    ("applied", "sine_applied_then_one", "true", ("\\frac{d}{dx} \\sin(x) + 1 = \\cos(x) + 1",), "Proof: sin′ = cos."),
    (
        "applied",
        "sine_applied_then_one_as_one_operand",
        "false",
        ("\\frac{d}{dx} \\sin(x) + 1 = \\cos(x)",),
        "False at x = 0: cos 0 + 1 = 2 ≠ 1 (the operand is sin(x) alone).",
    ),
    # helper-153: a declared variable before parentheses multiplies them, so its operand does not end there:
    # \frac{d}{dx} x(x+1) + x was read as (d/dx x(x+1)) + x = 3x + 1 and PROVED
    (
        "applied",
        "variable_times_parentheses_then_plus",
        "malformed",
        ("\\frac{d}{dx} x(x+1) + x = 3x + 1",),
        "Ambiguous: true as (d/dx x(x+1)) + x; as d/dx (x(x+1) + x) = 2x + 2 False at x = 0 (2 ≠ 1).",
    ),
    (
        "applied",
        "variable_times_parentheses_other_reading",
        "malformed",
        ("\\frac{d}{dx} x(x+1) + x = 2x + 2",),
        "Ambiguous: true as d/dx (x(x+1) + x); as (d/dx x(x+1)) + x = 3x + 1 False at x = 0 (1 ≠ 2).",
    ),
    (
        "applied",
        "scalar_times_parentheses_then_plus",
        "malformed",
        ("\\frac{d}{dx} \\lambda(x^2) + x = 2\\lambda x + x",),
        "Ambiguous: true as (d/dx λx²) + x; as d/dx (λx² + x) = 2λx + 1 False at x = 2, λ = 0 (1 ≠ 2).",
    ),
    (
        "derivative_sum",
        "sum_in_parentheses",
        "true",
        ("\\frac{d}{dx}\\left(x^2 + 3x\\right) = 2x + 3",),
        "Proof: the power rule, term by term.",
    ),
    (
        "derivative_sum",
        "sum_of_derivatives",
        "true",
        ("\\frac{d}{dx} x^2 + \\frac{d}{dx} x^3 = 2x + 3x^2",),
        "Proof: the sum rule written out, each derivative by the power rule.",
    ),
    (
        "derivative_sum",
        "sum_of_derivatives_then_constant",
        "malformed",
        ("\\frac{d}{dx} x^2 + \\frac{d}{dx} x^3 + 1 = 2x + 3x^2",),
        "Ambiguous: true if the second derivative takes x³ + 1; False as 2x + 3x² + 1 ≠ 2x + 3x².",
    ),
    # ^T with T undeclared is the transpose, which of a number or a declared scalar is itself: 2^T = 2 and
    # \gamma^T = \gamma (a discount to the horizon T) were PROVED, where the page shows a power
    (
        "scalar_transpose",
        "number_to_the_t",
        "malformed",
        ("2^T = 2",),
        "Ambiguous: true as a transpose; as the power 2^T it is False at T = 0 (1 ≠ 2).",
    ),
    (
        "scalar_transpose",
        "discount_to_the_horizon",
        "malformed",
        ("\\gamma^T = \\gamma",),
        "Ambiguous: true as a transpose; as the power γ^T False at γ = 2, T = 2 (4 ≠ 2).",
    ),
    (
        "scalar_transpose",
        "entry_to_the_t",
        "malformed",
        ("v_1^T = v_1",),
        "Ambiguous: true as a transpose; as the power v₁^T False at v₁ = 2, T = 2 (4 ≠ 2).",
    ),
    ("scalar_transpose", "scalar_top", "true", ("x^\\top = x",), "Proof: a scalar is its own transpose."),
    ("scalar_transpose", "vector_t", "true", ("v^T v = \\sum_i v_i^2",), "Proof: the dot product, entry by entry."),
    (
        "scalar_transpose",
        "product_t",
        "true",
        ("(v^T v)^T = v^T v",),
        "Proof: a 1×1 value is its own transpose.",
    ),
    # dy/dx with y declared as a variable of its own was 0 and PROVED so; a student writes dy/dx for y a function
    # of x (implicit differentiation), where it is not 0
    (
        "leibniz",
        "dy_dx_of_independent_y",
        "malformed",
        ("\\frac{dy}{dx} = 0",),
        "Ambiguous: 0 for y independent of x; False for y a function of x, y = x: dy/dx = 1 ≠ 0.",
    ),
    (
        "leibniz",
        "dy_dx_upright",
        "malformed",
        ("\\frac{\\mathrm{d}y}{\\mathrm{d}x} = 0",),
        "Ambiguous: as above, with an upright d.",
    ),
    ("leibniz", "partial_of_other_variable", "true", ("\\frac{\\partial y}{\\partial x} = 0",), "Proof: ∂y/∂x = 0."),
    ("leibniz", "dx_dx", "true", ("\\frac{dx}{dx} = 1",), "Proof: d/dx x = 1."),
]

KNOWN_WRONG: set[str] = set()


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> Verdicts:
    return run(tmp_path_factory.mktemp("latex_readings_152"), BLOCKS, CASES)


@pytest.mark.parametrize("case", [param(c, KNOWN_WRONG) for c in CASES])
def test_no_wrong_verdict(case: Case, verdicts: Verdicts) -> None:
    check(case, verdicts)


def test_every_case_has_a_truth_and_a_reason() -> None:
    check_table(BLOCKS, CASES, KNOWN_WRONG)
