"""Rational exponents on a base that may be negative: read as a text means them, or refused where texts differ.

An odd denominator written as one fraction in lowest terms is the real root (x^{1/3} = \\sqrt[3]{x}); an even one is
the principal root, with its condition (x ≥ 0). Two ways of writing an exponent leave its root unclear below 0:
a fraction not in lowest terms (x^{2/6}), and an exponent worked out from a sum or a product (x^{1/6 + 1/6}).
Both are refused there, with what to write; on a base ≥ 0 every reading agrees and they are read.
"""

from __future__ import annotations

import math

import sympy as sp
from lark import Tree

from verifier.frontends.latex import conditions, values
from verifier.frontends.latex.values import Value
from verifier.frontends.latex.walker import Node, Walker, inner, is_node, literal


def odd_root(exponent: Value) -> bool:
    """x^{p/q} with q odd is the real root, as \\sqrt[q]{x^p} and most texts mean it: (-8)^{1/3} = -2, where sympy's
    power is the principal complex root (and the line shown back printed it as \\sqrt[3]{x} either way)."""
    return isinstance(exponent, sp.Rational) and not exponent.is_integer and exponent.q % 2 == 1


def refuse_unreduced(w: Walker, b: Value, script: Node) -> None:
    """x^{2/6}: a fraction not in lowest terms with an even denominator, on a base that may be negative. Below 0
    texts differ on it: the root of a power \\sqrt[6]{x^2} = |x|^{1/3}, the power of a root (\\sqrt[6]{x})^2, not
    real, or x^{1/3} = \\sqrt[3]{x}, negative. sympy reduced the fraction before the odd-root rule saw it, so
    (-1)^{2/6} = -1 was proved: refused, with what to write. An odd denominator (x^{6/3}) is the real root in every
    reading, and on a base ≥ 0 (x: positive) all readings agree: both are read as before, and so is a matrix's
    power (A^{4/2} is A^2; no root of a matrix is read)."""
    fraction = _written_fraction(script)
    b = values.collapse(b) if values.is_one_by_one(b) else b
    if fraction is None or isinstance(b, sp.MatrixBase):
        return
    p, q = fraction
    g = math.gcd(p, q)
    if q == 0 or q % 2 == 1 or g == 1 or conditions.surely_nonnegative(b, w.scope.where()):
        return
    x, bare = _shown_base(b)
    reduced = f"{p // g}" if q == g else f"{p // g}/{q // g}"
    root = "\\sqrt" if q == 2 else f"\\sqrt[{q}]"
    sign = "is negative" if isinstance(b, sp.Expr) and b.is_negative else "may be negative"
    raise w.fail(
        script,
        f"the exponent {p}/{q} is not in lowest terms and {x} {sign}, where texts differ on it: the root of a "
        f"power, {root}{{{x}^{{{p}}}}}, the power of a root, ({root}{{{bare}}})^{{{p}}}, or {x}^{{{reduced}}}; "
        f"write the exponent in lowest terms, {x}^{{{reduced}}}, or the root of a power, {root}{{{x}^{{{p}}}}}",
    )


def _written_fraction(script: Node) -> tuple[int, int] | None:
    """p and q of an exponent written as one fraction of whole numbers: 2/6, \\frac{2}{6}, -(2/6), {-2}/{6}."""
    body, sign = inner(script), 1
    while is_node(body, "paren", "braced", "neg", "pos"):
        sign = -sign if is_node(body, "neg") else sign
        body = next(c for c in body.children if isinstance(c, Tree))
    parts = body.children[0::2] if is_node(body, "div") else body.children[1:] if is_node(body, "frac") else []
    whole = [_whole(c) for c in parts]
    if len(whole) != 2 or whole[0] is None or whole[1] is None:
        return None
    return sign * whole[0], whole[1]


def _whole(node: Node) -> int | None:
    """The whole number a node writes (6, {6}, (-2), -2), without reading it."""
    sign = 1
    while is_node(node, "paren", "braced", "neg", "pos"):
        sign = -sign if is_node(node, "neg") else sign
        node = next(c for c in node.children if isinstance(c, Tree))
    if is_node(node, "negdigit"):
        return -int(str(node.children[1]))
    text = literal(node)
    return sign * int(text) if is_node(node, "number") and text is not None and text.isdigit() else None


def _shown_base(b: Value) -> tuple[str, str]:
    """The base as the message writes it, under a power and alone: x; (-8) and -8; x for a long or a matrix one."""
    shown = sp.latex(b) if isinstance(b, sp.Expr) else "x"
    if len(shown) > 24:
        return "x", "x"
    return (shown if isinstance(b, sp.Symbol) or shown == "x" else f"({shown})"), shown


def refuse_worked_out(w: Walker, b: Value, script: Node, exponent: sp.Rational) -> None:
    """x^{1/6 + 1/6}: an exponent with an odd denominator worked out from arithmetic, on a base that may be negative.
    sympy adds it up to 1/3 before the odd-root rule sees it, so (-8)^{1/6 + 1/6} = -2 was proved, where x^{1/6}
    x^{1/6} is not real below 0. Refused, with what to write; one fraction as written (1/3, \\frac{1}{3}, -1/3)
    is read as before, and so is any exponent on a base ≥ 0. A decimal (x^{0.2}) is refused
    too: (-32)^{0.2} = -2 was proved while (-32)^{-0.2} was refused, and many texts define a decimal power for a
    base > 0 only (0.2 = 2/10, the root of a power \\sqrt[10]{x^2} ≥ 0), others the real root \\sqrt[5]{x}."""
    if _written_fraction(script) is not None:
        return
    b = values.collapse(b) if values.is_one_by_one(b) else b
    if isinstance(b, sp.MatrixBase) or conditions.surely_nonnegative(b, w.scope.where()):
        return
    x, bare = _shown_base(b)
    p, q = exponent.p, exponent.q
    sign = "is negative" if isinstance(b, sp.Expr) and b.is_negative else "may be negative"
    root = f"\\sqrt[{q}]{{{bare if p == 1 else f'{x}^{{{p}}}'}}}"
    if (decimal := _written_decimal(script)) is not None:
        raise w.fail(
            script,
            f"the decimal exponent {decimal} is {p}/{q} and {x} {sign}, where texts differ on it: a decimal power "
            f"is defined for a base > 0 only in many texts, the real root {root} in others; write the exponent as "
            f"one fraction, {x}^{{{p}/{q}}}, or the root, {root}",
        )
    raise w.fail(
        script,
        f"the exponent works out to {p}/{q} and {x} {sign}, where texts differ on it: a power of each part of the "
        f"exponent is not real below 0, the real root {root} is; write the exponent as one fraction, "
        f"{x}^{{{p}/{q}}}, or the root, {root}",
    )


def _written_decimal(script: Node) -> str | None:
    """The decimal an exponent writes as one number, with its sign: 0.2, -0.2, {-(0.2)}; None for anything else."""
    body, sign = inner(script), ""
    while is_node(body, "paren", "braced", "neg", "pos"):
        sign = ("" if sign else "-") if is_node(body, "neg") else sign
        body = next(c for c in body.children if isinstance(c, Tree))
    text = literal(body) if is_node(body, "number") else None
    return f"{sign}{text}" if text is not None and "." in text else None
