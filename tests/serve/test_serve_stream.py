"""verifier serve's seam in the engine: each step's result is told as it is decided, and nothing else changes."""

from __future__ import annotations

import dataclasses
import sys

import pytest

from tests.serve.support import SLIP
from verifier.cli import main as cli
from verifier.engine import EngineSettings, verify_family
from verifier.frontends import latex
from verifier.outcome import Status, StepResult
from verifier.run.session import Session
from verifier.serve import checker, streaming
from verifier.serve.limits import CheckRequest
from verifier.serve.settings import ServeSettings


def test_each_step_is_told_as_it_is_decided_and_the_result_is_unchanged() -> None:
    families, errors = latex.parse_chains(SLIP, "derivation.md", "derivation")
    assert errors == [] and len(families) == 1
    told: list[StepResult] = []
    settings = EngineSettings(samples=60)
    result = verify_family(families[0], settings, "derivation.md", on_step=told.append)
    # one call per step, in order; the first wrong step is told at its verdict, then again with its diagnosis
    assert [s.index for s in told] == [1, 2, 3, 3]
    assert told[:2] == result.steps[:2] and told[3] == result.steps[2]
    assert told[2] == dataclasses.replace(result.steps[2], diagnosis=None) and told[3].diagnosis is not None
    assert [s.status for s in told] == [Status.PROVED, Status.PROVED, Status.REFUTED, Status.REFUTED]
    quiet = verify_family(families[0], settings, "derivation.md")
    assert (quiet.status, quiet.first_wrong_step, quiet.end_result) == (result.status, 3, result.end_result)
    assert [s.status for s in quiet.steps] == [s.status for s in result.steps]


def test_the_page_reads_as_the_command_line_does() -> None:
    twice = SLIP + "\n% claim: square\n$$ x = x $$\n"
    families, errors = checker.read(CheckRequest(twice))
    assert families == []
    assert errors == [("square", "derivation.md: two claims are named 'square'; rename one")]
    families, errors = checker.read(CheckRequest("```verifier\nx: real\n```\nno chains here\n", name="notes"))
    assert errors == [("<derivation>", "notes.md: no claims found; write $$…$$ chains")]
    families, errors = checker.read(CheckRequest(SLIP.replace("x y \\quad", "q \\quad")))
    assert errors and errors[0][1].startswith("derivation.md:9:18: undeclared symbol q")


def test_a_chain_is_laid_out_before_its_verdicts() -> None:
    families, _ = latex.parse_chains(SLIP, "derivation.md", "derivation")
    outline = checker.outline(families[0])
    assert outline["lines"] == ["(x + y)^2", "x^2 + 2 x y + y^2", "x^2 + y^2 + 2 x y", "x^2 + y^2 + x y"]
    assert outline["relations"] == ["=", "=", "="]
    view = streaming.Stream(CheckRequest(SLIP), ServeSettings())
    parsed = view.parsed({"kind": "parsed", "chains": [outline], "errors": [], "verify": True})
    assert parsed["chains"] == [{"name": "square", "lines": [7, 7, 8, 9]}]
    assert parsed["html"].count('class="step pending"') == 3


def test_serve_without_its_extra_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "starlette", None)
    assert cli.main(["serve", "--port", "0"]) == 2
    assert 'pip install "ml-derivation-verifier[serve]"' in capsys.readouterr().err


def test_the_diagnosis_comes_after_the_verdict_in_the_same_place() -> None:
    """The page gets the wrong step's verdict first, then the same step again with why and the repair typeset."""
    families, _ = latex.parse_chains(SLIP, "derivation.md", "derivation")
    told: list[StepResult] = []
    verify_family(families[0], EngineSettings(samples=60), "derivation.md", on_step=told.append)
    view = streaming.Stream(CheckRequest(SLIP), ServeSettings())
    view.parsed({"kind": "parsed", "chains": [checker.outline(families[0])], "errors": [], "verify": True})
    shown = [view.step({"chain": 0, "step": s.to_json()}) for s in told]
    verdict, why = shown[2], shown[3]
    assert verdict["wrong"] and why["wrong"] and verdict["index"] == why["index"] == 3
    assert "Why (" not in verdict["html"] and "Why (" in why["html"] and "Did you mean" in why["html"]
    assert '<span class="math repair">' in why["html"] and "<munder>" in why["html"]  # the edit underlined


def test_a_chains_worker_sends_the_diagnosis_as_an_event_of_its_own() -> None:
    """The dispatcher relays each step once; the diagnosis is a `diagnosis` event after the step's verdict."""
    from verifier.serve import channel

    families, _ = latex.parse_chains(SLIP, "derivation.md", "derivation")
    ours, theirs = channel.pair()
    relay = checker.StepRelay(ours)  # the page's step listener, here in this process (in a chain's fork on the page)
    Session(EngineSettings(samples=60), on_step=relay).verify([checker.PageChain(families[0], "derivation.md", 0)])
    ours.close()
    events = []
    while (message := channel.receive(theirs)) is not None:
        events.append((message["kind"], message["step"]["index"]))
    assert events == [("step", 1), ("step", 2), ("step", 3), ("diagnosis", 3)]
    view = streaming.Stream(CheckRequest(SLIP), ServeSettings())
    view.parsed({"kind": "parsed", "chains": [checker.outline(families[0])], "errors": [], "verify": True})
    rendered = view.render({"kind": "diagnosis", "chain": 0, "step": StepResult.from_json(
        verify_family(families[0], EngineSettings(samples=60)).steps[2].to_json()).to_json()})  # fmt: skip
    assert rendered is not None and rendered.startswith("event: diagnosis\n") and "Did you mean" in rendered


def test_an_error_beside_a_chain_that_was_read_does_not_say_the_derivation_was_unread() -> None:
    text = SLIP + "\n```math\nx = 2x\n```\n"
    families, errors = checker.read(CheckRequest(text))
    assert len(families) == 1 and errors and "```math block" in errors[0][1]
    outline = checker.outline(families[0])
    view = streaming.Stream(CheckRequest(text), ServeSettings())
    told = [{"message": message, "name": name} for name, message in errors]
    beside = view.parsed({"kind": "parsed", "chains": [outline], "errors": told, "verify": True})
    assert "These lines could not be read; the chain that could is checked below" in beside["errors_html"]
    assert "The derivation could not be read" not in beside["errors_html"]
    alone = view.parsed({"kind": "parsed", "chains": [], "errors": told, "verify": False})
    assert "The derivation could not be read" in alone["errors_html"]
