"""Verdicts: the kernel turns proofs and numeric verdicts into a Status (only here is PROVED decided)."""

from __future__ import annotations

from collections.abc import Sequence

from verifier.trusted.kernel.base import FOR_ALL_N, Proof
from verifier.trusted.status import NumericVerdict, Status

# ----------------------------------------------------------------------------- verdicts


def judge(
    claim: str,
    expected: Sequence[int | None],
    proofs: Sequence[Proof | None],
    numeric: Sequence[NumericVerdict],
    at_counterexample: Proof | None = None,
    for_all_n: Proof | None = None,
) -> tuple[Status, bool]:
    """The verdict on `claim`, and whether the engine contradicted itself.

    expected: the dimensions the claim must be proved for; proofs: one entry per dimension (None:
    not shown). A proof that names another claim or another n is not a proof of this one: the
    verdict is UNKNOWN, flagged as an engine inconsistency. numeric: one verdict per checked
    dimension: "pass", "fail" (confirmed in high precision) or "inconclusive". at_counterexample:
    a proof found at the very dimension where a counterexample was confirmed, if any. PROVED needs
    every proof and agreeing numerics; a proof contradicted by a confirmed counterexample at the
    same n is an engine inconsistency, which is UNKNOWN, never PROVED nor REFUTED. for_all_n: a
    proof for every n, which any confirmed counterexample contradicts; with agreeing numerics it is
    PROVED whatever the per-n proofs.
    """
    if len(proofs) > len(expected) or any(
        p is not None and (p.claim, p.n) != (claim, n) for p, n in zip(proofs, expected, strict=False)
    ):
        return Status.UNKNOWN, True
    if at_counterexample is not None and at_counterexample.claim != claim:
        return Status.UNKNOWN, True
    if for_all_n is not None and (
        (for_all_n.claim, for_all_n.n, for_all_n.rule) != (claim, None, FOR_ALL_N) or NumericVerdict.FAIL in numeric
    ):
        return Status.UNKNOWN, True
    if NumericVerdict.FAIL in numeric:
        if at_counterexample is not None:
            return Status.UNKNOWN, True
        return Status.REFUTED, False
    if NumericVerdict.INCONCLUSIVE in numeric or not numeric:
        return Status.UNKNOWN, False
    if for_all_n is not None or (proofs and len(proofs) == len(expected) and all(p is not None for p in proofs)):
        return Status.PROVED, False
    return Status.CHECKED, False


def judge_chain(steps: Sequence[Status]) -> Status:
    """A chain is PROVED only if every step is PROVED (each by its own kernel verdict), REFUTED if any step
    is; otherwise its weakest step decides (ERROR, UNKNOWN, then CHECKED)."""
    for status in (Status.REFUTED, Status.ERROR, Status.UNKNOWN):
        if status in steps:
            return status
    return Status.PROVED if steps and all(s is Status.PROVED for s in steps) else Status.CHECKED
