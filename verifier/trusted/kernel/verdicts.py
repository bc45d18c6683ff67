"""Verdicts: the kernel turns proofs and numeric verdicts into a Status (only here is PROVED decided)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from verifier.language.families import ClaimFamily
from verifier.trusted.genuine import genuine
from verifier.trusted.kernel.base import FOR_ALL_N, Proof
from verifier.trusted.kernel.statements import ClaimAt, family_name
from verifier.trusted.status import NumericVerdict, Status

# ----------------------------------------------------------------------------- verdicts


def judge(
    family: ClaimFamily,
    stated: Sequence[ClaimAt],
    proofs: Sequence[Proof],
    numeric: Sequence[NumericVerdict],
    at_counterexample: Proof | None = None,
    for_all_n: Proof | None = None,
    checked: Sequence[int | None] | None = None,
) -> tuple[Status, bool]:
    """The verdict on `family`, and whether the engine contradicted itself.

    stated: the claim at each n walked, in order, as the kernel stated it (statements.state). The kernel
    decides from them which n need a proof: every n of the family's symbolic range where the claim is
    defined. proofs: what was shown; a proof counts for the n whose statement digest it names, and a proof
    that names another claim, n or statement means the engine contradicted itself: UNKNOWN, flagged.
    numeric: one verdict per n where the claim is defined: "pass", "fail" (confirmed in high precision) or
    "inconclusive". at_counterexample: a proof found at the very n where a counterexample was confirmed, if
    any. PROVED needs every n walked, every needed proof, and agreeing numerics; a proof contradicted by a
    confirmed counterexample at the same n is an engine inconsistency, which is UNKNOWN, never PROVED nor
    REFUTED. for_all_n: a proof for every n, covering the statement at each n walked, which any confirmed
    counterexample contradicts; with agreeing numerics it is PROVED whatever the per-n proofs. checked: the n
    of each numeric verdict (by default every n where the claim is defined, in order). Every such n is
    checked, under a proof for every n too: the kernel's comparison of the claim stated at n with the
    symbolic one is equality as rational functions over any domain of the same kind, so only the numbers at
    n see a removable singularity or a domain that moved there (tests/quality/soundness probe_cross_check_n).
    """
    name = family_name(family)
    made = [*stated, *proofs, *[p for p in (at_counterexample, for_all_n) if p is not None]]
    if not all(genuine(x) for x in made) or any(at.claim != name for at in stated):
        return Status.UNKNOWN, True
    digests = {at.n: at.digest for at in stated if at.instance is not None}
    if any((p.claim, p.statement) != (name, digests.get(p.n)) for p in proofs):
        return Status.UNKNOWN, True
    if at_counterexample is not None and at_counterexample.statement not in digests.values():
        return Status.UNKNOWN, True
    if for_all_n is not None and not _covers(for_all_n, name, digests.values(), numeric):
        return Status.UNKNOWN, True
    if NumericVerdict.FAIL in numeric:
        return (Status.UNKNOWN, True) if at_counterexample is not None else (Status.REFUTED, False)
    if NumericVerdict.INCONCLUSIVE in numeric or not numeric:
        return Status.UNKNOWN, False
    seen = list(digests) if checked is None else list(checked)
    whole = len(seen) == len(set(seen)) == len(numeric) and set(seen) == set(digests)
    if [at.n for at in stated] != list(family.all_n) or not whole:
        return Status.UNKNOWN, True  # every verdict passed, yet the walk skipped an n
    needed = {n for n in digests if n in family.n_values}
    if for_all_n is not None or (needed and needed <= {p.n for p in proofs}):
        return Status.PROVED, False
    return Status.CHECKED, False


def _covers(proof: Proof, name: str, digests: Iterable[str], numeric: Sequence[NumericVerdict]) -> bool:
    """A proof for all n of this claim, covering every statement walked, and no confirmed counterexample."""
    own = (proof.claim, proof.n, proof.rule) == (name, None, FOR_ALL_N)
    return own and set(digests) <= set(proof.covers) and NumericVerdict.FAIL not in numeric


def judge_chain(steps: Sequence[Status]) -> Status:
    """A chain is PROVED only if every step is PROVED (each by its own kernel verdict), REFUTED if any step
    is; otherwise its weakest step decides (ERROR, UNKNOWN, then CHECKED)."""
    for status in (Status.REFUTED, Status.ERROR, Status.UNKNOWN):
        if status in steps:
            return status
    return Status.PROVED if steps and all(s is Status.PROVED for s in steps) else Status.CHECKED
