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
    text = "```verifier\nx, y: real\n```\n\n$$ \\cos 2 x e^{-x} = e^{-x} \\cos 2x $$\n"
    families, errors = latex.parse_chains(text, "hw.md", "hw")
    assert families == [] and len(errors) == 1, (families, errors)
    message = errors[0][1]
    assert "ambiguous: \\cos 2 x e^{-x} can be \\cos of the product" in message, message
    assert "write e^{-x} \\cos 2 x (or (\\cos 2 x) e^{-x}) for the product" in message, message
    for line in ("\\sin e^{x} = \\sin e^{x}", "e^{-x} \\cos 2x = (\\cos 2x) e^{-x}", "\\sin(x) e^{y} = e^{y} \\sin x"):
        assert _verified("x, y: real", line).status is Status.PROVED, line
    assert _verified("x, e: real", "\\sin x e^{2} = \\sin(x e^2)").status is Status.PROVED  # e declared: a letter
