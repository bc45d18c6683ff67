"""What a run will verify: each file's claims, learned by loading it in a worker or from the cache.

A claim's cache key comes from its module's key (the file's bytes, the library modules it
imports, the engine; `verifier.run.cache`), its name and the options: no claim is built for it.
The list of a module's claims is cached under the module's key too, so a warm run reads
every result without importing a single derivation module. Only a module that loaded
cleanly has its list cached; one with errors is loaded again each run, and reports them.
"""

from __future__ import annotations

import fnmatch
import importlib
from collections.abc import Collection
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from verifier.engine import EngineSettings
from verifier.language.keys import ClaimKey
from verifier.load import loader
from verifier.outcome import ClaimResult, Expect, Status
from verifier.run import cache, pool
from verifier.run.executor import Executor
from verifier.strategies import budget

HELD: dict[str, loader.Loaded] = {}  # in a process that holds modules: each module, loaded once


@dataclass(frozen=True)
class ClaimSpec:
    """What the parent needs to schedule a claim, learned by loading its module."""

    path: str
    name: str
    derivation: str
    statement: str
    expect: Expect
    n_values: tuple[int | None, ...]
    cache_key: str | None = None
    reads: tuple[tuple[str, str], ...] = ()  # the files its module read as it loaded, with their digests then
    premise: bool = False  # a claim the module imported (another module's): verified only for a corollary citing it

    @property
    def key(self) -> str:
        """derivation.name, as in reports and the baseline."""
        return str(ClaimKey.of(self))


def options(settings: EngineSettings) -> tuple[object, ...]:
    """The options a verdict depends on (verbose changes only the detail shown: it is in the key too)."""
    s = settings
    return (s.seed, s.samples, s.budget, s.corner_fraction, s.shrink, s.verbose)


MODULE = "<module>"  # the name of a result that is about a whole file: it could not be loaded or listed


def module_error(path: str, message: str) -> ClaimResult:
    return claim_error(path, Path(path).stem, MODULE, message)


def claim_error(path: str, derivation: str, name: str, message: str, status: Status = Status.ERROR) -> ClaimResult:
    return ClaimResult.failed(path, derivation, name, message, status)


# what claims import on first use (budget.LAZY_IMPORTS; start_claim imports them before it meters, in
# any process): imported once in the process that forks the workers, so that no worker pays the import
# itself. The shrinker's module (light: it searches simple points itself) and numpy.random join them in a process
# that forks a run's workers whatever the run's claims (`hold_module`, and the zygote on a Dask worker or under
# `pytest --derivations`): what a holder has imported, and in which order, moves work counts
# (matrix_notation_ml.batch_norm_centring_jacobian took 1 heartbeat at n = 1 with the shrinker imported before
# its module, 0 after), so a claim alone, in a whole run, in a shard or on Dask starts from one state.
# numpy.random is named here rather than left to an alias a module evaluates at import: every claim's numeric check
# loads it. hypothesis was here too, no claim using it, to give the CLI and the zygote the same modules: without it
# a claim of dcp.py had taken another heartbeat under `pytest --derivations` than under the CLI. It cost a trivial
# `check` 0.1 s, and the doors now agree without it (tests/cli/test_pytest_plugin_work.py; and every proof of the
# library took the same work under `pytest --derivations` as under the CLI, compared claim by claim in issue 42).
SHRINKER = ("verifier.numeric.shrink", "numpy.random")


# the optional libraries some claims import on first use (`budget.first_use`: scipy.special for special functions'
# values, Clarabel with scipy.sparse and scipy.linalg for sums of squares; 0.3 s of CPU together). A run of more
# than one derivation file imports them once, before it forks the first holder, instead of in each claim's worker
# that needs them (about 70 of the library's claims, 0.1 to 0.2 s each); a run of one file, such as a `check`,
# leaves them to the claims. A claim's work is the same either way (first_use; tests/strategies/test_budget.py).
OPTIONAL = ("scipy.special", "clarabel", "scipy.sparse", "scipy.linalg")


def share_optional(paths: Collection[str]) -> None:
    """In the process that forks the holders, before it forks those of `paths` (the files whose claims it is
    about to load or verify): the optional libraries, if there is more than one file (a no-op once imported)."""
    if len(set(paths)) > 1:
        with budget.collector_off():
            for name in OPTIONAL:
                importlib.import_module(name)


def share_imports(shrinker: bool = False) -> None:
    """Import what the workers would each import on first use (once; a no-op after)."""
    with budget.collector_off():
        for name in budget.LAZY_IMPORTS + (SHRINKER if shrinker else ()):
            importlib.import_module(name)


def share_with_holders() -> None:
    """In the process that forks the holders, before the first: the imports every holder starts with (a holder
    imported them itself, 0.15 s of CPU in each of a library run's 44 holders)."""
    share_imports(shrinker=True)


def hold_module(path: str, verbose: bool) -> None:
    """Runs in the process that forks a module's workers (`verifier.run.hosts`, `verifier.run.grouped`): the
    shared imports (a no-op where the process that forked it made them: `share_with_holders`), then the module,
    loaded once. What it holds depends on the module alone, never on which of its claims run, nor on which other
    claims the run has."""
    share_imports(shrinker=True)
    if path not in HELD:
        HELD[path] = loader.load(Path(path), verbose)
    budget.empty_caches()  # what loading cached, freed once here rather than in each worker (start_claim)


def holding(path: str, verbose: bool) -> pool.Group:
    """The setup a module's tasks share: its module loaded, once per run."""
    return pool.Group(path, hold_module, (path, verbose), share_with_holders)


def load_specs(path: str, verbose: bool) -> tuple[list[ClaimSpec], list[ClaimResult]]:
    """Runs in a worker forked from the process that holds the module: its claims, and ERROR results for
    module-level problems (a module its holder could not load is loaded here, and says why)."""
    p = Path(path)
    try:
        loaded = HELD.get(path) or loader.load(p, verbose)
    except loader.LoadError as err:
        return [], [module_error(path, str(err))]
    errors = [
        claim_error(path, p.stem, name, f"{path}: two claims are named {name!r}; rename one")
        for name in loaded.duplicates
    ]
    errors += [claim_error(path, p.stem, name, message) for name, message in loaded.errors]
    if not loaded.families and not loaded.errors:
        hint = "write $$…$$ chains" if p.suffix in (".md", ".tex") else "decorate claim builders with @claim(...)"
        if loaded.imported:  # `from base import square` only: square is base.py's, reported there
            hint = f"the claims it imports are their own modules', reported there; {hint}"
        errors.append(module_error(path, f"{path}: no claims found; {hint}"))
    read = cache.read_digests(loaded.reads, p.resolve().parent)
    own = [(f, False) for f in loaded.families if f.name not in loaded.duplicates]
    specs = [
        ClaimSpec(path, f.name, f.derivation, f.statement_text, f.expect, f.all_n, reads=read, premise=premise)
        for f, premise in [*own, *((f, True) for f in loaded.imported)]
    ]
    return specs, errors


def _shown_error(error: ClaimResult, pattern: str, selected: str) -> bool:
    """A load error of a module the pattern selects, shown if it is the module's own (<module>, <declarations>)
    or the pattern selects its claim: checking two.two_1 shows no error of two_2, another chain of the file."""
    if not fnmatch.fnmatch(error.derivation, selected):
        return False
    return error.name.startswith("<") or matches_key(error.key, pattern)


def matches_key(key: str, pattern: str) -> bool:
    """A pattern selects a derivation ("softmax"), a claim ("softmax.jacobian") or a glob."""
    if not pattern:
        return True
    derivation, _, name = key.partition(".")  # any text: a baseline's keys are read from a file
    return any(fnmatch.fnmatch(t, pattern) for t in (key, derivation, name)) or pattern in (key, derivation)


def _keyed(specs: list[ClaimSpec], module: str | None, settings: EngineSettings) -> list[ClaimSpec]:
    if module is None:
        return specs
    opts = options(settings)
    return [replace(s, cache_key=cache.claim_key(cache.with_reads(module, s.reads), s.name, opts)) for s in specs]


def _from_listing(path: str, listing: list[dict[str, Any]]) -> list[ClaimSpec]:
    return [
        ClaimSpec(
            **{
                **c,
                "path": path,
                "expect": Expect(c["expect"]),
                "n_values": tuple(c["n_values"]),
                "reads": tuple((str(p), str(d)) for p, d in c.get("reads", ())),
            }
        )
        for c in listing
    ]


def _reads_of(listing: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(str(p), str(d)) for p, d in (listing[0].get("reads", ()) if listing else ())]


def _listing(specs: list[ClaimSpec]) -> list[dict[str, Any]]:
    return [{**asdict(s), "path": "", "cache_key": None} for s in specs]


def load_all(
    files: list[str],
    settings: EngineSettings,
    run: tuple[Executor, int, float, int],
    store: cache.ResultCache | None,
    pattern: str,
) -> tuple[list[ClaimSpec], list[ClaimResult]]:
    """Every claim of every file that may hold one the pattern selects (from the cache, or loaded in a worker),
    and the module errors the pattern shows; the runner selects the claims (a corollary's premises stay at hand).
    run: the executor, jobs, the load time limit and the memory limit."""
    specs: list[ClaimSpec] = []
    errors: list[ClaimResult] = []
    keys = {f: cache.module_key(Path(f)) if store else None for f in files if loader.may_hold(f, pattern)}
    selected = pattern.split(".")[0]  # a module's errors show for any pattern that selects the module

    def found(path: str, claims: list[ClaimSpec], failed: list[ClaimResult]) -> None:
        specs.extend(_keyed(claims, keys[path], settings))
        errors.extend(e for e in failed if not pattern or _shown_error(e, pattern, selected))

    def loaded(task: pool.Task, value: object) -> None:
        if isinstance(value, pool.Failure):
            errors.append(module_error(task.key, f"{task.key}: {value.message.splitlines()[0]} while loading"))
            return
        claims: list[ClaimSpec] = value[0]  # type: ignore[index]
        failed: list[ClaimResult] = value[1]  # type: ignore[index]
        key = keys[task.key]
        if store is not None and key and not failed and cache.module_key(Path(task.key)) == key:  # not edited since
            store.put_listing(key, _listing(claims))
        found(task.key, claims, failed)

    tasks = []
    for path, key in keys.items():
        listing = store.get_listing(key) if store is not None and key else None
        if listing is not None and not cache.reads_current(_reads_of(listing), Path(path).resolve().parent):
            listing = None  # a file the module read as it loaded has changed: load it again, as it now reads
        if listing is None:
            tasks.append(pool.Task(path, load_specs, (path, settings.verbose), holding(path, settings.verbose)))
        else:
            found(path, _from_listing(path, listing), [])
    executor, jobs, limit, memory_mb = run
    if tasks:
        share_optional([task.key for task in tasks])
        executor.run(tasks, jobs, limit, memory_mb, loaded)
    return specs, errors
