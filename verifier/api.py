"""Verify claims from Python, a notebook or a test, in this process.

    from verifier import verify
    result = verify(my_claim)                 # a ClaimResult
    results = verify("my_derivations/ridge.py")  # one per claim

In-process runs have the symbolic budget but no hard timeout or memory limit; use the
command line (or verifier.runner) for untrusted or slow derivations.
"""

from __future__ import annotations

from pathlib import Path

from verifier import engine, loader
from verifier.claims import ClaimFamily
from verifier.engine import DEFAULT_BUDGET, EngineSettings
from verifier.outcome import ClaimResult


def verify(
    target: ClaimFamily | str | Path, *, seed: int = 0, samples: int = 200, budget: int = DEFAULT_BUDGET
) -> ClaimResult | list[ClaimResult]:
    """Verify one claim family, or every claim of a derivation file."""
    settings = EngineSettings(seed=seed, samples=samples, budget=budget)
    if isinstance(target, ClaimFamily):
        return engine.verify_family(target, settings)
    path = Path(target)
    loaded = loader.load(path)
    results = [engine.verify_family(f, settings, source=str(path)) for f in loaded.families]
    results += [ClaimResult.failed(str(path), path.stem, name, message) for name, message in loaded.errors]
    engine.resolve_corollaries(results)
    return results
