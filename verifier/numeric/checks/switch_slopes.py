"""A derivative in one symbol, decided exactly where f or its claimed derivative switches.

f = x² left of 0 and x³ right of it, with the claimed derivative 2x, 3x² and 1 at 0, is wrong at 0 alone
(f′(0) = 0); mpmath's derivative at 0 straddles the switch, so no sample decides it, and f = (eˣ − 1)/x with
the value 1 at 0 is claimed the slope 1 there (it is ½). So each point where a Piecewise condition of f or of
the claimed derivative switches, or the argument of a sign or a Heaviside does (its equation solved exactly,
bounded as in poles.py), inside the domain and not at its end, is tried:

* the claimed derivative there is its exact value, each Piecewise taking the row its conditions give;
* f′(c) from each side is the slope at c of the row f is on that side (trusted.limit_steps.steady: each step
  decided near the point, |u| of a real u written u·sign(u)), by substitution: where the row is built from
  elementary functions finite at c, its value and slope there are f's one-sided limit and one-sided derivative
  (a continuous slope, by the mean value theorem); where the row is a quotient 0/0 at c, from the Taylor
  expansions of its numerator and denominator (_quotient_at). f′(c) exists where both sides' values equal f(c)
  and their slopes agree. No limit of a difference quotient is taken: sympy's series can run for minutes there
  (x² sign x + log(cos²x + sin²x) at 0), with too few allocations for a heartbeat budget to stop it;
* where both sides give one finite value and sympy shows its gap to the claimed value nonzero, the point is a
  counterexample decided exactly. Where the sides differ, f has no derivative at c: a boundary between cases,
  which the claim's cases do not cover. Anything not decided finds nothing: this only refutes.
"""

from __future__ import annotations

import sympy as sp

from verifier.language.claims import Given
from verifier.numeric.checks.definedness import Finding
from verifier.numeric.checks.poles import MAX_OPS, MAX_POINTS, _inside, _window, exact_end, shown_value, solve_bounded
from verifier.outcome import Counterexample
from verifier.strategies import budget
from verifier.trusted import limit_steps
from verifier.trusted.instantiate import Instance

SLOPE_BUDGET = 300  # heartbeats of work for one point's two sides and the gap (counted, not timed)
SWITCHES = (sp.Piecewise, sp.sign, sp.Heaviside, sp.Abs)
# kinks and jumps left in a row (steady resolves only steps of the point's own variable): no slope by substitution
ROUGH = (sp.Abs, sp.sign, sp.Heaviside, sp.floor, sp.ceiling, sp.frac, sp.Piecewise, sp.Min, sp.Max, sp.Mod,
         sp.re, sp.im, sp.arg, sp.atan2, sp.DiracDelta, sp.Derivative, sp.Subs, sp.Integral)  # fmt: skip


def probe(inst: Instance, f: list[sp.Expr], claimed: sp.MatrixBase) -> Finding:
    """A switch point inside the domain where f′ exists and is not the claimed value, decided exactly."""
    if getattr(inst.claim.body, "order", 1) != 1:  # a Hessian's f″ at a switch is not f′'s quotient here
        return Finding()
    if len(inst.symbols) != 1 or len(inst.given) != 1 or len(f) != 1 or claimed.shape != (1, 1):
        return Finding()
    x, given = inst.symbols[0], inst.given[0]
    fx, gx = sp.sympify(f[0]), sp.sympify(claimed[0, 0])
    if not (fx.has(*SWITCHES) or gx.has(*SWITCHES)):
        return Finding()
    for point in _switch_points([fx, gx], x, given):
        seen = _slopes(fx, gx, x, point)
        if seen is not None:
            return _finding(inst.claim.n, given, point, *seen)
    return Finding()


def _switch_points(exprs: list[sp.Expr], x: sp.Symbol, given: Given) -> list[sp.Expr]:
    """The points inside the domain, not at its ends, where a condition or a step's argument crosses 0."""
    equations = []
    for e in exprs:
        for node in sp.preorder_traversal(e):
            if isinstance(node, sp.Piecewise):
                conditions = [c for _, c in node.args if isinstance(c, sp.Basic)]
                equations += [r.lhs - r.rhs for c in conditions for r in c.atoms(sp.core.relational.Relational)]
            elif isinstance(node, sp.sign | sp.Heaviside | sp.Abs):
                equations.append(node.args[0])
    points: list[sp.Expr] = []
    for equation in dict.fromkeys(equations):
        if equation.free_symbols != {x} or sp.count_ops(equation) > MAX_OPS:
            continue
        found = solve_bounded(equation, x, _window(given))
        if isinstance(found, sp.FiniteSet):
            points += [p for p in found if p.is_real]
    inside = [p for p in dict.fromkeys(sorted(points, key=sp.default_sort_key)) if _interior(given, p)]
    return inside[:MAX_POINTS]


def _interior(given: Given, point: sp.Expr) -> bool:
    """Inside the domain and at none of its ends: f′ there is a two-sided limit."""
    if not _inside(given, point):
        return False
    ends = [getattr(given.domain, end, None) for end in ("lo", "hi")]
    if type(given.domain).__name__ == "Nonnegative":
        ends.append(0)
    return all(end is None or (point - exact_end(end)).is_zero is False for end in ends)


def _slopes(f: sp.Expr, g: sp.Expr, x: sp.Symbol, point: sp.Expr) -> tuple[sp.Expr, sp.Expr, sp.Expr] | None:
    """(f′(point), the claimed value there, their gap) if f′ exists there and sympy shows the gap nonzero."""
    try:
        with budget.budget(SLOPE_BUDGET):
            claimed, value = g.xreplace({x: point}), f.xreplace({x: point})
            if any(v.has(sp.Piecewise, sp.nan, sp.zoo, sp.oo, -sp.oo) for v in (claimed, value)):
                return None  # a row not decided, or no value at the point: not this probe's finding
            right, left = (_one_side(_signed(f), x, point, side) for side in "+-")
            if right is None or left is None:
                return None
            (right_at, slope), (left_at, left_slope) = right, left
            if not (_same(right_at, value) and _same(left_at, value) and _same(slope, left_slope)):
                return None  # f jumps at the point, or its one-sided slopes differ: no f′ there
            gap = sp.simplify(slope - claimed)
    except (budget.BudgetExceeded, ValueError, TypeError, NotImplementedError, ZeroDivisionError, RecursionError):
        return None  # a step not decided near the point (limit_steps.Unsteady), or sympy could not
    if gap.is_zero is False and gap.is_finite and gap.is_real:
        return slope, claimed, gap
    return None


def _signed(f: sp.Expr) -> sp.Expr:
    """f with each |u| of a real u written u·sign(u), a step limit_steps resolves on each side."""
    return f.xreplace({a: a.args[0] * sp.sign(a.args[0]) for a in f.atoms(sp.Abs) if a.args[0].is_extended_real})


def _one_side(f: sp.Expr, x: sp.Symbol, point: sp.Expr, side: str) -> tuple[sp.Expr, sp.Expr] | None:
    """The row f is on a punctured one-sided neighbourhood of the point (limit_steps.steady), at the point, and its
    slope there: by substitution, which is the one-sided value and slope where the row is built from elementary
    functions that are finite there (continuous there, so the row's value and slope extend to the point); None
    where a step or a kink is left in the row, or either is not a finite real number."""
    row = limit_steps.steady(f, x, point, side)
    if any(isinstance(n, ROUGH) and x in n.free_symbols for n in sp.preorder_traversal(row)):
        return None
    at, slope = row.xreplace({x: point}), sp.diff(row, x).xreplace({x: point})
    if not _finite_reals(at, slope):
        return _quotient_at(row, x, point)
    return at, slope


def _finite_reals(*values: sp.Expr) -> bool:
    return not any(v.has(sp.nan, sp.zoo, sp.oo, -sp.oo, sp.AccumBounds) or v.is_real is not True for v in values)


def _quotient_at(row: sp.Expr, x: sp.Symbol, point: sp.Expr) -> tuple[sp.Expr, sp.Expr] | None:
    """A row N/D that is 0/0 at the point ((eˣ − 1)/x at 0): its one-sided limit and the slope of its continuation
    there, from Taylor's theorem. Where N and D are twice differentiable at c (elementary, their first two
    derivatives finite there), N(c) = D(c) = 0 and D′(c) ≠ 0, N/D = (N′ + N″h/2 + o(h)) / (D′ + D″h/2 + o(h)) at
    c + h: it tends to N′/D′, and its difference quotient to (N″D′ − N′D″) / (2D′²), all at c. Else None."""
    numerator, denominator = sp.fraction(sp.together(row))
    n, d = [numerator], [denominator]
    for _ in range(2):
        n.append(sp.diff(n[-1], x))
        d.append(sp.diff(d[-1], x))
    n0, n1, n2 = (e.xreplace({x: point}) for e in n)
    d0, d1, d2 = (e.xreplace({x: point}) for e in d)
    if not _finite_reals(n0, n1, n2, d0, d1, d2):
        return None
    if n0.is_zero is not True or d0.is_zero is not True or d1.is_zero is not False:
        return None
    return n1 / d1, (n2 * d1 - n1 * d2) / (2 * d1**2)


def _same(a: sp.Expr, b: sp.Expr) -> bool:
    """a = b, shown by sympy."""
    return a == b or sp.simplify(a - b).is_zero is True


SWITCH_NOTE = "where a case switches; f′ there from each side's case"


def at_a_switch(cx: Counterexample | None) -> bool:
    """A counterexample this probe found: at a switch between cases, where f′ was taken from each side's case."""
    return cx is not None and cx.digits == 0 and cx.note.endswith(SWITCH_NOTE)


def _finding(n: int | None, given: Given, point: sp.Expr, slope: sp.Expr, claimed: sp.Expr, gap: sp.Expr) -> Finding:
    label, at = given.label, sp.sstr(point)
    reason = (
        f"violated at {label} = {at}, where a case switches: f′({at}) = {sp.sstr(slope)} from both sides, decided "
        f"exactly; the claimed derivative there is {sp.sstr(claimed)}"
    )
    cx = Counterexample(
        n=n, values={label: shown_value(given, point)}, claimed=sp.sstr(claimed), observed=sp.sstr(slope),
        relation="=", error=sp.sstr(abs(gap)), digits=0,
        note=f"{label} = {at} ≈ {float(point):.6g}, {SWITCH_NOTE}",
    )  # fmt: skip
    return Finding(cx, reason, exact={given.target: point})
