"""The statement of a claim as LaTeX and MathML, computed once with the result.

Renderers never call sympy: the worker fills these strings into the ClaimResult. Each object is typeset once
per claim (a chain's line is shown in the chain and again in its step), and a sum's terms are put in printing
order once for both printers: the strings are sympy's `latex` and presentation `mathml`, character for character.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

import sympy as sp
from sympy.printing.latex import LatexPrinter
from sympy.printing.mathml import MathMLPresentationPrinter

from verifier.language.claims import (
    PSD,
    Convergence,
    Convex,
    Derivative,
    Expectation,
    Identity,
    Inequality,
    Limit,
    Statement,
)
from verifier.language.families import Claim
from verifier.language.iteration import iteration_of
from verifier.language.stepwise import Chain, Implication, Relation
from verifier.outcome import ProofEvidence
from verifier.trusted.instantiate import as_matrix

MAX_CHARS = 6000
_OPS = {"=": "=", "<=": r"\le", "<": "<", ">=": r"\ge", ">": ">", "=>": r"\implies", "<=>": r"\iff"}
_MML_OPS = {"=": "=", "<=": "&#x2264;", "<": "&lt;", ">=": "&#x2265;", ">": "&gt;", "=>": "&#x27F9;", "<=>": "&#x27FA;"}


# memos of pure functions of an expression, within one claim: emptied by budget.start_claim (budget.MEMOS)
_TYPESET: dict[tuple[str, sp.Basic], str] = {}  # ("latex" or "mathml", object) -> its markup
_TERMS: dict[sp.Basic, list[sp.Basic]] = {}  # a sum -> its terms in the printers' default order


def _ordered_terms(expr: sp.Basic, order: str | None, plain: Callable[[sp.Basic, str | None], Any]) -> Any:
    """A sum's terms as the printer orders them (plain), in the default order looked up once for both printers."""
    if order is not None:
        return plain(expr, order)
    terms = _TERMS.get(expr)
    if terms is None:
        terms = _TERMS[expr] = list(plain(expr, None))
    return list(terms)


class _Latex(LatexPrinter):
    e_named: bool | None = None  # a symbol named e: Euler's number and exp are written \\exp(…), not e (None: ask)
    root: Any = None

    def doprint(self, expr: Any) -> str:
        self.root = expr
        return str(super().doprint(expr))

    def _e_named(self) -> bool:
        """Asked only when an exponential is printed: most objects have none, and pay no scan of their symbols."""
        if self.e_named is None:
            self.e_named = names_e(getattr(self.root, "free_symbols", set()))
        return self.e_named

    def _as_ordered_terms(self, expr: sp.Basic, order: str | None = None) -> Any:
        return _ordered_terms(expr, order or self.order, super()._as_ordered_terms)

    def _print_ExpBase(self, expr: sp.Expr, exp: str | None = None) -> str:
        if not self._e_named():
            return str(super()._print_ExpBase(expr, exp))
        return str(self._do_exponent(rf"\exp\left({self._print(expr.args[0])}\right)", exp))

    def _print_Exp1(self, expr: sp.Expr, exp: str | None = None) -> str:
        return r"\exp\left(1\right)" if self._e_named() else "e"

    def _print(self, expr: Any, **kwargs: Any) -> str:
        """Euler's number has a _latex method of its own ('e'), which sympy's printer asks before _print_Exp1."""
        return self._print_Exp1(sp.E) if expr is sp.E else str(super()._print(expr, **kwargs))


class _MathML(MathMLPresentationPrinter):
    def __init__(self, settings: Any = None) -> None:
        super().__init__(settings)
        raw = self.dom.createTextNode  # sympy's: written as given, unescaped, so that it can hold &InvisibleTimes;
        self.dom.createTextNode = lambda data: raw(_escaped(str(data)))

    def _as_ordered_terms(self, expr: sp.Basic, order: str | None = None) -> Any:
        return _ordered_terms(expr, order or self.order, super()._as_ordered_terms)


_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);")


def _escaped(text: str) -> str:
    """A text node as markup: < > and a & that begins no entity escaped. sympy writes its text nodes unescaped, so
    a symbol named <img src=x onerror=alert(1)> was live markup in the HTML report a TA opens."""
    parts = _ENTITY.split(text)
    entities = _ENTITY.findall(text)
    escaped = [html.escape(part, quote=False) for part in parts]
    return "".join(e + (entities[i] if i < len(entities) else "") for i, e in enumerate(escaped))


def names_e(symbols: Any) -> bool:
    """A symbol named e (or an entry e_i of a vector e): Euler's number is then written \\exp(1), exp(x) \\exp(x)."""
    return any(s.name == "e" or s.name.startswith("e_") for s in symbols if isinstance(s, sp.Symbol))


def latex(x: sp.Basic, e_named: bool = False) -> str:
    """sp.latex(x), typeset once per claim (e_named: the context declares a symbol e, see names_e)."""
    if e_named:
        printer = _Latex()
        printer.e_named = True
        return str(printer.doprint(x))
    return _typeset("latex", x)


def mathml(x: sp.Basic) -> str:
    """sp.mathml(x, printer="presentation"), typeset once per claim."""
    return _typeset("mathml", x)


def _typeset(kind: str, x: sp.Basic) -> str:
    key = (kind, x)
    try:
        done = _TYPESET.get(key)
    except TypeError:  # unhashable (a mutable matrix): typeset every time
        return str((_Latex if kind == "latex" else _MathML)().doprint(x))
    if done is None:
        done = _TYPESET[key] = str((_Latex if kind == "latex" else _MathML)().doprint(x))
    return done


def _obj(x: object) -> sp.Basic:
    if isinstance(x, sp.MatrixBase):
        m = as_matrix(x)
        return m[0, 0] if m.shape == (1, 1) else m
    return sp.sympify(x)


Glued = tuple[list[sp.Basic], list[str], list[str]]  # (objects, latex glue, mathml glue)


def _parts(claim: Claim) -> Glued:
    """glue[i] goes before objects[i]; one extra at the end."""
    body = claim.as_written or claim.body
    renderer = _RENDERERS.get(type(body))
    return renderer(body) if renderer is not None else ([], [""], [""])


def _identity(b: Identity) -> Glued:
    return [_obj(b.lhs), _obj(b.rhs)], ["", "=", ""], ["", "<mo>=</mo>", ""]


def _derivative(b: Derivative) -> Glued:
    d = r"\frac{\partial^{2}}{\partial " if b.order == 2 else r"\frac{\partial}{\partial "
    wl = latex(_obj(b.wrt))
    return (
        [_obj(b.f), _obj(b.equals)],
        [d + wl + r"^{2}}" if b.order == 2 else d + wl + "}", "=", ""],
        [f"<mfrac><mo>&#x2202;</mo><mrow><mo>&#x2202;</mo>{mathml(_obj(b.wrt))}</mrow></mfrac>", "<mo>=</mo>", ""],
    )


def _psd(b: PSD) -> Glued:
    if b.strict:
        return [_obj(b.matrix)], ["", r"\succ 0"], ["", "<mo>&#x227B;</mo><mn>0</mn>"]
    return [_obj(b.matrix)], ["", r"\succeq 0"], ["", "<mo>&#x2AB0;</mo><mn>0</mn>"]


def _inequality(b: Inequality) -> Glued:
    op = b.op
    return [_obj(b.lhs), _obj(b.rhs)], ["", _OPS.get(op, op), ""], ["", f"<mo>{_MML_OPS.get(op, op)}</mo>", ""]


def _convex(b: Convex) -> Glued:
    word = "concave" if b.concave else "convex"
    return [_obj(b.f), _obj(b.wrt)], ["", rf"\text{{ is {word} in }}", ""], ["", f"<mtext> is {word} in </mtext>", ""]


def _expectation(b: Expectation) -> Glued:
    return (
        [_obj(b.expr), _obj(b.equals)],
        [r"\mathbb{E}\left[", r"\right] =", ""],
        ["<mi>&#x1D53C;</mi><mo>[</mo>", "<mo>]</mo><mo>=</mo>", ""],
    )


def _convergence(b: Convergence) -> Glued:
    return _convergence_parts(b)


def _limit(b: Limit) -> Glued:
    to = sp.sympify(b.to)
    side = "" if b.dir == "+-" or to.is_infinite else b.dir
    lim_l = r"\lim_{" + latex(b.var) + r" \to " + latex(to) + (f"^{{{side}}}" if side else "") + "}"
    to_m = f"<msup>{mathml(to)}<mo>{side}</mo></msup>" if side else mathml(to)
    lim_m = f"<munder><mo>lim</mo><mrow>{mathml(b.var)}<mo>&#x2192;</mo>{to_m}</mrow></munder>"
    return [_obj(b.expr), _obj(b.equals)], [lim_l, "=", ""], [lim_m, "<mo>=</mo>", ""]


def _chain(b: Chain) -> Glued:
    ops = [step.relation for step in b.steps]
    lines = [b.start, *(step.expr for step in b.steps)]
    statements = [isinstance(line, Relation) for line in lines]
    if any(statements):  # a chain mixing statements and expressions is an error, shown without its math
        return _statements(lines, ops) if all(statements) else ([], [""], [""])
    return (
        [_obj(b.start), *(_obj(step.expr) for step in b.steps)],
        ["", *(_OPS.get(op, op) for op in ops), ""],
        ["", *(f"<mo>{_MML_OPS.get(op, op)}</mo>" for op in ops), ""],
    )


def _statements(lines: list[Relation], joins: list[str]) -> Glued:
    """A₀ ⇒ A₁ ⇒ …, each statement lhs op rhs."""
    objs = [_obj(side) for rel in lines for side in (rel.lhs, rel.rhs)]
    inner = [op for rel in lines for op in (rel.op, "")][:-1]
    ops = [inner[k] if k % 2 == 0 else joins[k // 2] for k in range(len(inner))]
    return (
        objs,
        ["", *(_OPS.get(op, op) for op in ops), ""],
        ["", *(f"<mo>{_MML_OPS.get(op, op)}</mo>" for op in ops), ""],
    )


def _implication(b: Implication) -> Glued:
    return _statements([b.premise, b.conclusion], ["<=>" if b.both_ways else "=>"])


# one renderer per statement kind
_RENDERERS: dict[type[Statement], Callable[[Any], Glued]] = {
    Identity: _identity,
    Derivative: _derivative,
    PSD: _psd,
    Inequality: _inequality,
    Convex: _convex,
    Expectation: _expectation,
    Convergence: _convergence,
    Limit: _limit,
    Chain: _chain,
    Implication: _implication,
}


def _convergence_parts(b: Convergence) -> tuple[list[sp.Basic], list[str], list[str]]:
    """x_{k+1} = step(x_k, x_{k−1}, …) and |e_{k+1}| ~ C·|e_k|^q (‖e_{k+1}‖ ~ ρ·‖e_k‖ for a vector)."""
    shape = iteration_of(b)
    names = ["x_k", *(f"x_{{k-{i}}}" for i in range(1, shape.memory))]
    rename = {item[0]: sp.Symbol(name) for item, name in zip(shape.items, names, strict=True)} if shape.dim == 1 else {}
    step = sp.ImmutableMatrix(shape.step) if shape.dim > 1 else shape.step[0]
    if shape.dim > 1:  # ‖e‖_k: sympy prints a symbol "‖e_k‖" as ‖e_{k‖}
        error, left, left_m = sp.Symbol("‖e‖_k"), r"\|e\|_{k+1}", "<msub><mi>&#x2016;e&#x2016;</mi>"
    else:
        error, left, left_m = sp.Abs(sp.Symbol("e_k")), r"\left|e_{k+1}\right|", "<mo>|</mo><msub><mi>e</mi>"
    close_m = "</msub>" if shape.dim > 1 else "</msub><mo>|</mo>"
    return (
        [
            sp.Eq(sp.Symbol("x_{k+1}"), step.xreplace(rename), evaluate=False),
            sp.sympify(b.constant) * error ** sp.sympify(b.order),
        ],
        ["", rf",\quad {left} \sim", ""],
        [
            "",
            f"<mo>,</mo><mspace width='1em'/>{left_m}<mrow><mi>k</mi><mo>+</mo><mn>1</mn></mrow>{close_m}"
            "<mo>&#x223C;</mo>",
            "",
        ],
    )


def render(claim: Claim) -> tuple[str, str]:
    """(latex, mathml) of the claim's statement, or empty strings if too large."""
    objs, glue_l, glue_m = _parts(claim)
    if not objs:
        return "", ""
    text = " ".join(g + " " + latex(o) for g, o in zip(glue_l, objs, strict=False)) + " " + glue_l[-1]
    if len(text) > MAX_CHARS:
        return "", ""
    inner = "".join(g + mathml(o) for g, o in zip(glue_m, objs, strict=False)) + glue_m[-1]
    return text.strip(), f'<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><mrow>{inner}</mrow></math>'


def witness(identity: sp.Basic | None) -> tuple[str, str]:
    """(latex, mathml) of a proof's witness identity, or empty strings if none or too large."""
    if identity is None:
        return "", ""
    text = latex(identity)
    if len(text) > MAX_CHARS:
        return "", ""
    return text, f'<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">{mathml(identity)}</math>'


def witness_shown(identity: sp.Basic | None, n: int | None, earlier: Sequence[ProofEvidence]) -> tuple[str, str]:
    """witness(identity) for the proof at n where the reports show it (the first proof at n ≥ 2 with a typeset
    witness, else the first: `render.html`, `render.markdown`), empty strings at the other n; earlier: the claim's
    proofs before this one. Typesetting every n's took about 1.5 % of a library run's CPU."""
    typeset = [e.n for e in earlier if e.witness_latex]
    if any((m or 0) >= 2 for m in typeset) or (typeset and (n or 0) < 2):
        return "", ""
    return witness(identity)


def unicode_text(claim: Claim, width: int = 80) -> str:
    """The claim's statement in unicode math (sympy's pretty printer), for `verifier show` only: it is
    slow to import (its Mul imports sympy.physics.units, 0.27 s), so no worker pays for it. The sides stand
    side by side with the relation between them, or one below the other, each relation on a line of its own,
    where side by side is wider than width."""
    from sympy.printing.pretty.pretty import PrettyPrinter
    from sympy.printing.pretty.stringpict import prettyForm, stringPict

    objs, glue, _ = _parts(claim)
    if not objs or not render(claim)[0]:
        return ""  # too large to show as math (the caller shows the plain text)
    printer = PrettyPrinter({"use_unicode": True, "wrap_line": False})
    blocks, words = [printer._print(o) for o in objs], [plain_glue(g) for g in glue]
    forms = [form for w, b in zip(words, blocks, strict=False) for form in (prettyForm(w), b)] + [prettyForm(words[-1])]
    wide = _tidy(str(prettyForm(*stringPict.next(*forms)).render(wrap_line=False)))
    if max(map(len, wide.split("\n"))) <= width:
        return wide
    shown = [_tidy(str(b.render(wrap_line=False))) for b in blocks]
    stacked = [part for w, block in zip(words, shown, strict=False) for part in (w.strip(), block)]
    return "\n".join(part for part in [*stacked, words[-1].strip()] if part)


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.split("\n")]
    return textwrap.dedent("\n".join(lines)).strip("\n")


_SIDES = {"+": "⁺", "-": "⁻", None: ""}
_PLAIN_PATTERNS: tuple[tuple[str, str | Callable[[re.Match[str]], str]], ...] = (  # glue's LaTeX, as unicode text
    (r"\\frac\{\\partial\^\{2\}\}\{\\partial (.*)\^\{2\}\}", r"∂²/∂\1²"),
    (r"\\frac\{\\partial\}\{\\partial (.*)\}", r"∂/∂\1"),
    (r"\\lim_\{(.*) \\to (.*?)(?:\^\{([+-])\})?\}", lambda m: f"lim {m[1]}→{m[2]}{_SIDES[m[3]]}"),
    (r"\\(?:text|mathbf|mathrm|operatorname)\{(.*?)\}", r"\1"),
    (r"\\left\[\\begin\{matrix\}(.*?)\\end\{matrix\}\\right\]", lambda m: _flat_matrix(m[1])),
    (r"_\{([^{}]*)\}", lambda m: _subscript(m[1])),
)
_SUBSCRIPTS = str.maketrans("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")


def _flat_matrix(body: str) -> str:
    """A matrix's LaTeX body (rows split by \\\\, entries by &) as (a, b; c, d)."""
    return "(" + "; ".join(", ".join(e.strip() for e in row.split("&")) for row in body.split("\\\\")) + ")"


def _subscript(text: str) -> str:
    """x_{12} as x₁₂ where every character has a unicode subscript, else as x_(…)."""
    chars = text.replace(" ", "")
    return chars.translate(_SUBSCRIPTS) if all(ord(c) in _SUBSCRIPTS for c in chars) else f"_({chars})"


_PLAIN_WORDS = (
    ("\\mathbb{E}", "𝔼"),
    ("\\left", ""),
    ("\\right", ""),
    ("\\|", "‖"),
    ("\\sim", "~"),
    ("\\quad", "  "),
    ("\\implies", "⟹"),
    ("\\iff", "⟺"),
    ("\\succeq", "⪰"),
    ("\\succ", "≻"),
    ("\\le", "≤"),
    ("\\ge", "≥"),
    ("\\infty", "∞"),
    ("\\to", "→"),
    ("_{k+1}", "ₖ₊₁"),
    ("\\", ""),
)


def plain_glue(glue: str) -> str:
    """A statement's glue (=, \\le, \\frac{\\partial}{\\partial w}, \\lim_{x \\to 0^{+}}) as unicode text, spaced
    for `verifier show`, which sets it between the sides' pretty-printed blocks."""
    text = glue
    for pattern, replacement in _PLAIN_PATTERNS:
        text = re.sub(pattern, replacement, text)
    for word, replacement in _PLAIN_WORDS:
        text = text.replace(word, replacement)
    return f" {text.strip()} " if text.strip() else ""
