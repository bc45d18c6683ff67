"""A proof's work is the same in every process: the budget's heartbeats must not depend on what sympy drew at
random when it was imported.

sympy numbers each Dummy from a base drawn at random at import (`Dummy._base_dummy_index`), and the number is
part of the Dummy's hash; PYTHONHASHSEED does not fix it. The zero test walked a set of atoms holding the fresh
symbols for exponentials, so the order of its cached `has` calls changed with the process, and with the
merge of h-settled and the FLINT zero test `softmax.log_probabilities` took 10 heartbeats at n = 5 in one run
of `verifier verify-all --same-work` and 11 in the next. Each process here is given another base, and its
collector a heartbeat every 97 allocations instead of 700 (the budget scaled to match): the heartbeats then
follow the claim's allocations closely enough that any change in the order of its work shows (before the
fix, every base here moved some n by 1 to 4 heartbeats; at 700 one pair in two showed it).

PYTHONHASHSEED is another matter: sympy's assumptions deduce facts from sets of their names, so another hash
seed is another path through sympy, and other work; the CLI runs every command that verifies with
PYTHONHASHSEED=0 (tests/cli/test_startup.py), as do the processes here.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.support import ROOT

BASES = (1_000_000, 1_000_001, 8_999_999)  # within sympy's own range, 10⁶ … 9·10⁶
FINE = 97  # allocations per heartbeat here (the budget's is 700)

DRIVER = """
import dataclasses, json, sys
import sympy
sympy.Dummy._base_dummy_index = int(sys.argv[1])
from pathlib import Path
from verifier.engine import verify
from verifier.engine.settings import EngineSettings
from verifier.load.loader import load
from verifier.strategies import budget

budget.GEN0_THRESHOLD = int(sys.argv[2])
path = Path(sys.argv[3])
family = next(f for f in load(path).families if f.name == sys.argv[4])
if len(sys.argv) > 5:  # only these n (numeric checks too)
    ns = tuple(int(n) for n in sys.argv[5].split(","))
    family = dataclasses.replace(family, n_values=ns, numeric_n=tuple(n for n in family.numeric_n if n in ns))
settings = EngineSettings(budget=budget.DEFAULT_BUDGET * 700 // budget.GEN0_THRESHOLD)
result = verify.verify_family(family, settings, str(path))
work = [[p.n, p.work] for p in result.proofs]
print(json.dumps({"status": result.status.name, "work": work}))
"""


def run_with_base(
    base: int, path: str = "derivations/softmax.py", name: str = "log_probabilities", ns: str = ""
) -> dict[str, object]:
    """The claim verified in a fresh process whose Dummy numbers start at `base`, as the CLI runs it (seed 0);
    ns: only these n ("8"), else all. Only the work per n is compared: a process's whole count of heartbeats
    also counts first-use imports and .pyc compiles, which differ between a checkout's first process and the next."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "0"}
    command = [sys.executable, "-c", DRIVER, str(base), str(FINE), path, name, *([ns] if ns else [])]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    out: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return out


def test_work_does_not_depend_on_sympys_random_dummy_numbers() -> None:
    runs = {base: run_with_base(base) for base in BASES}
    first = runs[BASES[0]]
    assert first["status"] == "PROVED"
    assert len(first["work"]) == 8  # type: ignore[arg-type]  # every n = 1..8 proved
    for base, run in runs.items():
        assert run["work"] == first["work"], f"Dummy base {base}: work {run['work']} against {first['work']}"


def test_sorting_compound_atoms_does_not_depend_on_the_dummy_numbers() -> None:
    """The zero test's ring sorts its atoms by sympy's sort key; the key of a compound atom (a square root of
    a sum of fresh symbols, in the SOS search's view of ‖A‖_F/√n ≥ |tr A|/n) caches its symbols' keys in a
    set's order, and which entries sympy's bounded cache then dropped moved with the process: 600 heartbeats
    at n = 8 under one base, 599 under the other (rational_zero.sorted_by_sort_key). The drift builds up over
    n = 1..8, so the whole range runs (about 5 s a process)."""
    runs = [run_with_base(base, "derivations/linear_algebra.py", "frobenius_bounds_trace") for base in BASES[1:]]
    assert runs[0]["status"] == "PROVED"
    assert runs[0]["work"] == runs[1]["work"], runs
