"""One claim through the layers: build it, let the strategies propose, the numeric checks sample, and the
kernel judge (verify.py); a chain's steps each go through it again (chains.py); explain.py names the case a
counterexample falls in. The public names are re-exported here.
"""

from verifier.engine.contradiction import PROBE_BUDGET
from verifier.engine.corollaries import resolve_corollaries
from verifier.engine.settings import EngineSettings, display_n, rng_for
from verifier.engine.verify import verify_family
from verifier.strategies.budget import DEFAULT_BUDGET

__all__ = [
    "DEFAULT_BUDGET",
    "PROBE_BUDGET",
    "EngineSettings",
    "display_n",
    "resolve_corollaries",
    "rng_for",
    "verify_family",
]
