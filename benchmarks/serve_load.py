"""The load on `verifier serve`: students at once, each checking a 4-step chain, against the command line.

    python -m benchmarks.serve_load                 # 20 students, --jobs = cores, writes reports/
    python -m benchmarks.serve_load --students 4    # the reduced size benchmarks/tests/test_serve_load.py runs

A server is started on 127.0.0.1 (`verifier.serve.client.started`). Every student is a thread
that waits at a barrier and then sends one chain; the chains are four variants of one 4-step
derivation (the derivative of the logistic loss: right, or a slip at step 2, 3 or 4), with seeds
0–4, so 20 students send 20 different (chain, seed) pairs. For each it records the time to the
first step's verdict and to the whole chain, and whether the request was answered in full. Then
each pair is checked again by `verifier check FILE --seed S --no-cache`, and every chain's verdict
(its status, each step's status, the first wrong step, the end result) must be the same.

Before that, with the server idle: a single user's time to the first verdict (a few times), and
the time each hostile input (`tests/fixtures/serve_inputs.py`) takes to get its error. Timings depend on
the machine and its load; the load average is recorded before and after.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.fixtures.serve_inputs import CASES, chain
from verifier.serve import client
from verifier.serve.client import Server, Verdict

SEEDS = 5
TARGET_FIRST = 2.0  # s, the first verdict of a 4-step chain for a single user
TARGET_WHOLE_P95 = 15.0  # s, the whole chain at p95 with 20 users
TARGET_HOSTILE = 1.0  # s, a hostile input's error


VARIANTS: list[int | None] = [None, 2, 3, 4]


@dataclass
class Student:
    index: int
    slip: int | None
    seed: int
    status: int = 0
    first_step: float | None = None  # seconds from sending to the first step's verdict
    whole: float | None = None  # seconds from sending to the chain's verdict
    verdicts: dict[str, Verdict] = field(default_factory=dict)
    answered: bool = False  # the stream ended with its chain and "done"


def student(index: int) -> Student:
    return Student(index, VARIANTS[index % len(VARIANTS)], index % SEEDS)


def source_of(index: int) -> str:
    """Each student's own loopback address (the server counts addresses): 127.0.0.10, 127.0.0.11, …"""
    return f"127.0.0.{10 + index % 240}"


def send(server: Server, s: Student, barrier: threading.Barrier | None = None) -> None:
    if barrier is not None:
        barrier.wait()
    reply = client.check(server, chain(s.slip), seed=s.seed, client=f"student-{s.index}", source=source_of(s.index))
    s.status = reply.status
    s.first_step, s.whole = reply.first("step"), reply.first("chain")
    s.verdicts = client.page_verdicts(reply)
    names = [name for _, name, _ in reply.events]
    s.answered = reply.status == 200 and "chain" in names and names[-1:] == ["done"]


def simultaneous(server: Server, count: int) -> list[Student]:
    """count students, all sending at once (a barrier), each in its own thread."""
    students = [student(i) for i in range(count)]
    barrier = threading.Barrier(count)
    threads = [threading.Thread(target=send, args=(server, s, barrier)) for s in students]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return students


def disagreements(students: list[Student], folder: Path) -> list[str]:
    """Each (chain, seed) pair checked by the command line; a line per chain whose verdict differs."""
    out = []
    by_pair: dict[tuple[int | None, int], dict[str, Verdict]] = {}
    for s in students:
        pair = (s.slip, s.seed)
        if pair not in by_pair:
            by_pair[pair] = client.command_line_verdicts(chain(s.slip), s.seed, folder)
        if s.verdicts != by_pair[pair]:
            told = f"page {s.verdicts}, command line {by_pair[pair]}"
            out.append(f"student {s.index} (slip {s.slip}, seed {s.seed}): {told}")
    return out


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile, nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(q / 100 * len(ordered)) - 1))]


def summary(values: list[float]) -> dict[str, float]:
    return {"p50": round(percentile(values, 50), 2), "p95": round(percentile(values, 95), 2),
            "max": round(max(values), 2)}  # fmt: skip


def single_user(server: Server, times: int = 3) -> list[float]:
    """Seconds to the first step's verdict, one user alone, a few times."""
    out = []
    for i in range(times):
        s = Student(i, None, i)
        send(server, s)
        out.append(round(s.first_step or float("nan"), 3))
    return out


def hostile_times(server: Server) -> list[tuple[str, int, float]]:
    """(case, HTTP status, seconds to its complete answer) for each hostile input."""
    out = []
    for case in CASES:
        reply = client.post(server, "/check", case.body, client="hostile")
        out.append((case.name, reply.status, round(reply.seconds, 3)))
    return out


def measure(server: Server, students: int) -> dict[str, Any]:
    """Single user, hostile inputs, then the simultaneous students (the command line's check comes after)."""
    alone = single_user(server)
    hostile = hostile_times(server)
    started = time.monotonic()
    crowd = simultaneous(server, students)
    return {"single_user_first_step": alone, "hostile": hostile, "students": crowd,
            "wall": round(time.monotonic() - started, 2)}  # fmt: skip


def results(measured: dict[str, Any], mismatches: list[str], jobs: int, load: list[list[float]]) -> dict[str, Any]:
    crowd: list[Student] = measured["students"]
    answered = [s for s in crowd if s.answered]
    firsts = [s.first_step for s in answered if s.first_step is not None]
    wholes = [s.whole for s in answered if s.whole is not None]
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "jobs": jobs,
        "students": len(crowd),
        "answered": len(answered),
        "lost": len(crowd) - len(answered),
        "first_step": summary(firsts) if firsts else None,
        "whole_chain": summary(wholes) if wholes else None,
        "wall": measured["wall"],
        "single_user_first_step": measured["single_user_first_step"],
        "hostile": measured["hostile"],
        "verdicts_differ": mismatches,
        "load_before": load[0],
        "load_after": load[1],
        "per_student": [asdict(s) for s in crowd],
    }


def verdict(met: bool) -> str:
    return "✅ met" if met else "❌ not met"


def target_rows(r: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    whole = r["whole_chain"] or {}
    slowest = max(t for _, _, t in r["hostile"])
    alone = max(r["single_user_first_step"])
    p95 = whole.get("p95", float("inf"))
    tries = len(r["single_user_first_step"])
    return [
        ("first verdict of a 4-step chain, one user", f"≤ {TARGET_FIRST:g} s", f"{alone:.2f} s (worst of {tries})",
         verdict(alone <= TARGET_FIRST)),
        (f"whole chain, p95 of {r['students']} users", f"≤ {TARGET_WHOLE_P95:g} s", f"{p95:.2f} s",
         verdict(p95 <= TARGET_WHOLE_P95)),
        ("requests lost", "0", str(r["lost"]), verdict(r["lost"] == 0)),
        ("verdicts that differ from `verifier check FILE --seed S --no-cache`", "0", str(len(r["verdicts_differ"])),
         verdict(not r["verdicts_differ"])),
        (f"hostile inputs ({len(r['hostile'])}): time to a clear error", f"≤ {TARGET_HOSTILE:g} s each",
         f"slowest {slowest:.3f} s", verdict(slowest <= TARGET_HOSTILE)),
    ]  # fmt: skip


def markdown(r: dict[str, Any]) -> str:
    first, whole = r["first_step"] or {}, r["whole_chain"] or {}
    table = "\n".join(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in target_rows(r))
    before, after = (", ".join(f"{v:.2f}" for v in r[k]) for k in ("load_before", "load_after"))
    alone = ", ".join(f"{t:.2f} s" for t in r["single_user_first_step"])
    hostile = ", ".join(f"{name} {t:.3f} s (HTTP {status})" for name, status, t in r["hostile"])
    n = r["students"]
    return f"""{START}
## verifier serve under load

`python -m benchmarks.serve_load --students {n}` on {r["when"]}: {n} students at once on 127.0.0.1, each
checking one 4-step chain (the logistic loss's derivative, right or with a slip at step 2, 3 or 4; seeds
0–4), with `--jobs {r["jobs"]}` on {r["cores"]} cores. Load average (1, 5, 15 min): {before} before,
{after} after. The machine is shared, and the times depend on its load.

| measure | target | measured | |
|---|---|---|---|
{table}

- Time to the first step's verdict, {n} at once: p50 {first.get("p50")} s, p95 {first.get("p95")} s,
  max {first.get("max")} s.
- Time to the whole chain, {n} at once: p50 {whole.get("p50")} s, p95 {whole.get("p95")} s,
  max {whole.get("max")} s; all {r["answered"]} answered within {r["wall"]} s.
- One user alone, time to the first verdict: {alone}.
- Each student sends from an address of their own (127.0.0.10, …); the addresses take turns, chain by
  chain, `--jobs` at a time: a student's wait for the first verdict grows with the checks ahead of them.
- Hostile inputs, time to the complete answer: {hostile}.
{END}
"""


START, END = "<!-- serve-load:start -->", "<!-- serve-load:end -->"


def keep_section(old: str, new: str) -> str:
    """The Markdown `old` with its serve-load section replaced by `new` (appended if it had none)."""
    if START in old and END in old:
        return old[: old.index(START)] + new.strip() + old[old.index(END) + len(END) :]
    return old.rstrip() + "\n\n" + new.strip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.serve_load", description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--out", default="reports", help="where serve_load.json and BENCHMARKS.md go")
    args = parser.parse_args(argv)
    before = list(os.getloadavg())
    with client.started("--jobs", str(args.jobs), "--queue", str(max(32, args.students + 4)),
                        "--per-client", "2") as server:  # fmt: skip
        measured = measure(server, args.students)
    after = list(os.getloadavg())
    with tempfile.TemporaryDirectory() as folder:
        mismatches = disagreements(measured["students"], Path(folder))
    r = results(measured, mismatches, args.jobs, [before, after])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "serve_load.json").write_text(json.dumps(r, indent=2, default=str) + "\n", encoding="utf-8")
    md = out / "BENCHMARKS.md"
    md.write_text(keep_section(md.read_text(encoding="utf-8") if md.exists() else "# Benchmarks\n", markdown(r)))
    print(markdown(r))
    return 0 if r["lost"] == 0 and not mismatches else 1


if __name__ == "__main__":
    raise SystemExit(main())
