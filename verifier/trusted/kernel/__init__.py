"""The trusted kernel: the only place where a proof can be made.

Strategies elsewhere (the ladder, certificate search, moment expansion) decide what to try and in
which order, under which time budget. They cannot make a :class:`Proof` themselves: the constructor
demands a key that only this package holds (``base.py``: the vocabulary; ``rules.py``: the proof
rules; ``verdicts.py``: the verdicts). Every rule below checks its evidence exactly, with the
normalisers of :mod:`verifier.trusted.decide.normal_form`, and either returns a :class:`Fact` / :class:`Proof` or
raises :class:`Rejected` naming the rule that failed.

The rules take the instantiated claim, never an expression a strategy computed: what must be shown (the
residual, the gap, the derivative, E[expr] by moments, a certificate's Gram residual, what an implication's
multiplier must satisfy) is computed here, by :mod:`verifier.trusted.obligations` and its siblings. Where that is
costly (differentiation), :func:`residual` hands the strategy an :class:`Obligation`, which only this
module can make and which names the claim and n it was computed for. A Proof names them too, and
:func:`judge` accepts a proof only for the claim and n it is judging. A Proof lists the assumptions it
used (domain relations, positivity, Σp = 1, ...), so that a report can print them beside the verdict. A
Proof alone is never a verdict: PROVED also needs the numeric spot check to agree (see :func:`judge`).
"""

from verifier.trusted.kernel.base import (
    FOR_ALL_N,
    SIGNS,
    WHERE_DEFINED,
    Fact,
    Obligation,
    Proof,
    Rejected,
    claim_name,
    nonnegative,
    nonnegative_where_defined,
    zero,
    zeros_by_atoms,
)
from verifier.trusted.kernel.rules import (
    expectation,
    prove_convex_by_dcp,
    prove_expectation,
    prove_for_all_n,
    prove_implication,
    prove_inequality,
    prove_leading_term,
    prove_limit,
    prove_lipschitz,
    prove_psd_by_certificate,
    prove_psd_by_minors,
    prove_residual,
    prove_residual_by_cases,
    residual,
)
from verifier.trusted.kernel.statements import ClaimAt, state
from verifier.trusted.kernel.verdicts import judge, judge_chain

__all__ = [
    "FOR_ALL_N",
    "SIGNS",
    "WHERE_DEFINED",
    "ClaimAt",
    "Fact",
    "Obligation",
    "Proof",
    "Rejected",
    "claim_name",
    "expectation",
    "judge",
    "judge_chain",
    "nonnegative",
    "nonnegative_where_defined",
    "prove_convex_by_dcp",
    "prove_expectation",
    "prove_for_all_n",
    "prove_implication",
    "prove_inequality",
    "prove_leading_term",
    "prove_limit",
    "prove_lipschitz",
    "prove_psd_by_certificate",
    "prove_psd_by_minors",
    "prove_residual",
    "prove_residual_by_cases",
    "residual",
    "state",
    "zero",
    "zeros_by_atoms",
]
