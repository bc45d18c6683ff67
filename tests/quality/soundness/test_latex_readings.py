"""The adversarial soundness suite for LaTeX derivations (issue 37): what the reader understood,
inverses and divisions whose side condition fails, strict steps tight at A = cI, implications
undefined at a point, nested denominators.

The probe files under probes/ are Python claims; these are `.md` chains, written to a temporary
folder and run as a user's `verifier check` runs them (verifier.run.runner, forked workers, a
hard time limit per claim). Each case has a truth established without the engine (the proof or
the failing point is in its `why`), and the rules are those of test_soundness.py:

- a false claim is never PROVED, CHECKED or ERROR;
- a true claim is never REFUTED or ERROR (a reader that refuses a well-formed line is an ERROR);
- a partial claim (undefined or complex at a point of its declared domain, or everywhere) is
  never PROVED or CHECKED;
- a malformed one (a reading that could go two ways, a name both declared and defined) is never
  PROVED or CHECKED: the reader refuses it, or it is refuted.

KNOWN_WRONG names the cases that get a wrong verdict today: they run as xfail(strict=True), so a
fixed hole fails the run until its name leaves the set.
"""

from __future__ import annotations

import pytest

from tests.quality.soundness.latex_cases import Case, Verdicts, check, check_table, param, run

pytest.importorskip("lark")

pytestmark = [pytest.mark.xdist_group("soundness"), pytest.mark.slow]

BLOCKS = {
    "readings": "x, y: real; a, p, q: positive",
    "gram": "X: matrix m×k; y: vector of size m; I: identity k×k; k: 2..2; m: 3..3",
    "skew_even": "A: matrix k×k; v: vector of size k; I: identity k×k; k: 2..2",
    "skew_odd": "A: matrix k×k; v: vector of size k; k: 3..3",
    "symmetric": "A: matrix k×k; A: symmetric; k: 2..3",
    "implications": "x, y, w: real",
    "vectors": "u, v: vectors of size k; k: 2..3",
    "shadow": "x, y: real\ny = x^2",
    "ambiguous": "x: real; a, b: positive; f: function",
    "declared_d": "x, y: real; d: positive",
    "size_T": "\\beta: (0, 1); T: 2..3; g: vector of size T",
    "defined_T": "\\beta: (0, 1); T = 3",
    "defined_d": "x: real\nd = 3",
    "gradient": "w: vector of size k; k: 2..3",
    "vector_index": "x: vector of size k; k: 2..3; j: index",
    "matrix_norm": "A: matrix k×k; k: 2..2; I: identity k×k",
    "typeset": "x, y, z: real; k: 2..2; v: vector of size k; A: matrix k×k\nw = x^3\np = x^2",
    "cancelled": "x, y: real; a: positive; b: nonnegative; t: [-1, 1]",
    "inverse": "A: matrix k×k; k: 2..2",
    "matrix_function": "A: matrix k×k; I: identity k×k; z: vector of size k; k: 2..3",
}

# (file, claim name, truth, the lines of the chain, why it has that truth)
CASES: list[tuple[str, str, str, tuple[str, ...], str]] = [
    # ------------------------------------------------------------------ class 1: readings
    ("readings", "sine_double_angle", "true", ("\\sin 2x = 2 \\sin x \\cos x",), "Proof: sin(x + x) = 2 sin x cos x."),
    ("readings", "sine_double_angle_misread", "false", ("\\sin 2x = x \\sin 2",), "False at x = ½: sin 1 ≠ ½ sin 2."),
    ("readings", "log_of_double", "true", ("\\log 2a = \\log 2 + \\log a",), "Proof: log(2a) = log 2 + log a, a > 0."),
    (
        "readings",
        "log_of_double_spaced",
        "true",
        ("\\log 2 a = \\log a + \\log 2",),
        "Proof: as above; the space is no product boundary in TeX.",
    ),
    ("readings", "exp_of_double", "true", ("\\exp 2x = (\\exp x)^2",), "Proof: e^{2x} = (eˣ)²."),
    (
        "readings",
        "tanh_double_angle",
        "true",
        ("\\tanh 2x = \\frac{2 \\tanh x}{1 + \\tanh^2 x}",),
        "Proof: the addition formula for tanh.",
    ),
    (
        "readings",
        "tanh_double_angle_circular",
        "false",
        ("\\tanh 2x = \\frac{2 \\tanh x}{1 - \\tanh^2 x}",),
        "False at x = 1: 0.964 ≠ 2.350.",
    ),
    ("readings", "cosine_double_angle", "true", ("\\cos 2x = \\cos^2 x - \\sin^2 x",), "Proof: cos(x + x)."),
    ("readings", "sine_triple_angle", "true", ("\\sin 3x = 3 \\sin x - 4 \\sin^3 x",), "Proof: sin(2x + x) expanded."),
    (
        "readings",
        "sine_triple_angle_linear",
        "false",
        ("\\sin 3x = 3 \\sin x",),
        "False at x = π/2: −1 ≠ 3 (x = 1: 0.141 ≠ 2.524).",
    ),
    (
        "readings",
        "half_double_angle",
        "true",
        ("\\sin x \\cos x = \\frac{1}{2} \\sin 2x",),
        "Proof: the double-angle formula.",
    ),
    ("readings", "log_base_two", "true", ("\\log_2 8 = 3",), "Proof: 2³ = 8."),
    ("readings", "log_base_two_slip", "false", ("\\log_2 8 = 4",), "False: log₂ 8 = 3."),
    ("readings", "log_of_square_positive", "true", ("\\log a^2 = 2 \\log a",), "Proof: a > 0."),
    (
        "readings",
        "log_of_square_real",
        "partial",
        ("\\log x^2 = 2 \\log x",),
        "Undefined: log x is complex for x < 0 (x = −1: 0 ≠ 2πi).",
    ),
    ("readings", "root_of_square", "false", ("\\sqrt{x^2} = x",), "False at x = −1: 1 ≠ −1."),
    ("readings", "root_of_square_abs", "true", ("\\sqrt{x^2} = |x|",), "Proof: the principal root of |x|²."),
    (
        "readings",
        "ambiguous_sine_argument",
        "malformed",
        ("\\sin x (x + 1) = \\sin(x^2 + x)",),
        "Ambiguous: sin(x)·(x + 1) or sin(x(x + 1)) (false at x = 1 for the first: 2 sin 1 ≠ sin 2).",
    ),
    (
        "readings",
        "ambiguous_log_argument",
        "malformed",
        ("\\log p |p| = 2 \\log p",),
        "Ambiguous: (log p)|p| or log(p|p|).",
    ),
    ("vectors", "dot_commutes", "true", ("u \\cdot v = v \\cdot u",), "Proof: Σuᵢvᵢ = Σvᵢuᵢ."),
    ("vectors", "dot_is_sum_of_products", "true", ("u \\cdot v = \\sum_i u_i v_i",), "Proof: the definition."),
    ("vectors", "dot_is_sum_of_one_side", "false", ("u \\cdot v = \\sum_i u_i",), "False at u = (1, 1), v = 0: 0 ≠ 2."),
    # the reader differentiates with one real stand-in per symbol, made once and reused across lines and entries
    (
        "vectors",
        "gradient_of_weighted_abs",
        "true",
        ("\\frac{\\partial}{\\partial u} \\sum_i |u_i| v_i = \\operatorname{sign}(u) \\odot v",),
        "Proof: ∂/∂uⱼ Σ|uᵢ|vᵢ = sign(uⱼ)vⱼ for real uⱼ ≠ 0; at uⱼ = 0 the reader reads d|r|/dr as sign(r), 0 there.",
    ),
    (
        "vectors",
        "gradient_in_u_is_not_in_v",
        "false",
        ("\\frac{\\partial}{\\partial u} \\sum_i |u_i| v_i = \\frac{\\partial}{\\partial v} \\sum_i |u_i| v_i",),
        "False at u = (1, 1), v = 0: sign(u)⊙v = 0, |u| = (1, 1).",
    ),
    (
        "shadow",
        "shadowed_symbol",
        "malformed",
        ("y \\ge 0",),
        "Contradictory: y is declared real (false at y = −1) and defined as x² (then true): never pick one silently.",
    ),
    # ------------------------------------------------------------------ class 2: divisions, class 3: tiny gaps
    (
        "readings",
        "difference_of_squares_cancelled",
        "partial",
        ("\\frac{x^2 - 1}{x - 1} = x + 1",),
        "Undefined at x = 1 (the right side is 2).",
    ),
    (
        "readings",
        "exp_above_tangent_plus_tiny",
        "false",
        ("e^{x} \\ge 1 + x + 10^{-30}",),
        "False at x = 0: 1 < 1 + 10⁻³⁰.",
    ),
    ("readings", "bump_strict", "false", ("\\frac{p}{p^2 + 1} < \\frac{1}{2}",), "False at p = 1: equality ½ = ½."),
    ("readings", "bump_weak", "true", ("\\frac{p}{p^2 + 1} \\le \\frac{1}{2}",), "Proof: p² + 1 − 2p = (p − 1)² ≥ 0."),
    # ------------------------------------------------------------------ class 5: nested denominators
    (
        "readings",
        "harmonic_pair",
        "true",
        ("\\frac{1}{\\frac{1}{p} + \\frac{1}{q}} = \\frac{p q}{p + q}",),
        "Proof: multiply by pq > 0.",
    ),
    (
        "readings",
        "harmonic_pair_chain",
        "true",
        ("\\frac{1}{\\frac{1}{p} + \\frac{1}{q}} = \\frac{p q}{p + q}", "\\le \\frac{p + q}{4}"),
        "Proof: multiply by pq; then 4pq ≤ (p + q)².",
    ),
    (
        "readings",
        "continued_fraction",
        "true",
        ("1 + \\frac{1}{1 + \\frac{1}{p}} = \\frac{2p + 1}{p + 1}",),
        "Proof: 1/(1 + 1/p) = p/(p + 1).",
    ),
    (
        "readings",
        "continued_fraction_slip",
        "false",
        ("1 + \\frac{1}{1 + \\frac{1}{p}} = \\frac{2p}{p + 1}",),
        "False at p = 1: 3/2 ≠ 1.",
    ),
    (
        "readings",
        "nested_difference_quotient",
        "true",
        ("\\frac{\\frac{1}{p} - \\frac{1}{q}}{\\frac{1}{p} + \\frac{1}{q}} = \\frac{q - p}{q + p}",),
        "Proof: multiply numerator and denominator by pq > 0.",
    ),
    # ------------------------------------------------------------------ class 2: inverses (the einsum reader)
    (
        "gram",
        "outer_gram_of_tall_cancels",
        "partial",
        ("(X X^\\top)^{-1} (X X^\\top) y = y",),
        "Undefined everywhere: rank XXᵀ ≤ 2 < 3.",
    ),
    (
        "gram",
        "outer_gram_of_tall_unbracketed",
        "partial",
        ("(X X^\\top)^{-1} X X^\\top y = y",),
        "Undefined everywhere: rank XXᵀ ≤ 2 < 3.",
    ),
    (
        "gram",
        "inner_gram_of_tall_cancels",
        "partial",
        ("(X^\\top X)^{-1} X^\\top X = I",),
        "Undefined where X has rank < 2 (X = 0), a part of the declared domain ℝ^{3×2}.",
    ),
    (
        "skew_odd",
        "skew_part_cancels_at_three",
        "partial",
        ("(A - A^\\top)^{-1} (A - A^\\top) v = v",),
        "Undefined everywhere: odd skew.",
    ),
    (
        "skew_even",
        "skew_part_cancels_at_two",
        "partial",
        ("(A - A^\\top)^{-1} (A - A^\\top) v = v",),
        "Undefined where A₁₂ = A₂₁ (det(A − Aᵀ) = (A₁₂ − A₂₁)²), e.g. at A = 0; defined elsewhere.",
    ),
    (
        "skew_even",
        "shifted_skew_cancels",
        "true",
        ("(A - A^\\top + 2 A^\\top A + 2I)^{-1} (A - A^\\top + 2 A^\\top A + 2I) v = v",),
        "",
    ),
    # ------------------------------------------------------------------ class 5: strict steps tight at A = cI
    (
        "symmetric",
        "trace_square_above_mean",
        "true",
        ("\\operatorname{tr}(A A) \\ge \\frac{(\\operatorname{tr} A)^2}{k}",),
        "Proof: Cauchy–Schwarz on the eigenvalues.",
    ),
    (
        "symmetric",
        "trace_square_strictly_above_mean",
        "false",
        ("\\operatorname{tr}(A A) > \\frac{(\\operatorname{tr} A)^2}{k}",),
        "False at A = I: k = k.",
    ),
    (
        "symmetric",
        "trace_square_above_half",
        "false",
        ("\\operatorname{tr}(A A) \\ge \\frac{(\\operatorname{tr} A)^2}{2}",),
        "False at k = 3, A = I₃: 3 < 9/2 (true at k = 2).",
    ),
    # ------------------------------------------------------------------ class 5: ⇒ undefined at a point
    (
        "implications",
        "solve_by_division",
        "partial",
        ("x w = y \\implies w = \\frac{y}{x}",),
        "Undefined at x = y = 0, where the premise holds.",
    ),
    (
        "implications",
        "above_one_reciprocal",
        "true",
        ("x > 1 \\implies \\frac{1}{x} < 1",),
        "Proof: x > 1 > 0; divide 1 < x by x.",
    ),
    (
        "implications",
        "square_root_both_sides",
        "false",
        ("x^2 = y \\implies x = \\sqrt{y}",),
        "False at x = −1, y = 1.",
    ),
    (
        "implications",
        "square_root_both_sides_abs",
        "true",
        ("x^2 = y \\implies |x| = \\sqrt{y}",),
        "Proof: y = x² ≥ 0 and √(x²) = |x|.",
    ),
    (
        "implications",
        "nonnegative_reciprocal",
        "partial",
        ("x \\ge 0 \\implies \\frac{1}{x} \\ge 0",),
        "Undefined at x = 0, where the premise holds.",
    ),
    # ------------------------------------------------------------------ class 5: ambiguous notation, refused
    ("ambiguous", "double_superscript", "malformed", ("2^3^2 = 64",), "Ambiguous: TeX refuses it; 2^{3^2} = 512."),
    ("ambiguous", "double_superscript_e", "malformed", ("e^x^2 = e^{2x}",), "Ambiguous: e^{x^2} or (e^x)^2."),
    ("ambiguous", "double_subscript", "malformed", ("a_1_2 = a",), "Ambiguous: TeX refuses a double subscript."),
    ("ambiguous", "digits_juxtaposed", "malformed", ("2 3 = 6",), "Ambiguous: typeset as 23."),
    ("ambiguous", "decimal_juxtaposed", "malformed", ("1.5 2 = 3",), "Ambiguous: typeset as 1.52."),
    ("ambiguous", "mixed_number", "malformed", ("3 \\frac{1}{2} = \\frac{3}{2}",), "Ambiguous: 3½ = 7/2 or 3·½."),
    ("ambiguous", "slash_then_product", "malformed", ("1/2 x = \\frac{x}{2}",), "Ambiguous: 1/(2x) or x/2."),
    ("ambiguous", "slash_glued", "malformed", ("1/2x = \\frac{1}{2x}",), "Ambiguous: 1/(2x) or x/2."),
    ("ambiguous", "slash_letters", "malformed", ("a/2b = \\frac{a}{2b}",), "Ambiguous: a/(2b) or (a/2)b."),
    ("ambiguous", "sine_over", "malformed", ("\\sin x/2 = \\frac{\\sin x}{2}",), "Ambiguous: sin(x/2) or (sin x)/2."),
    ("ambiguous", "log_over", "malformed", ("\\log a/b = \\log\\frac{a}{b}",), "Ambiguous: log(a/b) or (log a)/b."),
    ("ambiguous", "sigma_over", "malformed", ("\\sigma x/2 = \\frac{\\sigma(x)}{2}",), "Ambiguous: σ(x/2) or σ(x)/2."),
    ("ambiguous", "generic_over", "malformed", ("f x/2 = \\frac{f(x)}{2}",), "Ambiguous: f(x/2) or f(x)/2."),
    ("ambiguous", "slash_chain", "true", ("a/b/a = \\frac{1}{b}",), "Proof: (a/b)/a = 1/b, read left to right."),
    ("ambiguous", "slash_single", "true", ("a/b = \\frac{a}{b}",), "Proof: one factor on each side of /."),
    ("ambiguous", "derivative_cdot", "true", ("\\frac{d}{dx} x \\cdot x = 2x",), "Proof: d/dx (x·x) = 2x."),
    ("ambiguous", "derivative_cdot_misread", "false", ("\\frac{d}{dx} x \\cdot x = x",), "False: d/dx (x·x) = 2x."),
    ("ambiguous", "derivative_times", "true", ("\\frac{d}{dx} x \\times x = 2x",), "Proof: d/dx (x·x) = 2x."),
    (
        "ambiguous",
        "two_derivatives_cdot",
        "malformed",
        ("\\frac{d}{dx} x^2 \\cdot \\frac{d}{dx} x^2 = 4x^2",),
        "Ambiguous: (2x)(2x) = 4x², or d/dx (x² · 2x) = 6x².",
    ),
    (
        "ambiguous",
        "derivative_slash",
        "malformed",
        ("\\frac{d}{dx} x / x = \\frac{1}{x}",),
        "Ambiguous: d/dx (x/x) = 0 or (d/dx x)/x = 1/x.",
    ),
    ("ambiguous", "generic_square", "malformed", ("f^2(x) = f(x) f(x)",), "Ambiguous: f(x)² or f(f(x))."),
    ("ambiguous", "sine_square", "true", ("\\sin^2 x = \\sin(x) \\sin(x)",), "Proof: sin² x is (sin x)²."),
    ("ambiguous", "cube_root_negative", "true", ("\\sqrt[3]{-8} = -2",), "Proof: (−2)³ = −8, the real root."),
    ("ambiguous", "cube_root_cube", "true", ("\\sqrt[3]{x^3} = x",), "Proof: the real cube root is odd."),
    ("ambiguous", "fourth_root", "false", ("\\sqrt[4]{x^4} = x",), "False at x = −1: 1 ≠ −1."),
    (
        "ambiguous",
        "condition_in_text",
        "malformed",
        ("\\sqrt{x^2} = x \\quad \\text{for } x \\ge 0",),
        "Ambiguous: the condition is not the declared domain; False at x = −1.",
    ),
    # the red team's F1 (2026 s4): a parenthesised operand ends at its closing parenthesis
    ("ambiguous", "derivative_paren_cdot", "false", ("\\frac{d}{dx}(x^2) \\cdot x = 3x^2",), "False at x = 1: 2 ≠ 3."),
    ("ambiguous", "derivative_paren_cdot_true", "true", ("\\frac{d}{dx}(x^2) \\cdot x = 2x^2",), "Proof: 2x · x."),
    (
        "ambiguous",
        "derivative_paren_side_by_side",
        "false",
        ("\\frac{d}{dx}(x^2)\\frac{d}{dx}(x^3) = 12x^3",),
        "False at x = 1: (2x)(3x²) = 6 ≠ 12.",
    ),
    (
        "ambiguous",
        "derivative_paren_juxtaposed",
        "malformed",
        ("\\frac{d}{dx}(x+1)(x-1) = 2x",),
        "Ambiguous: d/dx of the product is 2x, (d/dx (x+1))·(x−1) is x − 1.",
    ),
    # the red team's F3 and F13 (2026 s4): a second statement, or a condition, taken for a reason
    (
        "ambiguous",
        "and_after_text",
        "malformed",
        ("x = 1 \\Rightarrow x^2 = 1 \\text{ and } x^3 = -1",),
        "Ambiguous: 'and x^3 = -1' is half of the statement, which is false at x = 1 (x³ = 1 ≠ −1).",
    ),
    (
        "ambiguous",
        "or_after_text",
        "malformed",
        ("x^2 - 3x + 2 = 0 \\iff x = 1 \\text{ or } x = 2",),
        "Ambiguous: 'or x = 2' is half of the statement (which holds), read as a reason it is x² − 3x + 2 = 0 ⇔ x = 1.",
    ),
    (
        "ambiguous",
        "bare_condition_in_text",
        "malformed",
        ("\\frac{x^2 - 1}{x - 1} = x + 1 \\quad \\text{(} x \\neq 1 \\text{)}",),
        "Undefined at x = 1; the condition is not the declared domain.",
    ),
    # the red team's F4 and F5 (2026 s4): an index bound by \\max_j or \\sum_j and free right after it
    ("vector_index", "max_then_free", "malformed", ("\\max_j 2 x_j = 2 x_j",), "Ambiguous: max_j (2 x_j) ≠ 2 x_j."),
    (
        "vector_index",
        "sum_then_free",
        "malformed",
        ("\\sum_j x_j - x_j = 0",),
        "Ambiguous: Σ_j (x_j − x_j) = 0 holds, (Σ_j x_j) − x_j = 0 does not.",
    ),
    ("vector_index", "max_of_product", "true", ("\\max_j (2 x_j) = 2 \\max_j x_j",), "Proof: 2 > 0 keeps the order."),
    ("declared_d", "d_over_dx", "malformed", ("\\frac{d}{dx} x^2 = x",), "Ambiguous: d/(dx)·x² = x, or 2x."),
    ("declared_d", "d_over_dx_true", "malformed", ("\\frac{d}{dx} x^2 = 2x",), "Ambiguous: d declared."),
    ("declared_d", "dy_over_dx", "malformed", ("\\frac{dy}{dx} = \\frac{y}{x}",), "Ambiguous: d declared."),
    (
        "declared_d",
        "mathrm_d",
        "true",
        ("\\frac{\\mathrm{d}}{\\mathrm{d}x} x^2 = 2x",),
        "Proof: \\mathrm{d} is the derivative.",
    ),
    ("size_T", "power_T", "malformed", ("\\beta^T = \\beta",), "Ambiguous: T is a size; β^T ≠ β for T ≥ 2."),
    (
        "size_T",
        "power_T_in_sum",
        "malformed",
        ("\\sum_{t=1}^{T} g_t \\beta^T = \\beta \\sum_{t=1}^{T} g_t",),
        "Ambiguous: T is a size; read as a transpose the step is PROVED.",
    ),
    ("defined_T", "power_defined_T", "malformed", ("\\beta^T = \\beta^3",), "Ambiguous: T = 3 is defined."),
    ("gradient", "nabla_cdot", "true", ("\\nabla_w w \\cdot w = 2w",), "Proof: ∇(wᵀw) = 2w."),
    ("gradient", "nabla_cdot_misread", "false", ("\\nabla_w w \\cdot w = w",), "False: ∇(wᵀw) = 2w."),
    ("vector_index", "two_digits", "malformed", ("x_{1 2} = x_2",), "Ambiguous: a vector takes one index."),
    ("vector_index", "digit_and_index", "malformed", ("x_{1j} = x_j",), "Ambiguous: a vector takes one index."),
    ("matrix_norm", "spectral_norm", "malformed", ("\\|I\\|_2 = \\sqrt{2}",), "Ambiguous: ‖I‖₂ = 1, ‖I‖_F = √2."),
    (
        "matrix_norm",
        "induced_one_norm",
        "malformed",
        ("\\|A\\|_1 = \\sum_{i,j} |A_{ij}|",),
        "Ambiguous: the induced 1-norm is the max column sum.",
    ),
    ("matrix_norm", "bare_norm", "malformed", ("\\|I\\| = 1",), "Ambiguous: spectral 1, Frobenius √2."),
    ("matrix_norm", "frobenius", "true", ("\\|I\\|_F = \\sqrt{2}",), "Proof: ‖I‖_F² = 1 + 1 at k = 2."),
    # lines TeX prints otherwise than a reader could take them (helper-46, -47, -48, 2026-11-27)
    ("typeset", "digits_after_caret", "malformed", ("x^10 = 0",), "Ambiguous: printed x¹0; x^{10} = 0 is false."),
    ("typeset", "braces_after_exp", "malformed", ("\\exp{x}^2 = \\exp x^2",), "Ambiguous: both print exp x²."),
    ("typeset", "bars_nest", "malformed", ("|x |y| z| = |x| |y| |z|",), "Ambiguous: nested it holds, in turn not."),
    ("typeset", "defined_called", "malformed", ("w(x) = x^3",), "Ambiguous: w applied holds, w·x = x⁴ does not."),
    ("typeset", "matrix_power_entry", "malformed", ("A^2_{12} = A_{12}^2",), "Ambiguous: (A²)₁₂ ≠ (A₁₂)² at A = I."),
    ("typeset", "odd_root", "true", ("(-8)^{1/3} = -2",), "Proof: (-2)³ = -8; the real cube root, as \\sqrt[3]."),
    ("typeset", "bars_in_turn", "true", ("|x| y + |x| z = |x| (y + z)",), "Proof: distributivity."),
    ("typeset", "defined_product", "true", ("p(1 - p) = x^2 - x^4",), "Proof: p = x², expand."),
    ("typeset", "scripts_either_order", "true", ("v^2_1 = v_1 v_1",), "Proof: TeX's v^2_1 is v_1²."),
    ("typeset", "scripts_either_order_false", "false", ("v^2_1 = 2 v_1",), "False at v_1 = 1: 1 ≠ 2."),
    # sympy's rewrites as it builds, identities of ℂ that drop a condition on ℝ: PROVED (or REFUTED at a point where
    # the line is undefined) before the reader asked each root and logarithm its condition again
    ("cancelled", "root_squared", "partial", ("(\\sqrt{x})^2 = x",), "Undefined in ℝ at x = -1: √(-1)."),
    ("cancelled", "root_times_root", "partial", ("\\sqrt{x} \\sqrt{x} = x",), "Undefined in ℝ at x = -1."),
    ("cancelled", "exp_of_log", "partial", ("e^{\\log x} = x",), "Undefined in ℝ at x = -1: log(-1)."),
    ("cancelled", "root_squared_abs", "partial", ("(\\sqrt{x})^2 = |x|",), "Undefined in ℝ at x = -1 (REFUTED there)."),
    ("cancelled", "power_halves", "partial", ("x^{3/2} x^{1/2} = x^2",), "Undefined in ℝ at x = -1: (-1)^{1/2}."),
    ("cancelled", "root_of_product", "partial", ("(\\sqrt{x y})^2 = x y",), "Undefined in ℝ at x = -1, y = 1."),
    ("cancelled", "root_squared_positive", "true", ("(\\sqrt{a})^2 = a",), "Proof: a > 0: √a is real."),
    ("cancelled", "exp_of_log_positive", "true", ("e^{\\log a} = a",), "Proof: a > 0, so log a is real."),
    ("cancelled", "log_of_exp", "true", ("\\log(e^x) = x",), "Proof: eˣ > 0 for every real x."),
    (
        "cancelled",
        "root_on_its_interval",
        "true",
        ("(\\sqrt{1 - t^2})^2 = 1 - t^2",),
        "Proof: 1 - t² ≥ 0 on [-1, 1], so the root is real and squares back.",
    ),
    ("cancelled", "root_squared_false", "false", ("(\\sqrt{a})^2 = 2 a",), "False at a = 1: 1 ≠ 2."),
    # helper-49's round: a logarithm's condition failing at exactly 0, a root guarded by its case or a premise
    ("cancelled", "exp_of_log_at_zero", "partial", ("e^{\\log b} = b",), "Undefined in ℝ at b = 0: log 0."),
    (
        "cancelled",
        "root_in_its_case",
        "true",
        ("\\begin{cases} (\\sqrt{x})^2 & x \\ge 0 \\\\ -x & x < 0 \\end{cases} = |x|",),
        "Proof: (√x)² = x = |x| in the case x ≥ 0, and -x = |x| below 0.",
    ),
    ("cancelled", "root_under_premise", "true", ("x \\ge 0 \\implies (\\sqrt{x})^2 = x",), "Proof: x ≥ 0: √x real."),
    (
        "cancelled",
        "root_beyond_premise",
        "partial",
        ("x \\ge -1 \\implies (\\sqrt{x})^2 = x",),
        "Undefined in ℝ at x = -1, where the premise holds: √(-1).",
    ),
    # a division sympy cancels as it reads (x/x is 1): its denominator's condition goes with it
    ("cancelled", "quotient_cancelled", "partial", ("\\frac{x}{x} = 1",), "Undefined at x = 0: 0/0."),
    ("cancelled", "reciprocal_cancelled", "partial", ("x^{-1} x = 1",), "Undefined at x = 0: 1/0."),
    ("cancelled", "quotient_of_product", "partial", ("\\frac{x y}{y} = x",), "Undefined at y = 0."),
    ("cancelled", "quotient_positive", "true", ("\\frac{a}{a} = 1",), "Proof: a > 0, so a/a = 1."),
    ("cancelled", "quotient_never_zero", "true", ("\\frac{1 + x^2}{1 + x^2} = 1",), "Proof: 1 + x² ≥ 1."),
    # helper-50's round: one factor of a denominator cancelled, zeros and sign changes away from the simplest points
    ("cancelled", "one_factor_cancelled", "partial", ("\\frac{x}{x y} = \\frac{1}{y}",), "Undefined at x = 0, y = 1."),
    ("cancelled", "zero_at_three", "partial", ("\\frac{x - 3}{x - 3} = 1",), "Undefined at x = 3: 0/0."),
    ("cancelled", "zero_at_a_half", "partial", ("\\frac{2x + 1}{2x + 1} = 1",), "Undefined at x = -1/2: 0/0."),
    ("cancelled", "root_beyond_four", "partial", ("(\\sqrt{4 - x})^2 = 4 - x",), "Undefined in ℝ at x = 5: √(-1)."),
    ("cancelled", "log_below_minus_three", "partial", ("e^{\\log(x + 3)} = x + 3",), "Undefined at x = -3: log 0."),
    ("inverse", "inverse_of_inverse", "partial", ("(A^{-1})^{-1} = A",), "Undefined at A = 0: 0 has no inverse."),
    (
        "inverse",
        "determinant_times_inverse",
        "partial",
        ("\\det(A) A^{-1} = \\operatorname{adj}(A)",),
        "Undefined at A = 0: 0 has no inverse.",
    ),
    # helper-51's round: a denominator in two symbols whose zeros are rational points the simplest ones miss
    ("cancelled", "product_zero", "partial", ("\\frac{x y - 6}{x y - 6} = 1",), "Undefined at x = 2, y = 3."),
    ("cancelled", "line_zero", "partial", ("\\frac{x + y - 7}{x + y - 7} = 1",), "Undefined at x = 3, y = 4."),
    ("cancelled", "circle_zero", "partial", ("\\frac{x^2 + y^2 - 25}{x^2 + y^2 - 25} = 1",), "Undefined at (3, 4)."),
    # the last review: a condition's argument that is exactly 0 must not read as negative from round-off
    (
        "cancelled",
        "root_of_an_exact_zero",
        "true",
        ("(\\sqrt{\\sin^2 x + \\cos^2 x - 1})^2 = \\sin^2 x + \\cos^2 x - 1",),
        "Proof: sin²x + cos²x − 1 = 0 for every x, and (√0)² = 0.",
    ),
    # the red team's F2 (2026 s4): \\exp(A) of a square matrix read entry by entry
    (
        "matrix_function",
        "trace_of_exp",
        "malformed",
        ("\\operatorname{tr}(\\exp(A)) = \\sum_i e^{A_{ii}}",),
        "Ambiguous: entrywise it holds; with the matrix exponential it is false at A = [[0, 1], [1, 0]], "
        "tr exp A = 2 cosh 1 ≠ 2.",
    ),
    (
        "matrix_function",
        "cos_entry",
        "malformed",
        ("\\cos(A)_{12} = \\cos(A_{12})",),
        "Ambiguous: entrywise it holds; the matrix cosine of A = 0 is I, whose (1, 2) entry is 0 ≠ cos 0 = 1.",
    ),
    ("matrix_function", "exp_of_vector", "true", ("\\exp(z)_1 = e^{z_1}",), "Proof: exp of a vector is entrywise."),
    # the red team's f1 (helper-92): a row that goes on after a reason was read as words of the reason
    (
        "readings",
        "row_after_a_reason",
        "false",
        ("x^2 = x^2 \\quad \\text{trivially} \\\\ \\quad + 1",),
        "False at x = 0: the row below goes on with the math, 0 ≠ 1.",
    ),
    # f2: \\mathrm{d}x outside a derivative was the identity applied to x
    ("readings", "differential_as_value", "malformed", ("\\mathrm{d}x = x",), "Ambiguous: a differential is no value."),
    ("defined_d", "defined_d_in_bold", "false", ("\\mathbf{d} x = x",), "False at x = 1: d = 3, so 3 ≠ 1."),
    # f3: a second derivative operator was read inside the first one's operand
    (
        "readings",
        "two_derivatives_juxtaposed",
        "malformed",
        ("\\frac{d}{dx} x^2 \\frac{d}{dx} x^3 = 12x^3",),
        "Ambiguous: d/dx (x² · 3x²) = 12x³, or (2x)(3x²) = 6x³ (false at x = 1 for the product: 6 ≠ 12).",
    ),
    # f5: a function's power or prime before / was read as the function of the quotient, unrefused
    (
        "readings",
        "sigmoid_prime_before_slash",
        "malformed",
        ("\\sigma' x/2 = \\frac{\\sigma'(x)}{2}",),
        "Ambiguous: σ'(x/2) or σ'(x)/2 (false at x = 2 for the first: σ'(1) = 0.197 ≠ σ'(2)/2 = 0.052).",
    ),
    # f6: a / before a signed product was read 1/(-2x) without a word, while 1/2x is refused
    (
        "readings",
        "slash_before_signed_product",
        "malformed",
        ("1/-2x = -\\frac{1}{2x}",),
        "Ambiguous: 1/(-2x) or -x/2.",
    ),
    # f4: \\prod took a / or \\cdot after its factor into its scope, unrefused (\\max_i v_i / 2 is refused)
    (
        "vectors",
        "product_then_slash",
        "malformed",
        ("\\prod_i v_i / 2 = \\frac{\\prod_i v_i}{2^k}",),
        "Ambiguous: Π(vᵢ/2) or (Π vᵢ)/2 (false at v = (1, 1) for the second: 1/2 ≠ 1/4).",
    ),
    (
        "readings",
        "plus_after_a_reason",
        "malformed",
        ("x^2 = x^2 \\quad \\text{trivially} + 1",),
        "Ambiguous: false as math.",
    ),
    ("cancelled", "one_factor_kept", "true", ("\\frac{a}{a y} = \\frac{1}{y}",), "Proof: a > 0; 1/y is kept."),
]

# The shifted skew case: M = A − Aᵀ + 2AᵀA + 2I has vᵀMv = 2‖Av‖² + 2‖v‖² > 0 for v ≠ 0, so M is invertible everywhere.
_SHIFTED_WHY = "Proof: vᵀ(A − Aᵀ + 2AᵀA + 2I)v = 2‖Av‖² + 2‖v‖² > 0 for v ≠ 0, so the matrix is invertible everywhere."
CASES = [(f, n, t, lines, why or _SHIFTED_WHY) for f, n, t, lines, why in CASES]

# Wrong verdicts today; each is listed with its reason in the report of the session that added it.
KNOWN_WRONG: set[str] = set()


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> Verdicts:
    return run(tmp_path_factory.mktemp("latex_readings"), BLOCKS, CASES)


@pytest.mark.parametrize("case", [param(c, KNOWN_WRONG) for c in CASES])
def test_no_wrong_verdict(case: Case, verdicts: Verdicts) -> None:
    check(case, verdicts)


def test_every_case_has_a_truth_and_a_reason() -> None:
    check_table(BLOCKS, CASES, KNOWN_WRONG)
