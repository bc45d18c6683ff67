"""Where a numeric check looks: sampled points, their exact versions, and their simplicity."""

from __future__ import annotations

from dataclasses import dataclass

import mpmath
import numpy as np
import sympy as sp

from verifier import confirm, numeric
from verifier.domains import Orthogonal
from verifier.instantiate import Instance
from verifier.numeric import Env


@dataclass(frozen=True)
class Settings:
    seed: int = 0
    samples: int = 200
    corner_fraction: float = 0.1
    points: Env | None = None  # check exactly these points instead of sampling (used by the shrinker)


def sample(inst: Instance, rng: np.random.Generator, k: int, s: Settings, corners_ok: bool = True) -> Env:
    """K points from the claim's domains (10% from ill-conditioned corners), or the given points."""
    if s.points is not None:
        return s.points
    corners = round(k * s.corner_fraction) if corners_ok else 0
    plain = numeric.draw(inst.given, rng, k - corners)
    if corners == 0 or not inst.given:
        return plain
    return numeric.concat([plain, numeric.draw(inst.given, rng, corners, corners=True)])


def point_values(inst: Instance, env: Env, idx: int) -> dict[str, object]:
    """The sample idx as {label: value or nested list}, for a counterexample."""
    out: dict[str, object] = {}
    for g in inst.given:
        if isinstance(g.target, sp.MatrixBase):
            m = g.target
            vals = [[_num(env, m[i, j], idx) for j in range(m.cols)] for i in range(m.rows)]
            out[g.label] = [row[0] for row in vals] if m.cols == 1 else vals
        else:
            out[g.label] = _num(env, g.target, idx)
    return out


def _num(env: Env, entry: sp.Basic, idx: int) -> float:
    if isinstance(entry, sp.Symbol) and entry in env:
        return float(env[entry][idx])
    return float(sp.sympify(entry).xreplace({s: env[s][idx] for s in env}))


def simplicity(values: dict[str, object]) -> float:
    """Lower is simpler: small integers and halves beat arbitrary floats."""
    flat: list[float] = []

    def walk(v: object) -> None:
        if isinstance(v, list):
            for x in v:
                walk(x)
        else:
            flat.append(float(v))  # type: ignore[arg-type]

    for v in values.values():
        walk(v)
    return sum(0.0 if (2 * x).is_integer() and abs(x) <= 3 else 1.0 + abs(x) / 100 for x in flat)


def mp_args(inst: Instance, env: Env, idx: int) -> list[mpmath.mpf]:
    """The sample as exact mpmath numbers, with the domain's relations imposed exactly.

    Floats cannot make Σy = 1 hold exactly; the high-precision check must see a point
    that really lies in the domain, or round-off in the sample would look like a
    counterexample. Related entries are computed from exact rationals at 250 digits.
    """
    args = confirm.exact_args([env[s][idx] for s in inst.symbols])
    position = {s: i for i, s in enumerate(inst.symbols)}
    for g in inst.given:  # float samples are orthogonal to ~1e-16 only; make them exactly so
        if isinstance(g.domain, Orthogonal):
            cells = [position[e] for e in g.target]
            with mpmath.workdps(250):
                q = orthonormalise([args[c] for c in cells], g.target.rows, g.target.cols)
            for c, value in zip(cells, q, strict=True):
                args[c] = value
    for sym, expr in inst.relations:
        exact = {k: sp.Rational(float(env[k][idx])) for k in expr.free_symbols if k in env}
        value = sp.Rational(expr.xreplace(exact))
        with mpmath.workdps(250):
            args[position[sym]] = mpmath.mpf(value.p) / value.q
    return args


def orthonormalise(values: list[mpmath.mpf], rows: int, cols_count: int) -> list[mpmath.mpf]:
    """Gram–Schmidt on the columns of a row-major matrix, at the current precision; row-major Q."""
    n = rows
    cols = [[values[i * cols_count + j] for i in range(n)] for j in range(cols_count)]
    basis: list[list[mpmath.mpf]] = []
    for col in cols:
        v = list(col)
        for b in basis:
            dot = mpmath.fsum(x * y for x, y in zip(v, b, strict=True))
            v = [x - dot * y for x, y in zip(v, b, strict=True)]
        norm = mpmath.sqrt(mpmath.fsum(x * x for x in v))
        basis.append([x / norm for x in v])
    return [basis[j][i] for i in range(n) for j in range(cols_count)]


def exact_point(inst: Instance, env: Env, idx: int) -> dict[sp.Symbol, sp.Rational]:
    """The sample as exact rationals, with the domain's relations imposed exactly."""
    point = {s: sp.Rational(float(env[s][idx])) for s in inst.symbols}
    for sym, expr in inst.relations:
        point[sym] = sp.Rational(expr.xreplace(point))
    return point


def exact_rational(expr: sp.Expr, point: dict[sp.Symbol, sp.Rational]) -> sp.Rational | None:
    """expr at a rational point, if it is exactly rational there (no transcendental parts)."""
    if expr.atoms(sp.Function) or any(not p.exp.is_Integer for p in expr.atoms(sp.Pow)):
        return None
    value = expr.xreplace(point)
    return value if isinstance(value, sp.Rational) else None
