"""`verifier serve` under attack: an honest student's wait while 20 connections flood the page.

    python -m benchmarks.serve_attack                  # all three phases, --jobs 2, writes reports/
    python -m benchmarks.serve_attack --honest 6       # fewer honest checks per phase

One server (`--jobs 2`, the other options at their defaults) on 127.0.0.1, and three phases:

1. **one address**: 20 attacking connections, all from 127.0.0.2;
2. **twenty addresses**: 20 attacking connections, from 127.0.0.2 … 127.0.0.21, one each;
3. **twenty honest clients**: no attack; 20 students at once, each from an address of their own,
   each checking the 4-step chain of `benchmarks.serve_load` (that benchmark's crowd).

An attacking connection, in a loop: it sends a check of 16 heavy chains (every other connection:
`HEAVY`, a power 64 of a sum of sines, quick to read and slow to verify; or `HEAVY_TO_READ`, the
logistic Hessian at sizes 2..4, slow to read; both within every bound of the page) and, if admitted,
holds its stream to the end; if refused (429), it posts a preview of about 95 KB instead (refused, 413) and
tries again at once. While an attack runs, the honest student, from 127.0.0.200, checks the 4-step
chain `--honest` times one after another; each check's time to its whole verdict (and to its first
step's) is recorded. The figure is the p95 of those (nearest rank). Timings depend on the machine and
its load (shared); the load average is recorded. Not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import serve_load
from tests.fixtures.serve_inputs import HEAVY, chain
from verifier.serve import client
from verifier.serve.client import Server

HEAVY_HEAD = r"""```verifier
w, y: vectors of size k; k: 2..4
X: matrix k×k
j, l: index
\sigma: sigmoid
E = \sum_i \left( \log(1 + e^{(X w)_i}) - y_i (X w)_i \right)
S = \operatorname{diag}\left( \operatorname{diag}(\sigma(X w)) (\mathbf{1} - \sigma(X w)) \right)
```
"""
HEAVY_CHAIN = r"""
% claim: heavy_N
$$ \frac{\partial}{\partial w_j} \frac{\partial E}{\partial w_l} = \sum_i \frac{e^{(X w)_i}}{(1 + e^{(X w)_i})^2} X_{ij} X_{il} $$
$$ = \sum_i \sigma((X w)_i) \left( 1 - \sigma((X w)_i) \right) X_{ij} X_{il} $$
$$ = (X^\top S X)_{jl} $$
"""  # noqa: E501
HEAVY_TO_READ = HEAVY_HEAD + "".join(HEAVY_CHAIN.replace("heavy_N", f"heavy_{i}") for i in range(16))
BIG_PREVIEW = json.dumps({"text": "$$ x = x $$\n" * 8000}).encode()  # about 95 KB: past the size bound
HONEST_SOURCE = "127.0.0.200"
JSON = {"Content-Type": "application/json"}
ATTACKERS = 20
TARGET_ONE_ADDRESS = 5.0  # s, the honest p95 under the flood from one address
TARGET_CROWD = 4.0  # s, the p95 of 20 honest clients at once
START, END = "<!-- serve-attack:start -->", "<!-- serve-attack:end -->"


@dataclass
class Attack:
    """The attacking connections' loop, and what they got (HTTP status → count)."""

    server: Server
    sources: list[str]
    stop: threading.Event = field(default_factory=threading.Event)
    statuses: dict[int, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self, status: int) -> None:
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1

    def run(self, source: str, text: str) -> None:
        while not self.stop.is_set():
            try:
                self.once(source, text)
            except (OSError, http.client.HTTPException):
                self.count(0)  # the connection was refused or dropped
                time.sleep(0.05)

    def once(self, source: str, text: str) -> None:
        conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=5.0, source_address=(source, 0))
        try:
            conn.request("POST", "/check", body=client.request_body(text), headers=JSON)
            response = conn.getresponse()
            self.count(response.status)
            if response.status == 200:
                self.hold(response)
                return
            response.read()
            conn.request("POST", "/preview", body=BIG_PREVIEW, headers=JSON)
            reply = conn.getresponse()
            self.count(reply.status)
            reply.read()
        finally:
            conn.close()

    def hold(self, response: http.client.HTTPResponse) -> None:
        """Read the stream to its end (or until the attack stops: closing it cancels the check)."""
        while not self.stop.is_set():
            try:
                if not response.readline():
                    return
            except TimeoutError:
                continue

    def __enter__(self) -> Attack:
        texts = [HEAVY, HEAVY_TO_READ]  # every other connection: slow to verify, or slow to read
        self.threads = [
            threading.Thread(target=self.run, args=(s, texts[i % 2]), daemon=True) for i, s in enumerate(self.sources)
        ]
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(30)


def honest_checks(server: Server, times: int) -> list[serve_load.Student]:
    """The honest student's checks, one after another, each a variant of the 4-step chain."""
    out = []
    for i in range(times):
        s = serve_load.student(i)
        reply = client.check(server, chain(s.slip), seed=s.seed, source=HONEST_SOURCE)
        s.status, s.first_step, s.whole = reply.status, reply.first("step"), reply.first("chain")
        s.answered = reply.status == 200 and [n for _, n, _ in reply.events][-1:] == ["done"]
        out.append(s)
    return out


def settle(server: Server, within: float = 300.0) -> None:
    """Until nothing is in flight (the last phase's checks cancelled), so phases do not overlap."""
    deadline = time.monotonic() + within
    while client.get(server, "/health")[1]["in_flight"] and time.monotonic() < deadline:
        time.sleep(0.5)


def under_attack(server: Server, sources: list[str], honest: int, warm_up: float) -> dict[str, Any]:
    with Attack(server, sources) as attack:
        time.sleep(warm_up)  # the attack takes every place it can before the student comes
        students = honest_checks(server, honest)
        statuses = dict(sorted(attack.statuses.items()))
    settle(server)
    return phase_result(students, {"attacker_statuses": statuses})


def phase_result(students: list[serve_load.Student], extra: dict[str, Any]) -> dict[str, Any]:
    answered = [s for s in students if s.answered]
    wholes = [s.whole for s in answered if s.whole is not None]
    firsts = [s.first_step for s in answered if s.first_step is not None]
    return {
        "checks": len(students),
        "answered": len(answered),
        "statuses": [s.status for s in students],
        "whole": serve_load.summary(wholes) if wholes else None,
        "first_step": serve_load.summary(firsts) if firsts else None,
        "wholes": [round(w, 2) for w in wholes],
        **extra,
    }


def cpu_seconds(server: Server) -> dict[str, float]:
    """CPU seconds used so far (Linux /proc): by the server's process, by the dispatcher, and by every worker the
    dispatcher has reaped (request workers, with the chain workers they reaped); {} where /proc cannot say."""
    tick = os.sysconf("SC_CLK_TCK")

    def times(pid: int) -> list[float]:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return [int(f) / tick for f in fields[11:15]]  # utime, stime, cutime, cstime

    try:
        pid = server.process.pid
        tasks = Path(f"/proc/{pid}/task").iterdir()
        children = [int(c) for t in tasks for c in (t / "children").read_text().split()]
        spawned = [c for c in children if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]
        own, dispatcher = times(pid), times(spawned[0])
    except (OSError, IndexError, ValueError):
        return {}
    return {"server": sum(own[:2]), "dispatcher": sum(dispatcher[:2]), "workers": sum(dispatcher[2:])}


def cpu_per_check(before: dict[str, float], after: dict[str, float], checks: int) -> dict[str, float]:
    """CPU seconds per check of each kind of process, and in all, between two `cpu_seconds`."""
    if not before or not after or not checks:
        return {}
    out = {k: round((after[k] - before[k]) / checks, 3) for k in before}
    return {**out, "all": round(sum(out.values()), 3)}


def measure(server: Server, honest: int, warm_up: float) -> dict[str, Any]:
    before = cpu_seconds(server)
    alone = phase_result(honest_checks(server, 3), {})
    alone["cpu_per_check"] = cpu_per_check(before, cpu_seconds(server), 3)
    one = under_attack(server, ["127.0.0.2"] * ATTACKERS, honest, warm_up)
    twenty = under_attack(server, [f"127.0.0.{2 + i}" for i in range(ATTACKERS)], honest, warm_up)
    before = cpu_seconds(server)
    crowd = phase_result(serve_load.simultaneous(server, ATTACKERS), {})
    settle(server)
    crowd["cpu_per_check"] = cpu_per_check(before, cpu_seconds(server), ATTACKERS)
    return {"alone": alone, "one_address": one, "twenty_addresses": twenty, "twenty_honest": crowd}


def cpu_line(r: dict[str, Any]) -> str:
    parts = []
    for key, name in (("alone", "alone"), ("twenty_honest", f"among {ATTACKERS} at once")):
        cpu = r[key].get("cpu_per_check") or {}
        if cpu:
            parts.append(f"{name} {cpu['all']:.2f} s (workers {cpu['workers']:.2f}, dispatcher "
                         f"{cpu['dispatcher']:.3f}, server {cpu['server']:.3f})")  # fmt: skip
    return "- CPU per honest check: " + ("; ".join(parts) if parts else "not measured (no /proc)") + "."


def p95(phase: dict[str, Any]) -> float:
    return float((phase.get("whole") or {}).get("p95", float("inf")))


def loads(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def markdown(r: dict[str, Any]) -> str:
    rows = [
        ("one user alone", r["alone"], None),
        (f"{ATTACKERS} attacking connections from one address", r["one_address"], TARGET_ONE_ADDRESS),
        (f"{ATTACKERS} attacking connections from {ATTACKERS} addresses", r["twenty_addresses"], None),
        (f"{ATTACKERS} honest clients at once (no attack)", r["twenty_honest"], TARGET_CROWD),
    ]
    table = "\n".join(
        f"| {name} | {f'≤ {target:g} s' if target else '—'} | {p95(phase):.2f} s | "
        f"{(phase.get('first_step') or {}).get('p95')} s | {phase['answered']}/{phase['checks']} | "
        f"{('✅ met' if p95(phase) <= target else '❌ not met') if target else ''} |"
        for name, phase, target in rows
    )
    statuses = "; ".join(
        f"{k}: {', '.join(f'HTTP {s} × {n}' for s, n in r[k]['attacker_statuses'].items())}"
        for k in ("one_address", "twenty_addresses")
    )
    return f"""{START}
## verifier serve under attack

`{r["command"]}` on {r["when"]}: `--jobs {r["jobs"]}` on {r["cores"]} cores. Each attacking connection sends
a check of 16 heavy chains (held to its end when admitted) or, when refused, a 95 KB preview, again and
again; the honest student (127.0.0.200) checks the 4-step chain of the load section {r["honest"]} times in a
row meanwhile. Times are from sending to the chain's verdict (whole) and to the first step's. Load average
(1, 5, 15 min): {loads(r["load_before"])} before, {loads(r["load_after"])} after; the machine is shared.

| phase | target (whole, p95) | whole, p95 | first step, p95 | answered | |
|---|---|---|---|---|---|
{table}

- What the attackers got: {statuses} (0: connection refused or dropped).
{cpu_line(r)}
{END}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.serve_attack", description=__doc__.splitlines()[0])
    parser.add_argument("--honest", type=int, default=12, help="the honest student's checks per phase")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--warm-up", type=float, default=8.0, help="seconds of attack before the student comes")
    parser.add_argument("--out", default="reports", help="where serve_attack.json and BENCHMARKS.md go")
    args = parser.parse_args(argv)
    before = list(os.getloadavg())
    with client.started("--jobs", str(args.jobs)) as server:
        measured = measure(server, args.honest, args.warm_up)
    command = " ".join(["python -m benchmarks.serve_attack", *(sys.argv[1:] if argv is None else argv)])
    r = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "cores": os.cpu_count(), "jobs": args.jobs,
         "honest": args.honest, "command": command, "load_before": before, "load_after": list(os.getloadavg()),
         **measured}  # fmt: skip
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "serve_attack.json").write_text(json.dumps(r, indent=2, default=str) + "\n", encoding="utf-8")
    md = out / "BENCHMARKS.md"
    old = md.read_text(encoding="utf-8") if md.exists() else "# Benchmarks\n"
    md.write_text(keep_section(old, markdown(r)), encoding="utf-8")
    print(markdown(r))
    return 0


def keep_section(old: str, new: str) -> str:
    """The Markdown `old` with its serve-attack section replaced by `new` (appended if it had none)."""
    if START in old and END in old:
        return old[: old.index(START)] + new.strip() + old[old.index(END) + len(END) :]
    return old.rstrip() + "\n\n" + new.strip() + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
