"""Messages for notation a student pastes (helper-97): each says what was written and what to write instead, or
the notation is read as LaTeX reads it. Before, \\% and \\{ were "unexpected character '\\\\'", x^\\prime an unknown
macro, x_{\\text{max}} "unbalanced braces", a % comment an unexpected character, \\|x\\|_\\infty "\\infty is no
value here", and x^2 = x^2 \\text{trivially} - 1 was PROVED (the - 1 read as words of the reason)."""

from __future__ import annotations

import pytest

from tests.frontends.homework import read, refusal
from tests.frontends.homework import status as _status
from verifier.outcome import Status

pytest.importorskip("lark")


def _message(declarations: str, line: str) -> str:
    """The one error of the line, without its `path:line:col: `."""
    return refusal(declarations, line).split(": ", 1)[1]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("p\\% = \\frac{p}{100}", "p\\% (a percent) is not read; write \\frac{p}{100}"),
        ("50\\% \\cdot p = \\frac{p}{2}", "50\\% (a percent) is not read; write \\frac{50}{100}"),
        (
            "50% \\cdot p = \\frac{p}{2}",
            "'50%': a % right after math starts a LaTeX comment, which drops the rest of the line; for a percent "
            "write \\frac{50}{100}; for a comment put a space before the %",
        ),
    ],
)
def test_a_percent_says_to_write_a_fraction(line: str, message: str) -> None:
    assert _message("p: real", line) == message


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "\\max\\{x, y\\} = \\max(x, y)",
            "\\max\\{x, y\\}: braces \\{ \\} are not read as brackets in a line; write \\max(x, y)",
        ),
        ("\\{x + y\\} = x + y", "\\{x + y\\}: braces \\{ \\} are not read as brackets in a line; write (x + y)"),
        # sized: the size went into the suggestion, "write (x + y\\right)" (red team D)
        (
            "\\left\\{x + y\\right\\} = x + y",
            "\\{x + y\\}: braces \\{ \\} are not read as brackets in a line; write (x + y)",
        ),
        (
            "\\max\\left\\{x, y\\right\\} = \\max(x, y)",
            "\\max\\{x, y\\}: braces \\{ \\} are not read as brackets in a line; write \\max(x, y)",
        ),
    ],
)
def test_braces_as_brackets_say_to_write_parentheses(line: str, message: str) -> None:
    assert _message("x, y: real", line) == message


def test_a_prime_as_a_superscript_is_the_prime() -> None:
    assert _status("x: real\nf: function", "f^\\prime(x) = f'(x)") is Status.PROVED
    assert _status("x: real\nf: function", "f^{\\prime\\prime}(x) = f''(x)") is Status.PROVED
    assert _status("x: real", "\\sin^\\prime(x) = \\cos x") is Status.PROVED
    assert _status("x: real", "\\sin^\\prime(x) = \\sin x") is Status.REFUTED


def test_a_prime_on_a_variable_or_alone_says_what_it_goes_on() -> None:
    assert _message("x: real", "x^\\prime = x") == (
        "a prime (x', x^\\prime) goes on a function only, \\sigma'(x); name a variable \\tilde{x} or x_2"
    )
    assert _message("x: real", "\\prime x = x") == (
        "\\prime is read only as a superscript, f^\\prime (the same as f'); write f'(x) for a derivative"
    )


@pytest.mark.parametrize(
    ("line", "written"),
    [
        ("x_{\\text{max}} = 1", "x_{\\text{max}}"),
        ("x_\\text{max} = 1", "x_\\text{max}"),
        ("x_{\\mathrm{max}} = 1", "x_{\\mathrm{max}}"),
    ],
)
def test_a_word_as_a_subscript_says_to_use_a_letter(line: str, written: str) -> None:
    assert _message("x: real", line) == (
        f"{written}: a word as a subscript is not read; write x_m (declare it: x_m: real)"
    )


def test_a_word_under_a_sum_says_to_write_its_index() -> None:
    assert _message("x: vector of size k\nk: 2..3", "\\sum_{\\text{all}} x_i = \\sum_i x_i") == (
        "\\sum_{\\text{all}}: a word as a subscript is not read; write its index, \\sum_i or \\sum_{i=1}^{k}"
    )


def test_a_comment_runs_to_the_end_of_its_line() -> None:
    assert _status("x: real", "x^2 = x \\cdot x % expand") is Status.PROVED
    assert _status("x: real", "x^2 = x \\cdot x % = x + 1, a note") is Status.PROVED  # LaTeX shows no = x + 1
    aligned = "\\begin{aligned} x^2 &= x \\cdot x \\\\ % expand\n &= x + 1 \\end{aligned}"
    assert _status("x: real", aligned) is Status.REFUTED  # the next line is read
    hidden = "\\begin{aligned} x^2 &= x \\cdot x % expand \\\\\n &= x + 1 \\end{aligned}"
    assert _message("x: real", hidden).startswith("this row holds a second equation")  # a \\\\ in a comment is none


def test_the_infinity_norm_says_to_write_the_max_of_the_entries() -> None:
    declarations = "x, y: vector of size k\nk: 2..3"
    assert _message(declarations, "\\|x\\|_\\infty = \\max_i |x_i|") == (
        "\\|x\\|_\\infty (the max norm) is not read; write \\max_i |x_i| for a vector"
    )
    assert _message(declarations, "\\|x - y\\|_{\\infty} \\le \\|x - y\\|_1") == (
        "\\|x - y\\|_{\\infty} (the max norm) is not read; write \\max_i |x_i| for a vector"
    )
    assert _status(declarations, "\\max_i |x_i| \\le \\|x\\|_1") is Status.CHECKED


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "x^2 = x^2 \\text{trivially} - 1",
            "math after a reason: '\\text{trivially}' is followed by '- 1', which would be taken for words of the "
            "reason and never checked; put the reason at the end of the line, x^2 = x^2 - 1 \\quad "
            "\\text{trivially}, or end its words with a colon if the math justifies the step "
            "(\\text{expand: } -t \\log p)",
        ),
        (
            "x = x \\quad \\text{(by X)} = x + 1",  # the step to x + 1 was read as words of the reason
            "math after a reason: '\\text{(by X)}' is followed by '= x + 1', which would be taken for words of the "
            "reason and never checked; put the reason at the end of the line, x = x = x + 1 \\quad \\text{(by X)}, "
            "or end its words with a colon if the math justifies the step (\\text{expand: } -t \\log p)",
        ),
        (
            "x = x \\quad \\text{by X}\\; x",
            "math after a reason: '\\text{by X}' is followed by 'x', which would be taken for words of the reason "
            "and never checked; put the reason at the end of the line, x = x x \\quad \\text{by X}, or end its words "
            "with a colon if the math justifies the step (\\text{expand: } -t \\log p)",
        ),
    ],
)
def test_a_term_right_after_a_reason_is_refused(line: str, message: str) -> None:
    # x^2 = x^2 \text{trivially} - 1 was PROVED: the - 1 was read as words of the reason
    assert _message("x: real", line) == message


@pytest.mark.parametrize(
    "line",
    [
        "-x = -x \\quad \\text{since } -x \\le |x|",
        "x = x \\quad \\text{expand: } -x + x",
        "x = x \\quad \\text{the chain rule, } -x \\cdot 1",
        "x^2 = x^2 \\quad \\text{a square is } \\ge 0",
        "x^2 = x^2 \\quad \\text{trivially}.",
    ],
)
def test_a_justification_after_words_that_lead_into_it_stays(line: str) -> None:
    assert _status("x: real", line) is Status.PROVED


@pytest.mark.parametrize(
    "line",
    [
        "x^2 = x^2 \\text{ } - 1",  # helper-100: a blank \text{ } is a space, not words that lead into math
        "x^2 = x \\text{ } x",
        "x = 2 x \\text{ } \\frac{1}{2}",
        "x^2 = x^2 \\quad \\text{by algebra,} - 1",  # a comma with no space after it leads into nothing
        "x^2 = x^2 \\quad \\text{trivially} = 0",  # a relation after words that do not lead into it
    ],
)
def test_math_after_a_blank_or_unannounced_reason_is_refused(line: str) -> None:
    assert "math after a reason" in _message("x: real", line)


@pytest.mark.parametrize(
    ("line", "start"),
    [
        ("\\dot s = s", "\\dot is not read (a time derivative or a new name); write a derivative as \\frac{d x}{d t}"),
        ("\\langle s, s \\rangle = s^2", "\\langle x, y\\rangle is not read; write x^\\top y"),
        ("\\forall s \\; s^2 \\ge 0", "\\forall is not read in a line; declare the symbol's domain instead"),
        ("s^2 = s \\cdot s \\hspace{1em} \\text{since } s s = s^2", "\\hspace (layout) is not read in math; write \\,"),
        # red team 132: a mark on the page said "declare it (\\boxed: real)", after which \\cancel{s} was cancel·s
        ("\\boxed{s} = s", "\\boxed (a mark on the page) is not read in math; write the line without it"),
        ("s + \\cancel{s} = s", "\\cancel (a mark on the page) is not read in math"),
        ("s^2 \\stackrel{(a)}{=} s s", "\\stackrel (a mark on the page) is not read in math"),
        ("\\underbrace{s + s}_{2s} = 2s", "\\underbrace (a mark on the page) is not read in math"),
    ],
)
def test_an_accent_a_bracket_a_quantifier_or_layout_says_what_to_write_not_to_declare_it(line: str, start: str) -> None:
    """Red team 102: these said "declare it (\\dot: real)", and, declared, \\dot s was read as the product dot·s."""
    message = _message("s: real", line)
    assert message.startswith(start) and "(\\dot: real)" not in message, message


@pytest.mark.parametrize("declarations", ["x: real", "n: real"])
def test_a_sums_bound_that_is_not_a_size_says_to_declare_it_as_one(declarations: str) -> None:
    """Red team 102: an undeclared n said "declare it (n: real)", after which the bound was "not a whole number"."""
    message = _message(declarations, "\\sum_{i=1}^{n} 1 = n")
    assert "as a size" in message and "(n: 1..5)" in message, message
    assert _status("n: 1..5", "\\sum_{i=1}^{n} 1 = n") is Status.PROVED


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "\\sum_{i < j} x_i x_j = 0",
            "a bound is written i=1 or i \\neq j, not with <; for pairs, nest the sums: \\sum_{j} \\sum_{i=1}^{j-1}",
        ),
        ("\\sum_{j \\le i} x_j = 0", "a bound is written j=1 or j \\neq i, not with \\le"),
    ],
)
def test_a_bound_with_an_order_says_how_to_write_it(line: str, message: str) -> None:
    """red team rtF: the message named the index against itself (\\sum_{i<j}: "i \\neq i")."""
    assert _message("x: vector of size k; k: 2..3; i: index", line) == message


@pytest.mark.parametrize(
    ("declarations", "says"),
    [
        ("x: vector of size k; k: 2..3; x_1: real", "x_{1} is declared, and x is a vector whose entry x_{1}"),
        ("A: matrix k×k; k: 2..3; A_{12}: real", "A_{12} is declared, and A is a matrix whose entry A_{12}"),
    ],
)
def test_a_scalar_named_like_an_entry_is_refused(declarations: str, says: str) -> None:
    """red team rtF: x_1 beside a vector x read as the scalar where written and as the entry where a sum reached it,
    and the line was refused as 'round trip: ... a bug of the LaTeX reader, please report it'."""
    line = "x_1 = \\sum_{i=1}^{k} x_i - \\sum_{i=2}^{k} x_i" if "x_1" in declarations else "A_{12} = A_{12}"
    families, errors = read(declarations, f"$$ {line} $$")
    assert families == [], families
    assert any(says in e for e in errors) and not any("bug of the LaTeX reader" in e for e in errors), errors


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "\\text{sin}\\,x = \\sin x",
            "\\text{sin} starts the line's words (a reason), so the line has no math; for the function write "
            "\\operatorname{sin} x, or \\text{sin}(x) with parentheses",
        ),
        (
            "\\text{by definition}",
            "this line starts with words (\\text{…}) and has no math; a reason goes after the math it explains",
        ),
    ],
)
def test_a_first_line_of_words_says_where_the_math_goes(line: str, message: str) -> None:
    # both were 'this display is empty; write an expression', about a line the student had filled
    assert _message("x: real", line) == message
