"""Merge the JSON reports of several runs, usually the shards of one run, into one report.

The inputs must come from compatible runs: the same report schema and engine version,
the same seed and samples, and either all whole runs or all the shards of one partition
(same count, same fingerprint of the claim list and costs, every shard once). No claim
may appear in two reports. Any problem is a MergeError whose one-line message names the
file. The merged report lists the claims in the order one unsharded run would.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from verifier.outcome import SCHEMA_VERSION, RunReport, ShardInfo
from verifier.run.files import read_json


class MergeError(Exception):
    """The reports cannot be merged; the message is one line and names the file."""


def read_report(path: str) -> RunReport:
    """The run report in a file written by `verify-all --json`."""
    try:
        data = read_json(path)
    except FileNotFoundError:
        raise MergeError(f"{path}: no such report file") from None
    except json.JSONDecodeError as err:
        raise MergeError(f"{path}: not JSON (line {err.lineno}, column {err.colno}: {err.msg})") from None
    except (OSError, UnicodeDecodeError) as err:
        raise MergeError(f"{path}: cannot read it ({type(err).__name__}: {err})") from None
    if not isinstance(data, dict) or not isinstance(data.get("claims"), list):
        raise MergeError(f"{path}: not a verifier report (no 'claims' list); write one with verify-all --json")
    if data.get("schema_version") != SCHEMA_VERSION:
        version = data.get("schema_version")
        raise MergeError(f"{path}: report schema version {version!r}; this verifier reads version {SCHEMA_VERSION}")
    try:
        return RunReport.from_json(data)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise MergeError(f"{path}: malformed report ({type(err).__name__}: {err})") from None


def merge(reports: Sequence[tuple[str, RunReport]]) -> RunReport:
    """One report with every claim of the given (path, report) pairs."""
    if not reports:
        raise MergeError("no reports to merge")
    paths = [path for path, _ in reports]
    twice = next((path for i, path in enumerate(paths) if path in paths[:i]), None)
    if twice is not None:
        raise MergeError(f"{twice}: given twice")
    _same(reports, "engine version", lambda r: r.engine_version)
    _same(reports, "seed", lambda r: r.seed)
    _same(reports, "samples", lambda r: r.samples)
    _unique_claims(reports)
    results = [r for _, report in reports for r in report.results]
    shards = _shards(reports)
    if shards is not None:
        rank = {key: i for i, key in enumerate(shards.claims)}
        results.sort(key=lambda r: rank.get(r.key, len(rank)))
    first = reports[0][1]
    return RunReport(
        results,
        first.seed,
        first.samples,
        sum(report.seconds for _, report in reports),
        all(report.complete for _, report in reports),
        first.engine_version,
        retried={key: count for _, report in reports for key, count in report.retried.items()},
    )


def _same(reports: Sequence[tuple[str, RunReport]], label: str, get: Callable[[RunReport], object]) -> None:
    first_path, first = reports[0]
    for path, report in reports[1:]:
        if get(report) != get(first):
            raise MergeError(
                f"{path}: {label} {get(report)!r}, but {first_path} has {get(first)!r}; merge reports of one run"
            )


def _unique_claims(reports: Sequence[tuple[str, RunReport]]) -> None:
    seen: dict[str, str] = {}
    for path, report in reports:
        keys = {r.key for r in report.results}
        for key in sorted(keys):
            if key in seen:
                why = "each claim must come from one report"
                raise MergeError(f"claim {key} appears in both {seen[key]} and {path}; {why}")
            seen[key] = path


def _shards(reports: Sequence[tuple[str, RunReport]]) -> ShardInfo | None:
    """The first report's shard record if the reports are the shards of one run; None for whole runs."""
    parts = [(path, report.shard) for path, report in reports if report.shard is not None]
    if not parts:
        return None
    if len(parts) < len(reports):
        whole = next(path for path, report in reports if report.shard is None)
        path, info = parts[0]
        raise MergeError(
            f"{whole} is a whole run but {path} is shard {info.index}/{info.count} of one; "
            "merge the shards of one run, or whole runs"
        )
    first_path, first = parts[0]
    holder: dict[int, str] = {}
    for path, info in parts:
        if info.count != first.count or info.partition != first.partition:
            raise MergeError(
                f"{path} is shard {info.index}/{info.count} of another partition than {first_path} "
                f"(shard {first.index}/{first.count}): cut from a different claim list or baseline"
            )
        if info.index in holder:
            raise MergeError(f"{holder[info.index]} and {path} are both shard {info.index}/{info.count}")
        holder[info.index] = path
    missing = [f"{i}/{first.count}" for i in range(1, first.count + 1) if i not in holder]
    if missing:
        raise MergeError(f"shard {', '.join(missing)} missing: give the report of every shard of the run")
    return first
