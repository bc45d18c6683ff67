"""The engine alone on the library, in one process: every claim of every file through `engine.verify_family`.

The bench's yardstick for the run machinery (`python -m benchmarks.in_process [PATH ...]`): the CPU the
whole `verify-all --jobs 1` process tree uses, over the CPU this process uses for the same claims with the
same settings. No pool, no forks, no cache, no reports; a module is loaded once and its claims run in turn.
With `--phases PATH`, each claim's CPU by phase of the engine is written to PATH as JSON (benchmarks/phases.py);
`--detail` adds the finer phases (phases.DETAIL_PHASES); `--only A.x,B.y` verifies only those claims of the files.
"""

from __future__ import annotations

import argparse
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


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.in_process",
        description="Verify claims with engine.verify_family in this one process (no pool, no cache) and print "
        "how many; with --phases, write each claim's CPU by phase of the engine as JSON.",
    )
    parser.add_argument("paths", nargs="*", default=["derivations"], help="derivation files or folders")
    parser.add_argument("--phases", type=Path, metavar="PATH", help="write each claim's CPU by phase to PATH")
    parser.add_argument("--detail", action="store_true", help="also time the finer phases (phases.DETAIL_PHASES)")
    parser.add_argument(
        "--only", metavar="A.x,B.y", help="verify only these claims (derivation.claim, comma-separated)"
    )
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse(argv)
    only = set(args.only.split(",")) if args.only else None
    clock = PhaseClock(args.detail)
    if args.phases is not None:
        clock.install()
    by_claim: dict[str, dict[str, float]] = {}
    for path in loader.discover(args.paths):
        for family in loader.load(path).families:
            key = str(ClaimKey.of(family))
            if only is not None and key not in only:
                continue
            clock.lap()
            started = time.process_time()
            engine.verify_family(family, EngineSettings(), str(path))
            total = round(time.process_time() - started, 3)
            by_claim[key] = {"total": total, **clock.lap()}
    if args.phases is not None:
        args.phases.write_text(json.dumps(by_claim))
    print(f"{plural(len(by_claim), 'claim')} verified in-process")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
