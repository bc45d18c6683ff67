"""The `verifier` command line's arguments: subcommands, options and help texts."""

from __future__ import annotations

import argparse
import os

from verifier import __version__
from verifier.budget import DEFAULT_BUDGET
from verifier.serve import options as serve_options

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
  verifier check notes/derivation.md          the LaTeX chains of a file
  verifier show logistic_loss.hessian         the statement, domains and assumptions
  verifier verify-all --shard 2/4 --json shard-2.json     one of four CI jobs
  verifier merge shard-*.json --baseline reports/baseline.json --html report.html
  verifier serve                              a web page: paste a LaTeX derivation, see which line is wrong

exit status: 0 all claims met their expectation, 1 some did not, 2 usage error,
3 internal error, 4 baseline regression, 130 interrupted.
"""


VERIFY_ALL = """\
Verify every claim in ./derivations, or in the given files and folders.

sharding (--shard I/N): each claim family, with all its n, is one unit, dealt to one of
N shards. A unit costs the CPU seconds recorded for it in the baseline (--baseline,
else reports/baseline.json when it exists; --update-baseline records them), or the
median recorded cost if the baseline does not list it (1 s if it lists none). Units go
largest cost first, ties by name, each to the shard with the least cost so far (the
lowest-numbered on a tie). The cut depends only on the claim list and that file, never
on the machine, its load or the cache, so every copy of a checkout cuts the same shards.
A corollary's cited claims are verified again in its shard if they belong to another,
but reported only by their own. --baseline compares only the shard's claims (claims
gone from the library: shard 1). Merge the shards' --json reports with verifier merge.
"""

MERGE = """\
Merge the JSON reports written by `verify-all --json`, usually its --shard runs, into
one report, and write it in every format (--json, --markdown, --junit, --html, and the
terminal table). The reports must come from compatible runs: the same schema and engine
version, seed and samples, and either whole runs or every shard of one partition once.
A claim that appears in two reports is an error. --baseline compares the merged result;
the exit status follows verify-all's (an interrupted run's report makes the merge
incomplete: 130). A missing or unreadable report, or reports that do not fit, exit 2.
"""

GRADE = """\
Grade a course: every subfolder of SUBMISSIONS_DIR is one student's submission (a
Python derivation module and/or a LaTeX chain file, .md or .tex with a ```verifier
block), graded against the claims of REFERENCE (a derivation module or chain file) that
are expected to hold. Output: a table with one row per student (each reference claim's
verdict, the first wrong step of a chain, the score), and --csv / --json files.

matching: a student's claim answers a reference claim of the same name if it asks the
same question: the same kind and the same subject (what is differentiated and with
respect to what; the left side of an identity or inequality; the matrix said to be
PSD; a chain's first line; …). A claim under another name never answers: the reference
claim is MISSING, and its reason names the student's claim that states the same thing
("missing; did you mean softmax_jacobain?"). With --match-by-statement, such a claim
answers it (shown "as NAME" in the table and in -q's lines). Subjects are compared
numerically at 4 shared sample points (symbols by name, drawn from the reference's
domains, evaluated at 30 digits, relative gap under 1e-9 agrees, over 1e-6 differs).
The student's own statement is then verified by the normal engine, at the reference's
dimensions, and that verdict is the grade: PROVED or CHECKED earns the mark. A claim of
the reference's name that asks another question is DIFFERENT (never PROVED), as is a
true claim whose result (an inequality's bound, a chain's end, a rate) is not the
reference's; a reference claim nothing answers is MISSING.

untrusted code: a student's Python module is imported only inside a bubblewrap (bwrap)
sandbox: no network, the system and Python read-only, a private /tmp, only the
student's own folder visible, rlimits on memory, CPU time and processes, a wall-clock
limit. It sends back its claims as data (allow-listed sympy nodes and the verifier's
statement and domain classes, as JSON), which the grader decodes and verifies itself,
so a submission cannot forge a verdict or another student's row. Without bwrap, Python
submissions are not imported (their row says so) unless --trust-submissions is given.
LaTeX chains are data and are always graded. A submission that does not load, hangs,
runs out of memory or lacks claims gets a one-line reason in its row; the run goes on.

on a Dask cluster (--dask-local N, --scheduler ADDRESS): both phases, reading each
submission in its sandbox and verifying each claim, run on the workers, each task in a
child the worker forks with the same limits. Remote workers must see SUBMISSIONS_DIR and
REFERENCE at the same paths, and have bwrap. A worker lost mid-run loses nothing: its
tasks run again elsewhere, and the report names them.

exit status: 0 every student met every claim, 1 some did not (or could not be graded),
2 usage error (no such folder, a reference that does not load), 3 internal error,
5 Python submissions were not imported (no sandbox, no --trust-submissions), 130
interrupted.
"""


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
    c = p.add_argument_group('on a Dask cluster (needs pip install ".[dask]"; --jobs is then the cluster\'s threads)')
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
    return c


def _output(p: argparse.ArgumentParser) -> None:
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
        description=VERIFY_ALL,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
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
    me = sub.add_parser(
        "merge",
        help="merge the --json reports of verify-all runs (its shards) into one report",
        description=MERGE,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    me.add_argument("reports", nargs="+", metavar="REPORT.json", help="reports written by verify-all --json")
    _regression(me, "regression")
    _output(me)
    ck = sub.add_parser(
        "check",
        help="verify one derivation or claim (NAME, NAME.CLAIM, a glob, or a .py, .md or .tex file)",
        description="Verify the claims matching a pattern: a derivation name, derivation.claim, a glob, "
        "or the path of a derivation file (every claim in it): a Python module, or LaTeX chains in a .md or "
        ".tex file. Without PATH, DERIVATION.CLAIM is looked for in derivations/, then below the current folder.",
    )
    ck.add_argument("pattern", metavar="NAME_OR_PATTERN")
    ck.add_argument("paths", nargs="*", metavar="PATH", help="where to look (default: derivations/)")
    _common(ck)
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
    _grade_parser(sub)
    serve_options.add_parser(sub)
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
    be = sub.add_parser(
        "bench",
        help="benchmark the engine against plain sympy, numpy loops and torch; write reports/BENCHMARKS.md",
        description="Run the benchmark (symbolic decision, numeric spot checks, gradient checks, verify-all wall "
        "time, cost per n, compile speed, special functions, certificate search, reading and checking a 10-step "
        "LaTeX chain, grading a generated course, generic-dimension proofs against explicit n = 8, determinism "
        "under load, a Dask LocalCluster against the local pool) and write BENCHMARKS.md, benchmarks.json and "
        "bench_cost_per_n.svg. "
        "Run it on an otherwise idle machine. Needs the benchmarks package of the repository (installed by pip "
        "install . from it, or importable from the current folder).",
    )
    be.add_argument(
        "--quick",
        action="store_true",
        help="small n, two small files for verify-all, no determinism section unless asked (a few minutes)",
    )
    be.add_argument(
        "--only",
        metavar="SECTIONS",
        help="comma-separated sections to run: symbolic, numeric, gradient, verify-all, cost, compile, special, "
        "certificates, latex, grading, generic, sos, determinism, dask (default: all; with --quick all but "
        "determinism; grading grades a generated course of 30 students, and 300 too with VERIFIER_BENCH_COURSE=300)",
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


def _grade_parser(sub: argparse._SubParsersAction) -> None:
    gr = sub.add_parser(
        "grade",
        help="grade a folder of student submissions against a reference derivation, in a sandbox",
        description=GRADE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    gr.add_argument("submissions", metavar="SUBMISSIONS_DIR", help="one subfolder per student")
    gr.add_argument("--against", required=True, metavar="REFERENCE", help="the reference derivation (.py, .md, .tex)")
    _verification(gr)
    _cluster(gr)
    o = gr.add_argument_group("output")
    o.add_argument("--json", metavar="PATH", help="write the grades as JSON here")
    o.add_argument("--csv", metavar="PATH", help="write one CSV row per student here")
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
    s = gr.add_argument_group("submissions")
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
        "--sandbox-memory-mb",
        type=int,
        default=2048,
        metavar="MB",
        help="address-space limit inside the sandbox (default 2048)",
    )
