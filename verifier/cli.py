"""The `verifier` command line.

Exit status: 0 every claim met its expectation; 1 some claim did not; 2 usage error;
3 internal error; 4 the baseline regressed; 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from verifier import __version__
from verifier.engine import DEFAULT_BUDGET, EngineSettings
from verifier.outcome import ClaimResult, RunReport
from verifier.render import files, junit, markdown, terminal
from verifier.runner import RunSettings, verify_paths

if TYPE_CHECKING:
    from verifier.alarms import AlarmStats
    from verifier.mutate import ClaimMutation

EXIT_OK, EXIT_UNMET, EXIT_USAGE, EXIT_INTERNAL, EXIT_REGRESSED, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130

DESCRIPTION = """\
Verify the claims of ML derivations: prove them symbolically, spot-check them
numerically, and report an honest verdict for each.

  PROVED   shown symbolically by the kernel, and the numerics agree
  CHECKED  numerics pass on every sample, but there is no symbolic proof
  REFUTED  a counterexample, re-confirmed at 100 digits
  UNKNOWN  inconclusive (time limit hit, undecidable samples, unsupported function), with the reason
  ERROR    the claim itself is malformed, with what to fix
"""

EPILOG = """\
examples:
  verifier verify-all                         every claim in ./derivations
  verifier verify-all my_derivations/ --markdown reports/report.md
  verifier check softmax                      one derivation
  verifier check 'softmax.jacobian' --seed 3  one claim, replaying seed 3
  verifier show logistic_loss.hessian         the statement, domains and assumptions

exit status: 0 all claims met their expectation, 1 some did not, 2 usage error,
3 internal error, 4 baseline regression, 130 interrupted.
"""


def default_paths() -> list[str]:
    if Path("derivations").is_dir():
        return ["derivations"]
    import derivations

    return [str(Path(derivations.__file__).parent)]


def _common(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("verification")
    g.add_argument("--seed", type=int, default=0, help="random seed; the same seed gives the same verdicts (default 0)")
    g.add_argument("--samples", type=int, default=200, help="numeric samples per claim and dimension (default 200)")
    g.add_argument(
        "--budget",
        type=int,
        default=DEFAULT_BUDGET,
        help="symbolic work budget per claim and dimension, in heartbeats (one garbage-collector run, about 700 "
        f"allocations; 15-50 per CPU second on a 2020s core). Counted, not timed, so a verdict never depends on "
        f"the machine or its load (default {DEFAULT_BUDGET})",
    )
    g.add_argument(
        "--timeout",
        type=float,
        default=180.0,
        help="safety net: hard wall-clock limit per claim, seconds; a claim stopped by it is UNKNOWN "
        "'stopped by the time limit (depends on the machine)' and never cached (default 180)",
    )
    g.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1, help="worker processes (default: all cores)")
    g.add_argument(
        "--memory-mb", type=int, default=4096, help="memory limit per claim in MB, 0 for none (default 4096)"
    )
    c = p.add_argument_group("regression and cache")
    c.add_argument("--baseline", metavar="PATH", help="compare with this baseline; exit 4 if a verdict weakened")
    c.add_argument(
        "--update-baseline",
        action="store_true",
        help="rewrite the baseline (default reports/baseline.json) from this run",
    )
    c.add_argument("--no-cache", action="store_true", help="verify every claim again, ignoring cached results")
    c.add_argument(
        "--cache-dir",
        metavar="DIR",
        default=".verifier-cache",
        help="where cached results live (default .verifier-cache)",
    )
    o = p.add_argument_group("output")
    o.add_argument("--json", metavar="PATH", help="write the JSON report here")
    o.add_argument("--markdown", metavar="PATH", help="write the Markdown report here")
    o.add_argument("--junit", metavar="PATH", help="write JUnit XML here")
    o.add_argument("--html", metavar="PATH", help="write the self-contained HTML report here")
    o.add_argument("--no-color", action="store_true", help="plain output (NO_COLOR is honoured too)")
    o.add_argument("-q", "--quiet", action="store_true", help="only failures and the summary line")
    o.add_argument("-v", "--verbose", action="store_true", help="tracebacks and details for errors")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="verifier", description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"verifier {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    va = sub.add_parser(
        "verify-all",
        help="verify every claim in derivations/ or the given paths",
        description="Verify every claim in ./derivations, or in the given files and folders.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    va.add_argument("paths", nargs="*", metavar="PATH", help="derivation files or folders (default: derivations/)")
    _seeds_option(va)
    _common(va)
    ck = sub.add_parser(
        "check",
        help="verify one derivation or claim (NAME, NAME.CLAIM, a glob, or a .py file)",
        description="Verify the claims matching a pattern: a derivation name, derivation.claim, a glob, "
        "or the path of a derivation file (every claim in it).",
    )
    ck.add_argument("pattern", metavar="NAME_OR_PATTERN")
    ck.add_argument("paths", nargs="*", metavar="PATH", help="where to look (default: derivations/)")
    _seeds_option(ck)
    _common(ck)
    mu = sub.add_parser(
        "mutate",
        help="mutation-test the claims: does the engine catch small mistakes?",
        description="Make small plausible mistakes in each claim that holds, verify every mutant, "
        "and report how many are killed (REFUTED), equivalent, or survived. Exit 1 if any survived.",
    )
    mu.add_argument("pattern", nargs="?", default="", metavar="NAME_OR_PATTERN")
    mu.add_argument("paths", nargs="*", metavar="PATH")
    _common(mu)
    ls = sub.add_parser("list", help="list derivations and their claims")
    ls.add_argument("paths", nargs="*", metavar="PATH")
    ls.add_argument("--no-color", action="store_true")
    sh = sub.add_parser("show", help="pretty-print a claim with its domains and assumptions")
    sh.add_argument("name", metavar="DERIVATION.CLAIM")
    sh.add_argument("paths", nargs="*", metavar="PATH")
    sh.add_argument("--n", type=int, default=None, help="the dimension to show (default: the smallest n >= 2)")
    sh.add_argument("--no-color", action="store_true")
    be = sub.add_parser(
        "bench",
        help="benchmark the engine against plain sympy, numpy loops and torch; write reports/BENCHMARKS.md",
        description="Run the benchmark (symbolic decision, numeric spot checks, gradient checks, verify-all wall "
        "time, cost per n, compile speed, determinism under load) and write BENCHMARKS.md, benchmarks.json and "
        "bench_cost_per_n.svg. Run it on an otherwise idle machine. Needs the benchmarks package of the "
        "repository (installed by pip install . from it, or importable from the current folder).",
    )
    be.add_argument(
        "--quick",
        action="store_true",
        help="small n, two small files for verify-all, no determinism section unless asked (a few minutes)",
    )
    be.add_argument(
        "--only",
        metavar="SECTIONS",
        help="comma-separated sections to run: symbolic, numeric, gradient, verify-all, cost, compile, determinism "
        "(default: all; with --quick all but determinism)",
    )
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
    return parser


def console_for(args: argparse.Namespace) -> Console:
    no_color = bool(getattr(args, "no_color", False) or os.environ.get("NO_COLOR"))
    return Console(no_color=no_color, highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 200)


def _seeds_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--seeds",
        type=int,
        default=0,
        metavar="N",
        help="measure false alarms instead: run the numeric check of every true claim under N seeds, "
        "S…S+N−1 where S is --seed (so a long run splits into shards); --json/--markdown write the figures",
    )


def settings_from(args: argparse.Namespace, pattern: str = "") -> RunSettings:
    cache_dir = None if args.no_cache else Path(args.cache_dir)
    engine = EngineSettings(
        seed=args.seed, samples=args.samples, budget=args.budget, verbose=args.verbose, cache_dir=cache_dir
    )
    return RunSettings(
        engine=engine,
        jobs=max(1, args.jobs),
        timeout=args.timeout,
        memory_mb=args.memory_mb,
        pattern=pattern,
        cache_dir=cache_dir,
    )


def pattern_or_path(args: argparse.Namespace) -> str:
    """`verifier check my_derivation.py` checks every claim in that file."""
    target = Path(args.pattern)
    if (target.suffix == ".py" and target.is_file()) or target.is_dir():
        args.paths = [args.pattern, *args.paths]
        return "*"
    return str(args.pattern)


def run_verification(args: argparse.Namespace, pattern: str = "") -> int:
    console = console_for(args)
    paths = args.paths or default_paths()
    settings = settings_from(args, pattern)
    progress = Progress(
        TextColumn("[bold]verifying"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
        disable=args.quiet or not console.is_terminal,
    )
    with progress:
        task = progress.add_task("", total=None)

        def planned(count: int) -> None:
            progress.update(task, total=count)

        def done(r: ClaimResult) -> None:
            progress.update(task, advance=1 if r.name != "<module>" else 0, description=f"{r.derivation}.{r.name}")

        report = verify_paths(paths, settings, planned, done, argv=sys.argv[1:])
    if pattern and not report.results:
        console.print(f"error: no claim matches {pattern!r} in {', '.join(map(str, paths))}; try `verifier list`")
        return EXIT_USAGE
    write_reports(args, report, console)
    terminal.render(console, report, quiet=args.quiet)
    if not report.complete:
        return EXIT_INTERRUPTED
    regressed = check_baseline(args, report, console)
    if regressed:
        return EXIT_REGRESSED
    return EXIT_OK if report.all_met else EXIT_UNMET


def check_baseline(args: argparse.Namespace, report: RunReport, console: Console) -> bool:
    """Compare with (or rewrite) the baseline; True if a verdict regressed."""
    from verifier import baseline

    if args.update_baseline:
        path = args.baseline or "reports/baseline.json"
        baseline.write(path, report)
        console.print(f"baseline written to {path} ({len(report.results)} claims)")
        return False
    if not args.baseline:
        return False
    from verifier.runner import matches_key

    pattern = getattr(args, "pattern", "")
    selected = (lambda key: matches_key(key, pattern)) if pattern else None
    changes = baseline.compare(baseline.load(args.baseline), report, selected)
    terminal.baseline_diff(console, changes, args.baseline)
    return any(c.regression for c in changes)


def write_reports(args: argparse.Namespace, report: RunReport, console: Console) -> None:
    if args.json:
        files.write_json(args.json, report.to_json())
    if args.markdown:
        files.write_atomic(args.markdown, markdown.render(report))
    if args.junit:
        files.write_atomic(args.junit, junit.render(report))
    if getattr(args, "html", None):
        from verifier.render import html

        files.write_atomic(args.html, html.render(report))
    written = [p for p in (args.json, args.markdown, args.junit, getattr(args, "html", None)) if p]
    if written and not args.quiet:
        console.print("wrote " + ", ".join(written))


def counting_progress(console: Console, label: str, quiet: bool) -> Progress:
    """A transient bar that counts finished claims (off when quiet or not a terminal)."""
    return Progress(
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=quiet or not console.is_terminal,
    )


def plain_log(console: Console, quiet: bool) -> Callable[[str], None]:
    """One line per finished claim when the bar is off because output is not a terminal
    (CI logs), so a long run shows it is alive."""
    if quiet or console.is_terminal:
        return lambda line: None
    return lambda line: console.print(line, markup=False, highlight=False)


def run_mutate(args: argparse.Namespace) -> int:
    from verifier.render import mutation
    from verifier.runner import mutate_paths

    console = console_for(args)
    settings = settings_from(args, args.pattern)
    progress = counting_progress(console, "mutating", args.quiet)
    with progress:
        task = progress.add_task("", total=None)
        log = plain_log(console, args.quiet)

        def done(r: ClaimMutation) -> None:
            progress.advance(task)
            outcome = r.error or f"{r.count('killed')}/{len(r.mutants)} mutants killed"
            log(f"{r.derivation}.{r.name}: {outcome} ({r.seconds:.1f} s)")

        reports = mutate_paths(args.paths or default_paths(), settings, done)
    if args.json:
        files.write_json(args.json, mutation.to_json(reports))
    mutation.render(console, reports, quiet=args.quiet)
    bad = any(r.count("survived") or r.error for r in reports)
    return EXIT_UNMET if bad else EXIT_OK


def run_alarms(args: argparse.Namespace, pattern: str = "") -> int:
    from verifier.render import alarms
    from verifier.runner import measure_false_alarms

    console = console_for(args)
    if args.junit or args.html:
        console.print("error: --junit and --html describe a verification run; with --seeds use --json or --markdown")
        return EXIT_USAGE
    progress = counting_progress(console, "seeds", args.quiet)
    with progress:
        task = progress.add_task("", total=None)
        log = plain_log(console, args.quiet)

        def done(r: AlarmStats) -> None:
            progress.advance(task)
            outcome = r.error or f"{r.false_alarms} false alarms in {r.seeds} seeds, {r.samples:,} samples"
            log(f"{r.derivation}.{r.name}: {outcome} ({r.seconds:.1f} s)")

        stats = measure_false_alarms(args.paths or default_paths(), settings_from(args, pattern), args.seeds, done)
    if pattern and not stats:
        console.print(f"error: no claim that holds matches {pattern!r}; try `verifier list`")
        return EXIT_USAGE
    if args.json:
        files.write_json(args.json, alarms.to_json(stats))
    if args.markdown:
        files.write_atomic(args.markdown, alarms.markdown(stats))
    alarms.render(console, stats, quiet=args.quiet)
    return EXIT_UNMET if any(s.false_alarms for s in stats) else EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    from verifier import inspect_cmd

    return inspect_cmd.list_claims(console_for(args), args.paths or default_paths())


def run_show(args: argparse.Namespace) -> int:
    from verifier import inspect_cmd

    return inspect_cmd.show_claim(console_for(args), args.paths or default_paths(), args.name, args.n)


def run_bench(args: argparse.Namespace) -> int:
    console = console_for(args)
    try:
        from benchmarks import config as bench_config
        from benchmarks import report as bench_report
    except ModuleNotFoundError as err:
        if err.name != "benchmarks":
            raise
        console.print(
            "error: verifier bench needs the benchmarks package: reinstall from the repository (pip install -e .) "
            "or run `python -m verifier bench` in its root folder",
            markup=False,
        )
        return EXIT_USAGE
    if args.determinism and args.only:
        console.print("error: give --determinism or --only, not both")
        return EXIT_USAGE
    try:
        only = "determinism" if args.determinism else args.only
        config = bench_config.config_for(args.quick, args.cell_timeout, args.out, only)
    except ValueError as err:
        console.print(f"error: --only: {err}", markup=False)
        return EXIT_USAGE
    data = bench_report.run(config, progress=lambda line: console.print(line, markup=False))
    written = bench_report.write_reports(data, config.out)
    for t in data["targets"]:
        console.print(f"{t['status']:>12}  {t['target']}: {t['evidence']}", markup=False)
    console.print(f"wrote {', '.join(map(str, written))} in {data['seconds']:.0f} s", markup=False)
    return EXIT_OK


def fix_hash_seed() -> None:
    """Re-run this command with PYTHONHASHSEED=0 unless it is already set.

    String hashes, and with them the order of sets and dicts inside sympy, are randomised
    per process by default; the work a proof takes, and so whether it fits its budget,
    would then vary from run to run. Fixing the seed makes every run take the same path.
    """
    if os.environ.get("PYTHONHASHSEED") == "0" or os.environ.get("VERIFIER_NO_REEXEC"):
        return
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    with contextlib.suppress(OSError):
        os.execve(sys.executable, [sys.executable, "-m", "verifier", *sys.argv[1:]], env)


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        fix_hash_seed()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        if args.command == "verify-all" and args.seeds:
            return run_alarms(args)
        if args.command == "check" and args.seeds:
            return run_alarms(args, pattern=pattern_or_path(args))
        if args.command == "verify-all":
            return run_verification(args)
        if args.command == "check":
            return run_verification(args, pattern=pattern_or_path(args))
        if args.command == "mutate":
            return run_mutate(args)
        if args.command == "list":
            return run_list(args)
        if args.command == "show":
            return run_show(args)
        if args.command == "bench":
            return run_bench(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as err:
        from verifier.loader import LoadError

        if isinstance(err, LoadError | FileNotFoundError):
            print(f"verifier: {err}", file=sys.stderr)
            return EXIT_USAGE
        if getattr(args, "verbose", False):
            raise
        print(f"verifier: internal error: {type(err).__name__}: {err} (run with -v for the traceback)", file=sys.stderr)
        return EXIT_INTERNAL
    parser.print_help()
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
