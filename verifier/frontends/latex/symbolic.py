"""A chain read at a symbolic size n: entries z[i], sums Σ_{i=1}^{n}, δ, free indices as FunctionMatrix.

The explicit reader writes every sum out at each stated size. Here the same parse trees are read once
more with the size a symbol: a declared vector (or matrix) of that size is an IndexedBase whose entries
are z[i]; \\sum is a sympy Sum over its bounds (Σ_{j≠i} f is Σ_j (1 − δ_{ij}) f); ∂/∂z_j is sympy's
derivative in the entry z[j]; an entrywise definition (p_i = …) and softmax, logsumexp and the scalar
functions give entries; and a line with free indices is FunctionMatrix(n, 1 or n, entry). Anything
else (a whole vector in a product, \\mathbf{1}, a matrix product, an inequality) is :class:`NotSymbolic`
with the reason, and the chain stays at its explicit sizes. What is built here is only ever a
proposal: the kernel checks, at every stated size, that it is the claim the explicit reader built.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp
from lark import Tree

from verifier.frontends.latex import calculus, conditions, functions, macros, scripts
from verifier.frontends.latex.declarations import Declarations
from verifier.frontends.latex.entries import COL, MATRIX, Entries, entry, hadamard
from verifier.frontends.latex.errors import LatexError
from verifier.frontends.latex.evaluate import Evaluator
from verifier.frontends.latex.scope import Scope, domain_of
from verifier.frontends.latex.values import Fn, Matrix, Value
from verifier.language.families import NotGeneric
from verifier.language.stepwise import Chain, Step

Node = Any


class NotSymbolic(NotGeneric):
    """The chain cannot be read at a symbolic size; the message says what stops it."""


class SymbolicScope(Scope):
    """The declarations with one size a symbol; vectors and matrices of that size are IndexedBases."""

    symbol: sp.Symbol = sp.Symbol("n")
    ranging: str = ""

    def size(self, name: str | None = None) -> Any:
        name = name or self.default
        if name == self.ranging:
            self.sizes_used.add(name)
            return self.symbol
        return super().size(name)

    def entries(self, key: str) -> Entries | None:
        obj = self.decls.objects.get(key)
        if obj is None or not obj.shape:
            return None
        if any(s != self.ranging for s in obj.shape):
            raise NotSymbolic(f"{obj.name.latex} has a size other than {self.ranging}")
        self.touched[key] = obj
        if obj.domain == "identity":
            return Entries(obj.name.latex, sp.KroneckerDelta, MATRIX, self.symbol)
        base = sp.IndexedBase(key)
        return Entries(obj.name.latex, lambda *at: base[at], MATRIX if len(obj.shape) == 2 else COL, self.symbol)

    def assumptions(self) -> list[tuple[sp.Basic, Any]]:
        """The declared domains the index-sum rules use (a vector on the simplex, a positive vector or
        scalar); a claim with fewer assumptions is a stronger one, so the others are left out."""
        out: list[tuple[sp.Basic, Any]] = []
        for key, obj in self.touched.items():
            if obj.domain not in ("simplex", "positive") or len(obj.shape) > 1:
                continue
            out.append((sp.IndexedBase(key) if obj.shape else sp.Symbol(key), domain_of(obj.domain)))
        return out


class SymbolicEvaluator(Evaluator):
    """The explicit evaluator, with sums, entries, entrywise definitions and ∂/∂z_j kept symbolic."""

    @property
    def symbolic(self) -> SymbolicScope:
        assert isinstance(self.scope, SymbolicScope)
        return self.scope

    def child(self, origin: Any = None, env: dict[str, Value] | None = None) -> Evaluator:
        env = self.env if env is None else env
        return SymbolicEvaluator(self.scope, origin or self.origin, self.parse_text, env, self.held)

    def holding(self, held: dict[str, Value]) -> Evaluator:
        if held:
            raise NotSymbolic("a derivative in a named intermediate")
        return self

    def lookup(self, key: str, shown: str, node: Node) -> Any:
        if key in self.env or key in self.held:
            return super().lookup(key, shown, node)
        decls = self.scope.decls
        if key in decls.upstream:
            raise NotSymbolic("an upstream gradient")
        d = decls.definitions.get(key)
        if d is not None and d.index and not d.params:
            return self._entrywise(d)
        if key in decls.objects:
            found = self.symbolic.entries(key)
            if found is not None:
                return found
        if key == self.scope.default or key in self.scope.sizes:
            size = self.scope.size(key)
            return sp.Integer(size) if isinstance(size, int) else size
        kind = decls.functions.get(key)
        if kind is not None and kind != "generic" and key not in decls.objects and key not in decls.definitions:
            return self.builtin(kind, shown)
        return super().lookup(key, shown, node)

    def _entrywise(self, d: Any) -> Entries:
        tree = self.parse_text(d.body.text, d.body.origin)
        names = [d.index[0], *d.index[1:2]]

        def at(*idx: sp.Expr) -> sp.Expr:
            value = self.child(d.body.origin, dict(zip(names, idx, strict=True))).value(tree)
            return _scalar(value)

        return Entries(d.name.latex, at, MATRIX if len(names) == 2 else COL, self.symbolic.symbol)

    def _sub(self, node: Node) -> Any:
        left, op, right = node.children
        if op.type == "UNDER" and isinstance(left, Tree) and left.data == "nabla":
            return self._nabla_of(right)
        key = scripts.base_key(self, left) if op.type == "UNDER" else None
        decls = self.scope.decls
        if key is not None and key != "delta" and (key in decls.objects or key in decls.definitions):
            lit = scripts.literal(right)
            named = lit is not None and {f"{key}_{lit}", f"{key}_{lit}^2"} & {*decls.objects, *decls.definitions}
            if not named:
                base = self.item(left)
                if isinstance(base, Entries):
                    return self._entry(base, right)
        if op.type == "UNDER" and isinstance(left, Tree) and left.data in ("paren", "braced"):
            base = self.item(left)  # (X^\top r)_j: an entry of a product
            if isinstance(base, Entries):
                return self._entry(base, right)
        return super()._sub(node)

    def _nabla_of(self, script: Node) -> Fn:
        """∇_w f: the column of ∂f/∂w_i."""
        var = self.value(script.children[1] if isinstance(script, Tree) and script.data == "braced" else script)
        if not isinstance(var, Entries) or var.kind != COL:
            raise NotSymbolic("∇ in something other than a declared vector")
        probe = var.at(sp.Dummy("i", integer=True))
        if not isinstance(probe, sp.Indexed):
            raise NotSymbolic("∇ in something other than a declared vector")
        return Fn(
            "\\nabla",
            lambda f: Entries(f"∇{var.label}", lambda i: sp.diff(_scalar(f), var.at(i)), COL, var.n),
            greedy=True,
        )

    def _font(self, node: Node) -> Any:
        arg = node.children[1]
        inner = arg.children[1] if isinstance(arg, Tree) and arg.data == "braced" else arg
        if isinstance(inner, Tree) and inner.data == "number" and str(inner.children[0]) in ("0", "1"):
            value = sp.Integer(int(str(inner.children[0])))  # \mathbf{1}, \mathbf{0}
            return Entries(str(value), lambda i: value, COL, self.symbolic.symbol)
        return super()._font(node)

    def _entry(self, base: Entries, script: Node) -> sp.Expr:
        shape = Matrix.zeros(2, 2) if base.order == 2 else Matrix.zeros(2, 1)
        return entry(base, [_scalar(i) for i in scripts.indices(self, script, shape)])

    def _sup(self, node: Node) -> Any:
        base, script = node.children[0], node.children[2]
        if scripts.is_transpose(self, script):
            b = self.item(base)
            if isinstance(b, Entries):
                return b.transposed()
        return super()._sup(node)

    def _norm(self, node: Node) -> Any:
        v = self.value(node.children[1])
        return v.norm() if isinstance(v, Entries) else super()._norm(node)

    def _hadamard(self, node: Node) -> Any:
        a, b = self.value(node.children[0]), self.value(node.children[2])
        if isinstance(a, Entries) or isinstance(b, Entries):
            return hadamard(a, b)
        return super()._hadamard(node)

    def builtin(self, name: str, label: str) -> Fn:
        explicit = super().builtin(name, label)
        b = macros.BUILTINS[name]
        n = self.symbolic.symbol

        def apply(arg: object) -> Any:
            if not isinstance(arg, Entries):
                return explicit.apply(arg)
            if b.takes == "scalar" and b.arity != 0 and arg.kind == MATRIX and name in macros.MATRIX_FUNCTIONS:
                raise NotSymbolic(f"{label} of a matrix")
            if b.takes == "scalar" and b.arity != 0:
                return arg.map(lambda e: _scalar(b.fn(e)), f"{label}({arg.label})")
            m = sp.Dummy("m", integer=True)
            if name == "trace" and arg.kind == MATRIX:
                return sp.Sum(arg.at(m, m), (m, 1, n))
            if name == "diag" and arg.kind == COL:
                return Entries(f"diag({arg.label})", lambda i, j: sp.KroneckerDelta(i, j) * arg.at(i), MATRIX, n)
            total = sp.Sum(sp.exp(arg.at(m)), (m, 1, n))
            if name == "softmax" and arg.kind == COL:
                return Entries(f"softmax({arg.label})", lambda i: sp.exp(arg.at(i)) / total, COL, n)
            if name == "logsumexp" and arg.kind == COL:
                return sp.log(total)
            raise NotSymbolic(f"{label} of a vector at a symbolic size")

        return Fn(label, apply)

    def _bigop(self, node: Node) -> Value:
        if node.children[0].value != "\\sum":
            raise NotSymbolic(f"{node.children[0].value} at a symbolic size")
        bounds = node.children[1] if len(node.children) == 3 else None
        lower: Node = None
        upper: Node = None
        if bounds is not None:
            parts = [c for c in bounds.children if isinstance(c, Tree)]
            lower, uppers = (parts[0], parts[1:]) if bounds.data == "lower_upper" else (parts[1], parts[:1])
            upper = uppers[0] if uppers else None
        return self._nested(self._ranges(lower, upper, node), node.children[-1])

    def _ranges(self, lower: Node, upper: Node, node: Node) -> list[tuple[str, sp.Expr, sp.Expr, list[sp.Expr]]]:
        if lower is None:
            raise self.fail(node, "this operator needs its index: \\sum_i or \\sum_{i=1}^{k}")
        inner = lower.children[1] if isinstance(lower, Tree) and lower.data == "braced" else lower
        n = self.scope.size()
        if isinstance(inner, Tree) and inner.data == "items":
            return [(self.letters(c), sp.Integer(1), n, []) for c in inner.children if isinstance(c, Tree)]
        kids = inner.children if isinstance(inner, Tree) and inner.data == "bindings" else [inner]
        parts = [c.children for c in kids if isinstance(c, Tree) and c.data == "binding"]
        var = self.letters(parts[0][0]) if parts else self.letters(inner)
        lo, excluded = sp.Integer(1), []
        for part in parts:
            lhs, rel, rhs = (*part,)
            relation = str(getattr(rel, "value", rel))
            if self.letters(lhs) != var:
                raise NotSymbolic("bounds on two indices")
            value = _scalar(self.value(rhs))
            if relation == "=":
                lo = value
            elif relation in ("\\neq", "\\ne"):
                excluded.append(value)
            else:
                raise NotSymbolic(f"a bound written with {relation}")
        hi = _scalar(self.value(upper)) if upper is not None else n
        return [(var, lo, hi, excluded)]

    def _nested(self, ranges: list[tuple[str, sp.Expr, sp.Expr, list[sp.Expr]]], body: Node) -> sp.Expr:
        (var, lo, hi, excluded), rest = ranges[0], ranges[1:]
        index = sp.Dummy(var, integer=True)
        inner = self.child(env={**self.env, var: index})
        term = inner._nested(rest, body) if rest and isinstance(inner, SymbolicEvaluator) else inner.value(body)
        term = _scalar(term)
        for x in excluded:  # Σ_{j≠i} f = Σ_j (1 − δ_{ij}) f
            term = term * (1 - sp.KroneckerDelta(index, x))
        return sp.Sum(term, (index, lo, hi))

    def _frac(self, node: Node) -> Any:
        num, den = node.children[1], node.children[2]
        top, bottom = calculus._items_of(num), calculus._items_of(den)
        derivative = calculus.is_mark(self, top[0]) and calculus.is_mark(self, bottom[0])
        if not derivative:
            return super()._frac(node)
        if len(bottom) != 2:
            raise NotSymbolic("a derivative other than ∂/∂z_j")
        var = self.value(bottom[1])
        if not isinstance(var, sp.Indexed | sp.Symbol) or isinstance(var, sp.Dummy):
            raise NotSymbolic("a derivative in something other than a declared scalar or an entry")
        if len(top) == 1:
            return Fn(calculus.DERIVATIVE, lambda f: sp.diff(_scalar(f), var), greedy=True)
        return sp.diff(_scalar(functions.product(self, top[1:])), var)


def _scalar(v: object) -> sp.Expr:
    if isinstance(v, sp.MatrixBase):
        if v.shape != (1, 1):
            raise NotSymbolic("a vector or matrix value")
        return v[0, 0]
    if not isinstance(v, sp.Expr) or isinstance(v, sp.IndexedBase):
        raise NotSymbolic("a whole vector or matrix where an entry or a number is expected")
    return v


def scope_at(decls: Declarations, lows: dict[str, int], ranging: str, symbol: sp.Symbol) -> SymbolicScope:
    scope = SymbolicScope(decls, dict(lows), ranging)
    scope.symbol, scope.ranging = symbol, ranging
    return scope


def line_value(evaluate: Callable[[dict[str, Value]], Any], free: list[str], n: sp.Symbol) -> sp.Basic:
    """One line at the symbolic size: a scalar, or FunctionMatrix over its free indices (entries 1..n)."""
    if not free:
        value = evaluate({})
        if isinstance(value, Entries):  # a whole column or matrix: by its entries
            r, c = sp.Dummy("r", integer=True), sp.Dummy("c", integer=True)
            at = value.at(r + 1, c + 1) if value.kind == MATRIX else value.at(r + 1)
            if value.kind == "row":
                return sp.FunctionMatrix(1, n, sp.Lambda((r, c), _checked(value.at(c + 1))))
            return sp.FunctionMatrix(n, n if value.kind == MATRIX else 1, sp.Lambda((r, c), _checked(at)))
        return _checked(_scalar(value))
    marks = [sp.Dummy(f, integer=True) for f in free]
    entry = _checked(_scalar(evaluate(dict(zip(free, marks, strict=True)))))
    r, c = sp.Dummy("r", integer=True), sp.Dummy("c", integer=True)
    at = {marks[0]: r + 1, **({marks[1]: c + 1} if len(marks) == 2 else {})}
    return sp.FunctionMatrix(n, n if len(marks) == 2 else 1, sp.Lambda((r, c), entry.xreplace(at)))


def _checked(e: sp.Expr) -> sp.Expr:
    """No whole vector left inside (an IndexedBase that is not an entry's base), no unevaluated derivative."""
    if e.has(sp.Derivative, sp.Subs):
        raise NotSymbolic("a derivative that sympy left unevaluated")
    stack: list[sp.Basic] = [e]
    while stack:
        x = stack.pop()
        if isinstance(x, sp.IndexedBase):
            raise NotSymbolic("a whole vector inside an expression")
        stack.extend(x.args[1:] if isinstance(x, sp.Indexed) else x.args)
    return e


def fail_reason(err: Exception) -> str:
    if isinstance(err, LatexError):
        return err.message
    return str(err) or type(err).__name__


def chain_at(reader: Any, lines: list[Any], ranging: str | None, symbol: sp.Symbol) -> Chain:
    """The chain of these lines at the symbolic size (NotSymbolic with the reason if it cannot be read so)."""
    if ranging is None:
        raise NotSymbolic("the chain uses no size")
    decls = reader.decls
    scope = scope_at(decls, {s: lo for s, (lo, _) in decls.sizes.items()}, ranging, symbol)
    free = reader.free_indices(lines)
    if any(line.relation in ("=>", "<=>") for line in lines):
        raise NotSymbolic("a chain of statements (⇒, ⇔)")

    def reading(line: Any) -> Callable[[dict[str, Value]], Any]:
        def evaluate(env: dict[str, Value]) -> Any:
            return SymbolicEvaluator(scope, line.base or line.origin, reader.tree, env).value(line.tree)

        return evaluate

    try:
        with conditions.recording() as needed:
            values = [line_value(reading(line), free, symbol) for line in lines]
    except NotSymbolic:
        raise
    except Exception as err:  # the explicit reader reports real errors; here any failure is "not symbolic"
        raise NotSymbolic(fail_reason(err)) from None
    _defined_at_every_size(needed, symbol)
    steps = tuple(
        Step(line.relation, value, line.reason, written=line.written)
        for line, value in zip(lines[1:], values[1:], strict=True)
    )
    return Chain(values[0], steps, where=scope.assumptions(), start_written=lines[0].written)


def _defined_at_every_size(needed: list[conditions.Condition], symbol: sp.Symbol) -> None:
    """A condition on the size and indices alone must hold at every size: \\frac{k − 5}{k − 5}, or \\frac{i − 5}{i − 5}
    in Σ_i, is read as 1, and was PROVED for all n, with no value at k = 5 (helper-86, helper-87). One on entries or
    scalars too (Σ z_i ≠ 0) is the proof's "wherever defined"; entries that cancel (Σ(i − 3 + x_i) − Σ x_i) do not."""
    for c in (c for c in needed if c.shown(c.arg) is not True):
        for arg in _factors(_normalized(c.arg), c.relation):
            sized = not arg.has(sp.Indexed) and all(s == symbol or s.is_integer for s in arg.free_symbols)
            if sized and c.shown(arg) is not True:
                raise NotSymbolic(f"{sp.sstr(c.arg)} must be {_WORDS[c.relation]} at every size, which is not shown")


MAX_FACTORED_OPS = 80


def _factors(arg: sp.Expr, relation: str) -> list[sp.Expr]:
    """A denominator by its factors: (i − 3)(1 + x_i²) is 0 at i = 3 for every x (helper-90), c·k(k − 5)/2 at k = 5
    for every c (red team 131); one too large to factor by its sizes and indices outside the entries (helper-91)."""
    if relation != "≠" or arg.free_symbols <= {s for s in arg.free_symbols if s.is_integer}:
        return [arg]
    if sp.count_ops(arg) > MAX_FACTORED_OPS:
        loose = [s for s in arg.xreplace({e: sp.Dummy() for e in arg.atoms(sp.Indexed)}).free_symbols if s.is_integer]
        return [sp.Mul(*loose)] if loose else [arg]
    try:
        return [f for f, _ in sp.factor_list(arg)[1] if f.free_symbols] or [arg]
    except (sp.PolynomialError, NotImplementedError, ValueError, TypeError):
        return [arg]


def _normalized(e: sp.Expr) -> sp.Expr:
    """Sums split and done where sympy can (Σ(i − 3 + x_i) − Σ x_i is Σ(i − 3)); e itself where it cannot."""
    try:
        done = sp.expand(sp.expand(e).doit())
        bound = sp.Symbol("ι", integer=True)  # each sum over one index, by one name: Σ x_i − Σ x_j is 0
        return sp.expand(done.xreplace({
            t: sp.Sum(t.function.xreplace({t.limits[0][0]: bound}), (bound, *t.limits[0][1:]))
            for t in done.atoms(sp.Sum) if len(t.limits) == 1 and not t.function.has(bound)
        }))  # fmt: skip
    except (TypeError, ValueError, NotImplementedError, AttributeError):
        return e


_WORDS = {">": "positive", "≥": "nonnegative", "≠": "nonzero"}
