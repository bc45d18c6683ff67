"""Claims are data: what a derivation states, in sympy, with nothing about how to check it.

A derivation module writes each claim as a small builder function of the dimension n,
decorated with :func:`claim`::

    @claim(n=range(1, 9), numeric_n=(32,))
    def softmax_jacobian(n: int) -> Derivative:
        "∂p/∂z = diag(p) − ppᵀ."
        z = vector("z", n)
        p = softmax(z)
        return Derivative(p, wrt=z, equals=diag(p) - p * p.T, where={z: Real()})

The decorator (:mod:`verifier.language.families`) records a ClaimFamily; the engine builds one Claim per n.
The statement kinds below are plain frozen dataclasses of sympy objects.

Layout convention for derivatives: a gradient has the shape of its variable, so
(∂f/∂X)_ij = ∂f/∂X_ij; a Jacobian's rows are the outputs, so (∂y/∂x)_ij = ∂y_i/∂x_j;
a Hessian is the Jacobian of the gradient.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar, Self

import sympy as sp

from verifier.language import (
    fact_order,  # noqa: F401  (sympy's facts tried in one order, from the first statement)
    guards,  # noqa: F401  (sympy keeps M⁻¹M as its author wrote it)
)
from verifier.language.distributions import Distribution
from verifier.language.domains import Domain
from verifier.language.expect import Expect as Expect  # re-exported: a claim's expectation


@dataclass(frozen=True)
class Given:
    """One symbol (scalar, vector or matrix of symbols) and the domain it ranges over."""

    target: sp.Basic
    domain: Domain

    @cached_property
    def label(self) -> str:
        """The name the symbol was made with: the common prefix of its entries' names (W1 for W1₁₁, W1₁₂…);
        worked out once (each sample of a counterexample asks it again)."""
        if isinstance(self.target, sp.MatrixBase):
            names = [str(e) for e in self.target if isinstance(e, sp.Symbol)]
            if len(names) == len(self.target) and (named := _indexed_stem(names, *self.target.shape)):
                return named
            if len(set(names)) > 1:
                return os.path.commonprefix(names).rstrip("_") or _stem(names[0])  # noqa: RUF071 (names, not paths)
            return _stem(names[0]) if names else str(self.target[0])
        return str(self.target)

    @property
    def shape(self) -> tuple[int, ...]:
        if isinstance(self.target, sp.MatrixBase):
            return tuple(self.target.shape)
        return ()

    def symbols(self) -> list[sp.Symbol]:
        if isinstance(self.target, sp.MatrixBase):
            return [e for e in self.target if isinstance(e, sp.Symbol)]
        return [self.target] if isinstance(self.target, sp.Symbol) else []


Where = Mapping[Any, Domain] | Iterable[tuple[Any, Domain]]


def _givens(where: Where) -> tuple[Given, ...]:
    pairs = where.items() if isinstance(where, Mapping) else where
    return tuple(Given(_freeze(t), d) for t, d in pairs)


def _freeze(obj: Any) -> sp.Basic:
    if isinstance(obj, sp.MatrixBase):
        return sp.ImmutableMatrix(obj)
    return sp.sympify(obj)


def _stem(name: str) -> str:
    return name.rstrip("0123456789_")


def _indexed_stem(names: list[str], rows: int, cols: int) -> str:
    """The name of a matrix's (vector's) entries as `matrix` (`vector`) names them, Y for Y11, Y12 (the common
    prefix of a 1×2 matrix's would be Y1); "" where they are not so named."""
    sep = "_" if max(rows, cols) >= 10 else ""
    patterns = [[f"{i + 1}{sep}{j + 1}" for i in range(rows) for j in range(cols)]]
    if cols == 1 or rows == 1:
        patterns.append([str(k + 1) for k in range(rows * cols)])
    for suffixes in patterns:
        stems = {n.removesuffix(s) for n, s in zip(names, suffixes, strict=True) if n.endswith(s)}
        if len(stems) == 1 and all(n.endswith(s) for n, s in zip(names, suffixes, strict=True)):
            stem = next(iter(stems)).rstrip("_")  # W1_1, W1_2: W1
            if stem:
                return stem
    return ""


def _parts_of(value: object) -> list[Any]:
    """The sympy objects inside one field's value: itself, a tuple's items, a mapping's keys
    and values, or the parts of nested math data (a certificate, a distribution)."""
    if isinstance(value, sp.Basic | sp.MatrixBase):
        return [value]
    if isinstance(value, Mapping):
        return [p for k, v in value.items() for p in (*_parts_of(k), *_parts_of(v))]
    if isinstance(value, list | tuple):
        return [p for item in value for p in _parts_of(item)]
    parts = getattr(value, "parts", None)
    return list(parts()) if callable(parts) else []


def _mapped(value: Any, fn: Callable[[Any], Any]) -> Any:
    """value with fn applied to each sympy object in it, rebuilt in the same shape (domains are kept)."""
    if isinstance(value, sp.Basic | sp.MatrixBase):
        return fn(value)
    if isinstance(value, Mapping):
        return {_mapped(k, fn): _mapped(v, fn) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_mapped(item, fn) for item in value)
    map_parts = getattr(value, "map_parts", None)
    return map_parts(fn) if callable(map_parts) else value


@dataclass(frozen=True)
class MathData:
    """Frozen data whose MATH fields hold sympy objects; one walker visits them for every phase
    (validation, lowering of matrix symbols, substitution of function definitions)."""

    MATH: ClassVar[tuple[str, ...]] = ()

    def _walked(self, with_where: bool) -> tuple[str, ...]:
        return (*self.MATH, "where") if with_where and hasattr(self, "where") else self.MATH

    def parts(self, *, with_where: bool = False) -> list[Any]:
        """Every sympy object the data is made of, in reading order (where= keys only if asked)."""
        return [p for name in self._walked(with_where) for p in _parts_of(getattr(self, name))]

    def map_parts(self, fn: Callable[[Any], Any], *, with_where: bool = False) -> Self:
        """A copy with fn applied to every part (and to the where= keys if asked)."""
        changes = {name: _mapped(getattr(self, name), fn) for name in self._walked(with_where)}
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class Statement(MathData):
    """Base class of the statement kinds.

    A kind declares what it claims and what it binds: MATH names the fields that hold its
    mathematics, CLAIMED the one that holds the claimed result (what a slip would change),
    and bound() the symbols it binds itself (a noise variable, an iterate), which need no
    domain. Each phase of the engine keeps one registry keyed by the kind's type.
    """

    kind: ClassVar[str] = "statement"
    CLAIMED: ClassVar[str | None] = None

    def given(self) -> tuple[Given, ...]:
        return _givens(getattr(self, "where", ()))

    def bound(self) -> tuple[sp.Symbol, ...]:
        return ()


@dataclass(frozen=True)
class Identity(Statement):
    """lhs == rhs, for scalars or matrices of equal shape."""

    lhs: Any
    rhs: Any
    where: Where = field(default_factory=dict)
    kind = "identity"
    MATH = ("lhs", "rhs")
    CLAIMED = "rhs"


@dataclass(frozen=True)
class Derivative(Statement):
    """The derivative of f with respect to wrt equals the claimed expression.

    order=1: gradient (shape of wrt) for scalar f; Jacobian (rows = outputs) for vector f.
    order=2: Hessian of a scalar f with respect to a scalar or vector wrt.
    """

    f: Any
    wrt: Any
    equals: Any
    where: Where = field(default_factory=dict)
    order: int = 1
    kind = "derivative"
    MATH = ("f", "wrt", "equals")
    CLAIMED = "equals"


@dataclass(frozen=True)
class Certificate(MathData):
    """vᵀHv == Σ weights[i] · forms[i]², with every weight nonnegative on the domain."""

    v: Any
    weights: tuple[Any, ...]
    forms: tuple[Any, ...]
    MATH = ("v", "weights", "forms")


@dataclass(frozen=True)
class PSD(Statement):
    """A symmetric matrix that is positive semidefinite (definite if strict)."""

    matrix: Any
    where: Where = field(default_factory=dict)
    strict: bool = False
    certificate: Certificate | None = None
    kind = "psd"
    MATH = ("matrix", "certificate")
    CLAIMED = "matrix"

    def bound(self) -> tuple[sp.Symbol, ...]:
        """The certificate's vector v is a dummy."""
        if self.certificate is None:
            return ()
        v = self.certificate.v
        entries = sp.ImmutableMatrix(v) if isinstance(v, sp.MatrixBase | list | tuple) else [sp.sympify(v)]
        return tuple(e for e in entries if isinstance(e, sp.Symbol))


@dataclass(frozen=True)
class Inequality(Statement):
    """lhs op rhs on the whole domain, op one of <=, <, >=, >."""

    lhs: Any
    op: str
    rhs: Any
    where: Where = field(default_factory=dict)
    kind = "inequality"
    MATH = ("lhs", "rhs")
    CLAIMED = "rhs"


@dataclass(frozen=True)
class Convex(Statement):
    """f is convex (concave if concave) in wrt, the other symbols fixed; wrt is a where= key with a convex domain."""

    f: Any
    wrt: Any
    where: Where = field(default_factory=dict)
    concave: bool = False
    kind = "convex"
    MATH = ("f", "wrt")
    CLAIMED = "f"


@dataclass(frozen=True)
class Expectation(Statement):
    """E[expr] over the noise variables equals the closed form."""

    expr: Any
    equals: Any
    noise: Mapping[sp.Symbol, Distribution]
    where: Where = field(default_factory=dict)
    kind = "expectation"
    MATH = ("expr", "equals", "noise")
    CLAIMED = "equals"

    def bound(self) -> tuple[sp.Symbol, ...]:
        return tuple(self.noise)


@dataclass(frozen=True)
class Convergence(Statement):
    """x_{k+1} = step(x_k) converges to root with |e_{k+1}| ~ constant·|e_k|^order.

    x is a symbol; or a tuple (x_k, x_{k−1}, …), newest first, for a map with memory
    (start is then a tuple of as many starting values, newest first); or a column
    vector of symbols, with a vector step and root, order 1 and the linear rate
    (the spectral radius of the step's Jacobian at the root) as the constant.
    For a one-step scalar map of integer order the constant is signed
    (e_{k+1}/e_k^order → constant); otherwise it is the limit of |e_{k+1}|/|e_k|^order,
    or for order 1 of ‖e_k‖^{1/k}.
    """

    step: Any
    x: Any
    root: Any
    order: Any
    constant: Any
    where: Where = field(default_factory=dict)
    start: Any = None
    kind = "convergence"
    MATH = ("step", "x", "root", "order", "constant", "start")
    CLAIMED = "constant"

    def bound(self) -> tuple[sp.Symbol, ...]:
        """The iterate symbols: x, or every entry of (x_k, x_{k−1}, …) or of a vector x."""
        found = {s for part in _parts_of(self.x) for s in sp.sympify(part).free_symbols}
        return tuple(sorted((s for s in found if isinstance(s, sp.Symbol)), key=str))


@dataclass(frozen=True)
class Limit(Statement):
    """lim_{var → to} expr == equals (to may be sympy.oo).

    A limit at a finite point is two-sided unless dir says otherwise: dir="+" from the right
    (var ↓ to), dir="-" from the left (var ↑ to). Both views check exactly the sides it names.
    """

    expr: Any
    var: sp.Symbol
    to: Any
    equals: Any
    where: Where = field(default_factory=dict)
    dir: str = "+-"
    kind = "limit"
    MATH = ("expr", "var", "to", "equals")
    CLAIMED = "equals"

    def bound(self) -> tuple[sp.Symbol, ...]:
        return (self.var,)


@dataclass(frozen=True)
class Corollary(Statement):
    """A statement that follows from other claims of the same derivation, by a named fact.

    states is the statement itself, verified like any claim (the claim is then of its kind, and
    cites the others); a citation alone shows nothing, so a bare Corollary is never PROVED: it is
    reported as "follows from …, not checked"."""

    of: tuple[str, ...]
    because: str
    states: Statement | None = None
    kind = "corollary"
    MATH = ()
    CLAIMED = None
