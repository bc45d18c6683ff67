"""A builder at a symbolic n, with sympy's failed attempts at closed forms of sums remembered.

Matrix expressions of symbolic size (``(cᵀc)[0, 0]``, a ``OneMatrix`` product) hold sums over a fresh
dummy index, and every arithmetic operation on them calls ``doit``, which asks
``sympy.concrete.summations.eval_sum`` again for a closed form of the same sum, with only the dummies
renamed: the batch-norm Jacobian asks 45 times about 2 sums, each time in vain. While the builder
runs, a sum ``eval_sum`` found no closed form for is answered "none" (``None``, what sympy answers)
when it is asked again with its dummies renamed, each dummy to one of the same assumptions. A closed
form found is never reused, and nothing outlives the call.

Nothing here is trusted: the kernel proves a claim for all n only after checking that the symbolic claim,
set to each stated n, is the claim built there (verifier.trusted.kernel.prove_for_all_n).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import sympy as sp
from sympy.concrete import summations

T = TypeVar("T")
Key = tuple[sp.Basic, tuple[sp.Basic, ...]]


def without_repeated_failures(build: Callable[[], T]) -> T:
    """build(), with eval_sum's failures remembered up to renaming dummies (see the module docstring)."""
    with _remembered_failures():
        return build()


@contextmanager
def _remembered_failures() -> Iterator[None]:
    original = summations.eval_sum
    failed: set[Key] = set()
    canonical: dict[tuple[int, frozenset[tuple[str, bool]]], sp.Dummy] = {}  # never a symbol of the claim

    def eval_sum(f: Any, limits: Any) -> Any:
        key = _key(f, limits, canonical)
        if key is not None and key in failed:
            return None
        found = original(f, limits)
        if found is None and key is not None:
            failed.add(key)
        return found

    summations.eval_sum = eval_sum
    try:
        yield
    finally:
        summations.eval_sum = original


def _key(f: Any, limits: Any, canonical: dict[tuple[int, frozenset[tuple[str, bool]]], sp.Dummy]) -> Key | None:
    """(f, limits) with the k-th dummy (by order of creation) renamed to the k-th canonical dummy of the same
    assumptions: two keys are equal only for two sums equal up to such a renaming."""
    try:
        body, bounds = sp.sympify(f), tuple(sp.sympify(x) for x in limits)
    except (sp.SympifyError, TypeError):
        return None
    dummies = sorted(set().union(body.atoms(sp.Dummy), *(b.atoms(sp.Dummy) for b in bounds)), key=_created)
    renamed = {}
    for k, d in enumerate(dummies):
        facts = frozenset(d.assumptions0.items())
        renamed[d] = canonical.setdefault((k, facts), sp.Dummy(f"k{k}", **d.assumptions0))
    return body.xreplace(renamed), tuple(b.xreplace(renamed) for b in bounds)


def _created(d: sp.Dummy) -> int:
    return int(d.dummy_index)
