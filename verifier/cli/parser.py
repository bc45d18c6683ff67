"""The `verifier` command line's arguments: subcommands and their options (the long help texts: cli_help.py)."""

from __future__ import annotations

import argparse
import os

from verifier import __version__
from verifier.cli.help import DESCRIPTION, EPILOG, GRADE, MERGE, VERIFY_ALL, Reflowed
from verifier.serve import options as serve_options
from verifier.strategies.budget import DEFAULT_BUDGET

EXIT_OK, EXIT_UNMET, EXIT_USAGE, EXIT_INTERNAL, EXIT_REGRESSED, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130


def _common(p: argparse.ArgumentParser) -> None:
    _verification(p)
    c = _regression(p, "regression and cache")
    c.add_argument(
        "--no-cache", action="store_true", help="verify every claim again; neither read nor write cached results"
    )
    c.add_argument(
        "--reverify",
        action="store_true",
        help="verify every claim again and refresh the cache (cached results are an earlier run's, on this machine)",
    )
    c.add_argument(
        "--cache-dir",
        metavar="DIR",
        default=".verifier-cache",
        help="where cached results live (default .verifier-cache)",
    )
    _output(p)


def _verification(p: argparse.ArgumentParser) -> None:
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


def _cluster(p: argparse.ArgumentParser) -> None:
    c = p.add_argument_group(
        "on a Dask cluster", 'needs pip install ".[dask]"; --jobs is then the number of the cluster\'s threads'
    )
    where = c.add_mutually_exclusive_group()
    where.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run every claim on the workers of this Dask scheduler (tcp://HOST:8786), each in a child the worker "
        "forks with the hard --timeout and --memory-mb; the workers must see the derivation files at the same "
        "paths, and run as PYTHONHASHSEED=0 dask worker --no-nanny --nthreads 1 ADDRESS",
    )
    where.add_argument(
        "--dask-local",
        type=int,
        metavar="N",
        help="start a Dask LocalCluster of N worker processes (one thread each) for this run",
    )


def _regression(p: argparse.ArgumentParser, title: str) -> argparse._ArgumentGroup:
    c = p.add_argument_group(title)
    c.add_argument("--baseline", metavar="PATH", help="compare with this baseline; exit 4 if a verdict weakened")
    c.add_argument(
        "--update-baseline",
        action="store_true",
        help="rewrite the baseline (default reports/baseline.json) from this run",
    )
    c.add_argument(
        "--same-work",
        action="store_true",
        help="with --baseline: exit 4 also if a proof's work (heartbeats) moved; CI's check that verdicts do not"
        " depend on the run (the baseline written from shards, this run whole)",
    )
    return c


def _output(p: argparse.ArgumentParser) -> None:
    o = p.add_argument_group("output")
    o.add_argument("--json", metavar="PATH", help="write the JSON report here")
    o.add_argument("--markdown", metavar="PATH", help="write the Markdown report here")
    o.add_argument("--junit", metavar="PATH", help="write JUnit XML here")
    o.add_argument("--html", metavar="PATH", help="write the self-contained HTML report here")
    o.add_argument("--no-color", action="store_true", help="plain output (NO_COLOR is honoured too)")
    o.add_argument("-q", "--quiet", action="store_true", help="only failures and the summary line")
    o.add_argument("-v", "--verbose", action="store_true", help=VERBOSE_HELP)


VERBOSE_HELP = (
    "every chain line by line, with what the LaTeX reader understood of each line; tracebacks and details for errors"
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="verifier", description=DESCRIPTION, epilog=EPILOG, formatter_class=Reflowed)
    parser.add_argument("--version", action="version", version=f"verifier {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _verify_all_parser(sub)
    _merge_parser(sub)
    _check_parser(sub)
    _alarms_parser(sub)
    _mutate_parser(sub)
    _grade_parser(sub)
    serve_options.add_parser(sub, Reflowed)
    _list_and_show_parsers(sub)
    return parser


def _verify_all_parser(sub: argparse._SubParsersAction) -> None:
    """verify-all: every claim of derivations/ or the given paths, sharded or on a cluster."""
    va = sub.add_parser(
        "verify-all",
        help="verify every claim in derivations/ or the given paths",
        description=VERIFY_ALL,
        epilog=EPILOG,
        formatter_class=Reflowed,
    )
    va.add_argument("paths", nargs="*", metavar="PATH", help="derivation files or folders (default: derivations/)")
    va.add_argument(
        "--shard",
        metavar="I/N",
        help="verify only shard I of N (1 ≤ I ≤ N) of the claim families, cut as described above; "
        "merge the shards' --json reports with `verifier merge`",
    )
    _cluster(va)
    _common(va)


def _merge_parser(sub: argparse._SubParsersAction) -> None:
    """merge: the --json reports of verify-all runs (its shards) into one report."""
    me = sub.add_parser(
        "merge",
        help="merge the --json reports of verify-all runs (its shards) into one report",
        description=MERGE,
        epilog=EPILOG,
        formatter_class=Reflowed,
    )
    me.add_argument("reports", nargs="+", metavar="REPORT.json", help="reports written by verify-all --json")
    _regression(me, "regression")
    _output(me)


def _check_parser(sub: argparse._SubParsersAction) -> None:
    """check: one derivation, claim, glob or file."""
    ck = sub.add_parser(
        "check",
        help="verify one derivation or claim (NAME, NAME.CLAIM, a glob, or a .py, .md or .tex file)",
        description="Verify the claims matching a pattern: a derivation name, derivation.claim, a glob, "
        "or the path of a derivation file (every claim in it): a Python module, or LaTeX chains in a .md or "
        ".tex file; FILE::CLAIM is one claim of that file. Without PATH, DERIVATION.CLAIM is looked for in "
        "derivations/, then below the current folder.",
    )
    ck.add_argument("pattern", metavar="NAME_OR_PATTERN")
    ck.add_argument("paths", nargs="*", metavar="PATH", help="where to look (default: derivations/)")
    _common(ck)


def _alarms_parser(sub: argparse._SubParsersAction) -> None:
    """alarms: the numeric check of every true claim under many seeds."""
    al = sub.add_parser(
        "alarms",
        help="measure false alarms: the numeric check of every true claim under many seeds",
        description="Run the numeric check of every true claim (or those matching NAME_OR_PATTERN) under "
        "N seeds, S…S+N−1 where S is --seed, and report the false alarms (the requirement is zero) and the "
        "margins: how far the worst sample stayed from a false alarm. A long measurement splits into shards "
        "by --seed. Exit 1 if any true claim raised a false alarm.",
    )
    al.add_argument("pattern", nargs="?", default="", metavar="NAME_OR_PATTERN")
    al.add_argument("paths", nargs="*", metavar="PATH", help="where to look (default: derivations/)")
    al.add_argument("--seeds", type=int, default=100, metavar="N", help="how many seeds (default 100)")
    _common(al)


def _mutate_parser(sub: argparse._SubParsersAction) -> None:
    """mutate: does the engine catch small mistakes?"""
    mu = sub.add_parser(
        "mutate",
        help="mutation-test the claims: does the engine catch small mistakes?",
        description="Make small plausible mistakes in each claim that holds, verify every mutant, "
        "and report how many are killed (REFUTED), equivalent, or survived. Exit 1 if any survived.",
    )
    mu.add_argument("pattern", nargs="?", default="", metavar="NAME_OR_PATTERN")
    mu.add_argument("paths", nargs="*", metavar="PATH")
    mu.add_argument(
        "--max-mutants",
        type=int,
        default=10,
        metavar="K",
        help="at most K mutants per claim, spread over the mutation operators (default 10)",
    )
    _common(mu)


def _list_and_show_parsers(sub: argparse._SubParsersAction) -> None:
    """list and show: the claims, and one claim with its domains and assumptions."""
    ls = sub.add_parser("list", help="list derivations and their claims")
    ls.add_argument("paths", nargs="*", metavar="PATH")
    ls.add_argument("--no-color", action="store_true")
    sh = sub.add_parser("show", help="pretty-print a claim with its domains and assumptions")
    sh.add_argument("name", metavar="DERIVATION.CLAIM")
    sh.add_argument(
        "paths", nargs="*", metavar="PATH", help="where to look (default: derivations/, then below the current folder)"
    )
    sh.add_argument("--n", type=int, default=None, help="the dimension to show (default: the smallest n >= 2)")
    sh.add_argument("--no-color", action="store_true")


def _teaching(o: argparse._ArgumentGroup) -> None:
    """What a wrong step's feedback gives away, and the credit for a chain's steps (issue 41)."""
    o.add_argument(
        "--hints-only", action="store_true",
        help="a wrong step's feedback names the kind of slip and the step, never the repair (students find it)",
    )  # fmt: skip
    o.add_argument(
        "--step-credit", action="store_true",
        help="a chain that is not met earns the fraction of its steps that hold and make progress (a line already "
             "written earns nothing); shown on the feedback pages and in the JSON, not in the score",
    )  # fmt: skip


def _grade_parser(sub: argparse._SubParsersAction) -> None:
    gr = sub.add_parser(
        "grade",
        help="grade a folder of student submissions against a reference derivation, in a sandbox",
        description=GRADE,
        formatter_class=Reflowed,
    )
    gr.add_argument("submissions", metavar="SUBMISSIONS_DIR", help="one subfolder per student")
    gr.add_argument("--against", required=True, metavar="REFERENCE", help="the reference derivation (.py, .md, .tex)")
    _verification(gr)
    _cluster(gr)
    o = gr.add_argument_group("output")
    o.add_argument("--json", metavar="PATH", help="write the grades as JSON here")
    o.add_argument("--csv", metavar="PATH", help="write one CSV row per student here")
    _teaching(o)
    o.add_argument(
        "--feedback",
        metavar="DIR",
        help="write a feedback page per student, in Markdown and in self-contained HTML (their claim as written, "
        "the verdict, the counterexample at the reference's size, a chain's first wrong step), and the course "
        "summary (pass rate per claim, the most common mistakes), index.md and index.html, here",
    )
    o.add_argument(
        "--gradescope",
        metavar="PATH",
        help="SUBMISSIONS_DIR is one student's submission (Gradescope's /autograder/submission): write Gradescope's "
        "results.json here, one test per reference claim worth its @claim(points=...) (default 1)",
    )
    o.add_argument("--no-color", action="store_true", help="plain output (NO_COLOR is honoured too)")
    o.add_argument("-q", "--quiet", action="store_true", help="no table: the lines for unmet claims and the summary")
    o.add_argument("-v", "--verbose", action="store_true", help="tracebacks and details for errors")
    _submissions(gr.add_argument_group("submissions"))


def _submissions(s: argparse._ArgumentGroup) -> None:
    """`grade`'s options for how submissions are read: trust, matching, the sandbox's limits."""
    s.add_argument(
        "--trust-submissions",
        action="store_true",
        help="without a sandbox, import Python submissions anyway, in plain worker processes (the report says so)",
    )
    s.add_argument(
        "--match-by-statement",
        action="store_true",
        help="the lenient rule: a claim under another name answers a reference claim if it states the same "
        "thing (shown 'as NAME' in every output); by default only the reference's name answers",
    )
    s.add_argument(
        "--sandbox-timeout",
        type=float,
        default=30.0,
        metavar="S",
        help="wall-clock limit for importing one student's modules in the sandbox, seconds "
        "(default 30; sympy alone takes about 1 s to import)",
    )
    s.add_argument(
        "--import-timeout",
        type=float,
        default=5.0,
        metavar="S",
        help="wall-clock limit for importing one student's modules, before any claim is built, seconds (default 5; "
        "time its processes waited for a CPU is not counted, up to 3 times the limit; the sandbox's processes get "
        "--import-cpu CPU seconds for it together, default 0.75)",
    )
    s.add_argument(
        "--import-cpu",
        type=float,
        default=0.75,
        metavar="S",
        help="CPU seconds for importing one student's modules, its processes together (default 0.75: a module of "
        "the library imports in under 0.05 s once sympy is loaded; an endless loop costs this much)",
    )
    s.add_argument(
        "--sandboxes",
        type=int,
        default=0,
        metavar="N",
        help="students read at once, each in its sandbox (default on the local pool: 1 + 3 × --import-timeout × "
        "cores / --import-cpu, at most 64, at least --jobs: 41 on 2 cores; beyond 4 per job, one more starts "
        "only while the machine has --sandbox-memory-mb available and fewer processes than that want a CPU)",
    )
    s.add_argument(
        "--sandbox-memory-mb",
        type=int,
        default=2048,
        metavar="MB",
        help="address-space limit inside the sandbox (default 2048)",
    )
