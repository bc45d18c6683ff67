"""The `verifier` command line's long help texts: what the program and some subcommands print with --help,
and the formatter that fits them to the terminal (80 columns when piped)."""

from __future__ import annotations

import argparse
import re
import textwrap

# a line of a two-column list: its indent, its first column, then two or more spaces before the second
_COLUMNS = re.compile(r"^(\s+)(\S.*?\s{2,})(\S.*)$")


class Reflowed(argparse.RawDescriptionHelpFormatter):
    """Descriptions and epilogs fitted to the width: a paragraph of unindented lines is filled as one, an
    indented line longer than the width is wrapped under its second column (or its own indent)."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out: list[str] = []
        for block in re.split(r"\n\s*\n", text.strip("\n")):
            lines = block.splitlines()
            if all(line and not line[0].isspace() for line in lines):
                out.append(textwrap.fill(" ".join(lines), width, initial_indent=indent, subsequent_indent=indent))
            else:
                out.append("\n".join(_wrapped(indent + line, width) for line in lines))
        return "\n\n".join(out) + "\n"


def _wrapped(line: str, width: int) -> str:
    """One line of a list or table, wrapped under its second column when that leaves room, else its indent."""
    if len(line) <= width:
        return line
    match = _COLUMNS.match(line)
    hang = len(match.group(1)) + len(match.group(2)) if match else len(line) - len(line.lstrip())
    if hang > width // 2:
        hang = len(line) - len(line.lstrip()) + 4
    return textwrap.fill(line.strip(), width, initial_indent=line[: len(line) - len(line.lstrip())],
                         subsequent_indent=" " * hang)  # fmt: skip


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
