"""An upstream gradient given by name: `L = L(y_1, \\dots, y_k)` and `\\frac{\\partial L}{\\partial y_j} = g_j`.

L is then an arbitrary smooth function of its arguments, and g_j names ∂L/∂y_j at the
point. The chain rule is all that is known of L: ∂L/∂z_i = Σ_j g_j ∂y_j/∂z_i. The reader
writes L as C + Σ_j G_j·y_j with fresh markers C and G_j, differentiates that, and then
reads each G_j as g_j. This is exact for what it lets through, and it lets through only:

* L under a derivative, entering linearly (no C is left: L², e^L or z·L would need L's value);
* no derivative of an expression holding g (that would need L's second derivatives).

Anything else is refused with one line that says so. A line holding g_j is a claim for
every value g can take, which is every vector: at any point some L has that gradient.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from verifier.frontends.latex.declarations import Upstream
from verifier.frontends.latex.errors import Origin
from verifier.frontends.latex.values import Value

Node = Any


@dataclass(frozen=True)
class Markers:
    """The fresh symbols standing for ∂L/∂(argument j) and for L's value, in one scope."""

    gradient: tuple[sp.Dummy, ...]
    constant: sp.Dummy


def _arguments(w: Any, up: Upstream) -> list[sp.Expr]:
    """L's arguments as scalars: a list (with \\dots) or vectors, flattened in order."""
    origin = up.args.origin
    shifted = Origin(origin.path, origin.line, origin.col - 1)  # for the "(" put in front
    tree = w.parse_text(f"({up.args.text})", shifted)
    item = w.child(shifted, {}).item(tree)
    parts = item if isinstance(item, tuple) else (item,)
    out: list[sp.Expr] = []
    for part in parts:
        out.extend(list(part) if isinstance(part, sp.MatrixBase) else [part])
    return out


def value(w: Any, up: Upstream, node: Node) -> Value:
    """L as C + Σ_j G_j·y_j, for a derivative to act on."""
    key = up.name.key
    args = _arguments(w, up)
    markers = w.scope.markers.get(key)
    if markers is None or len(markers.gradient) != len(args):
        markers = Markers(tuple(sp.Dummy(f"d{key}_{j + 1}") for j in range(len(args))), sp.Dummy(key))
        w.scope.markers[key] = markers
        shown = up.name.latex
        for s in (*markers.gradient, markers.constant):
            w.scope.forbidden[s] = (
                f"{shown} is known only by its gradient ({shown} = {shown}(...) beside "
                f"\\frac{{\\partial {shown}}}{{\\partial ...}} = g); it can appear only under a derivative, "
                f"as \\frac{{\\partial {shown}}}{{\\partial z_i}}"
            )
    return markers.constant + sp.Add(*(g * a for g, a in zip(markers.gradient, args, strict=True)))


def has_markers(w: Any, d: Value) -> bool:
    """d still holds an upstream L's markers (a first derivative of L, not yet named)."""
    entries = list(d) if isinstance(d, sp.MatrixBase) else [d]
    markers = {s for m in w.scope.markers.values() for s in (*m.gradient, m.constant)}
    return any(e.free_symbols & markers for e in entries)


def _gradient_symbols(w: Any) -> set[sp.Basic]:
    out: set[sp.Basic] = set()
    for up in w.scope.decls.upstream.values():
        if up.gradient and up.gradient in w.scope.touched:
            g = w.scope.object(up.gradient)
            out |= set(g) if isinstance(g, sp.MatrixBase) else {g}
    return out


def check_differentiable(w: Any, f: Value, node: Node) -> None:
    """A derivative of an upstream gradient would need L's second derivatives: refused."""
    held = _gradient_symbols(w)
    entries = list(f) if isinstance(f, sp.MatrixBase) else [f]
    if held and any(e.free_symbols & held for e in entries):
        raise w.fail(
            node,
            "this differentiates the upstream gradient g, which depends on the point as well: its derivative "
            "needs the second derivatives of L, which are not given; differentiate L itself",
        )


def resolve(w: Any, d: Value, node: Node) -> Value:
    """A derivative with each ∂L/∂y_j marker read as g_j (L's value left over is refused)."""
    entries = list(d) if isinstance(d, sp.MatrixBase) else [d]
    found = set().union(*(e.free_symbols for e in entries))
    for key, markers in w.scope.markers.items():
        up = w.scope.decls.upstream[key]
        shown = up.name.latex
        if markers.constant in found:
            raise w.fail(
                node,
                f"this derivative needs the value of {shown}, which is not given (only its gradient is): "
                f"differentiate {shown} where it enters linearly, or define {shown}",
            )
        if not found & set(markers.gradient):
            continue
        if not up.gradient:
            raise w.fail(node, f"name the gradient of {shown}: \\frac{{\\partial {shown}}}{{\\partial y_j}} = g_j")
        g = w.scope.object(up.gradient)
        named = list(g) if isinstance(g, sp.MatrixBase) else [g]
        if len(named) != len(markers.gradient):
            raise w.fail(
                node, f"{shown} takes {len(markers.gradient)} arguments but its gradient has {len(named)} entries"
            )
        swap = dict(zip(markers.gradient, named, strict=True))
        d = d.xreplace(swap)
    return d
