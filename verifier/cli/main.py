"""The `verifier` command line.

Exit status: 0 every claim met its expectation; 1 some claim did not; 2 usage error;
3 internal error; 4 the baseline regressed; 130 interrupted (`verifier grade`: see its --help).
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import gc
import os
import sys
from collections.abc import Iterator

from verifier.cli.parser import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, build_parser
from verifier.cli.reexec import VERIFYING, fix_hash_seed, one_blas_thread
from verifier.strategies import budget

__all__ = ["build_parser", "main"]

QUICK_EXIT = VERIFYING - {"serve"}  # commands whose process ends with _QuickExit


class _QuickExit:
    """Ends the command's process once its own exit handlers have run, without the interpreter's teardown.

    Freeing every module and object of a process that has imported sympy, numpy and the engine costs
    about 0.3 s of CPU, after the report is printed and the files written (every file is written in a
    `with` block). Registered before anything else registers an exit handler, this one runs last (atexit
    runs them in reverse), so the pool's, logging's and a profiler's run as before; only a return from
    `main` sets the code, so an exception still ends the process the usual way."""

    code: int | None = None  # main's return value
    pid = 0  # the process that armed it

    @classmethod
    def arm(cls) -> None:
        atexit.register(cls._exit)

    @classmethod
    def _exit(cls) -> None:
        if cls.code is None or os.getpid() != cls.pid:  # a forked worker ends its own way
            return
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(cls.code)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # --help and --version end here, before anything heavy is imported
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if argv is None:
        if args.command in VERIFYING:
            one_blas_thread()  # before numpy is imported, and before the re-run inherits the environment
        fix_hash_seed(args.command)
        if args.command in QUICK_EXIT:
            _QuickExit.pid = os.getpid()
            _QuickExit.arm()
            _QuickExit.code = _guarded(args)
            return _QuickExit.code
    return _guarded(args)


def _guarded(args: argparse.Namespace) -> int:
    """The command's exit status (a one-line message for an error it did not expect)."""
    try:
        return _run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as err:
        from verifier.load.loader import LoadError

        if isinstance(err, LoadError | FileNotFoundError):
            print(f"verifier: {err}", file=sys.stderr)
            return EXIT_USAGE
        if getattr(args, "verbose", False):
            raise
        print(f"verifier: internal error: {type(err).__name__}: {err} (run with -v for the traceback)", file=sys.stderr)
        return EXIT_INTERNAL


@contextlib.contextmanager
def imports_uncollected() -> Iterator[None]:
    """The block imports sympy, numpy and the engine (the first time): with the cyclic collector off,
    and what they made frozen, uncollected.

    The imports make some 150,000 objects that live as long as the process; with the collector on,
    CPython traverses them again and again while they are being made (about 230 young, 20 middle and 2
    full collections: 0.1 s of CPU, a seventh of a `check`). One full collection at the end would
    still cost 0.09 s to free some 500 objects of garbage, so they are frozen with the rest: frozen,
    they are never collected, in this process or in a worker it forks, and a worker's heartbeats are
    the same either way (`verifier.run.pool.collect_before_fork` collects only what came after). A `with` block
    adds no frame: the imports run as deep in the stack as before (a few frames more, and CPython 3.11
    mapped and unmapped a 16 KiB frame chunk 10,000 times during them, 0.04 s of system time).
    """
    if "verifier.cli.commands" in sys.modules:
        yield
        return
    with budget.collector_off():
        yield
        gc.freeze()


def _run(args: argparse.Namespace) -> int:
    """The subcommand's runner (imported here: sympy, rich and the engine load only for a command that runs)."""
    if args.command == "serve":  # the web server never loads the engine itself: its workers do
        from verifier.serve.command import run_serve

        return run_serve(args)
    if args.command == "grade" and not getattr(args, "scheduler", None) and getattr(args, "dask_local", None) is None:
        from verifier.grading import warm

        warm.prestart()  # the sandboxes' zygote imports sympy while this process imports the engine
    with imports_uncollected():
        from verifier.cli.commands import (
            pattern_or_path,
            run_alarms,
            run_list,
            run_merge,
            run_mutate,
            run_show,
            run_verification,
        )

    if args.command == "alarms":
        return run_alarms(args, pattern=pattern_or_path(args) if args.pattern else "")
    if args.command == "verify-all":
        return run_verification(args)
    if args.command == "check":
        return run_verification(args, pattern=pattern_or_path(args))
    if args.command == "merge":
        return run_merge(args)
    if args.command == "mutate":
        return run_mutate(args)
    if args.command == "list":
        return run_list(args)
    if args.command == "show":
        return run_show(args)
    if args.command == "grade":
        from verifier.cli.grade_cmd import run_grade

        return run_grade(args)

    build_parser().print_help()
    return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
