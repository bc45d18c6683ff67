"""Before anything is imported: the environment a command that verifies runs in, fixed by running it again.

`python -m verifier check …` decides here, from its arguments alone, whether to re-execute, before it imports
argparse, the parser or the package's names (`verifier.__main__`); `main` asks again after parsing, for the
console script and for arguments this reading does not recognise (a no-op once the seed is fixed).
"""

from __future__ import annotations

import contextlib
import os
import sys

# commands whose work is metered (serve: its workers verify)
VERIFYING = frozenset({"verify-all", "check", "alarms", "mutate", "grade", "serve"})
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread() -> None:
    """One BLAS thread per process, unless the environment says otherwise; read once, when numpy loads.

    The pool runs one worker per core, so BLAS's own threads only compete with the other workers: on a
    busy machine OpenBLAS's threads spin while they wait, and a QR of a 1,378 × 462 matrix in the
    sum-of-squares search took 1.3 s of CPU instead of 0.05 s (the Clarabel solves around it twice
    their time). One thread also keeps a floating-point reduction's order the same on every machine,
    whatever its number of cores.
    """
    for name in BLAS_THREADS:
        os.environ.setdefault(name, "1")


def fix_hash_seed(command: str | None) -> None:
    """Re-run a command that verifies with PYTHONHASHSEED=0 unless it is already set.

    String hashes, and with them the order of sets and dicts inside sympy, are randomised
    per process by default; the work a proof takes, and so whether it fits its budget,
    would then vary from run to run. Fixing the seed makes every run take the same path.
    Other commands (--help, --version, list, show, merge) run at once: a second
    interpreter would double their start-up for nothing.
    """
    if command not in VERIFYING:
        return
    seeded = os.environ.get("PYTHONHASHSEED") == "0" and not sys.flags.ignore_environment  # -E: not read
    if seeded or os.environ.get("VERIFIER_NO_REEXEC"):
        return
    argv, env = rerun(sys.argv[1:], dict(os.environ))
    with contextlib.suppress(OSError):
        os.execve(sys.executable, argv, env)


def rerun(args: list[str], environ: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """The re-run's command line and environment: `python FLAGS -m verifier ARGS` with this interpreter's flags
    (-B, -s, -X …), `-P` where :func:`path_flags` says, and the fixed seed.

    -E and -I would make the re-run ignore PYTHONHASHSEED: they are emulated instead (no PYTHON* variable of the
    user's is passed on; -I's -s and -P are kept). Where -P applies, an empty PYTHONPATH entry (`:/opt/tools`),
    which Python reads as the working directory, is dropped too.
    """
    import subprocess  # only on the way to exec: 2 ms the commands that do not re-run never pay

    flags = [f for f in subprocess._args_from_interpreter_flags() if f not in ("-I", "-E", "-P")]  # type: ignore[attr-defined]
    base = dict(environ)
    if sys.flags.ignore_environment:
        base = {k: v for k, v in base.items() if not k.startswith("PYTHON")}
    if sys.flags.isolated and "-s" not in flags:
        flags.append("-s")
    safe = path_flags()
    if safe and "PYTHONPATH" in base:
        entries = [p for p in base.pop("PYTHONPATH").split(os.pathsep) if p]
        base.update({"PYTHONPATH": os.pathsep.join(entries)} if entries else {})
    return [sys.executable, *flags, *safe, "-m", "verifier", *args], environment_of_a_run(base)


def path_flags() -> list[str]:
    """`-P` (no working directory on the import path) unless this process had it first on its own path.

    `python -m` puts the working directory first on the path, and the re-run is `python -m verifier`. The console
    script `verifier` has its own folder there instead: re-run as it was, a `numpy.py` or `sympy.py` in the folder
    where a teaching assistant checks a student's file was imported in place of the library, outside any
    sandbox. `python -m verifier` itself keeps the path Python gave it.
    """
    first = sys.path[0] if sys.path else None
    if not sys.flags.safe_path and first in ("", os.getcwd()):
        return []
    return ["-P"]


def environment_of_a_run(base: dict[str, str]) -> dict[str, str]:
    """The environment a command that verifies runs in, from `base`: the fixed hash seed and one BLAS thread (a
    variable already set is kept). The CLI re-executes itself in it; the pytest plugin starts its clean process
    (`verifier.run.zygote`) in it."""
    return {**{name: "1" for name in BLAS_THREADS}, **base, "PYTHONHASHSEED": "0"}


def reexec_early(args: list[str]) -> None:
    """`verifier COMMAND …` with a command that verifies: one BLAS thread, and the fixed seed, before the first
    process imports anything more (argparse and the parser cost it 0.02 s of CPU it would then throw away)."""
    if args and args[0] in VERIFYING and not {"-h", "--help"} & set(args):
        one_blas_thread()
        fix_hash_seed(args[0])
