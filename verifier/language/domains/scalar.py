"""Scalar domains: ℝ, positive, nonnegative, nonzero, an interval, the integers."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import sympy as sp

from verifier.language.domains.base import (
    SIMPLE,
    Domain,
    DomainError,
    Parametrisation,
    Shape,
    inside,
    number_text,
    scalar_specials,
    scales,
    simple_values,
    symbol_entries,
)
from verifier.language.domains.exact import fractions


@dataclass(frozen=True)
class Real(Domain):
    """Any real number (elementwise for vectors and matrices)."""

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        base = rng.standard_normal((k, *shape))
        base *= scales(rng, k).reshape((k,) + (1,) * len(shape))
        simple = rng.uniform(size=k) < 0.15
        base[simple] = simple_values(rng, shape, int(simple.sum()))
        return base

    def corner_sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        return rng.choice([-40.0, -12.0, 12.0, 40.0], size=(k, *shape)) + rng.standard_normal((k, *shape))

    def contains_exactly(self, values: Sequence[sp.Rational]) -> bool | None:
        return entrywise(values, lambda v: True)

    def special_points(self, shape: Shape) -> np.ndarray:
        if not shape:
            return scalar_specials(shape, SIMPLE)
        return np.concatenate([scalar_specials(shape, (0.0, 1.0, -1.0)), shaped_specials(shape)])


@dataclass(frozen=True)
class Positive(Domain):
    """x > 0."""

    def assumptions(self) -> dict[str, bool]:
        return {"real": True, "positive": True}

    def describe(self) -> str:
        return "ℝ₊ (x > 0)"

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        base = np.exp(rng.uniform(-1.5, 1.5, size=(k, *shape)))
        base *= scales(rng, k).reshape((k,) + (1,) * len(shape))
        simple = rng.uniform(size=k) < 0.15
        base[simple] = rng.choice([0.5, 1.0, 2.0, 3.0], size=(int(simple.sum()), *shape))
        return base

    def corner_sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        return np.exp(rng.choice([-9.0, 9.0], size=(k, *shape)))

    def contains_exactly(self, values: Sequence[sp.Rational]) -> bool | None:
        return entrywise(values, lambda v: v > 0)

    def special_points(self, shape: Shape) -> np.ndarray:
        return scalar_specials(shape, (1.0, 2.0, 0.5, 3.0))


@dataclass(frozen=True)
class Nonnegative(Positive):
    """x >= 0."""

    def assumptions(self) -> dict[str, bool]:
        return {"real": True, "nonnegative": True}

    def describe(self) -> str:
        return "ℝ≥0 (x >= 0)"

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        base = super().sample(rng, shape, k)
        zero = rng.uniform(size=(k, *shape)) < 0.05
        base[zero] = 0.0
        return base

    def contains_exactly(self, values: Sequence[sp.Rational]) -> bool | None:
        return entrywise(values, lambda v: v >= 0)

    def special_points(self, shape: Shape) -> np.ndarray:
        return scalar_specials(shape, (0.0, 1.0, 2.0, 0.5))


@dataclass(frozen=True)
class Nonzero(Real):
    """x != 0."""

    def assumptions(self) -> dict[str, bool]:
        return {"real": True, "nonzero": True}

    def describe(self) -> str:
        return "ℝ∖{0}"

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        base = super().sample(rng, shape, k)
        tiny = np.abs(base) < 1e-6
        base[tiny] = 1.0
        return base

    def contains_exactly(self, values: Sequence[sp.Rational]) -> bool | None:
        return entrywise(values, lambda v: v != 0)

    def special_points(self, shape: Shape) -> np.ndarray:
        return scalar_specials(shape, (1.0, -1.0, 2.0, -2.0, 0.5, -0.5))


FLOAT_REACH = 1e300  # an end beyond it is sampled as if it were there: samples stay finite and in the domain
INTEGER_REACH = 2**53  # integers beyond it have no exact float: samples stay within it where the range reaches it


def float_end(value: float) -> float:
    """An end of a domain as a float for sampling, clamped to ±FLOAT_REACH (10**400 has no float)."""
    return float(max(-FLOAT_REACH, min(FLOAT_REACH, value)))


def float_ends(lo: float, hi: float) -> tuple[float, float]:
    """An interval's ends as floats rounded inward: the nearest float to 1 + 10⁻¹² lies above it, so the samples
    drawn at that end were outside the domain, dropped, and the end was never tried (a claim false only there
    was CHECKED: helper-80). An end a float holds exactly stays."""
    low, high = float_end(lo), float_end(hi)
    if math.isfinite(low) and Fraction(low) < Fraction(lo):
        low = math.nextafter(low, math.inf)
    if math.isfinite(high) and Fraction(high) > Fraction(hi):
        high = math.nextafter(high, -math.inf)
    return (low, high) if low <= high else (float_end(lo), float_end(hi))  # no float inside: as near as floats go


@dataclass(frozen=True)
class Interval(Domain):
    """lo <= x <= hi (or open at either end)."""

    lo: float = 0.0
    hi: float = 1.0
    open_lo: bool = False
    open_hi: bool = False

    def assumptions(self) -> dict[str, bool]:
        out = {"real": True}
        if self.lo > 0 or (self.lo == 0 and self.open_lo):
            out["positive"] = True
        elif self.lo >= 0:
            out["nonnegative"] = True
        return out

    def describe(self) -> str:
        left = "(" if self.open_lo else "["
        right = ")" if self.open_hi else "]"
        lo, hi = number_text(self.lo), number_text(self.hi)
        if lo == hi and self.lo != self.hi:  # [1 + 10⁻³⁰, 1 + 2·10⁻³⁰] is not "[1, 1]"
            lo, hi = str(Fraction(self.lo)), str(Fraction(self.hi))
        return f"{left}{lo}, {hi}{right}"

    def validate(self, shape: Shape) -> None:
        for end in (self.lo, self.hi):
            try:
                Fraction(end)  # the domain is read exactly (_holds): an irrational sympy end has no Fraction
            except OverflowError:
                continue  # float("inf"): unbounded, said below (it was an OverflowError from our own code)
            except (TypeError, ValueError):
                raise DomainError(
                    f"interval end {end} is not a rational number; give it as an int, a float (read as its "
                    "binary value) or a Fraction, or narrow the claim with a condition instead"
                ) from None
        if self.lo > self.hi or (self.lo == self.hi and (self.open_lo or self.open_hi)):
            raise DomainError(
                f"interval {self.describe()} is empty; give lo < hi (or lo = hi, both ends closed, for one point)"
            )
        if not all(isinstance(e, int | Fraction) or math.isfinite(e) for e in (self.lo, self.hi)):
            raise DomainError(
                f"interval {self.describe()} is unbounded; give finite ends, or declare Real(), Positive() or "
                "Nonnegative() (with a condition for another end)"
            )

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        lo, hi = float_ends(self.lo, self.hi)
        pad = (hi - lo) * 1e-9
        lo, hi = lo + (pad if self.open_lo else 0.0), hi - (pad if self.open_hi else 0.0)
        base = rng.uniform(lo, hi, size=(k, *shape))
        ends = rng.uniform(size=k) < 0.1
        base[ends] = rng.choice([lo, hi, (lo + hi) / 2], size=(int(ends.sum()), *shape))
        return base

    def parametrisation(self, target: sp.Basic) -> Parametrisation | None:
        """x = (lo + hi·s)/(1 + s) for s ≥ 0 (s > 0 if lo is open) covers [lo, hi); from the other end for
        (lo, hi]. A closed [lo, hi] needs two such maps, which one sign proof cannot carry: None."""
        if not (self.open_lo or self.open_hi):
            return None
        lo, hi = sp.Rational(self.lo), sp.Rational(self.hi)  # as _holds reads them (nsimplify: √2 for 1.4142…51)
        start, end, start_open = (lo, hi, self.open_lo) if self.open_hi else (hi, lo, self.open_hi)
        entries = {}
        for x in symbol_entries(target):
            s = sp.Symbol(f"{x.name}_s", **({"positive": True} if start_open else {"nonnegative": True}))
            entries[x] = (start + end * s) / (1 + s)
        text = f"{self.describe()} as (a + b·s)/(1 + s), a = {start}, b = {end}, s {'>' if start_open else '≥'} 0"
        return Parametrisation(entries, text) if entries else None

    def covered_by_floats(self) -> bool:
        """Float samples can stand for the interval: it is one point that is a float, or it holds two floats at
        least. [1 + 10⁻³⁰, 1 + 2·10⁻³⁰] holds none (every sample is 1.0, outside it), [1, 1 + 10⁻³⁰] one (every sample
        is 1.0, where a claim on x > 1 says nothing; helper-84), and an end beyond the floats' reach is clamped to
        it, outside [2·10³⁰⁰, 10³⁰⁵]: no sample of these is evidence for the interval."""
        if self.lo == self.hi:
            return Fraction(float_end(self.lo)) == Fraction(self.lo)
        low, high = float_ends(self.lo, self.hi)
        if self.open_lo and Fraction(low) == Fraction(self.lo):
            low = math.nextafter(low, math.inf)
        return (
            self._holds(Fraction(low))
            and math.nextafter(low, math.inf) <= high
            and self._holds(Fraction(math.nextafter(low, math.inf)))
        )

    def corner_sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        lo, hi = float_ends(self.lo, self.hi)
        near = rng.choice([1e-7, 1 - 1e-7], size=(k, *shape))
        return lo + (hi - lo) * near

    def _holds(self, v: Fraction) -> bool:
        lo, hi = Fraction(self.lo), Fraction(self.hi)
        above = v > lo if self.open_lo else v >= lo
        below = v < hi if self.open_hi else v <= hi
        return above and below

    def contains_exactly(self, values: Sequence[sp.Rational]) -> bool | None:
        return entrywise(values, self._holds)

    def special_points(self, shape: Shape) -> np.ndarray:
        lo, hi = float_ends(self.lo, self.hi)
        candidates = (lo, hi, (lo + hi) / 2, *SIMPLE)
        return inside(scalar_specials(shape, candidates), lambda p: self._holds(Fraction(float(p.flat[0]))))


@dataclass(frozen=True)
class Integer(Domain):
    """lo <= x <= hi, x an integer."""

    lo: int = 1
    hi: int = 10

    def assumptions(self) -> dict[str, bool]:
        out = {"integer": True}
        if self.lo > 0:
            out["positive"] = True
        elif self.lo >= 0:
            out["nonnegative"] = True
        return out

    def describe(self) -> str:
        return f"{{{self.lo}, …, {self.hi}}}"

    def validate(self, shape: Shape) -> None:
        if self.lo > self.hi:
            raise DomainError(f"integer range {self.describe()} is empty")

    def sample(self, rng: np.random.Generator, shape: Shape, k: int) -> np.ndarray:
        lo, hi = max(self.lo, -INTEGER_REACH), min(self.hi, INTEGER_REACH)
        if lo > hi:  # the whole range beyond 2**53: offsets from its lower end (floats near it, then checked)
            lo, hi = 0, min(self.hi - self.lo, INTEGER_REACH)
            return (float(self.lo) + rng.integers(lo, hi + 1, size=(k, *shape))).astype(float)
        return rng.integers(lo, hi + 1, size=(k, *shape)).astype(float)

    def _holds(self, v: Fraction) -> bool:
        return v.denominator == 1 and self.lo <= v <= self.hi

    def contains_exactly(self, values: Sequence[sp.Rational]) -> bool | None:
        return entrywise(values, self._holds)

    def special_points(self, shape: Shape) -> np.ndarray:
        candidates = (float_end(self.lo), float_end(self.hi), 0.0, 1.0, -1.0, 2.0)
        return inside(scalar_specials(shape, candidates), lambda p: self._holds(Fraction(float(p.flat[0]))))


def entrywise(values: Sequence[sp.Rational], holds: Callable[[Fraction], bool]) -> bool | None:
    """Every entry is rational and satisfies holds; None if an entry is not rational."""
    exact = fractions(values)
    return None if exact is None else all(holds(v) for v in exact)


def shaped_specials(shape: Shape) -> np.ndarray:
    """Points with structure: a one-hot vector; the identity and the exchange matrix if square."""
    if len(shape) == 2 and shape[1] == 1:
        return np.eye(shape[0])[:1].reshape(1, *shape)
    if len(shape) == 2 and shape[0] == shape[1]:
        return np.stack([np.eye(shape[0]), np.eye(shape[0])[::-1]])
    return np.empty((0, *shape))
