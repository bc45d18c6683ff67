"""Whether the claim this process verifies ran out of memory anywhere: in its builder, a rung of a proof, a chain's
step, a diagnosis's candidate. Each such MemoryError is turned into an answer where it is caught (an ERROR, "not
shown", no diagnosis), so the result alone does not show that it rests on one; `verifier.run.session.verify_source`
reads this register and marks the result `memory_limited`. Such a result depends on --memory-mb and on the machine
(what the process's address space holds already), not on the claim: it is never cached, like a time limit's."""

from __future__ import annotations

from typing import TypeVar

_T = TypeVar("_T")

_RAN_OUT: list[bool] = [False]
IN_BUILDER = "the builder ran out of memory; use a smaller n, or raise --memory-mb"


def ran_out(message: str) -> str:
    """Note that the claim ran out of memory; the message, for the answer given in its place."""
    _RAN_OUT[0] = True
    return message


def noted(err: BaseException, answer: _T) -> _T:
    """Note a MemoryError among the exceptions a broad handler turns into an answer; the answer."""
    if isinstance(err, MemoryError):
        _RAN_OUT[0] = True
    return answer


def take() -> bool:
    """Whether a claim ran out of memory since the last call, forgotten now: the next claim starts clean."""
    was, _RAN_OUT[0] = _RAN_OUT[0], False
    return was
