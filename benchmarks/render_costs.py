"""BENCHMARKS.md's sections on the engine's own costs: verify-all wall time, cost per n, determinism
under load, certificate search, LaTeX chains (formatting only)."""

from __future__ import annotations

from benchmarks.certificates import CertificateCell, CertificateSection, Outcome
from benchmarks.harness import CellStatus, Data
from benchmarks.markdown import NOT_RUN, heading


def _wall(run: Data) -> str:
    return f"{run['seconds']:.1f} s" if run["status"] == CellStatus.OK else f"> {run['limit']:g} s (timed out)"


def verify_all(data: Data) -> list[str]:
    va = data["verify_all"]
    words = "`verify-all` wall time, and start-up (run first, as a user starts it: no PYTHONHASHSEED)"
    title = heading("verify-all", words)
    if va is None:
        return [title, "", NOT_RUN, ""]
    lines = [
        title,
        "",
        f"Paths: {', '.join(va['paths'])}. `$FRESH_TMP` is a new empty folder: the cold run fills its cache, the "
        "warm run reuses it (`--no-cache` would skip writing the cache, so it is used for the one-job run only).",
        "",
        "| run | wall time | CPU | exit | summary | command |",
        "|---|---|---|---|---|---|",
    ]
    for r in [*va.get("startup", []), *va["runs"]]:
        exit_code = "–" if r["exit_code"] is None else r["exit_code"]
        cpu = "–" if r.get("cpu_seconds") is None else f"{r['cpu_seconds']:.1f} s"
        lines.append(f"| {r['label']} | {_wall(r)} | {cpu} | {exit_code} | {r['summary']} | `{r['command']}` |")
    lines += [
        "",
        "CPU is user + system time of the command and every process it forked. The engine-alone run verifies the "
        "same claims through `engine.verify_family` in one process (no pool, no forks, no cache): the one-job run's "
        "CPU over its CPU is what the run machinery costs.",
    ]
    return [*lines, *_slowest(va), ""]


def _totals_line(t: dict[str, float]) -> str:
    return (
        f"Every claim in the engine-alone run: {t['total']:.0f} s of CPU, of which building {t['build']:.0f} s, "
        f"numeric checks {t['numeric']:.0f} s (confirmations {t['confirm']:.0f} s), ladder {t['ladder']:.0f} s, "
        f"proofs for every n {t['dimension']:.0f} s. Phases may nest: a phase may build the claim."
    )


def _slowest(va: Data) -> list[str]:
    """The cold run's slowest claims, and where their CPU went in the engine-alone run (benchmarks/phases.py)."""
    if not va["slowest"]:
        return []
    phases = va.get("phases") or {}
    lines = ["", "Slowest claims of the cold run (per-claim `seconds` of its JSON report), and the CPU each took in "
             "the engine-alone run, by phase: building the claim at an n, the numeric checks (of which the "
             "high-precision confirmations), the ladder's symbolic proof, and the proof for every n:", ""]  # fmt: skip
    lines += ["| claim | status | seconds | CPU alone | build | numeric (confirm) | ladder | every n |"]
    lines += ["|---|---|---|---|---|---|---|---|"]
    for c in va["slowest"]:
        p = phases.get(c["claim"])
        cells = "– | – | – | – | –" if p is None else (
            f"{p['total']:.2f} | {p['build']:.2f} | {p['numeric']:.2f} ({p['confirm']:.2f}) | {p['ladder']:.2f} "
            f"| {p['dimension']:.2f}"
        )  # fmt: skip
        lines.append(f"| {c['claim']} | {c['status']} | {c['seconds']:.2f} | {cells} |")
    t = va.get("phase_totals") or {}
    if t:
        median = va.get("median_cpu")
        lines += ["", _totals_line(t) + (f" The median claim took {median:.3f} s." if median is not None else "")]
    return lines


def _s(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds:.3f}"


def cost(data: Data) -> list[str]:
    cost = data["cost"]
    title = heading("cost", "Cost per n: symbolic and numeric")
    if cost is None:
        return [title, "", NOT_RUN, ""]
    proved = ", ".join(map(str, cost["proved_n"]))
    numeric = ", ".join(map(str, cost["numeric_n"])) or "none"
    lines = [
        title,
        "",
        "Each cell is `verify_family` with default `EngineSettings` on the claim narrowed to one n: "
        f"n = {proved} proved (numeric check, then the ladder), n = {numeric} checked numerically only. "
        "Symbolic and numeric are the evidence's own times (`proofs[i].seconds`, `numeric[i].seconds`); total "
        f"is the whole call. Hard limit {cost['limit']:g} s per cell; after a timeout the larger n of that kind "
        "are not run.",
        "",
        f"![time per n, symbolic solid, numeric dashed]({cost['plot']})",
        "",
    ]
    for row in cost["rows"]:
        lines += [f"### {row['label']}" + (f" (`{row['claim']}`)" if row["claim"] else ""), ""]
        if row["claim"] is None:
            lines += [row["note"], ""]
            continue
        lines += ["| n | status | symbolic s | numeric s | total s |", "|---|---|---|---|---|"]
        for c in row["cells"]:
            symbolic = "(numeric only)" if c["mode"] == "numeric only" and c["status"] != CellStatus.SKIPPED else ""
            symbolic = symbolic or _s(c["symbolic_seconds"])
            status = c["status"] + (f": {c['detail']}" if c["detail"] else "")
            lines.append(
                f"| {c['n']} | {status} | {symbolic} | {_s(c['numeric_seconds'])} | {_s(c['total_seconds'])} |"
            )
        lines.append("")
    return lines


def determinism(data: Data) -> list[str]:
    det = data["determinism"]
    title = heading("determinism", "Determinism under load")
    if det is None:
        return [title, "", NOT_RUN, ""]
    idle, busy = det["runs"]
    statuses = list(idle["counts"])
    lines = [
        title,
        "",
        f"Paths: {', '.join(det['paths'])}. The same claims verified twice without the cache: alone with "
        f"`--jobs {idle['jobs']}`, then with `--jobs {busy['jobs']}` beside {busy['hogs']} CPU hogs "
        "(`python3 -c 'while True: pass'`, killed afterwards). `$TMP` is a new empty folder.",
        "",
        "| run | wall time | load before | " + " | ".join(statuses) + " | command |",
        "|---|---|---|" + "---|" * len(statuses) + "---|",
    ]
    for r in det["runs"]:
        run = r["run"]
        load = ", ".join(f"{x:.2f}" for x in run["load_before"])
        counts = " | ".join(str(r["counts"].get(s, 0)) for s in statuses)
        lines.append(f"| {run['label']} | {_wall(run)} | {load} | {counts} | `{run['command']}` |")
    lines += ["", f"Claims whose status differs: **{len(det['changes'])}** of {det['compared']}."]
    if not det["complete"]:
        lines.append("A run timed out or wrote no JSON report, so the comparison is incomplete.")
    if det["changes"]:
        lines += ["", "| claim | idle | busy |", "|---|---|---|"]
        lines += [f"| {c['claim']} | {c['idle']} | {c['busy']} |" for c in det["changes"]]
    return [*lines, ""]


_OUTCOME_TEXT = {
    Outcome.FOUND: "found",
    Outcome.NOT_FOUND: "not found",
    Outcome.BUDGET: "budget spent",
    Outcome.TIMED_OUT: "timed out",
    Outcome.ERROR: "error",
    Outcome.SKIPPED: "not run",
}


def _certificate_cell(c: CertificateCell) -> str:
    if c.outcome is Outcome.FOUND:
        return f"{c.seconds:.3f} s ({c.propose_seconds:.3f} + {c.check_seconds:.3f}), {c.proposal}, {c.squares} sq."
    if c.seconds is not None:
        return f"{_OUTCOME_TEXT[c.outcome]} after {c.seconds:.2f} s" + (f": {c.detail}" if c.detail else "")
    return _OUTCOME_TEXT[c.outcome] + (f" ({c.detail})" if c.detail else "")


def certificates(data: Data) -> list[str]:
    title = heading("certificates", "Certificate search")
    if data.get("certificates") is None:
        return [title, "", NOT_RUN, ""]
    section = CertificateSection.from_json(data["certificates"])
    lines = [
        title,
        "",
        "Each cell is `ladder.certificate_attempts` on the claim at one n: certify proposes sums of squares (Gram "
        "structure, covariance on the simplex, LDLᵀ; for an inequality, the same on its gap's quadratic form) and "
        "the kernel checks each until one is accepted, under the engine's default budget of "
        f"{section.budget} heartbeats. The routes the ladder tries first (Sylvester's minors, the gap's sign from "
        f"the assumptions) are skipped. Hard limit {section.limit:g} s per cell. A cell reads: total seconds "
        "(proposing + checking), the accepted proposal, the number of weighted squares.",
        "",
        "| claim | " + " | ".join(f"n = {n}" for n in section.n_values) + " |",
        "|---|" + "---|" * len(section.n_values),
    ]
    for row in section.rows:
        label = f"{row.label} (`{row.claim}`)" if row.claim else row.label
        cells = [_certificate_cell(c) for c in row.cells] if row.claim else [row.note]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def latex(data: Data) -> list[str]:
    lx = data.get("latex")
    title = heading("latex", "LaTeX chains: reading and checking a 10-step chain")
    if lx is None:
        return [title, "", NOT_RUN, ""]
    sizes = ", ".join(map(str, lx["sizes"]))
    lines = [
        title,
        "",
        f"The triangle inequality for ‖x + y‖² in {lx['steps']} steps (identities and inequalities) over vectors "
        f"of size k = {sizes}. *Read*: `verifier.frontends.latex.parse_chains` (lex, parse, evaluate, every gate "
        "and the round trip, at every k), the median of the repeats. *Check*: `verify_family` on the chain (every step "
        f"and the end result through the engine). Hard limit {lx['limit']:g} s per stage.",
        "",
    ]
    if lx["status"] != "ok":
        return [*lines, f"{lx['status']}: {lx['detail']}", ""]
    steps = " ".join(lx["step_verdicts"])
    lines += [
        "| read | check | verdict | steps |",
        "|---|---|---|---|",
        f"| {lx['read_seconds'] * 1000:.0f} ms | {lx['check_seconds']:.1f} s | {lx['verdict']} | {steps} |",
    ]
    return [*lines, ""]
