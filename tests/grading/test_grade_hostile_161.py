"""Red team 161: padded step credit, what the audit names, a reproducible matcher seed, and more."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.grading.support import FAST, needs_sandbox, rows_of
from tests.support import run_cli

pytestmark = [pytest.mark.xdist_group("grade"), pytest.mark.slow]

SQUARE_MD = "# Square\n\n```verifier\nx, y: real\n```\n\n% claim: square\n$$ (x + y)^2 = x^2 + 2 x y + y^2 $$\n"
# One real step, six that hold and go nowhere (+ 0, 1 ·, back and forth, a detour that comes back), then the slip.
PADDED = (
    "$$ (x + y)^2 = x (x + y) + y (x + y) $$\n$$ = x (x + y) + y (x + y) + 0 $$\n"
    "$$ = 1 \\cdot (x (x + y) + y (x + y)) $$\n"
    "$$ = (x + y)^2 $$\n$$ = x (x + y) + y (x + y) $$\n$$ = x (x + y) + y (x + y) + \\sin^2 x + \\cos^2 x - 1 $$\n"
    "$$ = x (x + y) + y (x + y) $$\n$$ = x^2 + x y + y^2 $$\n"
)


def _graded(tmp_path: Path, chains: dict[str, str], *options: str) -> dict[str, list[dict[str, object]]]:
    (tmp_path / "reference.md").write_text(SQUARE_MD)
    head = SQUARE_MD[: SQUARE_MD.index("$$")]
    for student, chain in chains.items():
        (tmp_path / "submissions" / student).mkdir(parents=True)
        (tmp_path / "submissions" / student / "hw.md").write_text(head + chain)
    proc = run_cli("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.md"), *FAST,
                   "-q", *options, "--json", str(tmp_path / "g.json"), "--feedback", str(tmp_path / "fb"))  # fmt: skip
    assert proc.returncode == 1, proc.stdout + proc.stderr
    return {s: r["grades"] for s, r in rows_of(tmp_path / "g.json").items()}


@needs_sandbox
def test_padding_a_chain_with_steps_that_go_nowhere_earns_no_step_credit(tmp_path: Path) -> None:
    """Under --step-credit, a chain with one real step and a slip earned 1 of 2; the same chain padded with steps
    that restate a line (+ 0, 1 ·, back to (x + y)², a detour that comes back) earned 7 of 8: the padding raised
    its share (red team 161). A step back to a line already written counts in neither number."""
    slip = "$$ (x + y)^2 = x (x + y) + y (x + y) $$\n$$ = x^2 + x y + y^2 $$\n"
    grades = _graded(tmp_path, {"s1_slip": slip, "s2_padded": PADDED}, "--step-credit")
    got = {s: [(g["status"], g["steps_met"], g["steps_total"]) for g in gs] for s, gs in grades.items()}
    assert got == {"s1_slip": [("REFUTED", 1, 2)], "s2_padded": [("REFUTED", 1, 2)]}, got
    page = (tmp_path / "fb" / "s2_padded.md").read_text()
    assert "**Credit:** 1 of 2 steps hold (not counted: 6 steps back to a line already written)." in page, page
    assert "not counted: 6 steps back" in (tmp_path / "fb" / "s2_padded.html").read_text()
