"""More adversarial LaTeX readings (red team 132), in the format of test_latex_readings.py: each case a chain
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
    "euler_declared": "x, e: real",
    "euler_defined": "x: real\ne = x - 1",
    "mixed": "x: real",
    "braced_function": "x, y: real; a: positive",
    "exponent_digits": "t: real",
    "braced_max": "z: vector of size k; k: 2..3",
    "braced_power": "x: real; v: vector of size k; k: 2..2",
    "kink_slope": "x: real",
}

# (file, claim name, truth, the lines of the chain, why it has that truth)
CASES: list[tuple[str, str, str, tuple[str, ...], str]] = [
    # sympy prints Euler's number through its own _latex method, as e, which the round trip read back as the
    # declared symbol e: a true line with \exp(1) was an ERROR ('a bug of the LaTeX reader')
    ("euler_declared", "exp_one_commutes", "true", ("\\exp(1) x = x \\exp(1)",), "Proof: a product commutes."),
    (
        "euler_declared",
        "exp_one_is_not_the_symbol",
        "false",
        ("\\exp(1) = e",),
        "False at e = 0: exp(1) ≈ 2.718 ≠ 0 (e is a declared variable).",
    ),
    ("euler_declared", "exp_one_squared", "true", ("\\exp(2) = \\exp(1)^2",), "Proof: e² = e·e."),
    # and with e defined (a residual e = y - Xw), the round trip printed exp as e^{x}, read back as the definition:
    # every line with an exponential was an ERROR ('a bug of the LaTeX reader')
    ("euler_defined", "exp_beside_defined_e", "true", ("\\exp(x) e = e \\exp(x)",), "Proof: a product commutes."),
    ("euler_defined", "exp_one_beside_defined_e", "true", ("\\exp(1) e = e \\exp(1)",), "Proof: as above."),
    ("euler_defined", "exp_is_not_defined_e", "false", ("\\exp(x) = e + 1",), "False at x = 0: exp 0 = 1, e + 1 = 0."),
    # braces print nothing: 2{\frac{1}{2}} is typeset 2½ as 2\frac{1}{2} is, which is refused as a mixed number or a
    # product; the braced fraction was read as the product and PROVED
    (
        "mixed",
        "mixed_number_braced",
        "malformed",
        ("2{\\frac{1}{2}} = 1",),
        "Ambiguous: typeset 2½, the mixed number 5/2 ≠ 1 (False so read), or the product 2 · ½ = 1.",
    ),
    (
        "mixed",
        "mixed_number_twice_braced",
        "malformed",
        ("x + {2}{{\\frac{1}{2}}} = x + 1",),
        "Ambiguous: typeset x + 2½, False at any x as a mixed number (x + 5/2), true as a product.",
    ),
    # braces print nothing: {\sin x} y is typeset sin x y, which the reader (and a textbook) reads sin(xy), and
    # {\sin x}/2 as sin x/2, refused without the braces; the braces were taken as parentheses and PROVED
    (
        "braced_function",
        "braced_sine_before_factor",
        "malformed",
        ("{\\sin x} y = y \\sin x",),
        "Ambiguous: typeset sin x y, read sin(xy) without the braces: False at x = 1, y = 2 (sin 2 ≠ 2 sin 1).",
    ),
    (
        "braced_function",
        "braced_sine_over",
        "malformed",
        ("{\\sin x}/2 = \\frac{\\sin x}{2}",),
        "Ambiguous: typeset sin x/2, sin(x/2) or (sin x)/2; False at x = π as sin(π/2) = 1 ≠ 0.",
    ),
    (
        "braced_function",
        "braced_sine_before_root",
        "malformed",
        ("{\\sin x}\\sqrt{a} = \\sqrt{a} \\sin x",),
        "Ambiguous: typeset sin x √a (refused without the braces): False at x = 1, a = 4 as sin(2) ≠ 2 sin 1.",
    ),
    (
        "braced_function",
        "braced_square_sine_before_factor",
        "malformed",
        ("{\\sin^2 x} y = y \\sin^2 x",),
        "Ambiguous: typeset sin² x y, read sin²(xy): False at x = 1, y = 2 (sin² 2 ≈ 0.83 ≠ 2 sin² 1 ≈ 1.42).",
    ),
    (
        "braced_function",
        "braced_sine_before_cosine",
        "true",
        ("{\\sin x}{\\cos x} = \\sin x \\cos x",),
        "Proof: typeset sin x cos x, the product of the two read either way (a function ends at another function).",
    ),
    ("braced_function", "braced_sine_alone", "true", ("{\\sin x} + 1 = 1 + \\sin x",), "Proof: a sum commutes."),
    # and braces after a function: \sin{x e^{y}} is typeset sin x e^y, refused without the braces (sin of the product,
    # or a damped wave?), and \sin{x \cos y} sin x cos y, read sin(x)·cos(y) without them; both read as sin of all
    (
        "braced_function",
        "braced_argument_with_exponential",
        "malformed",
        ("\\sin{x e^{y}} = \\sin(x e^{y})",),
        "Ambiguous: typeset sin x e^y; as (sin x) e^y it is False at x = π/2, y = 1 (e ≠ sin(πe/2) ≈ -0.9).",
    ),
    (
        "braced_function",
        "braced_argument_with_function",
        "malformed",
        ("\\sin{x \\cos y} = \\sin(x \\cos y)",),
        "Ambiguous: typeset sin x cos y; as (sin x)(cos y) it is False at x = 2, y = π/3 (sin 2 · ½ ≈ 0.45 ≠ sin 1).",
    ),
    ("braced_function", "braced_run_of_factors", "true", ("\\sin{2 x y} = \\sin(2xy)",), "Proof: the same run."),
    # numbers side by side in an exponent or a log's base were read as a product (an index's are two indices,
    # A_{1 2}): 2^{1 0}, typeset 2¹⁰, was 2⁰ and REFUTED, t^{2 3} (typeset t²³) PROVED equal to t⁶, \log_{2 2} 16 = 2
    (
        "exponent_digits",
        "exponent_digits_spaced",
        "malformed",
        ("2^{1 0} = 1024",),
        "Ambiguous: typeset 2¹⁰ = 1024 (true), or read as a product 2^{1·0} = 1 (False).",
    ),
    (
        "exponent_digits",
        "exponent_digits_product",
        "malformed",
        ("t^{2 3} = t^{6}",),
        "Ambiguous: typeset t²³, False at t = 2 (2²³ ≠ 2⁶); true only as the product 2·3.",
    ),
    (
        "exponent_digits",
        "exponent_mixed_number",
        "malformed",
        ("2^{1 \\frac{1}{2}} = \\sqrt{2}",),
        "Ambiguous: typeset 2^{1½}, False as the mixed number (2^{3/2} = 2√2 ≠ √2), true as the product 1·½.",
    ),
    (
        "exponent_digits",
        "log_base_digits",
        "malformed",
        ("\\log_{2 2} 16 = 2",),
        "Ambiguous: typeset log₂₂ 16 ≈ 0.897, False = 2; true only as the base 2·2 = 4.",
    ),
    ("exponent_digits", "exponent_number", "true", ("2^{10} = 1024",), "Proof: 2¹⁰ = 1024."),
    ("exponent_digits", "log_base_number", "true", ("\\log_{2} 16 = 4",), "Proof: 2⁴ = 16."),
    # braces print nothing: \max_j {2 z_j} is typeset max_j 2 z_j, refused without them (j bound and free), and was
    # read as the max of the product
    (
        "braced_max",
        "braced_max_of_product",
        "malformed",
        ("\\max_j {2 z_j} = 2\\max_j z_j",),
        "Ambiguous: typeset max_j 2 z_j, as (max_j 2) z_j = 2 z_j it is False at z = (0, 1), entry 1 (0 ≠ 2).",
    ),
    # braces print nothing: {2^3}^2 is typeset 2³², as 2^3^2 would be if TeX took it (it is refused), and was read
    # (2³)² and PROVED
    (
        "braced_power",
        "braced_power_of_power",
        "malformed",
        ("{2^3}^2 = 64",),
        "Ambiguous: typeset 2³², which reads 2^{32} (False: ≠ 64) or 2^{3^2} = 512 (False), or (2³)² = 64.",
    ),
    (
        "braced_power",
        "braced_exponential_squared",
        "malformed",
        ("{e^{x}}^{2} = e^{2x}",),
        "Ambiguous: typeset e^x², as e^{x²} it is False at x = 1 (e ≠ e²).",
    ),
    ("braced_power", "braced_entry_squared", "true", ("{v_1}^2 = v_1 v_1",), "Proof: a square; {v_1}^2 prints v₁²."),
    # a slope claimed where it does not exist, at the kink x = 0, is PROVED: the slopes either side differ (1 and
    # −1), and sympy's sign(0) = 0 meets the right side there (a known limit: docs/explanation/known-limits.md)
    (
        "kink_slope",
        "abs_slope_at_kink",
        "partial",
        ("\\frac{d}{dx}|x| = \\operatorname{sign}(x)",),
        "Undefined at x = 0: |x| has slopes -1 and 1 either side.",
    ),
]

KNOWN_WRONG: set[str] = {"abs_slope_at_kink"}  # sympy differentiates |x| to sign(x), 0 at the kink


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> Verdicts:
    return run(tmp_path_factory.mktemp("latex_readings_redteam"), BLOCKS, CASES)


@pytest.mark.parametrize("case", [param(c, KNOWN_WRONG) for c in CASES])
def test_no_wrong_verdict(case: Case, verdicts: Verdicts) -> None:
    check(case, verdicts)


def test_every_case_has_a_truth_and_a_reason() -> None:
    check_table(BLOCKS, CASES, KNOWN_WRONG)
