"""Verify claims from Python, a notebook or a test, in this process.

    from verifier import Derivative, verify
    result = verify(Derivative(x**2, wrt=x, equals=2 * x, where={x: Real()}))  # a ClaimResult
    result = verify(gradient)                    # a function decorated with @claim
    results = verify("my_derivations/ridge.py")  # a ResultList, one result per claim

In-process runs (a `verifier.run.session.Session` without an executor) have the symbolic budget but
no hard timeout or memory limit; use the command line (or verifier.run.runner) for untrusted or slow
derivations.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from verifier import engine
from verifier.engine import DEFAULT_BUDGET, EngineSettings
from verifier.language.claims import Statement
from verifier.language.families import ClaimFamily
from verifier.language.text import plural, unmet_text
from verifier.load import loader
from verifier.outcome import ClaimResult, Expect, Status
from verifier.run.session import InProcess, Session

NOTEBOOK = "notebook"  # the derivation a bare statement is verified under: its key is notebook.claim


class ResultList(list[ClaimResult]):
    """The results of a derivation file: a list, shown in Jupyter as a summary table and cards."""

    def summary(self) -> str:
        """ "3 claims: 2 PROVED, 1 REFUTED; 1 claim did not meet its expectation"."""
        counts = Counter(r.status for r in self)
        shown = ", ".join(f"{counts[s]} {s.value}" for s in Status if counts[s])
        unmet = sum(not r.met for r in self)
        return f"{plural(len(self), 'claim')}" + (f": {shown}" if shown else "") + f"; {unmet_text(unmet)}"

    def __repr__(self) -> str:
        width = max((len(r.key) for r in self), default=0)
        rows = [f"  {r.key:<{width}}  {r.verdict:<9}  {_first_line(r.reason)}" for r in self]
        return "\n".join([self.summary(), *rows])

    def _repr_html_(self) -> str:
        from verifier.render.notebook import results_html

        return results_html(list(self))


def _first_line(text: str, limit: int = 90) -> str:
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def statement_family(statement: Statement, name: str = "claim") -> ClaimFamily:
    """A bare statement as a claim without a dimension, named notebook.<name>."""
    return ClaimFamily(
        name=name,
        derivation=NOTEBOOK,
        statement_text=f"{statement.kind} stated in Python",
        builder=lambda: statement,
        n_values=(None,),
        numeric_n=(),
        expect=Expect.HOLDS,
        notes="",
    )


def verify(
    target: Statement | ClaimFamily | str | Path,
    *,
    seed: int = 0,
    samples: int = 200,
    budget: int = DEFAULT_BUDGET,
    name: str = "claim",
) -> ClaimResult | ResultList:
    """Verify a statement (Identity, Derivative, …; named notebook.NAME), a @claim function, or a derivation file."""
    settings = EngineSettings(seed=seed, samples=samples, budget=budget)
    if isinstance(target, Statement):
        return Session(settings).verify([InProcess(statement_family(target, name))])[0]
    if isinstance(target, ClaimFamily):
        return Session(settings).verify([InProcess(target)])[0]
    if isinstance(target, str | Path):
        return verify_file(Path(target), settings)
    raise TypeError(
        f"verify() takes a statement (Identity, Derivative, Chain, …), a function decorated with @claim, "
        f"or the path of a derivation file; got {type(target).__name__}"
    )


def verify_file(path: Path, settings: EngineSettings) -> ResultList:
    """Every claim of one derivation file, its corollaries' citations resolved."""
    loaded = loader.load(path)
    results = ResultList(Session(settings).verify([InProcess(f, str(path)) for f in loaded.families]))
    results += [ClaimResult.failed(str(path), path.stem, name, message) for name, message in loaded.errors]
    premises = _premises(results, loaded, settings)
    return ResultList(engine.resolve_corollaries(results + premises)[: len(results)])


def _premises(results: list[ClaimResult], loaded: loader.Loaded, settings: EngineSettings) -> list[ClaimResult]:
    """The claims the file imported that its corollaries cite, verified (transitively) and never reported: an
    imported claim is the module's that declares it (`loader.Loaded.imported`)."""
    found: list[ClaimResult] = []
    cited = {name for r in results for name in r.cites}
    todo = [f for f in loaded.imported if f.name in cited]
    while todo:
        done = Session(settings).verify([InProcess(f, loaded.path) for f in todo])
        found += done
        cited = {name for r in done for name in r.cites} - {r.name for r in [*results, *found]}
        todo = [f for f in loaded.imported if f.name in cited]
    return found
