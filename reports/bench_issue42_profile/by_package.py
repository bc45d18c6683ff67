"""A cProfile dump's own time (tottime) summed by package: where the engine's CPU is spent, by library.

`python reports/bench_issue42_profile/by_package.py PROFILE [ROWS]`, with PROFILE written by
`python -m cProfile -o PROFILE -m benchmarks.in_process derivations`. A function of sympy counts under its
subpackage (sympy/core, sympy/polys, ...), one of the verifier under its layer (verifier/numeric, ...), a
built-in under its own name.
"""

from __future__ import annotations

import pstats
import sys
from collections import Counter


def package(path: str, name: str) -> str:
    for root in ("sympy", "verifier"):
        if f"/{root}/" in path:
            return f"{root}/{path.split(f'/{root}/', 1)[1].split('/')[0]}"
    for lib in ("mpmath", "numpy", "flint", "scipy", "lark"):
        if f"/{lib}/" in path:
            return lib
    return f"built-in {name}" if path == "~" else "other"


def by_package(profile: str) -> Counter[str]:
    totals: Counter[str] = Counter()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    for (path, _, name), (_, _, own, _, _) in stats.items():
        totals[package(path, name)] += own
    return totals


def main(argv: list[str]) -> None:
    totals = by_package(argv[0])
    whole = sum(totals.values())
    print(f"| package | own CPU s | share |\n|---|---|---|\n| all | {whole:.1f} | 100 % |")
    for name, seconds in totals.most_common(int(argv[1]) if len(argv) > 1 else 15):
        print(f"| {name} | {seconds:.1f} | {100 * seconds / whole:.1f} % |")


if __name__ == "__main__":
    main(sys.argv[1:])
