"""Vectorised numerics: compile once, sample the domains, evaluate batches.

Nothing here loops over samples in Python. A claim's expressions are compiled once
with ``lambdify(..., "numpy", cse=True)`` into one function of all symbols that returns
a flat list of entries; each sample set is a dict of arrays of shape (K,), and every
evaluation returns an array of shape (K, entries).

Tolerances come from a measured noise floor: the same expressions are evaluated a
second time at inputs perturbed by a few ulps, and the spread, plus a few ulps of the
values' own scale, bounds what round-off alone can do. A sample whose error exceeds
that is not a counterexample yet: it goes to high-precision confirmation.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import sympy as sp
from sympy.core.function import Application, AppliedUndef

from verifier.language import walk
from verifier.language.claims import Given
from verifier.numeric.compile import REAL_ONLY, Compiled

EPS = float(np.finfo(float).eps)
BLIND_PROBES = 256  # samples below floats' normal range evaluated one by one for an underflow of their own
TINY = float(np.finfo(float).tiny)  # the smallest normal float: below it, a value keeps fewer than 53 bits
WIDE_RELATIVE = 1e-3  # a tolerance above this fraction of the values compared makes a sample no evidence
Env = dict[sp.Symbol, np.ndarray]

_NON_ANALYTIC = (sp.Abs, sp.Max, sp.Min, sp.Heaviside, sp.sign, sp.floor, sp.ceiling, sp.Piecewise, sp.re, sp.im)


_COMPILED: dict[tuple[tuple[sp.Symbol, ...], tuple[sp.Basic, ...]], Compiled] = {}


def compiled(symbols: Sequence[sp.Symbol], exprs: Sequence[sp.Expr]) -> Compiled:
    """Compile once per (symbols, expressions) in this process; later calls reuse it."""
    key = (tuple(symbols), tuple(exprs))
    if key not in _COMPILED:
        if len(_COMPILED) > 256:
            _COMPILED.clear()
        _COMPILED[key] = Compiled(symbols, exprs)
    return _COMPILED[key]


@functools.lru_cache(maxsize=4096)  # a claim's entries come back at each check of an n: built once (see Kinds)
def magnitude(expr: sp.Expr) -> sp.Expr:
    """The size of expr's top-level terms, Σ|tᵢ| for expr = Σ tᵢ, built without evaluation.

    Round-off in evaluating expr is about eps times this, not eps times |expr|: p − p² at
    p ≈ 1 is tiny, but it is computed from terms of size 1 and carries their error.
    """
    terms = sp.Add.make_args(expr)
    if len(terms) == 1:
        return sp.Abs(expr, evaluate=False)
    return sp.Add(*[sp.Abs(t, evaluate=False) for t in terms], evaluate=False)


@dataclass(frozen=True)
class Kinds:
    """What the checks ask of a list of expressions, found in one walk over its distinct nodes.

    A claim's lists come back at every check of an n (the share, all the samples, the shrinker's points, the
    definedness probe), so each distinct list is walked once per claim: `budget.start_claim` empties the memo,
    so that no claim sees what an earlier one walked."""

    analytic: bool  # no non-analytic or real-only function: the complex step is exact
    opaque: bool  # some numeric-only function (no high-precision version)
    imaginary: bool  # the imaginary unit occurs (the claim is not stated in real numbers)
    floats: bool  # some Float literal (the claim is not built from exact numbers)
    arbitrary: bool  # some undefined function without a numeric implementation (random_functions replaces it)


def kinds(exprs: Sequence[object]) -> Kinds:
    """The Kinds of exprs (Python numbers read as sympy's), memoised for the claim; a list with an unhashable
    part (a mutable matrix) is walked anew."""
    key = tuple(exprs)
    try:
        return _kinds(key)
    except TypeError:  # a mutable matrix: no memo
        return _kinds.__wrapped__(key)


@functools.lru_cache(maxsize=1024)
def _kinds(exprs: tuple[object, ...]) -> Kinds:
    analytic, opaque, imaginary, floats, arbitrary = True, False, False, False, False
    for node in walk.nodes([sp.sympify(e) if isinstance(e, int | float | complex) else e for e in exprs]):
        if isinstance(node, Application):
            analytic = analytic and not isinstance(node, _NON_ANALYTIC + REAL_ONLY)
            opaque = opaque or getattr(type(node), "numeric_only", False)
            arbitrary = arbitrary or (isinstance(node, AppliedUndef) and getattr(node.func, "_imp_", None) is None)
        imaginary = imaginary or node is sp.I
        floats = floats or isinstance(node, sp.Float)
    return Kinds(analytic, bool(opaque), imaginary, floats, arbitrary)


def is_analytic(exprs: Sequence[sp.Basic]) -> bool:
    """Complex-step differentiation is exact only for analytic expressions."""
    return kinds(exprs).analytic


def has_opaque(exprs: Sequence[sp.Basic]) -> bool:
    """True if an expression calls a numeric-only function (no high-precision version)."""
    return kinds(exprs).opaque


def draw(given: Sequence[Given], rng: np.random.Generator, k: int, corners: bool = False) -> Env:
    """K joint samples of every declared symbol, respecting the domains."""
    env: Env = {}
    for g in given:
        shape = g.shape
        sampler = g.domain.corner_sample if corners else g.domain.sample
        block = sampler(rng, shape, k).reshape(k, -1)
        entries = [e for e in _entries(g.target)]
        for j, e in enumerate(entries):
            if isinstance(e, sp.Symbol):
                env[e] = block[:, j].astype(float)
    return env


def special_draw(given: Sequence[Given], limit: int, axes: bool = True) -> Env:
    """The domains' special points, before any random one: every combination across the declared
    symbols if there are at most limit of them, else the i-th special point of each symbol together, then
    (axes) each special point of one symbol with the others at their first (x = 1, y = 0: a claim false on
    the line y = 0 alone is seen there), up to limit rows in all."""
    lists = [g.domain.special_points(g.shape).reshape(-1, max(1, int(np.prod(g.shape or (1,))))) for g in given]
    if not given or limit <= 0 or any(len(p) == 0 for p in lists):
        return {}
    if math.prod(len(p) for p in lists) <= limit:
        rows = list(itertools.product(*[range(len(p)) for p in lists]))
    else:
        rows = [tuple(i % len(p) for p in lists) for i in range(min(limit, max(len(p) for p in lists)))]
        if axes:
            width = range(len(lists))
            along = [tuple(t if b == j else 0 for b in width) for j, p in enumerate(lists) for t in range(1, len(p))]
            rows += [r for r in dict.fromkeys(along) if r not in set(rows)][: max(0, limit - len(rows))]
    env: Env = {}
    for j, g in enumerate(given):
        block = lists[j][[r[j] for r in rows]]
        for col, e in enumerate(_entries(g.target)):
            if isinstance(e, sp.Symbol):
                env[e] = block[:, col].astype(float)
    return env


def count(env: Env) -> int:
    return len(next(iter(env.values()))) if env else 0


def _entries(target: sp.Basic) -> list[sp.Basic]:
    if isinstance(target, sp.MatrixBase):
        return list(target)
    return [target]


def concat(envs: Sequence[Env]) -> Env:
    return {s: np.concatenate([e[s] for e in envs]) for s in envs[0]}


def perturbed(env: Env, rng: np.random.Generator, ulps: float = 4.0) -> Env:
    """The same points moved by a few ulps, to measure round-off sensitivity."""
    return {s: v * (1 + ulps * EPS * rng.uniform(-1, 1, size=v.shape)) for s, v in env.items()}


@dataclass
class BatchComparison:
    """Per-sample errors of a batch comparison of two sides."""

    error: np.ndarray  # (K,) worst absolute difference over entries
    tolerance: np.ndarray  # (K,) what round-off alone can explain
    scale: np.ndarray  # (K,) magnitude of the values
    valid: np.ndarray  # (K,) False where either side is NaN or infinite
    entry_margin: np.ndarray | None = None  # (K, m) error / tolerance per entry, where entries exist
    reference: np.ndarray | None = None  # (K,) the magnitudes involved: values and intermediate terms
    blind: np.ndarray | None = None  # (K,) samples whose values fell below floats' normal range: no evidence in floats

    @property
    def magnitude(self) -> np.ndarray:
        """What errors and tolerances are measured against: the values and the terms they are
        computed from (a side that is 0 by cancellation is still computed from terms of size 1)."""
        return self.scale if self.reference is None else np.maximum(self.reference, self.scale)

    @property
    def wide(self) -> np.ndarray:
        """Valid samples whose tolerance is not small against the magnitudes involved: float64
        says nothing there (overflow, ill-conditioning, underflow: `blind`), so they pass only if high precision
        agrees."""
        wide = self.tolerance > WIDE_RELATIVE * self.magnitude + 1e-250
        return self.valid & (wide if self.blind is None else wide | self.blind)

    @property
    def suspects(self) -> np.ndarray:
        """Indices of valid samples beyond tolerance, worst margin first, then the wide ones."""
        beyond = self.valid & (self.error > self.tolerance)
        bad = np.flatnonzero(beyond)
        bad = bad[np.argsort(-(self.error[bad] / self.tolerance[bad]))]
        wide = np.flatnonzero(self.wide & ~beyond)
        return np.concatenate([bad, wide]).astype(int)

    def suspect_entries(self, idx: int) -> list[int]:
        """The entries of sample idx to recompute: all of them beyond tolerance (all, if the sample is wide)."""
        if self.entry_margin is None:
            return []
        row = self.entry_margin[idx]
        if self.wide[idx]:
            return list(range(len(row)))
        picked = np.flatnonzero(row > 1)
        return [int(i) for i in picked] if len(picked) else [int(np.argmax(row))]

    def _worst(self) -> int | None:
        ok = np.flatnonzero(self.valid)
        if not len(ok):
            return None
        return int(ok[np.argmax(self.error[ok] / self.tolerance[ok])])

    def worst_relative(self) -> float:
        """The error at the worst-margin sample, relative to the magnitudes involved there (absolute where they are
        below 10⁻²⁹⁰, as its tolerance is: both in one unit, so that their ratio is the sample's margin)."""
        w = self._worst()
        return float("nan") if w is None else float(self.error[w] / self._size(w))

    def worst_margin(self) -> float:
        w = self._worst()
        return float("nan") if w is None else float(self.error[w] / self.tolerance[w])

    def typical_tolerance(self) -> float:
        """The tolerance at the worst-margin sample, in worst_relative's unit."""
        w = self._worst()
        return float("nan") if w is None else float(self.tolerance[w] / self._size(w))

    def _size(self, w: int) -> float:
        """The magnitudes at sample w, or 1 where they are too small to divide by (an error of 10⁻³⁰⁰ was shown as
        0.95 beside a tolerance of 10⁻³⁰⁰ written "0 (exact)": a pass that read as beyond its tolerance)."""
        size = float(self.magnitude[w])
        return size if size > 1e-290 else 1.0


def compare(
    lhs: np.ndarray,
    rhs: np.ndarray,
    lhs_noise: np.ndarray,
    rhs_noise: np.ndarray,
    extra_tol: np.ndarray | float = 0.0,
    terms: np.ndarray | None = None,
) -> BatchComparison:
    """Compare two (K, m) batches; *_noise are the same sides at perturbed inputs; terms, if
    given, is the (K, m) size of the intermediate terms (see magnitude)."""
    valid = np.all(np.isfinite(lhs), axis=1) & np.all(np.isfinite(rhs), axis=1)
    with np.errstate(all="ignore"):
        diff = np.abs(lhs - rhs)
        scale = np.maximum(np.abs(lhs), np.abs(rhs))
        spread = np.abs(lhs - lhs_noise) + np.abs(rhs - rhs_noise)
        spread = np.where(np.isfinite(spread), spread, 0.0)
        # normwise: round-off in one entry is relative to the largest entry of the sample
        row_scale = np.max(np.where(np.isfinite(scale), scale, 0.0), axis=1, keepdims=True)
        if terms is not None:
            row_scale = np.maximum(row_scale, np.where(np.isfinite(terms), terms, 0.0))
        tol_entry = 64 * EPS * row_scale + 8 * spread + extra_tol + 1e-300
        error = np.max(np.where(np.isfinite(diff), diff, 0.0), axis=1)
        margin_entry = np.where(np.isfinite(diff), diff / tol_entry, 0.0)
        worst = np.argmax(margin_entry, axis=1)
        rows = np.arange(lhs.shape[0])
        tolerance = tol_entry[rows, worst]
        error = diff[rows, worst]
        error = np.where(np.isfinite(error), error, 0.0)
        scale_row = np.max(np.where(np.isfinite(scale), scale, 0.0), axis=1)
    return BatchComparison(error, tolerance, scale_row, valid, margin_entry, row_scale[:, 0])


def blinded(
    cmp: BatchComparison, underflowed: bool, fns: Sequence[Compiled], env: Env, sizes: np.ndarray | None = None
) -> BatchComparison:
    """cmp, with its blind samples marked where the run underflowed: those whose sizes (by default its values and
    terms) all lie below floats' normal range and whose own evaluation by fns underflowed (A₁₁A₂₂ and A₁₂A₂₁ near
    10⁻³⁴⁰ are both 0 in floats): floats cannot compare them. A sample that is exactly 0 without an underflow (x = 0,
    a ReLU below its kink) is not blind. Past BLIND_PROBES candidates, the rest count as blind unprobed."""
    if not underflowed:
        return cmp
    candidates = np.flatnonzero(cmp.valid & (np.nan_to_num(cmp.magnitude if sizes is None else sizes) < TINY))
    cmp.blind = np.zeros(len(cmp.valid), dtype=bool)
    cmp.blind[candidates[BLIND_PROBES:]] = True
    for idx in candidates[:BLIND_PROBES]:
        one = {sym: values[idx : idx + 1] for sym, values in env.items()}
        cmp.blind[idx] = any(_underflows(fn, one) for fn in fns)
    return cmp


def _underflows(fn: Compiled, env: Env) -> bool:
    fn(env)
    return fn.underflowed


# ----------------------------------------------------------------------------- derivatives


COMPLEX_STEP = 1e-30


def directional_complex_step(fn: Compiled, env: Env, wrt: Sequence[sp.Symbol], directions: np.ndarray) -> np.ndarray:
    """J·v for each sample and direction: Im f(x + i·h·v)/h, exact to round-off.

    directions: (D, n_in). Returns (K, D, n_out).
    """
    k = len(next(iter(env.values())))
    d = directions.shape[0]
    big = {s: np.repeat(v.astype(complex), d) for s, v in env.items()}
    for j, s in enumerate(wrt):
        big[s] = big[s] + 1j * COMPLEX_STEP * np.tile(directions[:, j], k)
    out = fn(big)
    return (out.imag / COMPLEX_STEP).reshape(k, d, -1)


def directional_richardson(
    fn: Callable[[Env], np.ndarray], env: Env, wrt: Sequence[sp.Symbol], directions: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """J·v by central differences with one Richardson step; returns (value, error estimate)."""
    k = len(next(iter(env.values())))
    d = directions.shape[0]
    scale = np.ones(k)
    for s in wrt:
        scale = np.maximum(scale, np.abs(env[s]))
    h = 1e-3 * np.repeat(scale, d)

    def at(t: np.ndarray) -> np.ndarray:  # non-analytic functions: NaN/inf at kinks is expected here
        big = {s: np.repeat(v, d).astype(float) for s, v in env.items()}
        for j, s in enumerate(wrt):
            big[s] = big[s] + t * np.tile(directions[:, j], k)
        return np.real(fn(big))

    hh = h[:, None]
    with np.errstate(all="ignore"):
        coarse = (at(h) - at(-h)) / (2 * hh)
        fine = (at(h / 2) - at(-h / 2)) / hh
        value = (4 * fine - coarse) / 3
        err = np.abs(value - fine) + 1e3 * EPS * np.abs(value)
    return value.reshape(k, d, -1), err.reshape(k, d, -1)


def second_directional(
    fn: Compiled, env: Env, wrt: Sequence[sp.Symbol], pairs: tuple[np.ndarray, np.ndarray], analytic: bool
) -> tuple[np.ndarray, np.ndarray]:
    """uᵀ(∇²f)v per sample and pair: d/dt of the first directional derivative along u at x + t·v.

    The inner derivative is the complex step when f is analytic; the outer one is a
    Richardson-extrapolated central difference. Returns (K, P) values and error estimates.
    """
    u, v = pairs
    k = len(next(iter(env.values())))
    p = u.shape[0]
    scale = np.ones(k)
    for s in wrt:
        scale = np.maximum(scale, np.abs(env[s]))

    def inner(t: np.ndarray) -> np.ndarray:
        shifted = {s: np.repeat(val, p).astype(float) for s, val in env.items()}
        for j, s in enumerate(wrt):
            shifted[s] = shifted[s] + t * np.tile(v[:, j], k)
        if analytic:
            big = {s: val.astype(complex) for s, val in shifted.items()}
            for j, s in enumerate(wrt):
                big[s] = big[s] + 1j * COMPLEX_STEP * np.tile(u[:, j], k)
            return fn(big)[:, 0].imag / COMPLEX_STEP
        h2 = 1e-4 * np.repeat(scale, p)
        plus = {s: val.copy() for s, val in shifted.items()}
        minus = {s: val.copy() for s, val in shifted.items()}
        for j, s in enumerate(wrt):
            plus[s] = plus[s] + h2 * np.tile(u[:, j], k)
            minus[s] = minus[s] - h2 * np.tile(u[:, j], k)
        return np.real(fn(plus)[:, 0] - fn(minus)[:, 0]) / (2 * h2)

    h = 1e-3 * np.repeat(scale, p)
    with np.errstate(all="ignore"):
        coarse = (inner(h) - inner(-h)) / (2 * h)
        fine = (inner(h / 2) - inner(-h / 2)) / h
        value = (4 * fine - coarse) / 3
        err = np.abs(value - fine) + 1e3 * EPS * np.abs(value)
    return value.reshape(k, p), err.reshape(k, p)


def basis_or_random(n: int, rng: np.random.Generator, limit: int, random_count: int) -> np.ndarray:
    """All unit directions when n <= limit, else random Gaussian directions."""
    if n <= limit:
        return np.eye(n)
    return rng.standard_normal((random_count, n))


def hessian_pairs(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (u, v): every (eᵢ, eⱼ) with i <= j for small n, else 16 random Gaussian pairs (a check compares
    each pair both ways, uᵀHv and vᵀHu, so that a claimed H that is not symmetric is seen)."""
    if n <= 12:
        idx = [(i, j) for i in range(n) for j in range(i, n)]
        eye = np.eye(n)
        return eye[[i for i, _ in idx]], eye[[j for _, j in idx]]
    return rng.standard_normal((16, n)), rng.standard_normal((16, n))
