"""What the LaTeX soundness files share: their cases written as `.md` chains, run once as `verifier check` runs
them, and each verdict held to its truth (the rules are test_latex_readings.py's docstring's)."""

from __future__ import annotations

import warnings
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

import pytest

from verifier.outcome import ClaimResult, Status
from verifier.run.runner import RunSettings, verify_paths

TIMEOUT = 20.0
WRONG = {
    "true": {Status.REFUTED, Status.ERROR},
    "false": {Status.PROVED, Status.CHECKED, Status.ERROR},
    "partial": {Status.PROVED, Status.CHECKED},
    "malformed": {Status.PROVED, Status.CHECKED},  # ambiguous or contradictory as written: refused or refuted
}

Case = tuple[str, str, str, tuple[str, ...], str]  # (file, claim name, truth, the lines of the chain, why)
Verdicts = dict[tuple[str, str], ClaimResult]


def markdown(block: str, cases: Sequence[Case], file: str) -> str:
    """The `.md` derivation of one file's cases, under its declarations."""
    parts = [f"```verifier\n{block}\n```\n"]
    for f, name, _, lines, _ in cases:
        if f == file:
            parts.append(f"% claim: {name}\n" + "".join(f"$$ {line} $$\n" for line in lines))
    return "\n".join(parts)


def run(folder: Path, blocks: Mapping[str, str], cases: Sequence[Case]) -> Verdicts:
    """Every file's chains written to folder and verified in one run: each result by (file, claim name)."""
    paths = []
    for file, block in blocks.items():
        path = folder / f"edges_{file}.md"
        path.write_text(markdown(block, cases, file), encoding="utf-8")
        paths.append(str(path))
    settings = RunSettings(jobs=2, timeout=TIMEOUT, load_timeout=60.0, cache_dir=None)
    report = verify_paths(paths, settings)
    return {(Path(r.source).stem.removeprefix("edges_"), r.name): r for r in report.results}


def param(case: Case, known_wrong: Collection[str]) -> object:
    """The case as a test parameter: a strict xfail where it is a known wrong verdict."""
    file, name, truth, _, _ = case
    marks = []
    if name in known_wrong:
        why = "a known wrong verdict (KNOWN_WRONG): remove it from the set once the engine is fixed"
        marks.append(pytest.mark.xfail(strict=True, reason=why))
    return pytest.param(case, id=f"{file}.{name} [{truth}]", marks=marks)


def check(case: Case, verdicts: Verdicts) -> None:
    """The case's verdict is not one its truth rules out, and our own code did not raise."""
    file, name, truth, lines, _ = case
    result = verdicts.get((file, name))
    if result is None:  # the reader refused the chain: an ERROR
        assert truth in ("partial", "malformed"), f"{file}.{name} ({truth}): the run gave no result for {lines}"
        return
    status = result.status
    assert status not in WRONG[truth], f"{file}.{name} is {truth.upper()} but got {status}: {result.reason[:400]}"
    assert not result.internal_error, f"{file}.{name}: our own code raised, a bug: {result.reason[:400]}"
    if status is Status.UNKNOWN:
        warnings.warn(f"UNKNOWN {file}.{name} ({truth}): {result.reason[:200]}", stacklevel=1)


def check_table(blocks: Mapping[str, str], cases: Sequence[Case], known_wrong: Collection[str]) -> None:
    """Each case named once, in a declared file, with a truth and a reason of the right kind."""
    names = [name for _, name, _, _, _ in cases]
    assert len(names) == len(set(names))
    assert set(names) >= set(known_wrong), set(known_wrong) - set(names)
    for file, name, truth, lines, why in cases:
        assert file in blocks and truth in WRONG and lines, name
        if truth == "true":
            assert why.startswith("Proof:"), name
        else:
            assert any(w in why for w in ("False", "Undefined", "Ambiguous", "Contradictory")), name
