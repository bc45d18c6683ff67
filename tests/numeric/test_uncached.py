"""A high-precision recomputation leaves sympy's cache as it found it (verifier.numeric.uncached)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
import sympy as sp
from sympy.core import cache as sympy_cache

from tests.support import run_cli
from verifier.numeric import uncached


def _entries() -> int:
    return sum(f.cache_info().currsize for f in sympy_cache.CACHE)


def _fresh_expression(k: int) -> sp.Expr:
    x = sp.Symbol(f"x_uncached_{k}")
    return sp.exp(x + sp.Rational(k, 7)) * sp.sin(x**3) + sp.log(2 + x**2)


def test_this_sympy_can_be_bypassed() -> None:
    assert uncached.supported(), "sympy's cache wrappers changed: verifier.numeric.uncached does nothing"


def test_a_cache_sympy_lists_after_the_first_block_is_bypassed_too() -> None:
    """The cells are read once and kept; a cache made since (a module of sympy imported later) is read then."""
    with uncached.untouched():
        pass
    late = sympy_cache.cacheit(lambda a: a + 1)  # listed in sympy's CACHE as it is made
    with uncached.untouched():
        late(sp.Integer(1))
    assert late.cache_info().currsize == 0
    assert uncached.supported()
    late(sp.Integer(1))
    assert late.cache_info().currsize == 1  # cached again after the block


def test_the_block_adds_finds_and_reorders_nothing() -> None:
    before = _entries()
    with uncached.untouched():
        built = _fresh_expression(1)
        assert _entries() == before
    assert built == _fresh_expression(1)  # the same value, built again with the cache
    assert _entries() > before


def test_the_caches_work_again_after_the_block_and_after_an_error() -> None:
    with pytest.raises(ZeroDivisionError), uncached.untouched():
        raise ZeroDivisionError
    before = _entries()
    _fresh_expression(2)
    assert _entries() > before


def test_another_thread_keeps_the_cache() -> None:
    grew: list[bool] = []

    def work() -> None:
        before = _entries()
        with uncached.untouched():
            _fresh_expression(3)
        grew.append(_entries() > before)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert grew == [True]


@pytest.mark.slow
def test_a_proofs_work_does_not_follow_the_samples_recomputed_before_it(tmp_path: Path) -> None:
    """log_sum_exp_convex recomputes 11 samples at n ≤ 4 with 200 samples and 5 with 100; before the bypass its
    proof at n = 4 took 10 heartbeats after the first and 11 after the second."""
    work = {}
    for samples in ("100", "200"):
        out = tmp_path / f"{samples}.json"
        ran = run_cli("check", "convexity.log_sum_exp_convex", "--no-cache", "-q", "--samples", samples, "--json",
                      str(out))  # fmt: skip
        assert ran.returncode == 0, ran.stdout + ran.stderr
        evidence = json.loads(out.read_text())["claims"][0]["evidence"]
        escalated = sum(e["escalated"] for e in evidence["numeric"])
        work[samples] = ([p["work"] for p in evidence["proofs"]], escalated)
    assert work["100"][1] != work["200"][1]  # the premise: other samples were recomputed
    assert work["100"][0] == work["200"][0]
