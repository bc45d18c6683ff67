"""|a| of a line is taken with its symbols real, as every declared domain is: |e^x| = e^x was refused with
"function re came out of the parse", sympy writing |e^x| as e^{re(x)} for an x of no sign (red team D)."""

from __future__ import annotations

import pytest

from tests.frontends.homework import status
from verifier.outcome import Status

pytest.importorskip("lark")


@pytest.mark.parametrize(
    "line",
    [
        "|e^{x}| = e^x",
        "|x e^x| = |x| e^x",
        "\\ln|e^x| = x",
        "|2^{x}| = 2^x",
    ],
)
def test_the_absolute_value_of_an_exponential_is_read(line: str) -> None:
    assert status("x: real", line) == Status.PROVED


def test_a_false_absolute_value_is_still_refuted() -> None:
    assert status("x: real", "|x e^x| = x e^x") == Status.REFUTED
