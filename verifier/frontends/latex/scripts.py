"""Superscripts and subscripts: powers, x^\\top, e^{…}, \\sigma^2 by its definition, entries, rows, terms.

A subscript picks an entry (z_j, A_{ij}, \\operatorname{softmax}(z)_j), a term of a sequence
(m_t, m_{t-1}), a name of its own (x_1 when declared), the Kronecker delta (\\delta_{ij}), or,
for a lower-case x that is not declared beside a declared matrix X, the i-th row of X as a
column vector: x_i^\\top is that row, as in Bishop and ESL (and the reading says so).
"""

from __future__ import annotations

import sympy as sp
from lark import Token, Tree

from verifier.frontends.latex import conditions, exponents, macros, sequences, values
from verifier.frontends.latex.errors import LatexError
from verifier.frontends.latex.names import iterate_key
from verifier.frontends.latex.values import Fn, Matrix, Value
from verifier.frontends.latex.walker import Node, Walker, inner, is_node, is_script, literal, plain


def is_transpose(w: Walker, script: Node) -> bool:
    """^\\top, ^T (T not declared), ^{\\mathsf{T}}."""
    body = inner(script)
    if is_node(body, "top"):
        return True
    if is_node(body, "font") and w.letters(body.children[1]) == "T":
        return True  # ^{\\mathsf{T}}: the transpose, even with T declared
    if not (is_node(inner(body), "name") and inner(body).children[0].value == "T"):
        return False
    decls = w.scope.decls
    if "T" in {*decls.objects, *decls.sizes, *decls.definitions, *decls.functions, *decls.indices, *w.env}:
        raise w.fail(
            script,
            "ambiguous: T is declared here, so ^T could be the transpose or the power; write ^\\top for the "
            "transpose, or rename T for the power",
        )
    return True


def _scalar_to_the_t(w: Walker, base: Node, script: Node, b: object) -> None:
    """2^T, \\gamma^T with T not declared: the transpose of a number or a declared scalar is itself, which no one
    writes; a power to a horizon T is what is meant (\\gamma^T in a return). Refused; ^\\top stays."""
    body = inner(script)
    if isinstance(b, sp.MatrixBase | tuple) or not is_node(inner(body), "name") or not plain(base):
        return
    raise w.fail(
        script,
        "ambiguous: T is not declared, and the transpose of a scalar is itself, so ^T may be the power to T; for "
        "the power write the exponent as another letter and declare it (x^n, n: real), for a transpose ^\\top",
    )


def _is_inverse_transpose(w: Walker, script: Node) -> bool:
    """^{-\\top}, ^{-T}: the transpose of the inverse."""
    body = inner(script)
    return is_node(body, "neg") and is_transpose(w, body.children[1])


def _norm_kind(script: Node) -> str:
    """A norm's subscript: 2, 1, F, or F set upright (\\|A\\|_{\\mathrm{F}}, the Frobenius norm); "?" for any other."""
    body = inner(script)
    return literal(body.children[1] if is_node(body, "font") else body) or "?"


def base_key(w: Walker, base: Node) -> str | None:
    if is_node(base, "name"):
        return str(base.children[0].value).lstrip("\\")
    if is_node(base, "decorated"):
        return w.letters(base.children[1]) + macros.DECORATIONS[base.children[0].value[1:]]
    if is_node(base, "font"):
        return w.letters(base.children[1])
    if is_node(base, "sub") and base.children[1].type == "UNDER":  # \\sigma_B (in \\sigma_B^2)
        key, lit = base_key(w, base.children[0]), literal(base.children[2])
        return f"{key}_{lit}" if key is not None and lit is not None else None
    return None


def _column(items: tuple[Value, ...]) -> Value:
    return Matrix([values.scalar(v, "each entry of (a, b, …)") for v in items])


def is_euler(w: Walker, base: Node) -> bool:
    """e, or e set upright as ISO 80000-2 writes Euler's number (\\mathrm{e})."""
    if is_node(base, "name"):
        return bool(base.children[0].value == "e")
    return is_node(base, "font") and str(base.children[0].value) == "\\mathrm" and w.letters(base.children[1]) == "e"


def e_is_a_name(w: Walker) -> bool:
    """e is declared, defined or bound here: e^{x} is then its power, and \\mathrm{e} ambiguous (UPRIGHT_E)."""
    return "e" in {*w.scope.decls.objects, *w.env, *w.scope.decls.definitions}


UPRIGHT_E = (
    "ambiguous: \\mathrm{e} is Euler's number set upright (ISO 80000-2), but e is declared here as a name; for the "
    "exponential write \\exp(x), for the declared e write e without \\mathrm"
)


def superscript(w: Walker, base: Node, script: Node, node: Node) -> Value | Fn:
    if is_transpose(w, script):
        b = w.item(base)
        if isinstance(b, Fn):
            raise w.fail(node, f"{b.label} is a function; transpose its value ({b.label}(x))^\\top")
        _scalar_to_the_t(w, base, script, b)
        return _column(b) if isinstance(b, tuple) else values.transpose(b)  # (a, b)^\top is a column
    if (named := _iterate(w, base, script, node)) is not None:
        return named
    if is_euler(w, base) and not e_is_a_name(w):
        exponent = w.value(script)
        if isinstance(exponent, sp.MatrixBase) and exponent.shape != (1, 1):
            what = values.shape_of(exponent)
            if exponent.cols == 1 or exponent.rows == 1:
                raise w.fail(script, f"e^{{...}} of {what}; apply \\exp entrywise or write a scalar exponent")
            raise w.fail(
                script,
                f"e^{{...}} of {what}: the matrix exponential is not supported; write a scalar exponent "
                "(e^{x^\\top A x}), or state the claim entrywise",
            )
        return sp.exp(values.collapse(exponent))
    body = inner(script)
    if is_node(body, "paren") and is_node(body.children[1], "name", "number"):
        if body.children[0].type == "LPAR":
            raise w.fail(
                node, "a superscript in parentheses, y^{(i)}, names the i-th example, not a power; write y_i (or (y)^i)"
            )
        if body.children[0].type == "LBRACK":
            raise w.fail(node, "a superscript in brackets, W^{[l]}, names layer l, not a power; write W_l (or (W)^l)")
    key = base_key(w, base)
    squared = key is not None and f"{key}^2" in w.scope.decls.definitions
    if squared and literal(script) == "2" and key not in w.env and key not in w.held:
        return w.lookup(f"{key}^2", f"{key}^2", node)
    b = w.item(base)
    if isinstance(b, Fn):
        _generic_power(w, key, script, node)
        return _power_of_function(w, b, script, node)
    if isinstance(b, tuple):
        raise w.fail(node, "a list (a, b) cannot be raised to a power; for a column vector write (a, b)^\\top")
    return _raise(w, b, script)


def _power_of_function(w: Walker, f: Fn, script: Node, node: Node) -> Fn:
    """\\tanh^2(x) is (\\tanh(x))^2, as sympy prints it; any other power of a function is ambiguous."""
    n = literal(script)
    if is_node(inner(script), "neg", "negdigit") and not f.greedy:
        last = inner(script).children[-1]
        power = "-" + (str(last) if isinstance(last, Token) else literal(last) or "n")
        raise w.fail(node, f"{f.label}^{{{power}}} may mean an inverse function (as {f.label}^{{-1}} does in most "
                           f"texts), not read in a chain; for a power write ({f.label}(x))^{{{power}}}")  # fmt: skip
    if f.greedy or n is None or not n.isdigit() or int(n) < 2:
        raise w.fail(node, f"{f.label}^n is ambiguous; write ({f.label}(x))^n")
    return Fn(f"{f.label}^{n}", lambda arg: values.power(f.apply(arg), sp.Integer(int(n))))


def _generic_power(w: Walker, key: str | None, script: Node, node: Node) -> None:
    """f^2(x) for a declared or defined function: f(x)^2 or f(f(x))? Refused (\\sin^2 x stays a power)."""
    decls = w.scope.decls
    defined = key in decls.definitions and bool(decls.definitions[key].params)
    if key is not None and (decls.functions.get(key) == "generic" or defined):
        n = literal(script) or "n"
        raise w.fail(
            node,
            f"ambiguous: {key}^{n}(x) can be the power ({key}(x))^{n} or the composition {key}({key}(x)); "
            f"write one of these",
        )


def _raise(w: Walker, b: Value, script: Node) -> Value:
    if is_transpose(w, script):
        return values.transpose(b)
    if _is_inverse_transpose(w, script):
        return values.transpose(values.power(b, sp.Integer(-1)))
    if not w.scope.printed_mode:
        exponents.refuse_unreduced(w, b, script)
    exponent = w.value(script)
    if not w.scope.printed_mode and exponents.odd_root(exponent):
        exponents.refuse_worked_out(w, b, script, exponent)
        powered = values.power(b, sp.Integer(exponent.p))
        real = not conditions.surely_nonnegative(powered, w.scope.where())  # (e^x)^{1/3}: |e^x| is e^{re(x)}
        return values.root(powered, sp.Integer(exponent.q), real=real)
    return values.power(b, exponent)


_NUMERIC = ("number", "neg", "negdigit", "div", "frac")


def _is_transposing(w: Walker, script: Node) -> bool:
    return is_transpose(w, script) or _is_inverse_transpose(w, script)


def _power_then_index(w: Walker, sup: Tree, node: Tree) -> Value | Fn:
    """x^2_j: TeX puts both scripts on x, so it is x_j^2 (for a numeric exponent: x^t_j is entry j of an iterate
    x^t). On a matrix, A^2_{12} (or A^k_{12}) is (A^2)_{12} in some texts and (A_{12})^2 in others: refused."""
    nucleus = sup.children[0]
    try:
        shape = getattr(w.item(nucleus), "shape", None)
    except LatexError:
        shape = None  # c^2_1 with c_1 declared and no c
    if isinstance(shape, tuple) and len(shape) == 2 and min(shape) > 1:
        raise w.fail(node, "a power and an index on a matrix can be read two ways: write (A^2)_{ij} for the entry of "
                           "the power, or A_{ij}^2 for the power of the entry")  # fmt: skip
    if not is_node(inner(sup.children[2]), *_NUMERIC):
        return index(w, w.value(sup), node.children[2])
    return w.value(Tree("sup", [Tree("sub", [nucleus, *node.children[1:]]), *sup.children[1:]]))


def after_argument(w: Walker, value: Value, post: Node) -> Value:
    """A script after a function's argument applies to its value: \\sigma(x)^2, \\operatorname{softmax}(z)_j."""
    script = post.children[2]
    return _raise(w, value, script) if post.children[1].type == "CARET" else index(w, value, script)


def subscript(w: Walker, base: Node, script: Node, node: Node) -> Value | Fn:
    lit = literal(script)
    inner_base = base.children[0] if is_node(base, "sup") and is_script(base) else base
    if is_node(inner_base, "sub") and is_script(inner_base) and not w.scope.printed_mode:
        raise w.fail(node, "ambiguous double subscript (TeX refuses it): write x_{i,j} for two indices, or x_{i_j}")
    if is_node(base, "norm"):
        return values.norm(w.value(base.children[1]), _norm_kind(script))
    if is_node(base, "font") and is_node(inner(base.children[1]), "number") and lit in w.scope.decls.sizes:
        number = int(str(inner(base.children[1]).children[0]))  # \\mathbf{1}_k: the ones vector of size k
        return Matrix([number] * w.scope.size(lit))
    if is_node(base, "sup") and is_node(base.children[0], "norm"):  # \\|x\\|^2_2
        norm = values.norm(w.value(base.children[0].children[1]), _norm_kind(script))
        return values.power(norm, w.value(base.children[2]))
    if is_script(base) and base.children[1].type == "CARET" and not _is_transposing(w, base.children[2]):
        return _power_then_index(w, base, node)
    key = base_key(w, base)
    decls = w.scope.decls
    if lit and key:
        full = f"{key}_{lit}"
        if {full, f"{full}^2"} & {*decls.objects, *decls.definitions, *decls.functions, *decls.conflicts}:
            _check_entry_of_definition(w, base, key, full, node)
            return w.lookup(full, full, node)  # a refused name (x_1 beside a vector x) is an error, not the entry
        found = decls.objects.get(key)
        if found is not None and found.domain == "identity" and found.shape[0] == lit:
            return w.lookup(key, key, node)  # I_k: the identity, with its size written
    if key == "delta" and not {"delta"} & {*decls.objects, *decls.definitions, *w.env}:
        pair = indices(w, script, Matrix.zeros(2, 2))
        if len(pair) != 2:
            raise w.fail(node, "the Kronecker delta takes two indices: \\delta_{ij}")
        return sp.KroneckerDelta(*pair)
    if key is not None and key not in w.env and key not in w.held:
        d = decls.definitions.get(key)
        if d is not None and sequences.is_sequence(decls, d):
            return sequences.term(w, d, script, node)
        if (row := _row(w, key, script, node)) is not None:
            return row
    b = w.item(base)
    if isinstance(b, Fn) and b.label in ("\\log", "\\ln"):
        return _log_base(w, b, script, node)
    if isinstance(b, Fn | tuple):
        raise w.fail(node, "a subscript on a function; write f(x)_j for an entry of its value")
    return index(w, b, script)


def _check_entry_of_definition(w: Walker, base: Node, key: str, full: str, node: Node) -> None:
    """x_1 declared beside a vector x defined in the block (x = Wv): the scalar where written, the entry where a sum
    reaches it (\\sum_i x_i), as beside a declared vector x (declarations._check_entry_names): refused."""
    decls = w.scope.decls
    entry = full.removeprefix(f"{key}_")
    if not (entry.isdigit() and entry[0] != "0"):  # x_0 is no entry: a start value beside x stays
        return
    if full not in decls.objects or key not in decls.definitions or key in w.env or key in w.held:
        return
    try:
        value = w.item(base)
    except LatexError:
        return
    if isinstance(value, sp.MatrixBase) and value.rows * value.cols > 1:
        raise w.fail(node, f"ambiguous: {full} is declared, and {key} is defined as a vector or matrix whose entry "
                           f"{full} is written the same way; rename one of them")  # fmt: skip


def _row(w: Walker, key: str, script: Node, node: Node) -> Value | None:
    """x_i for an undeclared x beside a declared matrix X: the i-th row of X, as a column."""
    decls = w.scope.decls
    upper = key.upper()
    known = {*decls.objects, *decls.definitions, *decls.functions, *decls.upstream, *decls.random}
    if len(key) != 1 or not key.islower() or key in known or upper not in decls.objects:
        return None
    matrix = w.scope.object(upper)
    if not isinstance(matrix, sp.MatrixBase) or len(decls.objects[upper].shape) != 2:
        return None
    found = indices(w, script, Matrix.zeros(2, 1))
    if len(found) != 1:
        raise w.fail(node, f"{key}_i is a row of {upper} and takes one index")
    at = found[0]
    if not isinstance(at, sp.Integer) or not 1 <= int(at) <= matrix.rows:
        raise w.fail(node, f"{key}_{{{at}}} is row {at} of {upper}, which has rows 1..{matrix.rows}")
    w.scope.readings[f"{key}_row"] = (
        f"{key}_i read as the i-th row of {upper}, a column vector ({key}_i^\\top is the row)"
    )
    return Matrix(matrix.row(int(at) - 1).T)


def index(w: Walker, b: Value, script: Node) -> Value:
    return values.index(b, indices(w, script, b))


def indices(w: Walker, script: Node, b: Value) -> list[sp.Expr]:
    try:
        return _indices(w, script, b)
    except LatexError as err:
        if "undeclared symbol" not in err.message or "(" not in err.message:
            raise
        name = err.message.split("undeclared symbol ", 1)[1].split(";", 1)[0]
        raise LatexError(
            err.where,
            f"undeclared index {name}; declare it ({name}: index) for a free index, or sum over it (\\sum_{name})",
        ) from None


def _indices(w: Walker, script: Node, b: Value) -> list[sp.Expr]:
    body = inner(script)
    # A_{12}, S_{ij}: two indices on a matrix, and on a 1×1 value (a k×k matrix at k = 1)
    two = isinstance(b, sp.MatrixBase) and (b.cols > 1 or b.shape == (1, 1))
    if is_node(body, "items"):
        return [values.collapse(w.value(c)) for c in body.children if isinstance(c, Tree)]
    if two and is_node(body, "number") and len(str(body.children[0])) == 2:
        return [sp.Integer(int(c)) for c in str(body.children[0])]
    if two and is_node(body, "juxt") and len(body.children) == 2:
        return [values.collapse(w.value(c)) for c in body.children]
    if is_node(body, "juxt") and isinstance(b, sp.MatrixBase):
        raise w.fail(
            script,
            "ambiguous: a vector takes one index, and this subscript reads as two indices or a product; "
            "write the index as one expression (x_{2 \\cdot i}, x_{i+1})",
        )
    return [values.collapse(w.value(body))]


def _log_base(w: Walker, log: Fn, script: Node, node: Node) -> Fn:
    """\\log_2 x and \\log_{10} a: the logarithm to a base, log(x)/log(b), for a positive base other than 1."""
    base = values.collapse(w.value(script))
    if isinstance(base, sp.MatrixBase) or not (base.is_positive and base != 1):
        raise w.fail(
            node, f"the base of a logarithm must be a positive number other than 1; write \\log_{{2}} x, not {base}"
        )
    shown = f"\\log_{{{sp.latex(base)}}}"
    w.scope.readings[f"log base {base}"] = f"{shown} x read as \\log x / \\log {sp.latex(base)}"

    def apply(arg: object) -> Value:
        value = log.apply(arg)
        return values.divide(value, sp.log(base))

    return Fn(shown, apply)


def _iterate(w: Walker, base: Node, script: Node, node: Node) -> Value | Fn | None:
    """x^t, x^{t+1}, x^* as the names the block declares (an iterate, an optimum), not as powers."""
    key = base_key(w, base)
    if key is None:
        return None
    text = (
        "".join(str(t) for t in inner(script).scan_values(lambda v: isinstance(v, Token)))
        if isinstance(inner(script), Tree)
        else str(inner(script))
    )
    name = iterate_key(key, text)
    decls = w.scope.decls
    if name in decls.objects or name in decls.definitions:
        return w.lookup(name, name, node)
    if is_node(inner(script), "star"):
        raise w.fail(node, f"{key}^* is a name only once declared; declare it ({key}^*: real)")
    return None
