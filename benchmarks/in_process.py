"""The engine alone on the library, in one process: every claim of every file through `engine.verify_family`.

The bench's yardstick for the run machinery (`python -m benchmarks.in_process [PATH ...]`): the CPU the
whole `verify-all --jobs 1` process tree uses, over the CPU this process uses for the same claims with the
same settings. No pool, no forks, no cache, no reports; a module is loaded once and its claims run in turn.
With `--phases PATH`, each claim's CPU by phase of the engine is written to PATH as JSON (benchmarks/phases.py);
`--detail` adds the finer phases (phases.DETAIL_PHASES); `--only A.x,B.y` verifies only those claims of the files.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from benchmarks.phases import PhaseClock
from verifier import engine
from verifier.engine import EngineSettings
from verifier.language.keys import ClaimKey
from verifier.language.text import plural
from verifier.load import loader


def main(argv: list[str]) -> int:
    phases_out = None
    if "--phases" in argv:
        at = argv.index("--phases")
        phases_out, argv = Path(argv[at + 1]), argv[:at] + argv[at + 2 :]
    only: set[str] | None = None
    if "--only" in argv:  # derivation.claim names, comma-separated: a few claims of the files given
        at = argv.index("--only")
        only, argv = set(argv[at + 1].split(",")), argv[:at] + argv[at + 2 :]
    detail = "--detail" in argv
    argv = [a for a in argv if a != "--detail"]
    clock = PhaseClock(detail)
    if phases_out is not None:
        clock.install()
    by_claim: dict[str, dict[str, float]] = {}
    for path in loader.discover(argv or ["derivations"]):
        for family in loader.load(path).families:
            key = str(ClaimKey.of(family))
            if only is not None and key not in only:
                continue
            clock.lap()
            started = time.process_time()
            engine.verify_family(family, EngineSettings(), str(path))
            total = round(time.process_time() - started, 3)
            by_claim[key] = {"total": total, **clock.lap()}
    if phases_out is not None:
        phases_out.write_text(json.dumps(by_claim))
    print(f"{plural(len(by_claim), 'claim')} verified in-process")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
