"""BENCHMARKS.md from the dict `benchmarks.report.run` returns; formatting only, no computing."""

from __future__ import annotations

from typing import Any

from benchmarks import generic_dimension, grading, sos_search
from benchmarks.certificates import CertificateCell, CertificateSection, Outcome
from benchmarks.cluster import render_section as _dask
from benchmarks.harness import CellStatus
from benchmarks.special import SpecialSection
from benchmarks.targets import TargetStatus

Data = dict[str, Any]

MARKS = {
    TargetStatus.MET: "✅ met",
    TargetStatus.NOT_MET: "❌ not met",
    TargetStatus.NOT_SHOWN: "❔ not shown",
    TargetStatus.NOT_MEASURED: "– not measured",
}
NOT_RUN = "Not run in this invocation (see `--only`)."


def _seconds(cell: Data) -> str:
    status = cell["status"]
    if status == "decided":
        return f"{cell['seconds']:.2f} s"
    if status == "timed out":
        return f"> {cell['limit']:g} s (timed out)"
    if status == "skipped":
        return f"not run (timed out at n = {cell['after']})"
    if status == "not decided":
        return f"{cell['seconds']:.2f} s, not decided: {cell.get('detail', '')}"
    return f"error: {cell.get('detail', '')}"


def _rate(cell: Data, key: str = "rate") -> str:
    if key in cell:
        return f"{cell[key]:,.3g}"
    if f"{key}_upper" in cell:
        return f"< {cell[key + '_upper']:.3g} (none within {cell.get('seconds', cell.get('limit', 0)):.0f} s)"
    return f"{cell['status']}: {cell.get('detail', '')}"


def _ratio(r: Data | None) -> str:
    if r is None:
        return "–"
    return ("≥ " if r["bound"] == "lower" else "") + f"{r['value']:,.3g}×"


def _machine(data: Data) -> list[str]:
    m = data["machine"]
    torch = m["torch"] or "not installed"
    load = (
        ", ".join(f"{x:.2f}" for x in m["load_before"])
        + " before; "
        + ", ".join(f"{x:.2f}" for x in m["load_after"])
        + " after"
    )
    return [
        "## Machine",
        "",
        f"- **CPU:** {m['cpu']}, {m['cores']} cores; **memory:** {m['memory_gib']} GiB; **OS:** {m['os']}",
        f"- **Versions:** Python {m['python']}, sympy {m['sympy']}, numpy {m['numpy']}, torch {torch}, "
        f"verifier {m['verifier']}",
        f"- **Load average (1, 5, 15 min):** {load}",
        "",
    ]


def _symbolic(data: Data) -> list[str]:
    sym = data["symbolic"]
    title = "## 1. Symbolic decision: the ladder against `simplify`"
    if sym is None:
        return [title, "", NOT_RUN, ""]
    lines = [
        title,
        "",
        "Both sides get the same residual entries (`obligations.residual`, the kernel's own). "
        "The ladder is `ladder.prove` with the "
        "engine's default symbolic budget (`EngineSettings().budget`); the baseline is "
        "`all(sp.simplify(e) == 0 for e in residual)`. Each cell "
        f"runs in its own worker with a hard limit of {sym['limit']:g} s; a method that times out is not run at "
        "larger n.",
        "",
    ]
    for row in sym["claims"]:
        lines.append(f"### {row['label']}" + (f" (`{row['claim']}`)" if row["claim"] else ""))
        lines.append("")
        if row["claim"] is None:
            lines += [row["note"], ""]
            continue
        lines += ["| n | ladder | simplify |", "|---|---|---|"]
        lines += [f"| {e['n']} | {_seconds(e['ladder'])} | {_seconds(e['simplify'])} |" for e in row["cells"]]
        out = [
            f"{m} times out from n = {row[f'{m}_times_out_at']}"
            for m in ("ladder", "simplify")
            if row[f"{m}_times_out_at"] is not None
        ]
        speedup = f"**{_ratio(row['speedup_at_6'])}**" if sym["speedup_n"] in sym["n_values"] else "not in this run"
        lines += ["", f"Speed-up at n = {sym['speedup_n']}: {speedup}" + (f"; {'; '.join(out)}." if out else "."), ""]
    return lines


def _numeric(data: Data) -> list[str]:
    num = data["numeric"]
    if num is None:
        return ["## 2. Numeric spot checks", "", NOT_RUN, ""]
    lines = [
        f"## 2. Numeric spot checks at n = {num['n']}",
        "",
        f"Engine: `numeric.Compiled` of both sides' entries on batches of {num['samples']:,} samples from "
        "`numeric.draw`, evaluated at the samples and at a perturbed copy (the noise floor), then compared. "
        "Baselines: a Python loop of `expr.subs(values).evalf()` over the same entries, and "
        "`(lhs − rhs).equals(0)`, one call per entry of the residual the ladder sees (with the domains' "
        f"relations, such as Σy = 1, applied); each stops after {num['soft_seconds']:g} s. One "
        "*instance* is the whole claim (every entry) at one point.",
        "",
        "| claim | engine samples/s | compile | subs/evalf samples/s | equals calls/s | equals instances/s "
        "| engine ÷ subs | engine ÷ equals |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in num["claims"]:
        if row["claim"] is None:
            lines.append(f"| {row['label']} | {row['note']} | | | | | | |")
            continue
        e, s, q = row["engine"], row["subs"], row["equals"]
        compile_s = f"{e['compile_seconds']:.2f} s" if "compile_seconds" in e else "–"
        lines.append(
            f"| {row['label']} | {_rate(e)} | {compile_s} | {_rate(s)} | {_rate(q)} | {_rate(q, 'instance_rate')} "
            f"| {_ratio(row['ratio_subs'])} | {_ratio(row['ratio_equals'])} |"
        )
    answers = [f"{r['label']}: {r['equals'].get('answers')}" for r in num["claims"] if r.get("equals")]
    if answers:
        lines += ["", "`equals` answers on these true claims: " + "; ".join(answers) + "."]
    return [*lines, ""]


def _detector(cell: Data) -> tuple[str, str, str]:
    if cell["status"] != CellStatus.OK:
        reason = cell.get("note") or cell.get("detail") or cell["status"]
        return reason, "–", "–"
    alarm = " (**false alarm on the true gradient**)" if cell["false_alarm"] else ""
    threshold = f"{cell['threshold']:.0e}" if cell["threshold"] else "none (missed δ = 1e-1)"
    if cell["threshold"] and all(cell["scan"].values()):  # never missed: the scan ran out
        threshold = f"≤ {threshold} (end of scan)"
    return (
        f"{cell['seconds'] * 1000:,.1f} ms{alarm}",
        threshold,
        ", ".join(f"{k}: {'✓' if v else '✗'}" for k, v in cell["scan"].items()),
    )


def _gradient(data: Data) -> list[str]:
    grad = data["gradient"]
    title = "## 3. Gradient check against `torch.autograd.gradcheck`"
    if grad is None:
        return [title, "", NOT_RUN, ""]
    lines = [
        title,
        "",
        "E(w) = Σ log(1 + exp(zᵢ)) − yᵢzᵢ, z = Xw, with the hand-written gradient Xᵀ(σ(Xw) − y). Engine: "
        "complex-step directional derivatives Im E(w + i·h·v)/h along every unit direction (8 random ones "
        "above 1,000 inputs), compared with g(w)·v at the noise-floor tolerance of `numeric.compare`. torch: "
        "`gradcheck` in float64 at its default tolerances, on a `torch.autograd.Function` whose backward is "
        "the same gradient. Time: best run on the true gradient. Threshold: the smallest scale error "
        f"g·(1 + δ) detected, scanning δ = {grad['deltas'][0]} … {grad['deltas'][-1]} until the first miss.",
        "",
        "| d | m | engine time | torch time | speed-up | engine threshold | torch threshold | finer |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in grad["rows"]:
        et, eth, _ = _detector(r["engine"])
        tt, tth, _ = _detector(r["torch"])
        speed = f"{r['speedup']:,.3g}×" if r["speedup"] else "–"
        finer = f"{r['finer']:,.3g}×" if r["finer"] else "–"
        lines.append(f"| {r['d']} | {r['m']} | {et} | {tt} | {speed} | {eth} | {tth} | {finer} |")
    lines += ["", "Scans (✓ detected):", ""]
    for r in grad["rows"]:
        for who in ("engine", "torch"):
            scan = _detector(r[who])[2]
            if scan != "–":
                lines.append(f"- d = {r['d']}, m = {r['m']}, {who}: {scan}")
    return [*lines, ""]


def _wall(run: Data) -> str:
    return f"{run['seconds']:.1f} s" if run["status"] == CellStatus.OK else f"> {run['limit']:g} s (timed out)"


def _verify_all(data: Data) -> list[str]:
    va = data["verify_all"]
    title = "## 4. `verify-all` wall time, and start-up (run first, as a user starts it: no PYTHONHASHSEED)"
    if va is None:
        return [title, "", NOT_RUN, ""]
    lines = [
        title,
        "",
        f"Paths: {', '.join(va['paths'])}. `$FRESH_TMP` is a new empty folder: the cold run fills its cache, the "
        "warm run reuses it (`--no-cache` would skip writing the cache, so it is used for the one-job run only).",
        "",
        "| run | wall time | exit | summary | command |",
        "|---|---|---|---|---|",
    ]
    for r in [*va.get("startup", []), *va["runs"]]:
        exit_code = "–" if r["exit_code"] is None else r["exit_code"]
        lines.append(f"| {r['label']} | {_wall(r)} | {exit_code} | {r['summary']} | `{r['command']}` |")
    if va["slowest"]:
        lines += ["", "Slowest claims of the cold run (per-claim `seconds` of its JSON report):", ""]
        lines += ["| claim | status | seconds |", "|---|---|---|"]
        lines += [f"| {c['claim']} | {c['status']} | {c['seconds']:.2f} |" for c in va["slowest"]]
    return [*lines, ""]


def _s(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds:.3f}"


def _cost(data: Data) -> list[str]:
    cost = data["cost"]
    title = "## 5. Cost per n: symbolic and numeric"
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


def _compile(data: Data) -> list[str]:
    comp = data["compile"]
    title = "## 6. Compile speed: `numeric.Compiled` against `sympy.lambdify`"
    if comp is None:
        return [title, "", NOT_RUN, ""]
    lines = [
        title,
        "",
        f"The {comp['label']} at n = {comp['n']}: the claimed Hessian entries and f "
        f"({comp['entries'] if comp['entries'] is not None else '?'} expressions), compiled by "
        '`numeric.Compiled(symbols, exprs)` and by `sympy.lambdify(symbols, exprs, "numpy", cse=True)`, each in '
        f"its own worker with a hard limit of {comp['limit']:g} s, then evaluated on the same {comp['samples']} "
        "samples.",
        "",
    ]
    if comp["claim"] is None:
        return [*lines, comp["note"], ""]
    lines += ["| side | backend | compile | evaluate |", "|---|---|---|---|"]
    for c in comp["cells"]:
        if c["status"] == CellStatus.OK:
            times = f"{c['compile_seconds']:.3f} s | {c['evaluate_seconds']:.3f} s"
        elif c["status"] == CellStatus.TIMED_OUT:
            times = f"> {c['limit']:g} s (timed out) | –"
        else:
            times = f"error: {c['detail']} | –"
        lines.append(f"| {c['side']} | {c['backend'] or '–'} | {times} |")
    diff = "–" if comp["max_abs_diff"] is None else f"{comp['max_abs_diff']:.3g}"
    lines += ["", f"Compile speed-up (lambdify ÷ engine): **{_ratio(comp['speedup'])}**; max |difference|: {diff}."]
    return [*lines, ""]


def _determinism(data: Data) -> list[str]:
    det = data["determinism"]
    title = "## 7. Determinism under load"
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


def _special(data: Data) -> list[str]:
    title = "## 8. Special functions: scipy.special inside the evaluator"
    if data.get("special") is None:
        return [title, "", NOT_RUN, ""]
    sec = SpecialSection.from_json(data["special"])
    lines = [
        title,
        "",
        f"Identities in n = {sec.n} entries over z_i = x_i + x_(i+1), weighted by y_i (see `benchmarks/special.py`), "
        f"both sides compiled by `verifier.compile.Compiled` and called on the same {sec.samples} samples for at least "
        f"{sec.seconds:g} s after a first call (which includes the engine's one-time mpmath cross-check); hard limit "
        f"{sec.limit:g} s per row. Slowdown: the numpy row's samples/s ÷ the row's.",
        "",
        "| claim | library | operations (calls) | compile | first call | samples/s | slowdown | max gap | backend |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in sec.rows:
        m = row.measured
        if m is None:
            lines.append(f"| {row.label} | {row.library} | – | – | – | not measured: {row.failure} | – | – | – |")
            continue
        slowdown = "–" if row.slowdown is None else f"{row.slowdown:.3g}×"
        lines.append(
            f"| {row.label} | {row.library} | {m.operations} ({m.functions}) | {m.compile_seconds * 1e3:.1f} ms "
            f"| {m.first_call_seconds * 1e3:.1f} ms | {m.rate:,.3g} | {slowdown} | {m.max_gap:.1e} | {m.backend} |"
        )
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


def _certificates(data: Data) -> list[str]:
    title = "## 9. Certificate search"
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


def _latex(data: Data) -> list[str]:
    lx = data.get("latex")
    title = "## 10. LaTeX chains: reading and checking a 10-step chain"
    if lx is None:
        return [title, "", NOT_RUN, ""]
    sizes = ", ".join(map(str, lx["sizes"]))
    lines = [
        title,
        "",
        f"The triangle inequality for ‖x + y‖² in {lx['steps']} steps (identities and inequalities) over vectors "
        f"of size k = {sizes}. *Read*: `verifier.latex.parse_chains` (lex, parse, evaluate, every gate and the "
        "round trip, at every k), the median of the repeats. *Check*: `verify_family` on the chain (every step and "
        f"the end result through the engine). Hard limit {lx['limit']:g} s per stage.",
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


def _targets(data: Data) -> list[str]:
    lines = ["## Targets", "", "| target | status | measured |", "|---|---|---|"]
    lines += [f"| {t['target']} | {MARKS[t['status']]} | {t['evidence']} |" for t in data["targets"]]
    return [*lines, ""]


def render(data: Data) -> str:
    quick = " (quick: a subset, not the full benchmark)" if data["settings"]["quick"] else ""
    lines = [
        f"# Benchmarks{quick}",
        "",
        f"Produced by `{data['command']}` on {data['date']} in {data['seconds']:.0f} s. "
        "Cells run one at a time, each in a fresh forked worker; timings exclude the fork and the loading "
        "of the claim. Rerun the command to reproduce; timings on a shared machine are noisy (see the load).",
        "",
        *_machine(data),
        *_targets(data),
        *_symbolic(data),
        *_numeric(data),
        *_gradient(data),
        *_verify_all(data),
        *_cost(data),
        *_compile(data),
        *_determinism(data),
        *_special(data),
        *_certificates(data),
        *_latex(data),
        *grading.render(data),
        *generic_dimension.render_section(data),
        *sos_search.render_sos(data),
        *_dask(data.get("dask")),
    ]
    return "\n".join(lines).rstrip() + "\n"
