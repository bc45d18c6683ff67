"""Readings a red team found wrong (helper-75): a declared e, \\propto, \\operatorname{sin}, \\left, \\mathrm{F}."""

from __future__ import annotations

import pytest

from verifier.engine import EngineSettings, verify_family
from verifier.frontends import latex
from verifier.outcome import ClaimResult, Status

pytest.importorskip("lark")
SETTINGS = EngineSettings(samples=40)


def _verified(declarations: str, line: str) -> ClaimResult:
    text = f"```verifier\n{declarations}\n```\n\n$$ {line} $$\n"
    families, errors = latex.parse_chains(text, "hw.md", "hw")
    assert errors == [], errors
    return verify_family(families[0], SETTINGS)


def _refused(declarations: str, line: str) -> str:
    """The one message of a line the reader refuses."""
    text = f"```verifier\n{declarations}\n```\n\n$$ {line} $$\n"
    families, errors = latex.parse_chains(text, "hw.md", "hw")
    assert families == [] and len(errors) == 1, (families, errors)
    return str(errors[0][1])


def test_exp_reads_back_when_a_vector_e_is_declared() -> None:
    # sympy prints exp(x₁) as e^{x_{1}}, which read back as the declared vector e to a power: an error that
    # called itself "a bug of the LaTeX reader"
    r = _verified("x: vector of size k; k: 2..3\ne: vector of size k", "\\exp(x_1) = \\exp(x_1)")
    assert r.status is Status.PROVED, r.reason


def test_exp_is_the_exponential_and_e_the_declared_symbol() -> None:
    assert _verified("x, e: real", "\\exp(x) \\exp(-x) = 1").status is Status.PROVED
    assert _verified("x, e: real", "\\frac{1}{1 + \\exp(-x)} = \\frac{\\exp(x)}{1 + \\exp(x)}").status is Status.PROVED
    r = _verified("x, e: real", "\\exp(x) + e = e^x + e")  # e^x is the declared e to the power x
    assert r.status is Status.REFUTED, r.reason
    assert "e^{x}" not in r.start_latex and "\\exp" in r.start_latex  # the reading shown does not look like e^x


def test_proportional_to_is_not_called_approximately() -> None:
    families, errors = latex.parse_chains("```verifier\nx: real\n```\n\n$$ 2x \\propto x $$\n", "hw.md", "hw")
    assert families == [] and len(errors) == 1
    assert "proportional to" in str(errors[0]) and "approximately" not in str(errors[0])


@pytest.mark.parametrize(
    "line", ["\\operatorname{sin}(x) = \\sin(x)", "\\mathrm{exp}(x) = \\exp(x)", "\\operatorname{log} x = \\log x"]
)
def test_a_function_written_upright_by_hand_is_that_function(line: str) -> None:
    assert _verified("x: positive", line).status is Status.PROVED  # it was "not a known function (… sin …)"


def test_a_first_line_that_opens_with_left_is_shown_whole() -> None:
    r = _verified("x, y: real", "\\left| |x| - |y| \\right| \\le |x - y|")
    assert r.start_written == "\\left| |x| - |y| \\right|"  # was "| |x| - |y| \\right|" (red team F17)


def test_the_frobenius_norm_set_upright_is_the_frobenius_norm() -> None:
    # \|A\|_{\mathrm{F}} was refused as "\|A\|_? … an induced (operator) norm or the Frobenius norm" (red team F15)
    line = "\\|A\\|_{\\mathrm{F}}^2 = \\operatorname{tr}(A^\\top A)"
    assert _verified("A: matrix k×k; k: 2..3", line).status is Status.PROVED
    # without braces, as TeX takes it: a font command and its argument are one script
    for script in ("\\mathrm{F}", "\\mathrm F"):
        line = f"\\|A\\|_{script}^2 = \\operatorname{{tr}}(A^\\top A)"
        assert _verified("A: matrix k×k; k: 2..3", line).status is Status.PROVED, script  # was "unexpected '\\mathrm'"


def test_a_power_of_e_after_a_function_without_parentheses_is_refused() -> None:
    # \sin x e^y was read sin(x e^y), with a note (red team F8); a damped wave \cos \omega t e^{-t} means the product
    message = _refused("x, y: real", "\\cos 2 x e^{-x} = e^{-x} \\cos 2x")
    assert "ambiguous: \\cos 2 x e^{-x} can be \\cos of the product" in message, message
    assert "write e^{-x} \\cos 2 x (or (\\cos 2 x) e^{-x}) for the product" in message, message
    for line in ("\\sin e^{x} = \\sin e^{x}", "e^{-x} \\cos 2x = (\\cos 2x) e^{-x}", "\\sin(x) e^{y} = e^{y} \\sin x"):
        assert _verified("x, y: real", line).status is Status.PROVED, line
    assert _verified("x, e: real", "\\sin x e^{2} = \\sin(x e^2)").status is Status.PROVED  # e declared: a letter


@pytest.mark.parametrize(
    ("cases", "where"),
    [
        ("1 & x \\ge 0 \\\\ 0 & x \\le 0", "where x = 0, with different values (1 and 0)"),
        ("1 & x - 1 \\ge 0 \\\\ 0 & 1 - x \\ge 0", "where x = 1"),
        ("1 & x > 0 \\\\ 2 & x > 1 \\\\ 0 & \\text{otherwise}", "where x \\in (1, \\infty), with different values"),
    ],
)
def test_cases_that_hold_at_once_with_different_values_are_refused(cases: str, where: str) -> None:
    # the first row that held won in silence (red team F9): a definition by cases gives one value at each point
    message = _refused("x: real", f"\\begin{{cases}} {cases} \\end{{cases}} = 1")
    assert "ambiguous: the cases" in message and where in message, message


@pytest.mark.parametrize(
    ("cases", "equals", "status"),
    [
        ("x & x \\ge 0 \\\\ 0 & x \\le 0", "\\max(x, 0)", Status.PROVED),  # they meet at 0, where both are 0
        ("x - 1 & x \\ge 1 \\\\ 0 & 1 \\ge x", "\\max(x - 1, 0)", Status.PROVED),
        ("1 & x > 0 \\\\ 0 & x \\le 0", "1", Status.REFUTED),  # exclusive
        ("1 & x > 0 \\\\ 0 & y > 0 \\\\ 2 & \\text{otherwise}", "1", Status.REFUTED),  # two expressions: first wins
        # they meet where |x| = 1, both ½ there; a point not solved for is not refused (helper-83)
        (
            "\\frac{1}{2} x^2 & |x| \\le 1 \\\\ |x| - \\frac{1}{2} & |x| \\ge 1",
            "\\frac{1}{2} \\min(x^2, 1) + \\max(|x| - 1, 0)",
            Status.CHECKED,
        ),
        (
            "1 & x > 0 \\\\ 0 & x < \\sin^2(1) + \\cos^2(1) - 1 \\\\ 0 & \\text{otherwise}",
            "\\max(\\operatorname{sign}(x), 0)",
            Status.PROVED,
        ),  # an end that is 0: they never meet
    ],
)
def test_cases_that_meet_with_one_value_or_never_meet_are_read(cases: str, equals: str, status: Status) -> None:
    line = f"\\begin{{cases}} {cases} \\end{{cases}} = {equals}"
    assert _verified("x, y: real", line).status is status, line


def test_e_set_upright_is_eulers_number_and_refused_after_a_functions_argument() -> None:
    # \mathrm{e}^{y}, as ISO 80000-2 writes it, was "undeclared symbol e" (helper-79)
    assert _verified("x: real", "\\mathrm{e}^{x} \\mathrm{e}^{-x} = 1").status is Status.PROVED
    message = _refused("x, y: real", "\\sin x \\mathrm{e}^{y} = 1")
    assert "ambiguous: \\sin x \\mathrm{e}^{y} can be" in message, message
    # with e declared (or defined, a residual e = y - Xw), \mathrm{e}^{x} was the name's power, a silent misreading
    # of the upright Euler's number: d/dx \mathrm{e}^{x} = \mathrm{e}^{x} was REFUTED ('log of 0' at e = 0)
    for declared in ("x, e: real", "x, y, w: real\ne = y - w x"):
        message = _refused(declared, "\\frac{d}{dx} \\mathrm{e}^{x} = \\mathrm{e}^{x}")
        assert "ambiguous: \\mathrm{e} is Euler's number set upright" in message, message
    assert _verified("x, e: real", "\\frac{d}{dx} \\exp(x) = \\exp(x)").status is Status.PROVED


def test_neighbouring_cases_of_one_value_are_read_as_written() -> None:
    # sympy joined them into one row on x > 2 ∨ x < 0, which the reader called "function Or … not declared"
    line = "\\begin{cases} 1 & x < 0 \\\\ 1 & x > 2 \\\\ 0 & \\text{otherwise} \\end{cases} = 1"
    r = _verified("x: real", line)
    assert r.status is Status.REFUTED and r.counterexample is not None, r.reason


def test_a_law_on_another_random_variable_is_refused() -> None:
    # E[XY] = 0 was PROVED with Y ~ N(X, 1), where it is E[X²] = 1: the moments took X and Y independent (helper-81)
    declared = "X \\sim \\mathcal{N}(0, 1)\nY \\sim \\mathcal{N}(X, 1)"
    for line in ("\\mathbb{E}[X Y] = 0", "\\mathbb{E}[X Y] = 1"):
        message = _refused(declared, line)
        assert "the law of Y depends on the noise X; write Y as X + Z with Z ~ N(0, 1) independent" in message
    assert _verified("X \\sim \\mathcal{N}(0, 1)\nY \\sim \\mathcal{N}(3, 1)", "\\mathbb{E}[X Y] = 0").status is (
        Status.PROVED
    )


def test_otherwise_before_another_case_is_refused() -> None:
    # it took every point, and the rows after it were never read (helper-83)
    message = _refused("x: real", "\\begin{cases} 0 & \\text{otherwise} \\\\ x & x > 0 \\end{cases} = 0")
    assert "\\text{otherwise} (or a case without a condition) comes last" in message, message


@pytest.mark.parametrize(
    ("cases", "equals", "status"),
    [
        # the hat function as textbooks write it; it was a parse error at the second \le
        (
            "x & 0 \\le x \\le 1 \\\\ 2 - x & 1 < x \\le 2 \\\\ 0 & \\text{otherwise}",
            "\\max(1 - |x - 1|, 0)",
            Status.CHECKED,
        ),
        ("1 & 2 > x > 1 \\\\ 0 & \\text{otherwise}", "1", Status.REFUTED),  # downward, 0 at x = 0
        (
            "x & 0 \\le x \\le 1 \\\\ 1 & 1 \\le x \\le 2 \\\\ 0 & \\text{otherwise}",
            "\\min(\\max(x, 0), 1)",
            Status.REFUTED,
        ),
    ],
)
def test_a_chained_condition_is_both_of_its_relations(cases: str, equals: str, status: Status) -> None:
    line = f"\\begin{{cases}} {cases} \\end{{cases}} = {equals}"
    assert _verified("x: real", line).status is status, line


def test_chained_conditions_that_overlap_with_two_values_or_point_both_ways_are_refused() -> None:
    overlap = "\\begin{cases} 1 & 0 \\le x \\le 2 \\\\ 0 & 1 \\le x \\le 3 \\\\ 0 & \\text{otherwise} \\end{cases} = 1"
    message = _refused("x: real", overlap)
    assert "the cases 0 \\le x \\le 2 and 1 \\le x \\le 3 both hold where x \\in [1, 2]" in message, message
    message = _refused("x: real", "\\begin{cases} 1 & 0 \\le x \\ge 1 \\\\ 0 & \\text{otherwise} \\end{cases} = 1")
    assert "chains \\le with \\ge, which bounds no one interval" in message, message
    message = _refused("x: real", "\\begin{cases} 1 & x > 0 ) \\\\ 0 & \\text{otherwise} \\end{cases} = 1")
    assert "\\end{cases}" in message and "pmatrix" not in message, message  # the environment open there


def test_a_downward_chain_is_shown_back_downward_as_it_was_written() -> None:
    # it was shown upward, 0 \le x \le 2: equivalent, but not what the student wrote
    overlap = "\\begin{cases} 1 & 2 \\ge x \\ge 0 \\\\ 0 & 3 > x > 1 \\\\ 0 & \\text{otherwise} \\end{cases} = 1"
    message = _refused("x: real", overlap)
    assert "2 \\ge x \\ge 0" in message and "3 > x > 1" in message, message
