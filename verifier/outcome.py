"""Outcomes as plain data: statuses, evidence, counterexamples and claim results.

Every phase of a verification (load, symbolic, numeric) ends in one of these objects,
never in an exception that escapes. They serialise to JSON and back, and the terminal
table, the Markdown, the HTML and the JUnit renderers only read them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from verifier.language.expect import Expect as Expect  # re-exported: kept with a claim's result
from verifier.language.keys import ClaimKey as ClaimKey  # re-exported
from verifier.language.text import make_visible
from verifier.trusted.status import NumericVerdict as NumericVerdict  # re-exported
from verifier.trusted.status import Status as Status  # re-exported

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Counterexample:
    """A point where the claim fails, re-confirmed in high precision.

    The claim asserts ``observed relation claimed``. For an identity, a derivative, a limit or
    a chain's step, ``claimed`` is the value the claim asserts (the right side, the student's
    line) and ``observed`` the true value there (the left side, the derivative computed, the
    previous line), with relation "=". An inequality or a PSD claim asserts a bound alone:
    ``claimed`` is "" and ``relation`` says what must hold of ``observed`` ("lhs − rhs ≥ 0",
    "smallest eigenvalue ≥ 0"). ``entries`` are the 1-based (row,) or (row, column) positions
    of a vector or matrix claim that differ there; empty for a scalar claim."""

    n: int | None
    values: dict[str, Any]
    claimed: str
    observed: str
    relation: str
    error: str
    digits: int
    note: str = ""
    entries: tuple[tuple[int, ...], ...] = ()

    def __post_init__(self) -> None:
        make_visible(self)

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "entries": [list(e) for e in self.entries]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Counterexample:
        """Read a counterexample; reports written before the fields had names hold lhs and rhs."""
        data = dict(data)
        if "lhs" in data:  # old reports: the sides as the check saw them, their meaning unknown here
            data.setdefault("observed", data.pop("lhs"))
            data.setdefault("claimed", data.pop("rhs", ""))
            data.setdefault("relation", "")
        data["entries"] = tuple(tuple(int(i) for i in e) for e in data.get("entries", ()))
        return cls(**data)


@dataclass(frozen=True)
class NumericEvidence:
    """What the numeric spot check saw at one n."""

    n: int | None
    method: str
    samples: int
    max_error: float
    tolerance: float
    escalated: int = 0
    skipped: int = 0
    note: str = ""
    float_margin: float = 0.0  # worst float error / tolerance, escalated samples included
    unescalated: int = 0  # suspects beyond tolerance that were not recomputed in high precision
    precise_margin: float = 0.0  # recomputed samples: worst gap at 100 digits / the gap that would confirm
    unrecomputed_margin: float | None = None  # per-sample error / tolerance, worst over samples not recomputed
    seconds: float = 0.0  # time the numeric check took at this n (compile, evaluate, confirm)

    @property
    def margin(self) -> float:
        """Worst observed error as a fraction of the tolerance."""
        if self.unrecomputed_margin is not None:
            return self.unrecomputed_margin
        return self.max_error / self.tolerance if self.tolerance > 0 else 0.0


@dataclass(frozen=True)
class ProofEvidence:
    """What the kernel accepted at one n: the rule, the rung and the assumptions used."""

    n: int | None
    rule: str
    rung: str
    seconds: float
    assumptions: tuple[str, ...] = ()
    detail: str = ""
    work: int = 0  # heartbeats of symbolic work the proof took (the budget's unit; see verifier.strategies.budget)
    witness_latex: str = ""  # the identity a certificate proof rests on (vᵀHv = Σ wₖ(aₖᵀv)², gap = Σ wₖfₖ²)
    witness_mathml: str = ""

    def __post_init__(self) -> None:
        make_visible(self)

CUT = "the diagnosis stopped at its time safety net"  # diagnose.py's words when its wall clock stopped a diagnosis


@dataclass(frozen=True)
class Diagnosis:
    """Why a refuted identity is wrong, each part verified by the engine (verifier/engine/diagnose.py).

    kind: sign, factor, term, exponent, transpose, index, bound, relation, assumption or other; said: the
    sentence, summary first (the repaired line's edit in «»); difference: left − right when short (LaTeX);
    repair: the nearest correct line (LaTeX), PROVED or CHECKED (repair_status), the edit that makes it
    (edit), the same line with the edited part in \\underline (repair_marked) and its relation."""

    kind: str
    said: str
    difference: str = ""
    repair: str = ""
    repair_status: str = ""
    edit: str = ""
    holds_if: str = ""  # a missing assumption under which the line is PROVED ("holds if y ∈ Δ (declare y: simplex)")
    repair_marked: str = ""  # the repair's LaTeX with the edited part in \\underline{…}
    relation: str = "="  # the repaired line's relation, in LaTeX (\\le for a relaxed <)
    repair_at: str = ""  # "at n = 2" when the repair was verified at the refuted size only, not at every size

    def __post_init__(self) -> None:
        make_visible(self)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Diagnosis | None:
        return cls(**data) if data else None

    @property
    def why(self) -> str:
        """The sentence without its "did you mean …" part (a renderer that typesets the repair shows it apart)."""
        return "; ".join(p for p in self.said.split("; ") if not p.startswith("did you mean"))

    @property
    def repair_verdict(self) -> str:
        """The repair's verdict as a page shows it: "PROVED", or "PROVED (at n = 2)" if verified at that size only."""
        return f"{self.repair_status} ({self.repair_at})" if self.repair_at else self.repair_status

    def hint(self, step: int | None) -> Diagnosis:
        """The kind of slip and where, without the repair, the difference or the assumption (a TA's hints only)."""
        where = f"step {step}: " if step else ""
        return Diagnosis(kind=self.kind, said=f"{where}look for {HINTS.get(self.kind, 'the slip')}")


HINTS = {
    "sign": "a sign slip", "factor": "a wrong factor", "term": "a missing or extra term",
    "exponent": "a wrong exponent", "transpose": "a missing or extra transpose", "index": "two indices swapped",
    "bound": "a sum's bound off by one", "relation": "the wrong relation (≤, <, ≥, >)",
    "assumption": "an assumption the step needs but the derivation does not declare", "other": "the slip",
}  # fmt: skip


@dataclass(frozen=True)
class StepResult:
    """One line of a chain and its own verdict."""

    index: int  # 1-based: step i relates line i − 1 to line i
    relation: str
    text: str  # the line, as text
    latex: str
    mathml: str
    reason: str  # why the author says it holds ("use Σy = 1"), as written
    status: Status
    evidence: str  # the step's own reason line
    counterexample: Counterexample | None = None
    written: str = ""  # the line as its author wrote it, in LaTeX (a LaTeX chain's), typeset by the HTML report
    for_all_n: bool = False  # the step PROVED for every n (the generic rule), not only at the n checked
    diagnosis: Diagnosis | None = None  # a refuted step: why, verified (see Diagnosis)

    def __post_init__(self) -> None:
        make_visible(self)

    @property
    def verdict(self) -> str:
        """The status as reports print it: "PROVED for all n" where the generic rule proved the step."""
        return f"{self.status.value} for all n" if self.for_all_n else self.status.value

    def to_json(self) -> dict[str, Any]:
        cx = self.counterexample.to_json() if self.counterexample else None
        data = {**asdict(self), "status": self.status.value, "counterexample": cx}
        data["proved_for_all_n"] = data.pop("for_all_n")
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StepResult:
        data = dict(data)
        cx = data.get("counterexample")
        status = Status(data["status"])
        data["for_all_n"] = bool(data.pop("proved_for_all_n", data.get("for_all_n", False)))
        data["diagnosis"] = Diagnosis.from_json(data.get("diagnosis"))
        return cls(**{**data, "status": status, "counterexample": Counterexample.from_json(cx) if cx else None})


@dataclass(frozen=True)
class ClaimResult:
    """The verdict on one claim family, with all its evidence: frozen data, built once (a later stage
    makes a changed copy with dataclasses.replace, never writes into one)."""

    name: str
    derivation: str
    kind: str
    statement: str
    expect: Expect
    status: Status
    reason: str
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # CPU time of the worker that verified it (0: not measured); the baseline's cost
    n_values: list[int | None] = field(default_factory=list)
    proved_n: list[int | None] = field(default_factory=list)
    numeric: list[NumericEvidence] = field(default_factory=list)
    proofs: list[ProofEvidence] = field(default_factory=list)
    counterexample: Counterexample | None = None
    assumptions: list[str] = field(default_factory=list)
    notes: str = ""
    latex: str = ""
    mathml: str = ""
    domains: list[str] = field(default_factory=list)
    source: str = ""
    seed: int = 0
    replay: str = ""
    inconsistency: bool = False
    cached: bool = False  # from the cache of an earlier run on this machine, not verified in this run
    cached_at: str = ""  # when that run stored it (UTC, ISO 8601)
    detail: str = ""
    series: dict[str, list[float]] = field(default_factory=dict)
    cites: list[str] = field(default_factory=list)
    time_limited: bool = False  # stopped by the wall-clock safety net: depends on the machine, never cached
    memory_limited: bool = False  # ran out of memory somewhere (--memory-mb): depends on the machine, never cached
    undefined_n: list[int] = field(default_factory=list)  # dimensions where the claim is undefined (skipped)
    steps: list[StepResult] = field(default_factory=list)  # a chain's lines, each with its verdict
    start_written: str = ""  # a chain's first line e₀ as its author wrote it (LaTeX), if written
    start_mathml: str = ""  # e₀ as verified, in presentation MathML
    start_latex: str = ""  # e₀ as verified (what the reader understood), in LaTeX
    first_wrong_step: int | None = None  # a chain's first REFUTED step (1-based)
    end_result: str = ""  # a chain's end result checked on its own: its status, or "" if not a chain
    planted_step: int | None = None  # a planted slip's step: REFUTED meets the expectation only if named there
    for_all_n: bool = False  # PROVED for every n by the generic-dimension rule, not only at the n checked
    internal_error: bool = False  # UNKNOWN because the verifier's own code raised: a bug, not the user's
    diagnosis: Diagnosis | None = None  # a refuted identity: why, verified (see Diagnosis)

    def __post_init__(self) -> None:
        make_visible(self)

    @classmethod
    def failed(cls, path: str, derivation: str, name: str, message: str, status: Status = Status.ERROR) -> ClaimResult:
        """A claim (or a part of a file) that could not be verified at all, with the one-line reason."""
        return cls(name, derivation, "?", "", Expect.HOLDS, status, message, source=path)

    @property
    def diagnosis_cut(self) -> bool:
        """A diagnosis of its own or of a step that the wall-clock safety net stopped: it depends on the machine."""
        return any(d is not None and CUT in d.said for d in [self.diagnosis, *(s.diagnosis for s in self.steps)])

    @property
    def met(self) -> bool:
        if self.inconsistency:
            return False
        if self.expect is Expect.REFUTED:
            named = self.planted_step is None or self.first_wrong_step == self.planted_step
            return self.status is Status.REFUTED and named
        return self.status in (Status.PROVED, Status.CHECKED)

    @property
    def verdict(self) -> str:
        """The status as reports print it: "PROVED for all n" where the generic rule proved it."""
        return f"{self.status.value} for all n" if self.for_all_n else self.status.value

    @property
    def claim_key(self) -> ClaimKey:
        return ClaimKey(self.derivation, self.name)

    @property
    def key(self) -> str:
        """derivation.name, as reports, the baseline and the command line write it."""
        return str(self.claim_key)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["status"] = self.status.value
        data["steps"] = [step.to_json() for step in self.steps]
        data["met"] = self.met
        data["proved_for_all_n"] = self.for_all_n  # how far the proof goes: every n, or the n checked (issue 40)
        data.pop("counterexample")
        data["evidence"] = {
            "proofs": data.pop("proofs"),
            "numeric": data.pop("numeric"),
            "counterexample": self.counterexample.to_json() if self.counterexample else None,
            "max_error": max((e.max_error for e in self.numeric), default=None),
            "tolerance": min((e.tolerance for e in self.numeric), default=None),
            "margin": max((e.margin for e in self.numeric), default=None),
            "samples": sum(e.samples for e in self.numeric),
        }
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClaimResult:
        data = dict(data)
        evidence = data.pop("evidence", {}) or {}
        data.pop("met", None)
        data.pop("proved_for_all_n", None)
        cx = evidence.get("counterexample")
        known = set(cls.__dataclass_fields__)
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["expect"] = Expect(data["expect"])
        kwargs["status"] = Status(data["status"])
        kwargs["numeric"] = [NumericEvidence(**e) for e in evidence.get("numeric", [])]
        kwargs["proofs"] = [
            ProofEvidence(**{**e, "assumptions": tuple(e.get("assumptions", ()))}) for e in evidence.get("proofs", [])
        ]
        kwargs["counterexample"] = Counterexample.from_json(cx) if cx else None
        kwargs["steps"] = [StepResult.from_json(step) for step in data.get("steps", [])]
        kwargs["diagnosis"] = Diagnosis.from_json(data.get("diagnosis"))
        return cls(**kwargs)


@dataclass(frozen=True)
class ShardInfo:
    """Which part of a sharded run a report holds (`verify-all --shard INDEX/COUNT`)."""

    index: int
    count: int
    partition: str  # fingerprint of the claim list and costs the shards were cut from
    claims: tuple[str, ...]  # every claim key of the whole run, in run order

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "claims": list(self.claims)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ShardInfo:
        claims = data["claims"]
        if not isinstance(claims, list):
            raise TypeError("shard claims is not a list")
        return cls(int(data["index"]), int(data["count"]), str(data["partition"]), tuple(map(str, claims)))


@dataclass
class RunReport:
    """All results of one run, plus how the run went."""

    results: list[ClaimResult]
    seed: int
    samples: int
    seconds: float
    complete: bool = True
    engine_version: str = ""
    argv: list[str] = field(default_factory=list)
    shard: ShardInfo | None = None
    retried: dict[str, int] = field(default_factory=dict)  # claim → times run again after its worker was lost

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Status}
        for r in self.results:
            out[r.status.value] += 1
        return out

    def for_all_n(self) -> int:
        """How many claims were PROVED for all n (generic dimension)."""
        return sum(1 for r in self.results if r.for_all_n)

    def internal_errors(self) -> int:
        """How many claims ended in an exception from the verifier's own code (a bug to report)."""
        return sum(1 for r in self.results if r.internal_error)

    @property
    def all_met(self) -> bool:
        return self.complete and all(r.met for r in self.results)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "engine_version": self.engine_version,
            "complete": self.complete,
            "seed": self.seed,
            "samples": self.samples,
            "seconds": self.seconds,
            "counts": self.counts(),
            "all_met": self.all_met,
            "claims": [r.to_json() for r in self.results],
            **({"shard": self.shard.to_json()} if self.shard else {}),
            **({"retried": dict(self.retried)} if self.retried else {}),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RunReport:
        return cls(
            results=[ClaimResult.from_json(c) for c in data["claims"]],
            seed=int(data["seed"]),
            samples=int(data["samples"]),
            seconds=float(data["seconds"]),
            complete=bool(data.get("complete", True)),
            engine_version=str(data.get("engine_version", "")),
            shard=ShardInfo.from_json(data["shard"]) if data.get("shard") else None,
            retried={str(k): int(v) for k, v in (data.get("retried") or {}).items()},
        )
