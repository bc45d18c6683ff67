"""BENCHMARKS.md's sections that set the engine against the plain tools: symbolic decision, numeric
spot checks, gradient checks, compile speed, special functions (formatting only)."""

from __future__ import annotations

from benchmarks.harness import CellStatus, Data
from benchmarks.markdown import NOT_RUN, heading, ratio
from benchmarks.special import SpecialSection


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


def symbolic(data: Data) -> list[str]:
    sym = data["symbolic"]
    title = heading("symbolic", "Symbolic decision: the ladder against `simplify`")
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
        speedup = f"**{ratio(row['speedup_at_6'])}**" if sym["speedup_n"] in sym["n_values"] else "not in this run"
        lines += ["", f"Speed-up at n = {sym['speedup_n']}: {speedup}" + (f"; {'; '.join(out)}." if out else "."), ""]
    return lines


def numeric(data: Data) -> list[str]:
    num = data["numeric"]
    if num is None:
        return [heading("numeric", "Numeric spot checks"), "", NOT_RUN, ""]
    lines = [
        heading("numeric", f"Numeric spot checks at n = {num['n']}"),
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
            f"| {ratio(row['ratio_subs'])} | {ratio(row['ratio_equals'])} |"
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


def gradient(data: Data) -> list[str]:
    grad = data["gradient"]
    title = heading("gradient", "Gradient check against `torch.autograd.gradcheck`")
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


def compile_speed(data: Data) -> list[str]:
    comp = data["compile"]
    title = heading("compile", "Compile speed: `numeric.Compiled` against `sympy.lambdify`")
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
    lines += ["", f"Compile speed-up (lambdify ÷ engine): **{ratio(comp['speedup'])}**; max |difference|: {diff}."]
    return [*lines, ""]


def special(data: Data) -> list[str]:
    title = heading("special", "Special functions: scipy.special inside the evaluator")
    if data.get("special") is None:
        return [title, "", NOT_RUN, ""]
    sec = SpecialSection.from_json(data["special"])
    lines = [
        title,
        "",
        f"Identities in n = {sec.n} entries over z_i = x_i + x_(i+1), weighted by y_i (see `benchmarks/special.py`), "
        f"both sides compiled by `verifier.numeric.compile.Compiled` and called on the same {sec.samples} samples "
        f"for at least "
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
