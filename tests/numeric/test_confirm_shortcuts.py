"""The confirmation's shortcuts give the same numbers as the long way: a sample's floats as its exact point, and
one layout of the nodes shared by the entries a ball evaluator is asked for."""

from __future__ import annotations

import mpmath
import numpy as np
import sympy as sp
from flint import arb

from verifier.language.claims import Identity
from verifier.language.domains import Orthogonal, Real, Simplex
from verifier.language.expect import Expect
from verifier.language.families import Claim
from verifier.numeric import balls
from verifier.numeric.checks.sampling import EXACT_DPS, ExactSample, Settings, sample
from verifier.numeric.enclose import precision
from verifier.trusted.instantiate import Instance, instantiate

x, y = sp.symbols("x y")


def _instance(lhs: sp.Basic, where: dict) -> Instance:
    return instantiate(Claim("c", "test", "c", Identity(lhs, lhs, where=where), Expect.HOLDS, None))


def _long_way(at: ExactSample) -> tuple[list[mpmath.mpf], list[arb]]:
    """mpmath numbers and balls made from the exact rational point, as before the shortcut."""
    point = at.point
    with mpmath.workdps(EXACT_DPS):
        mp = [mpmath.mpf(int(point[s].p)) / int(point[s].q) for s in at.inst.symbols]
    return mp, [balls.exact(point[s]) for s in at.inst.symbols]


def _same(at: ExactSample) -> None:
    with precision(balls.BITS):
        mp, bs = _long_way(ExactSample(at.inst, at.env, at.idx))
        got = at.balls()
    assert at.mp == mp and all(a.mid() == b.mid() and a.rad() == b.rad() for a, b in zip(got, bs, strict=True))


def test_a_plain_sample_is_its_floats_and_never_builds_the_rational_point() -> None:
    inst = _instance(sp.exp(x) * y, {x: Real(), y: Real()})
    env = sample(inst, np.random.default_rng(3), 40, Settings())
    for idx in range(40):
        at = ExactSample(inst, env, idx)
        at.balls(), at.mp  # the values are made
        assert "point" not in at.__dict__, "the floats are the exact point: no rational is built"
        _same(at)


def test_a_sample_a_domain_moves_or_a_relation_fixes_is_made_from_its_exact_point() -> None:
    q, p = sp.ImmutableMatrix(2, 2, sp.symbols("q0:4")), sp.ImmutableMatrix(sp.symbols("p0:3"))
    moved = _instance(q[0, 0] + p[0], {q: Orthogonal(), p: Real()})
    related = _instance(p[0] * p[1], {p: Simplex()})
    for inst in (moved, related):
        env = sample(inst, np.random.default_rng(5), 30, Settings())
        for idx in range(30):
            at = ExactSample(inst, env, idx)
            assert at.floats is None
            _same(at)


def test_entries_asked_for_apart_share_one_layout_and_give_the_walks_balls() -> None:
    shared = sp.log(1 + sp.exp(x * y))
    exprs = [shared * x, shared + y, shared / (1 + x**2), sp.sqrt(x) * sp.pi - sp.Rational(1, 3)]
    fn = balls.BallEvaluator([x, y], exprs)
    point = [balls.exact(sp.Rational(2, 3)), balls.exact(sp.Rational(5, 4))]
    with precision(balls.BITS):
        apart = [fn.entries(point, [i])[0] for i in range(len(exprs))]
        laid_out = len(fn._steps)
        together = fn.entries(point, range(len(exprs)))
        alone = [balls.BallEvaluator([x, y], [e]).entries(point, [0])[0] for e in exprs]
    assert len(fn._steps) == laid_out, "every node was laid out once, when first asked for"
    assert laid_out == len({node for e in exprs for node in sp.preorder_traversal(e)})
    for a, b, c in zip(apart, together, alone, strict=True):
        assert a.mid() == b.mid() == c.mid() and a.rad() == b.rad() == c.rad()
