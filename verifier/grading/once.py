"""Each distinct claim of a course verified once: students whose claim is the same data share its result.

A claim's result is a function of what its worker is given: the family decoded from the sandbox's data for that
claim (`prepare.family_named`: its name, statement, notes, sizes and the statement built at each n) with the file
it came from, the reference claim it answers (the sizes it is verified at), the seed and the options. The
samples' generator is drawn from the seed and the claim's key, derivation.name (`engine.settings.rng_for`), and a
proof's work from the claim alone (`strategies.budget`), never from which student wrote it or what ran beside it.
So when two students send the same data from a file of the same name for the same reference claim, the second
is not verified again: its result is the first's, which is exactly what its own worker would have returned, with
no seconds of its own (its `seconds` and `cpu_seconds` are 0: nothing was verified for it).

Not shared, each verified on its own as before:
- a result stopped by the wall-clock safety net (`time_limited`) or standing for a worker's failure: it depends on
  the machine, never on the claim alone (as the cache never keeps it); any ERROR or UNKNOWN (a CPU-time backstop or
  an out-of-memory reads as one), and a result whose diagnosis its safety net stopped;
- a result whose worker raised inside the verifier (`internal_error`);
- a claim that is not Python data (a LaTeX chain is read from the student's own file), or whose data does not
  decode (the worker then falls back to the student's other claims), or a Corollary (cheap, and its verdict is
  resolved from each student's own cited claims anyway).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from verifier.grading import prepare as prep
from verifier.grading.codec import CodecError
from verifier.grading.statements import decode_family
from verifier.language.claims import Statement
from verifier.outcome import ClaimResult, Status
from verifier.run import pool
from verifier.run.session import ClaimSource, OnResult


class Verifier(Protocol):
    """What shares a session: `Session.verify`, called once or more (it may only queue the sources)."""

    def verify(self, sources: Sequence[ClaimSource], on_result: OnResult = ...) -> list[ClaimResult]: ...


class SharedSource(ClaimSource, Protocol):
    """A grading source: its key, and the sandbox's data it is decoded from."""

    @property
    def payload(self) -> dict[str, Any] | None: ...

    @property
    def name(self) -> str: ...

    @property
    def graded_as(self) -> str: ...


def entry(payload: dict[str, Any] | None, name: str, memo: dict[str, bool | None]) -> str | None:
    """The file and data `prepare.family_named` decodes the claim `name` from (the first entry of that name that
    decodes: `prepare.first_decoded`, the walk the worker takes), as canonical JSON; None where none does (the
    worker then reads the student's files) or where the claim is a Corollary. memo: for each entry seen before,
    None if it does not decode, else whether it may be shared."""

    def shape(data: dict[str, Any], file: str) -> str | None:
        text = json.dumps({"file": file, "data": data}, sort_keys=True, default=str)
        if text not in memo:
            memo[text] = _may_share(data, Path(file).stem)
        if memo[text] is None:
            raise CodecError("does not decode")
        return text if memo[text] else None

    found = prep.first_decoded(payload, name, shape)
    return None if found is None else found[2]


def _may_share(data: dict[str, Any], stem: str) -> bool | None:
    """None if the entry does not decode (the walk tries the next), else whether it is not a Corollary. Asked
    in the grader's own process, so no statement is read here: decoding one runs in a worker, under its limits
    (codec.py; a red team's statement took 11 s to decode). Only the entry's shape is checked, which is all
    that makes decode_family raise (a statement that cannot be read back is an error of that n, not a raise)."""
    try:
        decode_family(data, stem, _unread)
    except CodecError:
        return None
    built = data.get("built", [])[:64]
    return not any(isinstance(e, dict) and isinstance(e.get("body"), dict) and e["body"].get("class") == "Corollary"
                   for e in built)  # fmt: skip


def _unread(tree: object) -> Statement:
    raise CodecError("not read in the grader's process")


def sharing_key(source: SharedSource, memo: dict[str, bool | None]) -> str | None:
    """A digest of everything the source's result depends on besides the run's settings, or None: not shared."""
    found = entry(source.payload, source.name, memo)
    if found is None:
        return None
    return hashlib.sha256(json.dumps([found, source.graded_as]).encode()).hexdigest()


NOT_SHARED = (Status.UNKNOWN, Status.ERROR)  # a verdict is shared, PROVED, CHECKED or REFUTED


def shareable(result: ClaimResult, failure: pool.Failure | None) -> bool:
    """A verdict that depends on the claim alone: no failure, no limit of the machine's. ERROR and UNKNOWN are never
    shared: a CPU-time backstop (decoding over 5 CPU s), an out-of-memory or a time limit reads as one of them; nor a
    result whose diagnosis its wall-clock safety net stopped (a red team's findings)."""
    if failure is not None or result.time_limited or result.memory_limited or result.internal_error:
        return False
    return result.status not in NOT_SHARED and not result.diagnosis_cut


def as_follower(result: ClaimResult) -> ClaimResult:
    """The first student's result for a student with the same claim: no seconds of its own."""
    return replace(result, seconds=0.0, cpu_seconds=0.0)


@dataclass
class Once:
    """A session's verify, each sharing key once: followers wait for their leader's result, take it if it is
    shareable, and are verified each on their own otherwise (queued at once where `requeue`, else by `finish`)."""

    session: Verifier
    requeue: bool = True
    keys: dict[str, str] = field(default_factory=dict)  # a leader's source key → its sharing key
    waiting: dict[str, list[ClaimSource]] = field(default_factory=dict)  # sharing key → followers
    done: dict[str, ClaimResult] = field(default_factory=dict)  # sharing key → the shared result
    retry: list[ClaimSource] = field(default_factory=list)  # followers whose leader's result is not shareable
    shared: int = 0  # followers that took a leader's result
    memo: dict[str, bool | None] = field(default_factory=dict)  # an entry's JSON → whether it may be shared

    def verify(self, sources: Sequence[SharedSource], on_result: OnResult) -> None:
        self.session.verify(self._leaders(sources, on_result), self._told(on_result))

    def finish(self, on_result: OnResult) -> None:
        """Verify the followers left to verify on their own (where the session does not take more while it runs)."""
        while self.retry:
            alone, self.retry = self.retry, []
            self.session.verify(alone, on_result)

    def _leaders(self, sources: Sequence[SharedSource], on_result: OnResult) -> list[ClaimSource]:
        out: list[ClaimSource] = []
        for source in sources:
            key = sharing_key(source, self.memo)
            if key is None:
                out.append(source)
            elif key in self.done:
                self._follow(source, self.done[key], on_result)
            elif key in self.waiting:
                self.waiting[key].append(source)
            else:
                self.keys[source.key], self.waiting[key] = key, []
                out.append(source)
        return out

    def _follow(self, source: ClaimSource, result: ClaimResult, on_result: OnResult) -> None:
        self.shared += 1
        on_result(source, as_follower(result), None)

    def _told(self, on_result: OnResult) -> OnResult:
        def told(source: ClaimSource, result: ClaimResult, failure: pool.Failure | None) -> None:
            on_result(source, result, failure)
            key = self.keys.pop(source.key, None)
            if key is None:
                return
            followers = self.waiting.pop(key)
            if shareable(result, failure):
                self.done[key] = result
                for follower in followers:
                    self._follow(follower, result, on_result)
            elif followers:
                self.retry.extend(followers)
                if self.requeue:
                    self.finish(on_result)

        return told
