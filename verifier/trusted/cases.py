"""Cases of a branching expression (trusted base): Abs, Max, Min, Heaviside, sign and Piecewise of real
arguments written as one Piecewise whose reachable cases cover every point.

The kernel's proof by cases (:func:`verifier.trusted.kernel.rules.prove_residual_by_cases`) and the
strategy that proposes it both take their cases from :func:`cases`, so a strategy cannot hand the
kernel cases of its own making.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import sympy as sp

from verifier.language import walk
from verifier.language.text import clipped
from verifier.trusted.decide.real_line import HOLDS, holds_nowhere, truth_of


class NotShowable(ValueError):
    """The claim cannot be put as an obligation (for example, a derivative w.r.t. a tied variable)."""


MAX_CASES = 64
MAX_BRANCHING = 6  # distinct Abs/Max/Piecewise/... in one entry; their cases multiply
_CASE_FUNCTIONS = (sp.Abs, sp.Max, sp.Min, sp.Heaviside, sp.sign, sp.Piecewise)


def has_cases(expr: sp.Expr) -> bool:
    """True if expr branches: Piecewise, or Abs, Max, Min, Heaviside, sign."""
    return bool(sp.sympify(expr).has(*_CASE_FUNCTIONS))


def cases(expr: sp.Expr) -> list[tuple[sp.Expr, sp.Basic]]:
    """expr as (value, condition) cases covering every point, each value free of branching.

    Abs, Max, Min, Heaviside and sign of real arguments are written as Piecewise and the
    result is folded (sympy's piecewise_fold) into one Piecewise whose conditions
    partition the domain; then expr vanishes wherever defined if every case's value does.
    NotShowable if an argument is not known to be real, or the cases would exceed MAX_CASES.

    A case's condition is its own and the negations of those before it, as written: sympy's
    simplify of such a conjunction is not trusted. It was wrong (sympy 1.14): it turned y < 0,
    y² = 2 and not (y < 0 and y² < 2) into y < −√2, which is empty, so the case y = −√2 was
    dropped and a claim false there was proved (red team helper-56). A case is dropped only when
    its condition, as written, is false or shown to have no point: exactly, for one variable
    (:func:`_empty`), or because no signs of its comparisons fit it (:func:`_no_signs_fit`).
    """
    branching = [n for n in walk.nodes([expr]) if isinstance(n, _CASE_FUNCTIONS)]
    if len(branching) > MAX_BRANCHING:
        raise NotShowable(f"{len(branching)} branching functions: up to 2^{len(branching)} cases, too many")
    folded = sp.piecewise_fold(_as_piecewise(split_products(sp.sympify(expr))))
    pairs = list(folded.args) if isinstance(folded, sp.Piecewise) else [(folded, sp.true)]
    if len(pairs) > MAX_CASES:
        raise NotShowable(f"{len(pairs)} cases, more than {MAX_CASES}")
    out: list[tuple[sp.Expr, sp.Basic]] = []
    earlier: list[sp.Basic] = []
    for value, cond in pairs:  # a Piecewise takes the first case whose condition holds
        reach = sp.And(cond, *[sp.Not(c) for c in earlier]) if earlier else cond  # never simplified (see above)
        earlier.append(cond)
        if reach is sp.false or _empty(reach) or _no_signs_fit(reach):
            continue
        if has_cases(value):
            raise NotShowable("a case still branches after folding")
        out.append((_restrict(value, reach), reach))
    return out


def split_products(expr: sp.Expr) -> sp.Expr:
    """expr with each modulus, and each sign, of a product of real factors written as the product of the factors'.

    |ab| = |a|·|b| and sign(ab) = sign(a)·sign(b) for all real a and b, so the two agree wherever expr is defined.
    sympy keeps |x·z| and sign(x·z) whole when neither sign is known, and each is a branch: |x·|y|·z| − |x|·|y|·|z|
    had four and 16 cases, where split it is zero. Only real factors are split: a modulus of a factor not known
    to be real could not be written as cases, where the product's can. Split, sympy may cancel a factor against
    a denominator (|x·g|/|g| is |x|), so where a proof by cases holds is read from the residual itself
    (:func:`verifier.trusted.kernel.rules.prove_residual_by_cases`), not from the cases.
    """

    def splits(node: sp.Basic) -> bool:
        inner = node.args[0] if isinstance(node, sp.Abs | sp.sign) else None
        return isinstance(inner, sp.Mul) and bool(inner.is_commutative) and all(f.is_extended_real for f in inner.args)

    return expr.replace(splits, lambda node: sp.Mul(*[node.func(f) for f in node.args[0].args]))


MAX_SIGNED = 6  # distinct differences whose signs _no_signs_fit tries together (3⁶ = 729 ways)


def _no_signs_fit(condition: sp.Basic) -> bool:
    """No real point satisfies condition, because no signs fit it: each comparison a ≷ b is read as the sign of
    a − b (expanded, and a − b and b − a as one difference), and no choice of −, 0, + for each difference makes
    the condition true. At any real point the differences have some signs, so if none fit, no point does. The
    signs are tried as if free: a condition that is empty only because the differences depend on each other
    (y < 0 and y² = 2 and y ≠ −√2) is not shown empty here. x ≥ y or x ≤ y, negated, is: x − y has no sign."""
    differences: dict[sp.Expr, int] = {}
    read: dict[sp.Basic, tuple[int, bool]] = {}  # a comparison → (its difference, whether it is b − a)
    for relation in condition.atoms(sp.core.relational.Relational):
        if type(relation) not in HOLDS or not all(isinstance(side, sp.Expr) for side in relation.args):
            return False  # Eq(y > 0, y < 1) compares truth values
        u = sp.expand(relation.lhs - relation.rhs)
        flipped = bool(u.could_extract_minus_sign())
        u = -u if flipped else u
        if u.is_number:
            return False
        read[relation] = (differences.setdefault(u, len(differences)), flipped)
    if not read or len(differences) > MAX_SIGNED:
        return False
    for signs in itertools.product((-1, 0, 1), repeat=len(differences)):
        truth = {r: HOLDS[type(r)](-signs[i] if flipped else signs[i]) for r, (i, flipped) in read.items()}
        if truth_of(condition, truth) is not False:
            return False  # these signs fit (or the condition could not be read): not shown empty
    return True


def _empty(condition: sp.Basic) -> bool:
    """A condition on one real variable that no point satisfies, decided exactly on the cells of the real line where
    its comparisons are of polynomials with rational coefficients (:mod:`verifier.trusted.decide.real_line`); any
    other condition is kept. sympy's solvers are not asked: `as_set` called (y(y⁴ − y³ + y² − y − 2) ≥ 0) and
    y > 10⁴⁰ empty, though it holds for every y ≥ 2, and a claim false there was PROVED (a helper, this stop)."""
    symbols = condition.free_symbols
    if len(symbols) != 1 or not next(iter(symbols)).is_extended_real:
        return False
    return holds_nowhere(condition, next(iter(symbols))) is True


def _restrict(value: sp.Expr, condition: sp.Basic) -> sp.Expr:
    """value where condition holds: Eq(u, 0) with u = c·s + r (c a nonzero number) fixes s (see _fixed)."""
    conjuncts = condition.args if isinstance(condition, sp.And) else (condition,)
    weak = [
        (c.lhs - c.rhs, isinstance(c, sp.GreaterThan)) for c in conjuncts if isinstance(c, sp.GreaterThan | sp.LessThan)
    ]
    pinched = [  # u ≥ 0 together with u ≤ 0 (or −u ≥ 0) pins u to 0
        u for u, up in weak for v, vp in weak
        if (up != vp and sp.expand(u - v) == 0) or (up == vp and sp.expand(u + v) == 0 and u != 0)
    ]  # fmt: skip
    numeric = [c for c in conjuncts if isinstance(c, sp.Equality) and isinstance(c.lhs, sp.Expr)]  # not Eq(p, q)
    equalities = [c.lhs - c.rhs for c in numeric] + pinched  # a ≥ b and a ≤ b
    for u in equalities:
        for s in sorted(u.free_symbols, key=sp.default_sort_key):
            if (at := _fixed(u, s)) is not None:
                value = value.subs(s, at)
                break
    return value


def _fixed(u: sp.Expr, s: sp.Symbol) -> sp.Expr | None:
    """The one value of s where u = 0, for u = c·s + r with c a nonzero number and r free of s; else None. A
    coefficient that may vanish fixes nothing: x·y = 0 also holds at y = 0 for every x (solved as x = 0, that
    branch was dropped and a false identity PROVED)."""
    c = sp.expand(u).coeff(s, 1) if u.is_polynomial(s) and sp.degree(u, s) == 1 else sp.S.Zero
    return sp.expand(-(u - c * s) / c) if c.is_number and c.is_zero is False else None


def _as_piecewise(expr: sp.Expr) -> sp.Expr:
    def real(*args: sp.Expr) -> None:
        if not all(a.is_extended_real for a in args):
            raise NotShowable(f"cases need real arguments; {clipped(args, 60)} is not known to be real")

    def absolute(u: sp.Expr) -> sp.Expr:
        real(u)
        return sp.Piecewise((u, u >= 0), (-u, True))

    def sign(u: sp.Expr) -> sp.Expr:
        real(u)
        return sp.Piecewise((-1, u < 0), (0, sp.Eq(u, 0)), (1, True))

    def heaviside(u: sp.Expr, at_zero: sp.Expr = sp.S.Half) -> sp.Expr:
        real(u)
        return sp.Piecewise((0, u < 0), (at_zero, sp.Eq(u, 0)), (1, True))

    def largest(*args: sp.Expr) -> sp.Expr:
        real(*args)
        return _select(args, lambda a, b: a >= b)

    def smallest(*args: sp.Expr) -> sp.Expr:
        real(*args)
        return _select(args, lambda a, b: a <= b)

    rules = {sp.Abs: absolute, sp.sign: sign, sp.Heaviside: heaviside, sp.Max: largest, sp.Min: smallest}
    for kind, rule in rules.items():
        expr = expr.replace(kind, rule)
    return expr


def _select(args: Sequence[sp.Expr], wins: object) -> sp.Expr:
    """The argument that wins against every other (ties go to the first), as a Piecewise."""
    pairs = []
    for i, a in enumerate(args):
        pairs.append((a, sp.And(*[wins(a, b) for j, b in enumerate(args) if j != i])))  # type: ignore[operator]
    pairs[-1] = (args[-1], sp.true)
    return sp.Piecewise(*pairs)
