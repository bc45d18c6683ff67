"""pytest plugin: `pytest --derivations [PATH]` collects every claim as a test item.

`--derivations` takes one PATH, like pytest's own `--ignore`; repeat it for more
(`--derivations a --derivations b`). A path after it is pytest's, collected as usual: never
read as derivations, so `pytest --derivations derivations tests/` runs both. (For a release, a
path after it that holds derivations and no tests is still read as derivations, the old form
`--derivations a b`, with a warning: :func:`read_the_old_way`.)

Each derivation file under PATH is a collector (its items are collected in pytest's
collection phase, so "collected N items", -k, --co and node ids work as usual): the claim
`softmax.jacobian` of `derivations/softmax.py` is the item
`derivations/softmax.py::softmax.jacobian`, and that node id given back to pytest (as an
argument, or as a PATH of --derivations) runs that claim alone. A claim passes when it meets
its expectation; a failing item shows the verdict and its evidence in pytest's usual
failure report.

The claims are verified as `verifier verify-all` verifies them, by the same runner: when the
first claim item runs, every selected claim item is verified at once, `--derivation-jobs` at a
time, each in a worker forked from a process that holds its module (with the hard time and
memory limits), and results are read from and written to the same cache (`.verifier-cache`;
`--derivation-no-cache` for none). Each item then reports its own result. The claims a
corollary cites are verified too when they were not selected, and not reported. Under xdist
each worker verifies its own items as it reaches them, one claim at a time: a file's items at once
under `--dist loadgroup` (each claim item is in its file's xdist_group, so a file's items run on one
worker), else each item alone (`--dist load`, `loadfile`: a runner per item; xdist does not tell a
worker which of these it is under).
The runner runs in a clean process of the session's (one per pytest worker, `verifier.run.zygote`),
started with the CLI's environment and imports, not in pytest's: pytest's random hash seed and its
own modules moved the work counts of a claim in four (which decide how far a proof gets within its
budget), and a run forked from pytest's larger process cost more system time. That process loads the
files again, as the CLI's run does; pytest's collection loads each one to list its claims.
Registered through the `pytest11` entry point, so installing the verifier is enough.
Heavy imports wait until used.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from verifier.language.families import ClaimFamily
    from verifier.outcome import ClaimResult
    from verifier.run.zygote import Zygote

ROOTS = pytest.StashKey[frozenset[Path]]()  # the derivation files the --derivations paths name
RESULTS = pytest.StashKey[dict[tuple[str, str], "ClaimResult"]]()  # (source, claim name) → its result
RUNNER = pytest.StashKey["Zygote"]()  # the session's clean process, which runs the runner (started when first used)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("verifier", "derivation verifier")
    group.addoption(
        "--derivations",
        action="append",
        nargs="?",
        const="",
        default=None,
        metavar="PATH",
        help="verify every claim in this derivation file or folder, or the claim of a node id "
        "(PATH::derivation.claim); one PATH each, repeat the option for more (a path after it is pytest's "
        "as usual); alone: ./derivations, else the library of derivations",
    )
    group.addoption("--derivation-samples", type=int, default=200, help="numeric samples per claim and n")
    group.addoption("--derivation-seed", type=int, default=0, help="random seed for the derivation claims")
    group.addoption(
        "--derivation-jobs", type=int, default=None, help="claims verified at once (default: all cores; 1 under xdist)"
    )
    group.addoption(
        "--derivation-cache-dir",
        default=".verifier-cache",
        help="cached results, as verify-all's (default .verifier-cache)",
    )
    group.addoption("--derivation-no-cache", action="store_true", help="neither read nor write cached results")


def pytest_configure(config: pytest.Config) -> None:
    """Find the derivation files, and add the --derivations paths to what pytest collects."""
    values = config.getoption("derivations")
    if values is None:
        return
    # each item's xdist_group marker (`--dist loadgroup`: a file on one worker) is xdist's: without xdist (not
    # installed, or `-p no:xdist`) pytest warned of an unknown mark on every run
    config.addinivalue_line("markers", "xdist_group(name): under pytest-xdist, verify a file's claims on one worker")
    from verifier.load import library, loader

    values = [v for v in values if v] or [str(library.default_folder() or library.SOURCE)]
    values += read_the_old_way(config)
    paths = [v.partition("::")[0] for v in values]
    if not all(paths):
        raise pytest.UsageError("--derivations: a node id names its file: PATH::derivation.claim")
    try:
        files = loader.discover(paths)
    except loader.LoadError as err:
        raise pytest.UsageError(f"--derivations: {err}") from None
    config.stash[ROOTS] = frozenset(p.resolve() for p in files)
    config.stash[RESULTS] = {}
    config.args = collection_args(config, values, files)


class OldDerivationsForm(DeprecationWarning):
    """`--derivations a b`: b read as derivations, as before --derivations took one PATH."""


def read_the_old_way(config: pytest.Config) -> list[str]:
    """The paths written after `--derivations PATH` that hold derivations and no tests, taken out of pytest's
    arguments with a warning: until --derivations took one PATH, `--derivations a b` verified b's claims too,
    and pytest would now import b as a test module and verify nothing of it, silently. For a release."""
    old = [raw for raw in _after_the_option(config.invocation_params.args) if _derivations_only(config, raw)]
    if not old:
        return []
    config.args = [a for a in config.args if a not in old]
    repeated = " ".join(f"--derivations {raw}" for raw in old)
    config.issue_config_time_warning(
        OldDerivationsForm(
            f"--derivations takes one PATH; verifying {', '.join(old)} as derivations as before, for this release "
            f"only: write {repeated} (a path after --derivations PATH is pytest's own, collected as tests)"
        ),
        stacklevel=2,
    )
    return old


def _after_the_option(args: tuple[str, ...]) -> list[str]:
    """The arguments that follow `--derivations PATH` (or `--derivations=PATH`) up to the next option."""
    found: list[str] = []
    for i, arg in enumerate(args):
        start = i + 1 if arg.startswith("--derivations=") else i + 2 if arg == "--derivations" else None
        for later in args[start:] if start is not None else ():
            if later.startswith("-"):
                break
            found.append(later)
    return found


def _derivations_only(config: pytest.Config, raw: str) -> bool:
    """Whether the path holds derivation files (a file, or a folder's own) and no file pytest takes for tests."""
    from fnmatch import fnmatch

    from verifier.load import loader

    path = Path(raw)
    if "::" in raw or not path.exists():
        return False
    try:
        derivations = loader.discover([raw])
    except loader.LoadError:
        return False
    patterns = config.getini("python_files")
    candidates = path.rglob("*.py") if path.is_dir() else [path]
    return bool(derivations) and not any(fnmatch(f.name, pattern) for f in candidates for pattern in patterns)


def pytest_unconfigure(config: pytest.Config) -> None:
    """End the session's clean process (at once: it is idle)."""
    runner = config.stash.get(RUNNER, None)
    if runner is not None:
        runner.close()


def collection_args(config: pytest.Config, values: list[str], files: list[Path]) -> list[str]:
    """What pytest collects: the tests as usual and the derivations, or only what node ids select.

    A node id (given to --derivations, or as an argument inside a derivation path) selects that
    claim alone; otherwise the derivation paths are collected beside the usual arguments.
    """
    given = config.args if config.args_source is pytest.Config.ArgsSource.ARGS else []
    inside = {p.resolve() for p in files} | {Path(v).resolve() for v in values if "::" not in v}
    selecting = [a for a in given if "::" in a and Path(a.partition("::")[0]).resolve() in inside]
    if selecting:
        return list(given)
    if any("::" in v for v in values):
        return [*given, *values]
    return [*config.args, *values]


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> DerivationFile | None:
    roots = parent.config.stash.get(ROOTS, frozenset())
    if file_path.resolve() in roots:
        return DerivationFile.from_parent(parent, path=file_path)
    return None


class ClaimFailed(Exception):
    """A claim did not meet its expectation."""


class DerivationFile(pytest.File):
    """A derivation module or LaTeX file: one item per claim, and one per file-level error of a LaTeX file.

    A LaTeX file's chains are listed by name here, not read: reading them is the run's work, in its
    workers, which reports a chain that does not read as that item's ERROR with its line.
    """

    def collect(self) -> Iterator[pytest.Item]:
        from verifier.language.keys import ClaimKey
        from verifier.load import loader

        try:
            names, errors = loader.listed(self.path)
        except loader.LoadError as err:
            raise self.CollectError(str(err)) from None
        stem = self.path.stem
        for name in names:
            item = ClaimItem.from_parent(self, name=str(ClaimKey(stem, name)), claim=name)
            item.add_marker(pytest.mark.xdist_group(name=str(self.path)))  # --dist loadgroup: a file on one worker
            yield item
        for part, message in errors:  # a LaTeX file's declarations or chain markers that did not parse
            yield ErrorItem.from_parent(self, name=str(ClaimKey(stem, part)), message=message)


class ClaimItem(pytest.Item):
    def __init__(self, *, claim: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.claim = claim  # the claim's name in its file
        self.source = shown_path(self.path, Path.cwd())  # the path the runner is given, and the replay line shows

    @property
    def family(self) -> ClaimFamily:
        """Deprecated (the item holds its claim's name, :attr:`claim`; for a release): the claim family, loaded
        now from its file (a LaTeX file reads just this chain)."""
        import warnings

        from verifier.load import loader

        warnings.warn("ClaimItem.family is deprecated: use ClaimItem.claim, the claim's name", DeprecationWarning,
                      stacklevel=2)  # fmt: skip
        loaded = loader.load(self.path, only=self.claim)
        for family in loaded.families:
            if family.name == self.claim:
                return family
        raise LookupError(f"{self.claim}: {dict(loaded.errors).get(self.claim, 'not found when its file was read')}")

    def runtest(self) -> None:
        done = self.config.stash[RESULTS]
        if (self.source, self.claim) not in done:
            done.update(verify_items(self._batch(done), self.config))
        result = done[self.source, self.claim]
        self.user_properties += [("status", result.status.value), ("reason", result.reason)]
        if not result.met:
            raise ClaimFailed(result)

    def _batch(self, done: dict[tuple[str, str], ClaimResult]) -> list[ClaimItem]:
        """The items to verify with this one: every selected item, or under xdist the ones this worker will run
        (its file's under --dist loadgroup, which keeps a file's items on one worker; else itself alone)."""
        pending = _claim_items(self.session.items, done)
        if not hasattr(self.config, "workerinput"):
            return pending
        if getattr(self.config.option, "loadgroup", False):  # xdist's worker says so (its option.dist is "no")
            return [i for i in pending if i.source == self.source]
        return [self]

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if not isinstance(excinfo.value, ClaimFailed):
            return str(super().repr_failure(excinfo))
        return failure_text(excinfo.value.args[0])

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, self.name


def _claim_items(items: list[pytest.Item], done: dict[tuple[str, str], ClaimResult]) -> list[ClaimItem]:
    return [i for i in items if isinstance(i, ClaimItem) and (i.source, i.claim) not in done]


def verify_items(items: list[ClaimItem], config: pytest.Config) -> dict[tuple[str, str], ClaimResult]:
    """The items' claims verified by verify-all's runner (the pool, the cache) in the session's clean process:
    (source, name) → result."""
    import os
    import sys

    from verifier.engine import EngineSettings
    from verifier.run import zygote
    from verifier.run.plan import MODULE
    from verifier.run.runner import RunSettings

    options = config.option
    cache_dir = None if options.derivation_no_cache else Path(options.derivation_cache_dir)
    jobs = options.derivation_jobs or (1 if hasattr(config, "workerinput") else os.cpu_count() or 1)
    engine = EngineSettings(seed=options.derivation_seed, samples=options.derivation_samples, cache_dir=cache_dir)
    only = frozenset((i.source, i.claim) for i in items)
    files = list(dict.fromkeys(i.source for i in items))
    settings = RunSettings(engine=engine, jobs=max(1, jobs), cache_dir=cache_dir, only=only)
    more_paths = tuple(os.path.abspath(p or os.curdir) for p in sys.path)  # pytest's own included: only added
    report = clean_runner(config).call(zygote.verify_run, os.getcwd(), files, settings, more_paths)
    if not report.complete:
        raise KeyboardInterrupt
    found = {(r.source, r.name): r for r in report.results}
    return {key: found.get(key) or _not_listed(key, found.get((key[0], MODULE))) for key in only}


def _not_listed(key: tuple[str, str], module: ClaimResult | None) -> ClaimResult:
    """The result of a claim the runner did not list: its file's module error (it loaded at collection, not in the
    runner), or that it was not listed."""
    from verifier import outcome

    why = module.reason if module else "not verified: the file did not list this claim when the runner loaded it"
    return outcome.ClaimResult.failed(key[0], Path(key[0]).stem, key[1], why)


def clean_runner(config: pytest.Config) -> Zygote:
    """The session's clean process: the CLI's environment (its hash seed, one BLAS thread) and this verifier,
    in a session of its own (Ctrl-C reaches it from this process alone, once)."""
    runner = config.stash.get(RUNNER, None)
    if runner is None:
        import os
        import site

        import verifier
        from verifier.cli import reexec
        from verifier.run import zygote

        here = str(Path(verifier.__file__).resolve().parent.parent)  # the verifier this process runs
        installed = here in {str(Path(p).resolve()) for p in (*site.getsitepackages(), site.getusersitepackages())}
        # an installed verifier is found anyway; its site-packages on PYTHONPATH would go before the standard library
        path = os.pathsep.join(filter(None, [None if installed else here, os.environ.get("PYTHONPATH")]))
        base = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | ({"PYTHONPATH": path} if path else {})
        env = reexec.environment_of_a_run(base)
        runner = config.stash[RUNNER] = zygote.Zygote(env, own_session=True)
    return runner


def shown_path(path: Path, start: Path) -> str:
    """The path as the user would type it: relative to where pytest started, if it is below."""
    try:
        return str(path.relative_to(start))
    except ValueError:
        return str(path)


def failure_text(r: ClaimResult) -> str:
    """The verdict and reason, the counterexample, the assumptions and the replay command."""
    lines = [f"{r.verdict} (expected {r.expect}): {r.reason}"]
    if r.counterexample:
        from verifier.render import counterexample as cx_text

        lines.append(cx_text.headline(r.counterexample, r))
    lines += _chain_lines(r)
    if r.diagnosis is not None:
        lines.append(f"diagnosis ({r.diagnosis.kind}): {r.diagnosis.said}")
    if r.assumptions:
        lines.append("assumptions: " + "; ".join(r.assumptions))
    if r.replay:  # none for a claim that could not be read or built: its line says where
        lines.append(f"replay: {r.replay}")
    return "\n".join(lines)


def _chain_lines(r: ClaimResult) -> list[str]:
    """A chain's lines, each with its verdict, the first wrong one marked (as `verifier check` shows them)."""
    if not r.steps:
        return []
    from verifier.render.terminal import STEP_MARKS

    rows = [f"chain {r.derivation}.{r.name}:"]
    for step in r.steps:
        mark = "➜" if step.index == r.first_wrong_step else " "
        relation = STEP_MARKS.get(step.relation, step.relation)
        rows.append(f"  {mark} {step.index:>2} {relation} {step.text}  {step.verdict}")
    return rows


class ErrorItem(pytest.Item):
    """A part of a LaTeX file that did not parse (its declarations, its chain markers): it fails with its one-line
    error."""

    def __init__(self, *, message: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.message = message

    def runtest(self) -> None:
        raise ClaimFailed(self.message)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        return f"ERROR: {self.message}"

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, self.name
