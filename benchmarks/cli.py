"""`python -m benchmarks [OPTIONS]`: the command line of the benchmark, run from a checkout of the repository."""

from __future__ import annotations

import argparse
import os
import sys

from rich.console import Console

from verifier.cli.commands import console_for, usage_error
from verifier.cli.parser import EXIT_OK, EXIT_USAGE

SECTIONS_HELP = (
    "comma-separated sections to run: symbolic, numeric, gradient, verify-all, cost, compile, special, "
    "determinism, certificates, latex, grading, generic, sos, dask (default: all; with --quick all but "
    "determinism; grading grades a generated course of 30 students, and 300 too with VERIFIER_BENCH_COURSE=300)"
)


def build_parser() -> argparse.ArgumentParser:
    be = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Run the benchmark (symbolic decision, numeric spot checks, gradient checks, verify-all wall "
        "time, cost per n, compile speed, special functions, certificate search, reading and checking a 10-step "
        "LaTeX chain, grading a generated course, generic-dimension proofs against explicit n = 8, determinism "
        "under load, a Dask LocalCluster against the local pool) and write BENCHMARKS.md, benchmarks.json and "
        "bench_cost_per_n.svg. Run it on an otherwise idle machine, in the root folder of a checkout of the "
        "repository: the benchmarks are not installed with the package.",
    )
    be.add_argument(
        "--quick",
        action="store_true",
        help="small n, two small files for verify-all, no determinism section unless asked (a few minutes)",
    )
    be.add_argument("--only", metavar="SECTIONS", help=SECTIONS_HELP)
    be.add_argument(
        "--determinism", action="store_true", help="run the determinism section only (the same as --only determinism)"
    )
    be.add_argument(
        "--cell-timeout",
        type=float,
        default=None,
        metavar="S",
        help="hard time limit per measurement, seconds (default 60; 20 with --quick)",
    )
    be.add_argument("--out", default="reports", metavar="DIR", help="where to write the reports (default reports/)")
    be.add_argument("--no-color", action="store_true")
    return be


def fix_hash_seed() -> None:
    """Re-run with PYTHONHASHSEED=0 unless it is set, as the verifier's own commands do (verifier.cli.main)."""
    if os.environ.get("PYTHONHASHSEED") == "0" or os.environ.get("VERIFIER_NO_REEXEC"):
        return
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    os.execve(sys.executable, [sys.executable, "-m", "benchmarks", *sys.argv[1:]], env)


def run(args: argparse.Namespace) -> int:
    from benchmarks import config as bench_config
    from benchmarks import report as bench_report

    console: Console = console_for(args)
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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)  # --help ends here, before anything heavy is imported
    if argv is None:
        fix_hash_seed()
    return run(args)
