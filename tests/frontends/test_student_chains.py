"""Issue 30's own collection: student-style LaTeX chains (tests/corpus/student_chains), each verified as
`verifier check` would. A planted chain must be REFUTED at its planted step, with a counterexample; a
correct chain must have no REFUTED, ERROR or UNKNOWN step. Every chain is read at a size of one too."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import ROOT
from verifier.engine import EngineSettings, verify_family
from verifier.frontends import latex
from verifier.frontends.latex.document import split
from verifier.language.claims import Expect
from verifier.language.families import ClaimFamily
from verifier.outcome import Status

pytest.importorskip("lark")
pytestmark = pytest.mark.slow

FOLDER = ROOT / "tests" / "corpus" / "student_chains"
FILES = sorted(FOLDER.glob("*.md"))
CLEAN = (Status.PROVED, Status.CHECKED)


def _family(path: Path) -> ClaimFamily:
    families, errors = latex.load(path)
    assert errors == [], errors
    (family,) = families
    return family


def _marks(path: Path) -> list[str]:
    """Each chain's `% expect:` mark as the file gives it, read without building the chain (8 s of CPU for all)."""
    return [source.expect for source in split(path.read_text(encoding="utf-8"), str(path)).chains]


def test_the_collection_has_28_chains_or_more_most_of_them_with_a_planted_slip() -> None:
    # one chain a file, built by its own test only, which checks the chain reads with the file's mark
    marks = [_marks(path) for path in FILES]
    assert all(len(m) == 1 for m in marks), marks
    expects = [Expect(m) for (m,) in marks]
    assert len(expects) >= 28
    assert expects.count(Expect.REFUTED) >= 18 and expects.count(Expect.HOLDS) >= 10


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_a_student_chain_is_named_at_its_slip_or_comes_out_clean(path: Path) -> None:
    family = _family(path)
    assert [family.expect] == [Expect(m) for m in _marks(path)], "the chain reads with the file's mark"
    assert family.n_values[0] in (None, 1), "every chain is read at a size of one"
    r = verify_family(family, EngineSettings(diagnose=False))  # the diagnosis after the first wrong step: not read
    if family.expect is Expect.REFUTED:
        assert family.planted is not None
        assert r.status is Status.REFUTED and r.first_wrong_step == family.planted, r.reason
        assert r.steps[family.planted - 1].counterexample is not None
    else:
        assert [s.status for s in r.steps if s.status not in CLEAN] == [], r.reason
        assert r.status in CLEAN and r.end_result in ("PROVED", "CHECKED"), r.reason
    assert r.met, r.reason
