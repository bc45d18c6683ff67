"""What the LaTeX reader understood is what a textbook means, or it refuses and says what to write (issue 37).

`\\sin 2x` is sin(2x), as TeX typesets it and textbooks read it: a function written without
parentheses takes the product of plain factors (numbers, names) that follows, up to the next
function or operator. A reading that could go two ways is refused. Every such reading is
shown back in the claim's notes, so a student can see what was checked.
"""

from __future__ import annotations

import pytest

from verifier.engine import EngineSettings, verify_family
from verifier.frontends import latex
from verifier.outcome import Status

pytest.importorskip("lark")

SETTINGS = EngineSettings(samples=40)


def _one(block: str, line: str) -> tuple[object, list[tuple[str, str]]]:
    families, errors = latex.parse_chains(f"```verifier\n{block}\n```\n\n$$ {line} $$\n", "hw.md", "hw")
    return (families[0] if families else None), errors


def _verdict(block: str, line: str) -> tuple[Status, str]:
    family, errors = _one(block, line)
    assert errors == [], errors
    r = verify_family(family, SETTINGS)  # type: ignore[arg-type]
    return r.status, f"{r.reason} {r.notes}"


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("\\sin 2x = 2 \\sin x \\cos x", Status.PROVED),
        ("\\sin 2x = x \\sin 2", Status.REFUTED),  # read as sin(2)·x before: PROVED, a false verdict
        ("\\cos 2x = 1 - 2 \\sin^2 x", Status.PROVED),
        ("\\exp 2x = (\\exp x)^2", Status.PROVED),
        ("\\tanh 2x = \\frac{2 \\tanh x}{1 + \\tanh^2 x}", Status.PROVED),
        ("\\sin x \\cos x = \\frac{1}{2} \\sin 2x", Status.PROVED),  # the run stops at the next function
        ("\\sin x y = \\sin(x y)", Status.PROVED),
        ("\\sin x \\cdot y = y \\sin(x)", Status.PROVED),  # an explicit product ends the argument
    ],
)
def test_a_function_without_parentheses_takes_the_product_that_follows(line: str, status: Status) -> None:
    got, why = _verdict("x, y: real", line)
    assert got is status, why


def test_the_log_of_a_product_is_read_whole_and_the_reading_is_shown() -> None:
    got, why = _verdict("a: positive", "\\log 2a = \\log 2 + \\log a")
    assert got is Status.PROVED, why
    assert "\\log(2 a)" in why and "write (\\log 2) a for the other reading" in why


def test_a_gaussian_entropy_term_is_the_log_of_the_whole_product() -> None:
    got, why = _verdict("s: positive", "\\log 2 \\pi s^2 = \\log 2 + \\log \\pi + 2 \\log s")
    assert got is Status.PROVED, why


@pytest.mark.parametrize(
    ("line", "both"),
    [
        ("\\sin x (x + 1) = 0", "\\sin(x (x+1)) for the function of the product, or (\\sin x) (x+1) for the product"),
        ("\\log x |x| = 0", "\\log(x |x|) for the function of the product, or (\\log x) |x| for the product"),
        ("\\log |x| x = 0", "\\log(|x| x) for the function of the product, or (\\log |x|) x for the product"),
    ],
)
def test_an_ambiguous_argument_is_refused_with_both_readings_in_the_students_terms(line: str, both: str) -> None:
    _, errors = _one("x: positive", line)
    assert len(errors) == 1, errors
    assert "can be read two ways" in errors[0][1] and both in errors[0][1], errors[0][1]


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("\\log_2 8 = 3", Status.PROVED),
        ("\\log_{10} a = \\frac{\\log a}{\\log 10}", Status.PROVED),
        ("\\log_2 a = \\log a", Status.REFUTED),
    ],
)
def test_a_logarithm_to_a_base(line: str, status: Status) -> None:
    got, why = _verdict("a: positive", line)
    assert got is status, why


def test_a_logarithm_to_a_base_that_is_not_positive_says_so() -> None:
    _, errors = _one("a: positive", "\\log_{-2} a = 1")
    assert "the base of a logarithm must be a positive number other than 1" in errors[0][1]


def test_a_dot_between_two_vectors_is_their_dot_product() -> None:
    got, why = _verdict("u, v: vectors of size k; k: 2..3", "u \\cdot v = \\sum_i u_i v_i")
    assert got is Status.PROVED, why
    assert "dot product" in why
    got, _ = _verdict("u, v: vectors of size k; k: 2..3", "u \\cdot v = \\sum_i u_i")
    assert got is Status.REFUTED


def test_the_exponential_of_a_matrix_is_named_a_matrix() -> None:
    _, errors = _one("A: matrix k×k; k: 2..3", "e^{A} = e^{A}")
    assert "e^{...} of a 2×2 matrix: the matrix exponential is not supported" in errors[0][1]


@pytest.mark.parametrize("arrow", ["\\Leftarrow", "\\impliedby", "\\approx", "\\rightarrow", "\\equiv"])
def test_a_relation_that_is_no_step_says_what_to_write_not_to_declare_a_sigmoid(arrow: str) -> None:
    _, errors = _one("x: real", f"x = 1 {arrow} x = 1")
    assert len(errors) == 1
    assert "sigmoid" not in errors[0][1]
    assert "write" in errors[0][1]


def test_infinity_in_a_line_says_what_to_write_not_to_declare_a_sigmoid() -> None:
    _, errors = _one("x: real", "x + \\infty = \\infty")
    assert len(errors) == 1 and "sigmoid" not in errors[0][1]
    assert "write the claim for finite values" in errors[0][1] and "x: (0, \\infty)" in errors[0][1]


def test_an_undeclared_index_suggests_an_index_and_the_suggestion_works() -> None:
    block = "z: vector of size n; n: 2..3"
    line = "\\frac{\\partial}{\\partial z_k} \\sum_i z_i^2 = 2 z_k"
    _, errors = _one(block, line)
    assert "undeclared index k; declare it (k: index)" in errors[0][1]
    got, why = _verdict(block + "\nk: index", line)
    assert got is Status.PROVED, why


def test_a_name_both_declared_and_defined_is_refused_not_silently_one_of_them() -> None:
    families, errors = latex.parse_chains("```verifier\nx, y: real\ny = x^2\n```\n\n$$ y = x^2 $$\n", "hw.md", "hw")
    messages = " ".join(e for _, e in errors)
    assert "y is declared (y: real) and also defined (y = ...); keep one" in messages
    assert "both declared and defined" in messages  # the chain that uses y says so too, not "declare it"
    assert families == []


def test_the_round_trip_gate_sees_through_nested_denominators() -> None:
    """sympy may print a line in a form that reads back with its fractions nested otherwise: the same
    rational function, which expand alone cannot see (a correct line was refused as a reader bug)."""
    import sympy as sp

    from verifier.frontends.latex.gates import _same_but_distributed

    x = sp.Symbol("x", positive=True)
    assert sp.expand(1 / (1 + 1 / x) - x / (x + 1)) != 0
    assert _same_but_distributed(1 / (1 + 1 / x), x / (x + 1))
    assert not _same_but_distributed(1 / (1 + 1 / x), x / (x + 2))


def test_the_round_trip_parses_a_printout_once_and_still_refuses_one_it_cannot_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """sympy's printout of an entry is parsed once per file, whichever line printed it; a printout that does
    not parse raises at the line asking, every time (a failure is never kept)."""
    from verifier.frontends.latex import grammar
    from verifier.frontends.latex.declarations import Declarations
    from verifier.frontends.latex.errors import LatexError, Origin
    from verifier.frontends.latex.family import Reader

    reader, parsed, real_parse = Reader(Declarations()), [], grammar.parse
    monkeypatch.setattr(grammar, "parse", lambda toks, at, *a: parsed.append(at) or real_parse(toks, at, *a))
    first = reader.tree("x + 1", Origin("a.md", 3, 1), printed=True)
    assert reader.tree("x + 1", Origin("a.md", 9, 1), printed=True) is first
    assert len(parsed) == 1
    for line in (4, 5):
        with pytest.raises(LatexError) as err:
            reader.tree("x +", Origin("a.md", line, 1), printed=True)
        assert str(err.value).startswith(f"a.md:{line}:")
    assert len(parsed) == 3


# iterates and optima as names (issue 40) -------------------------------------------------------------
GD_BLOCK = "x^t, g: real\n\\eta: positive\nx^{t+1} = x^t - \\eta g"


@pytest.mark.parametrize(
    ("line", "status"),
    [("x^{t+1} - x^t = -\\eta g", Status.PROVED), ("x^{t+1} - x^t = \\eta g", Status.REFUTED)],
)
def test_an_iterate_superscript_is_the_name_the_block_declares(line: str, status: Status) -> None:
    got, why = _verdict(GD_BLOCK, line)
    assert got is status, why


def test_an_optimum_and_a_parenthesised_iterate_are_names() -> None:
    got, why = _verdict("x^*, x: real", "(x - x^*)^2 \\ge 0")
    assert got is Status.PROVED, why
    got, why = _verdict("w^{(k)}, w: real", "w^{(k)} + w = w + w^{(k)}")
    assert got is Status.PROVED, why


def test_an_iterate_vector_has_entries() -> None:
    got, why = _verdict("x^t: vector of size k; k: 2..3\nj: index", "x^t_j + x^t_j = 2 x^t_j")
    assert got is Status.PROVED, why


def test_an_undeclared_star_says_how_to_declare_it_and_a_square_stays_a_power() -> None:
    _, errors = _one("x: real", "x^* = x")
    assert "x^* is a name only once declared; declare it (x^*: real)" in errors[0][1]
    got, why = _verdict("x: real", "x^2 \\ge 0")
    assert got is Status.PROVED, why


# cases environments (issue 40) -----------------------------------------------------------------------
SOFTMAX = (
    "z: vector of size k; k: 2..3\ni, j: index\n"
    "\\operatorname{softmax}: softmax\n\\hat{y} = \\operatorname{softmax}(z)"
)
HUBER = (
    "\\frac{d}{dr} \\begin{cases} \\frac{1}{2} r^2 & |r| \\le \\delta \\\\ "
    "\\delta (|r| - \\frac{1}{2}\\delta) & \\text{otherwise} \\end{cases} = "
)


@pytest.mark.parametrize(
    ("block", "line", "status"),
    [
        ("r: real", "\\begin{cases} r & r > 0 \\\\ 0 & \\text{otherwise} \\end{cases} = \\max(0, r)", Status.PROVED),
        ("r: real\n\\delta: positive",
         HUBER + "\\begin{cases} r & |r| \\le \\delta \\\\ "
         "\\delta \\operatorname{sign}(r) & \\text{otherwise} \\end{cases}",
         Status.PROVED),
        ("r: real\n\\delta: positive",
         HUBER + "\\begin{cases} r & |r| \\le \\delta \\\\ \\delta & \\text{otherwise} \\end{cases}", Status.REFUTED),
        (SOFTMAX, "\\frac{\\partial \\hat{y}_i}{\\partial z_j} = \\begin{cases} \\hat{y}_i (1 - \\hat{y}_i) & i = j "
         "\\\\ -\\hat{y}_i \\hat{y}_j & i \\ne j \\end{cases}", Status.PROVED),
        (SOFTMAX, "\\frac{\\partial \\hat{y}_i}{\\partial z_j} = \\begin{cases} \\hat{y}_i (1 - \\hat{y}_i) & i = j "
         "\\\\ \\hat{y}_i \\hat{y}_j & \\text{otherwise} \\end{cases}", Status.REFUTED),
    ],
)  # fmt: skip
def test_a_cases_environment_is_a_piecewise_value(block: str, line: str, status: Status) -> None:
    got, why = _verdict(block, line)
    assert got is status, why


def test_a_case_without_a_relation_says_what_to_write() -> None:
    _, errors = _one("r: real", "\\begin{cases} r & r \\\\ 0 & \\text{otherwise} \\end{cases} = r")
    assert "a case's condition is a relation (x > 0, i = j, i \\ne j) or \\text{otherwise}" in errors[0][1]


def test_the_derivative_of_an_absolute_value_is_its_sign() -> None:
    got, why = _verdict("r: real", "\\frac{d}{dr} |r| = \\operatorname{sign}(r)")
    assert got is Status.PROVED, why


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("\\frac{\\partial}{\\partial z_j} - \\sum_i y_i z_i = -y_j", Status.PROVED),
        ("\\frac{\\partial}{\\partial z_j} - \\sum_i y_i z_i = y_j", Status.REFUTED),
        # a + after the negated term is refused (∂(−Σ yᵢzᵢ) + 1, or ∂(−Σ yᵢzᵢ + 1)?: test_latex_red_team_152.py);
        # in parentheses the operator takes the term after it, as with no minus
        ("\\left(\\frac{\\partial}{\\partial z_j} - \\sum_i y_i z_i\\right) + 1 = 1 - y_j", Status.PROVED),
    ],
)
def test_a_derivative_operator_followed_by_a_minus_takes_the_negated_term(line: str, status: Status) -> None:
    got, why = _verdict("z, y: vectors of size k; k: 2..3\nj: index", line)
    assert got is status, why
    assert "read as \\frac{\\partial}{\\partial ...}(-…)" in why


def test_a_scalar_derivative_followed_by_a_minus() -> None:
    got, why = _verdict("x: real", "\\frac{d}{dx} - x^3 = -3 x^2")
    assert got is Status.PROVED, why


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("\\text{diag}(\\alpha_i) z = \\alpha \\odot z", Status.PROVED),
        ("\\operatorname{diag}(\\alpha_i) z = z", Status.REFUTED),
        (
            "\\operatorname{diag}(\\alpha_i (1 - \\alpha_i)) = \\operatorname{diag}(\\alpha \\odot (1 - \\alpha))",
            Status.PROVED,
        ),
    ],
)
def test_a_vector_named_by_its_generic_entry_inside_diag(line: str, status: Status) -> None:
    got, why = _verdict("z: vector of size k; k: 2..3\n\\alpha_i = \\sigma(z_i)", line)
    assert got is status, why
    assert "with i free read as \\operatorname{diag} of the vector of entries i = 1..k" in why


def test_a_generic_entry_is_only_a_vector_where_a_vector_is_taken() -> None:
    family, errors = _one("z: vector of size k; k: 2..3\n\\alpha_i = \\sigma(z_i)", "\\exp(\\alpha_i) = 1")
    assert family is None and "undeclared index i" in errors[0][1], errors


SPACED = [
    "\\sin x \\, y = y \\sin x",
    "\\log x~y = 1",
    "\\sin x^2 \\quad y = 1",
    "\\sigma x \\, y = \\sigma(x) y",  # a declared function
    "f x \\, y = f(x) y",
    "\\sin^2 x \\, y = \\sin(x)^2 y",  # a script on the function
    "\\log_2 x \\, y = \\log_2(x) y",
    "\\sin x \\, \\mathbf{y} = \\sin(x y)",  # a font on the factor
    "\\sin x \\, \\displaystyle y = \\sin(x y)",  # a dropped command between the space and the factor
    "\\begin{aligned} \\sin(x) y &= \\sin x \\\\ & y \\end{aligned}",  # the argument running on past a row break
]


@pytest.mark.parametrize("line", SPACED)
def test_an_explicit_space_inside_a_bare_functions_argument_is_refused_with_both_readings(line: str) -> None:
    _, errors = _one("x, y: positive\nf: function\n\\sigma: sigmoid", line)
    assert len(errors) == 1, errors
    message = errors[0][1]
    assert "can be read two ways" in message and "(x" in message and "y" in message


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("\\sin x y = \\sin(xy)", Status.PROVED),  # no space command: the product is the argument
        ("\\sin(x) \\, y = y \\sin x", Status.PROVED),
        ("\\sin x \\, \\cos x = \\frac{1}{2} \\sin 2x", Status.PROVED),  # the run ends at the next function
        ("\\sin x \\,\\cdot\\, y = y \\sin x", Status.PROVED),
        ("\\sin x \\, f(y) = \\sin(x) f(y)", Status.PROVED),  # the run ends at an applied function
        ("\\begin{aligned} y \\sin x &= y \\\\ &\\quad \\sin x \\end{aligned}", Status.PROVED),
    ],
)
def test_a_space_outside_a_bare_functions_argument_is_allowed(line: str, status: Status) -> None:
    assert _verdict("x, y: real\nf: function", line)[0] is status


@pytest.mark.parametrize("macro", ["\\int_0^1 x \\, dx", "\\lim_{x \\to 0} x", "\\sup_x x", "\\lfloor x \\rfloor"])
def test_a_construct_that_is_not_read_says_what_to_write_not_to_declare_a_sigmoid(macro: str) -> None:
    _, errors = _one("x: real", f"{macro} = 1")
    assert len(errors) == 1 and "sigmoid" not in errors[0][1]
    assert "not read" in errors[0][1] and "write" in errors[0][1]


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("\\left| |x| - |y| \\right| \\le |x - y|", Status.CHECKED),
        ("\\bigl| |x| - |y| \\bigr| \\le |x + y|", Status.CHECKED),
        ("\\left| |x| - |y| \\right| = |x| - |y|", Status.REFUTED),  # the outer bars are read, not dropped
        ("\\left| x \\right| \\left| y \\right| = |x y|", Status.PROVED),
    ],
)
def test_sized_bars_nest_as_written(line: str, status: Status) -> None:
    assert _verdict("x, y: real", line)[0] is status


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        ("||x| - |y|| \\le |x - y|", "\\left| |x| - |y| \\right|"),
        ("x^2 \\Big|_{x=1} = 1", "evaluation bar"),
        ("\\left. x^2 \\right|_{x=1} = 1", "evaluation bar"),
    ],
)
def test_misplaced_bars_say_what_to_write(line: str, hint: str) -> None:
    _, errors = _one("x, y: real", line)
    assert len(errors) == 1 and hint in errors[0][1], errors


def test_a_row_break_inside_a_definition_ends_a_bare_functions_argument() -> None:
    _, errors = _one("x, y: real\nh = \\sin x \\\\ y", "h = \\sin(x y)")
    assert len(errors) == 1 and "can be read two ways" in errors[0][1], errors


@pytest.mark.parametrize(
    ("display", "status"),
    [
        ("$$ (x+1)^2 = x^2 + 2x + 1. $$", Status.PROVED),
        ("$$ (x+1)^2 = x^2 + 2x + 2. $$", Status.REFUTED),  # the full stop is dropped, nothing else
        ("$$ 2x = x + x, \\quad \\text{since } 1 + 1 = 2 $$", Status.PROVED),
        ("\\begin{align} (x+1)^2 &= x^2 + 2x + 1, \\\\ &= 1 + 2x + x^2. \\end{align}", Status.PROVED),
        ("$$ 2x = x + x \\, $$", Status.PROVED),  # a thin space at the end is no comma
    ],
)
def test_the_punctuation_that_ends_a_display_as_a_sentence_is_prose(display: str, status: Status) -> None:
    families, errors = latex.parse_chains(f"```verifier\nx: real\n```\n\n{display}\n", "hw.md", "hw")
    assert errors == [], errors
    assert verify_family(families[0], SETTINGS).status is status


def test_a_doubled_full_stop_is_still_refused() -> None:
    _, errors = latex.parse_chains("```verifier\nx: real\n```\n\n$$ x = 1.. $$\n", "hw.md", "hw")
    assert len(errors) == 1 and "a full stop ends a display once" in errors[0][1]


def test_the_other_reading_is_shown_with_the_students_own_factors() -> None:
    # the note said "write (\cos x) y for the other reading" whatever the line held
    got, why = _verdict("x: real", "\\cos 2x = 2 \\cos^2 x - 1")
    assert got is Status.PROVED, why
    assert "\\cos(2 x); write (\\cos 2) x for the other reading" in why, why


def test_an_undeclared_i_is_not_taken_for_the_imaginary_unit() -> None:
    _, errors = _one("x: real", "e^{i \\pi} = -1")
    assert len(errors) == 1 and "so i is not the imaginary unit; declare it (i: index for an index" in errors[0][1]
