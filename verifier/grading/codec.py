"""Sympy expressions as JSON data, and back, through an allow-list.

An expression becomes a tree of small JSON objects: ``{"t": "Add", "a": [...]}`` for an
operation or function from :data:`NODES`, ``{"t": "Symbol", "name": "x", "assume": {...}}``,
``{"t": "Integer", "v": "12"}``, ``{"t": "Rational", "p": "1", "q": "2"}``, a dense matrix as
``{"t": "Matrix", "rows": 2, "cols": 1, "e": [...]}``, and a generic function f(x) as
``{"t": "Apply", "f": "f", "a": [...]}``. Decoding looks every name up in the allow-lists
below and calls that sympy class on the decoded arguments; it never evaluates text
(no eval, sympify or parse_expr), and names must be plain identifiers, so they can
never smuggle code into a printer or a lambdified function. Anything else is a
one-line :class:`CodecError`. Decoding may do real work (sympy evaluates what it
builds), so it runs in a worker with a time and memory limit, never in the parent, and
it is bounded before it builds (:func:`_bounded_node`): a statement's node count, the
digits of a literal, the bits of a power of a number (``Pow(3, 10**9)`` would take
minutes), a symbolic or matrix exponent, the argument of a function that evaluates a
factorial or a Bernoulli number (gamma, zeta, …), a derivative's order, a sum's range and
a symbolic matrix's size. Past a bound, only that statement is refused, at once.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.functions.elementary.piecewise import ExprCondPair
from sympy.matrices.expressions.matexpr import MatrixElement

MAX_DEPTH = 200  # nesting of expression nodes
MAX_DIGITS = 400  # digits of one integer
MAX_NAME = 64
MAX_MATRIX = 4096  # entries of one dense matrix
MAX_NODES = 200_000  # expression nodes of one statement (at one size)
MAX_BITS = 20_000  # bits of a number decoding computes (a power of a rational, a product of literals)
MAX_EXPONENT = 1_000  # |exponent| of a power of a symbolic expression or a matrix
MAX_NUMBER_EXPONENT = 64  # |exponent| of a power of a number that is not a rational (√2, π, I)
MAX_SPECIAL = 1_000  # |argument| of a function that evaluates factorials or Bernoulli numbers at an integer
MAX_ORDER = 32  # a derivative's order
MAX_RANGE = 10_000  # terms of a Sum or Product with integer limits
MAX_SIZE = 4096  # rows or columns of a symbolic matrix


def _words(text: str) -> list[str]:
    return text.split()


_NODE_NAMES = _words(
    "Add Mul Pow exp log sin cos tan cot sec csc sinh cosh tanh asin acos atan acot atan2 asinh acosh atanh "
    "sinc Abs sign Max Min Heaviside floor ceiling Mod erf erfc erfinv erfcinv gamma loggamma lowergamma "
    "uppergamma polygamma digamma beta zeta besseli besselj LambertW KroneckerDelta Piecewise "
    "Equality Unequality StrictGreaterThan GreaterThan StrictLessThan LessThan And Or Not "
    "Derivative Subs Tuple Sum Product MatMul MatAdd MatPow Transpose Inverse Trace Determinant "
    "HadamardProduct ZeroMatrix OneMatrix Identity"
)
NODES: dict[str, Any] = {name: getattr(sp, name) for name in _NODE_NAMES}
SPECIAL = frozenset(_words("gamma loggamma lowergamma uppergamma polygamma digamma beta zeta"))
NODES["ExprCondPair"] = ExprCondPair
NODES["MatrixElement"] = MatrixElement
CONSTANTS: dict[str, sp.Basic] = {
    "Pi": sp.pi,
    "Exp1": sp.E,
    "EulerGamma": sp.EulerGamma,
    "Infinity": sp.oo,
    "NegativeInfinity": -sp.oo,
    "ImaginaryUnit": sp.I,
    "BooleanTrue": sp.true,
    "BooleanFalse": sp.false,
}
ASSUMPTIONS = frozenset(
    _words("real positive negative nonnegative nonpositive nonzero zero integer rational finite commutative complex")
)
_DECIMAL = re.compile(r"-?[0-9]{1,400}(\.[0-9]{0,400})?([eE][-+]?[0-9]{1,4})?")
_INTEGER = re.compile(rf"-?[0-9]{{1,{MAX_DIGITS}}}")


class CodecError(ValueError):
    """Data that is not a well-formed, allowed statement; the message is one line."""


class CannotEncode(CodecError):
    """A statement holds something that cannot travel as data (a Python function, a custom class)."""


def check_name(name: object, what: str = "name") -> str:
    """A plain identifier of at most 64 characters (no dunders), or CodecError."""
    if not isinstance(name, str) or not name.isidentifier() or len(name) > MAX_NAME:
        raise CodecError(f"{what} {str(name)[:40]!r} is not a plain identifier of at most {MAX_NAME} characters")
    if name.startswith("__") or (keyword.iskeyword(name) and name != "lambda"):
        raise CodecError(f"{what} {name!r} is not allowed")
    return name


# ---------------------------------------------------------------- encoding (inside the sandbox)


def encode_expr(obj: Any) -> dict[str, Any]:
    """The JSON tree of a sympy expression or matrix (CannotEncode for anything off the allow-list, or past the
    node count of an enclosing :func:`bounded` block: the sandbox stops at the bound, not the grader)."""
    _spend(CannotEncode, "not sent")
    if isinstance(obj, sp.MatrixBase):
        if obj.rows * obj.cols > MAX_MATRIX:
            raise CannotEncode(f"a {obj.rows}×{obj.cols} matrix is larger than {MAX_MATRIX} entries")
        return {"t": "Matrix", "rows": int(obj.rows), "cols": int(obj.cols), "e": [encode_expr(x) for x in obj]}
    if not isinstance(obj, sp.Basic):
        raise CannotEncode(f"a Python {type(obj).__name__} where a sympy expression was expected")
    return _encode_basic(obj)


def _encode_basic(e: sp.Basic) -> dict[str, Any]:
    if isinstance(e, sp.Integer):
        return {"t": "Integer", "v": str(int(e))}
    if isinstance(e, sp.Rational):
        return {"t": "Rational", "p": str(e.p), "q": str(e.q)}
    if isinstance(e, sp.Float):
        return {"t": "Float", "v": str(e), "prec": int(e._prec)}
    if isinstance(e, sp.Symbol) and type(e) is sp.Symbol:
        assume = {k: bool(v) for k, v in e._assumptions_orig.items() if k in ASSUMPTIONS}
        return {"t": "Symbol", "name": e.name, "assume": assume}
    if isinstance(e, sp.MatrixSymbol):
        return {"t": "MatrixSymbol", "name": e.name, "a": [encode_expr(e.rows), encode_expr(e.cols)]}
    if isinstance(e, AppliedUndef):
        if getattr(e.func, "_imp_", None) is not None:
            raise CannotEncode(f"uses {e.func.__name__}, a function with a Python implementation, not sympy data")
        return {"t": "Apply", "f": e.func.__name__, "a": [encode_expr(a) for a in e.args]}
    name = type(e).__name__
    if not e.args:  # the constants are atoms: a compound node is never one (and == on it costs)
        for key, value in CONSTANTS.items():
            if e == value and type(e) is type(value):
                return {"t": key}
    if name in NODES and type(e) is NODES[name]:
        return {"t": name, "a": [encode_expr(a) for a in e.args]}
    raise CannotEncode(f"uses {name}, which is not among the sympy functions a submission may use")


# ---------------------------------------------------------------- decoding (in a worker, outside)


def decode_expr(tree: Any, depth: int = 0) -> Any:
    """The sympy object a JSON tree describes (CodecError for anything malformed or not allowed)."""
    if depth > MAX_DEPTH:
        raise CodecError(f"an expression nested deeper than {MAX_DEPTH} levels")
    _spend(CodecError, "not decoded")
    if not isinstance(tree, dict) or not isinstance(tree.get("t"), str):
        raise CodecError(f"expected an expression node, got {_short(tree)}")
    tag = tree["t"]
    maker = _LEAVES.get(tag)
    if maker is not None:
        return maker(tree)
    if tag in CONSTANTS:
        return CONSTANTS[tag]
    if tag == "Matrix":
        return _matrix(tree, depth)
    args = [decode_expr(a, depth + 1) for a in _list(tree, "a")]
    if tag == "MatrixSymbol":
        if len(args) != 2 or not all(_small(a, MAX_SIZE) for a in args):
            raise CodecError(f"a MatrixSymbol needs rows and cols, each at most {MAX_SIZE}")
        return sp.MatrixSymbol(check_name(tree.get("name"), "matrix symbol"), *args)
    if tag == "Apply":
        return sp.Function(check_name(tree.get("f"), "function"))(*args)
    if tag not in NODES:
        raise CodecError(f"{tag[:40]!r} is not an allowed sympy node")
    _bounded_node(tag, args)
    try:
        built = NODES[tag](*args)
    except (TypeError, ValueError, AttributeError, IndexError) as err:
        raise CodecError(f"cannot build {tag}: {_one_line(err)}") from None
    if isinstance(built, sp.Rational) and _bits(built) > 4 * MAX_BITS:
        raise CodecError(f"{tag} evaluates to a number of more than {4 * MAX_BITS} bits")
    return built


# ---------------------------------------------------------------- bounds on what decoding builds

_NODES: ContextVar[list[int] | None] = ContextVar("statement_nodes", default=None)  # [left, bound]


@contextmanager
def bounded(nodes: int | None = None) -> Iterator[None]:
    """Encode or decode at most `nodes` (default: MAX_NODES) expression nodes in this block (one statement)."""
    bound = MAX_NODES if nodes is None else nodes
    token = _NODES.set([bound, bound])
    try:
        yield
    finally:
        _NODES.reset(token)


def _spend(error: type[CodecError], done: str) -> None:
    left = _NODES.get()
    if left is not None:
        left[0] -= 1
        if left[0] < 0:
            raise error(f"a statement of more than {left[1]} expression nodes; {done}")


def _bits(x: sp.Rational) -> int:
    return int(x.p).bit_length() + int(x.q).bit_length()


def _small(x: Any, limit: int) -> bool:
    """x is not a rational number of magnitude above limit."""
    return not isinstance(x, sp.Rational) or abs(x) <= limit


def _bounded_node(tag: str, args: list[Any]) -> None:
    """Refuse a node whose construction (or the engine's later work on it) would be unbounded."""
    if tag in ("Pow", "MatPow") and len(args) == 2:
        _bounded_power(tag, args[0], args[1])
    elif (
        tag in ("Mul", "Add", "HadamardProduct")
        and sum(_bits(a) for a in args if isinstance(a, sp.Rational)) > 4 * MAX_BITS
    ):
        raise CodecError(f"a {tag} of numbers over {4 * MAX_BITS} bits in all")
    elif tag in SPECIAL and not all(_small(a, MAX_SPECIAL) for a in args):
        raise CodecError(f"{tag} of a number above {MAX_SPECIAL} (it would evaluate a huge factorial or series)")
    elif tag in ("Identity", "ZeroMatrix", "OneMatrix") and not all(_small(a, MAX_SIZE) for a in args):
        raise CodecError(f"a {tag} larger than {MAX_SIZE}×{MAX_SIZE}")
    elif tag == "Derivative" and not all(_small(a, MAX_ORDER) for t in args[1:] for a in _flat(t)):
        raise CodecError(f"a derivative of order above {MAX_ORDER}")
    elif tag in ("Sum", "Product"):
        for limits in args[1:]:
            lo, hi = [*_flat(limits)[1:3], None, None][:2]
            if isinstance(lo, sp.Integer) and isinstance(hi, sp.Integer) and hi - lo > MAX_RANGE:
                raise CodecError(f"a {tag} of more than {MAX_RANGE} terms")


def _flat(arg: Any) -> list[Any]:
    return list(arg) if isinstance(arg, sp.Tuple) else [arg]


def _bounded_power(tag: str, base: Any, exp: Any) -> None:
    if not isinstance(exp, sp.Rational) or abs(exp) <= 1:
        return
    size = abs(exp)
    if isinstance(base, sp.Rational):
        if base in (0, 1, -1) or _bits(base) * size <= MAX_BITS:
            return
        raise CodecError(f"a power of a number of more than {MAX_BITS} bits ({_short(base)}^{_short(exp)})")
    if isinstance(base, sp.Float):
        return
    number = isinstance(base, sp.Basic) and not isinstance(base, sp.MatrixBase) and base.is_number
    limit = MAX_NUMBER_EXPONENT if number else MAX_EXPONENT
    if size > limit:
        raise CodecError(f"a {tag} with exponent {_short(exp)}, above {limit} in magnitude")


def _list(tree: dict[str, Any], key: str) -> list[Any]:
    value = tree.get(key, [])
    if not isinstance(value, list):
        raise CodecError(f"{key!r} of a {tree.get('t')} node is not a list")
    return value


def _integer(text: object) -> int:
    if not isinstance(text, str) or not _INTEGER.fullmatch(text):
        raise CodecError(f"{_short(text)} is not an integer of at most {MAX_DIGITS} digits")
    return int(text)


def _symbol(tree: dict[str, Any]) -> sp.Symbol:
    assume = tree.get("assume", {})
    if not isinstance(assume, dict) or not all(k in ASSUMPTIONS and isinstance(v, bool) for k, v in assume.items()):
        raise CodecError("symbol assumptions must map known assumption names to true or false")
    try:
        return sp.Symbol(check_name(tree.get("name"), "symbol"), **assume)
    except (ValueError, TypeError) as err:
        raise CodecError(f"inconsistent assumptions: {_one_line(err)}") from None


def _float(tree: dict[str, Any]) -> sp.Float:
    text, prec = tree.get("v"), tree.get("prec", 53)
    if not isinstance(text, str) or not _DECIMAL.fullmatch(text) or not isinstance(prec, int) or not 1 <= prec <= 4000:
        raise CodecError(f"{_short(text)} is not a decimal number with a precision of 1-4000 bits")
    return sp.Float(text, precision=prec)


def _rational(tree: dict[str, Any]) -> sp.Rational:
    q = _integer(tree.get("q"))
    if q == 0:
        raise CodecError("a rational with denominator 0")
    return sp.Rational(_integer(tree.get("p")), q)


_LEAVES: dict[str, Callable[[dict[str, Any]], Any]] = {
    "Integer": lambda tree: sp.Integer(_integer(tree.get("v"))),
    "Rational": _rational,
    "Float": _float,
    "Symbol": _symbol,
}


def _matrix(tree: dict[str, Any], depth: int) -> sp.ImmutableMatrix:
    rows, cols = tree.get("rows"), tree.get("cols")
    entries = [decode_expr(a, depth + 1) for a in _list(tree, "e")]
    ok = isinstance(rows, int) and isinstance(cols, int) and rows >= 0 and cols >= 0 and rows * cols <= MAX_MATRIX
    if not ok or len(entries) != rows * cols:  # type: ignore[operator]
        raise CodecError(f"a matrix of {len(entries)} entries does not have the shape {_short(rows)}×{_short(cols)}")
    return sp.ImmutableMatrix(rows, cols, entries)


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _one_line(err: BaseException) -> str:
    return (str(err).splitlines() or [type(err).__name__])[0][:200]
