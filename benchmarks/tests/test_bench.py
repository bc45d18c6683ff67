"""`python -m benchmarks` on tiny inputs: every section is produced, with numbers, and the reports are written.

No timing is asserted here: the speed targets live in the benchmark, never in the tests.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import os
import re
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

import benchmarks
from benchmarks import (
    certificates,
    cost,
    determinism,
    gradient,
    grading,
    plot,
    render,
    render_costs,
    render_versus,
    report,
    sos_search,
    special,
)
from benchmarks import config as bench_config
from benchmarks.cli import build_parser
from benchmarks.targets import TargetStatus
from tests.fixtures import course
from tests.fixtures.course import write_course
from tests.support import ROOT, run_cli, write_module

TINY = '''
"""A tiny derivation for timing verify-all."""
import sympy as sp
from verifier import Identity, Real, claim

@claim()
def square():
    """(x + 1)² = x² + 2x + 1."""
    x = sp.Symbol("x")
    return Identity((x + 1) ** 2, x**2 + 2 * x + 1, where={x: Real()})
'''

STATUSES = {"met", "not met", "not shown", "not measured"}  # as benchmarks.json writes them


def tiny_config(tmp_path: Path, **changes: object) -> bench_config.BenchConfig:
    module = write_module(tmp_path, "tiny", TINY)
    config = bench_config.BenchConfig(
        quick=True,
        cell_timeout=60.0,
        out=str(tmp_path / "reports"),
        symbolic_n=(2,),
        numeric_n=2,
        numeric_samples=100,
        numeric_seconds=0.01,
        slow_samples=1,
        slow_seconds=2.0,
        gradient_sizes=((4, 10),),
        gradient_timeout=60.0,
        repeats=1,
        verify_paths=(str(module),),
        verify_timeout=60.0,
        jobs=1,
        cost_proved_n=(2,),
        cost_numeric_n=(3,),
        compile_n=2,
        compile_samples=20,
        busy_jobs=2,
        hogs=0,
        certificate_n=(2,),
        latex_sizes=(2,),
        grading_students=(3,),
        grading_cluster=False,  # tests/e2e/test_dask.py grades on a cluster
        grading_hanging=(4, 2),  # the code path: 30 with 15 hangs was most of this test's time
        grading_hostile=("zero_division", "forge_procfd"),  # the code path: tests/grading/test_grade_hostile.py
        # grades every attack (all 22 here were 13 s of CPU)
        generic_n=2,
        generic_claims=3,  # the section's code, not its 15 claims' figures (20 s)
        sos_n=(2,),
        sections=tuple(s for s in bench_config.SECTIONS if s != "dask"),  # test_bench_dask.py runs it
    )
    return dataclasses.replace(config, **changes)  # type: ignore[arg-type]


def is_number(x: object) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def process_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))


@pytest.mark.slow
@pytest.mark.usefixtures("at_root")
def test_tiny_bench_writes_every_section(tmp_path: Path) -> None:
    config = tiny_config(tmp_path)
    md, js, svg = report.write_reports(report.run(config), config.out)
    data = json.loads(js.read_text())
    sections = ("symbolic", "numeric", "gradient", "verify_all", "cost", "compile", "special", "certificates")
    for section in (*sections, "latex", "grading", "generic", "sos", "determinism"):
        assert data[section] is not None, section
    assert data["command"].startswith("python -m benchmarks --quick --only ")
    text = md.read_text()
    check_versus(data)
    check_verify_all(data)
    assert "Every claim in the engine-alone run:" in text
    check_cost(data["cost"])
    check_compile(data["compile"])
    check_determinism(data["determinism"], hogs=0)
    check_special(special.SpecialSection.from_json(data["special"]))
    check_certificates(data["certificates"])
    check_sos(data["sos"])
    lx = data["latex"]
    assert lx["status"] == "ok" and is_number(lx["read_seconds"]) and is_number(lx["check_seconds"])
    assert len(lx["step_verdicts"]) == lx["steps"] == 10
    assert all(row["generic"] == "proved" and row["explicit"] == "proved" for row in data["generic"])
    assert f"## {bench_config.number('generic')}. Generic dimension" in text
    (hostile,) = [r for r in data["grading"]["runs"] if r["where"] == "local pool, hostile"]
    assert hostile["students"] == 3 + 2 and hostile["claims"] > 0, "the ordinary students and the two attacks"
    check_page(data, text, svg)


def check_versus(data: dict) -> None:
    for row in data["symbolic"]["claims"]:
        if row["claim"] is not None:
            (cell,) = row["cells"]
            assert cell["n"] == 2
            assert cell["ladder"]["status"] == "decided" and is_number(cell["ladder"]["seconds"])
            assert cell["simplify"]["status"] == "decided" and is_number(cell["simplify"]["seconds"])
    assert any(row["claim"] for row in data["symbolic"]["claims"])
    for row in data["numeric"]["claims"]:
        if row["claim"] is not None:
            assert is_number(row["engine"]["rate"])
            assert is_number(row["subs"].get("rate", row["subs"].get("rate_upper")))
            assert is_number(row["ratio_subs"]["value"])
    (grad,) = data["gradient"]["rows"]
    assert grad["engine"]["status"] == "ok" and is_number(grad["engine"]["seconds"])
    assert grad["engine"]["false_alarm"] is False and grad["engine"]["threshold"] is not None
    assert grad["torch"]["status"] in ("ok", "skipped")


def check_verify_all(data: dict) -> None:
    runs = {r["label"]: r for r in data["verify_all"]["runs"]}
    assert set(runs) == {"cold", "warm", "cold, 1 job", "engine alone, in-process"}
    assert all(r["status"] == "ok" and r["exit_code"] == 0 and is_number(r["seconds"]) for r in runs.values())
    assert all(is_number(r["cpu_seconds"]) and r["cpu_seconds"] > 0 for r in runs.values())
    assert runs["engine alone, in-process"]["summary"] == "1 claim verified in-process"
    (slowest,) = data["verify_all"]["slowest"]
    assert slowest["claim"] == "tiny.square" and is_number(slowest["seconds"])
    phases = data["verify_all"]["phases"]["tiny.square"]
    assert set(phases) == {"total", "build", "numeric", "confirm", "ladder", "dimension"}
    assert all(is_number(v) and v >= 0 for v in phases.values()) and phases["total"] > 0
    assert 0 < phases["numeric"] <= phases["total"], "the claim was spot-checked, within its own time"
    assert data["verify_all"]["phase_totals"] == phases, "one claim: the library's totals are its own"
    assert data["verify_all"]["median_cpu"] == phases["total"], "one claim: the median claim is that one"


def check_page(data: dict, text: str, svg: Path) -> None:
    assert {t["status"] for t in data["targets"]} <= STATUSES
    assert any(t["target"].startswith("slowest single claim ≤ 3 s") for t in data["targets"])
    (machinery,) = [t for t in data["targets"] if t["target"].startswith("CPU of the run machinery")]
    (median,) = [t for t in data["targets"] if t["target"].startswith("the median claim ≤ 0.1 s of engine CPU")]
    assert median["status"] == "not measured" and median["evidence"].endswith(" s"), "a subset: the figure, not judged"
    assert machinery["status"] in ("met", "not met") and "× " in machinery["evidence"].replace("×:", "× ")
    assert "## Machine" in text and "## Targets" in text
    numbered = [int(n) for n in re.findall(r"^## (\d+)\. ", text, re.M)]
    assert numbered == list(range(1, len(bench_config.SECTIONS) + 1)), "every section, numbered in the list's order"
    assert f"]({cost.PLOT_FILE})" in text and svg.name == cost.PLOT_FILE
    assert data["machine"]["cpu"] in text
    ET.fromstring(svg.read_text())  # well-formed XML


def check_cost(section: dict) -> None:
    assert section["proved_n"] == [2] and section["numeric_n"] == [3]
    for row in section["rows"]:
        assert row["claim"] is not None, row["note"]
        proved, numeric_only = row["cells"]
        assert (proved["n"], proved["mode"], proved["status"]) == (2, cost.PROVED, "PROVED")
        assert all(is_number(proved[k]) for k in ("symbolic_seconds", "numeric_seconds", "total_seconds"))
        assert (numeric_only["n"], numeric_only["mode"], numeric_only["status"]) == (3, cost.NUMERIC, "CHECKED")
        assert numeric_only["symbolic_seconds"] is None and is_number(numeric_only["numeric_seconds"])
    kinds = {(s["label"], s["kind"]) for s in section["series"]}
    assert len(kinds) == 2 * len(section["rows"])


def check_compile(section: dict) -> None:
    assert section["n"] == 2 and section["claim"] == "hessian"
    assert [c["side"] for c in section["cells"]] == ["engine", "sympy"]
    assert all(c["status"] == "ok" and is_number(c["compile_seconds"]) for c in section["cells"])
    assert section["entries"] == 2 * 2 + 1  # the Hessian entries and f
    assert section["max_abs_diff"] < 1e-9 and is_number(section["speedup"]["value"])


def check_special(section: special.SpecialSection) -> None:
    assert [r.label for r in section.rows] == list(special.CASES)
    for row in section.rows:
        m = row.measured
        assert m is not None and row.failure is None, row.failure
        assert m.rate > 0 and m.calls >= 1 and m.entries == section.n and m.functions > 0
        assert m.max_gap < 1e-10, f"{row.label}: the identity must hold to round-off"
        assert m.backend == "numpy DAG walk", "scipy.special is walked, not sent to lambdify"
        assert (row.slowdown is None) == (row.label == special.PLAIN)


def test_special_section_rows_are_typed_and_a_failed_row_renders_without_numbers(tmp_path: Path) -> None:
    config = tiny_config(tmp_path, sections=("special",), special_n=3, special_samples=50)
    section = special.bench_special(config, lambda line: None)
    check_special(section)
    assert special.SpecialSection.from_json(json.loads(json.dumps(section.to_json()))) == section
    failed = dataclasses.replace(section, rows=(special.SpecialRow("polygamma", "scipy.special", None, None, "boom"),))
    text = "\n".join(render_versus.special({"special": failed.to_json()}))
    assert "| polygamma | scipy.special | – | – | – | not measured: boom |" in text


def check_sos(data: dict) -> None:
    section = sos_search.SosSection.from_json(data)
    assert section.n_values == (2,) and len(section.rows) == len(sos_search.CLAIMS)
    if not section.available:
        return
    for row in section.rows:
        (cell,) = row.cells
        assert cell.status == "found", cell.detail
        assert all(is_number(t) for t in (cell.setup, cell.sdp, cell.exact, cell.kernel)) and cell.squares
    assert section == sos_search.SosSection.from_json(json.loads(json.dumps(section.to_json())))


def check_certificates(data: dict) -> None:
    section = certificates.CertificateSection.from_json(data)
    assert section.n_values == (2,) and len(section.rows) == len(certificates.CLAIMS)
    for row in section.rows:
        (cell,) = row.cells
        assert row.claim is not None, row.note
        assert cell.outcome is certificates.Outcome.FOUND, cell.detail
        assert cell.proposal and cell.squares and is_number(cell.seconds) and cell.tried >= 1
    assert section == certificates.CertificateSection.from_json(json.loads(json.dumps(section.to_json())))


def test_certificate_cells_render_from_their_types() -> None:
    Cell, Outcome = certificates.CertificateCell, certificates.Outcome
    found = Cell(2, Outcome.FOUND, 0.5, 0.2, 0.3, 4, "Gram AᵀA", 2, 1)
    late = Cell(8, Outcome.TIMED_OUT, detail="> 60 s")
    skipped = Cell(9, Outcome.SKIPPED, detail="timed out at n = 8")
    row = certificates.CertificateRow("XᵀX", "gram_psd", "", (found, late, skipped))
    section = certificates.CertificateSection((2, 8, 9), 60.0, 300, (row,))
    text = "\n".join(render_costs.certificates({"certificates": section.to_json()}))
    assert "| XᵀX (`gram_psd`) | 0.500 s (0.200 + 0.300), Gram AᵀA, 2 sq. | timed out (> 60 s) |" in text
    assert "not run (timed out at n = 8)" in text


def check_determinism(section: dict, hogs: int) -> None:
    idle, busy = section["runs"]
    assert (idle["jobs"], busy["jobs"], busy["hogs"]) == (1, 2, hogs)
    for r in (idle, busy):
        assert r["run"]["status"] == "ok" and is_number(r["run"]["seconds"])
        assert r["counts"]["PROVED"] == 1 and sum(r["counts"].values()) == 1
    assert section["complete"] and section["compared"] == 1 and not section["changes"]
    assert len(section["hog_pids"]) == hogs


@pytest.mark.slow
@pytest.mark.usefixtures("at_root")
def test_determinism_starts_the_hogs_and_kills_them(tmp_path: Path) -> None:
    config = tiny_config(tmp_path, sections=("determinism",), hogs=2)
    section = determinism.bench_determinism(config, lambda line: None)
    check_determinism(section.to_json(), hogs=2)
    assert all(process_gone(pid) for pid in section.hog_pids)


def test_hogs_are_killed_when_the_block_raises() -> None:
    with pytest.raises(RuntimeError), determinism.cpu_hogs(1) as hogs:
        pids = [h.pid for h in hogs]
        assert not process_gone(pids[0])
        raise RuntimeError("the run failed")
    assert all(process_gone(pid) for pid in pids)


def test_status_changes_name_the_differing_and_missing_claims() -> None:
    from benchmarks.verify_all import ClaimTime, VerifyRun

    idle = VerifyRun("idle", "", "ok", claims=(ClaimTime("d.a", "PROVED", 1.0), ClaimTime("d.b", "PROVED", 1.0)))
    busy = VerifyRun("busy", "", "ok", claims=(ClaimTime("d.a", "CHECKED", 2.0), ClaimTime("d.c", "PROVED", 1.0)))
    compared, changes = determinism.status_changes(idle, busy)
    assert compared == 3
    assert [(c.claim, c.idle, c.busy) for c in changes] == [
        ("d.a", "PROVED", "CHECKED"),
        ("d.b", "PROVED", determinism.MISSING),
        ("d.c", determinism.MISSING, "PROVED"),
    ]


def test_plot_draws_symbolic_solid_and_numeric_dashed() -> None:
    series = (
        cost.Series("softmax", "symbolic", ((1, 0.01), (2, 0.1))),
        cost.Series("softmax", "numeric", ((1, 0.001), (2, 0.002), (16, 0.5))),
    )
    section = cost.CostSection((1, 2), (16,), 60.0, cost.PLOT_FLOOR, cost.PLOT_FILE, (), series)
    svg = ET.fromstring(plot.render_svg(section.to_json()))
    lines = svg.findall("{http://www.w3.org/2000/svg}polyline")
    assert [line.get("stroke-dasharray") for line in lines] == [None, "6 4"]
    empty = dataclasses.replace(section, series=())
    assert "no timings" in plot.render_svg(empty.to_json())


def test_gradient_row_without_torch_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(gradient, "torch_available", lambda: False)
    out = gradient.bench_gradient(tiny_config(tmp_path), lambda line: None)
    (row,) = out["rows"]
    assert row["torch"] == {"status": "skipped", "note": gradient.TORCH_HINT}
    assert row["engine"]["status"] == "ok" and row["speedup"] is None


def test_engine_gradient_check_catches_a_scale_error_that_gradcheck_tolerances_would_miss() -> None:
    X, y, w = gradient.logistic_data(6, 12, seed=1)
    rng = np.random.default_rng(0)
    assert gradient.complex_step_agrees(X, y, w, gradient.logistic_gradient, rng)
    off = lambda X, y, w: (1 + 1e-6) * gradient.logistic_gradient(X, y, w)  # noqa: E731
    assert not gradient.complex_step_agrees(X, y, w, off, rng)


def test_bench_command_line() -> None:
    args = build_parser().parse_args(["--quick", "--cell-timeout", "5", "--out", "somewhere"])
    config = bench_config.config_for(args.quick, args.cell_timeout, args.out, args.only)
    assert (config.quick, config.cell_timeout, config.out, config.symbolic_n) == (True, 5.0, "somewhere", (2, 3, 4))
    assert config.command == "python -m benchmarks --quick --cell-timeout 5 --out somewhere"
    assert "determinism" not in config.sections
    full = bench_config.config_for(False, None, "reports")
    assert (full.cell_timeout, full.symbolic_n, full.sections) == (60.0, (2, 3, 4, 6, 8), bench_config.SECTIONS)
    assert (full.cost_proved_n, full.cost_numeric_n, full.compile_n) == (tuple(range(1, 9)), (16, 32, 64), 16)
    only = bench_config.config_for(False, None, "reports", "compile,cost")
    assert only.sections == ("cost", "compile")
    assert only.command == "python -m benchmarks --only cost,compile --cell-timeout 60 --out reports"
    assert build_parser().parse_args(["--determinism"]).determinism
    with pytest.raises(ValueError, match="unknown section"):
        bench_config.config_for(False, None, "reports", "costs")


def test_the_sections_are_numbered_and_ordered_by_one_list() -> None:
    """config.SECTIONS orders the run, the page and --only's help; a section's number is its place there."""
    assert list(render.SECTION_RENDERERS) == list(bench_config.SECTIONS)
    machine = dict.fromkeys(("cpu", "cores", "memory_gib", "os", "python", "sympy", "numpy", "torch", "verifier"), "?")
    data = {"settings": {"quick": True}, "command": "c", "date": "d", "seconds": 1.0, "targets": []}
    data |= {"machine": {**machine, "load_before": [0.0], "load_after": [0.0]}}
    data |= dict.fromkeys((s.replace("-", "_") for s in bench_config.SECTIONS), None)  # as report.run leaves them
    page = render.render(data)  # every section not run
    numbers = [int(n) for n in re.findall(r"^## (\d+)\. ", page, re.M)]
    assert numbers == sorted(set(numbers)) and set(numbers) <= set(range(1, len(bench_config.SECTIONS) + 1))
    assert f"## {bench_config.number('special')}. Special functions" in page
    assert f"## {bench_config.number('dask')}. Past one machine" in page
    assert re.findall(r"\(`([\w-]+)`[;)]", benchmarks.__doc__ or "") == list(bench_config.SECTIONS)
    for path in (ROOT / "benchmarks").glob("*.py"):
        assert not re.search(r"Section \d|## \d+\.", path.read_text(encoding="utf-8")), f"numbered by hand: {path.name}"
    only = next(a for a in build_parser()._actions if "--only" in a.option_strings)
    assert ", ".join(bench_config.SECTIONS) in " ".join((only.help or "").split())


def test_python_m_benchmarks_rejects_an_unknown_section_as_a_user_sees_it() -> None:
    env = {"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--only", "nonsense"], cwd=ROOT, capture_output=True, text=True, env=env
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "unknown section(s) nonsense" in done.stdout


def test_the_installed_cli_has_no_bench_and_the_benchmarks_are_not_installed() -> None:
    """The workbench stays outside the product: no `verifier bench`, and neither benchmarks/ nor the tests'
    fixtures it imports are installed with the package."""
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    assert packages and all(name == "verifier" or name.startswith("verifier.") for name in packages), packages
    result = run_cli("bench", "--only", "nonsense")
    assert result.returncode == 2 and "invalid choice: 'bench'" in result.stderr, result.stdout + result.stderr
    assert "bench" not in run_cli("--help").stdout


def test_the_engine_never_imports_the_benchmark() -> None:
    code = (
        "import sys, verifier.cli.main, verifier.engine.verify, verifier.run.runner; "
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'benchmarks'); "
        "print(loaded); sys.exit(1 if loaded else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_tests_never_import_the_benchmarks_and_ci_reads_nothing_from_reports() -> None:
    """The workbench is outside the product: the tests import no benchmark (the benchmarks import the tests'
    fixtures), and CI's inputs (the baseline) sit beside the tests, its scratch reports in build/ci/."""
    importers = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        if "corpus" in path.parts:  # malformed modules on purpose
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n.split(".")[0] == "benchmarks" for n in names):
                importers.append(str(path.relative_to(ROOT)))
    assert not importers, importers
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "reports/" not in ci and "--baseline tests/data/baseline.json" in ci
    assert (ROOT / "tests" / "data" / "baseline.json").is_file()


def test_the_course_rate_target_says_what_the_hangs_alone_allow(tmp_path: Path) -> None:
    write_course(tmp_path, 50)
    written = [f.name for f in (tmp_path / "submissions").iterdir()]
    counts = course.variant_counts(50)
    assert counts["hang"] == sum(name.endswith("_hang") for name in written) == 3
    assert sum(counts.values()) == len(written) == 50
    hangs, floor = grading.hang_floor(300, 2)
    assert (hangs, floor) == (15, grading.IMPORT_SECONDS)  # 41 at once: 1 + 3 × 5 s × 2 cores / 0.75 CPU s
    slow = grading.GradingSection("bubblewrap", 2, (grading.CourseRun(300, 700, 266.0, 0, "verifier grade …"),))
    missed = grading.target_rate(slow)
    assert missed.status is TargetStatus.NOT_MET
    assert "1.13/s (266 s)" in missed.evidence and "hold a sandbox 5 s each at most" in missed.evidence
    fast = grading.GradingSection("bubblewrap", 2, (grading.CourseRun(300, 700, 90.0, 0, "verifier grade …"),))
    assert grading.target_rate(fast).status is TargetStatus.MET
    small = grading.GradingSection("bubblewrap", 2, (grading.CourseRun(30, 70, 30.0, 0, "verifier grade …"),))
    assert grading.target_rate(small).evidence == "set VERIFIER_BENCH_COURSE=300"


def test_the_hanging_course_target_states_the_rate_and_peak_memory() -> None:
    where = f"local pool, {grading.HANGING} hanging"
    run = grading.CourseRun(30, 53, 12.0, 1, "verifier grade …", where, peak_mb=3000.0, peak_pss_mb=900.0,
                            cpu_seconds=17.25)  # fmt: skip
    missed = grading.target_hanging(grading.GradingSection("bubblewrap", 2, (run,)))
    assert missed.status is TargetStatus.NOT_MET
    assert missed.evidence == "2.50/s (12.0 s), peak 3000 MB RSS summed, 900 MB PSS, 17.2 CPU s"
    met = grading.target_hanging(grading.GradingSection("bubblewrap", 2, (dataclasses.replace(run, seconds=9.0),)))
    assert met.status is TargetStatus.MET
    assert grading.target_hanging(None).status is TargetStatus.NOT_MEASURED


def test_the_phase_clock_times_the_outermost_call_of_each_phase_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from benchmarks import phases as phase_clock
    from verifier.strategies import ladder

    calls: list[int] = []

    def nested(depth: int) -> None:
        calls.append(depth)
        busy = time.process_time() + 0.05
        while time.process_time() < busy:
            pass
        if depth:
            prove = getattr(ladder, "prove")  # noqa: B009 (the wrapped function, through the module, as the engine calls it)
            prove(depth - 1)

    monkeypatch.setattr(ladder, "prove", nested)
    monkeypatch.setattr(phase_clock, "PHASES", (("ladder", "verifier.strategies.ladder", "prove"),))
    monkeypatch.setattr(phase_clock, "LABELS", ("ladder",))
    clock = phase_clock.PhaseClock()
    clock.install()
    getattr(ladder, "prove")(2)  # noqa: B009 (replaced by nested)
    spent = clock.lap()
    assert calls == [2, 1, 0]
    assert 0.14 <= spent["ladder"] < 0.25, spent  # three nested calls of 0.05 s: 0.15 s once, not 0.3 s
    assert clock.lap() == {"ladder": 0.0}


def _forks_a_spinner(waits: bool) -> str:
    """Python that forks a worker which spins for 0.3 CPU s; the parent waits for it, or ends at once."""
    spin = "    t = time.process_time()\n    while time.process_time() - t < 0.3:\n        pass\n"
    orphaned = [] if waits else ["    time.sleep(0.1)"]  # its parent has ended: it is an orphan now
    lines = ["import os, time", "if os.fork() == 0:", *orphaned, spin + "    os._exit(0)"]
    return "\n".join(lines + (["os.wait()"] if waits else [])) + "\n"


def test_the_process_tree_cpu_counts_a_grandchilds_work() -> None:
    """A child that forks a worker which spins for 0.3 CPU s: the tree's CPU counts the worker's, which the child
    waited for."""
    from benchmarks.process_tree import run_measured_cpu

    code, _, _, _, cpu = run_measured_cpu([sys.executable, "-c", _forks_a_spinner(waits=True)])
    assert code == 0 and cpu >= 0.3


def test_the_process_tree_cpu_counts_an_orphans_work() -> None:
    """A child that forks the worker and ends without waiting for it (as a sandbox's first process does): the
    orphan's 0.3 CPU s are counted all the same."""
    from benchmarks.process_tree import run_measured_cpu

    code, _, _, _, cpu = run_measured_cpu([sys.executable, "-c", _forks_a_spinner(waits=False)])
    assert code == 0 and cpu >= 0.3


def test_the_pss_sampler_reads_again_a_process_whose_memory_moved() -> None:
    """A process that touches 64 MB more between two samples: its PSS is read again and the sum grows by about that;
    one whose RSS did not move keeps the PSS read before."""
    from benchmarks.process_tree import PssSampler, memory_mb

    sampler = PssSampler()
    me = os.getpid()
    _, before = sampler.sample([me])
    assert sampler.sample([me])[1] == before and before == sampler.known[me][1] > 0
    held = bytearray(64 * 2**20)
    for i in range(0, len(held), 4096):
        held[i] = 1
    rss, after = sampler.sample([me])
    assert after - before > 48 and abs(rss - memory_mb([me], "rss")) < 8
    del held


def _comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:  # gone between the listing and the read
        return ""


def test_the_process_tree_holds_a_grandchild_and_nothing_else() -> None:
    from benchmarks.process_tree import tree

    script = "import subprocess, sys\nsubprocess.run(['sleep', '5'])\n"
    with subprocess.Popen([sys.executable, "-c", script]) as proc:
        try:
            # Until the grandchild is there and has become `sleep` (at most 5 s):
            # between its fork and its exec it is still called python3.
            for _ in range(100):
                found = tree(proc.pid)
                names = {_comm(pid) for pid in found}
                if len(found) == 2 and "sleep" in names:
                    break
                subprocess.run(["sleep", "0.05"])
            assert proc.pid in found and len(found) == 2 and "sleep" in names, names
        finally:
            proc.kill()
