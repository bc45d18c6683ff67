"""Shards: a stable partition by claim family, balanced by the cost the baseline records."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from verifier.outcome import ClaimResult, Expect, RunReport, ShardInfo, Status
from verifier.run import baseline
from verifier.run.shard import (
    Shard,
    baseline_scope,
    default_cost,
    fingerprint,
    parse_shard,
    partition,
    recorded_cost,
    select,
)

KEYS = [f"d{i % 7}.claim_{i:03d}" for i in range(200)]


def _costs(seed: int = 1) -> dict[str, float]:
    rng = random.Random(seed)
    return {key: recorded_cost(rng.lognormvariate(0, 1.5)) for key in KEYS}


def _loads(shards: list[list[str]], costs: dict[str, float]) -> list[float]:
    fallback = default_cost(costs)
    return [sum(costs.get(k, fallback) for k in shard) for shard in shards]


@pytest.mark.parametrize("count", [1, 2, 3, 4, 7])
def test_every_family_is_in_exactly_one_shard(count: int) -> None:
    shards = partition(KEYS, _costs(), count)
    assert len(shards) == count
    dealt = [key for shard in shards for key in shard]
    assert sorted(dealt) == sorted(KEYS) and len(dealt) == len(set(dealt))
    assert set().union(*(select(KEYS, _costs(), Shard(i, count)) for i in range(1, count + 1))) == set(KEYS)


def test_the_partition_depends_only_on_the_keys_and_costs_not_their_order() -> None:
    costs = _costs()
    shuffled = list(KEYS)
    random.Random(7).shuffle(shuffled)
    reversed_costs = dict(reversed(list(costs.items())))
    expected = [sorted(s) for s in partition(KEYS, costs, 4)]
    assert [sorted(s) for s in partition(shuffled, reversed_costs, 4)] == expected
    assert [sorted(s) for s in partition(KEYS + KEYS[:10], costs, 4)] == expected, "a repeated key is one family"
    assert fingerprint(shuffled, reversed_costs) == fingerprint(KEYS, costs)
    assert fingerprint(KEYS, {**costs, KEYS[0]: costs[KEYS[0]] + 1}) != fingerprint(KEYS, costs)
    assert fingerprint(KEYS[1:], costs) != fingerprint(KEYS, costs)


@pytest.mark.parametrize(("seed", "count"), [(1, 2), (2, 3), (3, 4), (4, 6)])
def test_shards_are_balanced_by_cost(seed: int, count: int) -> None:
    costs = _costs(seed)
    loads = _loads(partition(KEYS, costs, count), costs)
    biggest = max(costs.values())
    assert max(loads) - min(loads) <= biggest + 1e-9, "no shard exceeds another by more than one family"
    best_possible = max(sum(costs.values()) / count, biggest)
    assert max(loads) <= 4 / 3 * best_possible + 1e-9, "within the longest-processing-time bound of the optimum"


def test_costs_not_names_decide_the_cut() -> None:
    costs = {"a.x": 10.0, "b.x": 1.0, "c.x": 10.0, "d.x": 1.0}
    shards = partition(costs, costs, 2)
    assert shards == [["a.x", "b.x"], ["c.x", "d.x"]], "dealing by name alone would put 20 s against 2 s"
    assert _loads(shards, costs) == [11.0, 11.0]


def test_families_the_baseline_does_not_know_cost_the_median() -> None:
    costs = {"m.a": 1.0, "m.b": 5.0, "m.c": 9.0}
    assert default_cost(costs) == 5.0 and default_cost({}) == 1.0
    shards = partition([*costs, "new.one"], costs, 2)
    assert shards == [["m.c", "m.a"], ["m.b", "new.one"]], "the unknown family weighs 5 s (at 1 s it would join m.b)"


def test_recorded_costs_sit_on_a_coarse_scale() -> None:
    assert [recorded_cost(s) for s in (0.0, 0.04, 0.13, 1.04, 2.6, 40.0, 95.0, 1100.0, 1300.0)] == [
        0.1,
        0.1,
        0.15,
        1.0,
        3.0,
        50.0,
        100.0,
        1000.0,
        1500.0,
    ]
    assert recorded_cost(float("nan")) == 0.1
    assert recorded_cost(2.8) == recorded_cost(3.1), "noise in a CPU time rarely changes the recorded cost"


@pytest.mark.parametrize("text", ["0/3", "4/3", "3", "a/b", "1/0", "-1/2", "1/2/3", ""])
def test_a_bad_shard_value_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="--shard"):
        parse_shard(text)


def test_a_shard_value_parses() -> None:
    assert parse_shard("2/4") == Shard(2, 4) and str(parse_shard(" 1 / 1 ")) == "1/1"


def _result(derivation: str, name: str, seconds: float = 0.0, cpu: float = 0.0) -> ClaimResult:
    return ClaimResult(
        name, derivation, "identity", "", Expect.HOLDS, Status.PROVED, "",
        seconds=seconds, cpu_seconds=cpu, proved_n=[None],
    )  # fmt: skip


def test_the_baseline_records_a_cost_and_an_old_baseline_still_loads(tmp_path: Path) -> None:
    report = RunReport([_result("d", "a", seconds=9.0, cpu=2.9), _result("d", "b", seconds=0.4)], 0, 200, 1.0)
    path = tmp_path / "baseline.json"
    baseline.write(path, report)
    assert baseline.costs(path) == {"d.a": 3.0, "d.b": 0.5}, "CPU seconds when measured, else wall seconds"
    old = json.loads(path.read_text())
    for entry in old["claims"].values():
        del entry["cost"]
    path.write_text(json.dumps(old))
    assert baseline.costs(path) == {}
    assert baseline.compare(baseline.load(path), report) == []


def test_a_shard_answers_to_the_baseline_for_its_own_claims_only() -> None:
    info = ShardInfo(2, 3, "f", ("d.a", "d.b", "d.c"))
    mine = baseline_scope(info, {"d.b"})
    assert mine("d.b") and not mine("d.a") and not mine("d.gone")
    first = baseline_scope(ShardInfo(1, 3, "f", info.claims), {"d.a"})
    assert first("d.gone"), "a claim that left the library is missing in shard 1, and only there"
    old = baseline.snapshot(RunReport([_result("d", k) for k in "abc"], 0, 200, 1.0))["claims"]
    shard_report = RunReport([_result("d", "b")], 0, 200, 1.0, shard=info)
    assert baseline.compare(old, shard_report, mine) == []
    whole = baseline.compare(old, shard_report)
    assert {c.key for c in whole if c.after == "missing"} == {"d.a", "d.c"}, "without the scope they would be missing"


def test_the_shard_record_survives_the_json_round_trip() -> None:
    info = ShardInfo(1, 2, "abc", ("d.a", "d.b"))
    report = RunReport([_result("d", "a")], 3, 50, 1.0, shard=info)
    again = RunReport.from_json(json.loads(json.dumps(report.to_json())))
    assert again.shard == info and again.seed == 3
    assert "shard" not in RunReport([], 0, 1, 0.0).to_json()
