"""Which suspects a refutation recomputes in high precision: up to the first confirmed, then only simpler ones.

`resolve.recompute` stops early, so it must show the counterexample that recomputing every picked suspect
would show: the simplest confirmed one (the first such in the list, on a tie), with the note naming the worst,
the first confirmed in the list. The property test compares the two on random lists of decisions and scores.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.numeric.checks.resolve import Recomputed, recompute
from verifier.numeric.confirm import Confirmation, Decision


def _comparison(size: int) -> Any:
    """What Recomputed.decide touches of a BatchComparison: validity, errors, tolerances and scales per sample."""
    ones = np.ones(size)
    return SimpleNamespace(valid=np.ones(size, dtype=bool), error=ones.copy(), tolerance=ones.copy(), scale=ones)


def _chosen(confirmed: list[tuple[int, Confirmation]], score: dict[int, float]) -> tuple[int, int] | None:
    """(worst, shown) as resolve's refutation picks them: the first confirmed, and the simplest (first on a tie)."""
    if not confirmed:
        return None
    return confirmed[0][0], min(confirmed, key=lambda c: score[c[0]])[0]


def _run(decisions: list[Decision], scores: list[float], early: bool) -> tuple[tuple[int, int] | None, list[int]]:
    picked = list(range(len(decisions)))
    score = dict(enumerate(scores))
    asked: list[int] = []

    def decide_at(idx: int) -> Confirmation:
        asked.append(idx)
        return Confirmation(decisions[idx], "1", "2", "1", 0.5)

    done = Recomputed(np.array(picked, dtype=int))
    if early:
        recompute(done, _comparison(len(picked)), picked, decide_at, score.__getitem__)
    else:
        for idx in picked:
            done.decide(_comparison(len(picked)), idx, decide_at(idx))
    return _chosen(done.confirmed, score), asked


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(list(Decision)), st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.5])), min_size=1, max_size=12
    )
)
def test_stopping_early_shows_the_counterexample_recomputing_all_would(picks: list[tuple[Decision, float]]) -> None:
    decisions, scores = [d for d, _ in picks], [s for _, s in picks]
    assert _run(decisions, scores, early=True)[0] == _run(decisions, scores, early=False)[0]


def test_after_the_worst_only_simpler_suspects_are_recomputed_simplest_first() -> None:
    """Suspects 0 and 1 are noise, 2 is the worst confirmed (score 2); of the rest only the simpler ones are
    recomputed, simplest first (6, then 4), and the first confirmed among them (4) ends it: 3, 5 and 7 never are."""
    c, n = Decision.CONFIRMED, Decision.NOISE
    decisions = [n, n, c, c, c, c, n, c]
    scores = [0.0, 0.0, 2.0, 2.0, 1.0, 3.0, 0.5, 1.0]
    chosen, asked = _run(decisions, scores, early=True)
    assert asked == [0, 1, 2, 6, 4]
    assert chosen == (2, 4)


def test_with_no_suspect_confirmed_every_one_is_recomputed() -> None:
    """A PASS (or an undecided check) needs every picked suspect recomputed: none is skipped."""
    decisions = [Decision.NOISE, Decision.UNDECIDED, Decision.NO_EVIDENCE, Decision.NOISE]
    chosen, asked = _run(decisions, [1.0, 0.0, 2.0, 0.5], early=True)
    assert chosen is None and asked == [0, 1, 2, 3]
