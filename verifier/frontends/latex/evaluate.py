"""A parse tree → sympy, by walking it: the macro table applied, every name resolved or an error.

Nothing here turns text into code: numbers are built from their digits, names are looked
up in the declarations (:class:`~verifier.frontends.latex.scope.Scope`), and sums and products over
a declared size are expanded at that size. A function takes the next factor as its
argument (`\\log \\hat{y}_i`, `\\sigma(x)`), a superscript or subscript on a parenthesised
argument applies to the result (`\\sigma(x)^2`, `\\operatorname{softmax}(z)_j`), and a
derivative operator (`\\frac{\\partial}{\\partial z_j}`, `\\nabla_w`) takes the rest of the product.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp
from lark import Token, Tree

from verifier.frontends.latex import bigops, calculus, cases, functions, laws, lists, macros, scripts, upstream, values
from verifier.frontends.latex.conditions import surely_nonnegative
from verifier.frontends.latex.errors import LatexError, Origin
from verifier.frontends.latex.grammar import where
from verifier.frontends.latex.operands import parenthesised
from verifier.frontends.latex.scope import Scope, SizeError
from verifier.frontends.latex.slashes import named_function_slash
from verifier.frontends.latex.values import Fn, Matrix, Value
from verifier.frontends.latex.walker import first_leaf

Node = Any  # a lark Tree or Token: their children are untyped
ParseText = Callable[[str, Origin], Tree]


def _is_nabla_squared(node: Node, nabla: Node | None = None) -> bool:
    """\\nabla^2 (node a superscript of \\nabla by 2; or, given nabla, node raises a subscripted \\nabla to 2)."""
    base = node.children[0] if nabla is None else nabla
    if not (isinstance(node, Tree) and node.data == "sup" and isinstance(base, Tree) and base.data == "nabla"):
        return False
    return scripts.literal(node.children[2]) == "2"


class Evaluator:
    """Walks one expression's tree in a scope, with indices and parameters bound in env.

    held: names the file defines that a derivative treats as variables (∂L/∂σ): unlike env,
    they stay bound inside the definitions the expression uses."""

    def __init__(
        self,
        scope: Scope,
        origin: Origin,
        parse_text: ParseText,
        env: dict[str, Value] | None = None,
        held: dict[str, Value] | None = None,
    ):
        self.scope, self.origin, self.parse_text = scope, origin, parse_text
        self.env = env or {}
        self.held = held or {}

    def child(self, origin: Origin | None = None, env: dict[str, Value] | None = None) -> Evaluator:
        """The same scope, another text (a definition's) or more bindings (a sum's index)."""
        env = self.env if env is None else env
        return Evaluator(self.scope, origin or self.origin, self.parse_text, env, self.held)

    def holding(self, held: dict[str, Value]) -> Evaluator:
        """The same, with more names held as variables."""
        if not held:
            return self
        return Evaluator(self.scope, self.origin, self.parse_text, self.env, {**self.held, **held})

    def fail(self, node: Node, message: str) -> LatexError:
        tok = first_leaf(node)
        return LatexError(where(self.origin, tok) if tok is not None else self.origin, message)

    def value(self, node: Node) -> Value:
        return self.as_value(self.item(node), node)

    def as_value(self, v: Value | Fn | tuple[Value, ...], node: Node) -> Value:
        """What node read as, v, if it is a value; a function or a list is an error that says how to write it."""
        if isinstance(v, Fn):
            read = next((r for r in self.scope.readings.values() if r.startswith(f"{v.label} read as")), "")
            raise self.fail(
                node, f"{v.label} is a function; apply it to something ({v.label}(x))" + (read and f"; {read}")
            )
        if isinstance(v, tuple):
            raise self.fail(node, "a list (a, b) is not an expression; it can only be a function's arguments")
        return v

    def item(self, node: Node) -> Value | Fn | tuple[Value, ...]:
        if isinstance(node, Token):
            raise self.fail(node, f"unexpected '{node.value}'")
        handler = getattr(self, f"_{node.data}", None)
        if handler is None:
            raise self.fail(node, f"{node.data} is not supported here")
        try:
            return handler(node)
        except ValueError as err:
            if isinstance(err, LatexError):
                raise
            raise self.fail(node, str(err)) from None
        except SizeError as err:
            raise self.fail(node, str(err)) from None

    # atoms ---------------------------------------------------------------------------------
    def _number(self, node: Node) -> Value:
        text = "".join(str(t) for t in node.children if isinstance(t, Token))
        whole, _, frac = text.partition(".")
        return sp.Rational(int(whole + frac), 10 ** len(frac)) if frac else sp.Integer(int(whole))

    def _negdigit(self, node: Node) -> Value:
        return -sp.Integer(int(node.children[1]))

    def _name(self, node: Node) -> Value | Fn:
        tok = node.children[0]
        key = tok.value[1:] if tok.value.startswith("\\") else tok.value
        return self.lookup(key, tok.value, node)

    def _decorated(self, node: Node) -> Value | Fn:
        decor = macros.DECORATIONS[node.children[0].value[1:]]
        base = self.letters(node.children[1])
        return self.lookup(base + decor, f"\\{decor}{{{base}}}", node)

    def _font(self, node: Node) -> Value | Fn:
        arg = node.children[1]
        inner = arg.children[1] if isinstance(arg, Tree) and arg.data == "braced" else arg
        if isinstance(inner, Tree) and inner.data == "decorated":  # \\mathbf{\\hat{y}} is \\hat{y}
            return self.item(inner)
        if isinstance(inner, Tree) and inner.data == "number" and str(inner.children[0]) in ("0", "1"):
            return Matrix([int(str(inner.children[0]))] * self.scope.size())  # \\mathbf{1}, \\mathbf{0}
        word = self.letters(arg)
        if word == "d":
            calculus.no_differential(self, node)  # \\mathrm{d}x is no value; a declared d is d under any font
        if word == "e" and node.children[0].value == "\\mathrm" and scripts.e_is_a_name(self):
            raise self.fail(node, scripts.UPRIGHT_E)
        if (node.children[0].value == "\\mathrm" and len(word) > 1) or word in macros.EXPECTATION:
            return self.operator(word, node)  # \\mathrm{Var}, \\mathrm{tr}, \\mathrm{E}
        return self.lookup(word, word, node)

    def _opname(self, node: Node) -> Value | Fn:
        return self.operator(self.letters(node.children[1]), node)

    def operator(self, word: str, node: Node) -> Value | Fn:
        """\\operatorname{word} (or \\mathrm{word}): a known operator unless the file declares the word."""
        decls = self.scope.decls
        declared = word in decls.functions or word in decls.objects or word in decls.definitions
        if word in macros.VARIANCE and not declared:
            return Fn("\\operatorname{Var}", lambda v: laws.variance(self, values.collapse(v), node))
        if word in macros.EXPECTATION and not declared:
            return self._expectation(None, node)
        if word in macros.OPERATOR_NAMES and not declared:
            return self.builtin(macros.OPERATOR_NAMES[word], f"\\operatorname{{{word}}}")
        if word in macros.FIXED_FUNCTIONS and not declared:  # \operatorname{sin}: \sin, written upright by hand
            return self.builtin(macros.FIXED_FUNCTIONS[word], f"\\{word}")
        return self.lookup(word, f"\\operatorname{{{word}}}", node)

    def _blackboard(self, node: Node) -> Fn:
        word = self.letters(node.children[1])
        if word == "E" and "E" not in self.scope.decls.objects:
            return self._expectation(None, node)
        raise self.fail(node, f"\\mathbb{{{word}}} is a set; sets belong in the declarations (x \\in \\mathbb{{R}}^k)")

    def _expectation(self, over: list[str] | None, node: Node) -> Fn:
        return Fn("\\mathbb{E}", lambda v: laws.expectation(self, v, over, node))  # v read at its own place

    def _dots(self, node: Node) -> Value:
        raise self.fail(
            node,
            "\\dots only stands between the items of a list or a vector ((x_1, \\dots, x_k)); "
            "for a sum write \\sum_{i=1}^{k}",
        )

    def _func(self, node: Node) -> Fn:
        name = node.children[0].value[1:]
        return self.builtin(macros.FIXED_FUNCTIONS[name], f"\\{name}")

    def letters(self, node: Node) -> str:
        """The word spelled by a run of letters ({lr} is lr)."""
        if isinstance(node, Token):
            return node.value.lstrip("\\")
        if node.data == "braced":
            return self.letters(node.children[1])
        if node.data == "name":
            return self.letters(node.children[0])
        if node.data == "font":  # \\hat{\\mathbf{y}} is \\hat{y}
            return self.letters(node.children[1])
        if node.data == "juxt" and all(isinstance(c, Tree) and c.data == "name" for c in node.children):
            return "".join(self.letters(c) for c in node.children)
        raise self.fail(node, "expected a name here")

    def lookup(self, key: str, shown: str, node: Node) -> Value | Fn:
        if key in self.env:
            return self.env[key]
        if key in self.held:
            found = self.held[key]
            self.scope.held_used.update(found if isinstance(found, sp.MatrixBase) else [found])
            return found
        decls = self.scope.decls
        if key in decls.upstream:
            return upstream.value(self, decls.upstream[key], node)
        if key in decls.definitions:
            return functions.definition(self, decls.definitions[key], node)
        if f"{key}^2" in decls.definitions:  # \sigma where \sigma^2 is defined: its root
            return values.power(self.value_of(f"{key}^2", shown, node), sp.Rational(1, 2))
        found = self.scope.object(key)
        if found is not None:
            return found
        if key == self.scope.default or key in self.scope.sizes:
            return sp.Integer(self.scope.size(key))
        if key in decls.functions:
            return functions.declared(self, key, shown)
        if key == "pi":
            return sp.pi
        if key == "e" and self.scope.printed_mode:
            return sp.E
        if key in macros.KNOWN:
            return self.known(key, shown)
        raise self.fail(node, f"undeclared symbol {shown}; {self.hint(key, shown)}")

    def known(self, key: str, shown: str) -> Fn:
        """An undeclared name that is a known function (\\operatorname{erf}, \\Phi): read as that function, and said."""
        known = macros.KNOWN[key]
        if not self.scope.printed_mode:
            variable = f" (declare {shown}: real for a variable)" if key in macros.GREEK else ""
            self.scope.readings[key] = f"{shown} read as {known.meaning}{variable}"
        return self.builtin(known.builtin, shown)

    def hint(self, key: str, shown: str) -> str:
        decls = self.scope.decls
        if key in decls.conflicts:
            return decls.conflicts[key]
        if key in macros.LETTER_HINTS:
            return macros.LETTER_HINTS[key]
        if key in decls.indices:
            return "a free index is only allowed in a chain's lines, not in a definition"
        if key in macros.NOT_READ:  # \\operatorname{tan}, \\mathrm{arcsin}: as \\tan and \\arcsin
            return macros.NOT_READ[key]
        if shown.startswith("\\operatorname") or shown.startswith("\\mathrm"):
            return (
                f"it is not a known function ({macros.known_kinds()}); if it is one, declare which ({shown}: erf), "
                f"or declare {shown}: function for an arbitrary smooth function, of which nothing else is known"
            )
        if shown.startswith("\\hat") or shown.startswith("\\bar") or shown.startswith("\\tilde"):
            return f"define it ({shown} = ...) or declare it ({shown}: real)"
        return f"declare it in the verifier block ({shown}: real)"

    def value_of(self, key: str, shown: str, node: Node) -> Value:
        v = self.lookup(key, shown, node)
        if isinstance(v, Fn):
            raise self.fail(node, f"{shown} is a function; apply it to something ({shown}(x))")
        return v

    def builtin(self, name: str, label: str) -> Fn:
        return functions.builtin(self, name, label)

    # structure -----------------------------------------------------------------------------
    def _braced(self, node: Node) -> Value | Fn | tuple[Value, ...]:
        return self.item(node.children[1])

    def _paren(self, node: Node) -> Value | Fn | tuple[Value, ...]:
        return self.item(node.children[1])

    def _tuple(self, node: Node) -> tuple[Value, ...]:
        return tuple(lists.expand(self, [c for c in node.children if isinstance(c, Tree)], node))

    _items = _tuple

    def _binding(self, node: Node) -> Value:
        raise self.fail(
            node, "a relation inside braces only belongs in a sum's bounds (\\sum_{i=1}^{k}, \\sum_{j \\neq i})"
        )

    _bindings = _binding

    def _add(self, node: Node) -> Value:
        return self._sum(self.value(node.children[0]), self.value(node.children[2]))

    def _sum(self, a: Value, b: Value) -> Value:
        if values.broadcasts(a, b):
            self.scope.readings["broadcast"] = "a scalar added to a vector is added to each entry (1 - σ(a))"
        return values.add(a, b)

    def _sub(self, node: Node) -> Value | Fn:
        left, op, right = node.children
        if op.type != "UNDER":
            first = self.item(left)  # read once: reading it again doubled the work at each minus sign
            if isinstance(first, Fn) and first.greedy:
                return self._operator_minus(first, right)
            return self._sum(self.as_value(first, left), values.negate(self.value(right)))
        if isinstance(left, Tree) and left.data == "nabla":
            return calculus.nabla(self, right, node)
        if _is_nabla_squared(left):  # \\nabla^2_w
            return calculus.hessian(self, right, node)
        if isinstance(left, Tree) and left.data == "blackboard" and self.letters(left.children[1]) == "E":
            return self._expectation(laws.names_under(self, right), node)  # \\mathbb{E}_{d}
        return scripts.subscript(self, left, right, node)

    def _operator_minus(self, op: Fn, right: Node) -> Value:
        """\\frac{\\partial}{\\partial z} - \\sum_i … is the derivative of (−Σ…), as a derivative operator
        takes the product after it; the reading shown back says so."""
        self.scope.readings["operator minus"] = (
            f"{op.label} - … read as {op.label}(-…): the derivative of the negated term after it"
        )
        return op.apply(values.negate(self.holding(op.hold).value(right)))

    def _hadamard(self, node: Node) -> Value:
        a, b = self.value(node.children[0]), self.value(node.children[2])
        if isinstance(a, sp.MatrixBase) and isinstance(b, sp.MatrixBase):
            if a.shape != b.shape:
                raise ValueError(
                    f"\\odot multiplies entry by entry; {values.shape_of(a)} and {values.shape_of(b)} differ"
                )
            return Matrix(a.multiply_elementwise(b))
        return values.multiply(a, b)

    def _mul(self, node: Node) -> Value:
        a, b = self.value(node.children[0]), self.value(node.children[2])
        if (note := parenthesised(node)) is not None:  # \\frac{d}{dx}(x^2) \\cdot x: (2x)·x
            self.scope.readings[note[0]] = note[1]
        if str(node.children[1]) == "\\cdot" and values.are_two_columns(a, b):
            self.scope.readings["dot"] = "u \\cdot v between two vectors read as the dot product u^\\top v"
            return values.collapse(values.multiply(values.transpose(a), b))
        if str(node.children[1]) == "\\times" and values.are_two_columns(a, b):
            raise ValueError("\\times between two vectors is the cross product, which is not read; write u^\\top v "
                             "(or u \\cdot v) for the dot product, or u v^\\top for the outer product")  # fmt: skip
        return values.multiply(a, b)

    def _div(self, node: Node) -> Value:
        named_function_slash(self, node)
        return values.divide(self.value(node.children[0]), self.value(node.children[2]))

    def _neg(self, node: Node) -> Value:
        return values.negate(self.value(node.children[1]))

    def _pos(self, node: Node) -> Value:
        return self.value(node.children[1])

    def _matrix(self, node: Node) -> Value:
        if "cases" in str(node.children[0]):
            return cases.piecewise(self, node)
        cells = [
            [c for c in row.children if isinstance(c, Tree)]
            for row in node.children[1].children
            if isinstance(row, Tree)
        ]
        if len(cells) > 1 and all(len(r) == 1 for r in cells) and lists.has_dots([r[0] for r in cells]):
            rows = [[v] for v in lists.expand(self, [r[0] for r in cells], node)]  # a column with \\vdots
        elif len(cells) == 1 and lists.has_dots(cells[0]):
            rows = [lists.expand(self, cells[0], node)]  # a row with \\cdots
        else:
            rows = [[self.value(c) for c in r] for r in cells]
        if len({len(r) for r in rows}) != 1:
            raise self.fail(node, "the rows of this matrix have different lengths; give every row as many entries")
        if any(isinstance(e, sp.MatrixBase) and e.shape != (1, 1) for r in rows for e in r):
            raise self.fail(node, "a matrix entry is a vector or matrix; write scalar entries")
        return Matrix([[values.collapse(e) for e in r] for r in rows])

    def _abs(self, node: Node) -> Value:
        inner = self.value(node.children[1])
        if isinstance(inner, sp.MatrixBase) and inner.shape != (1, 1):
            if inner.rows == inner.cols:
                raise ValueError("|A| of a matrix: for its determinant write \\det A, for a norm \\|A\\|")
            raise ValueError("|x| of a vector: write the norm \\|x\\|")
        return values.as_real(sp.Abs, values.collapse(inner))

    def _norm(self, node: Node) -> Value:
        return values.norm(self.value(node.children[1]), "")

    def _sqrt(self, node: Node) -> Value:
        arg = self.value(node.children[-1])
        if len(node.children) > 2:
            real = not self.scope.printed_mode and not surely_nonnegative(arg, self.scope.where())
            return values.root(arg, self.value(node.children[2]), real=real)
        return values.power(arg, sp.Rational(1, 2))

    def _top(self, node: Node) -> Value:
        raise self.fail(node, "\\top only goes in a superscript: x^\\top")

    def _partial(self, node: Node) -> Value:
        raise self.fail(node, "\\partial only goes in a fraction: \\frac{\\partial L}{\\partial z_j}")

    def _nabla(self, node: Node) -> Value:
        raise self.fail(node, "\\nabla needs its variable: \\nabla_w L")

    def _juxt(self, node: Node) -> Value:
        return functions.product(self, list(node.children))

    def _sup(self, node: Node) -> Value | Fn:
        base, script = node.children[0], node.children[2]
        if isinstance(base, Tree) and base.data == "sub" and _is_nabla_squared(node, base.children[0]):
            return calculus.hessian(self, base.children[2], node)  # \\nabla_w^2
        return scripts.superscript(self, base, script, node)

    def _prime(self, node: Node) -> Fn:
        return functions.prime(self, node)

    def _frac(self, node: Node) -> Value | Fn:
        return calculus.fraction(self, node.children[1], node.children[2], node)

    def _bigop(self, node: Node) -> Value:
        return bigops.big_operator(self, node)
