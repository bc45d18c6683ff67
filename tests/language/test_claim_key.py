"""A claim's key: written once by ClaimKey, read back by it, and the same strings as the reports and baseline."""

from __future__ import annotations

import json

import pytest

from tests.support import ROOT
from verifier.language.keys import ClaimKey
from verifier.outcome import ClaimResult, Expect, Status


def test_every_key_of_the_baseline_reads_back_as_it_was_written() -> None:
    keys = json.loads((ROOT / "tests" / "data" / "baseline.json").read_text())["claims"]
    assert len(keys) > 100
    for text in keys:
        key = ClaimKey.parse(text)
        assert str(key) == text and "." not in key.derivation


def test_a_result_is_keyed_by_its_derivation_and_name() -> None:
    result = ClaimResult("jacobian", "softmax", "identity", "", Expect.HOLDS, Status.PROVED, "")
    assert result.claim_key == ClaimKey("softmax", "jacobian") == ClaimKey.of(result)
    assert result.key == "softmax.jacobian" == f"{result.claim_key}"


@pytest.mark.parametrize("text", ["softmax", "softmax.", ".jacobian", ""])
def test_a_text_without_both_parts_is_not_a_key(text: str) -> None:
    with pytest.raises(ValueError, match="not a claim key"):
        ClaimKey.parse(text)


def test_keys_are_values_and_sort_by_derivation_then_name() -> None:
    keys = [ClaimKey("b", "a"), ClaimKey("a", "z"), ClaimKey("a", "b")]
    assert sorted(keys) == [ClaimKey("a", "b"), ClaimKey("a", "z"), ClaimKey("b", "a")]
    assert len({ClaimKey("a", "b"), ClaimKey.parse("a.b")}) == 1
