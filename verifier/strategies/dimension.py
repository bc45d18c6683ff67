"""The generic-dimension rung: a claim in matrix or index notation, built once at a symbolic n.

A claim in index notation (entries, Σ with a symbolic bound, δ: a LaTeX chain's step) is decided by
the index-sum rules instead of the Einstein forms (:mod:`verifier.trusted.decide.sums`), in the kernel.

A claim family's builder is called with a symbolic positive integer n. If it builds an
Identity or Derivative over matrix symbols of symbolic size, the kernel is asked for a
proof for every n (:func:`verifier.trusted.kernel.prove_for_all_n`, which computes the canonical
Einstein forms itself). Builders that need a concrete n (loops over range(n), explicit
matrices) are simply not generic: the explicit path runs as always.

When the forms differ and no atom (inverse, det, log det) is involved, the difference is a
nonzero combination of distinct canonical terms, which are linearly independent once every
index ranges over at least B values, B the most letters in one of those terms (trace
identities: Procesi 1976; Lehrer–Zhang 2012). So the statement is false from n = B on. The
claim's stated sizes are its meaning: the engine checks the n up to B beyond them only for a
finding ("does not hold for all n: fails at n = 3"), never for the verdict.
With atoms, a difference is no evidence (det(AB) = det A det B hides in them), and nothing
is added.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from verifier.language import families, made
from verifier.language.claims import Derivative, Identity, Statement
from verifier.language.domains import Domain
from verifier.language.families import ClaimFamily, NotGeneric
from verifier.language.keys import ClaimKey
from verifier.strategies import memory, size_divisors, sum_memo
from verifier.trusted import kernel
from verifier.trusted.decide import einsum
from verifier.trusted.decide.einsum.forms import is_zero
from verifier.trusted.instantiate import ClaimError
from verifier.trusted.kernel import ClaimAt, Proof, Rejected

SIZE = sp.Symbol("n", integer=True, positive=True)
MAX_REFUTE_N = 8  # the explicit path is not asked to go beyond this to refute


@dataclass(frozen=True)
class ForAllNAttempt:
    """What the generic rung found for one claim family."""

    proof: Proof | None
    seconds: float
    reason: str  # why there is no proof ("" if there is one)
    refute_n: int | None = None  # atom-free and different: the claim is false from this n on


def generic_statement(family: ClaimFamily) -> Statement | None:
    """The claim built at a symbolic n, if it is an Identity or Derivative over sized matrix symbols
    (NotGeneric, with the builder's reason, when the builder says why it cannot build one, or when what it
    made and sympy evaluated away may fail at a size from the family's first on: verifier.strategies.size_divisors)."""
    if family.n_values == (None,):
        return None
    build = functools.partial(families.call, family.builder, SIZE)
    try:
        statement, made_it = made.recording(lambda: sum_memo.without_repeated_failures(build))
    except NotGeneric:
        raise
    except Exception as err:  # the builder is user code; one that needs a concrete n is just not generic
        return memory.noted(err, None)
    if not isinstance(statement, Identity | Derivative):
        return None
    parts = [p for p in statement.parts() if isinstance(p, sp.Basic)]
    sized = any(
        SIZE in m.shape[0].free_symbols | m.shape[1].free_symbols for p in parts for m in p.atoms(sp.MatrixSymbol)
    )
    # an Identity with no matrix symbol: index notation (Σ to n, entries), or a step that does not mention n at all
    in_index_notation = isinstance(statement, Identity) and not any(p.atoms(sp.MatrixSymbol) for p in parts)
    if not (sized or in_index_notation):
        return None
    if why := size_divisors.failing(made_it, SIZE, min(n for n in family.all_n if n is not None)):
        raise NotGeneric(why)
    return statement


def attempt(family: ClaimFamily, at: Callable[[int | None], ClaimAt] | None = None) -> ForAllNAttempt | None:
    """The kernel's proof for all n, or why not; None if the claim is not generic at all. at(n): the claim
    at n as the kernel states it (the engine's, so that each n is built once; by default kernel.state)."""
    at = at or functools.partial(kernel.state, family)
    try:
        statement = generic_statement(family)
    except NotGeneric as err:  # e.g. a LaTeX chain with a matrix product: it stays at its sizes, and says why
        return ForAllNAttempt(None, 0.0, f"not read at a symbolic size: {err}")
    if statement is None:
        return None
    started = time.perf_counter()
    try:
        stated = [at(n) for n in family.all_n if n is not None]
    except ClaimError as err:  # the explicit path reports a builder that fails at some n
        return ForAllNAttempt(None, time.perf_counter() - started, f"the builder fails at a concrete n: {err}")
    try:
        proof = kernel.prove_for_all_n(str(ClaimKey.of(family)), statement, SIZE, stated)
        return ForAllNAttempt(proof, time.perf_counter() - started, "")
    except Rejected as err:
        seconds, reason = time.perf_counter() - started, str(err)
    if any(type(g.domain).relations is not Domain.relations for g in statement.given()):
        return ForAllNAttempt(None, seconds, reason)  # a symmetric or diagonal matrix: the forms assume general ones
    try:
        comparison = einsum.compare(statement)
    except einsum.OutsideFragment:
        return ForAllNAttempt(None, seconds, reason)
    return ForAllNAttempt(None, seconds, reason, refutation_n(comparison))


def refutation_n(comparison: einsum.FormComparison) -> int | None:
    """The least n at which the differing forms are independent and their gap is nonzero (atom-free only)."""
    if comparison.equal or comparison.atoms:
        return None
    for n in range(1, MAX_REFUTE_N + 1):
        ranges_fit = all(_at_least(size, n, len(sizes)) for sizes in comparison.letters.values() for size in sizes)
        if ranges_fit and any(not is_zero(gap.subs(SIZE, n)) for gap in comparison.difference.values()):
            return n
    return None


def _at_least(size: sp.Expr, n: int, k: int) -> bool:
    value = sp.sympify(size).subs(SIZE, n)
    return bool(value.is_Integer and value >= k)


def extra_dimensions(family: ClaimFamily, found: ForAllNAttempt | None) -> tuple[int, ...]:
    """The sizes beyond the claim's own up to the refutation n, where the engine looks for a finding
    ("does not hold for all n"); the verdict depends only on the sizes the claim states."""
    if found is None or found.refute_n is None:
        return ()
    return tuple(n for n in range(1, found.refute_n + 1) if n not in family.all_n)
