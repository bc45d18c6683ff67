"""Notation that could be read two ways is refused at its place, with what to write instead (the red-team holes).

A textbook reader would hesitate at each of these, so the reader does not pick one: `2^3^2`,
`\\frac{d}{dx}` with d declared, `^T` with T declared, a `/` before a juxtaposed product or after
a function without parentheses, `2 3`, two indices on a vector, `f^2(x)` for an arbitrary f, a
matrix norm other than the Frobenius one, and a condition written in `\\text`. The readings that
stay are checked too: a derivative operator takes an explicit product, an odd root is the real one.
"""

from __future__ import annotations

import pytest

from verifier.engine import EngineSettings, verify_family
from verifier.frontends import latex
from verifier.outcome import Status

pytest.importorskip("lark")

SETTINGS = EngineSettings(samples=30)


def _read(block: str, line: str) -> tuple[object, list[tuple[str, str]]]:
    families, errors = latex.parse_chains(f"```verifier\n{block}\n```\n\n$$ {line} $$\n", "hw.md", "hw")
    return (families[0] if families else None), errors


def _refusal(block: str, line: str) -> str:
    _, errors = _read(block, line)
    assert len(errors) == 1, errors
    return errors[0][1]


def _verdict(block: str, line: str) -> Status:
    family, errors = _read(block, line)
    assert errors == [], errors
    return verify_family(family, SETTINGS).status  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("block", "line", "says"),
    [
        ("x: real", "2^3^2 = 64", "double superscript: write 2^{3^{2}} or (2^{3})^{2}"),
        ("x: real", "e^x^2 = e^{2x}", "double superscript"),
        ("x: vector of size k; k: 2..3", "x_1_2 = x_2", "double subscript"),
        ("x: real; d: positive", "\\frac{d}{dx} x^2 = x", "d is declared here"),
        ("x, y: real; d: positive", "\\frac{dy}{dx} = 1", "write \\mathrm{d} for the derivative"),
        ("\\beta: (0, 1); T: 2..3", "\\beta^T = \\beta", "T is declared here"),
        ("\\beta: (0, 1); T = 3", "\\beta^T = \\beta^3", "write ^\\top for the transpose"),
        ("x: real", "\\frac{d}{dx} x / x = \\frac{1}{x}", "write the operand in parentheses"),
        ("x: real", "\\frac{d}{dx} x^2 \\cdot \\frac{d}{dx} x^2 = 4x^2", "write each derivative in parentheses"),
        ("x: real", "1/2 x = \\frac{x}{2}", "write \\frac{1}{2x} or \\frac{1}{2} x"),
        ("a, b: positive", "a/2b = \\frac{a}{2b}", "write \\frac{a}{2b} or \\frac{a}{2} b"),
        ("x: real", "\\sin x/2 = \\frac{\\sin x}{2}", "write \\sin(x/2) or \\frac{\\sin x}{2}"),
        ("a, b: positive", "\\log a/b = \\log\\frac{a}{b}", "write \\log(a/b)"),
        ("x: real", "\\sigma x/2 = \\frac{\\sigma(x)}{2}", "write \\sigma(x/2)"),
        ("x: real; f: function", "f x/2 = \\frac{f(x)}{2}", "write f(x/2) or \\frac{f x}{2}"),
        ("w: vector of size k; k: 2..3", "\\nabla_w w^\\top w / 2 = w", "write the operand in parentheses"),
        ("x: real", "2 3 = 6", "write 2 \\cdot 3"),
        ("x: real", "{2}{3} = 6", "write {2} \\cdot {3}"),  # braced digits typeset as 23 too (red team F7)
        ("x: real", "2 {3} = 6", "write 2 \\cdot {3}"),
        ("x: real", "1.5 2 = 3", "write 1.5 \\cdot 2"),
        ("x: real", "3 \\frac{1}{2} = \\frac{3}{2}", "mixed number"),
        ("x: vector of size k; k: 2..3", "x_{1 2} = x_2", "a vector takes one index"),
        ("x: vector of size k; k: 2..3; j: index", "x_{1j} = x_j", "a vector takes one index"),
        ("x: real; f: function", "f^2(x) = f(x) f(x)", "or the composition f(f(x))"),
        ("A: matrix k×k; k: 2..2; I: identity k×k", "\\|I\\|_2 = \\sqrt{2}", "write \\|A\\|_F"),
        ("A: matrix k×k; k: 2..2", "\\|A\\|_1 = \\sum_{i,j} |A_{ij}|", "induced"),
        # red team rtF: \sum_{i,i} A_{ii} was read as a double sum, k·tr(A), where a student means tr(A)
        ("A: matrix k×k; k: 2..3", "\\sum_{i,i} A_{ii} = \\operatorname{tr}(A)", "the index i is bound twice"),
        ("x: vector of size k; k: 2..3", "\\sum_{k=1}^{k} x_k = \\sum_{i=1}^{k} x_i", "also the name of a size"),
        # red team rtK: the same with \prod suggested \sum; \sum_i \sum_i A_{ii}, the outer i used nowhere else, was
        # read as k·tr A (the inner i shadowing the outer): = tr A was REFUTED
        ("z: vector of size k; k: 2..3", "\\prod_{i,i} z_i = 1", "write \\prod_{i} for one product, or \\prod_{i,j}"),
        ("z: vector of size k; k: 2..3", "\\prod_{k=1}^{k} z_k = 1", "another letter: \\prod_{i=1}^{k}"),
        (
            "A: matrix k×k; k: 2..3",
            "\\sum_i \\sum_i A_{ii} = \\operatorname{tr}(A)",
            "name the inner index another letter",
        ),
        ("z: vector of size k; k: 2..3", "\\prod_i \\prod_i z_i = 1", "bound again inside, by \\prod_i"),
        ("z: vector of size k; k: 2..3", "\\sum_i \\max_i z_i = 2", "write \\max_i alone"),
        ("z: vector of size k; k: 2..3", "\\sum_i 2 \\prod_i z_i = 1", "\\sum_i \\prod_j"),
        # red team rtH: x_1 beside a vector x defined in the block (not declared) was the scalar where written and the
        # entry where \sum_i reached it, silently (REFUTED)
        ("W: matrix k×k; v: vector of size k; k: 2..2\nx = W v\nx_1: real", "\\sum_i x_i = x_1 + x_2", "defined as a"),
        ("x: vector of size k; k: 2..3", "\\sum_k x_k = \\sum_i x_i", "the index k is also the name of a size"),
        ("A: matrix k×k; k: 2..2; I: identity k×k", "\\|I\\| = 1", "Frobenius"),
        ("x: real", "\\sqrt{x^2} = x \\quad \\text{for } x \\ge 0", "declare the domain instead"),
        ("x: real", "\\frac{d}{dx}(x+1)(x-1) = 2x", "\\left((x+1) (x-1)\\right) for the second"),
        ("x: real", "\\frac{d}{dx}(x^2) x = 2x^2", "take (x^2) only, or the product with x?"),
        (
            "x: real",
            "\\frac{x^2 - 1}{x - 1} = x + 1 \\quad \\text{(} x \\neq 1 \\text{)}",
            "declare the domain instead",
        ),
        ("x: real", "\\sqrt{x^2} = x \\quad \\text{(x \\ge 0)}", "declare the domain instead"),
        # red team F4, F5: the letter bound and free, read as max_j(2) z_j and (Σ_j x_j) − y_j
        ("z: vector of size k; k: 2..3; j: index", "\\max_j 2 z_j = 2 z_j", "write \\max_j (2 z_j)"),
        (
            "x, y: vectors of size k; k: 2..3; j: index",
            "\\sum_j x_j - y_j = \\sum_j (x_j - y_j)",
            "write \\sum_j (x_j - y_j) for one sum",
        ),
        ("A: matrix k×k; x: vector of size k; k: 2..3; j: index", "\\sum_i \\sum_j A_{ij} + x_j = 0", "\\sum_j"),
        # red team F11: the suggestion kept only the last factor, \\ln(x/3)
        ("x: positive", "\\ln 2x / 3 = 0", "write \\ln(2x/3) or \\frac{\\ln 2x}{3}"),
        ("x: positive", "3 \\ln 2x / 3 = 0", "write 3 \\ln(2x/3)"),
        ("x: real; f: function", "f 2x/2 = \\frac{f(x)}{2}", "write f(2x/2)"),
    ],
)
def test_an_ambiguous_notation_is_refused_with_what_to_write(block: str, line: str, says: str) -> None:
    message = _refusal(block, line)
    assert "ambiguous" in message or "condition" in message, message
    assert says in message, message


@pytest.mark.parametrize(
    ("block", "line", "status"),
    [
        ("x: real", "2^{3^2} = 512", Status.PROVED),
        ("x: real", "(2^3)^2 = 64", Status.PROVED),
        ("x: real", "\\frac{d}{dx} x \\cdot x = 2x", Status.PROVED),
        ("x: real", "\\frac{d}{dx} x \\cdot x = x", Status.REFUTED),
        ("x: real", "\\frac{d}{dx} x \\times x = 2x", Status.PROVED),
        ("x: real", "-\\frac{d}{dx} x \\cdot x = -2x", Status.PROVED),
        ("x: real", "\\frac{\\partial}{\\partial x} x \\cdot \\sin x = \\sin x + x \\cos x", Status.PROVED),
        ("x: real", "\\left(\\frac{d}{dx} x \\cdot x\\right) + 1 = 2x + 1", Status.PROVED),
        ("x: real", "\\frac{1}{2} 3 = \\frac{3}{2}", Status.PROVED),
        ("x: real", "\\frac{d}{dx} x \\cdot x \\cdot x = 3x^2", Status.PROVED),
        ("x: real", "2 \\frac{d}{dx} x \\cdot x = 4x", Status.PROVED),
        ("w: vector of size k; k: 2..3", "\\nabla_w w \\cdot w = 2w", Status.PROVED),
        ("x: real; d: positive", "\\frac{\\mathrm{d}}{\\mathrm{d}x} x^2 = 2x", Status.PROVED),
        ("x: vector of size k; k: 2..3", "x^T x = \\sum_i x_i^2", Status.PROVED),
        ("a, b: positive", "a/b/a = \\frac{1}{b}", Status.PROVED),
        ("x: real", "e^{-x^2/2} = \\exp(-x^2/2)", Status.PROVED),
        ("x: real", "\\exp(x)/2 = \\frac{e^x}{2}", Status.PROVED),
        ("x: real", "\\sin^2 x + \\cos^2 x = 1", Status.PROVED),
        ("A: matrix k×k; k: 2..2", "A_{1 2} = A_{12}", Status.PROVED),
        ("A: matrix k×k; k: 2..2; I: identity k×k", "\\|I\\|_F = \\sqrt{2}", Status.PROVED),
        ("x: vector of size k; k: 2..3", "\\|x\\|_1 = \\sum_i |x_i|", Status.PROVED),
        ("x: real", "\\sqrt[3]{-8} = -2", Status.PROVED),
        ("x: positive", "\\frac{d}{dx} \\sqrt[3]{x} = \\frac{1}{3 \\sqrt[3]{x^2}}", Status.PROVED),
        ("x: real", "\\sqrt[3]{x} \\sqrt[3]{x} \\sqrt[3]{x} = x", Status.PROVED),
        ("x: real", "\\sqrt[4]{x^4} = x", Status.REFUTED),
        ("x: real", "\\sqrt{x^2} = |x| \\quad \\text{since } \\sqrt{a^2} = |a|", Status.PROVED),
        # a parenthesised operand ends at its closing parenthesis (red team F1: read as d/dx (x^2 x), PROVED)
        ("x: real", "\\frac{d}{dx}(x^2) \\cdot x = 3x^2", Status.REFUTED),
        ("x: real", "\\frac{d}{dx}(x^2) \\cdot x = 2x^2", Status.PROVED),
        ("x: real", "\\frac{d}{dx}\\left(x^2\\right) \\cdot x = 2x^2", Status.PROVED),
        ("x: real", "\\frac{d}{dx}[x^2] \\cdot x = 2x^2", Status.PROVED),
        ("x: real", "\\frac{\\partial}{\\partial x}(x^2) \\cdot x = 2x^2", Status.PROVED),
        ("x: real", "\\frac{d}{dx}(x^2)\\frac{d}{dx}(x^3) = 6x^3", Status.PROVED),
        ("x: real", "\\frac{d}{dx}(x^2) \\cdot \\frac{d}{dx} x^2 = 4x^2", Status.PROVED),
        ("x: nonzero", "\\frac{d}{dx}(x^2) / x = 2", Status.PROVED),
        (
            "x: real",
            "\\frac{d}{dx}(x^2 \\sin x) = \\frac{d}{dx}(x^2) \\cdot \\sin x + x^2 \\cdot \\frac{d}{dx}(\\sin x)",
            Status.PROVED,
        ),
        ("z: vector of size k; k: 2..3", "\\exp(z)_1 = e^{z_1}", Status.PROVED),
        ("A: matrix k×k; k: 2..3", "\\sigma(A)_{12} = \\sigma(A_{12})", Status.PROVED),
        ("X: matrix m×k; k: 2..2; m: 3..3", "\\tanh(X)_{31} = \\tanh(X_{31})", Status.PROVED),
        ("z: vector of size k; k: 2..3; j: index", "\\max_j (2 z_j) = 2 \\max_j z_j", Status.PROVED),
        ("z: vector of size k; k: 2..3; j: index", "\\max_j z_j - z_j + z_j = \\max_i z_i", Status.PROVED),
        ("x, y: vectors of size k; k: 2..3; j: index", "\\sum_i x_i - y_j = \\sum_i x_i - y_j", Status.PROVED),
        # the outer index used outside the inner sum that binds it again: the inner one is its own (true)
        ("x, z: vectors of size k; k: 2..3", "\\sum_l z_l \\sum_l x_l = \\sum_l \\sum_m z_l x_m", Status.PROVED),
        ("x, z: vectors of size k; k: 2..3", "\\sum_l (\\sum_l x_l) z_l = \\sum_l \\sum_m z_l x_m", Status.PROVED),
        ("x: vector of size k; k: 2..3", "\\sum_i 1 = k", Status.PROVED),
    ],
)
def test_the_readings_that_stay(block: str, line: str, status: Status) -> None:
    assert _verdict(block, line) is status


@pytest.mark.parametrize(
    ("block", "line", "says"),
    [
        (
            "A: matrix k×k; k: 2..3",
            "\\operatorname{tr}(\\exp(A)) = \\sum_i e^{A_{ii}}",
            "the matrix exponential is not",
        ),
        ("A: matrix k×k; k: 2..3; I: identity k×k", "\\exp(A) \\exp(-A) = I", "the matrix exponential is not"),
        ("A: matrix k×k; k: 2..3", "\\cos(A)_{11} = \\cos(A_{11})", "the matrix function \\cos is not"),
    ],
)
def test_a_function_of_a_square_matrix_is_refused(block: str, line: str, says: str) -> None:
    """Red team F2: \\exp(A) of a square matrix was the entries' exp, so tr(exp A) = Σ e^{A_ii} was PROVED;
    a textbook means the matrix exponential, which is refused as e^{A} is."""
    assert says in _refusal(block, line)


@pytest.mark.parametrize(
    "line",
    [
        "x = 1 \\Rightarrow x^2 = 1 \\text{ and } x^3 = -1",
        "x^2 - 3x + 2 = 0 \\iff x = 1 \\text{ or } x = 2",
        "x = 1 \\Rightarrow x^2 = 1 \\quad \\text{, hence } x^4 \\le 1",
        "x = 1 \\Rightarrow x^2 = 1 \\text{ and so } x^3 \\Rightarrow 1",
    ],
)
def test_a_second_statement_after_text_is_refused(line: str) -> None:
    """Red team F3: `\\text{ and } x^3 = -1` was cut off as a reason, and x = 1 ⇒ x² = 1 PROVED the line."""
    assert "one statement per display" in _refusal("x: real", line)


@pytest.mark.parametrize(
    "line",
    [
        "\\frac{d}{dx} x^2 = 2x \\quad \\text{(by the chain rule)}",
        "\\tanh(x) = 2\\sigma(2x) - 1 \\quad \\text{since } \\sigma(2t) = (1 + \\tanh t)/2",
        "\\frac{d}{dx} \\log(x^2 + 1) = \\frac{2x}{x^2 + 1} \\quad \\text{(\\log u)' = u'/u}",
        "x^2 + 1 > 0 \\quad \\text{a square is } \\ge 0",
    ],
)
def test_a_justification_with_a_relation_stays_a_reason(line: str) -> None:
    _, errors = _read("x: real", line)
    assert errors == [], errors


def test_an_odd_root_of_a_real_is_the_real_root() -> None:
    assert _verdict("x: real", "\\sqrt[3]{x^3} = x") in (Status.PROVED, Status.CHECKED)
