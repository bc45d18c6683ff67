"""sympy's cache at the engine's size in every process, whatever imported sympy first and however it was sized."""

from __future__ import annotations

import json
import subprocess
import sys

import sympy
import sympy.core
from sympy.core import cache

from tests.quality.test_work_per_process import DRIVER, FINE
from tests.support import ROOT
from verifier.language import sympy_cache


def _size(wrapper: object) -> int | None:
    code, cells = wrapper.__code__, wrapper.__closure__  # type: ignore[attr-defined]
    size: int | None = cells[code.co_freevars.index("cfunc")].cell_contents.cache_parameters()["maxsize"]
    return size


def test_every_cached_function_of_sympy_holds_the_engines_size() -> None:
    assert len(cache.CACHE) > 50
    assert {_size(w) for w in cache.CACHE} == {sympy_cache.SIZE}


def test_functions_cached_later_get_the_engines_size_through_every_name_of_cacheit() -> None:
    for cacheit in (cache.cacheit, sympy.core.cacheit, sympy.cacheit):

        @cacheit
        def square(x: int) -> int:
            return x * x

        assert square(3) == 9
        assert _size(square) == sympy_cache.SIZE
        cache.CACHE.remove(square)


def test_a_resized_function_still_answers_and_is_emptied_by_clear_cache() -> None:
    x = sympy.Symbol("x_cache_test")
    assert sympy.exp(x + 1) * sympy.exp(x + 1) == sympy.exp(2 * x + 2)
    assert any(w.cache_info().currsize for w in cache.CACHE)  # type: ignore[attr-defined]
    cache.clear_cache()
    assert not any(w.cache_info().currsize for w in cache.CACHE)  # type: ignore[attr-defined]


def test_an_unknown_wrapper_is_left_alone() -> None:
    def plain(x: int) -> int:
        return x

    assert sympy_cache.resize(plain) is False


def _work(cache_size: str | None) -> dict[str, object]:
    """A claim's work per n, in a fresh process that imports sympy (sized by SYMPY_CACHE_SIZE) before the verifier."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "0"}
    if cache_size is not None:
        env["SYMPY_CACHE_SIZE"] = cache_size
    command = [sys.executable, "-c", DRIVER, "1000000", str(FINE), "derivations/logistic_loss.py", "hessian", "3,4"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    out: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return out


def test_a_claims_work_does_not_depend_on_the_environments_cache_size() -> None:
    """sympy reads SYMPY_CACHE_SIZE when it is imported, before the verifier is: a user's setting (or a notebook
    that imported sympy first) would otherwise change what a claim's proof costs, and so whether it fits its
    budget. Without the resizing, a cache of 20 made this claim's proofs take other work."""
    default, small = _work(None), _work("20")
    assert default["status"] == "PROVED"
    assert small == default


def test_what_was_built_unevaluated_is_not_served_from_the_larger_cache_afterwards() -> None:
    """sympy empties its cache when evaluate(False) is entered and left: a sum built unevaluated there is not what
    the same sum gives afterwards, however long the cache now keeps its entries."""
    x = sympy.Symbol("x_unevaluated_test")
    with sympy.evaluate(False):
        kept = x + x
    assert kept.is_Add
    assert x + x == 2 * x
    assert (x + x).is_Mul
