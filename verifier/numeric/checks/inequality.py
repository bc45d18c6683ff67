"""The numeric check of an Inequality: the signed gap at each sample."""

from __future__ import annotations

import mpmath
import numpy as np
import sympy as sp

from verifier.language.claims import Inequality
from verifier.numeric import batch as numeric
from verifier.numeric import confirm
from verifier.numeric.batch import BatchComparison
from verifier.numeric.checks import cancelled, critical, definedness, ends, lattice, poles, written
from verifier.numeric.checks.resolve import (
    NumericOutcome,
    admit_real,
    evidence,
    exact_confirmation,
    opaque_outcome,
    resolve,
)
from verifier.numeric.checks.sampling import Settings, exact_point, exact_rational, mp_args, sample, specials
from verifier.numeric.confirm import Confirmation
from verifier.trusted.instantiate import Instance, as_matrix


def _compared(out: np.ndarray, noisy: np.ndarray, valid: np.ndarray, strict: bool) -> BatchComparison:
    """The samples' (small, big) columns as errors against a round-off tolerance (from the perturbed run)."""
    with np.errstate(invalid="ignore", over="ignore"):  # ∞ − ∞ at an undefined sample: not valid, masked below
        gap = out[:, 1] - out[:, 0]
        scale = np.max(np.abs(out), axis=1)
        tol = 64 * numeric.EPS * scale + 8 * np.abs(gap - (noisy[:, 1] - noisy[:, 0])) + 1e-300
        error = np.where(strict, np.maximum(tol - gap, 0.0) * (gap <= tol), np.maximum(-gap, 0.0))
    error = np.where(valid, np.nan_to_num(error), 0.0)
    if strict:
        tol = np.where(gap <= tol, tol / 2, tol)
    return BatchComparison(error=error, tolerance=tol, scale=np.nan_to_num(scale) + 1e-300, valid=valid)


def check_inequality(inst: Instance, body: Inequality, rng: np.random.Generator, s: Settings) -> NumericOutcome:
    lhs, rhs = _side(body.lhs), _side(body.rhs)
    small, big = (lhs, rhs) if body.op in ("<=", "<") else (rhs, lhs)
    strict = body.op in ("<", ">")
    fn = numeric.compiled(inst.symbols, [small, big])
    env = sample(inst, rng, s.samples, s)
    full = fn(env)
    underflowed = fn.underflowed
    ok = definedness.defined(full[:, :1], real=True), definedness.defined(full[:, 1:], real=True)
    if body.op in (">=", ">"):  # columns are (small, big): the probe names the sides as written
        ok = ok[1], ok[0]
    found = definedness.probe(
        inst, env, ([lhs], [rhs]), ok, numeric.count(specials(inst, s.samples, s)), ordered=True
    )  # an inequality compares real numbers: a side with an imaginary part is a finding, i or no i
    found = written.refined(inst, env, ([lhs], [rhs]), s, found, ordered=True)  # det(A)·(A⁻¹)₁₁ ≤ … at A = 0
    exact = s.points is None or s.premise is not None  # points of a premise: the poles where it holds
    if found.counterexample is None and exact and (pole := poles.probe(inst, ([lhs], [rhs]), s.premise)).counterexample:
        found = pole  # an isolated point where one side is undefined, which no sample can hit
    if found.counterexample is None and (hit := lattice.probe(inst, env, ([lhs], [rhs]))).counterexample is not None:
        found = hit  # a sample on a pole of Γ that floats passed (Γ(1)/Γ(0) = 0)
    cmp = _compared(full.real, fn(numeric.perturbed(env, rng)).real, ok[0] & ok[1], strict)
    # where both sides fell below floats' normal range, floats cannot order them (A₁₁A₂₂ ≥ A₁₂A₂₁ with entries near
    # 10⁻¹⁷⁰ is 0 ≥ 0 in floats): those samples count only as high precision decides them
    numeric.blinded(cmp, underflowed, [fn], env, np.max(np.abs(full.real), axis=1))
    method = f"sampled {body.op}"
    if numeric.has_opaque([small, big]):
        return opaque_outcome(inst, cmp, method)
    if found.counterexample is not None:  # an inequality between numbers that are not real is no claim about ℝ
        return definedness.refuted(found, evidence(inst, method, cmp, 0))
    mp_fn = confirm.mp_compile(inst.symbols, [small, big])
    gap_expr = big - small

    def decide_at(idx: int) -> Confirmation:
        exact = exact_rational(gap_expr, exact_point(inst, env, idx))
        if exact is not None:  # rational claims are decided exactly, tight points included
            return exact_confirmation(exact, strict)
        args = mp_args(inst, env, idx)

        def value() -> mpmath.mpf:
            a, b = mp_fn(*args)
            return b - a

        return confirm.decide_sign(value, strict=strict, blind=cmp.blind is not None and bool(cmp.blind[idx]))

    admit_real(cmp, found.real)  # float NaN, real in high precision: decided there like a suspect
    outcome = resolve(inst, env, cmp, method, decide_at, exact_at_any_error=True, closeness=_closeness(full, cmp))
    result = definedness.noted(found, outcome)
    if result.counterexample is None and s.points is None:  # no sample failed (or none decided): critical points, ends
        tight = critical.probe(inst, small, big, strict, body.op)
        if tight.counterexample is None:  # a failure only next to an end of the domain
            tight = ends.probe(inst, small, big, strict, body.op)
        if tight.counterexample is not None:
            return definedness.refuted(tight, evidence(inst, method, cmp, 0))
    result = cancelled.unless_undecided(inst, ([lhs], [rhs]), result, s.points is None, ("one side", "the other"))
    if result.counterexample is not None:
        gap = "lhs − rhs" if body.op in ("<=", "<") else "rhs − lhs"
        result.reason = f"violated: {gap} = {_neg(result.counterexample.observed)}"
    return result


def _side(side: object) -> sp.Expr:
    """A side as sympy reads it; a 1×1 matrix as its entry."""
    return as_matrix(side)[0, 0] if isinstance(side, sp.MatrixBase) else sp.sympify(side)


def _closeness(full: np.ndarray, cmp: BatchComparison) -> np.ndarray:
    """Each sample's gap big − small relative to its scale, lower nearer to failing (an undefined one last): on an exact
    claim, the closest are decided in high precision however far they seemed to pass ((1 + 10⁻⁴⁰⁰) + x² ≤ 1 + x² is
    1 + x² against itself in floats at every sample)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        closeness = np.where(cmp.valid, (full.real[:, 1] - full.real[:, 0]) / cmp.scale, np.inf)
    return np.nan_to_num(closeness)


def _neg(text: str) -> str:
    if text.lstrip("-") in ("0", "0.0"):
        return "0"
    return text[1:] if text.startswith("-") else "-" + text
