"""Work budgets count heartbeats, not seconds: the same work gives the same verdict at any speed.

No timing is asserted. Each measurement runs in a fresh forked worker (as every claim
does), once as it is and once slowed down by a busy thread competing for the interpreter
(standing in for a loaded machine). Both must use exactly as many heartbeats and reach
the same verdict at every budget.
"""

from __future__ import annotations

import ast
import gc
import importlib
import json
import subprocess
import sys
import threading
import time
from collections import deque
from typing import Any

import pytest
import sympy as sp

from tests.support import ROOT
from verifier.language.claims import Expect, Identity
from verifier.language.domains import Real
from verifier.language.families import Claim
from verifier.run import pool
from verifier.strategies import budget, ladder
from verifier.strategies.budget import BudgetExceeded
from verifier.trusted.instantiate import instantiate

xs = sp.symbols("x0:6", real=True)


def _second_thread(busy: bool, started: list[bool]) -> None:
    held = threading.Lock()
    held.acquire()
    started[0] = True  # allocates nothing: the thread's own start-up is over when the main thread sees it
    if busy:
        while True:  # competes for the interpreter, allocating nothing
            pass
    held.acquire()  # idle for good, allocating nothing: never holds the interpreter


def _slow_down(slow: bool) -> None:
    """Start a second thread in both runs, busy only in the slow one.

    Both runs then allocate the same objects before the claim starts (a thread and its start-up),
    so that the one difference between them is speed. The main thread polls a flag rather than
    waiting on an Event, whose set() in the other thread would still be allocating on a loaded
    machine when the claim starts.
    """
    started = [False]
    threading.Thread(target=_second_thread, args=(slow, started), daemon=True).start()
    while not started[0]:
        time.sleep(0.001)


def _work(slow: bool) -> int:
    _slow_down(slow)
    budget.start_claim()
    sp.expand(sp.prod(x + k for k, x in enumerate(xs, 1)) ** 3)
    return budget.heartbeats()


def _cube() -> Claim:
    lhs = sp.prod(x + 1 for x in xs) ** 3
    body = Identity(lhs, sp.expand(lhs), where={x: Real() for x in xs})
    return Claim("cube", "test", "(Π(x + 1))³ expanded", body, Expect.HOLDS, None)


def _prove(slow: bool, units: int) -> tuple[bool, int]:
    _slow_down(slow)
    budget.start_claim()
    inst = instantiate(_cube())
    start = budget.heartbeats()
    proved = ladder.prove(inst, units).proof is not None
    return proved, budget.heartbeats() - start


def _in_workers(fn: Any, argsets: list[tuple[Any, ...]]) -> list[Any]:
    out: dict[str, Any] = {}
    tasks = [pool.Task(str(i), fn, args) for i, args in enumerate(argsets)]
    pool.run(tasks, jobs=1, timeout=120, memory_mb=0, on_done=lambda t, v: out.__setitem__(t.key, v))
    return [out[str(i)] for i in range(len(argsets))]


def _from_a_clean_parent(code: str) -> Any:
    """Evaluate code in a fresh interpreter that forks the workers, as the CLI's process does.

    Not from this pytest-xdist worker, whose execnet threads allocate on their own schedule: forked
    from here, the same work once counted one heartbeat more when slowed down (117 against 118, one
    full run in three), and never from a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", f"from tests.strategies.test_budget import _in_workers, _work\nprint(repr({code}))"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "0"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return ast.literal_eval(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_the_same_work_uses_the_same_heartbeats_however_slow() -> None:
    counts = _from_a_clean_parent("_in_workers(_work, [(False,), (True,), (False,), (True,)])")
    assert len(set(counts)) == 1 and counts[0] > 0, counts


@pytest.mark.slow
def test_ladder_verdict_and_work_at_each_budget_do_not_depend_on_speed() -> None:
    budgets = [1, 3, 10**6]
    fast = _in_workers(_prove, [(False, u) for u in budgets])
    slow = _in_workers(_prove, [(True, u) for u in budgets])
    assert fast == slow
    assert [proved for proved, _ in fast] == [False, False, True]


def _prove_after(allocated: int) -> int:
    """The heartbeats of a proof that comes after `allocated` objects made since the last collection, as a proof
    comes after its numeric check, whose allocations can differ in number from one processor to another."""
    budget.start_claim()
    inst = instantiate(_cube())
    made = [[k] for k in range(allocated)]
    start = budget.heartbeats()
    assert ladder.prove(inst, 10**6).proof is not None and made is not None
    return budget.heartbeats() - start


@pytest.mark.slow
def test_a_proofs_work_does_not_depend_on_what_was_allocated_before_it() -> None:
    """Four proofs of the library moved by one heartbeat on an AVX2 machine against the baseline (CI at aa06b12,
    run again on this machine): the first heartbeat of a proof came sooner or later by what the numeric check
    before it had allocated. Without the young generation emptied when a proof's budget opens, this proof took
    115 or 116 heartbeats by the objects made before it (115 with it)."""
    counts = _in_workers(_prove_after, [(k,) for k in (0, 100, 250, 400, 550, 699)])
    assert len(set(counts)) == 1 and counts[0] > 0, counts


def _prove_after_old_garbage(cycles: int) -> int:
    """The heartbeats of a proof that comes after `cycles` cyclic garbage objects that a young collection had
    already passed on to the older generations, as a numeric check that allocated more or less can leave them."""
    budget.start_claim()
    inst = instantiate(_cube())
    held = []
    for k in range(cycles):
        pair: list[Any] = [k]
        pair.append(pair)
        held.append(pair)
    gc.collect(0)  # the cycles survive into the next generation, still reachable
    del held  # now garbage that only an older collection frees
    start = budget.heartbeats()
    assert ladder.prove(inst, 10**6).proof is not None
    return budget.heartbeats() - start


@pytest.mark.slow
def test_a_proofs_work_does_not_depend_on_the_garbage_older_generations_hold() -> None:
    """With only the young generation emptied when a proof's budget opened, the older generations' counts and
    their pending garbage decided when an older collection fell inside the proof: softmax.shift_invariance took
    1 heartbeat at n = 8 after a check of 100 samples and 0 after 200."""
    counts = _in_workers(_prove_after_old_garbage, [(k,) for k in (0, 300, 3000, 30000)])
    assert len(set(counts)) == 1 and counts[0] > 0, counts


def test_a_budget_stops_the_block_and_nested_budgets_keep_the_outer_limit() -> None:
    budget.start_claim()
    with pytest.raises(BudgetExceeded), budget.budget(2), budget.budget(10**6):
        for k in range(200):
            sp.expand(sp.prod(x + k for x in xs) ** 2)


def test_a_zero_budget_fails_at_once() -> None:
    with pytest.raises(BudgetExceeded), budget.budget(0):
        pass


def test_a_budget_stop_in_a_finaliser_is_quiet_and_other_unraisables_are_not(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class RaisesWhenCollected:
        def __init__(self, error: Exception) -> None:
            self.error = error

        def __del__(self) -> None:
            raise self.error

    monkeypatch.setattr(sys, "unraisablehook", budget._quiet_budget_stops)
    RaisesWhenCollected(BudgetExceeded())
    assert capsys.readouterr().err == ""
    RaisesWhenCollected(ValueError("a real error"))
    assert "ValueError: a real error" in capsys.readouterr().err


def _beats_with_the_collector_off() -> int:
    gc.disable()  # as a host process, or a module it imported, might leave it
    budget.start_claim()
    junk = [[k] for k in range(10**5)]  # about 140 heartbeats of allocations
    return budget.heartbeats() if junk else 0


def test_a_claim_is_metered_even_if_the_collector_was_switched_off() -> None:
    (beats,) = _in_workers(_beats_with_the_collector_off, [()])
    assert beats > 100


def test_each_claim_starts_sympys_random_generators_from_one_state() -> None:
    """Expr.equals samples random points and the assumptions system shuffles its facts, from
    generators sympy seeds from the OS: without a fixed start, a claim's work depends on the process."""
    from sympy.core import random as sympy_random

    def draws() -> tuple[float, list[int]]:
        budget.start_claim()
        order = list(range(10))
        sympy_random._assumptions_shuffle(order)
        return sympy_random.rng.random(), order

    first = draws()
    sympy_random.rng.random()  # whatever ran before the next claim
    assert draws() == first


class _Finalised:
    """In a reference cycle, as a frame or a closed generator is: only the collector frees it, and its finaliser
    leaves work behind (noted in `freed`, done by the claim afterwards)."""

    def __init__(self, freed: list[int]) -> None:
        self.cycle = self
        self.freed = freed

    def __del__(self) -> None:
        self.freed.append(1)


def _work_with_old_garbage(extra_objects: int) -> tuple[int, int]:
    """The heartbeats of a claim whose garbage reaches the oldest generation, in a process holding extra_objects
    more long-lived objects, and how many of its finalisers ran (only a full collection runs them)."""
    kept = [[k] for k in range(extra_objects)]
    budget.start_claim()
    start = budget.heartbeats()
    freed: list[int] = []
    rebuilt: list[list[list[int]]] = []
    alive: deque[_Finalised] = deque(maxlen=30)  # each lives 30 heartbeats, past two collections: then old garbage
    for _ in range(250):
        alive.append(_Finalised(freed))
        for _ in range(700):  # a heartbeat of young cycles, freed by the next collection
            young: list[object] = []
            young.append(young)
        for _ in range(len(freed)):
            freed.pop()
            rebuilt.append([[k] for k in range(700)])  # the work a finaliser left: a heartbeat of live objects
    assert kept is not None
    return budget.heartbeats() - start, len(rebuilt)


@pytest.mark.slow
def test_work_counts_do_not_depend_on_how_large_the_process_was_before_the_claim() -> None:
    """CPython runs a full collection only once the objects that survived the last one exceed a quarter of
    the oldest generation, so an unfrozen heap made a claim's heartbeats depend on the size of the process
    it started in: linear_algebra.am_gm_trace_determinant's proof at n = 3 took 290 heartbeats after a bare
    start and 285 with 300,000 more objects. start_claim freezes what it finds. That proof now takes 103
    heartbeats, before the first full collection (about 121 in), and passed without the freeze; this claim
    goes through full collections, and what their finalisers leave behind is work: without the freeze, the
    larger process never collects its old garbage (224 heartbeats against 358, the same with it)."""
    for name in budget.LAZY_IMPORTS:  # before the fork, as the CLI's parent has them: not part of either heap
        importlib.import_module(name)
    bare, larger = _in_workers(_work_with_old_garbage, [(0,), (300_000,)])
    assert bare[1] > 0, bare  # full collections ran during the claim: the size of the heap can matter
    assert larger == bare


def _memo_sizes_across_a_claim_start() -> tuple[int, int, int, int]:
    """In a worker: the two memos' sizes after some work, then after start_claim."""
    from verifier.trusted.decide import normal_form
    from verifier.trusted.decide.einsum import forms

    x = sp.Symbol("x")
    assert forms.is_zero((x + 1) ** 2 - x**2 - 2 * x - 1)
    normal_form._split_exponent(2 * x + 1)
    before = (forms._vanishes.cache_info().currsize, normal_form._split_exponent.cache_info().currsize)
    budget.start_claim()
    return (*before, forms._vanishes.cache_info().currsize, normal_form._split_exponent.cache_info().currsize)


def _real_twins_across_a_claim_start() -> tuple[object, ...]:
    """In a worker: two derivatives the LaTeX reader takes with r as real, the twins it kept, then after start_claim."""
    from verifier.frontends.latex import values

    r, s = sp.symbols("r s")
    first, second = values.real_diff(sp.Abs(r), r), values.real_diff(sp.Abs(r) * sp.Abs(s), r)
    leaked = any(isinstance(a, sp.Dummy) for e in (first, second) for a in e.atoms(sp.Symbol))
    before = len(values._REAL_TWINS)
    budget.start_claim()
    return first, second, leaked, before, len(values._REAL_TWINS)


def test_the_latex_readers_real_twins_are_made_once_and_forgotten_when_a_claim_starts() -> None:
    """d|r|/dr is sign(r), taken with a real stand-in for r that is made once (a fresh one for every entry of every
    line had sympy derive its assumptions each time) and never left in a result; a claim starts without them,
    since a claim that found them made would allocate less, and take fewer heartbeats, than one alone."""
    [(first, second, leaked, before, after)] = _in_workers(_real_twins_across_a_claim_start, [()])
    r, s = sp.symbols("r s")
    assert first == sp.sign(r) and second == sp.sign(r) * sp.Abs(s), (first, second)
    assert not leaked
    assert (before, after) == (2, 0)


def _compiled_across_a_claim_start() -> tuple[int, int]:
    """In a worker: how many compiled expressions the numeric checks keep after some work, then after start_claim."""
    from verifier.numeric import batch

    batch._COMPILED.clear()  # the worker is forked from this pytest worker, which an earlier test may have filled
    x = sp.Symbol("x")
    batch.compiled([x], [sp.sin(x) + 1])
    before = len(batch._COMPILED)
    budget.start_claim()
    return before, len(batch._COMPILED)


def test_a_claim_starts_with_no_compiled_expression_of_an_earlier_one() -> None:
    """Reusing an earlier claim's compiled expressions allocates less, which moves a later claim's heartbeats."""
    [sizes] = _in_workers(_compiled_across_a_claim_start, [()])
    assert sizes == (1, 0), sizes


def test_a_claim_starts_with_the_engines_memos_empty() -> None:
    """A memo hit allocates nothing, like a sympy cache hit: what an earlier claim in this process remembered
    would lower a later claim's heartbeats (a notebook verifying claim after claim), so start_claim empties them."""
    [sizes] = _in_workers(_memo_sizes_across_a_claim_start, [()])
    assert sizes[:2] == (1, 1) and sizes[2:] == (0, 0), sizes


LAZY_DRIVER = """
import importlib, json, sys
from pathlib import Path
from verifier.engine import verify
from verifier.engine.settings import EngineSettings
from verifier.load.loader import load
from verifier.strategies import budget

started = {}
original = budget.start_claim
def start_claim():
    original()
    started["modules"] = set(sys.modules)
budget.start_claim = start_claim
for name in sys.argv[3:]:  # what an earlier claim, or the user, imported in this process
    importlib.import_module(name)
path = Path(sys.argv[1])
family = next(f for f in load(path).families if f.name == sys.argv[2])
result = verify.verify_family(family, EngineSettings(), str(path))
late = sorted(m for m in set(sys.modules) - started["modules"] if m.startswith("sympy"))
print(json.dumps({"status": result.status.name, "work": [[p.n, p.work] for p in result.proofs], "late": late}))
"""


def _claim_in_a_fresh_process(path: str, name: str, *imported: str) -> dict[str, Any]:
    command = [sys.executable, "-c", LAZY_DRIVER, path, name, *imported]
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "0"}
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


SYMPYS_FIRST_USE = (
    "sympy.sets.handlers.functions",
    "sympy.sets.handlers.issubset",
    "sympy.codegen.ast",
    "sympy.concrete.delta",
)
PROBES = "tests/quality/soundness/probes"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("path", "name", "imported"),
    [
        ("derivations/newton.py", "error_map", ("sympy.physics.units",)),
        (f"{PROBES}/probe_edges_domains.py", "cosecant_sine_short_of_pi", SYMPYS_FIRST_USE),
        (f"{PROBES}/probe_edges_redteam_numerics.py", "kink_at_dyadic_open_end", SYMPYS_FIRST_USE),
    ],
)
def test_a_claim_takes_its_work_whatever_the_process_imported_before(
    path: str, name: str, imported: tuple[str, ...]
) -> None:
    """sympy imports some of its modules on first use, inside a proof: `simplify` imports sympy.physics.units,
    about 19 heartbeats. newton.error_map's proof took 20 heartbeats in a fresh process and 1 in one that had
    imported it (a notebook, after another claim); the two probes took a heartbeat more in a fresh process than
    after sympy's sets' handlers, sympy.codegen.ast and sympy.concrete.delta were imported. start_claim now
    imports them all before metering (budget.LAZY_IMPORTS)."""
    fresh = _claim_in_a_fresh_process(path, name)
    after = _claim_in_a_fresh_process(path, name, *imported)
    assert fresh["status"] == "PROVED", fresh
    assert fresh == after
    assert fresh["late"] == [], "sympy modules imported during the claim's metered work"


OPTIONAL_LIBRARIES = ("scipy.special", "clarabel", "scipy.sparse", "scipy.linalg")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("derivations/classic_inequalities.py", "am_gm"),  # Clarabel and scipy.sparse, for a sum of squares
        ("derivations/classic_inequalities.py", "two_fourth_powers"),  # and scipy.linalg, which Clarabel loads
    ],
)
def test_a_claim_takes_its_work_whatever_optional_library_the_process_imported_before(path: str, name: str) -> None:
    """The optional libraries are imported when a claim first asks for them, outside its budget. The import used to
    leave Python's collector in another state than a process that had them already, and scipy.linalg and numpy.ma,
    which Clarabel's first solve and numpy's `unique` load, were imported inside the claim's work: am_gm took 4
    heartbeats at n = 2 in a fresh process and 0 after these libraries had been imported, two_fourth_powers 5 and 1.
    `budget.first_use` now imports them all outside the work, and ends a claim's first request in one state either
    way."""
    fresh = _claim_in_a_fresh_process(path, name)
    after = _claim_in_a_fresh_process(path, name, *OPTIONAL_LIBRARIES)
    assert fresh["status"] == "PROVED" and fresh["work"], fresh
    assert fresh == after
