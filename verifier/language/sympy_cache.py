"""sympy's cache, sized for claims: SIZE results per cached function instead of sympy's 1,000.

sympy memoises its constructors and many of its methods (`cacheit`: one functools.lru_cache per function, of
SYMPY_CACHE_SIZE entries, 1,000 unless the environment said otherwise when sympy was imported). A claim at
n = 16 or 32 makes many more distinct expressions than that between two uses of one: the cache evicts them,
and an expression made again derives its assumptions again (each sympy object keeps its own; the assumption
system was a quarter of the library's CPU under cProfile). Sized at SIZE, three files of the library (logistic_loss,
softmax, two_layer_net) took 0.86 of their CPU in one process and 0.92 through `verifier check`, paired runs on
one machine (issue 42; reports/bench_issue42_cache); the whole library through `verify-all`, two pairs, 0.86 and
1.04, within that machine's noise. Peak memory rose by 2 to 3 %: the engine empties the cache before each claim
(`budget.start_claim`), so it never holds more than one claim's expressions, and the work budget bounds how many
those are. The cache keeps what it made, and a claim's work is counted in allocations: 156 proofs of the library
took 1 to 7 more heartbeats, none fewer (the most, 57 of the budget's 300).

The size must not depend on which process verifies, nor on what it imported first (a notebook imports sympy
before the verifier, so the environment variable would come too late there): a claim's work is counted in
allocations, and a cache hit allocates nothing. So :func:`install` resizes every function sympy has registered
so far, by replacing, in the closure of the function's wrapper, the lru_cache it calls with one of SIZE entries
over the same function, and makes the `cacheit` of sympy's modules imported later give SIZE too. It runs when
the language layer is imported and again before each claim (`budget.start_claim`; a no-op once sized). A sympy
whose cache is not built this way is left as it is: only slower. A SYMPY_CACHE_SIZE in the environment no
longer changes the work a claim takes; SYMPY_USE_CACHE=no or =debug is left as the user set it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import sympy
import sympy.core
from sympy.core import cache

SIZE = 1 << 16  # results per cached function: a claim's expressions, emptied before the next claim


def install() -> None:
    """Every cached function of sympy at SIZE results, and `cacheit` giving SIZE to the ones made from now on."""
    if getattr(cache, "USE_CACHE", None) != "yes":
        return  # SYMPY_USE_CACHE=no (no cache) or =debug (a checking wrapper): the user's choice, left alone
    sized = getattr(cache, "__cacheit", None)
    if sized is not None and getattr(cache.cacheit, "size", None) != SIZE:
        cacheit = sized(SIZE)
        cacheit.size = SIZE
        for module in (cache, sympy.core, sympy):
            if getattr(module, "cacheit", None) is not None:
                module.cacheit = cacheit
    for wrapper in list(cache.CACHE):
        resize(wrapper)


def resize(wrapper: Callable[..., Any]) -> bool:
    """The cached function behind sympy's wrapper, at SIZE results (its contents dropped); False if the wrapper is
    not the one this module knows (a closure over `cfunc`, the lru_cache, and `func`, the function)."""
    code, cells = getattr(wrapper, "__code__", None), getattr(wrapper, "__closure__", None)
    if code is None or cells is None or not {"cfunc", "func"} <= set(code.co_freevars):
        return False
    cell = cells[code.co_freevars.index("cfunc")]
    if cell.cell_contents.cache_parameters()["maxsize"] == SIZE:
        return True
    function = cells[code.co_freevars.index("func")].cell_contents
    cached = functools.lru_cache(SIZE, typed=True)(function)
    cell.cell_contents = cached
    wrapper.cache_info = cached.cache_info  # type: ignore[attr-defined]  # what sympy's clear_cache calls
    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return True


install()
