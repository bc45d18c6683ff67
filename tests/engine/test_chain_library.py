"""The library of chains: every planted slip is named as the first wrong step, and no correct
chain has a wrong step (derivations/chains_*.py, issue 17)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.support import ROOT
from verifier.engine import EngineSettings, verify_family
from verifier.language.claims import Expect
from verifier.language.families import ClaimFamily
from verifier.language.stepwise import Chain
from verifier.load import loader
from verifier.outcome import Status

# no diagnosis after a chain's first wrong step (what a user's run adds): nothing here reads it, every verdict,
# reason and first wrong step is decided before it (engine/chains.py); tests/engine/test_diagnose*.py test it
SETTINGS = EngineSettings(samples=60, diagnose=False)
MODULES = sorted((ROOT / "derivations").glob("chains_*.py"))


def _load(path: Path) -> tuple[list[ClaimFamily], dict[str, int]]:
    families = list(loader.load(path).families)
    planted: dict[str, int] = sys.modules[loader.module_name(path)].PLANTED
    return families, planted


LIBRARY = {path.stem: _load(path) for path in MODULES}
PLANTED = {(stem, name): step for stem, (_, planted) in LIBRARY.items() for name, step in planted.items()}
STUDENT = [
    pytest.param(f, id=f"{stem}.{f.name}")
    for stem, (fs, _) in LIBRARY.items()
    for f in fs
    if f.expect is Expect.REFUTED
]
CORRECT = [
    pytest.param(f, id=f"{stem}.{f.name}") for stem, (fs, _) in LIBRARY.items() for f in fs if f.expect is Expect.HOLDS
]


def test_every_derivation_has_a_student_version_with_a_recorded_slip() -> None:
    assert len(PLANTED) >= 20
    for stem, (families, planted) in LIBRARY.items():
        names = {f.name for f in families}
        students = {f.name for f in families if f.expect is Expect.REFUTED}
        assert students == set(planted), stem
        assert {f"{name}_student" for name in names - students} == students, stem
        for f in families:
            chain = f.builder(*(n for n in f.n_values[:1] if n is not None))
            assert isinstance(chain, Chain), f.name
            assert all(step.reason for step in chain.steps), f"{f.name}: every step gives its reason"
            assert 1 <= planted.get(f.name, 1) <= len(chain.steps), f.name


@pytest.mark.slow
@pytest.mark.parametrize("family", STUDENT)
def test_the_planted_slip_is_the_first_wrong_step(family: ClaimFamily) -> None:
    r = verify_family(family, SETTINGS)
    planted = PLANTED[(family.derivation, family.name)]
    assert r.status is Status.REFUTED, r.reason
    assert r.first_wrong_step == planted, r.reason
    assert r.steps[planted - 1].counterexample is not None
    assert r.reason.startswith(f"step {planted} of {len(r.steps)} is wrong")


@pytest.mark.slow
@pytest.mark.parametrize("family", CORRECT)
def test_a_correct_chain_has_no_wrong_step(family: ClaimFamily) -> None:
    r = verify_family(family, SETTINGS)
    assert r.status in (Status.PROVED, Status.CHECKED), r.reason
    assert not any(step.status is Status.REFUTED for step in r.steps), r.reason
    assert r.end_result in ("PROVED", "CHECKED"), r.reason
    assert r.status is Status.PROVED or family.notes, "a chain that is only CHECKED says why in notes="


def test_slips_that_cancel_are_reported_with_the_right_end_result() -> None:
    families, _ = LIBRARY["chains_gradients"]
    student = next(f for f in families if f.name == "softmax_ce_gradient_student")
    r = verify_family(student, SETTINGS)
    assert r.first_wrong_step == 2 and r.end_result == "PROVED"
    assert "cancel" in r.reason


# issue 27's LaTeX homework (gelu, layer norm, attention): each correct version PROVED and each slip named at its
# step, with the rest of the LaTeX library, in tests/frontends/test_latex_chains.py


def test_the_gelu_chain_says_how_it_read_the_undeclared_known_functions() -> None:
    latex = pytest.importorskip("verifier.frontends.latex")
    families, _ = latex.load(ROOT / "derivations" / "latex_gelu.md")
    r = verify_family(families[0], SETTINGS)
    assert r.status is Status.PROVED, r.reason
    assert "\\Phi read as the standard normal CDF" in r.reason
    assert "\\phi read as the standard normal density" in r.reason
    assert "\\operatorname{erf} read as the error function erf" in r.reason
