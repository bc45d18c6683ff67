"""What a student sees: each kind's verdict rendered at 80 and 120 columns, its counterexample labelled right."""

from __future__ import annotations

import dataclasses
import json
import re
from functools import cache
from pathlib import Path

import pytest
import sympy as sp
from rich.console import Console

from tests.support import run_cli, write_module
from verifier import PSD, Chain, Derivative, Identity, Inequality, Interval, Limit, Real, Step, claim
from verifier.cli.commands import piped_width
from verifier.engine import EngineSettings, verify_family
from verifier.outcome import ClaimResult, Counterexample, Expect, RunReport, Status
from verifier.render import counterexample as cx_text
from verifier.render import html, junit, markdown, terminal

FAST = EngineSettings(samples=60)
x, t = sp.symbols("x t", real=True)
a = sp.Symbol("a", real=True)


def _square_of_sum() -> Identity:
    return Identity((x + 1) ** 2, x**2 + 1, where={x: Interval(1, 1)})


def _derivative_of_cube() -> Derivative:
    return Derivative(x**3, wrt=x, equals=2 * x**2, where={x: Interval(1, 1)})


def _square_minus_one() -> Inequality:
    return Inequality(x**2 - 1, ">=", 0, where={x: Interval(0, 0)})


def _indefinite() -> PSD:
    return PSD(sp.Matrix([[1, a], [a, 1]]), where={a: Interval(2, 2)})


def _limit_of_sine_ratio() -> Limit:
    return Limit(sp.sin(t) / t, t, 0, 2)


def _chain_with_slip() -> Chain:
    return Chain((x + 1) ** 2, steps=(Step("=", x**2 + 2 * x + 1), Step("=", x**2 + 1)), where={x: Interval(1, 1)})


BUILDERS = {
    "square_of_sum": _square_of_sum,
    "derivative_of_cube": _derivative_of_cube,
    "square_minus_one": _square_minus_one,
    "indefinite_matrix": _indefinite,
    "limit_of_sine_ratio": _limit_of_sine_ratio,
    "chain_with_slip": _chain_with_slip,
}


@cache
def results() -> dict[str, ClaimResult]:
    """Every wrong claim of the module, verified once."""
    out = {}
    for name, build in BUILDERS.items():
        family = claim(expect="refuted")(build)
        family = dataclasses.replace(family, name=name, derivation="homework")
        out[name] = verify_family(family, FAST)
    return out


def report() -> RunReport:
    return RunReport(list(results().values()), seed=0, samples=60, seconds=1.0)


def rendered(width: int, rep: RunReport | None = None) -> str:
    console = Console(width=width, record=True, no_color=True, file=open("/dev/null", "w"))  # noqa: SIM115
    terminal.render(console, rep or report())
    return console.export_text()


def flat(text: str) -> str:
    """The text with its wrapping undone: lines joined, box characters and runs of spaces gone."""
    return re.sub(r"\s+", " ", re.sub(r"[│┃┆║]", " ", text))


def test_every_kind_is_refuted_with_a_named_counterexample() -> None:
    for name, r in results().items():
        assert r.status is Status.REFUTED, (name, r.reason)
        assert r.counterexample is not None, name


@pytest.mark.parametrize("width", [80, 120])
def test_each_claim_name_and_verdict_appear_in_full(width: int) -> None:
    text = rendered(width)
    assert max(len(line) for line in text.splitlines()) <= width
    for name in BUILDERS:
        row = next((line for line in text.splitlines() if f"homework.{name}" in line), None)
        assert row is not None, f"{name} is cut or wrapped at {width} columns:\n{text}"
        assert "REFUTED" in row, row


def test_narrow_terminal_puts_the_evidence_under_each_claim() -> None:
    text = rendered(80)
    assert "┃┃" not in text and "P…" not in text
    assert "evidence" not in text.splitlines()[0]


def test_wide_terminal_keeps_the_table() -> None:
    long = [r for r in results().values() if r.name in ("square_of_sum", "derivative_of_cube")]
    text = rendered(160, RunReport(long, seed=0, samples=60, seconds=1.0))
    assert "evidence" in text


@pytest.mark.parametrize("width", [80, 120])
def test_identity_counterexample_claims_the_right_side_and_observes_the_left(width: int) -> None:
    cx = results()["square_of_sum"].counterexample
    assert cx is not None and (cx.claimed, cx.observed, cx.relation) == ("2.0", "4.0", "=")
    assert "claimed 2.0, observed 4.0" in flat(rendered(width))


def test_derivative_counterexample_claims_the_formula_and_observes_the_derivative() -> None:
    cx = results()["derivative_of_cube"].counterexample
    assert cx is not None
    assert float(cx.claimed) == pytest.approx(2.0) and float(cx.observed) == pytest.approx(3.0)


def test_inequality_counterexample_observes_the_gap() -> None:
    cx = results()["square_minus_one"].counterexample
    assert cx is not None and cx.claimed == "" and float(cx.observed) == -1
    assert cx.relation == "lhs − rhs ≥ 0"
    assert "claimed lhs − rhs ≥ 0, observed -1" in flat(rendered(80))


def test_psd_counterexample_observes_the_smallest_eigenvalue() -> None:
    cx = results()["indefinite_matrix"].counterexample
    assert cx is not None and float(cx.observed) == pytest.approx(-1.0)
    assert cx.relation == "smallest eigenvalue ≥ 0"
    assert "claimed smallest eigenvalue ≥ 0, observed -1" in flat(rendered(120))


def test_limit_counterexample_claims_the_limit() -> None:
    cx = results()["limit_of_sine_ratio"].counterexample
    assert cx is not None and float(cx.claimed) == 2 and float(cx.observed) == pytest.approx(1.0, abs=1e-3)


def test_claim_without_a_size_never_says_n_none() -> None:
    text = rendered(80)
    assert "n = None" not in text
    assert "at x = 1.0" in flat(text)


def test_chain_step_counterexample_claims_the_students_line() -> None:
    r = results()["chain_with_slip"]
    assert r.first_wrong_step == 2
    step = r.steps[1]
    assert step.counterexample is not None
    said = cx_text.step_compared(step, step.counterexample)
    assert said == "claimed e₂ = 2.0 (this line), observed e₁ = 4.0 (the line before)"
    assert said in flat(rendered(80))


def test_every_file_renderer_labels_the_values_right() -> None:
    rep = report()
    for text in (markdown.render(rep), html.render(rep)):
        assert "claimed 2.0, observed 4.0" in text
        assert "claimed e₂ = 2.0 (this line), observed e₁ = 4.0 (the line before)" in text
        assert "actual" not in text and "n = None" not in text


def test_junit_failure_names_the_counterexample() -> None:
    wrong = results()["square_of_sum"]
    expected_holds = ClaimResult(**{**wrong.__dict__, "expect": Expect.HOLDS})
    text = junit.render(RunReport([expected_holds], seed=0, samples=60, seconds=1.0))
    assert "counterexample (at x = 1.0): claimed 2.0, observed 4.0" in text


def test_counterexample_round_trips_through_json() -> None:
    for r in results().values():
        back = ClaimResult.from_json(json.loads(json.dumps(r.to_json())))
        assert back.counterexample == r.counterexample
        assert [s.counterexample for s in back.steps] == [s.counterexample for s in r.steps]


def test_old_reports_with_lhs_and_rhs_still_load() -> None:
    old = {"n": None, "values": {"x": 1.0}, "lhs": "4.0", "rhs": "2.0", "error": "2.0", "digits": 100, "note": ""}
    cx = Counterexample.from_json(old)
    assert (cx.observed, cx.claimed, cx.relation) == ("4.0", "2.0", "")
    assert cx_text.compared(cx) == "left side 4.0, right side 2.0"


def test_one_claim_and_one_step_are_singular() -> None:
    one = RunReport([results()["square_of_sum"]], seed=0, samples=60, seconds=1.0)
    assert "1 claim:" in rendered(80, one)
    fam = claim()(lambda: Chain(x + x, steps=(Step("=", 2 * x),), where={x: Real()}))
    assert verify_family(fam, FAST).reason.startswith("1 step:")


def test_piped_output_is_as_wide_as_columns_or_80(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    assert piped_width() == 80
    monkeypatch.setenv("COLUMNS", "132")
    assert piped_width() == 132


SQUARE = '''
    """A student's slip: (x + 1)² = x² + 1."""
    import sympy as sp
    from verifier import Identity, Real, claim

    x = sp.Symbol("x", real=True)


    @claim()
    def square_of_a_sum_written_without_its_middle_term():
        return Identity((x + 1) ** 2, x**2 + 1, where={x: Real()})
'''


@pytest.mark.slow
def test_piped_cli_report_fits_80_columns_and_shows_the_values(tmp_path: Path) -> None:
    path = write_module(tmp_path, "slip", SQUARE)
    proc = run_cli("check", str(path), "--samples", "40", "--no-cache", cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    table = proc.stdout.split("\n✗ ")[0]
    assert max(len(line) for line in table.splitlines()) <= 80, table
    row = next(line for line in table.splitlines() if "slip.square_of_a_sum_written_without_its_middle_term" in line)
    assert "REFUTED" in row
    assert re.search(r"claimed [-\d.]+, observed [-\d.]+", proc.stdout), proc.stdout
    assert "n = None" not in proc.stdout and "1 claim:" in proc.stdout


def test_a_library_sized_run_prints_lines_that_fit_80_columns() -> None:
    """564 claims in 40-odd files: the progress lines and the summary all fit 80 columns."""
    files = [f"derivations/{'autograd_' * (i % 3)}file_{i}.py" for i in range(44)]
    results = [
        ClaimResult(f"c{i}", "d", "identity", "", Expect.HOLDS, Status.PROVED, "r", source=files[i % 44])
        for i in range(564)
    ]
    results = [dataclasses.replace(r, for_all_n=True) if i % 9 == 0 else r for i, r in enumerate(results)]
    report = RunReport(results, seed=0, samples=1800, seconds=259.8)
    lines = [ln.plain for ln in terminal.progress_lines(report, 80)]
    lines += terminal.summary_line(report).plain.splitlines()
    assert max(len(ln) for ln in lines) <= 80, max(lines, key=len)
    assert lines[-1] == "every claim met its expectation"
    assert len(lines) <= 100


def test_narrow_view_lines_end_where_their_text_ends() -> None:
    text = rendered(80)
    assert all(len(line) <= 80 for line in text.splitlines())
    padded = [line for line in text.splitlines() if line != line.rstrip()]
    assert not padded, padded


def test_a_cached_verdict_says_so_beside_its_facts_not_in_a_wider_verdict_column() -> None:
    cached = [dataclasses.replace(r, cached=True, cached_at="2026-11-25T10:00:00") for r in results().values()]
    lines = rendered(80, RunReport(cached, seed=0, samples=60, seconds=1.0)).splitlines()
    heads = [line for line in lines if "(expect refuted)" in line]
    assert heads and all(line.startswith("REFUTED  homework.") for line in heads), heads
    assert sum("cached 2026-11-25" in line for line in lines) == len(cached)


def test_a_failures_prose_wraps_at_80_columns_and_its_replay_stays_whole() -> None:
    """The reason, the diagnosis and the assumptions are prose: wrapped, indented; the file and the replay
    command are one line each, however long, so that they copy whole."""
    long = "counterexample found: sides differ by 1.0 (relative 1) (confirmed at 100 digits); " * 3
    replay = "verifier check d.c --seed 0 --samples 200 " + "a/very/long/path/" * 6 + "file.py"
    r = ClaimResult("c", "d", "identity", "", Expect.HOLDS, Status.REFUTED, long, replay=replay, source="d.py",
                    assumptions=["wherever both sides are defined (no denominator is 0)"] * 3)  # fmt: skip
    console = Console(width=80, record=True, file=open("/dev/null", "w"), color_system=None)  # noqa: SIM115
    terminal.failures(console, RunReport([r], seed=0, samples=200, seconds=1.0))
    lines = console.export_text().splitlines()
    assert f"  replay: {replay}" in lines
    prose = [line for line in lines if "replay:" not in line]
    assert max(len(line) for line in prose) <= 80, prose
    assert all(line.startswith("  ") for line in prose[1:]) and len(prose) >= 6
    assert " ".join(line.strip() for line in prose[1:]).startswith(long.strip()[:200])


def test_an_exact_counterexample_says_decided_exactly_in_every_report() -> None:
    """An exact decision has 0 digits, and the reports said 'confirmed at 0 digits'."""
    from verifier.language.text import confirmation_text

    assert confirmation_text(0) == "decided exactly" and confirmation_text(100) == "confirmed at 100 digits"
    exact_gap = claim(expect="refuted")(lambda: Inequality(x**2, ">=", sp.Rational(1, 10**400), where={x: Real()}))
    result = verify_family(dataclasses.replace(exact_gap, name="exact_gap", derivation="homework"), FAST)
    assert result.counterexample is not None and result.counterexample.digits == 0, result.reason
    assert "(decided exactly)" in result.reason, result.reason
    one = RunReport([result], seed=0, samples=60, seconds=1.0)
    for text in (markdown.render(one), html.render(one)):
        assert "decided exactly" in text and "confirmed at 0 digits" not in text


@pytest.mark.parametrize(
    ("unmet", "words"), [(1, "1 did not meet its expectation"), (2, "2 did not meet their expectation")]
)
def test_the_summary_counts_unmet_expectations_in_good_english(unmet: int, words: str) -> None:
    results = [
        ClaimResult(f"c{i}", "d", "identity", "", Expect.HOLDS, Status.REFUTED if i < unmet else Status.PROVED, "r")
        for i in range(3)
    ]
    assert terminal.summary_line(RunReport(results, seed=0, samples=200, seconds=1.0)).plain.endswith(words)
