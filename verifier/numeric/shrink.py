"""Minimal counterexamples: the smallest n comes from checking n in increasing order;
this module then looks for the simplest values the domains allow.

hypothesis searches points built from small integers and halves (zero first, so it
shrinks towards zero), keeping the values of domains that have no simple points (simplex,
one-hot, ...) as they were in the counterexample. Matrices in SPD, PSD or invertible
domains are built from simple entries and kept only if they lie in the domain;
orthogonal matrices are signed permutations. Every candidate is judged
by the same numeric check, so a shrunk counterexample is re-confirmed in high precision
like any other. Examples are kept in a hypothesis database per claim under the cache
folder, so a replay finds them again at once.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from random import Random
from typing import Any

import numpy as np
import sympy as sp
from hypothesis import HealthCheck, Phase, find, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase
from hypothesis.errors import NoSuchExample, Unsatisfiable

from verifier.language import domains as d
from verifier.language.claims import Given
from verifier.language.domains.scalar import float_end
from verifier.language.keys import ClaimKey
from verifier.numeric.batch import Env
from verifier.numeric.checks import NumericOutcome, Settings
from verifier.outcome import NumericVerdict
from verifier.trusted.instantiate import Instance

SIMPLE = (0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 3.0)
MAX_EXAMPLES = 60
# no `explain` phase: it re-runs the check ~100 times to say which values matter (5 of 5.5 s measured)
SHRINK_PHASES = (Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink)
Check = Callable[[Instance, np.random.Generator, Settings], NumericOutcome]


def _scalar_values(domain: d.Domain) -> list[float] | None:
    if isinstance(domain, d.Interval):
        lo, hi = float_end(domain.lo), float_end(domain.hi)  # 10**400 has no float
        inside = [
            v
            for v in (lo, hi, (lo + hi) / 2, *SIMPLE)
            if (domain.lo < v or (v == domain.lo and not domain.open_lo))
            and (v < domain.hi or (v == domain.hi and not domain.open_hi))
        ]
        return list(dict.fromkeys(inside)) or None
    if isinstance(domain, d.Integer):
        return [float(v) for v in range(domain.lo, min(domain.hi, domain.lo + 11) + 1)]
    if isinstance(domain, d.Positive):  # Nonnegative is a Positive subclass
        return [v for v in SIMPLE if v > 0 or (v == 0 and isinstance(domain, d.Nonnegative))]
    if isinstance(domain, d.Nonzero):
        return [v for v in SIMPLE if v != 0]
    if type(domain) in (d.Real, d.General, d.Symmetric, d.Diagonal, d.SPD, d.PSDMatrix, d.Invertible):
        return list(SIMPLE)
    return None


def _admits(domain: d.Domain, m: np.ndarray) -> bool:
    """Whether a simple matrix lies in a matrix domain that its entries alone do not ensure.

    Entries are small dyadic numbers, so a nonzero determinant of an n×n matrix is at least
    2⁻ⁿ in size and the float tests below are exact enough."""
    if isinstance(domain, d.SPD | d.PSDMatrix):
        least = float(np.linalg.eigvalsh(m).min())
        return least > 1e-9 if isinstance(domain, d.SPD) else least > -1e-12
    if isinstance(domain, d.Invertible):
        return abs(float(np.linalg.det(m))) > 1e-9
    return True


def _signed_permutations(n: int) -> st.SearchStrategy[np.ndarray]:
    """The simplest orthogonal matrices: a permutation with signs, the identity first."""

    def build(order: list[int], signs: list[float]) -> np.ndarray:
        m = np.zeros((n, n))
        m[np.arange(n), order] = signs
        return m

    return st.builds(build, st.permutations(range(n)), st.lists(st.sampled_from((1.0, -1.0)), min_size=n, max_size=n))


def _given_strategy(g: Given) -> st.SearchStrategy[np.ndarray] | None:
    if isinstance(g.domain, d.Orthogonal) and len(g.shape) == 2 and g.shape[0] == g.shape[1]:
        return _signed_permutations(g.shape[0])
    strategy = _entry_strategy(g)
    if strategy is None or not isinstance(g.domain, d.SPD | d.PSDMatrix | d.Invertible):
        return strategy
    return strategy.filter(lambda m: _admits(g.domain, m))


def _entry_strategy(g: Given) -> st.SearchStrategy[np.ndarray] | None:
    values = _scalar_values(g.domain)
    if values is None:
        return None
    shape = g.shape or (1,)
    size = int(np.prod(shape))
    entry = st.sampled_from(values)
    if isinstance(g.domain, d.Symmetric | d.Diagonal):
        n = shape[0]

        def build(flat: list[float]) -> np.ndarray:
            m = np.zeros((n, n))
            iu = np.triu_indices(n) if isinstance(g.domain, d.Symmetric) else (np.arange(n), np.arange(n))
            m[iu] = flat
            return np.triu(m) + np.triu(m, 1).T

        count = n * (n + 1) // 2 if isinstance(g.domain, d.Symmetric) else n
        return st.lists(entry, min_size=count, max_size=count).map(build)
    return st.lists(entry, min_size=size, max_size=size).map(lambda flat: np.array(flat).reshape(shape))


def _env(inst: Instance, arrays: dict[str, np.ndarray]) -> Env:
    env: Env = {}
    for g in inst.given:
        block = np.asarray(arrays[g.label], dtype=float).reshape(-1)
        targets = list(g.target) if isinstance(g.target, sp.MatrixBase) else [g.target]
        for entry, value in zip(targets, block, strict=True):
            if isinstance(entry, sp.Symbol):
                env[entry] = np.array([value])
    return env


@contextlib.contextmanager
def own_constants_only() -> Iterator[None]:
    """hypothesis draws, now and then, one of the constants written in the process's *local* modules (those outside
    site-packages and the standard library), and reads those modules for them (0.15 s of CPU). Which modules are
    local depends on the machine and the door: this package in a checkout, not once installed; the user's own
    modules under pytest or in Jupyter. A shrunk counterexample then depended on them. Within the block hypothesis
    sees no local constant, only its own."""
    try:
        from hypothesis.internal.conjecture import providers

        gather, empty = providers._get_local_constants, providers.Constants()
    except (ImportError, AttributeError):  # private names of hypothesis: without them, its default
        yield
        return
    providers._get_local_constants = lambda: empty
    providers.CONSTANTS_CACHE.cache.clear()  # it holds each draw's allowed local constants
    try:
        yield
    finally:
        providers._get_local_constants = gather
        providers.CONSTANTS_CACHE.cache.clear()


def minimise(
    inst: Instance, rng: np.random.Generator, s: Settings, check: Check, outcome: NumericOutcome, cache_dir: Path | None
) -> NumericOutcome:
    """A simpler confirmed counterexample than outcome's, if hypothesis finds one."""
    cx = outcome.counterexample
    if cx is None or not inst.given:
        return outcome
    strategies: dict[str, Any] = {}
    for g in inst.given:
        strategy = _given_strategy(g)
        strategies[g.label] = strategy if strategy is not None else st.just(np.asarray(cx.values[g.label]))
    if all(isinstance(v, type(st.just(0))) for v in strategies.values()):
        return outcome

    def fails(values: dict[str, np.ndarray]) -> bool:
        try:
            return check(inst, rng, dataclasses.replace(s, points=_env(inst, values))).verdict is NumericVerdict.FAIL
        except Exception:
            return False

    database = (
        DirectoryBasedExampleDatabase(str(cache_dir / "hypothesis" / str(ClaimKey.of(inst.claim))))
        if cache_dir
        else None
    )
    config = settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=database,
        suppress_health_check=list(HealthCheck),
        phases=SHRINK_PHASES,
    )
    try:
        with own_constants_only():
            found = find(st.fixed_dictionaries(strategies), fails, settings=config, random=Random(s.seed))
    except (NoSuchExample, Unsatisfiable):
        return outcome
    shrunk = check(inst, rng, dataclasses.replace(s, points=_env(inst, found)))
    if shrunk.counterexample is None:
        return outcome
    worst = f"a random sample was off by {cx.error}"
    note = "simplest values found by hypothesis; " + worst
    shrunk.counterexample = dataclasses.replace(shrunk.counterexample, note=note)
    shrunk.evidence = outcome.evidence
    return shrunk
