"""`verifier bench`: the benchmark (benchmarks/, a second product, not installed with the package), from a checkout."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from verifier.cli.commands import console_for, usage_error
from verifier.cli.parser import EXIT_OK, EXIT_USAGE

CHECKOUT = Path(__file__).resolve().parents[2]  # the folder this verifier was imported from


def import_benchmarks(checkout: Path = CHECKOUT) -> tuple[ModuleType, ModuleType] | None:
    """The benchmark's config and report modules; None outside a checkout of the repository.

    The benchmarks are not installed with the package. They are found on the path (`verifier bench`
    or `python -m benchmarks` in the checkout's root folder), else in the checkout this verifier was
    imported from (an editable install)."""
    if importlib.util.find_spec("benchmarks") is None:
        if not (checkout / "benchmarks" / "__init__.py").is_file():
            return None
        sys.path.append(str(checkout))
    from benchmarks import config, report

    return config, report


def run_bench(args: argparse.Namespace) -> int:
    console = console_for(args)
    found = import_benchmarks()
    if found is None:
        console.print(
            "error: verifier bench runs from a checkout of the repository (the benchmarks are not installed with "
            "the package): run `python -m benchmarks` or `verifier bench` in its root folder",
            markup=False,
        )
        return EXIT_USAGE
    bench_config, bench_report = found
    if args.determinism and args.only:
        usage_error(console, "give --determinism or --only, not both")
        return EXIT_USAGE
    try:
        only = "determinism" if args.determinism else args.only
        config = bench_config.config_for(args.quick, args.cell_timeout, args.out, only)
    except ValueError as err:
        usage_error(console, f"--only: {err}")
        return EXIT_USAGE
    data = bench_report.run(config, progress=lambda line: console.print(line, markup=False))
    written = bench_report.write_reports(data, config.out)
    for t in data["targets"]:
        console.print(f"{t['status']:>12}  {t['target']}: {t['evidence']}", markup=False)
    console.print(f"wrote {', '.join(map(str, written))} in {data['seconds']:.0f} s", markup=False)
    return EXIT_OK
