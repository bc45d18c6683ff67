"""What the names of a file mean at one size: declared objects as sympy, functions, definitions.

The scope is where the "declared" gate lives: a name is resolved here or it is an error.
It records the objects and sizes a chain touched, so the chain's `where` and its range of
sizes follow from what it uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from verifier.frontends.latex.declarations import Declarations, Declared
from verifier.frontends.latex.sets import interval_bounds
from verifier.frontends.latex.shapes import size_value
from verifier.frontends.latex.values import Value
from verifier.language import mathlib
from verifier.language.domains import (
    SPD,
    Diagonal,
    Domain,
    FullColumnRank,
    General,
    Integer,
    Interval,
    Invertible,
    Nonnegative,
    Nonzero,
    OneHot,
    Orthogonal,
    Positive,
    PSDMatrix,
    Real,
    Simplex,
    Symmetric,
)

DOMAINS: dict[str, Domain] = {
    "real": Real(),
    "positive": Positive(),
    "nonnegative": Nonnegative(),
    "nonzero": Nonzero(),
    "simplex": Simplex(),
    "onehot": OneHot(),
    "general": General(),
    "symmetric": Symmetric(),
    "spd": SPD(),
    "psd": PSDMatrix(),
    "invertible": Invertible(),
    "orthogonal": Orthogonal(),
    "diagonal": Diagonal(),
    "binary": Integer(0, 1),
    "fullrank": FullColumnRank(),
}
RANDOM = "random"  # a random variable: it has a law, not a domain, and appears only inside E[…]


def domain_of(word: str) -> Domain:
    """A declared domain: a named one, or an interval written "(lo,hi]" with exact (binary) endpoints."""
    bounds = interval_bounds(word)
    if bounds is not None:
        lo, hi, open_lo, open_hi = bounds
        return Interval(float(lo), float(hi), open_lo=open_lo, open_hi=open_hi)
    return DOMAINS[word]


class SizeError(LookupError):
    """A chain touched a second size, or needs a size the file does not give."""


@dataclass
class Scope:
    """The declarations at one binding of the sizes."""

    decls: Declarations
    sizes: dict[str, int]
    default: str | None
    printed_mode: bool = False  # reading sympy's own printout back (the round trip): bare e is Euler's number
    touched: dict[str, Declared] = field(default_factory=dict)
    sizes_used: set[str] = field(default_factory=set)
    readings: dict[str, str] = field(default_factory=dict)  # how a name was read, for the report
    forbidden: dict[sp.Basic, str] = field(default_factory=dict)  # symbols no line may keep, and why
    markers: dict[str, Any] = field(default_factory=dict)  # an upstream function's markers (upstream.Markers)
    memo: dict[tuple[str, int, bool], Value] = field(default_factory=dict)  # terms of sequences
    definition_values: dict[tuple[str, bool], Value] = field(default_factory=dict)
    in_progress: set[tuple[str, int]] = field(default_factory=set)
    held_used: set[sp.Basic] = field(default_factory=set)  # the fresh variables of held names that were read
    _cache: dict[str, Value] = field(default_factory=dict)

    def size(self, name: str | None = None) -> int:
        """The value of a size (the chain's default one if no name is given)."""
        name = name or self.default
        if name is None:
            raise SizeError(
                "this needs a size: declare one (k: 2..4), or with several sizes give bounds (\\sum_{i=1}^{k})"
            )
        self.sizes_used.add(name)
        return self.sizes[name]

    def object(self, key: str) -> Value | None:
        obj = self.decls.objects.get(key)
        if obj is None:
            return None
        self.touched[key] = obj
        if key not in self._cache:
            dims = [size_value(s, self.size) for s in obj.shape]
            if obj.domain == "identity":
                self._cache[key] = sp.ImmutableMatrix(sp.eye(dims[0]))
            elif len(dims) == 1:
                self._cache[key] = mathlib.vector(key, dims[0])
            elif len(dims) == 2:
                self._cache[key] = mathlib.matrix(key, dims[0], dims[1])
            else:
                self._cache[key] = sp.Symbol(key)
            if obj.domain == RANDOM:
                self._forbid(key, obj)
        else:
            for s in obj.shape:
                size_value(s, self.size)
        return self._cache[key]

    def _forbid(self, key: str, obj: Declared) -> None:
        value = self._cache[key]
        why = (
            f"{obj.name.latex} is a random variable; it can appear only inside \\mathbb{{E}}[…] or "
            "\\operatorname{Var}(…), a line being a claim about numbers"
        )
        for s in list(value) if isinstance(value, sp.MatrixBase) else [value]:
            self.forbidden[s] = why

    def _constant(self, key: str) -> bool:
        """A declared constant (the identity matrix) or a random variable: no domain of its own."""
        return self.decls.objects[key].domain in ("identity", RANDOM)

    def where(self) -> list[tuple[Value, Domain]]:
        """Each touched object with its domain, in declaration order."""
        order = list(self.decls.objects)
        keys = sorted((k for k in self.touched if not self._constant(k)), key=order.index)
        return [(self._cache[k], domain_of(self.decls.objects[k].domain)) for k in keys]

    def symbol_names(self) -> dict[sp.Symbol, str]:
        """How each touched object's entries are written in LaTeX (z_{1}, A_{1,2}, \\hat{y}): for sympy's printer."""
        names: dict[sp.Symbol, str] = {}
        for key, obj in self.touched.items():
            if self._constant(key):
                continue
            value = self._cache[key]
            latex = obj.name.latex
            if isinstance(value, sp.MatrixBase):
                for i in range(value.rows):
                    for j in range(value.cols):
                        sub = f"{i + 1}" if value.cols == 1 else f"{i + 1},{j + 1}"
                        names[value[i, j]] = f"{latex}_{{{sub}}}"
            else:
                names[value] = latex
        return names

    def symbols(self) -> set[sp.Basic]:
        out: set[sp.Basic] = set()
        for key in self.touched:
            value = self._cache[key]
            if self._constant(key):
                continue
            out |= set(value) if isinstance(value, sp.MatrixBase) else {value}
        return out
