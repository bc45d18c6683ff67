"""A limit with parameters: sympy's answer is a generic parameter value's; where it holds for every one.

sp.limit(1/(1 + (3a − 1)²t), t, ∞) is 0, wrong at a = 1/3, where the expression is 1 for every t: Gruntz
takes each coefficient of t as nonzero. So a limit whose expression has parameters is shown here for every
parameter value of the domain, or not at all:

* a rational function of var (its coefficients anything in the parameters): exactly, by degrees. Towards
  ±∞ (a finite point x₀ from a side becomes s → ∞ by var = x₀ ± 1/s), P/Q → L = N/D when the leading
  coefficient of Q and D have no zero in the domain and deg(D·P − N·Q) < deg Q (for L = ±∞: deg P > deg Q and
  the sign of lc P · lc Q is known). No generic answer is taken.
* otherwise, sympy's answer (never one with ∞ inside, oo**(a − 2)), where every coefficient of var in the
  expression (of each sub-expression polynomial in var, a base of a power with var in its exponent and that
  base minus 1, and each difference of two powers of var or of two exponential rates: tᵃ/t² at a = 2) has,
  as a function of one parameter, finitely many zeros, found exactly, and at each zero in the domain the
  exact limit (parameter substituted first: no generic answer) is the claimed value there.

special_values lists those zeros in the domain: the numeric check tries them exactly (a = 1/3 is no float).
"""

from __future__ import annotations

from collections.abc import Iterator

import sympy as sp

from verifier.language.domains import Interval, Nonnegative, Nonzero, Positive, Real
from verifier.language.text import clipped
from verifier.trusted import limit_steps
from verifier.trusted.decide import normal_form
from verifier.trusted.instantiate import Instance

Point = dict[sp.Symbol, sp.Expr]


def agrees(value: sp.Expr, claimed: sp.Expr) -> bool:
    """sympy's limit is the claimed value: equal infinities, or a difference reduced to 0 exactly."""
    if value.is_infinite or claimed.is_infinite:
        return bool(value == claimed)
    if value.has(sp.oo, -sp.oo, sp.zoo):  # oo**(a − 2): a generic value's, 0 only where a < 2
        return False
    return normal_form.is_zero_exact(value - claimed) or normal_form.is_zero_simplify(value - claimed)


def unshown(inst: Instance, expr: sp.Expr, claimed: sp.Expr, var: sp.Symbol, to: sp.Expr, direction: str) -> str:
    """Why sympy's answer is not shown for every parameter value of the domain, or at all past an oscillation
    (unguarded_oscillation); "" if it is."""
    if why := unguarded_oscillation(expr, var, to, direction):
        return why
    if not (expr.free_symbols - {var}):
        return ""
    if expr.is_rational_function(var) and (claimed.is_infinite or not claimed.has(var)):
        return _rational(inst, expr, claimed, var, to, direction)
    for point in _special(inst, expr, var, to):
        if point is None:
            return "a coefficient of the expression may vanish at a parameter value not found exactly"
        if (why := _at(expr, claimed, var, to, direction, point)) != "":
            return why
    return ""


def special_values(inst: Instance, expr: sp.Expr, var: sp.Symbol, to: sp.Expr) -> list[Point]:
    """The parameter values of the domain, found exactly, where a coefficient of var in the expression vanishes."""
    return [p for p in _special(inst, expr, var, to) if p is not None]


def _rational(inst: Instance, expr: sp.Expr, claimed: sp.Expr, var: sp.Symbol, to: sp.Expr, direction: str) -> str:
    s = sp.Dummy("s", positive=True)
    if to.is_infinite:
        near = [var * (1 if to == sp.oo else -1)]
    else:
        near = [to + sign / var for sign, side in ((1, "+"), (-1, "-")) if side in direction]
    for shifted in near:
        num, den = sp.together(expr.subs(var, shifted.subs(var, s))).as_numer_denom()
        p, q = sp.Poly(sp.expand(num), s), sp.Poly(sp.expand(den), s)
        if (why := _nonzero(inst, q.LC(), "the leading coefficient of the denominator")) != "":
            return why
        if claimed.is_infinite:
            sign = sp.sign(p.LC() * q.LC()).simplify() * (1 if claimed == sp.oo else -1)
            if not (p.degree() > q.degree() and sign == 1):
                lead = clipped(p.LC() * q.LC(), 60)
                return f"the limit is not {sp.sstr(claimed)} for every parameter value (degrees, or the sign of {lead})"
            continue
        top, bottom = sp.together(claimed).as_numer_denom()
        if (why := _nonzero(inst, bottom, "the claimed value's denominator")) != "":
            return why
        rest = sp.Poly(sp.expand(bottom * p.as_expr() - top * q.as_expr()), s)
        if not rest.is_zero and rest.degree() >= q.degree():
            return f"the limit is not {clipped(claimed, 60)} for every parameter value (by degrees in {var})"
    return ""


def _nonzero(inst: Instance, c: sp.Expr, what: str) -> str:
    """Why c may vanish in the domain ("" if it is shown not to)."""
    if c.is_nonzero or not c.free_symbols:
        return "" if c.is_nonzero else f"{what} is 0"
    points = list(_zeros(inst, c))
    if not points:
        return ""
    if None in points:
        return f"{what}, {clipped(c, 60)}, may vanish in the domain: sympy's limit is a generic parameter value's"
    where = ", ".join(f"{k} = {sp.sstr(v)}" for p in points if p is not None for k, v in p.items())
    return f"{what}, {clipped(c, 60)}, vanishes at {where}, in the domain: sympy's limit is a generic value's"


def _at(expr: sp.Expr, claimed: sp.Expr, var: sp.Symbol, to: sp.Expr, direction: str, point: Point) -> str:
    """ "" if the exact limit at the parameter point is the claimed value there, else why not."""
    here, want = expr.xreplace(point), claimed.xreplace(point)
    where = ", ".join(f"{k} = {sp.sstr(v)}" for k, v in point.items())
    if here.free_symbols - {var}:
        return f"at {where} the expression still has parameters: sympy's limit there is a generic value's"
    try:
        value = limit_steps.limit(here, var, to, direction)
    except (ValueError, NotImplementedError):
        return f"sympy cannot decide the limit at {where}, where a coefficient vanishes"
    if isinstance(value, sp.Limit) or value.has(sp.AccumBounds, sp.nan, sp.zoo) or not agrees(value, want):
        return f"at {where}, in the domain, the limit is {clipped(value, 60)}, not {clipped(want, 60)}"
    return ""


def _special(inst: Instance, expr: sp.Expr, var: sp.Symbol, to: sp.Expr) -> Iterator[Point | None]:
    """Each parameter value of the domain where a coefficient of var vanishes; None for a coefficient whose
    zeros are not found exactly (several parameters, or infinitely many zeros)."""
    h = sp.Dummy("h")
    shifted = expr if to.is_infinite else expr.subs(var, to + h)
    x = var if to.is_infinite else h
    seen: set[sp.Expr] = set()
    for c in _coefficients(shifted, x):
        if c.free_symbols and c not in seen and not c.is_nonzero:
            seen.add(c)
            yield from _zeros(inst, c)


def _coefficients(expr: sp.Expr, x: sp.Symbol) -> Iterator[sp.Expr]:
    """Each coefficient of x, and each difference of two growth rates (powers of x, exponents' rates): tᵃ/t²
    and e^{at} − eᵗ change behaviour where a = 2, a = 1, which no single coefficient names."""
    powers: set[sp.Expr] = set()
    rates: set[sp.Expr] = set()
    for node in sp.preorder_traversal(expr):
        if not isinstance(node, sp.Expr) or x not in node.free_symbols:
            continue
        if isinstance(node, sp.Pow) and x not in node.base.free_symbols:
            yield from (node.base, node.base - 1)
            rates.add(sp.log(node.base) * node.exp.diff(x) if node.exp.is_polynomial(x) else sp.nan)
        if isinstance(node, sp.Pow) and x in node.base.free_symbols and x not in node.exp.free_symbols:
            powers.add(node.exp)  # tᵃ: the exponent's value decides the growth (at a = 0 it is 1)
        if isinstance(node, sp.exp):
            rates.add(sp.Poly(node.args[0], x).LC() if node.args[0].is_polynomial(x) else sp.nan)
        for part in sp.together(node).as_numer_denom():
            if part.is_polynomial(x):
                coefficients = sp.Poly(sp.expand(part), x)
                powers.update(sp.Integer(m[0]) for m in coefficients.monoms())
                yield from coefficients.coeffs()
    for group in (powers, rates):
        yield from group
        yield from (u - v for u in group for v in group if u != v)


def _zeros(inst: Instance, c: sp.Expr) -> Iterator[Point | None]:
    """The zeros of c in the domain, exactly (one parameter, finitely many), or one None if not found so."""
    if len(c.free_symbols) != 1:
        yield None
        return
    (param,) = c.free_symbols
    try:
        zeros = sp.solveset(c, param, domain=sp.S.Reals)
    except (NotImplementedError, ValueError, TypeError):
        zeros = None
    if not isinstance(zeros, sp.FiniteSet):
        yield None
        return
    for z in zeros:
        inside = _in_domain(inst, param, z)
        if inside is not False:
            yield {param: z} if inside else None


def _in_domain(inst: Instance, param: sp.Symbol, z: sp.Expr) -> bool | None:
    """Whether the exact value z lies in param's domain (None: undecided, or not a scalar's domain)."""
    for g in inst.given:
        if inst.to_symbolic.get(g.target) != param:
            continue
        if z.is_Rational:
            return g.domain.contains_exactly([z])
        if isinstance(g.domain, Interval):
            lo, hi = sp.Rational(g.domain.lo), sp.Rational(g.domain.hi)
            both = sp.And(z > lo if g.domain.open_lo else z >= lo, z < hi if g.domain.open_hi else z <= hi)
            return bool(both) if both in (sp.true, sp.false) else None
        if type(g.domain) in (Real, Positive, Nonnegative, Nonzero):
            facts = {"positive": z.is_positive, "nonnegative": z.is_nonnegative, "nonzero": z.is_nonzero}
            asked = [facts[k] for k in g.domain.assumptions() if k in facts]
            return None if None in asked else all(asked)
    return None


def real_near(expr: sp.Expr, var: sp.Symbol, point: sp.Expr) -> bool | None:
    """Whether expr is real at var = point (to ± ε, or ±1/ε): False as soon as a part of it with var is known not
    real there, whatever the whole is (lim_{x→0⁻} ⌊√x + ½⌋ was PROVED = 0: sympy floors a complex number part by
    part, so the whole is 0, though √x has no real value left of 0); else sympy's answer for the whole."""
    nodes = sp.preorder_traversal(expr)
    parts = (n for n in nodes if isinstance(n, sp.Expr) and n is not expr and var in n.free_symbols)
    if any(node.subs(var, point).is_extended_real is False for node in parts):
        return False
    return expr.subs(var, point).is_extended_real


BOUNDED = (sp.sin, sp.cos)
# eventually monotone as their argument tends to ±∞: no zeros or poles accumulating there
TAME = (sp.exp, sp.log, sp.atan, sp.acot, sp.tanh, sp.coth, sp.sinh, sp.cosh, sp.sech, sp.csch, sp.asinh, sp.acosh,
        sp.erf, sp.erfc, sp.erfi, sp.LambertW, sp.Abs)  # fmt: skip
_GUARDS = (sp.Add, sp.Mul, sp.Abs)  # keep a bounded factor bounded and defined, as positive integer powers do


def unguarded_oscillation(expr: sp.Expr, var: sp.Symbol, to: sp.Expr, direction: str) -> str:
    """Why Gruntz cannot be trusted with a function that may oscillate near the point: one outside TAME with an
    argument that has no finite limit there ("" if there is none, or each is sin or cos reached only through sums,
    products, |·| and positive integer powers). Gruntz bounds sin(1/x) at 0 by [−1, 1] and then divides by it or
    takes its logarithm: lim_{x→0} e^{−1/x²}/sin(1/x), lim_{x→∞} e^{−x}/sin x and e^{−1/x²}/J₀(1/x) at 0 were
    PROVED = 0, though each expression is undefined at points accumulating at the limit point and unbounded near
    them (red team 118)."""
    sides = "+" if to.is_infinite else [side for side in "+-" if side in direction]
    wild: set[sp.Basic] = set()
    for node in sp.preorder_traversal(expr):
        if not isinstance(node, sp.Function) or isinstance(node, TAME) or var not in node.free_symbols:
            continue  # a Piecewise's rows are nodes of their own; its conditions are limit_steps' to decide
        args = [a for a in node.args if isinstance(a, sp.Expr) and var in a.free_symbols]
        for arg, side in ((a, side) for a in args for side in sides):
            try:
                inner = sp.limit(arg, var, to) if to.is_infinite else sp.limit(arg, var, to, side)
            except (ValueError, NotImplementedError, TypeError):
                inner = None
            if inner is None or not (inner.is_number and inner.is_finite and inner.is_extended_real):
                wild.add(node)
    if not wild:
        return ""
    first = clipped(min(wild, key=sp.default_sort_key), 40)
    if any(not isinstance(w, BOUNDED) or w.args[0].has(*wild) for w in wild):  # tan x, sin(1/sin(1/x))
        return f"{first} may oscillate near the point, or has poles accumulating there: Gruntz does not see them"

    def guarded(e: sp.Expr) -> bool:
        if e in wild or not e.has(*wild):
            return True  # a wild node's argument holds no other (asked above)
        if isinstance(e, _GUARDS):
            return all(guarded(a) for a in e.args)
        if isinstance(e, sp.Pow) and e.exp.is_Integer and e.exp > 0:
            return guarded(e.base)
        return False

    if guarded(expr):
        return ""
    return (
        f"{first} oscillates near the point and is divided by, or under a function: "
        "the expression may be undefined at points accumulating there, which sympy's limit does not see"
    )
