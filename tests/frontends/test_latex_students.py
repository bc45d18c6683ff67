"""Issue 30: LaTeX as students write it. One test (or a few) per kind of notation the issue lists,
supported (the verdict it gets) or refused (one positioned line that says what to write instead)."""

from __future__ import annotations

import pytest
import sympy as sp

from verifier.engine import EngineSettings, verify_family
from verifier.frontends import latex
from verifier.language.families import ClaimFamily
from verifier.outcome import Status

pytest.importorskip("lark")

SETTINGS = EngineSettings(samples=40)


def _read(declarations: str, chain: str) -> tuple[list[ClaimFamily], list[tuple[str, str]]]:
    return latex.parse_chains(f"```verifier\n{declarations}\n```\n\n{chain}\n", "hw.md", "hw")


def _verdict(declarations: str, chain: str) -> tuple[Status, int | None, str]:
    families, errors = _read(declarations, chain)
    assert errors == [], errors
    (family,) = families
    r = verify_family(family, SETTINGS)
    return r.status, r.first_wrong_step, r.reason


def _refusal(declarations: str, chain: str) -> str:
    """The one error line of a chain that must be refused."""
    families, errors = _read(declarations, chain)
    assert families == [], [f.name for f in families]
    ((_, message),) = errors
    assert "\n" not in message and message.startswith("hw.md:"), message
    return message


# kind 1: notation -------------------------------------------------------------------------------------
DOTS = "z: vector of size k; k: 1..3"


@pytest.mark.parametrize(
    ("chain", "status"),
    [
        (r"\operatorname{softmax}(z_1, \dots, z_k) = \operatorname{softmax}(z)", Status.PROVED),
        (r"(z_1, z_2, \dots, z_k)^\top = z", Status.PROVED),
        (
            r"\operatorname{diag}(z_1 (1 - z_1), \dots, z_k (1 - z_k)) = \operatorname{diag}(z) - "
            r"\operatorname{diag}(z) \operatorname{diag}(z)",
            Status.PROVED,
        ),
        (r"\begin{pmatrix} 2 z_1 \\ \vdots \\ 2 z_k \end{pmatrix} = z + z", Status.PROVED),
        (r"\operatorname{diag}(z_1, \dots, z_k) = \operatorname{diag}(z_1, \dots, z_k)^2", Status.REFUTED),
    ],
)
def test_dots_in_lists_and_vectors_stand_for_the_pattern_of_the_last_item(chain: str, status: Status) -> None:
    assert _verdict(DOTS, f"$$ {chain} $$")[0] is status


@pytest.mark.parametrize(
    ("chain", "at", "phrase"),
    [
        (r"$$ \frac{1}{k} (z_1, \dots, z_k)^\top = \begin{pmatrix} z_1 / k \\ \vdots \\ z_k / k \end{pmatrix} $$",
         (5, 57), "\\dots cannot say what comes between; write the items as one pattern"),
        (r"$$ z_1 + \dots + z_k = 0 $$", (5, 10), "for a sum write \\sum_{i=1}^{k}"),
        (r"$$ (z_1, \dots, z_2)^\top = z $$", (5, 17), "the item after \\dots must be written with the size"),
    ],
)  # fmt: skip
def test_dots_that_the_written_items_do_not_determine_are_refused(chain: str, at: tuple[int, int], phrase: str) -> None:
    message = _refusal(DOTS, chain)
    assert message.startswith(f"hw.md:{at[0]}:{at[1]}: "), message
    assert phrase in message, message


@pytest.mark.parametrize(
    ("chain", "status"),
    [
        (r"\max_i z_i \le \operatorname{LSE}(z)", Status.CHECKED),
        (r"\operatorname{LSE}(z) \le \max_i z_i + \log k", Status.CHECKED),
        (r"\operatorname{LSE}(z) \le \max_i z_i", Status.REFUTED),
        (r"\min_i z_i \le \frac{1}{k} \sum_i z_i", Status.CHECKED),
    ],
)
def test_max_and_min_over_an_index(chain: str, status: Status) -> None:
    assert _verdict(DOTS, f"$$ {chain} $$")[0] is status


@pytest.mark.parametrize(
    ("chain", "status"),
    [
        (r"\sum_{j \neq i} p_j = \sum_j p_j - p_i", Status.PROVED),
        (r"\sum_{j=1, j \neq i}^{k} p_j = 1 - p_i", Status.PROVED),
        (r"\sum_{j \neq i} p_j = 1", Status.REFUTED),
    ],
)
def test_a_sum_over_every_index_but_one(chain: str, status: Status) -> None:
    assert _verdict("p \\in \\Delta^{k-1}; k: 1..3\ni: index", f"$$ {chain} $$")[0] is status


def test_adj_is_the_adjugate_and_x_i_is_the_ith_row_of_x() -> None:
    assert _verdict("A: invertible; A: matrix k×k; k: 1..3", r"$$ A^{-1} = \frac{\operatorname{adj}(A)}{\det A} $$")[
        0
    ] is (Status.PROVED)
    status, _, reason = _verdict(
        "X: (k+1) \\times k; w: vector of size k; k: 1..3", r"$$ \sum_{i=1}^{k+1} (x_i^\top w)^2 = \|X w\|^2 $$"
    )
    assert status is Status.PROVED, reason
    assert "x_i read as the i-th row of X, a column vector" in reason


RANDOM = "h, w: vectors of size k; k: 1..3; \\sigma: positive\nd_i \\sim \\mathcal{N}(1, \\sigma^2) i.i.d."


@pytest.mark.parametrize(
    ("chain", "status"),
    [
        (r"\mathbb{E}\left[ \sum_i w_i d_i h_i \right] = w^\top h", Status.PROVED),
        (
            r"\mathbb{E}\left[ (w^\top (d \odot h))^2 \right] = (w^\top h)^2 + \sigma^2 \sum_i w_i^2 h_i^2",
            Status.PROVED,
        ),
        (r"\operatorname{Var}(d_1 h_1) = \sigma^2 h_1^2", Status.PROVED),
        (r"\mathbb{E}\left[ (w^\top (d \odot h))^2 \right] = (w^\top h)^2 + \sigma \sum_i w_i^2 h_i^2", Status.REFUTED),
    ],
)
def test_expectations_over_declared_random_variables_are_exact(chain: str, status: Status) -> None:
    assert _verdict(RANDOM, f"$$ {chain} $$")[0] is status


@pytest.mark.parametrize(
    ("declarations", "chain", "phrase"),
    [
        (RANDOM, r"$$ d_1 h_1 = h_1 d_1 $$", "d is a random variable; it can appear only inside \\mathbb{E}[…]"),
        (RANDOM, r"$$ \mathbb{E}[e^{d_1}] = e $$", "\\mathbb{E} is computed only for polynomials in the random"),
        ("q: real\nm \\sim \\operatorname{Bernoulli}(q)", r"$$ \mathbb{E}[m] = q $$", "(q \\in (0, 1))"),
    ],
)
def test_an_expectation_that_is_not_computed_exactly_is_refused(declarations: str, chain: str, phrase: str) -> None:
    assert phrase in _refusal(declarations, chain)


# kind 2: definitions beside the chain --------------------------------------------------------------
ADAM = "g: real; \\beta \\in (0, 1); t: 1..4\nm_t = \\beta m_{t-1} + (1 - \\beta) g, \\; m_0 = 0"


def test_a_recurrence_with_its_start_is_unrolled_at_each_size() -> None:
    defs = ADAM + "\n\\hat{m}_t = \\frac{m_t}{1 - \\beta^t}"
    assert _verdict(defs, r"$$ \hat{m}_t = g $$")[0] is Status.PROVED
    assert _verdict(defs, r"$$ m_t = (1 - \beta^{t+1}) g $$")[0] is Status.REFUTED
    families, errors = _read(defs, r"$$ m_t = m_t $$")
    assert errors == [] and families[0].n_values == (1, 2, 3, 4)


@pytest.mark.parametrize(
    ("declarations", "phrase"),
    [
        ("g: real; t: 1..3\nm_t = m_{t-1} + g", "m_{1} comes before the start of the recurrence; give m_{0} = …"),
        ("g: real; t: 1..3\nm_t = m_{t} + g; m_0 = 0", "m_{1} needs itself; a recurrence uses earlier terms"),
    ],
)
def test_a_recurrence_without_a_start_or_that_needs_itself_is_refused(declarations: str, phrase: str) -> None:
    assert phrase in _refusal(declarations, r"$$ m_t = g $$")


UPSTREAM = (
    "z: vector of size k; k: 1..3\ni: index\ny = \\operatorname{softmax}(z)\n"
    "L = L(y_1, \\dots, y_k)\n\\frac{\\partial L}{\\partial y_j} = g_j"
)


@pytest.mark.parametrize(
    ("chain", "status"),
    [
        (r"\frac{\partial L}{\partial z_i} = \sum_j g_j y_j (\delta_{ij} - y_i) "
         r"= y_i \left( g_i - \sum_j g_j y_j \right)", Status.PROVED),
        (r"\frac{\partial L}{\partial z_i} = y_i \left( g_i - \sum_j g_j \right)", Status.REFUTED),
    ],
)  # fmt: skip
def test_an_upstream_gradient_given_by_name_carries_the_chain_rule(chain: str, status: Status) -> None:
    assert _verdict(UPSTREAM, f"$$ {chain} $$")[0] is status


@pytest.mark.parametrize(
    ("chain", "phrase"),
    [
        (r"$$ L = 0 $$", "L is known only by its gradient"),
        (r"$$ \frac{\partial L^2}{\partial z_i} = 0 $$", "this derivative needs the value of L, which is not given"),
        (r"$$ \frac{\partial}{\partial z_i} \sum_j g_j y_j = 0 $$", "its derivative needs the second derivatives of L"),
    ],
)
def test_what_the_upstream_gradient_does_not_determine_is_refused(chain: str, phrase: str) -> None:
    assert phrase in _refusal(UPSTREAM, chain)


def test_componentwise_definitions_and_definitions_with_parameters() -> None:
    defs = "x: vector of size k; k: 1..3; t: real\ny_i = 2 x_i\nJ_{ij} = x_i x_j\n\\sigma(u) = \\frac{1}{1 + e^{-u}}"
    assert _verdict(defs, r"$$ y = x + x $$")[0] is Status.PROVED
    assert _verdict(defs, r"$$ J = x x^\top $$")[0] is Status.PROVED
    assert _verdict(defs, r"$$ \sigma'(t) = \sigma(t) (1 - \sigma(t)) $$")[0] is Status.PROVED


# kind 3: declarations ------------------------------------------------------------------------------------
def test_shapes_that_are_expressions_of_the_size() -> None:
    families, errors = _read("X: (k+1) \\times k; w \\in \\mathbb{R}^k; k: 1..2", r"$$ X w = X w $$")
    assert errors == []
    assert [families[0].build(n).body.start.shape for n in (1, 2)] == [(2, 1), (3, 1)]
    assert "X has" not in str(errors)
    _, errors = _read("X: (k-1) \\times k; k: 1..2", "$$ 1 = 1 $$")
    assert "the size k-1 of X is 0 at k = 1, out of range" in errors[0][1]


@pytest.mark.parametrize(
    ("declarations", "chain", "status"),
    [
        ("\\beta \\in (0, 1)", r"\beta^2 < \beta", Status.PROVED),
        ("y \\in [0, 1]^k; k: 1..2", r"\sum_i y_i^2 \le \sum_i y_i", Status.CHECKED),
        ("x: (0, \\frac{1}{2}]", r"x \le \frac{1}{2}", Status.PROVED),
        ("y \\in \\{0, 1\\}", r"y^2 = y", Status.CHECKED),
        ("\\beta \\in (0, 1)", r"\beta^2 > \beta", Status.REFUTED),
    ],
)
def test_interval_domains_are_the_engines_own(declarations: str, chain: str, status: Status) -> None:
    assert _verdict(declarations, f"$$ {chain} $$")[0] is status


def test_a_counterexample_lies_in_the_interval() -> None:
    families, _ = _read("x \\in (0, 1)", r"$$ x^2 = x $$")
    r = verify_family(families[0], SETTINGS)
    assert r.status is Status.REFUTED and r.counterexample is not None
    assert 0 < r.counterexample.values["x"] < 1


@pytest.mark.parametrize(
    ("declaration", "phrase"),
    [
        ("x: (0, 0.1)", "the endpoint 0.1 has no exact binary value; use a whole number or 0.5"),
        ("x \\in (1, \\infty)", "(1, \\infty) is unbounded on one side"),
        ("x \\in \\mathbb{Q}", "is not a set the reader knows; write \\mathbb{R}"),
    ],
)
def test_a_domain_the_engine_cannot_hold_exactly_is_refused_where_it_is_declared(declaration: str, phrase: str) -> None:
    _, errors = _read(declaration, "$$ 1 = 1 $$")
    ((where, message),) = errors
    assert where == "<declarations>" and message.startswith("hw.md:2:"), message
    assert phrase in message, message


# kind 4 and 5: sizes of one, subscripts on names defined as vectors -------------------------------------
@pytest.mark.parametrize(
    "chain",
    [
        r"x^\top A x + c = c + \operatorname{tr}(A x x^\top)",
        r"\operatorname{tr}(A B) = \operatorname{tr}(B A)",
        r"\hat{y}_j = \frac{e^{z_j}}{\sum_i e^{z_i}}",
        r"\frac{x^\top y}{x^\top x + 1} x = \frac{(x^\top y) x}{1 + \|x\|^2}",
    ],
)
def test_sizes_of_one_read_as_at_every_size(chain: str) -> None:
    defs = "x, y, z: vectors of size k; A, B: matrix k×k; c: real; k: 1..2\nj: index\n"
    defs += "\\hat{y} = \\operatorname{softmax}(z)"
    families, errors = _read(defs, f"$$ {chain} $$")
    assert errors == [] and families[0].n_values == (1, 2)
    assert verify_family(families[0], SETTINGS).status is Status.PROVED


def test_a_scalar_is_never_taken_for_a_vector_and_is_added_to_each_entry_of_one() -> None:
    assert "a subscript on a scalar" in _refusal("x: real; k: 1..2", r"$$ x_1 = x $$")
    message = _refusal("A: matrix k×k; k: 1..2", r"$$ A + 1 = A $$")
    assert "cannot add a 2×2 matrix and a scalar; for A + λI write the identity (I: identity k×k)" in message
    status, _, reason = _verdict("z: vector of size k; k: 1..2", r"$$ z \odot (1 - z) = z - z \odot z $$")
    assert status is Status.PROVED and "a scalar added to a vector is added to each entry" in reason


# kind 6: the chain rule through a named intermediate --------------------------------------------------
BCE = "z, y: real\n\\sigma = \\frac{1}{1 + e^{-z}}\nL = -y \\log \\sigma - (1 - y) \\log (1 - \\sigma)"


@pytest.mark.parametrize(
    ("chain", "status"),
    [
        (r"\frac{\partial L}{\partial \sigma} = -\frac{y}{\sigma} + \frac{1 - y}{1 - \sigma}", Status.PROVED),
        (r"\frac{\partial L}{\partial z} = \frac{\partial L}{\partial \sigma} \frac{\partial \sigma}{\partial z} "
         r"= \sigma - y", Status.PROVED),
        (r"\frac{\partial L}{\partial \sigma} = -\frac{y}{\sigma} - \frac{1 - y}{1 - \sigma}", Status.REFUTED),
    ],
)  # fmt: skip
def test_a_derivative_by_a_defined_name_treats_it_as_a_variable(chain: str, status: Status) -> None:
    assert _verdict(BCE, f"$$ {chain} $$")[0] is status


def test_the_held_name_is_a_variable_of_the_definitions_too_and_is_set_back() -> None:
    families, errors = _read(BCE, r"$$ \frac{\partial L}{\partial \sigma} = \frac{\partial L}{\partial \sigma} $$")
    assert errors == []
    z, y = sp.symbols("z y")
    s = 1 / (1 + sp.exp(-z))
    value = families[0].build(None).body.start
    assert sp.simplify(value - (-y / s + (1 - y) / (1 - s))) == 0


def test_a_name_the_expression_does_not_use_is_refused_as_a_variable() -> None:
    message = _refusal(BCE + "\nM = z^2", r"$$ \frac{\partial M}{\partial \sigma} = 0 $$")
    assert "does not contain \\sigma as written" in message and "write it in terms of \\sigma" in message


# the ⇒ steps that took ~100 s ------------------------------------------------------------------------
def test_a_normal_equation_solved_by_an_inverse_is_checked() -> None:
    declarations = "X: matrix k×k; w, y: vectors of size k; k: 2..2; \\lambda: positive\nI: identity k×k"
    chain = r"$$ (X^\top X + \lambda I) w = X^\top y \Rightarrow w = (X^\top X + \lambda I)^{-1} X^\top y $$"
    status, _, reason = _verdict(declarations, chain)
    assert status is Status.CHECKED and "numerics agree" in reason, reason


def test_the_simplify_rung_is_skipped_only_where_the_atoms_rung_decides() -> None:
    """A nonzero rational function is shown nonzero exactly by the atoms rung (the ring test is complete
    there), so simplify is not run to the end of its budget (18 s a size on a 2×2 multiplier); with exp in
    it, the atoms rung is incomplete and simplify still runs."""
    from verifier.strategies import rungs
    from verifier.strategies.budget import WorkClock

    u = sp.Symbol("u")
    _, rational = rungs._zero_fact(u**2 / (u + 1) - u, WorkClock(300), rungs.RUNGS)
    assert rational.endswith("simplify (skipped: not zero as a rational function)"), rational
    _, transcendental = rungs._zero_fact(sp.exp(u) - 1 - u, WorkClock(300), rungs.RUNGS)
    assert "simplify" in transcendental and "skipped" not in transcendental, transcendental


def test_a_held_name_inside_a_generic_function_gives_the_derivative_at_its_value() -> None:
    defs = "z: real\nf: function\n\\sigma = \\frac{1}{1 + e^{-z}}\nL = f(\\sigma)"
    assert _verdict(defs, r"$$ \frac{\partial L}{\partial \sigma} = f'(\sigma) $$")[0] is Status.PROVED
    chain = r"$$ \frac{\partial L}{\partial z} = \frac{\partial L}{\partial \sigma} \sigma (1 - \sigma) $$"
    assert _verdict(defs, chain)[0] is Status.PROVED
    assert _verdict(defs, r"$$ \frac{\partial L}{\partial \sigma} = f(\sigma) $$")[0] is Status.REFUTED


@pytest.mark.parametrize(
    ("chain", "status"),
    [
        (r"\frac{\partial^2 L}{\partial \sigma^2} = \frac{y}{\sigma^2} + \frac{1 - y}{(1 - \sigma)^2}", Status.PROVED),
        (r"\frac{\partial}{\partial \sigma} \frac{\partial L}{\partial \sigma} = \frac{y}{\sigma^2}", Status.REFUTED),
    ],
)
def test_a_second_derivative_by_a_defined_name_keeps_it_a_variable_throughout(chain: str, status: Status) -> None:
    assert _verdict(BCE, f"$$ {chain} $$")[0] is status


def test_a_second_derivative_of_an_upstream_l_is_refused() -> None:
    assert "its second derivatives, which are not given" in _refusal(UPSTREAM, r"$$ \nabla^2_z L = 0 $$")


LEAST_SQUARES = "X: matrix k×k; w, y: vectors of size k; k: 2..2"


def test_a_point_where_the_solved_premise_is_undefined_is_no_counterexample() -> None:
    """At X = 0 every w solves Xᵀ(Xw − y) = 0, so the solved form w = (XᵀX)⁻¹Xᵀy says nothing there: the
    conclusion, defined everywhere, was REFUTED as 'undefined at X = 0'."""
    chain = r"$$ X^\top (X w - y) = 0 \Rightarrow X^\top X w = X^\top y $$"
    status, _, reason = _verdict(LEAST_SQUARES, chain)
    assert status in (Status.PROVED, Status.CHECKED), reason


@pytest.mark.slow
def test_a_conclusion_undefined_where_the_premise_holds_is_still_refuted() -> None:
    chain = r"$$ X^\top X w = X^\top y \Rightarrow w = (X^\top X)^{-1} X^\top y $$"
    status, _, reason = _verdict(LEAST_SQUARES, chain)
    assert status is Status.REFUTED, reason
    assert "the conclusion is undefined at X = [[0, 0], [0, 0]]" in reason and "holds for every value" in reason
    full_rank = "X: (k+1) \\times k; X: full column rank; w: vector of size k; y: vector of size k+1; k: 1..2"
    assert _verdict(full_rank, chain)[0] is Status.CHECKED


# more of what students write ---------------------------------------------------------------------------
MORE = "x: vector of size k; A: matrix k×k; t: real; k: 1..2\nI: identity k×k"


@pytest.mark.parametrize(
    ("chain", "status"),
    [
        (r"\text{tr}(A) = \operatorname{tr}(A^\top)", Status.PROVED),
        (r"\frac12 \|x\|^2_2 = \frac{1}{2} x^\top x", Status.PROVED),
        (r"A \mathbf{I}_k - A = \mathbf{0} \mathbf{0}^\top", Status.PROVED),
        (r"\mathbf{1}_k^\top x = \sum_i x_i", Status.PROVED),
        (r"\hat{\mathbf{x}} = 2 \mathbf{x}", Status.PROVED),
    ],
)
def test_more_notation_students_write(chain: str, status: Status) -> None:
    assert _verdict(MORE + "\n\\hat{\\mathbf{x}} = 2 x", f"$$ {chain} $$")[0] is status


def test_an_aligned_display_is_one_line_per_row_each_with_its_reason() -> None:
    chain = "\n".join(
        [
            "$$",
            "\\begin{aligned}",
            "(t + 1)^2 &= t^2 + 2t + 1 \\quad \\text{expand} \\\\",
            "&= t^2 + 1 \\quad \\text{drop} \\\\",
            "&\\ge 1 \\nonumber",
            "\\end{aligned}",
            "$$",
        ]
    )
    families, errors = _read(MORE, chain)
    assert errors == []
    steps = families[0].build(families[0].n_values[0]).body.steps
    assert [(s.written, s.reason) for s in steps] == [("t^2 + 2t + 1", "expand"), ("t^2 + 1", "drop"), ("1", "")]
    r = verify_family(families[0], SETTINGS)
    assert r.status is Status.REFUTED and r.first_wrong_step == 2, r.reason


def test_names_with_a_letter_subscript_and_a_second_size_held_at_one_value() -> None:
    bn = "x: vector of size m; m: 1..3\n\\mu_B = \\frac{1}{m} \\sum_i x_i\n"
    bn += "\\sigma_B^2 = \\frac{1}{m} \\sum_i (x_i - \\mu_B)^2"
    assert _verdict(bn, r"$$ \sigma_B \sigma_B = \sigma_B^2 $$")[0] is Status.PROVED
    gd = "w_0: vector of size k; k: 2..2; A: matrix k×k; \\eta: positive; t: 1..3\nI: identity k×k\n"
    gd += "w_t = w_{t-1} - \\eta A w_{t-1}"
    families, errors = _read(gd, r"$$ w_t = (I - \eta A)^t w_0 $$")
    assert errors == [] and families[0].n_values == (1, 2, 3)
    assert verify_family(families[0], SETTINGS).status is Status.PROVED
    assert "give all but one of them a single value (k: 2..2)" in _refusal(
        gd.replace("2..2", "2..3"), "$$ w_t = w_t $$"
    )


@pytest.mark.parametrize(
    ("chain", "phrase"),
    [
        (r"$$ \sum_i x^{(i)} = 0 $$", "names the i-th example, not a power; write y_i"),
        (r"$$ t^{[2]} = t^2 $$", "names layer l, not a power; write W_l"),  # read as t² and PROVED (helper-97)
        (r"$$ A^{[1]} = A $$", "a superscript in brackets, W^{[l]}"),
        (r"$$ \log |A| = 0 $$", "|A| of a matrix: for its determinant write \\det A"),
        (r"$$ t \sim 0 $$", "\\sim belongs in the declarations"),
        (r"$$ t \neq 0 $$", "≠ is no step of a chain"),
        (r"$$ A + 1 = A $$", "for A + λI write the identity"),
    ],
)
def test_notation_with_no_sound_reading_is_refused_with_what_to_write(chain: str, phrase: str) -> None:
    assert phrase in _refusal(MORE, chain)
