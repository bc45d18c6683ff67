"""A verdict's reason says each numeric note once: the notes of every n, added up (reasons.merged).

logistic_loss.hessian_psd's reason said "underflow: N samples fell below floats' normal range, …" five times,
once for each n whose batch had such samples, with a different N each time."""

from __future__ import annotations

from verifier.engine.reasons import merged


def _underflow(k: int) -> str:
    return (
        f"underflow: {k} sample{'' if k == 1 else 's'} fell below floats' normal range, where they cannot order the "
        "sides; they count only where high precision decided them, the rest are skipped"
    )


def test_the_same_note_at_every_n_is_said_once_with_its_counts_added() -> None:
    notes = [_underflow(1), _underflow(2), f"{_underflow(3)}; 2 undecidable sample(s) replaced by a fresh batch"]
    notes.append(f"{_underflow(4)}; 1 undecidable sample(s) replaced by a fresh batch")
    assert merged(notes) == [_underflow(10), "3 undecidable sample(s) replaced by a fresh batch"]
    assert merged([_underflow(1)]) == [_underflow(1)]


def test_a_note_with_another_number_or_another_place_is_said_as_it_is() -> None:
    boxes = "interval arithmetic: no failing point in 1201 boxes (601 left open)"
    drawn = "both sides undefined at {} sample(s) drawn on purpose (simple values, corners); not checked there"
    at_zero = "both sides undefined at x = 0; not checked there"
    said = merged([drawn.format(3), boxes, drawn.format(2), at_zero, boxes])
    assert said == [drawn.format(5), boxes, at_zero]  # each place keeps its "not checked there"
