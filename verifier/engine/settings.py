"""The engine's settings, and what a claim's verification derives from them alone: its random
generator (the seed, the claim's name and n, nothing of the machine) and the n it is shown at."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from verifier.language.families import ClaimFamily
from verifier.language.keys import ClaimKey
from verifier.numeric.checks import Settings
from verifier.strategies.budget import DEFAULT_BUDGET


@dataclass(frozen=True)
class EngineSettings:
    seed: int = 0
    samples: int = 200
    budget: int = DEFAULT_BUDGET
    corner_fraction: float = 0.1
    verbose: bool = False
    shrink: bool = True
    cache_dir: Path | None = None
    diagnose: bool = True  # after a refuted identity, say why (verifier/engine/diagnose.py)
    diagnose_seconds: float = 30.0  # the diagnosis's wall-clock safety net (its work is bounded by counts)
    # the time.monotonic() by which the claim's process must have its result, under a hard time limit (set where the
    # claim runs: verify_source); the diagnosis stops there too, so that it never costs the verdict
    diagnose_until: float | None = None
    # the cheap symbolic probe at a refuted n (an engine inconsistency makes the claim UNKNOWN, not REFUTED); off in
    # a diagnosis's own verifications, which offer only a PROVED or CHECKED repair: UNKNOWN and REFUTED are alike there
    probe: bool = True

    def numeric(self) -> Settings:
        return Settings(self.seed, self.samples, self.corner_fraction)


def rng_for(family: ClaimFamily, seed: int, n: int | None) -> np.random.Generator:
    key = zlib.crc32(str(ClaimKey.of(family)).encode())
    return np.random.default_rng([seed, key, 0 if n is None else n])


def display_n(family: ClaimFamily) -> int | None:
    sized = [n for n in family.n_values if n is not None] or [n for n in family.numeric_n if n is not None]
    if not sized:
        return None
    return next((n for n in sorted(sized) if n >= 2), sized[0])
