"""The divisors a claim is written with, which its explicit form may have cancelled (trusted base).

A claim in matrix notation is made explicit before anything else sees it (verifier.language.lowering), and sympy's
products then cancel what the author wrote as a division: det(A)·A⁻¹ is adj A, det(A)·(A⁻¹)₁₁ is A₂₂, A ∘ A^{∘−1}
is 1, though each is undefined wherever its divisor is 0 (red team 111). Sympy may cancel one earlier still, while
the builder builds the claim: A⁻¹A is I (verifier.language.guards keeps that for a plain matrix, "where defined").
The kernel reads where the claim is defined from these divisors too (obligations.sides), and the numeric checks find
the points where one is 0 (verifier.numeric.checks.written).
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from verifier.language import lowering
from verifier.language.claims import PSD, Convex, Derivative, Expectation, Identity, Inequality, Statement
from verifier.language.domains import SPD, FullColumnRank, Invertible, Orthogonal
from verifier.language.families import Claim
from verifier.language.stepwise import Implication


def written_divisors(claim: Claim) -> tuple[list[sp.Expr], ...]:
    """The divisors of each declared side (:func:`declared_sides`: lhs and rhs, f and its claimed derivative, both
    sides of an implication's premise and conclusion, ...) of a claim as written in matrix notation, made explicit one
    by one (`lowering.written_divisors`): the claim is undefined where one is 0, though the side made explicit as a
    whole may have cancelled it (det(A)·A⁻¹ = adj A, det(A)·(A⁻¹)₁₁ ≤ A₂₂ + 1), or sympy may have cancelled it while
    the claim was built (A⁻¹A = I: read from the claim built again with no inverse cancelled, Claim.cancelled). A
    matrix declared invertible, SPD or orthogonal needs none, nor the Gram matrix XᵀX of an X of full column rank."""
    written = _as_written(claim)
    if written is None or type(written) is not type(claim.body):
        return tuple([] for _ in declared_sides(claim.body))
    invertible = _invertible(written)
    return tuple(lowering.written_divisors(side, invertible) for side in sides_as_written(written))


def _as_written(claim: Claim) -> Statement | None:
    """The claim as its author wrote it: with every inverse sympy cancelled while building it where there was one,
    else in matrix notation; None for a claim written with no matrix symbol. A claim the engine derived from this one
    (another body) is not the one built: its divisors are its own as_written's."""
    cancelled = claim.cancelled
    if cancelled is not None and cancelled.body is claim.body:
        return cancelled.written
    return claim.as_written


def _invertible(written: Statement) -> list[sp.Basic]:
    """The matrices the domains declare invertible: one that is SPD, invertible or orthogonal, and the Gram matrix
    XᵀX of an X of full column rank."""
    given = written.given()
    square = [g.target for g in given if isinstance(g.domain, SPD | Invertible | Orthogonal)]
    return square + [g.target.T * g.target for g in given if isinstance(g.domain, FullColumnRank)]


def declared_sides(body: object) -> tuple[Any, ...]:
    """The sides a statement declares, each of which must be defined where the claim is (its definedness)."""
    if isinstance(body, Identity | Inequality):
        return (body.lhs, body.rhs)
    if isinstance(body, Derivative):
        return (body.f, body.equals)
    if isinstance(body, Expectation):
        return (body.expr, body.equals)
    if isinstance(body, Convex):
        return (body.f,)
    if isinstance(body, PSD):
        return (body.matrix,)
    if isinstance(body, Implication):
        return (body.premise.lhs, body.premise.rhs, body.conclusion.lhs, body.conclusion.rhs)
    return ()


def sides_as_written(body: Statement) -> list[object]:
    """:func:`declared_sides`, an explicit matrix of matrix expressions ([[det(A)·(A⁻¹)₁₁]]) made immutable, so that
    the divisors in its entries are read."""
    return [sp.ImmutableMatrix(s) if isinstance(s, sp.MatrixBase | list | tuple) else s for s in declared_sides(body)]
