"""sympy's assumptions, with the facts tried in sorted order: sympy's own answers, in one order for every process."""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Callable

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.core import random as sympy_random
from sympy.core.cache import clear_cache

from tests.support import ROOT
from verifier.language import fact_order

assumptions = importlib.import_module("sympy.core.assumptions")  # sympy.core's attribute of that name is a function

SYMBOLS: list[Callable[[], sp.Symbol]] = [
    lambda: sp.Symbol("a"),
    lambda: sp.Symbol("b", real=True),
    lambda: sp.Symbol("c", positive=True),
    lambda: sp.Symbol("d", integer=True),
    lambda: sp.Symbol("e", nonnegative=True),
    lambda: sp.Symbol("f", negative=True, integer=True),
    lambda: sp.Symbol("g", nonzero=True, real=True),
    lambda: sp.Symbol("h", even=True),
    lambda: sp.Symbol("k", odd=True, positive=True),
    lambda: sp.Symbol("m", rational=True, nonpositive=True),
    lambda: sp.Symbol("x", extended_real=True),
    lambda: sp.Symbol("i", imaginary=True),
]
UNARY = [sp.exp, sp.log, sp.sqrt, sp.Abs, sp.sin, sp.tanh, lambda u: u**2, lambda u: 1 / u, lambda u: -u]
FACTS = [
    "positive", "nonnegative", "negative", "zero", "nonzero", "real", "extended_real", "integer", "rational",
    "finite", "even", "odd", "imaginary", "complex", "algebraic",
]  # fmt: skip

# an expression as a recipe (so that each side of a comparison builds its own objects, with no fact cached yet)
Recipe = Callable[[], sp.Expr]
leaves: st.SearchStrategy[Recipe] = st.one_of(
    st.sampled_from(SYMBOLS),
    st.integers(-3, 3).map(lambda k: lambda: sp.Integer(k)),
    st.sampled_from([lambda: sp.pi, lambda: sp.Rational(1, 2)]),
)


def _extend(children: st.SearchStrategy[Recipe]) -> st.SearchStrategy[Recipe]:
    unary = st.tuples(st.sampled_from(UNARY), children).map(lambda t: lambda: t[0](t[1]()))
    binary = st.tuples(st.sampled_from([sp.Add, sp.Mul, sp.Pow]), children, children).map(
        lambda t: lambda: t[0](t[1](), t[2]())
    )
    return st.one_of(unary, binary)


recipes = st.recursive(leaves, _extend, max_leaves=5)


def _answers(recipe: Recipe, shuffle: bool, seed: int = 0) -> list[bool | None]:
    """Every fact of FACTS asked of a freshly built expression, from an empty cache."""
    if shuffle:
        fact_order.uninstall()
    clear_cache()
    sympy_random.seed(seed)
    try:
        try:
            expr = recipe()
        except (ZeroDivisionError, ValueError, TypeError):
            return []
        return [getattr(expr, f"is_{fact}") for fact in FACTS]
    finally:
        fact_order.install()
        clear_cache()


def test_the_order_is_installed_in_every_process_that_verifies() -> None:
    assert assumptions.shuffle is fact_order.in_order
    code = "import sys, verifier.engine; print(sys.modules['sympy.core.assumptions'].shuffle.__qualname__)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "in_order", done.stdout + done.stderr


def test_the_facts_are_tried_in_one_order_whatever_order_they_came_in() -> None:
    facts = ["rational", "finite", "algebraic", "integer"]
    for start in (facts, facts[::-1], facts[1:] + facts[:1]):
        queued = list(start)
        assumptions.shuffle(queued)
        assert queued == sorted(facts)


@settings(max_examples=200, deadline=None)
@given(recipes)
def test_sorted_facts_give_sympys_own_answers(recipe: Recipe) -> None:
    ours = _answers(recipe, shuffle=False)
    theirs = [_answers(recipe, shuffle=True, seed=seed) for seed in (0, 1, 2)]
    if not ours:
        assert theirs == [[], [], []]
        return
    for fact, mine, *shuffled in zip(FACTS, ours, *theirs, strict=True):
        decided = {a for a in shuffled if a is not None}
        assert not (mine is not None and decided - {mine}), f"is_{fact}: sorted says {mine}, shuffled {shuffled}"
        if len(set(shuffled)) == 1:  # sympy's answer does not depend on its draw: ours is that answer
            assert mine == shuffled[0], f"is_{fact}: sorted says {mine}, shuffled {shuffled}"
