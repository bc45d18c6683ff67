"""The adversarial soundness suite: no wrong verdict on any probe (issue 24).

Every probe under probes/ is a small claim whose truth is known independently of the engine
(a witness checked here at 60 digits, or a hand proof in its docstring). The probes run once,
as a user's run does (verifier.run.runner, forked workers, a hard time limit per claim), and then:

- a false claim is never PROVED or CHECKED, and never ERROR (it is well formed);
- a true claim is never REFUTED, and never ERROR;
- a partial claim (complex or undefined on part of its declared real domain, e.g. log(xy) on
  ℝ∖{0}) is never PROVED or CHECKED: REFUTED at such a point, or ERROR "narrow the domain".
  Where both sides have no value at the same isolated points, and a value everywhere else, no
  point refutes the claim: such a probe is "true", and its proof must say "wherever both sides
  are real", a set the samples show is not empty (test_both_sides_undefined.py);
- a malformed claim (a symbol whose assumptions contradict its domain, two objects sharing a
  symbol) is never PROVED or CHECKED: ERROR, or REFUTED under the declared domain;
- a corollary that only cites other claims is never PROVED (its statement was not shown);
- UNKNOWN is allowed, and reported as a warning, unless our own code raised (a bug, never allowed).

A probe module may list in KNOWN_WRONG the names of its probes that get a wrong verdict today (an
open hole): those run as xfail(strict=True), so the suite passes, the open holes are listed by
name, and a hole that is fixed fails the run until its name leaves KNOWN_WRONG.

The witnesses are tested on their own: each lies in its declared domain (exactly) and breaks
its claim there (at 60 digits).
"""

from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.quality.soundness.truth import Probe, fails, in_domain, witness_points
from verifier.language.claims import Corollary, Statement
from verifier.language.families import ClaimFamily, reset_collected
from verifier.outcome import ClaimResult, Status
from verifier.run.runner import RunSettings, verify_paths

pytestmark = [pytest.mark.xdist_group("soundness"), pytest.mark.slow]

PROBES_DIR = Path(__file__).parent / "probes"
FILES = sorted(PROBES_DIR.rglob("probe_*.py"))
TIMEOUT = 20.0  # seconds per claim, a hard limit as in a user's run
TRUTHS = ("true", "false", "partial", "malformed")
WRONG = {
    "true": {Status.REFUTED, Status.ERROR},
    "false": {Status.PROVED, Status.CHECKED, Status.ERROR},
    "partial": {Status.PROVED, Status.CHECKED},
    "malformed": {Status.PROVED, Status.CHECKED},
}
KNOWN_WRONG: set[tuple[str, str]] = set()  # (path, name): a wrong verdict today (a module's KNOWN_WRONG)


def _load(path: Path) -> list[Probe]:
    dotted = ".".join(path.relative_to(PROBES_DIR).with_suffix("").parts)
    spec = importlib.util.spec_from_file_location(f"soundness_probes.{dotted}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    reset_collected()
    families = {v.name: v for v in vars(module).values() if isinstance(v, ClaimFamily)}
    truth: dict[str, tuple] = module.TRUTH
    assert set(truth) == set(families), f"{path.name}: TRUTH and claims differ: {set(truth) ^ set(families)}"
    known = set(getattr(module, "KNOWN_WRONG", ()))
    assert known <= set(truth), f"{path.name}: KNOWN_WRONG names no probe: {known - set(truth)}"
    KNOWN_WRONG.update((str(path), name) for name in known)
    out = []
    for name, (verdict, cls, witness) in truth.items():
        family = families[name]
        kind = _kind(family)
        module = str(path.relative_to(PROBES_DIR).with_suffix(""))
        out.append(Probe(str(path), module, name, verdict, cls, witness, family, kind))
    return out


def _first_n(family: ClaimFamily) -> int | None:
    return family.n_values[0]


def _kind(family: ClaimFamily) -> str:
    """The claim's kind, from the statement as written: lowering keeps the kind, and building every probe's
    claim here (lowered, as `family.build` does) cost each xdist worker 2.5 s at collection. A corollary that
    states its statement is of that statement's kind, as `family.build` makes it."""
    n = _first_n(family)
    body = family.builder() if n is None else family.builder(n)
    states = getattr(body, "states", None) if isinstance(body, Corollary) else None
    return states.kind if isinstance(states, Statement) else body.kind


PROBES = [p for f in FILES for p in _load(f)]


def _id(p: Probe) -> str:
    return f"{p.module.removeprefix('probe_')}.{p.name} [{p.truth} {p.kind}, class {p.cls}]"


def _parts(probes: list[Probe], count: int) -> dict[str, int]:
    """Each file's part of the run: files dealt by their number of probes, most first, each to the part with
    the fewest so far; files of one name stay in one part (twin/: a namesake in another folder, which must not
    lend its verdicts, is only shown not to in the same run)."""
    sizes: dict[str, int] = {}
    for p in probes:
        sizes[Path(p.path).name] = sizes.get(Path(p.path).name, 0) + 1
    held = [0] * count
    part: dict[str, int] = {}
    for name, size in sorted(sizes.items(), key=lambda item: (-item[1], item[0])):
        part[name] = held.index(min(held))
        held[part[name]] += size
    return {p.path: part[Path(p.path).name] for p in probes}


# the probes are verified in two runs, one per part, each as a user's run: with two xdist workers each part has
# its own (xdist_group), so the two run side by side instead of one after the other on one worker. Each run has
# one job: two each put four processes on two cores, for 13 s more CPU (159 against 146 s, the module alone)
PART = _parts(PROBES, 2)


@pytest.fixture(scope="module")
def verdicts() -> Callable[[Probe], ClaimResult | None]:
    """The verdict of a probe, from the run of its part (made when one of the part's probes first asks)."""
    runs: dict[int, dict[tuple[str, str], ClaimResult]] = {}

    def verdict(probe: Probe) -> ClaimResult | None:
        part = PART[probe.path]
        if part not in runs:
            files = sorted({p.path for p in PROBES if PART[p.path] == part})
            settings = RunSettings(jobs=1, timeout=TIMEOUT, load_timeout=60.0, cache_dir=None)
            runs[part] = {(r.source, r.name): r for r in verify_paths(files, settings).results}
        return runs[part].get((probe.path, probe.name))

    return verdict


def _bare_citation(p: Probe) -> bool:
    return p.kind == "corollary"


def _param(p: Probe) -> object:
    group = pytest.mark.xdist_group(f"soundness_part{PART[p.path] + 1}")
    if (p.path, p.name) not in KNOWN_WRONG:
        return pytest.param(p, id=_id(p), marks=group)
    why = "a known wrong verdict (KNOWN_WRONG): remove it from the set once the engine is fixed"
    return pytest.param(p, id=_id(p), marks=[group, pytest.mark.xfail(strict=True, reason=why)])


@pytest.mark.parametrize("probe", [_param(p) for p in PROBES])
def test_no_wrong_verdict(probe: Probe, verdicts: Callable[[Probe], ClaimResult | None]) -> None:
    result = verdicts(probe)
    assert result is not None, f"{probe.key}: the run gave no result"
    wrong = set(WRONG[probe.truth])
    if _bare_citation(probe):
        wrong.add(Status.PROVED)
    status = str(result.status)
    assert status not in {str(s) for s in wrong}, (
        f"{probe.key} is {probe.truth.upper()} (class {probe.cls}, {probe.kind}) "
        f"but got {status}: {result.reason[:400]}"
    )
    assert not result.internal_error, f"{probe.key}: our own code raised, a bug: {result.reason[:400]}"
    if result.status is Status.UNKNOWN:
        warnings.warn(f"UNKNOWN {probe.key} ({probe.truth}): {result.reason[:200]}", stacklevel=1)


WITNESSED = [p for p in PROBES if p.witness is not None]


@pytest.mark.parametrize("probe", WITNESSED, ids=_id)
def test_witness_lies_in_the_domain_and_breaks_the_claim(probe: Probe) -> None:
    assert probe.witness is not None
    n = probe.witness.get("n", _first_n(probe.family))
    statement = probe.family.builder() if n is None else probe.family.builder(n)  # as written, not lowered
    assert probe.truth != "true", f"{probe.key}: a true claim has a witness"
    for domain, value in witness_points(statement, probe.witness):
        assert in_domain(domain, value), f"{probe.key}: witness value {value} is outside {domain}"
    assert fails(statement, probe.witness), f"{probe.key}: the claim holds at its witness {dict(probe.witness)}"


def test_every_probe_has_a_truth() -> None:
    """Each false probe has a witness (or is malformed), each true one a proof or source in its docstring."""
    for p in PROBES:
        assert p.truth in TRUTHS, p.key
        if p.truth == "false":
            assert p.witness is not None, f"{p.key}: a false probe needs a witness"
        if p.truth in ("partial", "malformed") and p.witness is None:
            doc = p.family.builder.__doc__ or ""
            assert "false at" in doc or "undefined" in doc or "share" in doc or "print the same" in doc, p.key
        if p.truth == "true":
            doc = (p.family.builder.__doc__ or "").strip().splitlines()
            assert len(doc) >= 2, f"{p.key}: a true probe needs a one-line proof or source under its statement"


def test_the_suite_is_large_and_covers_every_kind() -> None:
    kinds = {p.kind for p in PROBES}
    want = {
        "identity",
        "derivative",
        "psd",
        "inequality",
        "convex",
        "expectation",
        "convergence",
        "limit",
        "corollary",
        "chain",
        "implication",
    }
    assert len(PROBES) >= 500  # issue 37: at least 500 claims, beside the LaTeX cases of test_latex_readings.py
    assert want <= kinds, want - kinds
    assert {p.cls for p in PROBES} >= set(range(1, 9))
