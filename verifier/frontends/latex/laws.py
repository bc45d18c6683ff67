"""Random variables and their expectations: `d_i \\sim \\mathcal{N}(1, \\sigma^2)` i.i.d., then `\\mathbb{E}[…]`.

A declaration `x \\sim LAW(params)` makes x random: a scalar, or with an index (`d_i \\sim …`,
`d_1, \\dots, d_k \\sim …`) a vector of the chain's size with independent entries of that
law. Laws: \\mathcal{N}(μ, σ²), \\operatorname{Bernoulli}(p), \\mathcal{U}(a, b). Declared random
variables are independent of each other.

`\\mathbb{E}[X]` (or `\\mathbb{E}_{d}[X]`, over d only) is computed exactly when the reader
reads it: X is expanded as a polynomial in the random entries, and each monomial's mean is
the product of its factors' raw moments (independence), from the law's exact moments
(:mod:`verifier.language.distributions`). `\\operatorname{Var}(X)` is E[X²] − E[X]². An X that is not
a polynomial in them (e^{d}, 1/d, |d|) is refused: its mean is not computed. A random
variable outside \\mathbb{E} and Var is refused too (a line is a claim about numbers).
A parameter must make a law: p provably in [0, 1] (a number, or a name declared in an
interval inside [0, 1], or one minus such a name), σ² provably ≥ 0, a < b.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sympy as sp

from verifier.frontends.latex import values
from verifier.frontends.latex.document import Text
from verifier.frontends.latex.errors import LatexError, Origin
from verifier.frontends.latex.names import Name, parse_name
from verifier.frontends.latex.values import Matrix, Value
from verifier.language.distributions import Bernoulli, Distribution, Normal, Uniform, dependence
from verifier.language.domains import Interval
from verifier.trusted.obligations import expectation_by_moments

_LAWS = {
    "normal": r"\\mathcal\s*\{\s*N\s*\}|\\mathcal\s+N|N|\\(?:operatorname|mathrm|text)\s*\{\s*(?:Normal|N)\s*\}",
    "bernoulli": r"\\(?:operatorname|mathrm|text)\s*\{\s*Bern(?:oulli)?\s*\}|Bernoulli",
    "uniform": r"\\mathcal\s*\{\s*U\s*\}|U|\\(?:operatorname|mathrm|text)\s*\{\s*(?:Uniform|Unif|U)\s*\}",
}
ARITY = {"normal": 2, "bernoulli": 1, "uniform": 2}
_SUFFIX = re.compile(r"[\s,]*(?:\\text\s*\{\s*)?\(?\s*(?:i\.\s*i\.\s*d\.?|iid|independent(?:ly)?)\s*\)?\s*\}?\s*$")
_INDEXED = re.compile(r"(.+?)\s*_\s*(?:[A-Za-z]|\{\s*[A-Za-z]\s*\})$")
LAWS_TEXT = "\\mathcal{N}(\\mu, \\sigma^2), \\operatorname{Bernoulli}(p) or \\mathcal{U}(a, b)"


@dataclass(frozen=True)
class Law:
    """x ~ family(params): indexed for a vector of independent entries."""

    name: Name
    family: str
    params: tuple[Text, ...]
    origin: Origin
    indexed: bool


def _split_top(text: str) -> list[tuple[str, int]]:
    """text cut at its top-level commas, each piece with its offset."""
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "," and depth == 0:
            pieces.append((text[start:i], start))
            start = i + 1
    pieces.append((text[start:], start))
    return pieces


def parse_law(entry: Text) -> list[Law]:
    """The laws an entry `names \\sim LAW(params)` declares; LatexError with what to write otherwise."""
    left, _, right = entry.text.partition("\\sim")
    right_at = len(left) + len("\\sim")
    right = _SUFFIX.sub("", right)
    m = None
    family = ""
    for name, pattern in _LAWS.items():
        m = re.match(rf"\s*(?:{pattern})\s*[(\[](.*)[)\]]\s*$", right)
        if m:
            family = name
            break
    if m is None:
        raise LatexError(entry.origin, f"unknown law in '{entry.text}'; write {LAWS_TEXT}, optionally i.i.d.")
    inner_at = right_at + m.start(1)
    params = tuple(
        Text(piece.strip(), entry.origin.at(1, inner_at + off + len(piece) - len(piece.lstrip()) + 1))
        for piece, off in _split_top(m.group(1))
    )
    if len(params) != ARITY[family] or not all(p.text for p in params):
        raise LatexError(entry.origin, f"{family} takes {ARITY[family]} parameters; write {LAWS_TEXT}")
    names = [p.strip() for p, _ in _split_top(left)]
    listed = len(names) > 1 and any(n in ("\\dots", "\\ldots", "\\cdots") for n in names)
    if listed:
        names = names[:1]
    laws = []
    for raw in names:
        indexed = _INDEXED.match(raw)
        parsed = parse_name(indexed.group(1) if indexed else raw)
        if parsed is None or "_" in parsed.key:
            raise LatexError(
                entry.origin, f"'{raw}' is not a name; write d \\sim …, d_i \\sim … or d_1, \\dots, d_k \\sim …"
            )
        laws.append(Law(parsed, family, params, entry.origin, bool(indexed) or listed))
    return laws


def _parameter(w: Any, text: Text) -> sp.Expr:
    tree = w.parse_text(text.text, text.origin)
    return values.scalar(w.child(text.origin, {}).value(tree), "a law's parameter")


def _domains(w: Any) -> dict[sp.Basic, Any]:
    out: dict[sp.Basic, Any] = {}
    for value, domain in w.scope.where():
        for s in list(value) if isinstance(value, sp.MatrixBase) else [value]:
            out[s] = domain
    return out


def _nonnegative(w: Any, e: sp.Expr) -> bool:
    domains = _domains(w)
    ordered = sorted(e.free_symbols, key=sp.default_sort_key)  # fresh symbols made in one order (not a set's)
    fresh = {s: sp.Dummy(str(s), **domains[s].assumptions()) for s in ordered if s in domains}
    return bool(e.xreplace(fresh).is_nonnegative)


def _in_unit_interval(w: Any, p: sp.Expr) -> bool:
    if p.is_Number:
        return bool(0 <= p <= 1)
    for candidate in (p, 1 - p):
        domain = _domains(w).get(candidate)
        if isinstance(domain, Interval) and domain.lo >= 0 and domain.hi <= 1:
            return True
    return False


def distribution(w: Any, law: Law, node: Any) -> Distribution:
    """The law with its parameters read in the scope, checked to make a law."""
    params = [_parameter(w, t) for t in law.params]
    shown = law.name.latex
    if law.family == "bernoulli":
        if not _in_unit_interval(w, params[0]):
            raise w.fail(
                node,
                f"the Bernoulli parameter {law.params[0].text} of {shown} is not shown to lie in [0, 1]; declare it "
                f"in an interval inside [0, 1] ({law.params[0].text} \\in (0, 1)), or write 1 - such a name",
            )
        return Bernoulli(params[0])
    if law.family == "normal":
        if not _nonnegative(w, params[1]):
            raise w.fail(node, f"the variance of {shown} is not provably ≥ 0; write \\sigma^2 or a positive name")
        return Normal(params[0], params[1])
    if not _nonnegative(w, params[1] - params[0]) or params[1] == params[0]:
        raise w.fail(node, f"the uniform law of {shown} needs a < b; write numbers, or b = a + a positive name")
    return Uniform(params[0], params[1])


def _entries(v: Value) -> list[sp.Expr]:
    return list(v) if isinstance(v, sp.MatrixBase) else [v]


def expectation(w: Any, value: Value, over: list[str] | None, node: Any) -> Value:
    """E[value] over the declared random variables (those named in `over`, if given), exactly."""
    laws = w.scope.decls.random
    keys = list(laws) if over is None else over
    moments: dict[sp.Symbol, Distribution] = {}
    for key in keys:
        if key not in laws:
            raise w.fail(node, f"{key} is not a random variable; declare it ({key} \\sim \\mathcal{{N}}(0, 1))")
        law = laws[key]
        dist = distribution(w, law, node)
        for s in _entries(w.scope.object(key)):
            moments[s] = dist
    _independent(w, moments, node)
    if isinstance(value, sp.MatrixBase):
        return Matrix(value.rows, value.cols, [_mean(w, e, moments, node) for e in value])
    return _mean(w, value, moments, node)


def _independent(w: Any, moments: dict[sp.Symbol, Distribution], node: Any) -> None:
    """A law whose parameters name a random variable (Y \\sim \\mathcal{N}(X, 1)) makes the variables dependent,
    which the moments below never are: E[XY] = 0 was PROVED for Y ~ N(X, 1), where it is 1 (helper-81)."""
    random = {s for key in w.scope.decls.random for s in _entries(w.scope.object(key))}
    every = dict(moments)
    for s in sorted(random - set(every), key=str):  # the laws of the others too: E over Y only still needs X's
        every[s] = Normal(sp.Integer(0), sp.Integer(1))  # a stand-in: only the names of the noise matter here
    why = dependence(every, random)
    if why is not None:
        raise w.fail(node, why)


def _mean(w: Any, e: sp.Expr, moments: dict[sp.Symbol, Distribution], node: Any) -> sp.Expr:
    used = {s: law for s, law in moments.items() if e.has(s)}
    if not used:
        return e
    try:
        return expectation_by_moments(e, used)
    except sp.PolynomialError:
        raise w.fail(
            node,
            "\\mathbb{E} is computed only for polynomials in the random variables (not for e^{d}, 1/d or |d|); "
            "write the value you know instead, as an expression or a declared name",
        ) from None


def names_under(w: Any, script: Any) -> list[str]:
    """The random variables \\mathbb{E}_{d} or \\mathbb{E}_{d, m} averages over."""
    names = script.children[1] if getattr(script, "data", None) == "braced" else script
    if getattr(names, "data", None) in ("binding", "bindings"):
        raise w.fail(
            script,
            "\\mathbb{E}_{x \\sim p}: declare the law beside the chain (x \\sim \\mathcal{N}(0, 1)) "
            "and write \\mathbb{E}_{x}[…]",
        )
    parts = [c for c in names.children if hasattr(c, "data")] if names.data == "items" else [names]
    return [w.letters(p) for p in parts]


def variance(w: Any, value: Value, node: Any) -> Value:
    """Var X = E[X²] − E[X]², for a scalar X."""
    if isinstance(value, sp.MatrixBase) and value.shape != (1, 1):
        raise w.fail(node, "\\operatorname{Var} of a vector is a matrix; take it entry by entry, Var(x_i)")
    x = values.collapse(value)
    mean = expectation(w, x, None, node)
    return expectation(w, x**2, None, node) - mean**2
