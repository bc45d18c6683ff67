"""Verify one claim family: numerics first at every n, then the symbolic ladder.

Order matters for speed and for honesty. A wrong claim is the worst case for symbolic
methods, so the numeric check runs first, smallest n first: a confirmed counterexample
at the smallest failing n ends the work, after one cheap symbolic probe that would
expose a symbolic "zero" contradicting it (an engine inconsistency). Claims that pass
numerically go up the ladder for every n in their symbolic range, until the first n
the ladder cannot do; larger n are then only checked numerically. The kernel turns
proofs and numeric verdicts into the status.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
import traceback
from dataclasses import dataclass, field, replace

import numpy as np

from verifier.engine import built, chains, contradiction, diagnose, explain, mathtext, reasons, replay
from verifier.engine.settings import EngineSettings, display_n, rng_for
from verifier.language import keys, random_functions
from verifier.language.claims import Corollary
from verifier.language.families import Claim, ClaimFamily
from verifier.language.lowering import LoweringError
from verifier.language.stepwise import Chain
from verifier.language.text import confirmation_text, n_text
from verifier.language.usage import builder_error
from verifier.numeric.checks import NumericOutcome, spot_check
from verifier.numeric.checks.convergence import beyond_a_proof
from verifier.numeric.checks.exact_residual import refute_exactly
from verifier.numeric.users import NoNumericForm, Unsupported
from verifier.outcome import (
    ClaimResult,
    Counterexample,
    Diagnosis,
    NumericEvidence,
    NumericVerdict,
    ProofEvidence,
    Status,
)
from verifier.strategies import budget, dimension, ladder, memory
from verifier.trusted import kernel
from verifier.trusted.instantiate import ClaimError, Instance
from verifier.trusted.kernel import Proof, Rejected

# A claim proved for every n by the generic rule is cross-checked, not proved again at each n (issue 42): it is
# checked numerically at every n where it is defined, on a share of the samples, and proved explicitly at
CROSS_CHECK_PROOFS = 2  # its smallest n, which must agree with the generic proof
CROSS_CHECK_SAMPLES = 4  # where a proof cross-checks the numbers: a quarter of the samples (50 of the default 200)
SHARE_AFTER_PROOFS = 1  # proofs after which a later n is checked on a share first (the first n: all, numeric first)


def _skeleton(family: ClaimFamily, settings: EngineSettings, source: str) -> ClaimResult:
    return ClaimResult(
        name=family.name,
        derivation=family.derivation,
        kind="?",
        statement=family.statement_text,
        expect=family.expect,
        status=Status.ERROR,
        reason="",
        notes=family.notes,
        n_values=list(family.all_n),
        source=source,
        seed=settings.seed,
        planted_step=family.planted,
        replay=replay.replay_line(str(keys.ClaimKey.of(family)), settings, source),
    )


def _error(result: ClaimResult, message: str, started: float) -> ClaimResult:
    where = f"{result.source}::{result.name}: " if result.source else ""
    reason = where + (message.splitlines()[0][:300] if message else "error")
    return replace(result, status=Status.ERROR, reason=reason, seconds=time.monotonic() - started)


def _describe(
    result: ClaimResult, family: ClaimFamily, claim: Claim, typeset: bool
) -> tuple[ClaimResult, kernel.ClaimAt | None]:
    """The claim's kind, domains and typeset statement (only the kind if it cannot be instantiated; no typesetting
    for a part of a claim), and the claim at the shown n as the kernel states it (the walk's own there: each n is
    built once)."""
    try:
        at = kernel.state(family, claim.n)
        if at.instance is None:
            return replace(result, kind=claim.kind), at
        latex, mathml = mathtext.render(claim) if typeset else ("", "")
    except ClaimError:
        return replace(result, kind=claim.kind), None
    inst = at.instance
    return replace(result, kind=claim.kind, domains=list(inst.assumptions), latex=latex, mathml=mathml), at


def _shown(family: ClaimFamily) -> Claim:
    """The claim to show: at display_n, or at the first n where the builder does not divide by zero."""
    first = display_n(family)
    order = [first, *(n for n in family.all_n if n != first)]
    for n in order[:-1]:
        with contextlib.suppress(ZeroDivisionError):
            return family.build(n)
    return family.build(order[-1])


def verify_family(
    family: ClaimFamily, settings: EngineSettings, source: str = "", on_step: chains.StepListener | None = None
) -> ClaimResult:
    """The verdict on a claim family. Never raises for a problem with the claim.

    on_step: for a chain, told each step's result as soon as it is decided (`verifier serve` streams them)."""
    return _verify(family, settings, source, on_step, typeset=True)


def _verify_part(family: ClaimFamily, settings: EngineSettings, source: str = "") -> ClaimResult:
    """A part of a claim (a chain's step or end result, a diagnosis's candidate): its verdict, with no typeset
    statement (its caller reads the verdict; the claim's own result shows the math)."""
    return _verify(family, settings, source, None, typeset=False)


def _verify(
    family: ClaimFamily, settings: EngineSettings, source: str, on_step: chains.StepListener | None, typeset: bool
) -> ClaimResult:
    started = time.monotonic()
    budget.start_claim()
    family = built.once_per_n(family)
    result = _skeleton(family, settings, source)
    try:
        shown = _shown(family)
    except LoweringError as err:
        return _error(result, str(err), started)
    except MemoryError:  # the run's --memory-mb, reached by the user's code
        return _error(result, memory.ran_out(memory.IN_BUILDER), started)
    except Exception as err:  # the builder is user code
        return _error(result, builder_error(err), started)
    result = replace(result, cites=list(shown.cites), detail=shown.because)
    if isinstance(shown.body, Corollary):
        return replace(result, kind="corollary", status=Status.UNKNOWN, reason="waiting for the cited claims")
    described, at_shown = _describe(result, family, shown, typeset)
    try:
        if isinstance(shown.body, Chain):
            written = shown.as_written if shown.as_written is not None else shown.body  # as the builder answered
            answered = ((() if shown.n is None else (shown.n,)), written)
            done = chains.verify_chain(family, shown.body, settings, source, described, _verify_part, on_step, answered)
        else:
            done = _run(family, settings, described, {shown.n: at_shown} if at_shown is not None else {})
    except Unsupported as err:
        reason = f"{result.source or result.derivation}::{result.name}: {str(err).splitlines()[0][:300]}"
        return replace(described, status=Status.UNKNOWN, reason=reason, seconds=time.monotonic() - started)
    except (ClaimError, Rejected, NoNumericForm) as err:
        return _error(described, str(err), started)
    except MemoryError:
        return _error(described, memory.ran_out("ran out of memory; use a smaller n"), started)
    except Exception as err:  # the user's code is wrapped above and in kernel.state: this is ours
        return _internal(described, err, started)
    if done.status is Status.REFUTED and settings.diagnose and done.diagnosis is None and done.kind != "chain":
        done = replace(done, diagnosis=_diagnosis(family, done, settings))
    return replace(done, seconds=time.monotonic() - started)


def _diagnosis(family: ClaimFamily, done: ClaimResult, settings: EngineSettings) -> Diagnosis | None:
    """After the verdict, never instead of it: a diagnosis that fails is no diagnosis."""
    try:  # each verification it asks for is a claim of its own, metered by its own budget
        return diagnose.diagnose(family, done, _verify_part, settings)
    except Exception as err:  # optional: its absence is never an error
        return memory.noted(err, None)


def _internal(result: ClaimResult, err: Exception, started: float) -> ClaimResult:
    """An exception from the verifier's own code: a bug, never the user's ERROR (UNKNOWN, flagged)."""
    message = str(err).splitlines()[0][:240] if str(err) else ""
    reason = f"internal error in the verifier (a bug, please report it): {type(err).__name__}: {message}"
    return replace(
        result, status=Status.UNKNOWN, internal_error=True, reason=reason, detail=traceback.format_exc(),
        seconds=time.monotonic() - started,
    )  # fmt: skip


@dataclass
class _Walk:
    """One family's walk over its n, in order: each n checked numerically, then (in the symbolic range)
    proved, until one stops the walk; what it gathers is what the kernel judges."""

    family: ClaimFamily
    settings: EngineSettings
    start: ClaimResult  # the claim described, before any verdict: the walk's result is built from it once
    stated: list[kernel.ClaimAt] = field(default_factory=list)  # the claim at each n walked, stated by the kernel
    proofs: list[Proof] = field(default_factory=list)  # what the ladder showed, one per n it could do
    verdicts: list[NumericVerdict] = field(default_factory=list)  # one per n checked
    checked: list[int | None] = field(default_factory=list)  # the n of each numeric verdict
    numeric: list[NumericEvidence] = field(default_factory=list)  # the evidence of each numeric check
    shown: list[ProofEvidence] = field(default_factory=list)  # the evidence of each proof
    proved_n: list[int | None] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    series: dict[str, list[float]] = field(default_factory=dict)
    counterexample: Counterexample | None = None
    reason: str = ""  # a refutation's or the first undecided n's reason, if any
    contradiction: Proof | None = None  # a cheap symbolic "proof" at a refuted n: the engine contradicts itself
    symbolic_open: bool = True  # False from the first n the ladder cannot do: larger n are checked only
    generic: bool = False  # proved for every n already (the generic rule): the walk cross-checks it
    why_not: str = ""  # why the ladder stopped

    @property
    def undefined(self) -> list[int]:
        """The n where the claim is undefined (a division by zero there): neither checked nor proved."""
        return [at.n for at in self.stated if at.instance is None and at.n is not None]

    def step(self, inst: Instance, n: int | None) -> bool:
        """One n: the numeric check, then the ladder where n is in the symbolic range (False stops the walk); on a
        share of the samples where proofs cross-check them, on all of them again where the ladder cannot prove n."""
        family, rng = self.family, rng_for(self.family, self.settings.seed, n)
        share = self.generic or (self.symbolic_open and n in family.n_values and len(self.proofs) >= SHARE_AFTER_PROOFS)
        outcome = self.check_numerically(inst, rng, share)
        if outcome.verdict is NumericVerdict.INCONCLUSIVE and share and not self.generic:
            outcome = self.check_again(inst, rng)
        if not self.judge_numeric(outcome, inst, n):
            return False
        closed = outcome.verdict is NumericVerdict.INCONCLUSIVE or n not in family.n_values or not self.symbolic_open
        if closed or (self.generic and len(self.proofs) >= CROSS_CHECK_PROOFS):  # the generic proof, cross-checked
            return True
        proved = len(self.proofs)
        if not (going := self.prove(inst, rng, n)) or not share or len(self.proofs) > proved:
            return going
        return self.judge_numeric(self.check_again(inst, rng), inst, n, probe=False)  # no proof: all the samples

    def judge_numeric(self, outcome: NumericOutcome, inst: Instance, n: int | None, probe: bool = True) -> bool:
        """One n's numeric outcome: False (the walk stops) for a counterexample; an undecided n (equality at A = cI
        for a strict inequality at n = 2) closes the ladder, and larger n are still checked (one may refute it)."""
        if outcome.verdict is NumericVerdict.FAIL:
            if probe and self.settings.probe and not beyond_a_proof(outcome.counterexample):
                self.contradiction = _probe_inconsistency(inst, self.family, n, outcome.counterexample)
            self.refuted(outcome, inst)
            return False
        if outcome.verdict is NumericVerdict.INCONCLUSIVE:
            if NumericVerdict.INCONCLUSIVE not in self.verdicts[:-1]:
                at = f" at n = {n}" if n is not None else ""
                self.reason = f"{self.start.source or self.start.derivation}::{self.start.name}{at}: {outcome.reason}"
            self.symbolic_open = False
        return True

    def check_again(self, inst: Instance, rng: np.random.Generator) -> NumericOutcome:
        """The last n checked again on all the samples, in place of its check on a share of them."""
        del self.verdicts[-1], self.numeric[-1], self.checked[-1]
        return self.check_numerically(inst, rng, False)

    def check_numerically(self, inst: Instance, rng: np.random.Generator, share: bool) -> NumericOutcome:
        """The spot check at one n (share: on 1/CROSS_CHECK_SAMPLES of the samples), a failure shrunk, recorded."""
        settings, numeric_started = self.settings, time.monotonic()
        numeric = settings.numeric()
        if share:
            numeric = replace(numeric, samples=max(1, numeric.samples // CROSS_CHECK_SAMPLES))
        outcome = spot_check(inst, rng, numeric)
        failed = outcome.verdict is NumericVerdict.FAIL
        if failed and settings.shrink and not random_functions.undefined_functions(inst.claim.body.parts()):
            (shrink,) = budget.first_use("verifier.numeric.shrink")  # only for a counterexample
            outcome = shrink.minimise(inst, rng, numeric, spot_check, outcome)
        seconds = round(time.monotonic() - numeric_started, 4)
        self.verdicts.append(outcome.verdict)
        self.checked.append(inst.claim.n)
        self.numeric.append(dataclasses.replace(outcome.evidence, seconds=seconds))
        if outcome.series:
            self.series = outcome.series
        return outcome

    def refuted(self, outcome: NumericOutcome, inst: Instance) -> None:
        """A confirmed counterexample: it, and the reason that says where and how it was confirmed;
        a branching claim's counterexample says which case (branch) it falls in."""
        cx: Counterexample | None = outcome.counterexample
        where = f"at n = {cx.n}" if cx and cx.n is not None else "found"
        how = confirmation_text(cx.digits if cx else 100)
        self.reason = f"counterexample {where}: {outcome.reason} ({how})"
        # a point where a side has no value is explained by what has none there, not by a case (and its
        # shown floats, z = 3.141592653589793 for π, may lie in a case the exact point does not)
        case = explain.case_at(inst, cx.values, outcome.exact) if cx is not None and cx.error != "undefined" else ""
        if case and cx is not None:
            cx = dataclasses.replace(cx, note=f"{case}; {cx.note}" if cx.note else case)
            self.reason += f"; {case}"
        self.counterexample = cx

    def prove(self, inst: Instance, rng: np.random.Generator, n: int | None) -> bool:
        """The ladder at n; with no proof, an exact refutation (False: the walk stops), or the symbolic range ends."""
        symbolic = ladder.prove(inst, self.settings.budget)
        p = symbolic.proof
        if p is None:
            exact = refute_exactly(inst, rng, self.settings.numeric())
            if exact is not None:  # the residual is an exact nonzero rational function: refuted exactly
                self.verdicts[-1] = exact.verdict
                self.refuted(exact, inst)
                return False
            self.symbolic_open = False
            self.why_not = f"n={n}: {symbolic.reason}"
            return True
        self.proofs.append(p)
        self.proved_n.append(n)
        rung, seconds = "+".join(p.rungs), round(symbolic.seconds, 3)
        latex, mathml = mathtext.witness_shown(p.witness, n, self.shown)
        evidence = ProofEvidence(n, p.rule, rung, seconds, p.assumptions, p.detail, symbolic.work, latex, mathml)
        self.shown.append(evidence)
        self.assumptions = list(dict.fromkeys([*self.assumptions, *p.assumptions]))
        return True

    def judge(self, found: dimension.ForAllNAttempt | None) -> ClaimResult:
        """The result, built once: the kernel's status from what the walk gathered, and the reason
        that says what was shown."""
        family, undefined = self.family, self.undefined
        if undefined and len(undefined) == len(family.all_n):
            raise ClaimError(f"the claim is undefined at every n ({n_text(list(undefined))}): a division by zero?")
        # a proof for all n holds where both sides are defined: a point where one side is not defeats the claim,
        # not the proof (no inconsistency)
        for_all_n = found.proof if found is not None and not beyond_a_proof(self.counterexample) else None
        status, inconsistent = kernel.judge(
            family, self.stated, self.proofs, self.verdicts, self.contradiction, for_all_n, self.checked
        )
        gathered = replace(
            self.start, status=status, inconsistency=inconsistent, undefined_n=list(undefined),
            numeric=list(self.numeric), proofs=list(self.shown), proved_n=list(self.proved_n),
            assumptions=list(self.assumptions), series=dict(self.series), counterexample=self.counterexample,
            reason=self.reason,
        )  # fmt: skip
        keep = self.reason and status is Status.UNKNOWN
        reason = self.reason if keep else reasons.walked(gathered, self.why_not)
        for_all, proofs, assumptions = False, gathered.proofs, gathered.assumptions
        if found is not None:
            for_all, proofs, assumptions, reason = _with_generic(gathered, found, reason)
            if status is not Status.REFUTED:
                reason += _beyond_stated(family, found, self.settings)
        if undefined:
            reason += f"; undefined at n = {n_text(list(undefined))} (a division by zero there), not checked there"
        if inconsistent:
            for_every_n = "the generic-dimension proof says it holds for every n"
            said = for_every_n if for_all_n else "the symbolic side reduced the residual to 0"
            confirmed = "a counterexample was confirmed in high precision"
            reason = f"ENGINE INCONSISTENCY: {said}, but {confirmed}. {reason}"
        return replace(gathered, reason=reason, for_all_n=for_all, proofs=proofs, assumptions=assumptions)


def _run(
    family: ClaimFamily, settings: EngineSettings, result: ClaimResult, stated: dict[int | None, kernel.ClaimAt]
) -> ClaimResult:
    """Walk the family's n and judge (stated: the claim at the n stated already, by the kernel)."""

    def at(n: int | None) -> kernel.ClaimAt:  # each n is built once, by the kernel
        if n not in stated:
            stated[n] = kernel.state(family, n)
        return stated[n]

    found = dimension.attempt(family, at)
    walk = _Walk(family, settings, result, generic=found is not None and found.proof is not None)
    for n in family.all_n:
        walk.stated.append(at(n))
        inst = walk.stated[-1].instance
        if inst is not None and not walk.step(inst, n):
            break
    return walk.judge(found)


def _beyond_stated(family: ClaimFamily, found: dimension.ForAllNAttempt, settings: EngineSettings) -> str:
    """A finding, never the verdict: the claim's stated sizes are its meaning. Atom-free forms that
    differ are false from some n on; a counterexample confirmed there is reported, not judged."""
    for n in dimension.extra_dimensions(family, found):
        try:
            inst = kernel.state(family, n).instance
        except ClaimError:  # the builder fails there (Π_{k=0}^{n−3} runs down at n = 1): no finding, not the verdict
            inst = None
        if inst is None:
            continue
        outcome = spot_check(inst, rng_for(family, settings.seed, n), settings.numeric())
        if outcome.verdict is NumericVerdict.FAIL:
            return (
                f"; finding beyond the stated n: does not hold for all n: fails at n = {n} ({outcome.reason}, "
                f"{confirmation_text(outcome.counterexample.digits if outcome.counterexample else 100)})"
            )
    return ""


def _with_generic(
    result: ClaimResult, found: dimension.ForAllNAttempt, reason: str
) -> tuple[bool, list[ProofEvidence], list[str], str]:
    """The generic rung's proof (for all n) first among the proofs, its assumptions, and the reason that
    says what it showed: (for all n?, proofs, assumptions, reason)."""
    p = found.proof
    if p is None:
        if result.status in (Status.PROVED, Status.CHECKED):
            reason += f"; not proved for all n ({found.reason[:120]})"
        return False, result.proofs, result.assumptions, reason
    evidence = ProofEvidence(None, p.rule, "+".join(p.rungs), round(found.seconds, 4), p.assumptions, p.detail)
    assumptions = list(dict.fromkeys([*result.assumptions, *p.assumptions]))
    for_all_n = result.status is Status.PROVED
    if for_all_n:
        explicit = f"explicit cross-check: {reason}" if reason else ""
        # the time the proof took is in its evidence, not in the reason: a reason is the claim's, not the machine's
        reason = f"proved for all n (generic dimension){reasons.where_it_holds(list(p.assumptions))}; {explicit}"
    return for_all_n, [evidence, *result.proofs], assumptions, reason


def _probe_inconsistency(inst: Instance, family: ClaimFamily, n: int | None, cx: Counterexample | None) -> Proof | None:
    """A cheap symbolic attempt at the refuted n: if it 'proves' the claim there, the engine contradicts itself."""
    return contradiction.probe(inst, family, n, cx)
