"""Provisos, case splits and witnesses of the kernel's proofs (trusted base).

What a proof holds under (no denominator vanishes; or, for a polynomial target over
continuum domains, everywhere by continuity), the cases a branching residual splits into,
and the identity a certificate proof rests on, written out for the report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sympy as sp
from sympy.core.function import AppliedUndef

from verifier.language import domains as d
from verifier.language import walk
from verifier.trusted import obligations
from verifier.trusted.instantiate import Instance

# functions undefined at some real points (a pole, or a logarithm's 0): unless their argument is positive
_POLES = (sp.log, sp.gamma, sp.loggamma, sp.digamma, sp.polygamma)
# poles at positive points too (coth, csch, acsch and Ei at 0, harmonic at the negative integers: helper-69)
_POLES_ANYWHERE = (
    sp.tan,
    sp.cot,
    sp.sec,
    sp.csc,
    sp.atanh,
    sp.acoth,
    sp.zeta,
    sp.coth,
    sp.csch,
    sp.acsch,
    sp.Ei,
    sp.harmonic,
)


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
    return _proviso(exprs, None)


def near_a_point(exprs: Sequence[sp.Expr], at: dict[sp.Symbol, sp.Expr]) -> tuple[str, ...]:
    """The proviso of a proof about a neighbourhood of a point (a convergence claim's step near its root): as
    :func:`definedness`, with each node's arguments at the point (`at`), every denominator nonzero and every root's,
    logarithm's and function's argument strictly inside its real domain there, numbers too (asin(1) at the root is
    real, asin(1 + e) beside it is not). Each node is asked as written, its arguments only put at the point: the
    step put at the root would lose (x − 1)³·√a to 0 before √a is asked (helper-72)."""
    return _proviso(exprs, at)


def _proviso(exprs: Sequence[sp.Expr], at: dict[sp.Symbol, sp.Expr] | None) -> tuple[str, ...]:
    pole = denominator = negative = inverse = False
    for n in walk.nodes([sp.sympify(e) for e in exprs]):
        args = n.args if at is None else tuple(a.xreplace(at) for a in n.args)
        denominator = denominator or (isinstance(n, sp.Pow) and _may_be_negative(args[1]) and _may_be_zero(args[0], at))
        pole = pole or _at_a_pole(n, args, at)
        negative = negative or _may_be_complex(n, args, at)
        inverse = inverse or _may_leave_its_domain(n, args, at)
    why = ["no denominator is 0"] if denominator else ["no logarithm of 0, no function at a pole"] if pole else []
    real = [REAL] * negative + [REAL_FUNCTION] * inverse
    if real:
        return (f"wherever both sides are real ({', '.join([*why, *real])})",)
    return (f"wherever both sides are defined ({why[0]})",) if why else ()


# a root or logarithm whose argument may be negative somewhere on the domain: where it is, the side has no real
# value, and an identity the ring shows for every complex root (s² = b) says nothing there. The numeric check finds
# such a region when a sample lands in it (the claim is then REFUTED); one smaller than the samples' spacing, as
# √((7x − 1)² − 10⁻⁶) near x = 1/7, is not found, so a proof says where it holds (a red team's finding: (1 + √b)(1 −
# √b) = 1 − b was PROVED on ℝ with no proviso). Nonempty: the numeric check had real values at its samples.
REAL = "no root or logarithm of a negative number"


def _may_vanish(base: sp.Expr) -> bool:
    """May be 0 or below: a logarithm's or the gamma function's argument (Γ has poles at 0, −1, −2, …)."""
    return bool(base.free_symbols) and base.is_positive is not True


def _may_be_negative(exponent: sp.Expr) -> bool:
    """A power's exponent that may be below 0: |7x − 1|^(x − 2) is 0^(−13/7) at x = 1/7 (helper-71)."""
    return exponent.is_nonnegative is not True


def _may_be_zero(base: sp.Expr, at: dict | None) -> bool:
    """A denominator sympy cannot show nonzero on the domain (a₁ declared Nonzero needs no proviso). At a point, one
    that is 0 there for some parameters and not others (a² − 2 + (x − 1) at x = 1): one that is 0 there whatever the
    parameters (Newton's f′ at a double root, the secant's x₁ − x₀) is the proof's to cancel, as the error map's
    own denominator at 0 is asked by the rule."""
    if at is not None:
        return base.is_zero is None
    return bool(base.free_symbols) and base.is_nonzero is not True


def _may_be_complex(node: sp.Basic, args: tuple[sp.Basic, ...], at: dict | None) -> bool:
    """A fractional (or symbolic) power or a logarithm whose argument sympy cannot show nonnegative (at a point:
    positive, a number too)."""
    if isinstance(node, sp.Pow):
        base, exponent = args
        if exponent.is_integer is True:
            return False
        if at is not None:
            return base.is_positive is not True
        if not base.free_symbols:  # (−1)^(1 + e^(−t²)/2) is complex where the power is not an integer
            return bool(exponent.free_symbols) and base.is_nonnegative is not True
        return base.is_nonnegative is not True
    if not isinstance(node, sp.log):
        return False
    if at is not None:
        return args[0].is_positive is not True
    return bool(args[0].free_symbols) and args[0].is_nonnegative is not True


# a function that is real only on part of the line (asin and acos on [−1, 1], acosh from 1, erfinv inside (−1, 1),
# loggamma from 0, a Bessel function of fractional order from 0, …): where its argument leaves that part, the side
# has no real value, though an identity of the ring (asin(u) treated as an atom) holds there in ℂ. A red team's
# finding: asin(u)·(1 + x²) − asin(u) = x²·asin(u), with u > 1 only within 1.4·10⁻⁵ of x = 1/7, was PROVED on ℝ with no
# proviso, as (1 + √b)(1 − √b) = 1 − b was; a second found the same for erfinv, polylog, the elliptic integrals,
# li, Ci, loggamma and the Bessel functions (helper-69). For each, what sympy must show of its arguments: each
# expression ≥ 0 (or > 0, where strict); None where no form is shown (another branch of W, an incomplete integral)
REAL_FUNCTION = "no function outside its real domain"
Margins = list[tuple[sp.Expr, bool]] | None


def _one(margins: Callable[[sp.Expr], Margins]) -> Callable[[tuple[sp.Expr, ...]], Margins]:
    return lambda args: margins(args[0]) if len(args) == 1 else None


def _bessel(strict: bool) -> Callable[[tuple[sp.Expr, ...]], Margins]:
    """J and I of an integer order are real everywhere; of another order from 0, above it for a negative order (J of
    order −1/3 is infinite at 0: helper-71); Y and K above 0."""
    return lambda args: [] if not strict and args[0].is_integer else [(args[1], strict or not args[0].is_nonnegative)]


_REAL_PART: dict[type, Callable[[tuple[sp.Expr, ...]], Margins]] = {
    sp.asin: _one(lambda a: [(1 - a**2, False)]),
    sp.acos: _one(lambda a: [(1 - a**2, False)]),
    sp.acosh: _one(lambda a: [(a - 1, False)]),
    sp.atanh: _one(lambda a: [(1 - a**2, True)]),
    sp.acoth: _one(lambda a: [(a**2 - 1, True)]),
    sp.asec: _one(lambda a: [(a**2 - 1, False)]),
    sp.acsc: _one(lambda a: [(a**2 - 1, False)]),
    sp.asech: _one(lambda a: [(a, True), (1 - a, False)]),
    sp.LambertW: _one(lambda a: [(a + sp.exp(-1), False)]),
    sp.erfinv: _one(lambda a: [(1 - a**2, True)]),
    sp.erfcinv: _one(lambda a: [(a * (2 - a), True)]),
    sp.elliptic_k: _one(lambda a: [(1 - a, True)]),
    sp.elliptic_e: _one(lambda a: [(1 - a, False)]),
    sp.li: _one(lambda a: [(a, True), ((a - 1) ** 2, True)]),
    sp.Ci: _one(lambda a: [(a, True)]),
    sp.Chi: _one(lambda a: [(a, True)]),
    sp.loggamma: _one(lambda a: [(a, True)]),
    sp.polylog: lambda args: [(1 - args[1], (args[0] - 1).is_positive is not True)],  # Li_s(1) = ∞ for s ≤ 1
    sp.E1: _one(lambda a: [(a, True)]),
    sp.expint: lambda args: [(args[1], True)],
    sp.Li: _one(lambda a: [(a, True), ((a - 1) ** 2, True)]),
    sp.elliptic_pi: lambda args: None,
    sp.lerchphi: lambda args: None,
    sp.lowergamma: lambda args: [(args[1], False)],  # complex below 0 (helper-71), as is uppergamma
    sp.uppergamma: lambda args: [(args[1], False)],
    sp.zeta: lambda args: [] if len(args) == 1 else [(args[1], True)],  # Hurwitz ζ(s, a): complex for a < 0
    sp.besselj: _bessel(False),
    sp.besseli: _bessel(False),
    sp.bessely: _bessel(True),
    sp.besselk: _bessel(True),
}


# sympy's functions known real and finite at every real argument (or bounded by another table): any other of sympy's
# own (yn, jn, hankel1, DiracDelta, …: helper-70's yn(0, 7x − 1) was PROVED on ℝ with no proviso) is asked by default.
# A user's function (AppliedUndef, numeric_function) is not sympy's, and is taken as declared.
_REAL_EVERYWHERE: tuple[type, ...] = (
    *(sp.exp, sp.sin, sp.cos, sp.atan, sp.acot, sp.sinh, sp.cosh, sp.tanh, sp.sech, sp.asinh, sp.sinc, sp.Si, sp.Shi),
    *(
        sp.erf,
        sp.erfc,
        sp.erfi,
        sp.erf2,
        sp.fresnels,
        sp.fresnelc,
        sp.airyai,
        sp.airybi,
        sp.airyaiprime,
        sp.airybiprime,
    ),
    *(sp.Abs, sp.sign, sp.Heaviside, sp.floor, sp.ceiling, sp.frac, sp.Max, sp.Min, sp.re, sp.im, sp.conjugate),
    *(sp.Piecewise, sp.KroneckerDelta, sp.exp_polar),  # (each value is a node asked too; see _unlisted)
)


def _unlisted(node: sp.Basic) -> bool:
    """One of sympy's own functions on none of the tables: not known real wherever its arguments are; or a Piecewise
    with no default branch, undefined where no condition holds (helper-71)."""
    if isinstance(node, sp.Piecewise):
        return node.args[-1].cond is not sp.true
    ours = (type(node).__module__ or "").startswith("sympy.") and not isinstance(node, AppliedUndef)
    return ours and isinstance(node, sp.Function) and not isinstance(node, _KNOWN)


def _may_leave_its_domain(node: sp.Basic, args: tuple[sp.Basic, ...], at: dict | None) -> bool:
    """A function of _REAL_PART whose arguments sympy cannot show inside the part where it is real (at a point:
    strictly, a number too), or one of sympy's functions that no table knows."""
    part = _REAL_PART.get(type(node))
    if part is None:
        return _unlisted(node) and bool(node.free_symbols)
    if not node.free_symbols and at is None:
        return False
    margins = part(args)
    if margins is None:
        return True
    return any((m.is_positive if strict or at is not None else m.is_nonnegative) is not True for m, strict in margins)


# functions with poles (or a point where they are undefined) where sympy must show the arguments away from them
# (helper-70: factorial(7x − 2) at x = 0, beta, atan2(0, 0), Mod(1, 0), …, each PROVED in asin's place)
_POLE_FREE_IF: dict[type, Callable[[tuple[sp.Expr, ...]], bool]] = {
    sp.factorial: lambda a: (a[0] + 1).is_positive is True,
    sp.beta: lambda a: all(b.is_positive is True for b in a),
    sp.lowergamma: lambda a: a[0].is_positive is True,
    sp.uppergamma: lambda a: a[1].is_positive is True,
    sp.atan2: lambda a: (a[0] ** 2 + a[1] ** 2).is_positive is True,
    sp.Mod: lambda a: a[1].is_nonzero is True,
    sp.RisingFactorial: lambda a: False,
    sp.FallingFactorial: lambda a: False,
    sp.catalan: lambda a: False,
    sp.factorial2: lambda a: False,
    sp.binomial: lambda a: False,
}


# built once: a tuple per node asked would be allocations the budget counts as work (heartbeats)
# (sympy's E1 is a function that builds expint(1, z), not a class: it keys nothing)
_KNOWN = tuple(
    k for k in (*_REAL_EVERYWHERE, *_POLES, *_POLES_ANYWHERE, *_POLE_FREE_IF, *_REAL_PART) if isinstance(k, type)
)


def _at_a_pole(node: sp.Basic, args: tuple[sp.Basic, ...], at: dict | None) -> bool:
    if isinstance(node, _POLES_ANYWHERE):
        return bool(node.free_symbols)
    shown = _POLE_FREE_IF.get(type(node))
    if shown is not None:
        return bool(node.free_symbols) and not shown(args)
    if not isinstance(node, _POLES):
        return False
    if at is None:
        return _may_vanish(args[-1])
    return bool(node.free_symbols) and args[-1].is_positive is not True  # at a point: a number too


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
