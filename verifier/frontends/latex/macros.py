"""The macro table: what each LaTeX command means, and the functions a declaration may name.

Commands are sorted into token kinds before parsing (so `\\frac` is FRAC and `\\alpha` a
name); a command that is neither in this table nor declared is an error at its position.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from verifier.frontends.latex import conditions
from verifier.language import mathlib

GREEK = frozenset(
    [
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "varepsilon",
        "zeta",
        "eta",
        "theta",
        "vartheta",
        "iota",
        "kappa",
        "lambda",
        "mu",
        "nu",
        "xi",
        "pi",
        "rho",
        "varrho",
        "sigma",
        "tau",
        "upsilon",
        "phi",
        "varphi",
        "chi",
        "psi",
        "omega",
        "Gamma",
        "Delta",
        "Theta",
        "Lambda",
        "Xi",
        "Pi",
        "Sigma",
        "Phi",
        "Psi",
        "Omega",
        "ell",
    ]
)
RELATIONS = {
    "le": "<=",
    "leq": "<=",
    "leqslant": "<=",
    "ge": ">=",
    "geq": ">=",
    "geqslant": ">=",
    "=": "=",
    "<": "<",
    ">": ">",
    "Rightarrow": "=>",
    "Longrightarrow": "=>",
    "implies": "=>",
    "iff": "<=>",
    "Leftrightarrow": "<=>",
    "Longleftrightarrow": "<=>",
    "neq": "!=",
    "ne": "!=",
    "sim": "~",
}
IMPLIES = ("=>", "<=>")
_BACKWARDS = (
    "\\{0} (is implied by) is no step of a chain: a chain goes forwards; write the lines the other way round, "
    "B \\Rightarrow A, or \\iff if both directions hold"
)
_ARROW = "\\{0} is not a relation between lines; write \\Rightarrow (or \\implies) for 'implies', = for equal"
_NEAR = "\\{0} (approximately) is no step the verifier can check; write = for an identity, or \\le / \\ge for a bound"
NO_STEP_RELATIONS = {
    **{n: _BACKWARDS.format(n) for n in ("Leftarrow", "Longleftarrow", "impliedby")},
    **{n: _ARROW.format(n) for n in ("rightarrow", "longrightarrow", "leftarrow")},
    **{n: _NEAR.format(n) for n in ("approx", "simeq", "cong")},
    "propto": "\\propto (proportional to) is no step the verifier can check; write = with the constant factor "
    "shown (y = c x, with c declared)",
    "equiv": "\\equiv is no step relation here; write = (an identity is checked at every point of the domain)",
    "infty": "\\infty is no value here; write the claim for finite values, or give an unbounded domain in the "
    "declarations (x: (0, \\infty))",
}
_PYTHON = "write it as a Python claim (docs/reference/claim-kinds.md)"
_INTEGRAL = "\\{0}: integrals are not read in a chain; write the value it takes, or an expectation (a Python claim)"
_EXTREMUM = "\\{0}: suprema, infima and arg max are not read in a chain; write the value it takes, or a bound with \\le"
_ROUNDING = "\\{0}: floor and ceiling are not read in a chain; " + _PYTHON + " with sympy.floor or sympy.ceiling"
_TRIG = "\\{0} is not read; write {1}"
_INVERSE = "\\{0}: inverse functions are not read in a chain; " + _PYTHON + " (sympy.asin, sympy.atan, …)"
_ACCENT = (
    "\\{0} is not read (a time derivative or a new name); write a derivative as \\frac{{d x}}{{d t}}, and a "
    "symbol of your own as a plain or \\hat name (v, \\hat x)"
)
_QUANTIFIER = "\\{0} is not read in a line; declare the symbol's domain instead (x: real): a line holds for all of it"
_LAYOUT_SPACE = "\\{0} (layout) is not read in math; write \\, for a thin space, \\quad to set a reason apart"
_MARK = "\\{0} (a mark on the page) is not read in math; write the line without it, a remark as \\text{{…}} after it"
LETTER_HINTS = {  # an undeclared letter with a conventional meaning: what to declare
    "e": "e^{...} means exp(...), and Euler's number alone is \\exp(1); for a variable named e, declare it (e: real)",
    "I": "for the identity matrix declare I: identity k×k; for a variable, I: real",
    "i": "chains are real, so i is not the imaginary unit; declare it (i: index for an index, i: real for a variable)",
}
NOT_READ = {  # constructs a student may write that the reader does not read: what to write instead
    **{n: _INTEGRAL.format(n) for n in ("int", "iint", "iiint", "oint")},
    **{n: _EXTREMUM.format(n) for n in ("sup", "inf", "arg", "argmax", "argmin", "liminf", "limsup")},
    **{n: _ROUNDING.format(n) for n in ("lfloor", "rfloor", "lceil", "rceil")},
    "lim": "\\lim: limits are not read in a chain; write Limit(expr, x, to, equals) as a Python claim "
    "(docs/reference/claim-kinds.md)",
    "binom": "\\binom is not read; write the number, or \\frac{n(n-1)}{2} for n choose 2",
    "bmod": "\\bmod is not read in a chain; " + _PYTHON + " with sympy.Mod",
    "pmod": "\\pmod is not read in a chain; " + _PYTHON + " with sympy.Mod",
    **{
        n: _TRIG.format(n, w)
        for n, w in (
            ("tan", "\\frac{\\sin x}{\\cos x}"),
            ("cot", "\\frac{\\cos x}{\\sin x}"),
            ("sec", "\\frac{1}{\\cos x}"),
            ("csc", "\\frac{1}{\\sin x}"),
        )
    },
    **{n: _INVERSE.format(n) for n in ("arcsin", "arccos", "arctan", "arcsinh", "arccosh", "arctanh")},
    "circ": "\\circ (composition) is not read; write the composite applied, f(g(x))",
    "div": "\\div is not read; write / or \\frac{a}{b}",
    "vert": "\\vert is not read; write |x| for an absolute value",
    "mid": "\\mid is not read: conditional probability and set-builder notation are not read in a chain",
    "choose": "\\choose is not read; write the number, or \\frac{n(n-1)}{2} for n choose 2",
    "prime": "\\prime is read only as a superscript, f^\\prime (the same as f'); write f'(x) for a derivative",
    **{n: _ACCENT.format(n) for n in ("dot", "ddot", "check", "breve", "acute", "grave")},
    **{n: _QUANTIFIER.format(n) for n in ("forall", "exists")},
    **{n: _LAYOUT_SPACE.format(n) for n in ("hspace", "hskip", "kern", "mkern", "phantom", "hphantom", "vphantom")},
    **{n: _MARK.format(n) for n in ("boxed", "cancel", "bcancel", "xcancel", "color", "textcolor", "colorbox")},
    **{n: _MARK.format(n) for n in ("underbrace", "overbrace", "stackrel", "overset", "underset")},
    **{
        n: "\\langle x, y\\rangle is not read; write x^\\top y for the inner product of two vectors"
        for n in ("langle", "rangle")
    },
}
FIXED_FUNCTIONS = {
    "log": "log",
    "ln": "log",
    "exp": "exp",
    "det": "det",
    "tanh": "tanh",
    "sin": "sin",
    "cos": "cos",
    "sinh": "sinh",
    "cosh": "cosh",
    "max": "max",
    "min": "min",
}
OPERATOR_NAMES = {"tr": "trace", "Tr": "trace", "trace": "trace", "diag": "diag", "adj": "adj", "Adj": "adj"}
TEXT_OPERATORS: frozenset[str]  # the words \\text{word}(…) reads as an operator, set below the tables
VARIANCE = frozenset(["Var", "var", "Variance"])  # \operatorname{Var}(X) = E[X²] − E[X]²
EXPECTATION = frozenset(["E"])  # \operatorname{E}[X], \mathrm{E}[X], as \mathbb{E}[X]
KINDS: dict[str, str] = {
    "frac": "FRAC",
    "dfrac": "FRAC",
    "tfrac": "FRAC",
    "sqrt": "SQRT",
    "sum": "BIGOP",
    "prod": "BIGOP",
    "hat": "DECOR",
    "widehat": "DECOR",
    "bar": "DECOR",
    "overline": "DECOR",
    "tilde": "DECOR",
    "widetilde": "DECOR",
    "mathbf": "FONT",
    "boldsymbol": "FONT",
    "bm": "FONT",
    "mathit": "FONT",
    "mathrm": "FONT",
    "mathcal": "FONT",
    "mathsf": "FONT",
    "vec": "FONT",
    "mathbb": "BB",
    "dots": "DOTS",
    "ldots": "DOTS",
    "cdots": "DOTS",
    "vdots": "DOTS",
    "ddots": "DOTS",
    "odot": "ODOT",
    "operatorname": "OPNAME",
    "top": "TOP",
    "intercal": "TOP",
    "partial": "PARTIAL",
    "nabla": "NABLA",
    "cdot": "TIMES",
    "times": "TIMES",
    "lVert": "NORM_L",
    "rVert": "NORM_R",
    "lvert": "ABS_L",
    "rvert": "ABS_R",
}
DROPPED = frozenset(
    [
        "left",
        "right",
        "big",
        "Big",
        "bigg",
        "Bigg",
        "bigl",
        "bigr",
        "Bigl",
        "Bigr",
        "biggl",
        "biggr",
        "Biggl",
        "Biggr",
        "displaystyle",
        "textstyle",
        "limits",
        "nolimits",
        "quad",
        "qquad",
    ]
)
DECORATIONS = {"hat": "hat", "widehat": "hat", "bar": "bar", "overline": "bar", "tilde": "tilde", "widetilde": "tilde"}


def command_kind(name: str, declared: frozenset[str]) -> str | None:
    """The token kind of the command \\name: None to drop it, KeyError if it is unknown."""
    if name in DROPPED:
        return None
    if name in KINDS:
        return KINDS[name]
    if name in RELATIONS:
        return "REL"
    if name in FIXED_FUNCTIONS and name not in declared:
        return "FUNC"
    if name in GREEK or name in declared:
        return "NAMECMD"
    raise KeyError(name)


def known_commands() -> str:
    """A short list for error messages."""
    return "\\frac \\sum \\log \\det \\operatorname{tr} \\hat \\mathbf \\top \\partial \\nabla \\| and Greek letters"


@dataclass(frozen=True)
class Builtin:
    """A function a macro may stand for: what it takes ("scalar" applies entrywise, "vector", "matrix")."""

    name: str
    takes: str
    fn: Callable[..., object]
    arity: int = 1


def _det(a: sp.ImmutableMatrix) -> sp.Expr:
    return sp.expand(a.det(method="berkowitz"))


# the scalar functions a square matrix has a matrix function of (\\exp(A) is e^A, not the entries' exp): refused there
MATRIX_FUNCTIONS = frozenset({"exp", "log", "sin", "cos", "tanh", "sinh", "cosh", "sqrt"})

BUILTINS: dict[str, Builtin] = {
    "sigmoid": Builtin("sigmoid", "scalar", mathlib.sigmoid),
    "softmax": Builtin("softmax", "vector", mathlib.softmax),
    "logsumexp": Builtin("logsumexp", "vector", mathlib.log_sum_exp),
    "relu": Builtin("relu", "scalar", lambda t: sp.Max(0, t)),
    "softplus": Builtin("softplus", "scalar", lambda t: sp.log(1 + sp.exp(t))),
    "gelu": Builtin("gelu", "scalar", mathlib.gelu),
    "silu": Builtin("silu", "scalar", lambda t: t * mathlib.sigmoid(t)),
    "erf": Builtin("erf", "scalar", sp.erf),
    "erfc": Builtin("erfc", "scalar", sp.erfc),
    "normalcdf": Builtin("normalcdf", "scalar", mathlib.normal_cdf),
    "normalpdf": Builtin("normalpdf", "scalar", mathlib.normal_pdf),
    "tanh": Builtin("tanh", "scalar", sp.tanh),
    "sinh": Builtin("sinh", "scalar", sp.sinh),
    "cosh": Builtin("cosh", "scalar", sp.cosh),
    "exp": Builtin("exp", "scalar", sp.exp),
    "log": Builtin("log", "scalar", conditions.logarithm),
    "sin": Builtin("sin", "scalar", sp.sin),
    "cos": Builtin("cos", "scalar", sp.cos),
    "sqrt": Builtin("sqrt", "scalar", conditions.square_root),
    "abs": Builtin("abs", "scalar", sp.Abs),
    "sign": Builtin("sign", "scalar", sp.sign),
    "trace": Builtin("trace", "matrix", lambda a: sp.Add(*(a[i, i] for i in range(a.rows)))),
    "det": Builtin("det", "matrix", _det),
    "diag": Builtin("diag", "vector", lambda v: sp.ImmutableMatrix(sp.diag(*v))),
    "adj": Builtin("adj", "matrix", lambda a: sp.ImmutableMatrix(a.adjugate(method="berkowitz"))),
    "max": Builtin("max", "scalar", sp.Max, arity=0),
    "min": Builtin("min", "scalar", sp.Min, arity=0),
}
KIND_ALIASES = {
    "lse": "logsumexp",
    "swish": "silu",
    "normcdf": "normalcdf",
    "ndtr": "normalcdf",
    "cdf": "normalcdf",
    "Φ": "normalcdf",
    "normpdf": "normalpdf",
    "pdf": "normalpdf",
    "φ": "normalpdf",
    "sgn": "sign",
}
ALLOWED_FUNCTIONS = (
    sp.exp,
    sp.log,
    sp.tanh,
    sp.sinh,
    sp.cosh,
    sp.sin,
    sp.cos,
    sp.Max,
    sp.Min,
    sp.Abs,
    sp.sign,
    sp.erf,
    sp.erfc,
    sp.Piecewise,  # a cases environment
    sp.And,  # a case's chained condition, 0 ≤ x ≤ 1
)


def kind_of(word: str) -> str | None:
    """The builtin a declaration's kind names (`erf`, `normal cdf`, `swish`), or None."""
    key = word.replace(" ", "").replace("-", "").replace("_", "")
    key = KIND_ALIASES.get(key, key.lower())
    key = KIND_ALIASES.get(key, key)
    return key if key in BUILTINS else None


def known_kinds() -> str:
    """Every function kind a declaration may name, in full (for error messages)."""
    return ", ".join([*BUILTINS, *KIND_ALIASES])


@dataclass(frozen=True)
class Known:
    """A name read as a known function when the file does not declare it."""

    builtin: str
    meaning: str


KNOWN: dict[str, Known] = {
    "erf": Known("erf", "the error function erf"),
    "erfc": Known("erfc", "the complementary error function erfc = 1 − erf"),
    "Phi": Known("normalcdf", "the standard normal CDF Φ(x) = (1 + erf(x/√2))/2"),
    "phi": Known("normalpdf", "the standard normal density φ(x) = e^{−x²/2}/√(2π)"),
    "varphi": Known("normalpdf", "the standard normal density φ(x) = e^{−x²/2}/√(2π)"),
    "sigma": Known("sigmoid", "the logistic sigmoid σ(x) = 1/(1 + e^{−x})"),
    "sigmoid": Known("sigmoid", "the logistic sigmoid σ(x) = 1/(1 + e^{−x})"),
    "softmax": Known("softmax", "softmax(z)_i = e^{z_i}/Σ_j e^{z_j}"),
    "softplus": Known("softplus", "softplus(x) = log(1 + e^x)"),
    "relu": Known("relu", "ReLU(x) = max(0, x)"),
    "ReLU": Known("relu", "ReLU(x) = max(0, x)"),
    "gelu": Known("gelu", "GELU(x) = x Φ(x)"),
    "GELU": Known("gelu", "GELU(x) = x Φ(x)"),
    "silu": Known("silu", "SiLU(x) = x σ(x)"),
    "SiLU": Known("silu", "SiLU(x) = x σ(x)"),
    "swish": Known("silu", "swish(x) = x σ(x)"),
    "logsumexp": Known("logsumexp", "log-sum-exp log Σ_i e^{z_i}"),
    "LSE": Known("logsumexp", "log-sum-exp log Σ_i e^{z_i}"),
    "lse": Known("logsumexp", "log-sum-exp log Σ_i e^{z_i}"),
    "tanh": Known("tanh", "tanh"),
    "sign": Known("sign", "the sign function"),
    "sgn": Known("sign", "the sign function"),
}

TEXT_OPERATORS = frozenset([*OPERATOR_NAMES, *VARIANCE, *EXPECTATION, *KNOWN, *FIXED_FUNCTIONS])
