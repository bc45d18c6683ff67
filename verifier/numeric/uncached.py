"""Steps that must leave sympy's cache as they found it.

sympy caches its constructors (Add, Mul, Pow, the functions, Rational, ...), each in an LRU cache of
1,000 entries (`sympy.core.cache`). Whatever a step builds takes a place in those caches and pushes out an
entry that a later proof would have found there, and a proof that misses does more work (heartbeats, the
budget's unit). That is harmless when the step always runs. It is not when the step runs by the last bits of
floats: the numeric check recomputes in high precision the samples whose float error came near the
tolerance, and which those are can differ between processors (their libm and BLAS kernels). Each
recomputation builds the claim at an exact point, 40 to 130 new entries in `convexity.log_sum_exp_convex`,
and its proof at n = 4 then took 10 heartbeats after 11 recomputations and 11 after 5.

`untouched()` runs such a step with every cached constructor calling its function directly: the step adds no
entry, finds none and moves none in the LRU order. The results are the same objects by value; the step only
forgoes the cache's speed, which a recomputation at a fresh point hardly had.

How: sympy's `cacheit` wraps a function in an LRU cache (`cfunc`) and calls it from a wrapper that it lists in
`sympy.core.cache.CACHE`; the wrapper finds `cfunc` in a closure cell. For the step, each such cell holds the
function itself. A sympy whose wrappers look otherwise is left alone (`supported()` says so, and
tests/numeric/test_uncached.py fails then). A module of sympy imported for the first time inside the block
brings caches that are not bypassed. Only a block on the main thread, where the claim's work is counted, swaps
the cells (elsewhere the block runs as it is); while it runs, the process's other threads bypass the caches too,
which changes none of their values, and no work of theirs is counted.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import CellType
from typing import Any

from sympy.core import cache as sympy_cache

_depth = 0
Cells = list[tuple[CellType, Callable[..., Any], Callable[..., Any]]]
_found: tuple[int, Cells] = (-1, [])  # the cells, and how many caches sympy listed when they were read


def _cells() -> Cells:
    """(cell of the cached function, the cached function, the plain function) of every sympy cache: read again
    only when sympy lists another cache (a module of it imported since), never while the cells are swapped."""
    global _found
    if _found[0] != len(sympy_cache.CACHE):
        if _depth:  # swapped: the cells hold the plain functions now, so what is read now is not kept
            return _read_cells()
        _found = (len(sympy_cache.CACHE), _read_cells())
    return _found[1]


def _read_cells() -> Cells:
    found = []
    for wrapper in sympy_cache.CACHE:
        code = getattr(wrapper, "__code__", None)
        closure = getattr(wrapper, "__closure__", None)
        if code is None or closure is None:
            continue
        cells = dict(zip(code.co_freevars, closure, strict=True))
        if "cfunc" in cells and "func" in cells:
            found.append((cells["cfunc"], cells["cfunc"].cell_contents, cells["func"].cell_contents))
    return found


def supported() -> bool:
    """Whether this sympy's caches can be bypassed (every one of them)."""
    return len(_cells()) == len(sympy_cache.CACHE) > 0


@contextmanager
def untouched() -> Iterator[None]:
    """The block with sympy's caches bypassed: nothing added, found or reordered (see the module's docstring)."""
    global _depth
    if _depth or threading.current_thread() is not threading.main_thread():
        yield
        return
    swapped = _cells()
    _depth += 1
    try:  # the swap inside: an exception raised by a signal handler midway still restores every cell
        for cell, _, plain in swapped:
            cell.cell_contents = plain
        yield
    finally:
        _depth -= 1
        for cell, cached, _ in swapped:
            cell.cell_contents = cached
