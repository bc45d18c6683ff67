"""Each distinct claim of a course is verified once (verifier/grading/once.py): a student whose claim is the same data
takes the first one's result, and nothing that depends on the machine, or on the student's other claims, is shared."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pytest
import sympy as sp

from verifier import Corollary, Identity, Real, claim
from verifier.grading import once, prepare, statements
from verifier.grading.once import Once
from verifier.grading.statements import encode_family
from verifier.outcome import ClaimResult, Diagnosis, Expect, Status
from verifier.run import pool
from verifier.run.session import ClaimSource, OnResult

x = sp.Symbol("x")


def _data(name: str, rhs: sp.Expr) -> dict[str, Any]:
    family = claim(name=name)(lambda: Identity((x + 1) ** 2, rhs, where={x: Real()}))
    return encode_family(family, [None])


def _payload(*claims: dict[str, Any], file: str = "ridge.py") -> dict[str, Any]:
    return {"files": [{"file": file, "claims": list(claims)}]}


@dataclass(frozen=True)
class Source:
    student: str
    payload: dict[str, Any] | None
    name: str = "square"
    graded_as: str = "square"
    group: None = None

    @property
    def key(self) -> str:
        return f"{self.student}::{self.name}"


@dataclass
class Session:
    """Records what it is asked to verify; the test says when each ends."""

    asked: list[list[str]] = field(default_factory=list)
    told: dict[str, OnResult] = field(default_factory=dict)

    def verify(self, sources: Sequence[ClaimSource], on_result: OnResult = lambda s, r, f: None) -> list[ClaimResult]:
        self.asked.append([s.key for s in sources])
        self.told.update((s.key, on_result) for s in sources)
        return []

    def end(self, source: Source, result: ClaimResult, failure: pool.Failure | None = None) -> None:
        self.told.pop(source.key)(source, result, failure)


def _result(status: Status = Status.PROVED, **changes: Any) -> ClaimResult:
    base = ClaimResult("square", "ridge", "identity", "(x+1)²", Expect.HOLDS, status, "why", seconds=1.5)
    return replace(base, cpu_seconds=1.2, **changes)


def _collect() -> tuple[dict[str, ClaimResult], OnResult]:
    got: dict[str, ClaimResult] = {}
    return got, lambda source, result, failure: got.__setitem__(source.key, result)


def test_students_with_the_same_data_share_one_verification() -> None:
    data = _data("square", x**2 + 2 * x + 1)
    a, b, c = (Source(s, _payload(data)) for s in ("a", "b", "c"))
    session, got_on = Session(), _collect()
    got, on_result = got_on
    once = Once(session)
    once.verify([a], on_result)
    once.verify([b], on_result)  # while a's claim is verified: b waits for it
    assert session.asked == [["a::square"], []]
    session.end(a, _result())
    once.verify([c], on_result)  # after: c takes it at once
    assert session.asked == [["a::square"], [], []]
    assert got["a::square"].seconds == 1.5
    for follower in ("b::square", "c::square"):
        assert got[follower] == replace(_result(), seconds=0.0, cpu_seconds=0.0)
    assert once.shared == 2


def test_other_data_another_file_or_another_reference_claim_is_verified_on_its_own() -> None:
    data = _data("square", x**2 + 2 * x + 1)
    sources = [
        Source("a", _payload(data)),
        Source("b", _payload(_data("square", x**2 + 2 * x))),  # one term dropped
        Source("c", _payload(data, file="other.py")),  # the file's name is the claim's key: its samples' seed
        Source("d", _payload(data), graded_as="cube"),  # verified at another reference claim's sizes
        Source("e", None),  # a LaTeX chain: read from the student's own file, never shared
    ]
    session = Session()
    Once(session).verify(sources, _collect()[1])
    assert session.asked == [[s.key for s in sources]]


def test_a_result_a_time_limit_stopped_or_a_failure_is_never_shared() -> None:
    data = _data("square", x**2 + 2 * x + 1)
    cut = Diagnosis("sign", "(the diagnosis stopped at its time safety net: it may have missed a repair)")
    for ended in (
        {"result": _result(Status.UNKNOWN, time_limited=True)},
        {"result": _result(Status.UNKNOWN, internal_error=True)},
        {"result": _result(Status.ERROR), "failure": pool.Failure(pool.FailureKind.DIED, "the worker died")},
        {"result": _result(Status.ERROR, reason="could not be read back: decoding took over 5 CPU seconds")},
        {"result": _result(Status.REFUTED, diagnosis=cut)},  # its wall-clock safety net: the machine's
    ):
        a, b = Source("a", _payload(data)), Source("b", _payload(data))
        session, (got, on_result) = Session(), _collect()
        once = Once(session)
        once.verify([a, b], on_result)
        session.end(a, **ended)
        assert session.asked == [["a::square"], ["b::square"]], ended  # b verified on its own, at once
        assert "b::square" not in got and once.shared == 0


def test_on_a_cluster_the_followers_left_are_verified_after_the_first_round() -> None:
    data = _data("square", x**2 + 2 * x + 1)
    a, b = Source("a", _payload(data)), Source("b", _payload(data))
    session, (_, on_result) = Session(), _collect()
    once = Once(session, requeue=False)
    once.verify([a, b], on_result)
    session.end(a, _result(Status.UNKNOWN, time_limited=True))
    assert session.asked == [["a::square"]]
    once.finish(on_result)
    assert session.asked == [["a::square"], ["b::square"]]


def test_a_corollary_and_data_that_does_not_decode_are_not_shared() -> None:
    """(A statement that cannot be read back decodes to a claim whose ERROR says so: that one is shared.)"""
    corollary = encode_family(claim(name="square")(lambda: Corollary(of=("a", "b"), because="a and b")), [None])
    broken = {"name": "square", "built": "not a list"}  # decode_family raises: family_named reads the files then
    for data in (corollary, broken):
        a, b = Source("a", _payload(data)), Source("b", _payload(data))
        session = Session()
        Once(session).verify([a, b], _collect()[1])
        assert session.asked == [["a::square", "b::square"]]


def test_the_graders_own_process_decodes_no_statement(monkeypatch: pytest.MonkeyPatch) -> None:
    """Decoding runs in a worker under its limits (codec.py): a red team's statement took 11 s to decode, and the
    sharing key, asked in the grader's process, had decoded it there, one student after another."""

    def refuse(tree: object) -> None:
        raise AssertionError("a statement decoded in the grader's process")

    monkeypatch.setattr(statements, "decode_statement", refuse)
    data = _data("square", x**2 + 2 * x + 1)
    a, b = Source("a", _payload(data)), Source("b", _payload(data))
    session, (got, on_result) = Session(), _collect()
    once = Once(session)
    once.verify([a, b], on_result)
    session.end(a, _result())
    assert session.asked == [["a::square"]] and got["b::square"].status is Status.PROVED


def test_the_key_names_the_entry_the_worker_decodes() -> None:
    """A file may hold several entries of one name; the worker decodes the first that decodes (family_named), and the
    key is made of that same entry: two students who differ only in an entry the worker skips share, two who differ
    in the entry it reads do not."""
    broken_a = {"name": "square", "built": "not a list"}
    broken_b = {"name": "square", "built": "nor this"}
    right, wrong = _data("square", x**2 + 2 * x + 1), _data("square", x**2 + 1)
    memo: dict[str, bool | None] = {}
    for payload, read in (
        (_payload(broken_a, right), right),
        ({"files": [{"file": "a.py", "claims": [broken_b]}, {"file": "ridge.py", "claims": [right, wrong]}]}, right),
    ):
        file, family = prepare.family_named(None, payload, "square")  # type: ignore[arg-type]
        assert file == "ridge.py" and encode_family(family, [None]) == read
        assert json.loads(once.entry(payload, "square", memo) or "null") == {"file": "ridge.py", "data": read}
    a, b = Source("a", _payload(broken_a, right)), Source("b", _payload(broken_b, right))
    c = Source("c", _payload(broken_a, wrong))
    session = Session()
    Once(session).verify([a, b, c], _collect()[1])
    assert session.asked == [["a::square", "c::square"]]
