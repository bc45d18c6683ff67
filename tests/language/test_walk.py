"""The DAG walk finds every function application the engine's decisions depend on."""

from __future__ import annotations

import sympy as sp

from verifier.language import random_functions, walk
from verifier.language.mathlib import numeric_function
from verifier.numeric import batch as numeric

x, y = sp.symbols("x y", real=True)


def test_non_analytic_functions_are_seen_including_max_and_min() -> None:
    """Max and Min are sympy Applications but not Functions; complex step must not be used on them."""
    for expr in (sp.Max(x, 0), sp.Min(x, 1), sp.Abs(x), sp.Heaviside(x), sp.Piecewise((x, x > 0), (0, True))):
        assert not numeric.is_analytic([sp.exp(y) + 2 * expr]), expr
    assert numeric.is_analytic([sp.exp(x) * sp.tanh(y)])


def test_shared_subexpressions_and_matrices_are_walked() -> None:
    f = sp.Function("f")
    shared = sp.exp(x + y) + 1
    matrix = sp.ImmutableMatrix([[shared * f(x), shared], [shared**2, x]])
    assert random_functions.undefined_functions([matrix]) == {f: 1}
    rank = numeric_function("rank_1x1", lambda a: a[:, 0, 0], (1, 1))
    assert numeric.has_opaque([x + rank(sp.ImmutableMatrix([[y]]))])
    assert not numeric.has_opaque([matrix])


def test_free_symbols_are_sympys_own_including_the_variables_a_sum_or_lambda_binds() -> None:
    """The memoised union is exactly sympy's free_symbols: a Sum, Lambda, Integral or Subs binds its
    variables, a Derivative and a matrix element keep theirs, and a shared subexpression counts once."""
    i, n = sp.symbols("i n", integer=True)
    f, big = sp.Function("f"), sp.MatrixSymbol("X", 2, 2)
    shared = sp.exp(x + y) + 1
    exprs = [
        shared * sp.Sum(x**i, (i, 0, n)),
        sp.Lambda(x, x + y)(shared),
        sp.Derivative(f(x, y), x) + sp.Integral(x * y, (x, 0, 1)),
        sp.Subs(f(x), x, y) + big[0, 1],
        sp.ImmutableMatrix([[shared, i], [sp.Piecewise((x, x > 0), (n, True)), 2]]),
        sp.Integer(3),
    ]
    for e in exprs:
        assert walk.free_symbols([e]) == e.free_symbols, e
    assert walk.free_symbols(exprs) == set().union(*(e.free_symbols for e in exprs))


def test_has_and_atoms_over_the_dag_match_sympys() -> None:
    f = sp.Function("f")
    big = sp.MatrixSymbol("X", 2, 2)
    matrix = sp.ImmutableMatrix([[sp.Derivative(f(x), x), big[1, 0]], [x, sp.zoo * y]])
    assert walk.has_instance([matrix], sp.MatrixSymbol) and not walk.has_instance([x + y], sp.MatrixSymbol)
    assert walk.instances([matrix, x], sp.Derivative) == matrix.atoms(sp.Derivative)
    assert walk.has_any([matrix], (sp.zoo, sp.nan)) and not walk.has_any([x / y], (sp.zoo, sp.nan))


def test_replaced_is_sympys_xreplace_and_rebuilds_a_shared_subexpression_once() -> None:
    u, v, k = sp.symbols("u v k")
    rule = {u: x, v: y}
    shared = sp.Max(0, u + v)
    objs = [
        shared * sp.exp(shared) + k,
        sp.ImmutableMatrix([[shared, u], [2, sp.Sum(u**k, (k, 0, 3))]]),
        sp.Lambda(u, u + v),
        sp.Derivative(sp.Function("f")(u), u) + sp.Integral(u * v, (u, 0, 1)),
        sp.Piecewise((u, u > 0), (v, True)),
    ]
    memo: walk.Replaced = {}
    got = [walk.replaced(obj, rule, memo) for obj in objs]
    for obj, new in zip(objs, got, strict=True):
        assert new == obj.xreplace(rule) and type(new) is type(obj.xreplace(rule)), obj
    first, second = got[0].atoms(sp.Max), got[1].atoms(sp.Max)
    assert first == second == {sp.Max(0, x + y)}
    assert next(iter(first)) is next(iter(second))  # the one rebuilt Max, shared by both results


def test_free_symbols_of_keeps_its_memo_across_roots_and_stays_sympys() -> None:
    """One memo across calls (the differentiator's): a node met under another root is looked up, and a
    variable a Sum binds stays bound inside a shared subexpression."""
    i, n = sp.symbols("i n", integer=True)
    bound = sp.Sum(x**i, (i, 0, n))
    shared = sp.exp(x * bound) + y
    memo: dict[sp.Basic, frozenset[sp.Basic]] = {}
    roots = [shared, shared * i, bound + 1, sp.log(shared) / (1 + n), sp.Integer(2)]
    for root in roots:
        assert walk.free_symbols_of(root, memo) == root.free_symbols, root
    assert i not in memo[bound] and memo[shared] == frozenset({x, y, n})
