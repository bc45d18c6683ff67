"""Distributions of the random variables in expectation claims.

Each distribution knows its raw moments exactly (for the symbolic side and for exact
numeric expectations) and how to draw samples (for Monte Carlo).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields

import numpy as np
import sympy as sp


@dataclass(frozen=True)
class Distribution:
    """Base class for a scalar law with finite moments."""

    def moment(self, k: int) -> sp.Expr:
        raise NotImplementedError

    def params(self) -> tuple[sp.Expr, ...]:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def requires(self) -> tuple[sp.Basic, ...]:
        """The conditions on the parameters under which the law exists (0 ≤ p ≤ 1 for Bernoulli(p))."""
        return ()

    def draw(self, rng: np.random.Generator, params: tuple[np.ndarray, ...], size: tuple[int, ...]) -> np.ndarray:
        raise NotImplementedError

    def map(self, fn: Callable[[sp.Expr], sp.Expr]) -> Distribution:
        """The same law with fn applied to every parameter."""
        return type(self)(*[fn(sp.sympify(getattr(self, f.name))) for f in fields(self)])

    def parts(self) -> tuple[sp.Expr, ...]:
        """The parameters, as a statement's walker sees them."""
        return self.params()

    def map_parts(self, fn: Callable[[sp.Expr], sp.Expr]) -> Distribution:
        return self.map(fn)

    def through(self, z: sp.Symbol, noise: set[sp.Symbol]) -> tuple[sp.Expr, Distribution] | None:
        """The variable written as a function of an independent noise z, and z's law (free of the noise
        variables), when there is a polynomial form: what to write instead of a law that depends on noise."""
        return None


@dataclass(frozen=True)
class Normal(Distribution):
    """N(mean, variance)."""

    mean: sp.Expr
    variance: sp.Expr

    def moment(self, k: int) -> sp.Expr:
        # E[X^k] = μ E[X^{k-1}] + (k-1) σ² E[X^{k-2}]
        prev, cur = sp.Integer(1), sp.sympify(self.mean)
        if k == 0:
            return prev
        for j in range(2, k + 1):
            prev, cur = cur, sp.expand(self.mean * cur + (j - 1) * self.variance * prev)
        return cur

    def params(self) -> tuple[sp.Expr, ...]:
        return (sp.sympify(self.mean), sp.sympify(self.variance))

    def describe(self) -> str:
        return f"N({self.mean}, {self.variance})"

    def requires(self) -> tuple[sp.Basic, ...]:
        return (sp.Ge(sp.sympify(self.variance), 0),)  # variance 0: the point mass at the mean

    def through(self, z: sp.Symbol, noise: set[sp.Symbol]) -> tuple[sp.Expr, Distribution] | None:
        mean, variance = self.params()
        if variance.free_symbols & noise:
            return mean + sp.sqrt(variance) * z, Normal(sp.Integer(0), sp.Integer(1))
        return mean + z, Normal(sp.Integer(0), variance)

    def draw(self, rng: np.random.Generator, params: tuple[np.ndarray, ...], size: tuple[int, ...]) -> np.ndarray:
        mean, var = params
        return mean + np.sqrt(var) * rng.standard_normal(size)


@dataclass(frozen=True)
class Bernoulli(Distribution):
    """1 with probability p, else 0."""

    p: sp.Expr

    def moment(self, k: int) -> sp.Expr:
        return sp.Integer(1) if k == 0 else sp.sympify(self.p)

    def params(self) -> tuple[sp.Expr, ...]:
        return (sp.sympify(self.p),)

    def describe(self) -> str:
        return f"Bernoulli({self.p})"

    def requires(self) -> tuple[sp.Basic, ...]:
        return (sp.Ge(sp.sympify(self.p), 0), sp.Le(sp.sympify(self.p), 1))

    def draw(self, rng: np.random.Generator, params: tuple[np.ndarray, ...], size: tuple[int, ...]) -> np.ndarray:
        (p,) = params
        return (rng.uniform(size=size) < p).astype(float)


@dataclass(frozen=True)
class Uniform(Distribution):
    """Uniform on [a, b]."""

    a: sp.Expr
    b: sp.Expr

    def moment(self, k: int) -> sp.Expr:
        a, b = sp.sympify(self.a), sp.sympify(self.b)
        return sp.cancel((b ** (k + 1) - a ** (k + 1)) / ((k + 1) * (b - a)))

    def params(self) -> tuple[sp.Expr, ...]:
        return (sp.sympify(self.a), sp.sympify(self.b))

    def describe(self) -> str:
        return f"U[{self.a}, {self.b}]"

    def requires(self) -> tuple[sp.Basic, ...]:
        return (sp.Lt(sp.sympify(self.a), sp.sympify(self.b)),)  # its moments divide by b − a

    def through(self, z: sp.Symbol, noise: set[sp.Symbol]) -> tuple[sp.Expr, Distribution] | None:
        a, b = self.params()
        return a + (b - a) * z, Uniform(sp.Integer(0), sp.Integer(1))

    def draw(self, rng: np.random.Generator, params: tuple[np.ndarray, ...], size: tuple[int, ...]) -> np.ndarray:
        a, b = params
        return a + (b - a) * rng.uniform(size=size)


def dependence(noise: Mapping[sp.Symbol, Distribution], taken: Iterable[sp.Basic] = ()) -> str | None:
    """Why the noise laws are not independent draws, or None: a law whose parameters mention a noise variable
    (its own, or another's) makes the variables dependent, which the verifier's moments and draws never are.
    taken: the claim's other symbols, which the suggested new noise variable must not be named after."""
    names = set(noise)
    for var, law in noise.items():
        if not isinstance(law, Distribution):
            continue
        found = sorted({s for p in law.params() for s in p.free_symbols} & names, key=str)
        if var in found:
            return f"the law of {var} depends on {var} itself; give it parameters free of the noise variables"
        if found:
            return _dependent_text(var, law, found, names, _fresh({*names, *taken}))
    return None


def _dependent_text(
    var: sp.Symbol, law: Distribution, found: list[sp.Symbol], noise: set[sp.Symbol], z: sp.Symbol
) -> str:
    on = ", ".join(map(str, found))
    head = f"the law of {var} depends on the noise {on}; write {var} as "
    written = law.through(z, noise)
    if written is None:
        return head + f"a function of {on} and an independent noise (noise variables are drawn independently)"
    expr, z_law = written
    return head + f"{sp.sstr(expr)} with {z} ~ {z_law.describe()} independent (noise variables are drawn independently)"


def _fresh(taken: set[sp.Basic]) -> sp.Symbol:
    """Z, or Z1, Z2, …: a name no symbol of the claim has."""
    names = {str(s) for s in taken}
    name = next(n for n in ("Z", *(f"Z{i}" for i in range(1, len(names) + 2))) if n not in names)
    return sp.Symbol(name)
