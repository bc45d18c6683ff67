"""Minimal counterexamples: the smallest n comes from checking n in increasing order;
this module then looks for the simplest values the domains allow.

Each given's value is written with *digits*: an entry's digit picks one of a few simple values
(0, 1, −1, 2, −2, ½, −½, 3, or the ends and middle of an interval), the lowest digit being the
simplest; an orthogonal matrix's digits pick a signed permutation (all zero: the identity).
Domains with no simple points (simplex, one-hot, ...) keep their values from the counterexample.
Matrices in SPD, PSD or invertible domains are built from simple entries and kept only if they
lie in the domain.

The search is deterministic, from the run's seed: first the point of simple values nearest the
counterexample, the all-zero point and up to MAX_EXAMPLES random points, until one fails; then
it lowers one digit, or one given's digits all at once, while the point still fails. At most
MAX_CHECKS points are checked. Every candidate is judged by the same numeric check, so a shrunk
counterexample is re-confirmed in high precision like any other.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from random import Random

import numpy as np
import sympy as sp

from verifier.language import domains as d
from verifier.language.claims import Given
from verifier.language.domains.scalar import float_ends
from verifier.numeric.batch import Env
from verifier.numeric.checks import NumericOutcome, Settings
from verifier.outcome import NumericVerdict
from verifier.trusted.instantiate import Instance

SIMPLE = (0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 3.0)
MAX_EXAMPLES = 60  # random points of simple values tried while none fails
MAX_CHECKS = 200  # points checked in all, while searching and while shrinking
Check = Callable[[Instance, np.random.Generator, Settings], NumericOutcome]
Digits = tuple[int, ...]


def _scalar_values(domain: d.Domain) -> list[float] | None:
    if isinstance(domain, d.Interval):
        lo, hi = float_ends(domain.lo, domain.hi)  # 10**400 has no float; ends rounded inward
        inside = [
            v
            for v in (lo, hi, (lo + hi) / 2, *SIMPLE)
            if (domain.lo < v or (v == domain.lo and not domain.open_lo))
            and (v < domain.hi or (v == domain.hi and not domain.open_hi))
        ]
        return list(dict.fromkeys(inside)) or None
    if isinstance(domain, d.Integer):  # only integers a float holds exactly: float(2**53 + 1) is 2**53
        exact = [float(v) for v in range(domain.lo, min(domain.hi, domain.lo + 11) + 1) if abs(v) <= 2**53]
        return exact or None
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


@dataclasses.dataclass(frozen=True)
class Block:
    """One given's simple values: `sizes[i]` choices for its digit i, the array some digits make (None: not in
    the domain), and the digits nearest a value (None: no such digits)."""

    label: str
    sizes: tuple[int, ...]
    make: Callable[[Sequence[int]], np.ndarray | None]
    near: Callable[[np.ndarray], Digits | None]


def _fixed(g: Given, value: object) -> Block:
    kept = np.asarray(value)
    return Block(g.label, (), lambda _: kept, lambda _: ())


def _signed_permutations(g: Given, n: int) -> Block:
    """The simplest orthogonal matrices: a permutation (its Lehmer code) with signs; all digits 0: the identity."""

    def make(digits: Sequence[int]) -> np.ndarray:
        left, order = list(range(n)), []
        for k in digits[:n]:
            order.append(left.pop(k))
        m = np.zeros((n, n))
        m[np.arange(n), order] = [(1.0, -1.0)[s] for s in digits[n:]]
        return m

    return Block(g.label, tuple(range(n, 0, -1)) + (2,) * n, make, lambda _: None)


def _entries(g: Given, values: list[float]) -> Block:
    shape = g.shape or (1,)
    if isinstance(g.domain, d.Symmetric | d.Diagonal):
        n = shape[0]
        where = np.triu_indices(n) if isinstance(g.domain, d.Symmetric) else (np.arange(n), np.arange(n))

        def build(flat: np.ndarray) -> np.ndarray:
            m = np.zeros((n, n))
            m[where] = flat
            return np.triu(m) + np.triu(m, 1).T

        def free(value: np.ndarray) -> np.ndarray:
            return value.reshape(n, n)[where]

        count = len(where[0])
    else:
        count = int(np.prod(shape))

        def build(flat: np.ndarray) -> np.ndarray:
            return flat.reshape(shape)

        def free(value: np.ndarray) -> np.ndarray:
            return value.reshape(-1)

    table = np.array(values)

    def make(digits: Sequence[int]) -> np.ndarray | None:
        m = build(table[list(digits)])
        return m if _admits(g.domain, m) else None

    def near(value: np.ndarray) -> Digits | None:
        flat = free(np.asarray(value, dtype=float))
        if flat.size != count or not np.all(np.isfinite(flat)):
            return None
        return tuple(int(np.argmin(np.abs(table - v))) for v in flat)

    return Block(g.label, (len(values),) * count, make, near)


def _block(g: Given, value: object | None) -> Block | None:
    """The given's digits; None where it has no simple values and the counterexample no value for it."""
    if isinstance(g.domain, d.Orthogonal) and len(g.shape) == 2 and g.shape[0] == g.shape[1]:
        return _signed_permutations(g, g.shape[0])
    values = _scalar_values(g.domain)
    if values is None:
        return None if value is None else _fixed(g, value)
    return _entries(g, values)


class _Search:
    """Points of digits, each checked at most once, MAX_CHECKS at most."""

    def __init__(self, blocks: list[Block], fails: Callable[[list[np.ndarray]], bool]) -> None:
        self.blocks, self.fails_at = blocks, fails
        self.spans: list[tuple[int, int]] = []
        start = 0
        for b in blocks:
            self.spans.append((start, start + len(b.sizes)))
            start += len(b.sizes)
        self.sizes = tuple(s for b in blocks for s in b.sizes)
        self.seen: dict[Digits, bool] = {}

    def arrays(self, digits: Digits) -> list[np.ndarray] | None:
        """Each given's array, in the order of the givens (None: one lies outside its domain)."""
        out: list[np.ndarray] = []
        for b, (lo, hi) in zip(self.blocks, self.spans, strict=True):
            m = b.make(digits[lo:hi])
            if m is None:
                return None
            out.append(m)
        return out

    def fails(self, digits: Digits) -> bool:
        if digits not in self.seen:
            arrays = self.arrays(digits) if len(self.seen) < MAX_CHECKS else None
            self.seen[digits] = arrays is not None and self.fails_at(arrays)
        return self.seen[digits]

    def first_failure(self, near: Digits | None, rng: Random) -> Digits | None:
        starts = [near] if near is not None else []
        starts.append((0,) * len(self.sizes))
        starts += [
            tuple(0 if rng.random() < 0.25 else rng.randrange(s) for s in self.sizes) for _ in range(MAX_EXAMPLES)
        ]
        return next((p for p in starts if self.fails(p)), None)

    def shrink(self, digits: Digits) -> Digits:
        """Lower a given's digits all to 0, or one digit to a lower one, while the point still fails."""
        improved = True
        while improved and len(self.seen) < MAX_CHECKS:
            improved = False
            for lo, hi in self.spans:
                if any(digits[lo:hi]) and self.fails(lowered := digits[:lo] + (0,) * (hi - lo) + digits[hi:]):
                    digits, improved = lowered, True
            for i, k in enumerate(digits):
                lower = next((v for v in range(k) if self.fails(_with(digits, i, v))), None)
                if lower is not None:
                    digits, improved = _with(digits, i, lower), True
        return digits


def _with(digits: Digits, i: int, value: int) -> Digits:
    return (*digits[:i], value, *digits[i + 1 :])


def _env(inst: Instance, arrays: list[np.ndarray]) -> Env:
    """The point: each given's array (in the order of inst.given; two givens may share a label, W1 and W2 at
    n = 1) on its entries."""
    env: Env = {}
    for g, array in zip(inst.given, arrays, strict=True):
        block = np.asarray(array, dtype=float).reshape(-1)
        targets = list(g.target) if isinstance(g.target, sp.MatrixBase) else [g.target]
        for entry, value in zip(targets, block, strict=True):
            if isinstance(entry, sp.Symbol):
                env[entry] = np.array([value])
    return env


def _near(blocks: list[Block], values: dict[str, object]) -> Digits | None:
    """The digits of the simple point nearest the counterexample (None where a given has none)."""
    out: Digits = ()
    for b in blocks:
        try:
            digits = b.near(np.asarray(values[b.label], dtype=float))
        except (KeyError, TypeError, ValueError):  # a value written as text, or none for this given
            return None
        if digits is None:
            return None
        out += digits
    return out


def minimise(
    inst: Instance, rng: np.random.Generator, s: Settings, check: Check, outcome: NumericOutcome
) -> NumericOutcome:
    """A simpler confirmed counterexample than outcome's, if the search finds one."""
    cx = outcome.counterexample
    if cx is None or not inst.given:
        return outcome
    # a counterexample may name only some givens, and two givens may share a name (W1 and W2 at n = 1, both W):
    # such a value cannot be told to be the given's own, and is not used
    labels = [g.label for g in inst.given]
    own = {k: v for k, v in cx.values.items() if labels.count(k) == 1}
    made = [_block(g, own.get(g.label)) for g in inst.given]
    blocks = [b for b in made if b is not None]
    if len(blocks) < len(made) or not any(b.sizes for b in blocks):
        return outcome

    def fails(values: list[np.ndarray]) -> bool:
        try:
            return check(inst, rng, dataclasses.replace(s, points=_env(inst, values))).verdict is NumericVerdict.FAIL
        except Exception:
            return False

    search = _Search(blocks, fails)
    start = search.first_failure(_near(blocks, own), Random(s.seed))
    found = search.arrays(search.shrink(start)) if start is not None else None
    if found is None:
        return outcome
    shrunk = check(inst, rng, dataclasses.replace(s, points=_env(inst, found)))
    if shrunk.counterexample is None:
        return outcome
    sample = "was undefined too" if cx.error == "undefined" else _off_by(str(cx.error))
    note = f"simplest values found by the shrinker (small integers and halves); a random sample {sample}"
    shrunk.counterexample = dataclasses.replace(shrunk.counterexample, note=note)
    shrunk.evidence = outcome.evidence
    return shrunk


def _off_by(error: str) -> str:
    """What the random sample showed: a difference ("was off by 1.95") or what it observed (an order, a rate)."""
    try:
        float(error.split(" ", 1)[0])
    except ValueError:
        return f"gave {error}"
    return f"was off by {error}"
