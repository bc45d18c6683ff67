"""The kernel's vocabulary: Fact, Proof, Obligation and Rejected, the key only the kernel holds,
and the elementary facts (zero, nonnegative) every rule builds on."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeAlias, TypeVar

import sympy as sp

from verifier.language import walk
from verifier.language.keys import ClaimKey
from verifier.language.text import clipped
from verifier.trusted import obligations
from verifier.trusted.decide import normal_form
from verifier.trusted.genuine import genuine, mint
from verifier.trusted.instantiate import Instance

_KEY = object()
WHERE_DEFINED = "nonnegative where defined"
SIGNS = ("nonnegative", WHERE_DEFINED)
FOR_ALL_N = "for all n (generic dimension)"
T = TypeVar("T")


class Rejected(Exception):
    """A kernel rule refused its evidence; the message names the rule."""

    def __init__(self, rule: str, reason: str) -> None:
        super().__init__(f"{rule}: {reason}")
        self.rule = rule


@dataclass(frozen=True)
class Fact:
    """Something the kernel checked about one expression: it is zero, or nonnegative."""

    expr: sp.Expr
    property: str
    rung: str
    key: object

    def __post_init__(self) -> None:
        if self.key is not _KEY:
            raise Rejected("Fact", "facts are made by kernel rules only")


@dataclass(frozen=True)
class Proof:
    """A claim shown symbolically at one dimension."""

    claim: str  # "derivation.name" of the claim it proves
    n: int | None  # the dimension it proves it at
    statement: str  # the digest of the statement it proves (Instance.digest)
    rule: str
    rungs: tuple[str, ...]
    assumptions: tuple[str, ...]
    detail: str
    key: object
    witness: sp.Basic | None = None  # the identity a certificate proof rests on, for the report
    covers: tuple[str, ...] = ()  # a proof for all n: the digests of the claim at each n it was compared with

    def __post_init__(self) -> None:
        if self.key is not _KEY:
            raise Rejected("Proof", "proofs are made by kernel rules only")


@dataclass(frozen=True)
class Obligation:
    """Expressions that must all vanish for a claim at one n, computed by the kernel."""

    claim: str
    n: int | None
    statement: str  # the digest of the statement it was computed for
    entries: tuple[sp.Expr, ...]
    key: object

    def __post_init__(self) -> None:
        if self.key is not _KEY:
            raise Rejected("Obligation", "obligations are computed by the kernel only")


def claim_name(inst: Instance) -> str:
    """derivation.name: the claim a proof or an obligation names."""
    return str(ClaimKey.of(inst.claim))


Witness: TypeAlias = sp.Basic | None


def _proof(
    inst: Instance, rule: str, rungs: Sequence[str], hyps: Sequence[str], detail: str = "", w: Witness = None
) -> Proof:
    refuse_floats(rule, inst.claim.body.parts())
    rungs = tuple(dict.fromkeys(rungs))
    _made_by_instantiate(inst, rule)
    return mint(Proof(claim_name(inst), inst.claim.n, inst.digest, rule, rungs, tuple(hyps), detail, _KEY, w))


def _made_by_instantiate(inst: Instance, rule: str) -> None:
    """The instance is one instantiate made (a copy with another symbolic view is not the claim)."""
    if not genuine(inst):
        raise Rejected(rule, "the instance was not made by instantiate: a copy or a forgery is not the claim")


def refuse_floats(rule: str, parts: Sequence[object]) -> None:
    """No proof of a claim that holds a Float: 0.1 is not 1/10, and sympy's rewrites with floats are not exact."""
    for part in parts:  # each distinct node once (walk.instances), where sympy's atoms walks a shared one per use
        floats = walk.instances([part], sp.Float) if isinstance(part, sp.Basic) else set()
        if floats:
            shown = sp.sstr(next(iter(floats)))
            raise Rejected(rule, f"the claim holds the float {shown}; write exact numbers, e.g. sp.Rational(1, 10)")


def _obligation_of(rule: str, compute: Callable[[], T]) -> T:
    """Run an obligations.* computation; a claim it cannot be put as is a rejection, not a crash."""
    try:
        return compute()
    except obligations.NotShowable as err:
        raise Rejected(rule, str(err)) from None


# ----------------------------------------------------------------------------- facts


def zero(expr: sp.Expr, rung: str) -> Fact:
    """expr is identically zero, shown by the named normaliser."""
    check = normal_form.NORMALISERS.get(rung)
    if check is None:
        raise Rejected("zero", f"unknown normaliser {rung!r}")
    if not check(expr):
        raise Rejected("zero", f"{rung} does not reduce the residual to 0")
    return mint(Fact(expr, "zero", rung, _KEY))


def zeros_by_atoms(exprs: Sequence[sp.Expr]) -> list[Fact | None]:
    """The atoms normaliser on several expressions at once: a Fact for each one shown zero, else None."""
    shown = normal_form.are_zero_atoms(list(exprs))
    return [mint(Fact(e, "zero", "atoms", _KEY)) if ok else None for e, ok in zip(exprs, shown, strict=True)]


def nonnegative(expr: sp.Expr, strict: bool = False) -> Fact:
    """expr >= 0 (or > 0) on the domain, as sympy's assumptions see it on a normal form."""
    for form in normal_form.nonnegative_forms(expr):
        sign = form.is_positive if strict else form.is_nonnegative
        if sign is True:
            return mint(Fact(expr, "positive" if strict else "nonnegative", "assumptions", _KEY))
    word = "positive" if strict else "nonnegative"
    raise Rejected("nonnegative", f"{clipped(expr, 80)} not provably {word}")


def nonnegative_where_defined(expr: sp.Expr) -> Fact:
    """expr >= 0 wherever it is defined: nonnegative outright, or a quotient N/D with N >= 0 and D >= 0 (where
    D = 0, expr is undefined). A rule using it carries :func:`provisos.definedness`, or extends it by continuity."""
    with contextlib.suppress(Rejected):
        return nonnegative(expr)
    if normal_form.quotient_of_nonnegatives(expr):
        return mint(Fact(expr, WHERE_DEFINED, "assumptions", _KEY))
    raise Rejected("nonnegative_where_defined", f"{clipped(expr, 80)} not provably nonnegative")


# ----------------------------------------------------------------------------- proofs


def _covered(
    exprs: Sequence[sp.Expr], facts: Sequence[Fact], prop: str | tuple[str, ...], rule: str
) -> tuple[str, ...]:
    props = (prop,) if isinstance(prop, str) else prop
    by_expr = {f.expr: f for f in facts if f.property in props and genuine(f)}
    rungs = []
    for e in exprs:
        if e == 0:
            rungs.append("exact")
            continue
        fact = by_expr.get(e)
        if fact is None:
            raise Rejected(rule, f"no {prop} fact for {clipped(e, 80)}")
        rungs.append(fact.rung)
    return tuple(dict.fromkeys(rungs))


def _own(inst: Instance, obligation: Obligation, rule: str) -> None:
    """The obligation was computed by this kernel, for this claim at this n."""
    _made_by_instantiate(inst, rule)
    if not genuine(obligation) or obligation.statement != inst.digest:
        raise Rejected(rule, "the obligation belongs to another claim or n")
