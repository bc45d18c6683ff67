"""The engine alone on the library, in one process: every claim of every file through `engine.verify_family`.

The bench's yardstick for the run machinery (`python -m benchmarks.in_process [PATH ...]`): the CPU the
whole `verify-all --jobs 1` process tree uses, over the CPU this process uses for the same claims with the
same settings. No pool, no forks, no cache, no reports; a module is loaded once and its claims run in turn.
"""

from __future__ import annotations

import sys

from verifier import engine
from verifier.engine import EngineSettings
from verifier.load import loader
from verifier.render.text import plural


def main(argv: list[str]) -> int:
    claims = 0
    for path in loader.discover(argv or ["derivations"]):
        for family in loader.load(path).families:
            engine.verify_family(family, EngineSettings(), str(path))
            claims += 1
    print(f"{plural(claims, 'claim')} verified in-process")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
