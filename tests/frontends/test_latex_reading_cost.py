"""Reading a line costs work in proportion to its length: each operand is read once.

The left side of a subtraction was read twice (once to see whether it was a derivative operator, once
for its value), so each `-` doubled the work: 16 minus signs took 1.4 s, 22 took 33 s, and the round trip,
which reads back sympy's printing of a line, made `\\det(A + B)` at k = 3 (48 signed terms) run past the
time limit. The evaluations are counted here, not timed: the count may grow by a bounded amount per sign.
"""

from __future__ import annotations

import pytest

from tests.frontends.homework import read, status
from verifier.frontends.latex.evaluate import Evaluator
from verifier.outcome import Status

pytest.importorskip("lark")

_BUDGET = 20_000  # far more than a linear reading of these lines needs, far less than one that doubles


class _Counter:
    def __init__(self) -> None:
        self.calls = 0


@pytest.fixture
def counter(monkeypatch: pytest.MonkeyPatch) -> _Counter:
    """Counts Evaluator.item, and stops a reading that runs past the budget (rather than waiting for it)."""
    found = _Counter()
    item = Evaluator.item

    def counted(self: Evaluator, node: object) -> object:
        found.calls += 1
        if found.calls > _BUDGET:
            raise AssertionError(f"more than {_BUDGET} evaluations: an operand is read more than once")
        return item(self, node)

    monkeypatch.setattr(Evaluator, "item", counted)
    return found


def _minus_chain(n: int) -> str:
    return "0" + " - x" * n + f" = -{n} x"


def _evaluations(counter: _Counter, declarations: str, line: str) -> int:
    counter.calls = 0
    families, errors = read(declarations, f"$$ {line} $$")
    assert errors == [] and len(families) == 1, errors
    return counter.calls


def test_each_minus_sign_adds_a_bounded_number_of_evaluations(counter: _Counter) -> None:
    counts = [_evaluations(counter, "x: real", _minus_chain(n)) for n in (10, 20, 40)]
    assert counts[2] - counts[1] <= 2 * (counts[1] - counts[0]) + 5, counts  # linear: 2^n before


def test_a_forty_minus_line_reads_the_same(counter: _Counter) -> None:
    assert status("x: real", _minus_chain(40)) == Status.PROVED
    assert counter.calls < 2_000


def test_the_determinant_of_a_sum_at_k_3_reads_back_within_budget(counter: _Counter) -> None:
    """The round trip reads sympy's printing of det(A + B) at k = 3, 48 signed terms."""
    assert status("A, B: matrix k×k; k: 2..3", "\\det(A + B) = \\det A + \\det B") == Status.REFUTED
    assert counter.calls < 5_000
