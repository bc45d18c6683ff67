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
import json, sys
import sympy
sympy.Dummy._base_dummy_index = int(sys.argv[1])
from pathlib import Path
from verifier.engine import verify
from verifier.engine.settings import EngineSettings
from verifier.load.loader import load
from verifier.strategies import budget

budget.GEN0_THRESHOLD = int(sys.argv[2])
path = Path("derivations/softmax.py")
family = next(f for f in load(path).families if f.name == "log_probabilities")
settings = EngineSettings(budget=budget.DEFAULT_BUDGET * 700 // budget.GEN0_THRESHOLD)
result = verify.verify_family(family, settings, str(path))
print(json.dumps({"status": result.status.name, "work": [[p.n, p.work] for p in result.proofs]}))
"""


def run_with_base(base: int) -> dict[str, object]:
    """The claim verified in a fresh process whose Dummy numbers start at `base`, as the CLI runs it (seed 0)."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "0"}
    command = [sys.executable, "-c", DRIVER, str(base), str(FINE)]
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
