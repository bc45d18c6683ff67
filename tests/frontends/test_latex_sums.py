"""Issue 40: LaTeX chains in index notation (Σ, entries, δ, free indices) proved for every n.

The rules of :mod:`verifier.trusted.decide.sums` one by one (each with the case it must refuse),
the reader at a symbolic size, and the student-style chains of tests/fixtures/sums/ run as a
user's `verifier check` runs them: every correct chain PROVED for all n, every planted slip
named at its step, no wrong verdict.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy as sp

from verifier.engine.settings import EngineSettings
from verifier.frontends import latex
from verifier.language.families import NotGeneric
from verifier.language.stepwise import Chain
from verifier.outcome import ClaimResult, Status
from verifier.run.runner import RunSettings, verify_paths
from verifier.strategies.dimension import SIZE
from verifier.trusted.decide import sums

pytest.importorskip("lark")

n = SIZE
i, j, m = (sp.Symbol(s, integer=True) for s in "ijm")
z, y = sp.IndexedBase("z"), sp.IndexedBase("y")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sums"


def _column(entry: sp.Expr) -> sp.FunctionMatrix:
    """A line with the free index j (1..n), as the reader builds it."""
    r, c = sp.Dummy("r", integer=True), sp.Dummy("c", integer=True)
    return sp.FunctionMatrix(n, 1, sp.Lambda((r, c), entry.xreplace({j: r + 1})))


# the rules -----------------------------------------------------------------------------------------
def test_sum_of_a_constant_is_its_count() -> None:
    assert sums.compare(sp.Sum(1, (i, 1, n)), n, n).equal
    assert sums.compare(sp.Sum(3, (i, 0, n)), 3 * n + 3, n).equal
    assert not sums.compare(sp.Sum(1, (i, 0, n)), n, n).equal


def test_a_bound_off_by_one_is_another_sum() -> None:
    assert not sums.compare(sp.Sum(z[i], (i, 0, n)), sp.Sum(z[i], (i, 1, n)), n).equal
    assert not sums.compare(sp.Sum(z[i], (i, 1, n - 1)), sp.Sum(z[i], (i, 1, n)), n).equal


def test_linearity_and_factors_that_do_not_depend_on_the_index() -> None:
    a = sp.Symbol("a")
    c = sums.compare(sp.Sum(a * z[i] + y[i], (i, 1, n)), a * sp.Sum(z[m], (m, 1, n)) + sp.Sum(y[i], (i, 1, n)), n)
    assert c.equal and "linearity" in c.rules


def test_delta_contracts_only_when_the_other_index_is_in_the_range() -> None:
    lhs = _column(sp.Sum(sp.KroneckerDelta(i, j) * z[i], (i, 1, n)))
    c = sums.compare(lhs, _column(z[j]), n)
    assert c.equal and "δ contraction" in c.rules
    # from 2: the term i = j = 1 is missing, so the sum is 0 at j = 1
    assert not sums.compare(_column(sp.Sum(sp.KroneckerDelta(i, j) * z[i], (i, 2, n))), _column(z[j]), n).equal
    # j has no stated range: nothing is contracted
    assert not sums.compare(sp.Sum(sp.KroneckerDelta(i, j) * z[i], (i, 1, n)), z[j], n).equal
    # 0..n contains 1..n
    assert sums.compare(_column(sp.Sum(sp.KroneckerDelta(i, j) * i, (i, 0, n))), _column(j), n).equal


def test_renaming_and_swapping_bound_indices() -> None:
    double = sp.Sum(sp.Sum(z[i] * y[m] * i, (m, 1, n)), (i, 1, n))
    swapped = sp.Sum(sp.Sum(z[m] * y[i] * m, (m, 1, n)), (i, 1, n))
    assert sums.compare(double, swapped, n).equal
    assert not sums.compare(double, sp.Sum(sp.Sum(z[i] * y[m] * m, (m, 1, n)), (i, 1, n)), n).equal


def test_a_bound_index_renamed_to_the_free_one_is_not_the_same_sum() -> None:
    x, bound_j = sp.IndexedBase("x"), sp.Dummy("j", integer=True)
    captured = _column(sp.Sum(z[bound_j] * x[bound_j], (bound_j, 1, n)))  # Σ_j z_j x_j: this j is bound
    assert not sums.compare(_column(sp.Sum(z[i] * x[j], (i, 1, n))), captured, n).equal
    assert sums.compare(_column(sp.Sum(z[i] * x[j], (i, 1, n))), _column(x[j] * sp.Sum(z[m], (m, 1, n))), n).equal


def test_simplex_sums_to_one_over_its_whole_range_only() -> None:
    simplex = frozenset({"y"})
    assert sums.compare(sp.Sum(y[i], (i, 1, n)), 1, n, simplex).equal
    assert not sums.compare(sp.Sum(y[i], (i, 2, n)), 1, n, simplex).equal
    assert not sums.compare(sp.Sum(y[i], (i, 1, n)), 1, n).equal


def test_log_splits_only_over_positive_factors() -> None:
    p, q = sp.IndexedBase("p"), sp.IndexedBase("q")
    lhs, rhs = sp.log(p[i] / q[i]), sp.log(p[i]) - sp.log(q[i])
    assert sums.compare(lhs, rhs, n, positive=frozenset({"p", "q"})).equal
    assert not sums.compare(lhs, rhs, n).equal  # p_i / q_i may be negative
    softmax = sp.exp(z[j]) / sp.Sum(sp.exp(z[i]), (i, 1, n))
    assert sums.compare(_column(sp.log(softmax)), _column(z[j] - sp.log(sp.Sum(sp.exp(z[m]), (m, 1, n)))), n).equal


def test_log_of_exp_only_of_what_is_shown_real() -> None:
    a = sp.Symbol("a")
    assert sums.compare(sp.log(sp.exp(z[i] + a)), z[i] + a, n).equal
    assert not sums.compare(sp.log(sp.exp(sp.sqrt(a))), sp.sqrt(a), n).equal  # √a is imaginary for a < 0
    assert sums.compare(sp.log(sp.exp(sp.sqrt(a))), sp.sqrt(a), n, positive=frozenset({"a"})).equal


def test_a_sum_is_not_a_product() -> None:
    lhs = sp.log(sp.Sum(sp.exp(z[i]), (i, 1, n)))
    assert not sums.compare(lhs, sp.Sum(z[i], (i, 1, n)), n).equal
    assert not sums.compare(sp.Product(z[i], (i, 1, n)), sp.Sum(z[i], (i, 1, n)), n).equal


# the reader at a symbolic size ------------------------------------------------------------------
DECLS = "z, y: vectors of size k; y: simplex; k: 1..3\nj, i: index\n\\hat{y} = \\operatorname{softmax}(z)"


def _symbolic(chain: str, declarations: str = DECLS) -> Chain:
    families, errors = latex.parse_chains(f"```verifier\n{declarations}\n```\n\n{chain}\n", "hw.md", "hw")
    assert errors == [], errors
    built = families[0].builder(SIZE)
    assert isinstance(built, Chain)
    return built


def test_a_sum_over_all_but_one_index_reads_as_the_sum_minus_that_term() -> None:
    chain = _symbolic("$$ \\sum_{l \\neq i} z_l = \\sum_l z_l - z_i $$")
    statement = chain.step_statement(0)
    assert sums.compare(statement.lhs, statement.rhs, SIZE).equal


def test_entries_of_products_and_transposes_are_sums_over_the_shared_index() -> None:
    decls = "A: matrix k×k; x, r: vectors of size k; k: 2..3\nj: index"
    chain = _symbolic("$$ (A^\\top r)_j + (A x)_j = \\sum_l A_{lj} r_l + \\sum_l A_{jl} x_l $$", decls)
    statement = chain.step_statement(0)
    assert sums.compare(statement.lhs, statement.rhs, SIZE).equal
    wrong = _symbolic("$$ (A^\\top r)_j = \\sum_l A_{jl} r_l $$", decls).step_statement(0)
    assert not sums.compare(wrong.lhs, wrong.rhs, SIZE).equal


def test_a_product_over_an_index_is_not_read_at_a_symbolic_size() -> None:
    families, errors = latex.parse_chains(
        "```verifier\nz: vector of size k; k: 1..3\n```\n\n$$ \\prod_l e^{z_l} = e^{\\sum_l z_l} $$\n", "hw.md", "hw"
    )
    assert errors == []
    with pytest.raises(NotGeneric, match="prod"):
        families[0].builder(SIZE)


def test_a_norm_with_a_subscript_reads_at_a_symbolic_size_or_says_why_not() -> None:
    # \\|x\\|_1 at a symbolic size reached sympy as an internal object: the reason said 'SympifyError: cannot
    # sympify object of type <class ...Entries>'; ‖x‖₂ and ‖x‖_F read as ‖x‖ does
    def read(line: str) -> Chain:
        text = f"```verifier\nx: vector of size k; k: 1..3\n```\n\n{line}\n"
        families, errors = latex.parse_chains(text, "hw.md", "hw")
        assert errors == [], errors
        built = families[0].builder(SIZE)
        assert isinstance(built, Chain)
        return built

    for norm in ("\\|x\\|_2^2", "\\|x\\|^2_2", "\\|x\\|_F^2", "\\|x\\|_{2}^2"):
        statement = read(f"$$ {norm} = \\sum_{{i=1}}^{{k}} x_i^2 $$").step_statement(0)
        assert sums.compare(statement.lhs, statement.rhs, SIZE).equal, norm
    with pytest.raises(NotGeneric, match=r"_1 is read at each size, not at a symbolic size") as refused:
        read("$$ \\|x\\|_1^2 \\le k \\|x\\|_2^2 $$")
    assert "Sympify" not in str(refused.value) and "Entries" not in str(refused.value)


def test_substitution_under_delta_for_free_indices() -> None:
    r, c = sp.Dummy("r", integer=True), sp.Dummy("c", integer=True)
    lhs = sp.FunctionMatrix(n, n, sp.Lambda((r, c), sp.KroneckerDelta(r, c) * z[c + 1]))
    rhs = sp.FunctionMatrix(n, n, sp.Lambda((r, c), sp.KroneckerDelta(r, c) * z[r + 1]))
    assert sums.compare(lhs, rhs, n).equal
    other = sp.FunctionMatrix(n, n, sp.Lambda((r, c), z[r + 1]))
    assert not sums.compare(lhs, other, n).equal


# the student-style chains, end to end ----------------------------------------------------------
@pytest.fixture(scope="module")
def results() -> dict[str, ClaimResult]:
    """Every chain's verdict, steps and first wrong step, without the diagnosis a user's run adds after the
    first wrong step: nothing here reads it, every verdict is decided before it (engine/chains.py), and it was
    half the work of each slip (tests/engine/test_diagnose.py diagnoses chains in index notation)."""
    paths = sorted(str(p) for p in FIXTURES.glob("*.md"))
    quiet = EngineSettings(diagnose=False)
    report = verify_paths(paths, RunSettings(engine=quiet, jobs=2, timeout=120.0, load_timeout=60.0, cache_dir=None))
    return {f"{Path(r.source).stem}.{r.name}": r for r in report.results}


@pytest.mark.slow
@pytest.mark.xdist_group("sums")  # one worker computes the results once
def test_there_are_enough_chains(results: dict[str, ClaimResult]) -> None:
    correct = [r for r in results.values() if r.expect.value == "holds"]
    slips = [r for r in results.values() if r.expect.value == "refuted"]
    assert len(correct) >= 20 and len(slips) >= 20


@pytest.mark.slow
@pytest.mark.xdist_group("sums")  # one worker computes the results once
def test_correct_chains_are_proved_for_every_n(results: dict[str, ClaimResult]) -> None:
    correct = [r for r in results.values() if r.expect.value == "holds"]
    assert all(r.status is Status.PROVED for r in correct), [(r.name, r.status, r.reason) for r in correct]
    for_all = [r for r in correct if r.for_all_n and all(s.for_all_n for s in r.steps)]
    assert len(for_all) >= 0.9 * len(correct), [r.name for r in correct if r not in for_all]
    for name in (
        "softmax.ce_gradient",
        "softmax.others_sum",
        "regression.normal_equations",
        "regression.logistic_gradient",
        "norms.double_sum_swap",
        "norms.variance_gradient",
    ):
        assert results[name].for_all_n, (name, results[name].reason)


@pytest.mark.slow
@pytest.mark.xdist_group("sums")  # one worker computes the results once
def test_each_planted_slip_is_named_at_its_step(results: dict[str, ClaimResult]) -> None:
    for r in results.values():
        if r.expect.value == "refuted":
            assert r.status is Status.REFUTED, (r.name, r.status, r.reason)
            assert r.first_wrong_step is not None and r.first_wrong_step == _planted(r), (r.name, r.reason)
            assert not r.for_all_n
            wrong = r.steps[r.first_wrong_step - 1]
            assert not wrong.for_all_n and wrong.status is Status.REFUTED


def _planted(r: ClaimResult) -> int:
    text = (FIXTURES / f"{Path(r.source).stem}.md").read_text(encoding="utf-8")
    block = text.split(f"% claim: {r.name}\n", 1)[1]
    return int(block.split("% planted:", 1)[1].split("\n", 1)[0])
