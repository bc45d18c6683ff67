"""Samples on a pole of Γ, ψ, B, n!, ... that float arithmetic hides (issue: red team, domains).

In float64, Γ(1)/Γ(0) is 1/inf = 0, a finite value: a sample at k = 0 of Γ(k + 1)/Γ(k) = k on {−3, …, 3}
agrees with the right side and is never looked at again. Each sample where an argument of such a function
is (in floats) an integer at or below its last pole is decided exactly at the sample's exact point (which
must lie in the domain): one side without a value there and the other with one is a counterexample, as in
definedness.py. Claims in any number of symbols; poles.py finds such points exactly for one symbol.
"""

from __future__ import annotations

import numpy as np
import sympy as sp

from verifier.numeric import batch as numeric
from verifier.numeric.batch import Env
from verifier.numeric.checks import definedness, exact_value
from verifier.numeric.checks.definedness import Finding, State
from verifier.numeric.checks.sampling import exact_point, outside_domain
from verifier.trusted.instantiate import Instance

MAX_PROBED = 16  # samples on a lattice decided exactly


def probe(inst: Instance, env: Env, sides: tuple[list[sp.Expr], list[sp.Expr]]) -> Finding:
    """A sample where exactly one side sits on a pole of a lattice function, decided exactly; else nothing."""
    exprs = [sp.sympify(e) for side in sides for e in side]
    lattices = [(u, top) for u, top in exact_value._lattice(exprs) if u.free_symbols <= set(inst.symbols)]
    if not lattices or not env or numeric.has_opaque(exprs):
        return Finding()
    values = numeric.compiled(inst.symbols, [u for u, _ in lattices])(env)
    tops = np.array([top for _, top in lattices], dtype=float)
    real = np.abs(values.imag) == 0 if np.iscomplexobj(values) else np.ones(values.shape, dtype=bool)
    near = real & (np.abs(values.real - np.round(values.real)) <= 1e-9) & (np.round(values.real) <= tops)
    for idx in np.flatnonzero(np.any(near, axis=1))[:MAX_PROBED]:
        if outside_domain(inst, env, int(idx)) is not None:
            continue
        point = exact_point(inst, env, int(idx))
        states = [exact_value.undefined_at(side, dict(point)) for side in sides]
        if None not in states and states[0] != states[1]:
            seen = (State.UNDEFINED if states[0] else State.REAL, State.UNDEFINED if states[1] else State.REAL)
            return definedness._counterexample(inst, env, int(idx), sides, seen)
    return Finding()
