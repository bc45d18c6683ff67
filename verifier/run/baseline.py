"""Compare a run against a committed baseline, so CI catches verdicts that weaken.

A regression is: a claim that met its expectation and no longer does; a verdict that
weakens (PROVED → CHECKED, UNKNOWN or ERROR; CHECKED → UNKNOWN or ERROR; PROVED for all n →
PROVED at some n only); a claim that disappears; a new claim that does not meet its expectation. Improvements are listed
but never fail the run.

With `same_work`, a proof whose work (heartbeats, the budget's unit) moved is a regression too: a verdict must not
depend on the run a claim is part of, and a budget near its limit would turn on exactly that. `.ci/run` compares a
full run with a baseline written from shards (`verifier merge --update-baseline`), so that every claim of the
library is checked in two contexts. Any change to the engine may move the work, so write the baseline again then.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from verifier.outcome import SCHEMA_VERSION, ClaimResult, RunReport, Status
from verifier.run.files import read_json, write_json
from verifier.run.shard import recorded_cost

STRENGTH = {Status.PROVED: 3, Status.REFUTED: 3, Status.CHECKED: 2, Status.UNKNOWN: 1, Status.ERROR: 0}


@dataclass(frozen=True)
class Change:
    key: str
    before: str
    after: str
    regression: bool
    why: str
    time_limited: bool = False  # stopped by the wall-clock safety net: machine-dependent, not a verdict


def snapshot(report: RunReport) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "engine_version": report.engine_version,
        "claims": {
            r.key: {
                "status": r.status.value,
                "met": r.met,
                "expect": r.expect.value,
                "kind": r.kind,
                "proved_n": r.proved_n,
                "for_all_n": r.for_all_n,
                "n_values": r.n_values,
                "cost": recorded_cost(r.cpu_seconds or r.seconds),
                "work": work_by_n(r),
            }
            for r in report.results
        },
    }


def write(path: str | Path, report: RunReport) -> None:
    write_json(path, snapshot(report))


def load(path: str | Path) -> dict[str, dict[str, Any]]:
    data = read_json(path)
    claims = data.get("claims")
    if not isinstance(claims, dict):
        raise ValueError(f"{path}: not a verifier baseline (no 'claims' table)")
    return claims


def costs(path: str | Path) -> dict[str, float]:
    """The recorded cost of each claim (CPU seconds), for balancing shards; an older baseline has none."""
    return {
        key: float(entry["cost"])
        for key, entry in load(path).items()
        if isinstance(entry, dict) and isinstance(entry.get("cost"), int | float) and entry["cost"] >= 0
    }


def _now_for_all_n(old: dict[str, Any], r: ClaimResult) -> bool:
    return r.for_all_n and not old.get("for_all_n", False)


def work_by_n(r: ClaimResult) -> list[list[int | None]]:
    """[n, heartbeats] of each proof the claim's verdict rests on."""
    return [[p.n, p.work] for p in r.proofs]


def _work_moved(old: dict[str, Any], r: ClaimResult) -> str:
    """How the work of the claim's proofs moved against the baseline ("" if it did not, or was not recorded)."""
    if "work" not in old:
        return ""
    before = {n: w for n, w in old["work"]}
    after = {n: w for n, w in work_by_n(r)}
    moved = [f"n = {'any' if n is None else n}: {before.get(n, '–')} → {after.get(n, '–')}"
             for n in sorted(set(before) | set(after), key=lambda n: -1 if n is None else n)
             if before.get(n) != after.get(n)]  # fmt: skip
    return "; ".join(moved)


def compare(
    baseline: dict[str, dict[str, Any]],
    report: RunReport,
    selected: Callable[[str], bool] | None = None,
    same_work: bool = False,
) -> list[Change]:
    """Changes against the baseline; selected(key), if given, limits it to the claims a pattern chose;
    same_work: a proof's work that moved is a regression (see the module's docstring)."""
    now = {r.key: r for r in report.results}
    if selected is not None:
        baseline = {k: v for k, v in baseline.items() if selected(k)}
    changes: list[Change] = []
    for key, old in baseline.items():
        r = now.get(key)
        before = f"{old['status']}{' for all n' if old.get('for_all_n') else ''}{'' if old['met'] else ' ✗'}"
        if r is None:
            if report.complete:
                changes.append(Change(key, before, "missing", True, "claim disappeared"))
            continue
        after = f"{r.verdict}{'' if r.met else ' ✗'}"
        old_status = Status(old["status"])
        if r.time_limited:
            why = "stopped by the time limit (depends on the machine; raise --timeout or investigate a hang)"
            changes.append(Change(key, before, after, False, why, time_limited=True))
        elif old["met"] and not r.met:
            changes.append(Change(key, before, after, True, "no longer meets its expectation"))
        elif STRENGTH[r.status] < STRENGTH[old_status]:
            changes.append(Change(key, before, after, True, "verdict weakened"))
        elif old.get("for_all_n", False) and not r.for_all_n:
            changes.append(Change(key, before, after, True, "no longer proved for all n"))
        elif STRENGTH[r.status] > STRENGTH[old_status] or (r.met and not old["met"]) or _now_for_all_n(old, r):
            changes.append(Change(key, before, after, False, "improved" + (" (for all n)" if r.for_all_n else "")))
        elif len(r.proved_n) < len(old.get("proved_n", [])) and not r.for_all_n:
            changes.append(
                Change(key, before, after, True, f"proved for fewer n ({len(old['proved_n'])} → {len(r.proved_n)})")
            )
        elif same_work and (moved := _work_moved(old, r)):
            why = f"work moved ({moved} heartbeats); if the engine changed, write the baseline again"
            changes.append(Change(key, before, after, True, why))
    for key, r in now.items():
        if key not in baseline:
            after = f"{r.status.value}{'' if r.met else ' ✗'}"
            changes.append(
                Change(key, "new", after, not r.met, "new claim" + ("" if r.met else " does not meet its expectation"))
            )
    return changes
