"""Where a step function, sign, Heaviside or a Piecewise jumps, and what an expression is between its jumps.

Shared by the checks that solve for special points exactly: case_points (an identity decided where a case
switches), critical (the jumps of an inequality's gap) and poles (a side undefined at a point). A pole reached
through a step is at an irrational point no sample meets: Γ(frac(√3·x) + 1) = frac(√3·x)·Γ(frac(√3·x)) on
[1/2, 2] has no right side at x = 1/√3 and 2/√3, where frac(√3·x) = 0, and was PROVED "wherever both sides are
defined" (red team 150); log(frac(√2·x)), cot(π·frac(√2·x)), 1/sign(x − π) and Γ of a Piecewise row likewise.
So poles asks, of each operation's argument that holds a step, the points where its steps jump (jump_points)
and, between them, the argument with each step written as the polynomial it is there (pieces).
"""

from __future__ import annotations

import sympy as sp
from sympy.core.evalf import PrecisionExhausted
from sympy.core.relational import Relational

from verifier.numeric.checks.levels import levels

STEPS = (sp.floor, sp.ceiling, sp.frac)  # functions that jump where their argument is an integer
_BRANCHED = (sp.Piecewise, sp.Abs, sp.Max, sp.Min)  # functions that are one of some expressions on each part
JUMPS = (*STEPS, sp.sign, sp.Heaviside, *_BRANCHED)  # and those whose values jump: what poles.py looks into
MAX_PIECES = 8  # the integer parts of a step's argument whose piece is written out, on a bounded window
MAX_DEPTH = 2  # steps written out one inside another (or one after another): at most MAX_PIECES² pieces


def boundaries(exprs: list[sp.Expr]) -> list[sp.Expr]:
    """a − b for each relation a ~ b between two expressions in a Piecewise condition of exprs, where its row may
    switch; not a relation between truth values, Eq(x > 1, x² > 1), whose own relations are taken (helper-141)."""
    out: list[sp.Expr] = []
    for pw in {p for e in exprs for p in e.atoms(sp.Piecewise)}:
        for _, condition in pw.args:
            if isinstance(condition, sp.Basic):
                rels = condition.atoms(Relational)
                out += [r.lhs - r.rhs for r in rels if isinstance(r.lhs, sp.Expr) and isinstance(r.rhs, sp.Expr)]
    return out


def jump_equations(exprs: list[sp.Expr]) -> list[sp.Expr]:
    """The equations g = 0 whose points a case switches at: each relation of a Piecewise condition (x = c, x ≠ c,
    and the boundary of x < c, x ≥ c, …), and the argument of each sign and Heaviside."""
    out = boundaries(exprs) + [f.args[0] for e in exprs for f in e.atoms(sp.sign, sp.Heaviside)]
    return sorted(set(out), key=sp.default_sort_key)


def _bounded(window: sp.Set) -> bool:
    return isinstance(window, sp.Interval) and bool(window.inf.is_finite) and bool(window.sup.is_finite)


def _integer_range(u: sp.Expr, x: sp.Symbol, window: sp.Set) -> tuple[sp.Expr, sp.Expr, int, int] | None:
    """(slope, shift, first, last) of a linear u = slope·x + shift (exact, real) whose integer values on the
    bounded window are first … last; None for another argument (left to the sampler)."""
    if not _bounded(window) or u.free_symbols != {x} or u.has(sp.Float) or not u.is_polynomial(x):
        return None
    poly = sp.Poly(u, x)
    if poly.degree() != 1:
        return None
    slope, shift = poly.all_coeffs()
    if not (slope.is_extended_real and shift.is_extended_real):
        return None  # ⌊i·x⌋ is complex: its real and imaginary parts jump apart (helper-141: it raised)
    try:
        ends = sorted([u.xreplace({x: window.inf}), u.xreplace({x: window.sup})], key=float)
        return slope, shift, int(sp.ceiling(ends[0])), int(sp.floor(ends[1]))
    except (PrecisionExhausted, TypeError, ValueError, OverflowError):
        return None  # ⌊e⁸⁰⁰·x⌋ on [0, 1]: no integer part sympy can compute (helper-141: it raised)


def _step_arguments(exprs: list[sp.Expr]) -> list[sp.Expr]:
    return sorted({f.args[0] for e in exprs for f in sp.sympify(e).atoms(*STEPS)}, key=sp.default_sort_key)


def step_points(exprs: list[sp.Expr], x: sp.Symbol, window: sp.Set, most: int) -> list[sp.Expr]:
    """The points of a bounded window where the argument u = a·x + b (exact a, b) of floor, ceiling or frac is an
    integer, where they jump (at most `most` per argument); other arguments are left to the sampler."""
    points: list[sp.Expr] = []
    for u in _step_arguments(exprs):
        found = _integer_range(u, x, window)
        if found is not None:
            slope, shift, first, last = found
            points += [(m - shift) / slope for m in range(first, min(last, first + most - 1) + 1)]
    return points


def _branches(node: sp.Basic) -> list[sp.Expr]:
    """The values a node takes, each on part of the line: a Piecewise's rows, ±v for |v|, the arguments of Max
    and Min."""
    if isinstance(node, sp.Piecewise):
        return [value for value, _ in node.args if isinstance(value, sp.Expr)]
    if isinstance(node, sp.Abs):
        return [node.args[0], -node.args[0]]
    return list(node.args)


def pieces(expr: sp.Expr, x: sp.Symbol, window: sp.Set) -> list[tuple[sp.Expr, sp.Set]]:
    """expr between its jumps, each with the window where it is so: every Piecewise as each of its rows' values, |v|
    as v and −v, Max and Min as each argument (on the whole window: a point found is a candidate, decided exactly
    there; Γ(|x − π|) at x = π), and, for a linear argument u of floor, ceiling and frac, ⌊u⌋ = m, ⌈u⌉ = m + 1 and
    frac(u) = u − m on m ≤ u ≤ m + 1 (its ends are jump points, asked on their own), then so for a step that
    leaves linear (frac(2·frac(√2·x) + 1/3) at frac(√2·x) = 1/3), at most MAX_DEPTH deep. Nothing for an
    expression with no jumps, or none written out."""
    rows = [expr]
    for node in sorted(expr.atoms(*_BRANCHED), key=sp.default_sort_key)[:2]:
        rows = [r.xreplace({node: value}) for r in rows for value in _branches(node)]
    out = [(r, window) for r in rows] if expr.has(*_BRANCHED) else []
    for row in rows:
        out += _unstepped(row, x, window, MAX_DEPTH)
    return [(e, w) for e, w in out if not e.has(*STEPS) and isinstance(w, sp.Interval)]


def _unstepped(expr: sp.Expr, x: sp.Symbol, window: sp.Set, depth: int) -> list[tuple[sp.Expr, sp.Set]]:
    """expr on each piece where the first linear argument of its steps has one integer part (see pieces)."""
    linear = [(u, r) for u in _step_arguments([expr]) if (r := _integer_range(u, x, window)) is not None]
    if not linear or depth == 0:
        return _stepped_levels(expr, x, window) if depth else []
    u, (slope, shift, first, last) = linear[0]
    out: list[tuple[sp.Expr, sp.Set]] = []
    for m in range(first - 1, min(last, first + MAX_PIECES - 2) + 1):
        ends = sorted([(m - shift) / slope, (m + 1 - shift) / slope], key=float)
        part = sp.Intersection(window, sp.Interval(*ends))
        swap = {sp.floor(u): sp.Integer(m), sp.ceiling(u): sp.Integer(m + 1), sp.frac(u): u - m}
        piece = expr.xreplace(swap)
        out += _unstepped(piece, x, part, depth - 1) if piece.has(*STEPS) else [(piece, part)]
    return out


def level_equations(exprs: list[sp.Expr], x: sp.Symbol, window: sp.Set) -> list[sp.Expr]:
    """u − m for each argument u of floor, ceiling and frac that is a polynomial of degree 2 to 4 and each integer
    m it may reach on the bounded window (levels.py): where it jumps (frac(x²) at x = √2: red team 150)."""
    return [u - m for u in _step_arguments(exprs) for m in levels(u, x, window, sp.S.Zero, sp.S.One)]


def _stepped_levels(expr: sp.Expr, x: sp.Symbol, window: sp.Set) -> list[tuple[sp.Expr, sp.Set]]:
    """expr with its first step of a polynomial argument u written as it is where ⌊u⌋ = m, for each m u may reach:
    on the whole window, whose points where it is so are not worked out (a point found is a candidate only)."""
    for u in _step_arguments([expr]):
        found = levels(u, x, window, sp.S.Zero, sp.S.One)
        if found:
            swaps = [{sp.floor(u): m, sp.ceiling(u): m + 1, sp.frac(u): u - m} for m in found]
            return [(expr.xreplace(swap), window) for swap in swaps]
    return []
