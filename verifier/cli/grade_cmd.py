"""`verifier grade SUBMISSIONS_DIR --against REFERENCE`: the command behind a course's grading."""

from __future__ import annotations

import argparse
import dataclasses

from verifier.cli.commands import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNMET,
    EXIT_USAGE,
    console_for,
    counting_progress,
    executor_for,
    usage_error,
)
from verifier.engine import EngineSettings
from verifier.grading.grade import GradeSettings, grade
from verifier.grading.report import GradeReport
from verifier.grading.sandbox import Limits
from verifier.load.loader import LoadError
from verifier.render import feedback, feedback_html, grades, gradescope
from verifier.run import files
from verifier.run.dask_executor import ClusterError
from verifier.run.runner import RunSettings

EXIT_NOT_IMPORTED = 5


def settings_from(args: argparse.Namespace) -> GradeSettings:
    engine = EngineSettings(seed=args.seed, samples=args.samples, budget=args.budget, verbose=args.verbose)
    run = RunSettings(engine=engine, jobs=max(1, args.jobs), timeout=args.timeout, memory_mb=args.memory_mb)
    wall = max(1.0, args.sandbox_timeout)
    importing = min(wall, max(0.5, args.import_timeout))
    limits = Limits(memory_mb=args.sandbox_memory_mb, cpu_seconds=int(wall) + 1, wall_seconds=wall,
                    import_seconds=importing, import_cpu=max(0.1, min(int(wall) + 1, args.import_cpu)))  # fmt: skip
    return GradeSettings(run=run, trust=args.trust_submissions, limits=limits, by_statement=args.match_by_statement,
                         single=bool(args.gradescope), sandboxes=max(0, args.sandboxes),
                         hints_only=bool(getattr(args, "hints_only", False)),
                         step_credit=bool(getattr(args, "step_credit", False)))  # fmt: skip


def write_outputs(args: argparse.Namespace, report: GradeReport) -> list[str]:
    """The files asked for (JSON, CSV, feedback pages, Gradescope's results.json); the paths written."""
    if args.json:
        files.write_json(args.json, grades.report_json(report))
    if args.csv:
        files.write_atomic(args.csv, grades.to_csv(report))
    if args.gradescope and report.rows:
        files.write_json(args.gradescope, gradescope.results(report, report.rows[0]))
    written = [p for p in (args.json, args.csv, args.gradescope) if p]
    if args.feedback:
        feedback.write_feedback(report, args.feedback)
        feedback_html.write_feedback(report, args.feedback)
        written.append(f"{args.feedback}/ ({len(report.rows) + 1} pages, each in Markdown and in HTML)")
    return written


def run_grade(args: argparse.Namespace) -> int:
    console = console_for(args)
    settings = settings_from(args)
    progress = counting_progress(console, "grading", args.quiet)
    try:
        with executor_for(args, console) as executor, progress:
            if executor is not None:
                settings = dataclasses.replace(settings, run=dataclasses.replace(settings.run, executor=executor))
            task = progress.add_task("", total=None)
            report = grade(
                args.submissions,
                args.against,
                settings,
                on_plan=lambda n: progress.update(task, total=n),
                on_done=lambda label: progress.advance(task) if label.startswith("read ") else None,
            )
    except (LoadError, ClusterError) as err:
        usage_error(console, str(err))
        return EXIT_USAGE
    written = write_outputs(args, report)
    grades.render(console, report, quiet=args.quiet)
    if written and not args.quiet:
        console.print("wrote " + ", ".join(written), markup=False)
    if not report.complete:
        return EXIT_INTERRUPTED
    if report.refused:
        return EXIT_NOT_IMPORTED
    return EXIT_OK if report.full_marks else EXIT_UNMET
