"""The ML notation of the macro table: functions and their arguments, scripts, fractions, sums.

Each rule gets the evaluator as a :class:`Walker` (so this module does not import it) and
the parse-tree nodes it applies to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

import sympy as sp
from lark import Token, Tree

from verifier.latex import macros, values
from verifier.latex.declarations import Definition
from verifier.latex.errors import LatexError, Origin
from verifier.latex.scope import Scope
from verifier.latex.values import Fn, Matrix, Value

Node = Any  # a lark Tree or Token: their children are untyped
Item = Value | Fn | tuple[Value, ...]
MAX_TERMS = 64
_GROUPS = ("paren", "tuple", "braced")


class Walker(Protocol):
    scope: Scope
    origin: Origin
    env: dict[str, Value]
    parse_text: Callable[[str, Origin], Tree]

    def value(self, node: Node) -> Value: ...
    def item(self, node: Node) -> Item: ...
    def fail(self, node: Node, message: str) -> LatexError: ...
    def letters(self, node: Node) -> str: ...
    def lookup(self, key: str, shown: str, node: Node) -> Value | Fn: ...
    def child(self, origin: Origin | None = None, env: dict[str, Value] | None = None) -> Walker: ...


def _is(node: Node, *kinds: str) -> bool:
    return isinstance(node, Tree) and node.data in kinds


def _is_script(node: Node) -> bool:
    return (
        _is(node, "sub", "sup") and isinstance(node.children[1], Token) and node.children[1].type in ("UNDER", "CARET")
    )


def _inner(node: Node) -> Node:
    return node.children[1] if _is(node, "braced") else node


# products and function application --------------------------------------------------------
def product(w: Walker, items: list[Node]) -> Value:
    result: Value = sp.Integer(1)
    i = 0
    while i < len(items):
        v, i = _operand(w, items, i)
        result = values.multiply(result, v)
    return result


def _operand(w: Walker, items: list[Node], i: int) -> tuple[Value, int]:
    node = items[i]
    v = w.item(node)
    if isinstance(v, tuple):
        raise w.fail(node, "a list (a, b) is not an expression; it can only be a function's arguments")
    if not isinstance(v, Fn):
        return v, i + 1
    if i + 1 >= len(items):
        raise w.fail(node, f"{v.label} needs an argument: {v.label}(x)")
    if v.greedy:
        return v.apply(product(w, items[i + 1 :])), len(items)
    arg_node, posts = items[i + 1], list[Node]()
    while _is_script(arg_node):
        posts.insert(0, arg_node)
        arg_node = arg_node.children[0]
    if not _is(arg_node, *_GROUPS):
        arg_node, posts = items[i + 1], list[Node]()
    if posts or _is(arg_node, *_GROUPS):
        arg = w.item(arg_node)
        if isinstance(arg, Fn):
            raise w.fail(arg_node, f"{arg.label} is a function; apply it before passing it on")
        result = v.apply(arg)
        for post in posts:
            script = post.children[2]
            result = _raise(w, result, script) if post.children[1].type == "CARET" else _index(w, result, script)
        return result, i + 2
    arg, j = _operand(w, items, i + 1)
    return v.apply(arg), j


def builtin(w: Walker, name: str, label: str) -> Fn:
    b = macros.BUILTINS[name]

    def apply(arg: object) -> Value:
        if b.arity == 0:
            args = arg if isinstance(arg, tuple) else (arg,)
            if any(isinstance(a, sp.MatrixBase) for a in args):
                raise ValueError(f"{label} takes scalars")
            return b.fn(*args)
        if isinstance(arg, tuple):
            raise ValueError(f"{label} takes one argument")
        if b.takes == "scalar":
            return arg.applyfunc(b.fn) if isinstance(arg, sp.MatrixBase) else b.fn(arg)
        if not isinstance(arg, sp.MatrixBase) or (b.takes == "vector" and arg.cols != 1):
            raise ValueError(
                f"{label} takes {'a vector' if b.takes == 'vector' else 'a square matrix'}, not {values.shape_of(arg)}"
            )
        if b.takes == "matrix" and arg.rows != arg.cols:
            raise ValueError(f"{label} takes a square matrix, not {values.shape_of(arg)}")
        return values.collapse(b.fn(arg))

    return Fn(label, apply)


def declared(w: Walker, key: str, shown: str) -> Fn:
    kind = w.scope.decls.functions[key]
    if kind != "generic":
        return builtin(w, kind, shown)
    f = sp.Function(key)
    known = macros.KNOWN.get(key)
    w.scope.readings[key] = f"{shown} is an arbitrary smooth function (declared `function`)" + (
        f", not {known.meaning}; to mean that, declare {shown}: {known.builtin} or leave it undeclared" if known else ""
    )

    def apply(arg: object) -> Value:
        args = arg if isinstance(arg, tuple) else (arg,)
        if any(isinstance(a, sp.MatrixBase) for a in args):
            raise ValueError(f"{shown} is a scalar function; apply it to scalars")
        return f(*args)

    return Fn(shown, apply)


def definition(w: Walker, d: Definition) -> Value | Fn:
    tree = w.parse_text(d.body.text, d.body.origin)
    if d.index:
        entries = [w.child(d.body.origin, {d.index: sp.Integer(i)}).value(tree) for i in range(1, w.scope.size() + 1)]
        if any(isinstance(e, sp.MatrixBase) for e in entries):
            raise ValueError(f"each entry {d.name.latex}_{d.index} must be a scalar")
        return Matrix(entries)
    if not d.params:
        return w.child(d.body.origin, {}).value(tree)

    def apply(arg: object) -> Value:
        args = arg if isinstance(arg, tuple) else (arg,)
        if len(args) != len(d.params):
            raise ValueError(f"{d.name.latex} takes {len(d.params)} arguments, not {len(args)}")
        return w.child(d.body.origin, dict(zip(d.params, args, strict=True))).value(tree)

    return Fn(d.name.latex, apply)


def prime(w: Walker, node: Node) -> Fn:
    f = w.item(node.children[0])
    if not isinstance(f, Fn) or f.greedy:
        raise w.fail(node, "a prime ' only goes on a function: \\sigma'(x)")
    t = sp.Dummy("t")
    d = sp.diff(f.apply(t), t)

    def apply(arg: object) -> Value:
        if isinstance(arg, tuple):
            raise ValueError(f"{f.label}' takes one argument")
        return arg.applyfunc(lambda a: d.subs(t, a)) if isinstance(arg, sp.MatrixBase) else d.subs(t, arg)

    return Fn(f.label + "'", apply)


# scripts ---------------------------------------------------------------------------------
def _is_transpose(w: Walker, script: Node) -> bool:
    inner = _inner(script)
    if _is(inner, "top"):
        return True
    return _is(inner, "name") and inner.children[0].value == "T" and "T" not in w.scope.decls.objects


def superscript(w: Walker, base: Node, script: Node, node: Node) -> Value | Fn:
    if _is_transpose(w, script):
        return values.transpose(w.value(base))
    e_is_declared = "e" in {*w.scope.decls.objects, *w.env, *w.scope.decls.definitions}
    if _is(base, "name") and base.children[0].value == "e" and not e_is_declared:
        exponent = w.value(script)
        if isinstance(exponent, sp.MatrixBase):
            raise w.fail(script, "e^{...} of a vector; apply \\exp entrywise or write a scalar exponent")
        return sp.exp(exponent)
    key = _base_key(w, base)
    if key is not None and _literal(script) == "2" and f"{key}^2" in w.scope.decls.definitions and key not in w.env:
        return w.lookup(f"{key}^2", f"{key}^2", node)
    b = w.item(base)
    if isinstance(b, Fn):
        return _power_of_function(w, b, script, node)
    if isinstance(b, tuple):
        raise w.fail(node, "a list (a, b) cannot be raised to a power")
    return _raise(w, b, script)


def _power_of_function(w: Walker, f: Fn, script: Node, node: Node) -> Fn:
    """\\tanh^2(x) is (\\tanh(x))^2, as sympy prints it; any other power of a function is ambiguous."""
    n = _literal(script)
    if f.greedy or n is None or not n.isdigit() or int(n) < 2:
        raise w.fail(node, f"{f.label}^n is ambiguous; write ({f.label}(x))^n")
    return Fn(f"{f.label}^{n}", lambda arg: values.power(f.apply(arg), sp.Integer(int(n))))


def _raise(w: Walker, b: Value, script: Node) -> Value:
    if _is_transpose(w, script):
        return values.transpose(b)
    return values.power(b, w.value(script))


def _literal(node: Node) -> str | None:
    inner = _inner(node)
    if _is(inner, "number", "name") and len(inner.children) == 1:
        return str(inner.children[0]).lstrip("\\")
    return None


def _base_key(w: Walker, base: Node) -> str | None:
    if _is(base, "name"):
        return str(base.children[0].value).lstrip("\\")
    if _is(base, "decorated"):
        return w.letters(base.children[1]) + macros.DECORATIONS[base.children[0].value[1:]]
    if _is(base, "font"):
        return w.letters(base.children[1])
    return None


def subscript(w: Walker, base: Node, script: Node, node: Node) -> Value | Fn:
    if _is(base, "nabla"):
        var = w.value(script)
        return Fn("\\nabla", lambda f: values.derivative(f, var), greedy=True)
    if _is(base, "norm"):
        return values.norm(w.value(base.children[1]), _literal(script) or "?")
    literal, key = _literal(script), _base_key(w, base)
    decls = w.scope.decls
    if literal and key:
        full = f"{key}_{literal}"
        if full in decls.objects or full in decls.definitions or full in decls.functions:
            return w.lookup(full, full, node)
    if key == "delta" and not {"delta"} & {*decls.objects, *decls.definitions, *w.env}:
        pair = _indices(w, script, Matrix.zeros(2, 2))
        if len(pair) != 2:
            raise w.fail(node, "the Kronecker delta takes two indices: \\delta_{ij}")
        return sp.KroneckerDelta(*pair)
    b = w.item(base)
    if isinstance(b, Fn | tuple):
        raise w.fail(node, "a subscript on a function; write f(x)_j for an entry of its value")
    return _index(w, b, script)


def _index(w: Walker, b: Value, script: Node) -> Value:
    return values.index(b, _indices(w, script, b))


def _indices(w: Walker, script: Node, b: Value) -> list[sp.Expr]:
    inner = _inner(script)
    two = isinstance(b, sp.MatrixBase) and b.cols > 1
    if _is(inner, "items"):
        return [w.value(c) for c in inner.children if isinstance(c, Tree)]
    if two and _is(inner, "number") and len(str(inner.children[0])) == 2:
        return [sp.Integer(int(c)) for c in str(inner.children[0])]
    if two and _is(inner, "juxt") and len(inner.children) == 2:
        return [w.value(c) for c in inner.children]
    return [w.value(inner)]


# fractions and derivatives ----------------------------------------------------------------
def _items_of(node: Node) -> list[Node]:
    inner = _inner(node)
    return list(inner.children) if _is(inner, "juxt") else [inner]


def _is_mark(w: Walker, node: Node) -> bool:
    if _is(node, "partial"):
        return True
    if _is(node, "font") and w.letters(node.children[1]) == "d":
        return True
    declared = "d" in w.scope.decls.objects or "d" in w.env or "d" in w.scope.decls.definitions
    return _is(node, "name") and node.children[0].value == "d" and not declared


def fraction(w: Walker, num: Node, den: Node, node: Node) -> Value | Fn:
    top, bottom = _items_of(num), _items_of(den)
    if _is(top[0], "sup") and _is(top[0].children[0], "partial"):
        raise w.fail(node, "higher derivatives are not supported; nest first derivatives")
    if _is_mark(w, top[0]) and _is_mark(w, bottom[0]):
        if len(bottom) < 2:
            raise w.fail(den, "the derivative needs its variable: \\partial z_j")
        var = product(w, bottom[1:])
        if len(top) == 1:
            return Fn("\\frac{\\partial}{\\partial ...}", lambda f: values.derivative(f, var), greedy=True)
        return values.derivative(product(w, top[1:]), var)
    return values.divide(w.value(num), w.value(den))


# sums and products --------------------------------------------------------------------------
def _whole(w: Walker, node: Node) -> int:
    v = w.value(node)
    if not isinstance(v, sp.Integer):
        raise w.fail(node, f"a bound must be a whole number at each size, not {v}")
    return int(v)


def _bounds(w: Walker, bounds: Tree | None, node: Node) -> tuple[str, int, int]:
    if bounds is None:
        raise w.fail(node, "a sum needs its index: \\sum_i or \\sum_{i=1}^{k}")
    scripts = [c for c in bounds.children if isinstance(c, Tree)]
    lower, upper = (scripts[0], scripts[1:]) if bounds.data == "lower_upper" else (scripts[1], scripts[:1])
    inner = _inner(lower)
    if _is(inner, "binding"):
        lhs, rel, rhs = inner.children
        if rel != "=":
            raise w.fail(inner, "a sum's lower bound is written i=1")
        var, lo = w.letters(lhs), _whole(w, rhs)
        if not upper:
            raise w.fail(node, f"\\sum_{{{var}={lo}}} needs an upper bound: ^{{k}}")
    else:
        var, lo = w.letters(inner), 1
    hi = _whole(w, upper[0]) if upper else w.scope.size()
    if hi - lo + 1 > MAX_TERMS:
        raise w.fail(node, f"{hi - lo + 1} terms; at most {MAX_TERMS} are expanded, use a smaller size")
    return var, lo, hi


def big_operator(w: Walker, node: Node) -> Value:
    op = node.children[0].value[1:]
    bounds = node.children[1] if len(node.children) == 3 else None
    var, lo, hi = _bounds(w, bounds, node)
    result: Value = sp.Integer(0 if op == "sum" else 1)
    for i in range(lo, hi + 1):
        term = w.child(env={**w.env, var: sp.Integer(i)}).value(node.children[-1])
        first = op == "sum" and i == lo  # a sum starts from its first term, which may be a vector
        result = term if first else values.add(result, term) if op == "sum" else values.multiply(result, term)
    return result
