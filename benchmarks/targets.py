"""The targets of issue 12, each decided from a section's data: met, not met, not shown or not measured."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum

from benchmarks.compile_speed import CompileSection
from benchmarks.config import BenchConfig
from benchmarks.determinism import DeterminismSection
from benchmarks.harness import CellStatus, Data
from benchmarks.symbolic import PROOF_N, SPEEDUP_N
from benchmarks.verify_all import IN_PROCESS, VerifyAllSection

NOT_RUN = "section not run (--only)"
SUBSET = "--quick times two small files only"
WARM_GOAL, COLD_GOAL, COLD_AIM, CLAIM_GOAL = 2.0, 60.0, 30.0, 3.0  # issue 25: the slowest claim ≤ 3 s
MACHINERY_GOAL = 1.3  # issue 25: the one-job run's CPU over the engine's own, in-process
MEDIAN_GOAL = 0.1  # issue 42: the median claim's engine CPU, in-process (seconds)
STARTUP_GOALS = {  # run label: (target, seconds of wall time), issue 25
    "start-up: --version": ("`verifier --version`", 0.3),
    "start-up: check one claim, cold": ("`verifier check` of one trivial claim, cold", 1.0),
}
COMPILE_GOAL, COMPILE_N = 10.0, 16


class TargetStatus(StrEnum):
    """How a target stands, from best to worst: `worst` ranks by this order (benchmarks.json keeps the strings)."""

    MET = "met"
    NOT_SHOWN = "not shown"  # a lower bound below the goal
    NOT_MET = "not met"
    NOT_MEASURED = "not measured"


@dataclass(frozen=True)
class Target:
    target: str
    status: TargetStatus
    evidence: str

    def to_json(self) -> Data:
        return asdict(self)


def ratio_text(r: Data | None) -> str:
    if r is None:
        return "–"
    return ("≥ " if r["bound"] == "lower" else "") + f"{r['value']:.3g}×"


def unmeasured(text: str, why: str = NOT_RUN) -> Target:
    return Target(text, TargetStatus.NOT_MEASURED, why)


def met_if(ok: bool) -> TargetStatus:
    return TargetStatus.MET if ok else TargetStatus.NOT_MET


def meets(r: Data | None, goal: float) -> TargetStatus:
    if r is None:
        return TargetStatus.NOT_MET
    if r["value"] >= goal:
        return TargetStatus.MET
    return TargetStatus.NOT_SHOWN if r["bound"] == "lower" else TargetStatus.NOT_MET


def worst(statuses: list[TargetStatus]) -> TargetStatus:
    order = list(TargetStatus)
    return max(statuses, key=order.index, default=TargetStatus.MET)


def target_symbolic(sym: Data | None) -> list[Target]:
    text = f"ladder ≥ 20× faster than simplify at n = {SPEEDUP_N}, all three claims"
    text8 = f"ladder proves all three claims at n = {PROOF_N}"
    if sym is None:
        return [unmeasured(text), unmeasured(text8)]
    rows = sym["claims"]
    missing = [r["label"] for r in rows if r["claim"] is None]
    if SPEEDUP_N not in sym["n_values"] or missing:
        why = f"n = {SPEEDUP_N} not run" if SPEEDUP_N not in sym["n_values"] else "skipped: " + ", ".join(missing)
        speed = unmeasured(text, why)
    else:
        evidence = "; ".join(f"{r['label']}: {ratio_text(r['speedup_at_6'])}" for r in rows)
        speed = Target(text, worst([meets(r["speedup_at_6"], 20) for r in rows]), evidence)
    if PROOF_N not in sym["n_values"] or missing:
        return [speed, unmeasured(text8, f"n = {PROOF_N} not run" if not missing else "claims skipped")]
    states = {r["label"]: next(e["ladder"]["status"] for e in r["cells"] if e["n"] == PROOF_N) for r in rows}
    status = met_if(all(s == "decided" for s in states.values()))
    return [speed, Target(text8, status, "; ".join(f"{k}: {v}" for k, v in states.items()))]


def target_numeric(num: Data | None) -> Target:
    text = "numeric batch ≥ 100× more samples/s than the subs/evalf loop"
    if num is None:
        return unmeasured(text)
    rows = num["claims"]
    if any(r["claim"] is None for r in rows):
        return unmeasured(text, "a claim was skipped")
    evidence = "; ".join(f"{r['label']}: {ratio_text(r['ratio_subs'])}" for r in rows)
    return Target(text, worst([meets(r["ratio_subs"], 100) for r in rows]), evidence)


def target_gradient(grad: Data | None) -> Target:
    text = "gradient check ≥ 10× faster than gradcheck at d = 50, m = 200, threshold ≥ 10⁴× finer"
    if grad is None:
        return unmeasured(text)
    row = next((r for r in grad["rows"] if (r["d"], r["m"]) == (50, 200)), None)
    if row is None or row["torch"]["status"] != CellStatus.OK:
        return unmeasured(text, row["torch"].get("note", "torch failed") if row else "size not run")
    fast = meets({"value": row["speedup"] or 0, "bound": "exact"}, 10)
    fine = meets({"value": row["finer"] or 0, "bound": "exact"}, 1e4)
    finer = f"{row['finer']:.3g}×" if row["finer"] else "–"
    return Target(text, worst([fast, fine]), f"{row['speedup']:.3g}× faster, threshold {finer} finer")


def target_verify_all(va: VerifyAllSection | None, config: BenchConfig) -> list[Target]:
    plan = [
        ("warm", f"warm verify-all ≤ {WARM_GOAL:g} s", WARM_GOAL),
        ("cold", f"cold verify-all ≤ {COLD_GOAL:g} s on 2 cores (aim {COLD_AIM:g} s)", COLD_GOAL),
    ]
    per_claim = f"slowest single claim ≤ {CLAIM_GOAL:g} s in the cold run"
    if va is None:
        return [unmeasured(t) for t in (plan[0][1], plan[1][1], per_claim, MACHINERY, MEDIAN)]
    cores = f" with --jobs {config.jobs}" + ("" if config.jobs == 2 else " (this machine is not 2 cores)")
    out = []
    for label, text, goal in plan:
        run = va.run(label)
        if config.verify_paths:
            out.append(unmeasured(text, SUBSET))
        elif run.status != "ok" or run.seconds is None:
            out.append(Target(text, TargetStatus.NOT_MET, f"timed out after {run.limit:g} s"))
        else:
            aim = f"; aim {COLD_AIM:g} s {'met' if run.seconds <= COLD_AIM else 'missed'}" if label == "cold" else ""
            status = met_if(run.seconds <= goal)
            out.append(Target(text, status, f"{run.seconds:.1f} s{cores}{aim}"))
    return [*out, target_slowest_claim(per_claim, va, config), target_machinery(va), target_median_claim(va, config)]


MEDIAN = f"the median claim ≤ {MEDIAN_GOAL:g} s of engine CPU (in-process, each claim's CPU)"


def target_median_claim(va: VerifyAllSection, config: BenchConfig) -> Target:
    """The median over the library's claims of the engine's CPU for each, in one process (benchmarks/in_process.py):
    what a claim costs the engine, without the worker's fork and the run machinery around it."""
    if va.median_cpu is None:
        return unmeasured(MEDIAN, "the in-process run wrote no phases")
    evidence = f"{va.median_cpu:.3f} s"
    if config.verify_paths:
        return unmeasured(MEDIAN, f"{SUBSET}; {evidence}")
    return Target(MEDIAN, met_if(va.median_cpu <= MEDIAN_GOAL), evidence)


MACHINERY = f"CPU of the run machinery ≤ {MACHINERY_GOAL:g}× the engine's in-process CPU, the same claims"


def target_machinery(va: VerifyAllSection) -> Target:
    """`verify-all --jobs 1 --no-cache` (the whole process tree) against the engine alone in one process."""
    one_job = next((r for r in va.runs if r.label == "cold, 1 job"), None)
    alone = next((r for r in va.runs if r.label == IN_PROCESS), None)
    if one_job is None or alone is None or one_job.cpu_seconds is None or alone.cpu_seconds is None:
        return unmeasured(MACHINERY, "a run timed out or was not run")
    ratio = one_job.cpu_seconds / max(alone.cpu_seconds, 1e-9)
    evidence = f"{ratio:.2f}×: {one_job.cpu_seconds:.1f} s through verify-all --jobs 1, {alone.cpu_seconds:.1f} s alone"
    return Target(MACHINERY, met_if(ratio <= MACHINERY_GOAL), evidence)


def target_startup(va: VerifyAllSection | None) -> list[Target]:
    """`verifier --version` and a one-claim `check`, each against its wall-time goal."""
    out = []
    for label, (what, goal) in STARTUP_GOALS.items():
        text = f"{what} ≤ {goal:g} s wall"
        run = next((r for r in va.startup if r.label == label), None) if va is not None else None
        if run is None:
            out.append(unmeasured(text))
        elif run.status != "ok" or run.seconds is None or run.exit_code != 0:
            out.append(Target(text, TargetStatus.NOT_MET, f"{run.status}, exit {run.exit_code}"))
        else:
            load = f"load {run.load_before[0]:g} before" if run.load_before else ""
            out.append(Target(text, met_if(run.seconds <= goal), f"{run.seconds:.2f} s; {load}"))
    return out


def target_slowest_claim(text: str, va: VerifyAllSection, config: BenchConfig) -> Target:
    if not va.slowest:
        return unmeasured(text, "the cold run wrote no claims")
    top = va.slowest[0]
    evidence = f"slowest: {top.claim}, {top.seconds:.2f} s ({top.status}) with --jobs {config.jobs}"
    if config.verify_paths:
        return unmeasured(text, f"{SUBSET}; {evidence}")
    return Target(text, met_if(top.seconds <= CLAIM_GOAL), evidence)


def target_compile(section: CompileSection | None) -> Target:
    text = f"compile ≥ {COMPILE_GOAL:g}× faster than sympy.lambdify at the n = {COMPILE_N} logistic Hessian"
    if section is None:
        return unmeasured(text)
    speed = section.speedup.to_json() if section.speedup else None
    evidence = f"{ratio_text(speed)} at n = {section.n}"
    if section.max_abs_diff is not None:
        evidence += f", max |difference| {section.max_abs_diff:.2g} on {section.samples} samples"
    if section.claim is None or section.n != COMPILE_N:
        return unmeasured(text, section.note or evidence)
    return Target(text, meets(speed, COMPILE_GOAL), evidence)


def target_determinism(section: DeterminismSection | None, config: BenchConfig) -> Target:
    text = (
        f"determinism: 0 status differences between an idle --jobs {config.idle_jobs} run and a --jobs "
        f"{config.busy_jobs} run beside {config.hogs} CPU hogs"
    )
    if section is None:
        return unmeasured(text)
    if not section.complete:
        return Target(text, TargetStatus.NOT_MET, "a run timed out or wrote no JSON report")
    evidence = f"{len(section.changes)} of {section.compared} claims differ"
    if config.verify_paths:
        return unmeasured(text, f"{SUBSET}; {evidence}")
    return Target(text, met_if(not section.changes), evidence)
