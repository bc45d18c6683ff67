"""Run a verification's tasks on a Dask cluster: the optional extra, `pip install ".[dask]"`.

Each Dask task is the local pool's fork-per-task run, inside a clean process the worker starts
(`verifier.run.zygote`, which says why a worker's own process would not do): it forks a child
with the hard timeout and the memory limit, so a claim that hangs, crashes or exhausts memory
costs its own verdict (UNKNOWN or ERROR), never the worker. Forking
needs workers that are not daemon processes (dask config `distributed.worker.daemon: False`),
which `verify-all --dask-local N` sets for the LocalCluster it starts; a remote cluster's
workers are checked before the run starts.

A worker that dies (killed, its machine lost) loses nothing. The scheduler runs its tasks
again elsewhere, up to its `allowed-failures`; a task that still comes back as KilledWorker is
resubmitted here, MAX_RERUNS re-runs in all, and after that it is an ERROR that says so. The
scheduler counts, per task, the workers that died running it (`TaskState.suspicious`); that
count is read before each result is released, so the report names every task that ran again.

A verdict never depends on the worker that computed it: each claim runs in a fresh fork, the
symbolic budget counts work, not seconds, and every worker must have the PYTHONHASHSEED of the
CLI (0), which fixes the order sympy walks sets and dicts in; the check refuses a worker that
differs. Dask is imported only here, and only when a cluster is asked for.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

from verifier import __version__
from verifier.run import cache, pool, zygote
from verifier.run.executor import OnDone

MAX_RERUNS = 3  # re-runs of one task after lost workers, the scheduler's and ours together
NO_WORKER_SECONDS = 120.0  # a run gives up on its tasks when the cluster has had no worker this long
INSTALL = 'pip install ".[dask]"'
WORKER_HINT = "PYTHONHASHSEED=0 dask worker --no-nanny --nthreads 1 ADDRESS"


class ClusterError(Exception):
    """The cluster cannot be used; the message is one line and says what to do."""


def load_distributed() -> Any:
    """The `distributed` package, or a ClusterError that names the extra to install."""
    try:
        import distributed
    except ImportError:
        raise ClusterError(f"a Dask cluster needs the [dask] extra: {INSTALL}") from None
    return distributed


def run_in_worker(packed: bytes, timeout: float, memory_mb: int) -> Any:
    """Runs on a Dask worker: the task, pickled, run by a zygote of the worker's (`verifier.run.zygote`) as
    the CLI runs it, held and then forked under the hard time and memory limits."""
    with zygote.borrowed() as clean:
        return clean.run(packed, timeout, memory_mb)


def worker_facts() -> dict[str, Any]:
    """Runs on each worker before the run: what the check needs (and its zygote started, once)."""
    with zygote.borrowed() as clean:
        clean.start()
    return {
        "version": __version__,
        "hashseed": os.environ.get("PYTHONHASHSEED"),
        "daemon": multiprocessing.current_process().daemon,
        "engine": cache.engine_fingerprint(),  # the sources, libraries and variables a cached verdict is keyed by
        "libraries": cache.versions(),
        "sources": cache.source_digests(),
    }


def check_workers(facts: dict[str, dict[str, Any]], hashseed: str) -> None:
    """Refuse workers that could not fork, or whose verdicts could differ from this run's."""
    if not facts:
        raise ClusterError(f"the Dask scheduler has no workers; start some with {WORKER_HINT}")
    for address, fact in sorted(facts.items()):
        if fact["daemon"]:
            raise ClusterError(
                f"Dask worker {address} is a daemon process and cannot fork a child per claim; "
                f"start workers with DASK_DISTRIBUTED__WORKER__DAEMON=False, or as {WORKER_HINT}"
            )
        if fact["version"] != __version__:
            raise ClusterError(
                f"Dask worker {address} runs verifier {fact['version']}, this run {__version__}; install the same"
            )
        if fact["hashseed"] != hashseed:
            raise ClusterError(
                f"Dask worker {address} has PYTHONHASHSEED={fact['hashseed']}, this run {hashseed}, so verdicts "
                f"could depend on the worker; start workers as {WORKER_HINT} (a nanny sets its own seed)"
            )
        if fact.get("engine") != cache.engine_fingerprint(hashseed):
            raise ClusterError(
                f"Dask worker {address} runs another engine than this run ({_differs(fact, hashseed)}), so verdicts "
                "could depend on the worker, and this run would cache them as its own; start it from the same install"
            )


def _differs(fact: dict[str, Any], hashseed: str) -> str:
    """What differs between a worker's engine and this run's: libraries' versions, variables, or the sources."""
    here, theirs = cache.versions(hashseed).split("; "), str(fact.get("libraries", "")).split("; ")
    only_there, only_here = [t for t in theirs if t not in here], [h for h in here if h not in theirs]
    if not only_there and not only_here:
        return _sources_differ(fact.get("sources"))
    return f"it has {', '.join(only_there) or 'nothing'} where this run has {', '.join(only_here) or 'nothing'}"


def _sources_differ(theirs: object) -> str:
    """Which of the worker's verifier sources differ from this run's, as read now (at most three named)."""
    if not isinstance(theirs, dict):
        return "its verifier sources differ"
    here = cache.source_digests()
    names = sorted(name for name in here.keys() | theirs.keys() if here.get(name) != theirs.get(name))
    if not names:  # this run's fingerprint was taken before an edit the worker saw
        return "its verifier sources differ from this run's when it started; they read the same now"
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    return f"its verifier sources differ: {', '.join(names[:3])}{more}"


class _NoWorkerWatch:
    """While a run waits on the cluster: once it has had no worker for `limit` seconds, give up on the run's
    tasks rather than wait for a worker forever. Each becomes a 'timeout' failure: UNKNOWN, never cached,
    as for any safety net whose outcome depends on the machines, not on the claim."""

    POLL = 1.0

    def __init__(self, client: Any, futures: Callable[[], list[Any]], limit: float) -> None:
        self.client, self.futures, self.limit = client, futures, limit
        self.reason = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="verifier-no-worker-watch", daemon=True)

    def __enter__(self) -> _NoWorkerWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _workers(self) -> int:
        try:
            return len(self.client.nthreads())
        except Exception:  # the scheduler cannot be asked: no worker can be reached either
            return 0

    def _watch(self) -> None:
        since: float | None = None
        while not self._stop.wait(self.POLL):
            if self._workers():
                since = None
                continue
            since = since or time.monotonic()
            if time.monotonic() - since >= self.limit:
                self.reason = (
                    f"not run: the Dask cluster had no worker for {self.limit:g} s (start workers, or run locally)"
                )
                with contextlib.suppress(Exception):
                    self.client.cancel(self.futures(), force=True)
                return


class DaskExecutor:
    """Runs tasks on the workers of a Dask client, each forked there under the hard limits."""

    def __init__(self, client: Any, no_worker_seconds: float = NO_WORKER_SECONDS) -> None:
        self.client = client
        self.no_worker_seconds = no_worker_seconds
        self._reruns: dict[str, int] = {}

    def reruns(self) -> dict[str, int]:
        """Counted over every run of this executor (the runner takes the difference)."""
        return dict(self._reruns)

    def release(self) -> None:
        """Nothing is kept between tasks here: each task's module is loaded by its own holder on the worker."""

    def describe(self) -> str:
        """One line: where the tasks run."""
        threads = self.client.nthreads()
        where = self.client.scheduler.address
        workers, total = len(threads), sum(threads.values())
        return (
            f"on the Dask cluster at {where}: {workers} worker{'s'[: workers != 1]}, {total} thread{'s'[: total != 1]}"
        )

    def run(self, tasks: list[pool.Task], jobs: int, timeout: float, memory_mb: int, on_done: OnDone) -> None:
        """Run every task on the cluster (its threads set the parallelism, not jobs); on_done as each ends.

        Only as many tasks as the cluster has threads are submitted at a time, so a worker never
        holds a task it has not started: none waits behind a slow claim while another worker is
        idle, and the tasks a dead worker takes with it are exactly those it was running.
        """
        distributed = load_distributed()
        import cloudpickle  # a dependency of Dask's: functions of a script pickle by value

        waiting = [(task, 0) for task in reversed(tasks)]  # (task, workers lost running it so far), next last
        pending: dict[str, tuple[pool.Task, int]] = {}  # submitted: dask key → (task, workers lost)
        done = distributed.as_completed()

        def submitted() -> list[Any]:
            with done.lock:  # the watch asks from its own thread
                return list(done.futures)

        watch = _NoWorkerWatch(self.client, submitted, self.no_worker_seconds)

        def submit_more() -> None:
            if watch.reason:
                while waiting:
                    on_done(waiting.pop()[0], pool.Failure(pool.FailureKind.TIMEOUT, watch.reason))
                return
            slots = max(1, sum(self.client.nthreads().values()))
            while waiting and len(pending) < slots:
                task, lost = waiting.pop()
                key = f"verifier-{uuid.uuid4().hex}"
                pending[key] = (task, lost)
                packed = cloudpickle.dumps(task)
                done.add(self.client.submit(run_in_worker, packed, timeout, memory_mb, key=key, pure=False))

        with watch:
            try:
                submit_more()
                for batch in done.batches():
                    self._settle(batch, pending, waiting, on_done, watch.reason)
                    submit_more()
            except BaseException:
                self.client.cancel(list(done.futures), force=True)
                raise

    def _settle(self, batch: list[Any], pending: dict[str, tuple[pool.Task, int]],
                waiting: list[tuple[pool.Task, int]], on_done: OnDone, abandoned: str) -> None:  # fmt: skip
        """Each finished future's task to on_done, or back to waiting when its worker died (first in line)."""
        killed = load_distributed().KilledWorker
        counts = self._lost_workers([f.key for f in batch])
        for future in batch:
            task, before = pending.pop(future.key)
            lost = before + counts.get(future.key, 0)
            value = self._outcome(future, lost, killed, abandoned)
            if value is None:
                waiting.append((task, lost))
                continue
            if lost:
                reran = lost - 1 if lost > MAX_RERUNS else lost  # when given up, the last run was lost too
                self._reruns[task.key] = self._reruns.get(task.key, 0) + reran
            on_done(task, value)

    def _outcome(self, future: Any, lost: int, killed: type, abandoned: str) -> Any | None:
        """The task's value or pool.Failure, released from the cluster; None: submit it again."""
        try:
            if future.status == "cancelled":
                return pool.Failure(
                    pool.FailureKind.TIMEOUT, abandoned or "cancelled by the Dask cluster (its scheduler dropped it)"
                )
            if future.status != "error":
                return future.result()
            err = future.exception()
            if isinstance(err, killed):
                if lost <= MAX_RERUNS:
                    return None
                return pool.Failure(pool.FailureKind.DIED, f"{lost} Dask workers died running it; not run again")
            return pool.Failure(pool.FailureKind.RAISED, f"on the Dask worker: {type(err).__name__}: {err}")
        finally:
            future.release()

    def _lost_workers(self, keys: list[str]) -> dict[str, int]:
        """Per finished task, how many workers died while it was assigned to them (0s left out)."""

        def count(keys: list[str], dask_scheduler: Any = None) -> dict[str, int]:
            tasks = dask_scheduler.tasks
            return {k: tasks[k].suspicious for k in keys if k in tasks and tasks[k].suspicious}

        found: dict[str, int] = self.client.run_on_scheduler(count, keys)
        return found


def _seeded_nanny(distributed: Any, hashseed: str) -> type:
    """A Nanny that starts its worker with this PYTHONHASHSEED (a plain one picks its own, 6640)."""

    class SeededNanny(distributed.Nanny):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            for env in (getattr(self, "pre_spawn_env", None), getattr(self, "env", None)):
                if env is not None:
                    env["PYTHONHASHSEED"] = hashseed

    return SeededNanny


def _local_cluster(distributed: Any, workers: int, hashseed: str) -> Any:
    return distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        memory_limit=0,  # each claim's child has its own limit (--memory-mb); the worker needs none
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": ":0"},  # its health routes on a free port, never a fixed 8787
        silence_logs=logging.ERROR,
        worker_class=_seeded_nanny(distributed, hashseed),
    )


def _connect(distributed: Any, scheduler: str) -> Any:
    try:
        client = distributed.Client(scheduler, timeout="20s")
    except (OSError, TimeoutError, ValueError) as err:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
    try:
        client.wait_for_workers(1, timeout=60)
    except TimeoutError:
        client.close()
        raise ClusterError(f"no worker joined the Dask scheduler at {scheduler} within 60 s; {WORKER_HINT}") from None
    return client


@contextlib.contextmanager
def open_executor(scheduler: str | None = None, local_workers: int = 0) -> Iterator[DaskExecutor]:
    """An executor on the scheduler at this address, or on a LocalCluster of local_workers processes."""
    distributed = load_distributed()
    import dask

    hashseed = os.environ.get("PYTHONHASHSEED") or "0"
    settings = {
        "distributed.worker.daemon": False,  # workers fork a child per task
        "distributed.scheduler.worker-saturation": 1.0,  # one task per thread: no claim queues behind a slow one
    }
    with contextlib.ExitStack() as stack:
        stack.enter_context(dask.config.set(settings))
        if scheduler:
            client = stack.enter_context(_connect(distributed, scheduler))
        else:
            cluster = stack.enter_context(_local_cluster(distributed, local_workers, hashseed))
            client = stack.enter_context(distributed.Client(cluster))
        check_workers(client.run(worker_facts), hashseed)
        yield DaskExecutor(client)
