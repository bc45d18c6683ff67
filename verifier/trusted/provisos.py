"""Provisos, case splits and witnesses of the kernel's proofs (trusted base).

What a proof holds under (no denominator vanishes; or, for a polynomial target over
continuum domains, everywhere by continuity), the cases a branching residual splits into,
and the identity a certificate proof rests on, written out for the report.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy as sp

from verifier.language import domains as d
from verifier.language import walk
from verifier.trusted import obligations
from verifier.trusted.instantiate import Instance

# functions undefined at some real points (a pole, or a logarithm's 0): unless their argument is positive
_POLES = (sp.log, sp.gamma, sp.loggamma, sp.digamma, sp.polygamma)
_POLES_ANYWHERE = (sp.tan, sp.cot, sp.sec, sp.csc, sp.atanh, sp.acoth, sp.zeta)  # poles at positive points too


# how a proof's assumption opens when it says where the proof holds, narrower than the claim's domains (a proviso:
# no denominator is 0, away from a function's kinks or jumps, close enough to a root); the reasons repeat these
NARROWING = ("wherever ", "derivatives taken ", "starting values close enough")


def narrows(assumption: str) -> bool:
    """Whether one of a proof's assumptions is a proviso: where it holds, narrower than the claim's domains."""
    return assumption.startswith(NARROWING)


def definedness(exprs: Sequence[sp.Expr]) -> tuple[str, ...]:
    """The proviso a proof by rewriting carries: it holds where no denominator vanishes (none is needed for a
    denominator that is positive on the domain, such as Σ exp(zᵢ)), and where no logarithm's argument is 0 and no
    function is at a pole (log|x·(y² − 2)| = log|x| + log|y² − 2| fails at y = √2, where neither side is defined;
    red team helper-56). Every distinct node of every entry is asked once (walk.nodes: a denominator shared by
    the entries of a Hessian is one node, which sympy's atoms would walk again in each entry)."""
    pole = False
    for n in walk.nodes([sp.sympify(e) for e in exprs]):
        if isinstance(n, sp.Pow) and n.exp.is_negative and _may_vanish(n.base):
            return ("wherever both sides are defined (no denominator is 0)",)
        pole = pole or _at_a_pole(n)
    return ("wherever both sides are defined (no logarithm of 0, no function at a pole)",) if pole else ()


def _may_vanish(base: sp.Expr) -> bool:
    return bool(base.free_symbols) and base.is_positive is not True


def _at_a_pole(node: sp.Basic) -> bool:
    if isinstance(node, _POLES_ANYWHERE):
        return bool(node.free_symbols)
    return isinstance(node, _POLES) and _may_vanish(node.args[-1])


# domains whose points are limits of interior points (in the free coordinates the relations
# leave): a polynomial inequality shown off a nowhere-dense set then holds on all of them
CONTINUUM = (
    d.Real,
    d.Positive,
    d.Nonnegative,
    d.Interval,
    d.General,
    d.Symmetric,
    d.Diagonal,
    d.SPD,
    d.PSDMatrix,
    d.Simplex,
)


def certificate_proviso(
    inst: Instance, target: Sequence[sp.Expr], parts: Sequence[sp.Expr]
) -> tuple[tuple[str, ...], str]:
    """(proviso, note): a certificate with denominators proves its target where they are
    nonzero; a polynomial target over continuum domains extends by continuity to the rest
    (the zeros of a nonzero polynomial are nowhere dense), so it needs no proviso."""
    proviso = definedness(parts)
    if not proviso:
        return (), ""
    polynomial = all(sp.sympify(e).is_polynomial() for e in target)
    if polynomial and all(isinstance(g.domain, CONTINUUM) for g in inst.given):
        return (), "; extended by continuity to where a denominator vanishes"
    return proviso, ""


QUADRATIC = sp.Symbol("vᵀHv")


def case_split(entries: Sequence[sp.Expr]) -> tuple[list[sp.Expr], list[str]]:
    """Every entry's value in each of its cases (obligations.cases), and the cases' conditions."""
    values: list[sp.Expr] = []
    conditions: list[str] = []
    for entry in entries:
        for value, condition in obligations.cases(entry):
            values.append(value)
            conditions.append(sp.sstr(condition))
    return values, conditions


def gram_witness(h: sp.MatrixBase, weights: Sequence[sp.Expr], rows: Sequence[Sequence[sp.Expr]]) -> sp.Eq:
    """vᵀHv = Σ wₖ(aₖᵀv)², written out for the report (v a fresh vector)."""
    v = sp.Matrix(sp.symbols(f"v1:{h.rows + 1}"))
    squares = [w * (sp.Matrix([list(a)]) * v)[0, 0] ** 2 for w, a in zip(weights, rows, strict=True)]
    return sp.Eq(QUADRATIC, sp.Add(*squares, evaluate=False), evaluate=False)


def squares_witness(gap: sp.Expr, weights: Sequence[sp.Expr], forms: Sequence[sp.Expr]) -> sp.Eq:
    """gap = Σ wₖ·fₖ², written out for the report."""
    squares = [w * f**2 for w, f in zip(weights, forms, strict=True)]
    return sp.Eq(gap, sp.Add(*squares, evaluate=False), evaluate=False)
