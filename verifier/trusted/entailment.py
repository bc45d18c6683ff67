"""What an implication A ⇒ B must satisfy to be proved: part of the trusted base, used by the kernel.

Each statement is put as a gap g that must be 0 (an equation, g = lhs − rhs, entry by entry)
or ≥ 0 / > 0 (an inequality, g = greater side − smaller side). A strategy proposes a
multiplier M (a matrix, or a scalar c) and the kernel checks:

* g_B − M·g_A is identically zero, entry by entry;
* every denominator of M is provably positive (M is defined wherever A is);
* between inequalities, c ≥ 0 (c > 0 for a strict conclusion, which needs a strict premise);
  an equation implies a non-strict inequality with any defined M.

Then at every point where A holds, g_B = M·g_A has the sign B needs. This is the exact
transformation a student writes: moving terms, multiplying by a nonzero or positive
factor, multiplying a system of equations by a matrix. ⇔ needs a multiplier each way.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from verifier.language.stepwise import Implication, Relation
from verifier.language.text import clipped
from verifier.trusted.instantiate import Instance, as_matrix
from verifier.trusted.obligations import NotShowable, ordered

EQUATION = "="


@dataclass(frozen=True)
class Gap:
    """A statement as g ⋈ 0: `kind` is "=" (every entry 0), ">=" or ">" (a scalar)."""

    entries: tuple[sp.Expr, ...]
    kind: str


@dataclass(frozen=True)
class Entailment:
    """What must hold for the multipliers to show the implication."""

    zeros: tuple[sp.Expr, ...]
    positive: tuple[sp.Expr, ...]
    nonnegative: tuple[sp.Expr, ...]
    detail: str


def gap(inst: Instance, rel: Relation) -> Gap:
    """The statement's gap in the symbolic view."""
    lhs, rhs = (as_matrix(inst.symbolic(as_matrix(side))) for side in (rel.lhs, rel.rhs))
    if rel.op == EQUATION:
        return Gap(tuple(lhs - rhs), EQUATION)
    small, big = (lhs, rhs) if rel.op in ("<=", "<") else (rhs, lhs)
    ordered(small[0, 0], big[0, 0])
    return Gap(((big - small)[0, 0],), ">" if rel.op in ("<", ">") else ">=")


def gaps(inst: Instance) -> tuple[Gap, Gap]:
    body = inst.claim.body
    if not isinstance(body, Implication):
        raise NotShowable(f"no premise and conclusion in a {body.kind} claim")
    return gap(inst, body.premise), gap(inst, body.conclusion)


def one_way(premise: Gap, conclusion: Gap, multiplier: object) -> Entailment:
    """What shows premise ⇒ conclusion with this multiplier."""
    m = as_matrix(multiplier)
    if m.shape != (len(conclusion.entries), len(premise.entries)):
        raise NotShowable(f"a multiplier of shape {m.shape[0]}×{m.shape[1]} does not fit the statements")
    product = m * sp.Matrix(premise.entries)
    zeros = tuple(sp.sympify(b - p) for b, p in zip(conclusion.entries, product, strict=True))
    positive = tuple(dict.fromkeys(d for e in m for d in _denominators(e)))
    signs: tuple[sp.Expr, ...] = ()
    if premise.kind != EQUATION:
        if conclusion.kind == EQUATION:
            raise NotShowable("an inequality implies an equation by no exact transformation")
        if conclusion.kind == ">" and premise.kind != ">":
            raise NotShowable("a strict conclusion needs a strict premise")
        signs = (m[0, 0],)
    elif conclusion.kind == ">":
        raise NotShowable("an equation implies no strict inequality by an exact transformation")
    strict = conclusion.kind == ">"
    detail = f"g_B = M·g_A with M = {clipped(m[0, 0] if m.shape == (1, 1) else m, 80)}"
    return Entailment(zeros, positive + (signs if strict else ()), () if strict else signs, detail)


def entailment(inst: Instance, multipliers: tuple[object, ...]) -> Entailment:
    """Everything the kernel checks: one multiplier for ⇒, two (forward, backward) for ⇔."""
    body = inst.claim.body
    a, b = gaps(inst)
    if not isinstance(body, Implication) or len(multipliers) != (2 if body.both_ways else 1):
        raise NotShowable("⇒ needs one multiplier and ⇔ two")
    parts = [one_way(a, b, multipliers[0])]
    if body.both_ways:
        parts.append(one_way(b, a, multipliers[1]))
    return Entailment(
        tuple(z for p in parts for z in p.zeros),
        tuple(dict.fromkeys(x for p in parts for x in p.positive)),
        tuple(dict.fromkeys(x for p in parts for x in p.nonnegative)),
        "; ".join(p.detail for p in parts),
    )


def _denominators(entry: sp.Expr) -> list[sp.Expr]:
    """The denominator of an entry of M that must be nonzero, with its sign made positive if it is
    a negative number or carries a leading minus; none for a nonzero number. An entry must be a
    rational function of the symbols and of exponentials, which are defined wherever that
    denominator is not 0 (a log or a root of a sign-changing base could be undefined where A holds)."""
    entry = sp.sympify(entry)
    odd = [f for f in entry.atoms(sp.Function) if not isinstance(f, sp.exp)]
    odd += [p for p in entry.atoms(sp.Pow) if not p.exp.is_Integer and p.base.is_positive is not True]
    if odd:
        raise NotShowable(f"the multiplier holds {clipped(odd[0], 40)}, which may be undefined where the premise holds")
    _, den = sp.fraction(sp.together(entry))
    if den.is_Number:
        if den == 0:
            raise NotShowable("the multiplier divides by zero")
        return []
    return [-den if den.could_extract_minus_sign() else den]
