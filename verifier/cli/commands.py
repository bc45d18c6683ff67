"""The runners behind each `verifier` subcommand: verify, check, mutate, alarms, list, show."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from verifier.cli.parser import EXIT_INTERRUPTED, EXIT_OK, EXIT_REGRESSED, EXIT_UNMET, EXIT_USAGE
from verifier.engine import EngineSettings
from verifier.language.keys import ClaimKey
from verifier.language.text import plural
from verifier.load import library
from verifier.outcome import ClaimResult, RunReport
from verifier.render import junit, markdown, terminal
from verifier.run import dask_executor, files
from verifier.run.dask_executor import ClusterError
from verifier.run.executor import Executor
from verifier.run.runner import RunSettings, verify_paths

if TYPE_CHECKING:
    from verifier.quality.alarms import AlarmStats
    from verifier.quality.mutate import ClaimMutation


def default_paths() -> list[str]:
    """./derivations if there is one, else the library (the checkout's or the installed one)."""
    folder = library.default_folder()
    return [str(folder)] if folder is not None else [library.SOURCE]


def console_for(args: argparse.Namespace) -> Console:
    """Tables fit the width; a line of text is printed whole (a path or a command in it copies and greps whole)."""
    no_color = bool(getattr(args, "no_color", False) or os.environ.get("NO_COLOR"))
    width = None if sys.stdout.isatty() else piped_width()
    return Console(no_color=no_color, highlight=False, soft_wrap=True, width=width)


def piped_width() -> int:
    """The width of output that goes to a file or a pipe: $COLUMNS if set, else 80."""
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else 80


def usage_error(console: Console, message: str) -> None:
    """'error: message' on one line, however long (a path in it must not wrap)."""
    console.print(f"error: {message}", markup=False, highlight=False, soft_wrap=True)


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
        cache_read=not getattr(args, "reverify", False),
    )


def pattern_or_path(args: argparse.Namespace) -> str:
    """`verifier check my_derivation.py` checks every claim in that file; `my_derivation.py::name` (as pytest
    writes a test, or with one colon) that claim of it."""
    target = Path(args.pattern)
    if _derivation_file(target) or target.is_dir():
        args.paths = [args.pattern, *args.paths]
        return "*"
    file, sep, name = str(args.pattern).rpartition(":")
    file = file.removesuffix(":")
    if sep and name and _derivation_file(Path(file)):
        args.paths = [file, *args.paths]
        return f"{Path(file).stem}.{name}"
    return str(args.pattern)


def _derivation_file(target: Path) -> bool:
    return target.suffix in (".py", ".md", ".tex") and target.is_file()


DEFAULT_BASELINE = "reports/baseline.json"


def shard_settings(args: argparse.Namespace, settings: RunSettings) -> RunSettings:
    """The settings for `--shard I/N`: the shard and the costs recorded in the baseline (ValueError: usage)."""
    from verifier.run import baseline, shard

    chosen = shard.parse_shard(args.shard)
    if args.update_baseline:
        raise ValueError("--update-baseline records the whole library; run it without --shard (or use verifier merge)")
    source = args.baseline or (DEFAULT_BASELINE if Path(DEFAULT_BASELINE).is_file() else None)
    try:
        costs = baseline.costs(source) if source else {}
    except (OSError, ValueError) as err:
        raise ValueError(f"--shard: cannot read the costs in {source}: {err}") from None
    return dataclasses.replace(settings, shard=chosen, costs=costs)


def paths_for(pattern: str) -> list[str]:
    """The library; for a DERIVATION.CLAIM that is not in it, that derivation's file below the current folder."""
    paths = default_paths()
    if "." not in pattern or any(c in pattern for c in "*?["):
        return paths
    from verifier.cli import inspect_cmd

    stems = [stem for stem, _ in inspect_cmd.dotted_splits(pattern)]  # notes.v2.sq.expand: notes.v2.sq, notes.v2, …
    if any(inspect_cmd.in_paths(paths, stem) for stem in stems):
        return paths
    found = next((path for stem in stems if (path := inspect_cmd.below_here(stem))), None)
    return [str(found)] if found else paths


def run_verification(args: argparse.Namespace, pattern: str = "") -> int:
    console = console_for(args)
    paths = args.paths or paths_for(pattern)
    settings = settings_from(args, pattern)
    if getattr(args, "shard", None) is not None:
        try:
            settings = shard_settings(args, settings)
        except ValueError as err:
            usage_error(console, str(err))
            return EXIT_USAGE
    note_skipped_latex(console, paths, args.quiet)
    try:
        report = verify_on_cluster(args, console, paths, settings)
    except ClusterError as err:
        usage_error(console, str(err))
        return EXIT_USAGE
    if pattern and not report.results:
        where = ", ".join(map(str, paths))
        usage_error(console, f"no claim matches {pattern!r} in {where}; give its file: verifier check {pattern} PATH")
        return EXIT_USAGE
    return finish(args, report, console, covered(pattern, paths))


def covered(pattern: str, paths: list[str]) -> Callable[[str], bool] | None:
    """The baseline's claims a run covers: those its pattern selects, in the files it was given (a claim's key
    starts with its file's stem). A folder covers every claim: the baseline does not record where a claim was read,
    so a whole-library run against it also notices a file that was deleted."""
    from verifier.run.plan import matches_key

    stems = None if any(Path(p).is_dir() for p in paths) else {Path(p).stem for p in paths}
    if not pattern and stems is None:
        return None
    return lambda key: matches_key(key, pattern) and (stems is None or key.partition(".")[0] in stems)


def verify_on_cluster(args: argparse.Namespace, console: Console, paths: list[str], settings: RunSettings) -> RunReport:
    """Verify on the Dask cluster the options ask for (ClusterError if it cannot be used), else locally."""
    with executor_for(args, console) as executor:
        if executor is not None:
            settings = dataclasses.replace(settings, executor=executor)
        return verify_with_progress(args, console, paths, settings)


@contextlib.contextmanager
def executor_for(args: argparse.Namespace, console: Console) -> Iterator[Executor | None]:
    """The Dask executor that --scheduler / --dask-local ask for, open for the block (None: run locally).

    ClusterError, one line, if the cluster cannot be used.
    """
    scheduler, local = getattr(args, "scheduler", None), getattr(args, "dask_local", None)
    if not scheduler and local is None:
        yield None
        return
    if local is not None and local < 1:
        raise ClusterError(f"--dask-local needs at least one worker, not {local}")
    with dask_executor.open_executor(scheduler, local or 0) as executor:
        if not args.quiet:
            console.print(executor.describe(), style="dim", markup=False, highlight=False, soft_wrap=True)
        yield executor


def verify_with_progress(
    args: argparse.Namespace, console: Console, paths: list[str], settings: RunSettings
) -> RunReport:
    """The run, with a transient bar that counts finished claims."""
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
            progress.update(task, advance=1 if r.name != "<module>" else 0, description=str(ClaimKey.of(r)))

        return verify_paths(paths, settings, planned, done, argv=sys.argv[1:])


def note_skipped_latex(console: Console, paths: list[str], quiet: bool) -> None:
    """One dim line when a folder's LaTeX chains are left out because lark is missing."""
    from verifier.frontends import latex
    from verifier.load import loader

    skipped = loader.skipped_latex(paths)
    if skipped and not quiet:
        names = ", ".join(p.name for p in skipped)
        line = f"skipped {plural(len(skipped), 'LaTeX file')} ({names}): {latex.INSTALL_HINT}"
        console.print(line, style="dim", markup=False, highlight=False, soft_wrap=True)


def finish(
    args: argparse.Namespace, report: RunReport, console: Console, selected: Callable[[str], bool] | None = None
) -> int:
    """Write the reports, show the table, compare with the baseline (its claims that selected(key) keeps, if
    given); the exit status."""
    write_reports(args, report, console)
    compact = args.command == "verify-all"  # a library prints as pytest does; check shows each claim's evidence
    terminal.render(console, report, quiet=args.quiet, verbose=args.verbose, compact=compact)
    if not report.complete:
        return EXIT_INTERRUPTED
    regressed = check_baseline(args, report, console, selected)
    if regressed:
        return EXIT_REGRESSED
    return EXIT_OK if report.all_met else EXIT_UNMET


def run_merge(args: argparse.Namespace) -> int:
    from verifier.run import merge

    console = console_for(args)
    try:
        report = merge.merge([(path, merge.read_report(path)) for path in args.reports])
    except merge.MergeError as err:
        usage_error(console, str(err))
        return EXIT_USAGE
    if not args.quiet:
        console.print(
            f"merged {plural(len(args.reports), 'report')}: {', '.join(args.reports)}", markup=False, highlight=False
        )
    return finish(args, report, console)


def check_baseline(
    args: argparse.Namespace, report: RunReport, console: Console, selected: Callable[[str], bool] | None = None
) -> bool:
    """Compare with (or rewrite) the baseline, limited to the claims selected(key) keeps; True if a verdict
    regressed."""
    if not args.update_baseline and not args.baseline:
        return False
    from verifier.run import baseline

    if args.update_baseline:
        path = args.baseline or DEFAULT_BASELINE
        baseline.write(path, report)
        console.print(f"baseline written to {path} ({plural(len(report.results), 'claim')})")
        return False
    from verifier.run.shard import baseline_scope

    if report.shard is not None:
        selected = baseline_scope(report.shard, {r.key for r in report.results})
    changes = baseline.compare(baseline.load(args.baseline), report, selected, getattr(args, "same_work", False))
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
    from verifier.quality.mutate import MutantVerdict
    from verifier.render import mutation
    from verifier.run.runner import mutate_paths

    console = console_for(args)
    settings = settings_from(args, args.pattern)
    progress = counting_progress(console, "mutating", args.quiet)
    with progress:
        task = progress.add_task("", total=None)
        log = plain_log(console, args.quiet)

        def done(r: ClaimMutation) -> None:
            progress.advance(task)
            outcome = r.error or f"{r.count(MutantVerdict.KILLED)}/{len(r.mutants)} mutants killed"
            log(f"{ClaimKey.of(r)}: {outcome} ({r.seconds:.1f} s)")

        reports = mutate_paths(args.paths or default_paths(), settings, done, args.max_mutants)
    if args.json:
        files.write_json(args.json, mutation.to_json(reports))
    mutation.render(console, reports, quiet=args.quiet)
    bad = any(r.count(MutantVerdict.SURVIVED) or r.error for r in reports)
    return EXIT_UNMET if bad else EXIT_OK


def run_alarms(args: argparse.Namespace, pattern: str = "") -> int:
    from verifier.render import alarms
    from verifier.run.runner import measure_false_alarms

    console = console_for(args)
    if args.junit or args.html:
        usage_error(console, "--junit and --html describe a verification run; alarms writes --json or --markdown")
        return EXIT_USAGE
    progress = counting_progress(console, "seeds", args.quiet)
    with progress:
        task = progress.add_task("", total=None)
        log = plain_log(console, args.quiet)

        def done(r: AlarmStats) -> None:
            progress.advance(task)
            outcome = (
                r.error
                or f"{plural(r.false_alarms, 'false alarm')} in {plural(r.seeds, 'seed')}, {r.samples:,} samples"
            )
            log(f"{ClaimKey.of(r)}: {outcome} ({r.seconds:.1f} s)")

        stats = measure_false_alarms(args.paths or default_paths(), settings_from(args, pattern), args.seeds, done)
    if pattern and not stats:
        usage_error(console, f"no claim that holds matches {pattern!r}; give its file: verifier alarms {pattern} PATH")
        return EXIT_USAGE
    if args.json:
        files.write_json(args.json, alarms.to_json(stats))
    if args.markdown:
        files.write_atomic(args.markdown, alarms.markdown(stats))
    alarms.render(console, stats, quiet=args.quiet)
    return EXIT_UNMET if any(s.false_alarms for s in stats) else EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    from verifier.cli import inspect_cmd

    return inspect_cmd.list_claims(console_for(args), args.paths or default_paths())


def run_show(args: argparse.Namespace) -> int:
    from verifier.cli import inspect_cmd

    return inspect_cmd.show_claim(console_for(args), args.paths or default_paths(), args.name, args.n)
