"""The gates every line passes before it becomes part of a claim.

1. It is a sympy expression (or a matrix of them), finite: no zoo/nan from a 1/0.
2. Its free symbols are entries of declared objects, and its functions are those the
   macro table or a declaration names (so a misread `\\hat`, `\\mathbf`, `\\top` or `e`
   cannot slip in as a symbol). No symbol the scope forbids is left: a random variable
   outside \\mathbb{E}, or the marker of a function known only by its gradient.
3. Round trip: sympy's LaTeX for each entry (with the declared spellings, z_{1},
   A_{1,2}, \\hat{y}) reads back as the same expression, compared structurally with ==, or
   equal once expanded (sympy distributes a number over a sum as it reads it).
   Not attempted for entries holding an unevaluated Derivative or Subs (a declared
   generic function's derivative, f'(x)): sympy prints them as \\frac{d}{d x} f{\\left(x
   \\right)} and \\left. … \\right|_{\\substack{…}}, notation outside the macro table.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp
from sympy.core.function import AppliedUndef

from verifier.frontends.latex import conditions
from verifier.frontends.latex.errors import LatexError, Origin
from verifier.frontends.latex.macros import ALLOWED_FUNCTIONS
from verifier.frontends.latex.printing import LinePrinter
from verifier.frontends.latex.scope import Scope
from verifier.frontends.latex.values import Value
from verifier.language import walk

Reparse = Callable[[str], Value]


def check_line(value: object, scope: Scope, where: Origin, reparse: Reparse) -> Value:
    """value if it passes every gate, else a LatexError at where."""
    if not isinstance(value, sp.Expr | sp.MatrixBase):
        raise LatexError(where, f"this line is {type(value).__name__}, not a sympy expression; write an expression")
    entries = list(value) if isinstance(value, sp.MatrixBase) else [value]
    if not all(isinstance(e, sp.Expr) for e in entries):
        raise LatexError(where, "this line has an entry that is not a sympy expression; write an expression")
    if any(e.has(sp.zoo, sp.nan, sp.oo, -sp.oo) for e in entries):
        raise LatexError(where, "this line divides by zero or is infinite; check the denominators")
    for e in entries:
        for s in sorted(e.free_symbols & scope.forbidden.keys(), key=str)[:1]:
            raise LatexError(where, scope.forbidden[s])  # a random variable outside E[…], an upstream L's value
    stray = sorted(str(s) for e in entries for s in e.free_symbols if s not in scope.symbols())
    if stray:
        raise LatexError(where, f"symbol {stray[0]} came out of the parse but is not declared; declare it")
    generic = {k for k, kind in scope.decls.functions.items() if kind == "generic"}
    for app in walk.function_applications(entries):
        if isinstance(app, ALLOWED_FUNCTIONS) or (isinstance(app, AppliedUndef) and str(app.func) in generic):
            continue
        raise LatexError(where, f"function {app.func} came out of the parse but no declaration names it; declare it")
    for e in entries:
        _round_trip(e, scope, where, reparse)
    return value


_SIMPLIFIED = {
    "\\sqrt": "(\\sqrt{x})^2 is x",
    "\\log": "e^{\\log x} is x",
    "division": "\\frac{x}{x} is 1",
    "inverse": "(A^{-1})^{-1} is A",
}


def check_conditions(value: Value, needed: list[conditions.Condition], scope: Scope, where: Origin) -> Value:
    """value, unless sympy's reading of it dropped a condition a root or logarithm in it needs, at a point of the
    declared domain where the line as read is still a real number (:mod:`verifier.frontends.latex.conditions`)."""
    found = conditions.lost(value, needed, scope.where())
    if found is None:
        return value
    condition, point = found
    names = scope.symbol_names()
    if point is None:
        raise LatexError(where, _undecided(condition, value, names, scope))
    if not condition.arg.free_symbols:  # a number: an index of a sum put in, or a constant written
        what = {">": "positive", "≥": "nonnegative", "≠": "nonzero"}[condition.relation]
        raise LatexError(
            where,
            f"this line is undefined in ℝ: its {condition.what} needs {sp.latex(condition.arg)} to be {what}, and it "
            "is not; write a line that has a real value (a sum's term at one of its indices can do this, 1/i at "
            "i = 0: start the sum where every term is defined)",
        )
    shown = {s: v for s, v in point.items() if s in condition.arg.free_symbols}
    at = ", ".join(f"{names.get(s, str(s))} = {_decimal(v)}" for s, v in sorted(shown.items(), key=lambda i: str(i[0])))
    arg = sp.latex(condition.arg, symbol_names=names)
    relation = {">": ">", "≥": "\\ge", "≠": "\\ne"}[condition.relation]
    read_as = sp.latex(value, symbol_names=names) if isinstance(value, sp.Expr) else "a matrix"
    example = _SIMPLIFIED.get(condition.what, _SIMPLIFIED["\\sqrt"])
    where_held = "" if condition.guard is sp.true else " where its case or premise holds"
    raise LatexError(
        where,
        f"this line is undefined in ℝ at {at}, a point of the declared domain{where_held}: its {condition.what} needs "
        f"{arg} {relation} 0. sympy reads it as {_short(read_as)}, which hides that (it simplifies as it reads: "
        f"{example}); narrow the domain to where {arg} {relation} 0{_declaration(condition, names, scope)}",
    )


def _undecided(condition: conditions.Condition, value: Value, names: dict[sp.Symbol, str], scope: Scope) -> str:
    """A divisor sympy cancelled that the reader can neither show nonzero on the declared domain nor find a zero of
    there: what to write."""
    arg = sp.latex(condition.arg, symbol_names=names)
    read_as = sp.latex(value, symbol_names=names) if isinstance(value, sp.Expr) else "a matrix"
    example = _SIMPLIFIED.get(condition.what, _SIMPLIFIED["division"])
    return (
        f"this line's {condition.what} by {arg} is undefined where {arg} = 0, and the reader cannot show that "
        f"{arg} \\ne 0 on the declared domain, nor find where it is 0. sympy reads the line as {_short(read_as)}, "
        f"which hides that (it simplifies as it reads: {example}); narrow the domain to where {arg} \\ne 0"
        f"{_declaration(condition, names, scope)}, or write the line without that {condition.what}"
    )


def _decimal(v: sp.Expr) -> str:
    """-0.5 for -1/2, 1/3 for 1/3: a decimal where it ends; an irrational root in LaTeX (\\sqrt{2})."""
    if not isinstance(v, sp.Rational):
        if v.has(sp.CRootOf):  # a root radicals cannot write (x^3 - 3x + 1): its value, then which root it is
            return f"{sp.N(v, 6)}… (a root of {sp.latex(v.args[0])})"
        shown = sp.latex(v)
        return "-" + shown[2:] if shown.startswith("- ") else shown
    q = int(v.q)
    while q % 2 == 0:
        q //= 2
    while q % 5 == 0:
        q //= 5
    return f"{float(v):g}" if q == 1 and len(f"{float(v):g}") < 12 else str(v)


def _declaration(condition: conditions.Condition, names: dict[sp.Symbol, str], scope: Scope) -> str:
    """The declaration that narrows the domain, when the condition is on one declared scalar: x: nonnegative."""
    if condition.arg not in names or condition.arg not in {v for v, _ in scope.where()}:
        return ""
    word = {">": "positive", "≥": "nonnegative", "≠": "nonzero"}[condition.relation]
    return f" (declare {names[condition.arg]}: {word})"


def _round_trip(e: sp.Expr, scope: Scope, where: Origin, reparse: Reparse) -> None:
    if e.has(sp.Derivative, sp.Subs):
        return
    names = scope.symbol_names()
    named = {*scope.decls.objects, *scope.decls.definitions}  # a residual e = y - Xw is a name too
    declared_e = any(key in named for key in ("e", "\\mathrm{e}"))  # sympy's e^{x} would read as it
    printer = _ExpWritten if declared_e else LinePrinter
    text = printer({"symbol_names": names}).doprint(e)
    try:
        back = reparse(text)
    except LatexError as err:
        raise LatexError(
            where,
            f"round trip: sympy prints this line as {_short(text)}, which does not read back "
            f"({err.message}); a bug of the LaTeX reader, please report it",
        ) from None
    if back != e and not _same_but_distributed(back, e):
        raise LatexError(
            where,
            f"round trip: sympy prints this line as {_short(text)}, which reads back as "
            f"{_short(sp.sstr(back))}; a bug of the LaTeX reader, please report it",
        )


class _ExpWritten(LinePrinter):
    """sympy's printer with exp(x) written \\exp(x) and Euler's number \\exp(1): where the line declares a symbol e,
    sympy's e^{x} reads back as that symbol to the power x."""

    def _print_ExpBase(self, expr: sp.Expr, exp: str | None = None) -> str:
        return str(self._do_exponent(rf"\exp\left({self._print(expr.args[0])}\right)", exp))

    def _print_Exp1(self, expr: sp.Expr, exp: str | None = None) -> str:
        return r"\exp\left(1\right)"

    def _print(self, expr: object, **kwargs: object) -> str:
        """Euler's number has a _latex method of its own ('e'), which sympy's printer asks before _print_Exp1."""
        return self._print_Exp1(sp.E) if expr is sp.E else str(super()._print(expr, **kwargs))


def _same_but_distributed(back: object, e: sp.Expr) -> bool:
    """sympy distributes a number over a sum it reads (4(1 - u) is 4 - 4u), so a line it printed may read
    back with its numbers multiplied out: the same expression once both are expanded."""
    if not isinstance(back, sp.Expr) or back.free_symbols != e.free_symbols:
        return False
    try:
        difference = sp.expand(back - e)
        if difference == 0:
            return True
        # nested denominators (1/(1 + 1/x) printed as 1/(1 + x^{-1})) need the fractions combined
        return sp.count_ops(difference) <= _CANCEL_OPS and sp.cancel(sp.together(difference)) == 0
    except (TypeError, ValueError, RecursionError, sp.PolynomialError):
        return False


_CANCEL_OPS = 400  # beyond this size a rational function is not combined here: the line is refused, not slowed


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."
