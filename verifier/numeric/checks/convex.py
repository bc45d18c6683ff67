"""The numeric check of a Convex claim: the convexity inequality at sampled pairs of points.

f(θa + (1 − θ)b) ≤ θf(a) + (1 − θ)f(b) (≥ for concave), with a and b drawn from wrt's domain, θ from [0, 1]
and the other symbols shared: an Inequality claim checked (and its counterexamples confirmed) as any other.
Where f has one variable, pairs around a point where it curves the wrong way are checked too (`dent`).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import sympy as sp

from verifier.language.claims import Convex, Given, Inequality
from verifier.language.domains import Interval
from verifier.numeric.checks import dent
from verifier.numeric.checks.inequality import check_inequality
from verifier.numeric.checks.resolve import NumericOutcome
from verifier.numeric.checks.sampling import Settings
from verifier.trusted.instantiate import Instance, as_matrix, instantiate


def convexity_inequality(body: Convex) -> Inequality:
    """The two-point inequality that convexity (concavity) of body.f in body.wrt asserts."""
    (given,) = [g for g in body.given() if g.target == body.wrt]
    theta = sp.Symbol("theta_mix", real=True)
    ends = _free_tags(body, given)
    a = {s: sp.Symbol(_copy(given.label, s.name, ends[0]), real=True) for s in given.symbols()}
    b = {s: sp.Symbol(_copy(given.label, s.name, ends[1]), real=True) for s in given.symbols()}
    f = as_matrix(body.f)[0, 0]
    mixed = f.xreplace({s: theta * a[s] + (1 - theta) * b[s] for s in a})
    chord = theta * f.xreplace(a) + (1 - theta) * f.xreplace(b)
    copies = [(sp.sympify(given.target).xreplace(pts), given.domain) for pts in (a, b)]
    others = [(g.target, g.domain) for g in body.given() if g.target != body.wrt]  # given() makes new Givens
    where = [*others, *copies, (theta, Interval(0, 1))]
    return Inequality(mixed, ">=" if body.concave else "<=", chord, where=where)


def _free_tags(body: Convex, given: Given) -> tuple[str, str]:
    """The tags of the chord's ends, a and b, unless a symbol of the claim already has a name, or a label, they
    would make (a parameter w_a1 beside w: the claim was refused as "two different symbols are both named w_a1",
    helper-83; its counterexample would show two values as w_a1)."""
    taken = {str(s) for part in body.parts() for s in sp.sympify(part).free_symbols}
    taken |= {str(s) for g in body.given() for s in g.symbols()} | {g.label for g in body.given()}
    for tags in (("a", "b"), *((f"a{k}", f"b{k}") for k in range(1, 100))):
        copies = [{s: sp.Symbol(_copy(given.label, s.name, t)) for s in given.symbols()} for t in tags]
        made = {str(c) for copy in copies for c in copy.values()}
        labels = {Given(sp.sympify(given.target).xreplace(copy), given.domain).label for copy in copies}
        if not (made | labels) & taken:
            return tags
    raise ValueError("no free names for the chord's ends")  # a claim with 200 such symbols: never in practice


def _copy(label: str, name: str, end: str) -> str:
    """An entry's name in the copy a or b of wrt: X11 → X_a11, so the copy's label (the entries' common prefix) is
    X_a, not X for both copies (a counterexample showed one matrix, the other written over it: helper-80)."""
    return f"{label}_{end}{name[len(label) :]}" if name.startswith(label) and name != label else f"{name}_{end}"


def check_convex(inst: Instance, body: Convex, rng: np.random.Generator, s: Settings) -> NumericOutcome:
    two_point = convexity_inequality(body)
    derived = instantiate(dataclasses.replace(inst.claim, body=two_point))
    with np.errstate(invalid="ignore", over="ignore"):  # e^{large} − e^{large}: NaN, no information
        outcome = check_inequality(derived, two_point, rng, s)
        if outcome.counterexample is not None or s.points is not None:
            return outcome
        points = dent.pairs(inst, body, derived)  # a dent no sampled pair spans, where f has one variable
        if points is None:
            return outcome
        at_dent = check_inequality(derived, two_point, rng, dataclasses.replace(s, points=points))
        return at_dent if at_dent.counterexample is not None else outcome
