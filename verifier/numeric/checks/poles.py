"""Isolated points where a side is undefined, found exactly (issue 37).

Random samples never land on x = 1/3, and a float cannot even hold it: (3x − 1)/(6x − 2) = ½ on
[0, 1] is undefined at one interior point that sampling cannot see. For a claim in one scalar
symbol, the points where an operation of either side has no value are solved for exactly: the
zeros of a denominator, of a logarithm's argument, the poles of tan, sec, cot and csc, of ζ at 1,
and the lattice poles of Γ, log Γ, ψ, ψ⁽ⁿ⁾, B, n! and H_n (an argument at 0, −1, −2, …, for an argument
linear in the symbol), within the declared domain. At such a point, one side undefined and the other defined is a
counterexample decided exactly (the point is shown to lie in the domain, exactly); see
definedness.py for the rule that a claim holds at every point of its declared domain.

In several scalar symbols, each with its own domain, each symbol's points are solved for with the
others held at a point inside their domains, so a pole on a line, x = y + 1/3, is found where it
crosses y = 1/2 (a claim in one symbol was refuted there; in two it was PROVED "wherever both
sides are defined").

Incomplete by design: vectors and matrices (their domains may tie the entries), more than
MAX_SYMBOLS symbols, a pole that misses the lines tried, conditions sympy cannot solve on the
domain, and more than MAX_POINTS points are left to the sampler.
"""

from __future__ import annotations

import itertools

import sympy as sp
from sympy.core.relational import Relational

from verifier.language.claims import Derivative, Given
from verifier.language.domains.exact import exact_end, holds_at
from verifier.language.zeros import in_one_function
from verifier.numeric.checks.culprit import culprit, shown
from verifier.numeric.checks.definedness import Finding
from verifier.numeric.checks.exact_value import _lattice, holds, undefined_at, undefined_conditions
from verifier.numeric.checks.jumps import JUMPS, jump_equations, level_equations, pieces, step_points
from verifier.numeric.checks.levels import levels
from verifier.outcome import Counterexample
from verifier.strategies import budget
from verifier.trusted.instantiate import Instance

Point = dict[sp.Symbol, sp.Expr]

MAX_POINTS = 8  # candidate points per claim
MAX_SYMBOLS = 4  # a claim in more scalar symbols is left to the sampler
MAX_OPS = 60  # a condition larger than this is not solved (solveset may take long)
MAX_DEGREE = 8  # above 4, sympy gives the roots as CRootOf, which the pole search decides exactly (red team 150)
SOLVE_BUDGET = 40  # heartbeats of work for one solveset
PERIODIC_WINDOW = 8  # the poles of tan, sec, cot, csc on an unbounded domain are looked for in [−8, 8]
LATTICE_SPAN = 8  # on an unbounded domain, the lattice poles 0, −1, …, −8 (shifted by the argument) are tried


def _lattice_points(
    lattice: list[tuple[sp.Expr, int]], x: sp.Symbol, window: sp.Set, near: sp.Set | None = None
) -> list[sp.Expr]:
    """The points x where a lattice argument u = a·x + b reaches top, top − 1, …: within a bounded window, all
    (at most MAX_POINTS of them); on an unbounded one, the first LATTICE_SPAN + 1. Arguments that are not
    linear in x are left to the sampler; a polynomial one's levels are looked for on `near` (the window, or a bounded
    part of it)."""
    near = window if near is None else near
    points: list[sp.Expr] = []
    for u, top in lattice:
        if u.free_symbols != {x} or not u.is_polynomial(x) or sp.Poly(u, x).degree() == 0:
            continue
        if sp.Poly(u, x).degree() > 1:  # Γ(x² − 2) at x = √2 (red team 150)
            points += [p for c in levels(u, x, near, sp.S.Zero, sp.S.One, top) for p in _solved(u - c, x, near)]
            continue
        slope, shift = sp.Poly(u, x).all_coeffs()
        lowest, highest = top - LATTICE_SPAN, top
        if isinstance(window, sp.Interval) and window.inf.is_finite and window.sup.is_finite:
            ends = sorted([u.xreplace({x: window.inf}), u.xreplace({x: window.sup})], key=float)
            lowest, highest = int(sp.ceiling(ends[0])), min(top, int(sp.floor(ends[1])))
        for m in range(highest, max(lowest, highest - MAX_POINTS) - 1, -1):
            points.append((m - shift) / slope)
    return points


def probe(inst: Instance, sides: tuple[list[sp.Expr], list[sp.Expr]], premise: sp.Basic | None = None) -> Finding:
    """A point of the domain where exactly one side is undefined, decided exactly; else nothing. premise: an
    implication's, which must hold there, exactly (x > 0 ⇒ 1/x > 0 has no such point)."""
    givens = _scalar_givens(inst)
    if givens is None:
        return Finding()
    floats = any(sp.sympify(e).atoms(sp.Float) for e in [*sides[0], *sides[1]])
    sides = ([_binary(e) for e in sides[0]], [_binary(e) for e in sides[1]])  # floats as their binary values
    premise = _binary(premise) if premise is not None else None
    exprs = [*sides[0], *sides[1]]
    singular = [_binary(d) for d in _inverted_determinants(inst)]
    for point in _points([*exprs, *(1 / d for d in singular)], givens, premise):
        if premise is not None and holds(premise, point) is not True:
            continue
        states = [undefined_at(side, point) for side in sides]
        if any(sp.simplify(d.xreplace(point)).is_zero for d in singular):
            states = [True, undefined_at(sides[1], point)]  # the left side inverts a matrix singular here
        if states[0] != states[1] and None not in states:
            return _finding(inst, givens, sides, point, 0 if states[0] else 1, floats)
    return Finding()


def _binary(e: sp.Basic) -> sp.Basic:
    """e with each Float read as the binary number it is, exactly (1.1 − 0.1·11 is 2.8·10⁻¹⁷, not 0, as the
    high-precision checks read it): a point is then decided exactly, never in Float arithmetic."""
    e = sp.sympify(e)
    floats = e.atoms(sp.Float)
    return e.xreplace({f: sp.Rational(f) for f in floats}) if floats else e


def symbol_of(given: Given) -> sp.Basic:
    """The scalar symbol a given declares (a 1×1 matrix's entry)."""
    target = given.target
    return target[0] if isinstance(target, sp.MatrixBase) and target.shape == (1, 1) else target


def _scalar_givens(inst: Instance) -> dict[sp.Symbol, Given] | None:
    """Each symbol with its own domain, if every declared object is one scalar symbol (the entries of a vector
    may be tied by its domain, a simplex's) and there are at most MAX_SYMBOLS; None otherwise."""
    if inst.relations or not 0 < len(inst.symbols) <= MAX_SYMBOLS or len(inst.given) != len(inst.symbols):
        return None
    givens: dict[sp.Symbol, Given] = {}
    for g in inst.given:
        target = symbol_of(g)
        if not isinstance(target, sp.Symbol):
            return None
        givens[target] = g
    return givens if set(givens) == set(inst.symbols) else None


def _points(exprs: list[sp.Expr], givens: dict[sp.Symbol, Given], premise: sp.Basic | None) -> list[Point]:
    """Candidate points: in one symbol, its poles; in several, each symbol's poles with the others held at a
    point inside their domains ((x − y − 1/3)⁻¹ on [0, 1]²: x = 5/6 at y = 1/2), one symbol at a time."""
    each: list[list[Point]] = []
    for x, given in givens.items():  # each symbol its own MAX_POINTS: tan x's poles leave room for y's
        mine: list[Point] = []
        for held in _held(givens, x):
            exprs_held = [e.xreplace(held) for e in exprs]
            premise_held = premise.xreplace(held) if premise is not None else None
            mine += [{**held, x: p} for p in _candidates(exprs_held, x, given, premise_held)]
            if len(mine) >= MAX_POINTS:
                break
        each.append(mine[:MAX_POINTS])
    return [p for turn in itertools.zip_longest(*each) for p in turn if p is not None]  # in turns


def _held(givens: dict[sp.Symbol, Given], x: sp.Symbol) -> list[Point]:
    """The others' values while x is solved for: up to two points inside each one's domain (none in one symbol)."""
    others = [(y, _inner(g)) for y, g in givens.items() if y != x]
    if not others:
        return [{}]
    if any(not values for _, values in others):
        return []
    return [{y: values[min(k, len(values) - 1)] for y, values in others} for k in range(2)]


def _inner(given: Given) -> list[sp.Expr]:
    """Two simple exact points inside the domain: near its middle where it is bounded, else small numbers."""
    window = _window(given)
    if window.inf.is_finite and window.sup.is_finite:
        lo, hi = window.inf, window.sup
        tried = [(lo + hi) / 2, lo + (hi - lo) / 3, sp.floor((lo + hi) / 2), sp.ceiling((lo + hi) / 2)]
    else:
        tried = [sp.Rational(1, 3), sp.Rational(7, 3), sp.Rational(-1, 3), sp.Integer(1), sp.Integer(2), sp.Integer(-1)]
    inside = [v for v in dict.fromkeys(tried) if _inside(given, v)]
    return inside[:2]


def _inverted_determinants(inst: Instance) -> list[sp.Expr]:
    """The determinants of the explicit matrices the left side inverts, as written: sympy cancels
    adj(M)·M/det(M) when the claim is made explicit, so the condition det M ≠ 0 is read from the claim
    as its author wrote it."""
    written = inst.claim.as_written
    if written is None or not hasattr(written, "lhs"):
        return []
    found = []
    for inv in sp.sympify(written.lhs).atoms(sp.Inverse):
        if isinstance(inv.arg, sp.MatrixBase) and inv.arg.is_square and inv.arg.rows <= 4:
            found.append(sp.Matrix(inv.arg).det())
    return found


def _rows(exprs: list[sp.Expr]) -> list[sp.Expr]:
    """The values and the conditions' sides of every Piecewise in the expressions, nested ones too: candidates
    only (undefined_at decides, at a point, which rows are evaluated there)."""
    rows: list[sp.Expr] = []
    for pw in set().union(*(sp.sympify(e).atoms(sp.Piecewise) for e in exprs)) if exprs else ():
        for value, condition in pw.args:
            rows.append(value)
            rows += [s for r in condition.atoms(Relational) for s in r.args]
    return rows


def _candidates(exprs: list[sp.Expr], x: sp.Symbol, given: Given, premise: sp.Basic | None = None) -> list[sp.Expr]:
    raw = list(map(_unwrapped, [*undefined_conditions(exprs), *undefined_conditions(_rows(exprs))]))
    lattice = [(u, top) for u, top in _lattice(exprs) if u.free_symbols == {x}]
    if not lattice and not any(c.free_symbols == {x} for c in raw):
        return []  # nothing to solve for x (the premise's window is not worked out)
    window = _within(_window(given), premise, x)
    near = _near(window, given)
    found = [*_stepped(raw, lattice, x, near), *_lattice_points(lattice, x, window, near)]
    found += _trigonometric(raw, x, near)
    points = [p for p in found if _inside(given, p)]
    for condition in (c for c in raw if _in_x(c, x)):
        points += [p for p in _solved(condition, x, window) if _inside(given, p)]
        if len(points) >= MAX_POINTS:
            break
    return list(dict.fromkeys(points))[:MAX_POINTS]


def _solved(condition: sp.Expr, x: sp.Symbol, window: sp.Set) -> list[sp.Expr]:
    """The real zeros of a condition within the window, nearest the origin first (a periodic one's near the
    origin or the window's finite end)."""
    solutions = solve_bounded(condition, x, window)
    if solutions is None:
        return []
    if not isinstance(solutions, sp.FiniteSet) and not (window.inf.is_finite and window.sup.is_finite):
        solutions = sp.Intersection(solutions, _periodic(window))
    if not isinstance(solutions, sp.FiniteSet):
        return []
    return sorted((p for p in solutions if p.is_real), key=lambda p: abs(float(p)))


def _trigonometric(raw: list[sp.Expr], x: sp.Symbol, window: sp.Set) -> list[sp.Expr]:
    """The zeros of sin(u) and cos(u) for a polynomial u of degree 2 to 4 (tan(x²) has no value at x = √(π/2):
    red team 150), where u = k·π or π/2 + k·π, on a bounded window."""
    points: list[sp.Expr] = []
    for c in raw:
        if isinstance(c, sp.sin | sp.cos) and c.free_symbols == {x}:
            u, start = c.args[0], sp.S.Zero if isinstance(c, sp.sin) else sp.pi / 2
            points += [p for level in levels(u, x, window, start, sp.pi) for p in _solved(u - level, x, window)]
    return points


def _stepped(raw: list[sp.Expr], lattice: list[tuple[sp.Expr, int]], x: sp.Symbol, window: sp.Set) -> list[sp.Expr]:
    """The candidates of conditions and lattice arguments that hold a step, sign, Heaviside or Piecewise (red
    team 150: Γ(frac(√3·x)) at x = 1/√3): the points where those jump, and the zeros of each piece between jumps."""
    held = [c for c in raw if c.free_symbols == {x} and c.has(*JUMPS)]
    held_lattice = [(u, top) for u, top in lattice if u.has(*JUMPS)]
    everything = [*held, *(u for u, _ in held_lattice)]
    if not everything:
        return []
    points = step_points(everything, x, window, MAX_POINTS)
    for equation in [*jump_equations(everything), *level_equations(everything, x, window)]:
        if _in_x(equation, x):
            points += _solved(equation, x, window)
    for condition in held:
        for piece, part in pieces(condition, x, window):
            points += _solved(piece, x, part) if _in_x(piece, x) else []
    for u, top in held_lattice:
        points += [p for piece, part in pieces(u, x, window) for p in _lattice_points([(piece, top)], x, part)]
    return points


def _unwrapped(condition: sp.Expr) -> sp.Expr:
    while isinstance(condition, sp.Abs):  # |3x − 1| is 0 where 3x − 1 is
        condition = condition.args[0]
    return condition


def _in_x(condition: sp.Expr, x: sp.Symbol) -> bool:
    """A condition in x alone, small enough and of a kind that is solved for."""
    return condition.free_symbols == {x} and sp.count_ops(condition) <= MAX_OPS and _solvable(condition, x)


def _within(window: sp.Set, premise: sp.Basic | None, x: sp.Symbol) -> sp.Set:
    """The window where an implication's premise on x holds too (x > 9 ⇒ cot² x ≥ 0: its poles past 9, where the
    first eight near the origin all fail the premise; helper-87)."""
    if premise is None or premise.free_symbols != {x}:
        return window
    try:
        meet = sp.Intersection(window, premise.as_set())
    except (NotImplementedError, TypeError, ValueError):
        return window
    return meet if isinstance(meet, sp.Interval) else window


def _near(window: sp.Set, given: Given) -> sp.Set:
    """The window if it is bounded, else its part near its finite end or the origin (as _periodic), from 0 for a
    positive symbol: where the jumps of a step and the levels a polynomial argument reaches are looked for
    (log(frac(√2·x)) for x > 0 has no value at x = 1/√2: red team 150)."""
    if window.inf.is_finite and window.sup.is_finite:
        return window
    if type(given.domain).__name__ in ("Positive", "Nonnegative") and window == sp.S.Reals:
        window = sp.Interval(0, sp.oo)
    return _periodic(window)


def _periodic(window: sp.Set) -> sp.Interval:
    """Where a periodic condition's zeros are looked for on an unbounded window: from its finite end, else near 0."""
    lo, hi, span = window.inf, window.sup, 2 * PERIODIC_WINDOW
    if lo.is_finite:
        return sp.Interval(lo, lo + span)
    return sp.Interval(hi - span, hi) if hi.is_finite else sp.Interval(-PERIODIC_WINDOW, PERIODIC_WINDOW)


def solve_bounded(condition: sp.Expr, x: sp.Symbol, window: sp.Set) -> sp.Set | None:
    """sympy's solveset within SOLVE_BUDGET heartbeats of work (counted, not timed: the same on every
    machine); None if it gives up, cannot, or runs out (solveset can take minutes on sin(k) = c)."""
    try:
        with budget.budget(SOLVE_BUDGET):
            return sp.solveset(condition, x, window)
    except (NotImplementedError, ValueError, TypeError, RecursionError, budget.BudgetExceeded):
        return None


def _solvable(condition: sp.Expr, x: sp.Symbol) -> bool:
    """A polynomial of small degree in x, sin/cos of an argument linear in x, or a polynomial of small degree in one
    exponential, sine, cosine or logarithm (zeros.in_one_function: eˣ − 3, 0 at x = log 3, red team 150)."""
    if isinstance(condition, sp.sin | sp.cos):
        return sp.Poly(condition.args[0], x).degree() <= 1 if condition.args[0].is_polynomial(x) else False
    if condition.is_polynomial(x):
        return sp.Poly(condition, x).degree() <= MAX_DEGREE
    return in_one_function(condition, x)


def _window(given: Given) -> sp.Set:
    """The bounded interval of the domain, where it has one (a periodic condition needs it), else ℝ."""
    lo, hi = getattr(given.domain, "lo", None), getattr(given.domain, "hi", None)
    if isinstance(lo, int | float | sp.Rational) and isinstance(hi, int | float | sp.Rational):
        return sp.Interval(exact_end(lo), exact_end(hi))
    return sp.S.Reals


def _inside(given: Given, point: sp.Expr) -> bool:
    """The point lies in the domain, decided exactly (rational points by the domain, π or √2 by sympy's signs)."""
    return holds_at(given.domain, point, given.shape)


def shown_value(given: Given, point: sp.Expr) -> float | str:
    """The exact point as a counterexample shows it: its float, unless that float lies outside the domain, or the
    domain is an interval floats cannot cover: then its exact value. On [1 + 10⁻³⁰, 1 + 2·10⁻³⁰] x = 1.0 was shown,
    and on [1 − 10⁻³⁰, 1 + 10⁻³⁰] x = 1 was refuted "at x = 1.0", where it holds (helper-84)."""
    near = float(point)
    covered = getattr(given.domain, "covered_by_floats", lambda: True)()
    return near if covered and _inside(given, sp.Rational(near)) else sp.sstr(point)


def _finding(
    inst: Instance,
    givens: dict[sp.Symbol, Given],
    sides: tuple[list[sp.Expr], list[sp.Expr]],
    point: Point,
    bad: int,
    floats: bool,
) -> Finding:
    derivative = isinstance(inst.claim.body, Derivative)  # its sides: f, and the derivative claimed
    names = ("f", "derivative") if derivative else ("left side", "right side")
    ordered = [(givens[s], point[s]) for s in inst.symbols]
    at = ", ".join(f"{g.label} = {shown(v, floats)}" for g, v in ordered)
    why = culprit(sides[bad], point, floats)
    said = ("f", "the claimed derivative")[bad] if derivative else f"the {names[bad]}"
    found_as = "a point of the domain found exactly"
    reason = f"{said} is undefined at {at}, {found_as}" + (f": {why}" if why else "")
    texts = ["defined", "defined"]
    texts[bad] = "undefined"
    near = ", ".join(f"{g.label} ≈ {float(v):.6g}" for g, v in ordered)
    cx = Counterexample(
        n=inst.claim.n, values={g.label: shown_value(g, v) for g, v in ordered}, claimed=f"{names[1]} {texts[1]}",
        observed=f"{names[0]} {texts[0]}", relation="both sides defined and equal", error="undefined",
        digits=0, note=f"{reason} ({near})",
    )  # fmt: skip
    return Finding(cx, reason, exact=point)
