"""Derivative operators: \\frac{\\partial L}{\\partial z_j}, \\frac{\\partial}{\\partial z_j}, \\frac{d}{dx}, \\nabla_w.

With respect to a declared symbol (or an entry of one) the derivative is sympy's, of the
value the expression has. With respect to a *named intermediate*, a name the file defines
(`\\sigma = \\frac{1}{1 + e^{-z}}`, `\\hat{y} = \\operatorname{softmax}(z)`, `\\sigma^2 = …`), the
meaning is the chain rule's: ∂L/∂σ treats σ as a variable of L. σ is replaced by a fresh
variable s wherever it is written, in the expression and in every definition it uses,
the result is differentiated in s, and s is set back to σ's value. Other names stay as
they are, even those σ's value depends on (a partial derivative holds them fixed). An
expression in which σ is not read at all (not written in it, nor in a definition it
uses) is refused: ∂L/∂σ = 0 would be what the text says, never what a student means.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy as sp
from lark import Tree

from verifier.frontends.latex import sequences, upstream, values
from verifier.frontends.latex.functions import product
from verifier.frontends.latex.scripts import base_key, indices, literal
from verifier.frontends.latex.values import Fn, Matrix, Value

Node = Any  # a lark Tree or Token: their children are untyped
DERIVATIVE = "\\frac{\\partial}{\\partial ...}"


@dataclass(frozen=True)
class Variable:
    """What to differentiate in: symbols, and for a named intermediate the bindings that make it those symbols."""

    value: Value
    shown: str
    hold: dict[str, Value] = field(default_factory=dict)
    back: dict[sp.Symbol, sp.Expr] = field(default_factory=dict)


def _is(node: Node, *kinds: str) -> bool:
    return isinstance(node, Tree) and node.data in kinds


def _items_of(node: Node) -> list[Node]:
    inner = node.children[1] if _is(node, "braced") else node
    return list(inner.children) if _is(inner, "juxt") else [inner]


def is_mark(w: Any, node: Node) -> bool:
    if _is(node, "partial"):
        return True
    if _is(node, "font") and w.letters(node.children[1]) == "d":
        return True
    declared = "d" in w.scope.decls.objects or "d" in w.env or "d" in w.scope.decls.definitions
    return _is(node, "name") and node.children[0].value == "d" and not declared


def fraction(w: Any, num: Node, den: Node, node: Node) -> Value | Fn:
    """A fraction, or a derivative if both parts start with ∂ (or d)."""
    top, bottom = _items_of(num), _items_of(den)
    _declared_d(w, top, bottom, node)
    if _is(top[0], "sup") and is_mark(w, top[0].children[0]):
        return _second(w, top, bottom, node)
    if not (is_mark(w, top[0]) and is_mark(w, bottom[0])):
        return values.divide(w.value(num), w.value(den))
    if len(bottom) < 2:
        raise w.fail(den, "the derivative needs its variable: \\partial z_j")
    var = variable(w, bottom[1:], den)
    if len(top) == 1:
        return Fn(DERIVATIVE, lambda f: differentiate(w, f, var, node), greedy=True, hold=var.hold)
    value = product(w.holding(var.hold), top[1:])
    _independent(w, top, value, var, node)
    return differentiate(w, value, var, node)


def _independent(w: Any, top: list[Node], value: Value, var: Variable, node: Node) -> None:
    """\\frac{dy}{dx} with y a declared variable of its own: y does not depend on x, so it is 0, which no one
    writes dy/dx for (implicit differentiation means y a function of x). Refused, as ∂L/∂σ is where σ is not
    read; \\frac{\\partial y}{\\partial x} = 0 stays (a partial derivative of another variable is 0)."""
    if _is(top[0], "partial") or len(top) != 2 or not isinstance(value, sp.Symbol) or value == var.value:
        return
    if var.hold or not isinstance(var.value, sp.Symbol):
        return
    y, x = sp.latex(value), sp.latex(var.value)
    raise w.fail(
        node,
        f"\\frac{{d{y}}}{{d{x}}}: {y} is declared as a variable of its own, so it does not depend on {x} and this "
        f"derivative is 0; for {y} as a function of {x} define it ({y} = … in terms of {x}), or write 0",
    )


def no_differential(w: Any, node: Node) -> None:
    """\\mathrm{d} (\\mathbf{d}, …) outside a derivative's fraction: a differential is no value, so it is refused,
    unless the file declares or defines d, which is then that symbol under any font."""
    if not ("d" in w.scope.decls.objects or "d" in w.env or "d" in w.scope.decls.definitions):
        raise w.fail(
            node,
            "a differential d is not a value outside a derivative's fraction, and integrals are not read; write "
            "the derivative as \\frac{\\mathrm{d}}{\\mathrm{d}x} f or \\frac{\\mathrm{d}f}{\\mathrm{d}x} (or f'(x)), "
            "or declare d (d: real) for a variable named d",
        )


def _declared_d(w: Any, top: list[Node], bottom: list[Node], node: Node) -> None:
    """\\frac{d}{dx} with d declared (a variable, a definition): a derivative or the fraction d/(d x)? Refused."""
    declared = "d" in w.scope.decls.objects or "d" in w.env or "d" in w.scope.decls.definitions
    first = top[0].children[0] if _is(top[0], "sup") else top[0]
    is_d = _is(first, "name") and first.children[0].value == "d" and len(bottom) > 1 and _is(bottom[0], "name")
    if declared and is_d and bottom[0].children[0].value == "d":
        raise w.fail(
            node,
            "ambiguous: d is declared here, so this is a derivative or a fraction; write \\mathrm{d} for "
            "the derivative (\\frac{\\mathrm{d}}{\\mathrm{d}x}), or rename d, or write the fraction as d/(d x)",
        )


def _second(w: Any, top: list[Node], bottom: list[Node], node: Node) -> Value | Fn:
    """∂²L/∂x², ∂²L/∂x∂y, ∂²L/∂w∂w^\\top: differentiate in the first variable, then the result in the second."""
    what = (
        "write \\frac{\\partial^2 L}{\\partial x^2}, \\frac{\\partial^2 L}{\\partial x \\partial y} "
        "or nest first derivatives"
    )
    if literal(top[0].children[2]) != "2":
        raise w.fail(node, f"only second derivatives are read; {what}")
    groups: list[list[Node]] = []
    for item in bottom:
        if is_mark(w, item):
            groups.append([])
        elif groups:
            groups[-1].append(item)
    if (
        len(groups) == 1
        and len(groups[0]) == 1
        and _is(groups[0][0], "sup")
        and literal(groups[0][0].children[2]) == "2"
    ):
        groups = [[groups[0][0].children[0]]] * 2
    if len(groups) != 2 or not all(groups) or not is_mark(w, bottom[0]):
        raise w.fail(node, f"a second derivative needs two variables; {what}")
    first = variable(w, groups[0], node)
    second = variable(w.holding(first.hold), groups[1], node)  # σ held once: ∂²L/∂σ² is in one variable
    hold = {**first.hold, **second.hold}
    if len(top) == 1:
        return Fn(DERIVATIVE, lambda f: twice(w, f, first, second, node), greedy=True, hold=hold)
    return twice(w, product(w.holding(hold), top[1:]), first, second, node)


def hessian(w: Any, script: Node, node: Node) -> Fn:
    """\\nabla^2_w: the Jacobian of the gradient."""
    var = variable(w, [script.children[1] if _is(script, "braced") else script], script)
    return Fn("\\nabla^2", lambda f: twice(w, f, var, var, node), greedy=True, hold=var.hold)


def nabla(w: Any, script: Node, node: Node) -> Fn:
    var = variable(w, [script.children[1] if _is(script, "braced") else script], script)
    return Fn("\\nabla", lambda f: differentiate(w, f, var, node), greedy=True, hold=var.hold)


def variable(w: Any, nodes: list[Node], where: Node) -> Variable:
    """The variable of ∂/∂…: a declared symbol or entry, or a named intermediate held as a variable."""
    held = _intermediate(w, nodes[0]) if len(nodes) == 1 else None
    if held is not None:
        return held
    value = product(w, nodes)
    entries = list(value) if isinstance(value, sp.MatrixBase) else [value]
    if not all(isinstance(e, sp.Symbol) for e in entries):
        raise w.fail(
            where,
            "differentiate with respect to a declared symbol, an entry of one, or a name the file defines "
            "(\\sigma = …, then \\frac{\\partial L}{\\partial \\sigma})",
        )
    return Variable(value, "")


def _defined(w: Any, key: str | None) -> bool:
    decls = w.scope.decls
    if key is None or key in w.env or key in w.held or key in decls.objects:
        return False
    d = decls.definitions.get(key)
    return d is not None and not d.params and not sequences.is_sequence(decls, d)


def _intermediate(w: Any, node: Node) -> Variable | None:
    """σ, \\hat{y}_j or \\sigma^2 (or (\\sigma^2)) when the file defines it: held as fresh variables."""
    if _is(node, "paren"):
        return _intermediate(w, node.children[1])
    if _is(node, "sup") and literal(node.children[2]) == "2":
        key = base_key(w, node.children[0])
        held = key in w.held or f"{key}^2" in w.held
        if key is not None and f"{key}^2" in w.scope.decls.definitions and not held:
            return _hold(w, f"{key}^2", f"{key}^2", node, None)
        return None
    if _is(node, "sub") and node.children[1].type == "UNDER":
        key = base_key(w, node.children[0])
        return _hold(w, key, key, node, node.children[2]) if key is not None and _defined(w, key) else None
    key = base_key(w, node)
    return _hold(w, key, key, node, None) if key is not None and _defined(w, key) else None


def _hold(w: Any, key: str, shown: str, node: Node, index: Node | None) -> Variable:
    shown = w.scope.decls.definitions[key].name.latex
    current = w.lookup(key, shown, node)
    if isinstance(current, Fn | tuple):
        raise w.fail(node, f"{shown} is a function; name its value (s = {shown}(x)) and differentiate in s")
    if isinstance(current, sp.MatrixBase):
        fresh: Value = Matrix(current.rows, current.cols, lambda i, j: sp.Dummy(f"{key}{i + 1}"))
        back = {s: e for s, e in zip(fresh, current, strict=True)}
    else:
        fresh = sp.Dummy(key)
        back = {fresh: current}
    target: Value = fresh
    if index is not None:
        target = values.index(fresh, indices(w, index, fresh))
    return Variable(target, shown, {key: fresh}, back)


def differentiate(w: Any, f: Value, var: Variable, node: Node) -> Value:
    """∂f/∂var, with a held intermediate set back to its value and an upstream gradient named."""
    return upstream.resolve(w, _set_back(_derive(w, f, var, node), var.back), node)


def twice(w: Any, f: Value, first: Variable, second: Variable, node: Node) -> Value:
    """∂/∂second ∂f/∂first. Held names are set back only after both (∂²L/∂σ² needs σ a variable throughout),
    and an upstream L is refused: its second derivatives are not given."""
    once = _derive(w, f, first, node)
    if upstream.has_markers(w, once):
        raise w.fail(node, "a second derivative of L needs its second derivatives, which are not given; define L")
    return upstream.resolve(w, _set_back(_derive(w, once, second, node), {**first.back, **second.back}), node)


def _derive(w: Any, f: Value, var: Variable, node: Node) -> Value:
    upstream.check_differentiable(w, f, node)
    if var.hold and not set(var.back) & w.scope.held_used:
        raise w.fail(
            node,
            f"what is differentiated does not contain {var.shown} as written (here or in the definitions it "
            f"uses), so ∂/∂{var.shown} would be 0; write it in terms of {var.shown}, or differentiate in a "
            "declared symbol",
        )
    return values.derivative(f, var.value)


def _set_back(result: Value, back: dict[sp.Symbol, sp.Expr]) -> Value:
    if back and result.has(sp.Derivative):  # f'(s) at s = σ(z) is a Subs, which xreplace cannot write
        return result.subs(back, simultaneous=True)
    return result.xreplace(back) if back else result
