"""Work budgets for symbolic steps, counted in heartbeats of work, never in seconds.

A verdict must depend on the claim, the seed, the options and the engine, never on the
machine or its load. Seconds (wall or CPU) fail that test: a busy machine turned PROVED
into CHECKED. So, like Lean's ``maxHeartbeats``, which counts allocations, a budget here
counts **heartbeats**: one heartbeat is one run of Python's cyclic garbage collector,
which CPython starts after every 700 net allocations of container objects (the gen-0
threshold, fixed here). The same computation from the same starting state allocates
the same objects on any machine at any speed, so it uses the same number of heartbeats
(pinned by tests/strategies/test_budget.py). Counting costs one Python call per collection.

Stopping: when a budget is spent, the collector's callback arms a one-shot profile hook,
and the hook raises :class:`BudgetExceeded` at the next Python call or return in the
interrupted code. The callback re-arms at every later heartbeat, so an exception
swallowed somewhere (a finaliser) cannot let the work run on. Pure-Python sympy stops
cleanly; C code stops when it returns to Python. The hard limit is elsewhere: the pool
kills a worker that overruns its wall-clock timeout, and that result says so.

The starting state matters too: each claim starts with :func:`start_claim`, which empties
the collector's counters; a process collects its garbage before it forks a worker
(`pool.collect_before_fork`), since a cycle freed during the claim would shift its count; and
the CLI fixes ``PYTHONHASHSEED`` so that set and dict orders, and with them sympy's code
paths, are the same in every run.

Dummy hashes: PYTHONHASHSEED does not fix them. sympy numbers each Dummy from a base it draws at
random when it is imported (``Dummy._base_dummy_index``), and the number is part of the hash, so
a set of expressions that holds a fresh symbol (the zero test's exponentials and radicals, a sum
abstracted away) iterates in another order in each process. The engine never lets that order
count: it walks such a set sorted by ``sympy.default_sort_key`` (a Dummy sorts by its number, so
fresh symbols keep the order they were made in), and makes fresh symbols for a set's members in
that order (tests/quality/test_work_per_process.py runs a claim under several bases and hash seeds).
"""

from __future__ import annotations

import gc
import importlib
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType, ModuleType
from typing import Any

GEN0_THRESHOLD = 700
# modules sympy (and the engine's rendering) import on first use, deep inside a claim's work: imported by
# start_claim before any metering, in every process, so that no claim pays for them in one context and not
# in another (the CLI's holders had imported them and an in-process run had not:
# linear_algebra.am_gm_trace_determinant took 3 heartbeats at n = 2 in-process, 2 through the CLI).
# sympy.physics.units: sympy's `simplify` (and `checksol`) import it on every call, to look for units. It costs
# about 0.17 s of CPU once, and about 19 heartbeats: newton.error_map's proof took 20 heartbeats where the
# claim imported it and 1 where an earlier claim in the process had (a notebook), and each of the 40 claims of
# the library that import it paid the 0.17 s again in its own worker. The sets' handlers, sympy.codegen.ast and
# sympy.concrete.delta are sympy's other modules of first use whose import moved a claim's work (about 15 ms
# together): imported before, two soundness probes' proofs took a heartbeat fewer
# (edges_domains.cosecant_sine_short_of_pi, edges_redteam_numerics.kink_at_dyadic_open_end). Those the library's
# claims still load on first use (sympy's newer assumptions, array expressions) moved none
# (reports/bench_issue42_lazy_imports/first_use.py). scipy.special, clarabel, scipy.sparse and scipy.linalg are
# imported inside the claims that need them (`first_use`): 0.1 to 0.2 s each, which every command would pay here
LAZY_IMPORTS = (
    "sympy.combinatorics",
    "sympy.tensor.tensor",
    "sympy.assumptions.wrapper",
    "sympy.sets.setexpr",
    "xml.dom.minidom",
    "sympy.physics.units",
    "sympy.sets.handlers.functions",
    "sympy.sets.handlers.issubset",
    "sympy.codegen.ast",
    "sympy.concrete.delta",
)
DEFAULT_BUDGET = 300  # heartbeats of symbolic work per claim and dimension
OLDER_THRESHOLDS = (10, 10)  # CPython's defaults; a host process may have tuned them (`dask worker` triples them)


class BudgetExceeded(BaseException):
    """The work budget ran out.

    A BaseException, like KeyboardInterrupt, so that sympy's own `except Exception`
    clauses cannot swallow it and carry on past the budget.
    """


class _Meter:
    """Heartbeats since the process started metering, and the limits of the open budgets."""

    def __init__(self) -> None:
        self.beats = 0
        self.limits: list[int] = []
        self.in_callback = False
        self.paused = 0  # open unmetered blocks (first_use, float_dependent, _collector_emptied)
        self.first_used: set[tuple[str, ...]] = set()  # the libraries this claim has asked first_use for

    def install(self) -> None:
        if self.on_collection not in gc.callbacks:  # a forked child may have dropped the parent's hooks
            gc.callbacks.append(self.on_collection)
        gc.set_threshold(GEN0_THRESHOLD, *OLDER_THRESHOLDS)

    def on_collection(self, phase: str, info: dict[str, Any]) -> None:
        if phase != "stop" or self.paused:
            return
        self.in_callback = True
        try:
            self.beats += 1
            # the main thread now, not at import: a child forked from another thread (a Dask worker's
            # task thread) has that thread as its main thread, and must be metered like any other
            main = threading.get_ident() == threading.main_thread().ident
            if self.limits and self.beats >= min(self.limits) and main:
                sys.setprofile(_stop_at_next_call)
        finally:
            self.in_callback = False


_METER = _Meter()


def _stop_at_next_call(frame: FrameType, event: str, arg: object) -> None:
    if _METER.in_callback or frame.f_code is _METER.on_collection.__code__:
        return  # still inside the collector's callback: an exception there would be swallowed
    sys.setprofile(None)
    raise BudgetExceeded()


def _quiet_budget_stops(unraisable: Any) -> None:
    """A stop raised inside a finaliser (a generator closed by the collector) cannot propagate; Python
    would print it as "Exception ignored". The meter re-arms at the next heartbeat, so drop the noise."""
    if isinstance(unraisable.exc_value, BudgetExceeded):
        return
    sys.__unraisablehook__(unraisable)


def heartbeats() -> int:
    """Heartbeats counted so far in this process (0 until metering starts)."""
    return _METER.beats


def start_claim() -> None:
    """Give the claim a known starting state: metering on, the collector's counters at zero, and
    every object that exists already frozen for the rest of the claim.

    The full collection frees what an earlier claim in this process left behind and resets
    every generation's counter. It traverses only unfrozen objects, so it is cheap wherever a
    freeze came before (a forked worker freezes what it inherits; ~0.1 s once in a process that
    never froze). Freezing afterwards, and staying frozen, keeps the heap that was there before
    out of the claim's collections: CPython runs a full collection only when the objects that
    survived since the last one exceed a quarter of the oldest generation, so an unfrozen heap
    made the count of heartbeats depend on how large the process was before the claim (300,000
    more objects moved `linear_algebra.am_gm_trace_determinant` at n = 3 from 290 to 285
    heartbeats, and its proof in and out of its 300-heartbeat budget between a run alone and a
    full run). Frozen, the oldest generation holds the claim's own objects only. sympy's cache is emptied
    for the same reason: a cache hit allocates nothing, so what a parent had cached moved the count too.

    The cost, in a long-lived process (a notebook verifying claim after claim): an object alive at a claim's
    start that later becomes part of an unreachable cycle is left for good (reference counting still frees
    everything else). Each claim's worker in the CLI is a fork that exits, so nothing is left there.
    """
    _METER.install()
    _METER.first_used.clear()
    sys.unraisablehook = _quiet_budget_stops
    for name in LAZY_IMPORTS:
        importlib.import_module(name)  # a no-op once imported
    _seed_sympy()
    empty_caches()
    gc.enable()  # a host (or a module it imported) may have switched automatic collection off: no heartbeats
    gc.collect()  # what earlier work left behind
    gc.freeze()
    gc.collect()  # over the empty generations: the counters, and the oldest generation's size, from zero


# the engine's own memos over sympy expressions, emptied with sympy's cache for the same reason (module, name)
MEMOS = (
    ("verifier.trusted.decide.einsum.forms", "_vanishes"),
    ("verifier.trusted.decide.normal_form", "_split_exponent"),
    ("verifier.numeric.batch", "_kinds"),
    ("verifier.numeric.batch", "magnitude"),
    ("verifier.numeric.batch", "_COMPILED"),  # a dict: compiled expressions
    ("verifier.engine.mathtext", "_TYPESET"),  # a dict: typeset objects
    ("verifier.engine.mathtext", "_TERMS"),  # a dict: a sum's terms in printing order
    ("verifier.frontends.latex.values", "_REAL_TWINS"),  # a dict: a symbol's real Dummy for derivatives
)


def empty_caches() -> None:
    """sympy's cache and the engine's memos (MEMOS), as an earlier claim or the parent process left them,
    emptied (LAZY_IMPORTS loaded sympy); a memo whose module is not loaded yet is empty anyway.

    A process about to fork claims' workers empties them first (`verifier.run.plan.hold_module`): each
    worker would empty them anyway, and freeing what its parent had cached wrote to every page that held it,
    one copy-on-write fault each (a fifth of a library run's page faults, about 3 s of system CPU)."""
    from sympy.core.cache import clear_cache

    clear_cache()
    for module, name in MEMOS:
        if module in sys.modules:
            memo = getattr(sys.modules[module], name)
            memo.clear() if isinstance(memo, dict) else memo.cache_clear()


def _seed_sympy() -> None:
    """sympy draws random numbers from generators seeded from the OS at its import: Expr.equals
    tests at random points, and the assumptions system would shuffle the facts it derives (the claim
    language has it sort them instead: `verifier.language.fact_order`), so the work, and the heartbeats,
    of a claim could differ from one process to the next. Each claim starts them from one fixed state,
    whatever ran before it in this process."""
    if "sympy" in sys.modules:
        from sympy.core import random as sympy_random

        sympy_random.seed(0)


@contextmanager
def budget(units: int) -> Iterator[None]:
    """Raise BudgetExceeded inside the block once it has used `units` heartbeats.

    Budgets nest: an inner one never outlives the outer one. An outermost one starts with the collector's
    generations empty, whatever ran before it (`_collector_emptied`). Metering works in the main
    thread only; elsewhere the block runs without a budget.
    """
    if units <= 0:
        raise BudgetExceeded()
    _METER.install()
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    if not _METER.limits:
        _collector_emptied()
    _METER.limits.append(_METER.beats + units)
    try:
        yield
    finally:
        _METER.limits.pop()
        if sys.getprofile() is _stop_at_next_call:
            sys.setprofile(None)


def _collector_emptied() -> None:
    """A full collection, unmetered, so that every generation's count starts from 0 and no garbage is pending.

    A heartbeat falls every 700 net allocations counted from the last collection, so a block's first heartbeat
    comes sooner or later by what ran since then. Before a proof, that is the numeric check of the same n, and
    its allocations can depend on float results in their last bits (numpy's and OpenBLAS's kernels differ between
    processors): on an AMD machine with AVX2, four proofs of the library took one heartbeat more or less than in
    the baseline written on an earlier machine. Emptying the young generation alone was not enough: the older
    generations' counts, and the cyclic garbage waiting in them, decide when an older collection falls and how
    many deallocations it gives back to the young count. `softmax.shift_invariance` took 1 heartbeat at n = 8
    after the check of `--samples 100` and 0 after 200 (`backprop.output_delta_rule` and
    `logistic_loss.gradient` moved too). An outermost budget starts here, so that its count is the block's own.
    The objects frozen at fork and at first use are not walked, so this costs about what a young collection
    does."""
    _METER.paused += 1
    try:
        gc.collect()
    finally:
        _METER.paused -= 1


def first_use(*names: str) -> tuple[ModuleType, ...]:
    """Optional libraries (scipy.special, Clarabel), imported when a claim first asks for them, outside its budget,
    and the claim's collector left in one state whether or not this process had imported them before.

    Heavy libraries that few claims need are imported on first use, inside the claim that needs them: a command
    that needs none of them starts fast (a run of several files imports them once before it forks its holders:
    `verifier.run.plan.share_optional`). Their import runs with the collector off and the meter paused, so it
    costs no claim any of its budget. It used to stop there, which
    left the collector in another state than in a process that had imported the library before (the young
    generation emptied, the library's objects in the older ones), and the claim's later work moved with it. So
    each claim's first request, imported or not, ends the same way: a full collection, everything alive frozen,
    and a collection over the empty generations, all unmetered (as `start_claim` starts a claim). Name every
    module the library loads on its first call too (Clarabel's first solve loads scipy.linalg), or that import
    is the claim's work. What can still move: reports/bench_issue42_lazy_imports. The cost is `start_claim`'s: an
    object alive at the first request that later becomes part of an unreachable cycle stays until the worker exits.
    """
    if names not in _METER.first_used:
        with _outside_the_work():
            for name in names:
                importlib.import_module(name)
            gc.collect()
            gc.freeze()
            gc.collect()
        _METER.first_used.add(names)
    return tuple(sys.modules[name] for name in names)


@contextmanager
def float_dependent() -> Iterator[None]:
    """A bounded step of numerical search whose Python allocations depend on floats in their last bits, run
    outside the claim's work: no heartbeat inside, and the young generation collected after it, unmetered.

    A floating-point solver's answer differs in its last bits between processors (numpy's and scipy's OpenBLAS
    pick their kernels by processor; `OPENBLAS_CORETYPE` picks another's on one machine), and an exact rounding
    of it that fails gets further or not by those bits. The rounding of `classic_inequalities.am_gm`'s first Gram
    matrix at n = 5 fails at every denominator, but factors some blocks before a negative pivot with some kernels
    and not with others: at c9d4b7f the claim took 59 heartbeats on an AMD EPYC and 60 there with OpenBLAS's
    Prescott kernels, and CI failed against a baseline written on another machine
    (tests/run/test_work_across_processors.py). So the step runs with the collector off and the meter paused, and
    ends with an unmetered collection of the young generation, whose count then starts from 0 whatever ran. No
    budget can stop the step: its caller bounds it, and the wall-clock limit still holds. What it returns (an
    exact certificate) is the claim's to check, metered; a certificate that itself differs by processor (a
    rounding whose last denominator lands otherwise) would still move the work. Off the main thread, where no
    budget meters (`budget`), the step runs as it is: the collector is the whole process's, and the main thread's.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    with _outside_the_work():
        try:
            yield
        finally:
            gc.collect(0)


@contextmanager
def _outside_the_work() -> Iterator[None]:
    """The block with the collector off and the meter paused (first_use, float_dependent); the collector as it
    was after it."""
    with collector_off():
        _METER.paused += 1
        try:
            yield
        finally:
            _METER.paused -= 1


@contextmanager
def cpu_limit(seconds: float) -> Iterator[None]:
    """Raise BudgetExceeded after `seconds` of this process's CPU time (main thread only).

    Never for verdicts: only where the outcome is a matter of speed, such as whether a
    claim is built quickly enough to be cached. User code that loops without allocating
    (``while True: pass``) has no heartbeats, so only a timer can stop it.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGVTALRM, _raise_exceeded)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


def _raise_exceeded(signum: int, frame: object) -> None:
    raise BudgetExceeded()


class WorkClock:
    """Heartbeats left of a budget that several steps share."""

    def __init__(self, units: int) -> None:
        self.deadline = _METER.beats + units

    def left(self) -> int:
        return self.deadline - _METER.beats


@contextmanager
def collector_off() -> Iterator[None]:
    """The block (a batch of imports) with no cyclic collection; the collector as it was after it.

    Imports make objects that live as long as the process, and the collector would traverse them again
    and again while they are made. The garbage they leave waits for the caller's next collection, which a
    process that forks makes anyway before each fork (`verifier.run.pool.collect_before_fork`).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
