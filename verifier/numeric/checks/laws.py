"""An Expectation must exist at every point of its declared domain: each noise law's parameters valid there
(N(μ, σ²) needs σ² ≥ 0, Bernoulli(p) needs 0 ≤ p ≤ 1, and every parameter is real: E X² = 0 for X ~ N(i, 1), and
E X² = a − 1 for X ~ N(√(a − 2), 1) on a ∈ [0, 1], were PROVED from the moments μ² + σ², and Bernoulli(½ + i) was an
internal error), and the integrand defined, whatever the draws (X/p has
no value at p = 0). Checked at the domain's samples, its special points (ends, 0) first; a failure is confirmed
exactly at the sample's exact point and makes the claim an error that asks to narrow the domain.

Incomplete by design: a condition is seen only at a sampled point (a law invalid on an interval too narrow to
sample is missed), and only the integrand's denominators and logarithms free of the noise are looked at.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from verifier.language.claims import Expectation
from verifier.numeric import batch as numeric
from verifier.numeric.checks import exact_value
from verifier.numeric.checks.definedness import point_text
from verifier.numeric.checks.sampling import Settings, exact_point, outside_domain, point_values, sample
from verifier.trusted.instantiate import ClaimError, Instance, as_matrix

SEED = 7  # a generator of its own: the check's samples leave the claim's own draws as they were
MAX_CONFIRMED = 8  # suspect samples confirmed exactly, per condition


def check_laws(inst: Instance, body: Expectation, s: Settings) -> None:
    """Raise ClaimError if a law is invalid, or the integrand undefined, at a point of the domain."""
    noise = set(body.noise)
    exprs = [sp.sympify(e) for e in as_matrix(body.expr)]
    checks: list[tuple[sp.Expr, str, str]] = []
    for var, law in body.noise.items():
        for param in law.params():
            if param.has(sp.I) or param.is_extended_real is False:
                raise ClaimError(f"{var} ~ {law.describe()}: {sp.sstr(param)} is not real; it is no distribution")
            if not param.free_symbols & noise:
                checks.append((param, "real", f"{var} ~ {law.describe()} is no distribution where {param} is not real"))
        for need in law.requires():
            if need is sp.false:
                raise ClaimError(f"{_law_text(var, law, need)}: it is no distribution; fix its parameters")
            if not isinstance(need, sp.Rel):
                continue  # true whatever the parameters
            gap = need.lhs - need.rhs if isinstance(need, sp.Ge | sp.Gt) else need.rhs - need.lhs
            checks.append((gap, "strict" if isinstance(need, sp.Gt | sp.Lt) else "weak", _law_text(var, law, need)))
    for condition in exact_value.undefined_conditions(exprs):
        if not condition.free_symbols & noise and condition.free_symbols <= set(inst.symbols):
            checks.append((condition, "nonzero", f"the integrand has no value where {sp.sstr(condition)} = 0"))
    checks = [c for c in checks if c[0].free_symbols]
    if not checks:
        return
    env = sample(inst, np.random.default_rng(SEED), s.samples, s)
    values = numeric.compiled(inst.symbols, [c[0] for c in checks])(env)
    for j, (gap, kind, text) in enumerate(checks):
        _confirm(inst, env, gap, kind, text, values[:, j])


def _law_text(var: sp.Symbol, law: object, need: sp.Basic) -> str:
    if need is sp.false:
        return f"{var} ~ {law.describe()}"  # type: ignore[attr-defined]
    return f"{var} ~ {law.describe()} is no distribution where {sp.sstr(need)} fails"  # type: ignore[attr-defined]


def _confirm(inst: Instance, env: numeric.Env, gap: sp.Expr, kind: str, text: str, values: np.ndarray) -> None:
    real = values.real
    if kind == "nonzero":
        suspect = ~np.isfinite(values) | (np.abs(values) <= 1e-300)
    elif kind == "real":
        suspect = ~np.isfinite(values) | (np.abs(values.imag) > 0)
    else:
        suspect = ~np.isfinite(values) | (real <= 0 if kind == "strict" else real < 1e-12)
    for idx in np.flatnonzero(suspect)[:MAX_CONFIRMED]:
        if outside_domain(inst, env, int(idx)) is not None:
            continue
        value = sp.simplify(gap.xreplace(exact_point(inst, env, int(idx))))
        broken = {
            "nonzero": value.is_zero,
            "strict": value.is_nonpositive,
            "weak": value.is_negative,
            "real": value.is_extended_real is False,
        }[kind]
        if broken is True:
            where = point_text(point_values(inst, env, int(idx)))
            raise ClaimError(f"at {where}, a point of the domain, {text}: narrow the domain")
