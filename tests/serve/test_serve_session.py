"""The page's request worker verifies through the session, as every door does: the dispatcher's go starts each
chain, each step and each chain's result is sent on, and a chain whose worker produced no result gets the
session's failure result. Here the test plays the dispatcher on the request worker's socket."""

from __future__ import annotations

from tests.serve.support import SLIP, play_dispatcher
from verifier.serve.settings import ServeSettings

CUBE = r"""
% claim: cube
$$ (x + y)^3 = x^3 + 3 x^2 y + 3 x y^2 + y^3 $$
"""
TWO = SLIP + CUBE
SLOW = r"""
```verifier
x, y, z: real
```

% claim: expanded
$$ \sin(x + y + z)^{24} = \left( \sin(x) \cos(y + z) + \cos(x) \sin(y + z) \right)^{24} $$
"""
"""A chain that runs for seconds (4 s of CPU when idle): far past a time limit of a tenth of a second."""


def test_each_chain_is_verified_in_its_turn_and_its_steps_and_result_are_sent() -> None:
    ended, events = play_dispatcher(TWO, ServeSettings(samples=60))
    assert ended == "verified"
    kinds = [e["kind"] for e in events if e["kind"] != "chain worker"]
    assert kinds == ["parsed", "step", "step", "step", "diagnosis", "chain", "step", "chain"]
    results = [(e["chain"], e["result"]) for e in events if e["kind"] == "chain"]
    assert [(i, r["name"], r["status"], r["first_wrong_step"]) for i, r in results] == [
        (0, "square", "REFUTED", 3),
        (1, "cube", "PROVED", None),
    ]
    assert {e["chain"] for e in events if e["kind"] == "step"} == {0, 1}


def test_a_chain_stopped_by_its_time_limit_is_the_sessions_unknown() -> None:
    ended, events = play_dispatcher(SLOW, ServeSettings(samples=60, timeout=0.1))
    assert ended == "verified"
    (result,) = [e["result"] for e in events if e["kind"] == "chain"]
    assert (result["status"], result["time_limited"], result["expect"], result["seconds"]) == (
        "UNKNOWN",
        True,
        "holds",
        0.0,
    )
    assert result["reason"].startswith("derivation.md::expanded: stopped by the time limit after 0.1 s (")


def test_a_request_whose_dispatcher_is_gone_starts_no_chain() -> None:
    assert play_dispatcher(TWO, ServeSettings(samples=60), goes=False)[0] == "not started"
