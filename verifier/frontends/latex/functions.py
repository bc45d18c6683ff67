"""The ML notation of the macro table: products, functions and their arguments, definitions.

Each rule gets the evaluator as a :class:`Walker` (so this module does not import it) and the parse-tree nodes
it applies to. A function takes the next factor as its argument; a greedy one (a derivative operator) takes the
rest of the product (said in the readings), with the bindings it holds (:mod:`verifier.frontends.latex.calculus`).
"""

from __future__ import annotations

import sympy as sp
from lark import Tree

from verifier.frontends.latex import bigops, macros, scripts, sequences, values
from verifier.frontends.latex.ambiguity import is_operator, text
from verifier.frontends.latex.definitions import Definition
from verifier.frontends.latex.errors import LatexError
from verifier.frontends.latex.values import Fn, Matrix, Value
from verifier.frontends.latex.walker import Node, Walker, is_node, is_script, plain, spaced

_GROUPS = ("paren", "tuple", "braced")


# products and function application --------------------------------------------------------
def product(w: Walker, items: list[Node]) -> Value:
    return _factors(w, items)[0]


def _factors(w: Walker, items: list[Node]) -> tuple[Value, int]:
    """The product of the items, and how many operands it took (a function and its argument are one)."""
    result: Value = sp.Integer(1)
    i = count = 0
    while i < len(items):
        v, i = _operand(w, items, i)
        result, count = values.multiply(result, v), count + 1
    return result, count


def _operand(w: Walker, items: list[Node], i: int) -> tuple[Value, int]:
    node = items[i]
    if bigops.is_extremum(node):
        if i + 1 >= len(items):
            raise w.fail(node, "\\max_i needs what it maximises: \\max_i z_i")
        return bigops.extremum(w, node, items[i + 1]), i + 2
    v = w.item(node)
    if isinstance(v, tuple):
        raise w.fail(node, "a list (a, b) is not an expression; it can only be a function's arguments")
    if not isinstance(v, Fn):
        _defined_value_called(w, node, items[i + 1] if i + 1 < len(items) else None)
        return v, i + 1
    if i + 1 >= len(items):
        raise w.fail(node, f"{v.label} needs an argument: {v.label}(x)")
    if v.greedy:
        end = _operand_end(w, items, i)
        operand, count = _factors(w.holding(v.hold), items[i + 1 : end])
        if count > 1 or is_node(items[i + 1], "mul", "hadamard"):  # said back: which factors it takes (x \\cdot y)
            op, taken = text(node), " ".join(text(c) for c in items[i + 1 : end])
            w.scope.readings[f"operand {op} {taken}"] = f"{op} takes the product after it: {op}\\left({taken}\\right)"
        return v.apply(operand), end
    arg_node, posts = items[i + 1], list[Node]()
    while is_script(arg_node):
        posts.insert(0, arg_node)
        arg_node = arg_node.children[0]
    if not is_node(arg_node, *_GROUPS):
        arg_node, posts = items[i + 1], list[Node]()
    if posts or is_node(arg_node, *_GROUPS):
        _invisible_braces(w, v, items, i, arg_node, bool(posts))
        arg = _argument(w, v, arg_node)
        if isinstance(arg, Fn):
            raise w.fail(arg_node, f"{arg.label} is a function; apply it before passing it on")
        _natural_log(w, v, arg)
        result = v.apply(arg)
        for post in posts:
            result = scripts.after_argument(w, result, post)
        return result, i + 2
    arg, j = _operand(w, items, i + 1)
    if j < len(items) and plain(items[i + 1]) and not isinstance(w.item(items[i + 1]), Fn):
        arg, j = _run_of_factors(w, v, items, arg, (i + 1, j))
    elif j < len(items) and plain(items[j]) and not isinstance(w.item(items[j]), Fn):
        raise w.fail(items[j], _ambiguous(v.label, " ".join(text(c) for c in items[i + 1 : j]), text(items[j])))
    _natural_log(w, v, arg)
    return v.apply(arg), j


def _natural_log(w: Walker, fn: Fn, arg: object) -> None:
    """\\log 100 is 2 to a reader of school and engineering texts (base 10), and 4.61 as read here (the natural
    logarithm, as in analysis and ML): with a power of ten in the argument the reading says which it is, since the
    value shown back, \\log(100), does not."""
    if fn.label.split("^")[0] != "\\log" or not isinstance(arg, sp.Expr) or w.scope.printed_mode:
        return  # sympy prints ln as \\log: its printout read back says nothing of what was written
    if any(_power_of_ten(f) for f in sp.Mul.make_args(arg)):
        w.scope.readings["natural log"] = (
            "\\log read as the natural logarithm ln (\\log 100 ≈ 4.61, not 2); write \\log_{10} for base 10"
        )


def _power_of_ten(f: sp.Expr) -> bool:
    """10, 1000, 1/100, 10^x: a factor a base-10 logarithm takes apart."""
    if f.is_Pow and f.base == 10:
        return True
    if not (f.is_Rational and f.is_positive and f != 1):
        return False
    p, q = int(f.p), int(f.q)
    return (q == 1 and str(p).rstrip("0") == "1") or (p == 1 and str(q).rstrip("0") == "1")


def _operand_end(w: Walker, items: list[Node], i: int) -> int:
    """Where the operand of the derivative operator at i ends: the rest of the product, or the closing
    parenthesis of a parenthesised operand when another derivative operator follows it
    (\\frac{d}{dt}(t^2) \\frac{d}{dt}(t^3)); any other factor after it is refused, as either reading is
    plausible (\\frac{d}{dx}(x+1)(x-1): the derivative of the product, or (x+1)' times (x-1)?)."""
    if not is_node(items[i + 1], "paren") or i + 2 >= len(items):
        return len(items)
    if is_operator(items[i + 2]):
        return i + 2
    operator, operand, rest = text(items[i]), text(items[i + 1]), " ".join(text(c) for c in items[i + 2 :])
    raise w.fail(
        items[i + 2],
        f"ambiguous: does {operator} take {operand} only, or the product with {rest}? write "
        f"\\left({operator}{operand}\\right) {rest} for the first, {operator}\\left({operand} {rest}\\right) "
        "for the second",
    )


def _argument(w: Walker, fn: Fn, node: Node) -> Value | Fn | tuple[Value, ...]:
    """A parenthesised argument; for a function of a vector, one written by its generic entry,
    \\operatorname{diag}(\\alpha_i) with i not bound, is the vector of its entries i = 1..k (said so)."""
    try:
        return w.item(node)
    except LatexError as err:
        name = err.message.removeprefix("undeclared index ").split(";", 1)[0]
        if not fn.of_entries or not err.message.startswith("undeclared index ") or name in w.env:
            raise
    entries = [w.child(env={**w.env, name: sp.Integer(i)}).value(node) for i in range(1, w.scope.size() + 1)]
    w.scope.readings[f"entries {fn.label} {name}"] = (
        f"{fn.label}(…_{name}) with {name} free read as {fn.label} of the vector of entries {name} = 1..k"
    )
    return Matrix([values.scalar(e, f"each entry of {fn.label}'s argument") for e in entries])


def _run_of_factors(w: Walker, fn: Fn, items: list[Node], arg: Value, span: tuple[int, int]) -> tuple[Value, int]:
    """A function written without parentheses takes the whole product of plain factors that follows,
    as textbooks and TeX's \\sin mean it: \\sin 2x is sin(2x), \\log 2 \\pi \\sigma^2 is log(2πσ²).
    The run ends at the next function, big operator or operator (\\sin x \\cos x is sin(x)·cos(x)).
    A parenthesised group, |x| or a fraction right after the run is refused: either reading is plausible."""
    first, j = span  # the operand is items[first:j]
    start = j
    while j < len(items) and plain(items[j]):
        if _exponential(w, items[j]):
            operand = " ".join(text(c) for c in items[first:j])
            raise w.fail(items[j], _exponential_after(fn.label, operand, text(items[j])))
        nxt = w.item(items[j])
        if isinstance(nxt, Fn | tuple):
            break
        if spaced(items[j]):
            raise w.fail(items[j], _spaced(fn.label))
        arg = values.multiply(arg, nxt)
        j += 1
    if j < len(items) and (is_node(items[j], *_GROUPS, "abs", "norm", "frac", "sqrt")):
        raise w.fail(items[j], _ambiguous(fn.label, " ".join(text(c) for c in items[first:j]), text(items[j])))
    if j > start:
        shown = sp.latex(arg) if isinstance(arg, sp.Expr) else "the product"
        head, rest = (" ".join(text(c) for c in items[a:b]) for a, b in ((first, start), (start, j)))
        w.scope.readings[f"argument {fn.label} {shown}"] = (
            f"{fn.label} without parentheses takes the product of letters and numbers that follows, "
            f"as textbooks read it: {fn.label}({shown}); write ({fn.label} {head}) {rest} for the other reading"
        )
    return arg, j


def _defined_value_called(w: Walker, node: Node, after: Node | None) -> None:
    """w(x) where w = x^3 was defined without parameters: a textbook applies w, a product reading gave w·x = x⁴
    in silence. Refused, with both ways to write it, unless the parentheses hold a sum or a difference:
    p(1 - p) with p defined stays the product it is in every ML text. Also w(x)^2, and decorated names."""
    while after is not None and is_script(after):
        after = after.children[0]
    if after is not None and is_node(after, "braced") and is_node(after.children[1], "paren", "tuple"):
        after = after.children[1]  # \\alpha{(x)}: the parentheses print
    if after is None or not is_node(after, "paren", "tuple"):
        return
    inside = [c for c in after.children if isinstance(c, Tree)]
    content: Node = inside[0] if len(inside) == 1 else None
    while is_node(content, "neg", "paren"):  # p(-(1 - p)): a difference, negated
        content = next(c for c in content.children if isinstance(c, Tree))
    if is_node(content, "add") or (is_node(content, "sub") and not is_script(content)):
        return
    key, shown = _defined_key(w, node)
    found = w.scope.decls.definitions.get(key) if key else None
    if found is not None and not found.params and (key not in w.env or is_node(node, "sub")):
        raise w.fail(after, f"{shown} is defined without arguments ({shown} = …): write {shown} for its value, "
                            f"{shown} \\cdot (…) for a product, or define {shown}(x) = … to apply it")  # fmt: skip


def _defined_key(w: Walker, node: Node) -> tuple[str, str]:
    """The key a name (plain, decorated, in a font, or with an index) is defined under, and how it was written
    ("" for anything else): w, \\hat{y}, \\mathbf{u}, w_1 (defined as such, or as the entries y_i = …)."""
    if is_script(node) and node.children[1].type == "UNDER":
        base, shown = _defined_key(w, node.children[0])
        index = scripts.literal(node.children[2])
        defs = w.scope.decls.definitions
        if base and index and f"{base}_{index}" in defs:
            return f"{base}_{index}", f"{shown}_{index}"
        return (base, f"{shown}_{index or 'i'}") if base and base in defs and defs[base].index else ("", "")
    if is_node(node, "font"):
        try:
            word = w.letters(node.children[1])
        except LatexError:
            return "", ""
        return word, f"{node.children[0].value}{{{word}}}"
    if is_node(node, "name"):
        tok = node.children[0]
        return (tok.value[1:] if tok.value.startswith("\\") else tok.value), tok.value
    if is_node(node, "decorated") and node.children[0].value[1:] in macros.DECORATIONS:
        decor, base = macros.DECORATIONS[node.children[0].value[1:]], w.letters(node.children[1])
        return base + decor, f"\\{node.children[0].value[1:]}{{{base}}}"
    return "", ""


def _invisible_braces(w: Walker, fn: Fn, items: list[Node], i: int, arg: Node, scripted: bool) -> None:
    """Braces after a function do not print: \\sin{x}^2 is typeset sin x², as \\sin x^2 (sin(x²)), and \\sin{x} y
    as \\sin x y (sin(xy)). Read as parentheses they gave (sin x)² and (sin x)·y in silence: refused."""
    if not is_node(arg, "braced") or is_node(arg.children[1], "paren", "tuple"):  # \\exp{(x)}: its parentheses print
        return
    label = fn.label
    if is_node(arg.children[1], "juxt") and is_node(arg.children[1].children[0], "paren", "tuple"):
        raise w.fail(arg, f"braces after {label} do not print: {label}{{(x)(y)}} is typeset as {label}(x)(y), "
                          f"{label}(x) times (y); write {label}((x)(y)) for {label} of the product")  # fmt: skip
    if scripted:
        raise w.fail(items[i + 1], f"braces after {label} do not print: {label}{{x}}^2 is typeset as {label} x^2; "
                                   f"write {label}(x)^2 for the square of {label}(x), or {label}(x^2)")  # fmt: skip
    after = items[i + 2] if i + 2 < len(items) else None  # any factor but a function: \\sin{x}{y}, \\sin{x}(y), …
    if after is not None and not isinstance(w.item(after), Fn):
        raise w.fail(after, f"braces after {label} do not print: {label}{{x}} y is typeset as {label} x y; "
                            f"write {label}(x) y for the product, or {label}(x y)")  # fmt: skip
    if is_node(arg.children[1], "juxt"):
        _braced_run(w, fn, arg.children[1].children)


def _braced_run(w: Walker, fn: Fn, items: list[Node]) -> None:
    """\\sin{x e^{y}}, \\sin{x \\sqrt{a}}, \\sin{x \\cos y} are typeset as \\sin x e^{y}, …, which are refused or read
    sin(x)·cos(y) without the braces: refused alike. A run of letters and numbers (\\sin{2x}) reads the same either
    way, and a function first (\\sin{\\cos x}) is typeset sin cos x, one reading."""
    if isinstance(w.item(items[0]), Fn):
        return
    for j, item in enumerate(items):
        if (j and (_exponential(w, item) or spaced(item))) or not plain(item) or isinstance(w.item(item), Fn):
            both, first, rest = " ".join(map(text, items)), text(items[0]), " ".join(map(text, items[1:]))
            raise w.fail(item, f"braces after {fn.label} do not print: {fn.label}{{{both}}} is typeset as "
                               f"{fn.label} {both}, which can be read two ways; write {fn.label}({both}) for the "
                               f"function of the product, or ({fn.label} {first}) {rest}")  # fmt: skip


def _spaced(label: str) -> str:
    return (
        f"{label} without parentheses, then a space before this factor: it can be read two ways; write "
        f"{label}(x)\\, y for the product of the function, or {label}(x y) for the function of the product"
    )


def _exponential(w: Walker, node: Node) -> bool:
    """e^{…} with e not declared: Euler's number to a power, \\exp written another way."""
    if not (is_script(node) and node.children[1].type == "CARET" and scripts.is_euler(w, node.children[0])):
        return False
    return "e" not in {*w.scope.decls.objects, *w.env, *w.scope.decls.definitions}


def _exponential_after(label: str, operand: str, power: str) -> str:
    """\\sin x e^{y}: sin(x e^y) by the run of factors, (sin x)·e^y as a damped wave cos ωt e^{−γt} is meant."""
    both = f"{operand} {power}"
    return (
        f"ambiguous: {label} {both} can be {label} of the product {both} or {label} {operand} times {power}; "
        f"write {power} {label} {operand} (or ({label} {operand}) {power}) for the product, {label}({both}) for "
        "the other"
    )


def _ambiguous(label: str, operand: str = "x", factor: str = "y") -> str:
    """The refusal of a function written without parentheses before a factor, with the student's own terms."""
    return (
        f"{label} without parentheses here can be read two ways; write {label}({operand} {factor}) for the "
        f"function of the product, or ({label} {operand}) {factor} for the product of the function"
    )


def _vector_argument(arg: object, label: str) -> object:
    """(z_1, \\dots, z_k) given to a function of a vector is that vector."""
    if isinstance(arg, tuple):
        entries = [values.scalar(a, f"each argument of {label}") for a in arg]
        return Matrix(entries)
    return arg


def builtin(w: Walker, name: str, label: str) -> Fn:
    b = macros.BUILTINS[name]

    def apply(arg: object) -> Value:
        if b.arity == 0:
            args = arg if isinstance(arg, tuple) else (arg,)
            return b.fn(*(values.scalar(a, f"each argument of {label}") for a in args))
        if b.takes == "vector":
            arg = _vector_argument(arg, label)
        if isinstance(arg, tuple):
            raise ValueError(f"{label} takes one argument")
        if b.takes == "scalar":
            _no_matrix_function(name, label, arg)
            return Matrix(arg.applyfunc(b.fn)) if isinstance(arg, sp.MatrixBase) else b.fn(arg)
        if not isinstance(arg, sp.MatrixBase) or (b.takes == "vector" and arg.cols != 1):
            raise ValueError(
                f"{label} takes {'a vector' if b.takes == 'vector' else 'a square matrix'}, not {values.shape_of(arg)}"
            )
        if b.takes == "matrix" and arg.rows != arg.cols:
            raise ValueError(f"{label} takes a square matrix, not {values.shape_of(arg)}")
        out = b.fn(arg)
        return Matrix(out) if isinstance(out, sp.MatrixBase) else out

    return Fn(label, apply, of_entries=b.takes == "vector")


def _no_matrix_function(name: str, label: str, arg: object) -> None:
    """\\exp(A), \\cos(A), \\sqrt{A} of a square matrix: a textbook means the matrix function, not the matrix
    of entries' exp (e^{A} is refused alike). Refused; a vector, and σ or ReLU of a matrix, stay entrywise."""
    if name in macros.MATRIX_FUNCTIONS and isinstance(arg, sp.MatrixBase) and arg.rows == arg.cols >= 2:
        what = "the matrix exponential" if name == "exp" else f"the matrix function {label}"
        raise ValueError(
            f"{label} of {values.shape_of(arg)}: {what} is not supported; apply it to an entry "
            f"({label}(A_{{ij}})), or state the claim entrywise"
        )


def declared(w: Walker, key: str, shown: str) -> Fn:
    kind = w.scope.decls.functions[key]
    if kind != "generic":
        return builtin(w, kind, shown)
    f = sp.Function(key)
    known = macros.KNOWN.get(key)
    w.scope.readings[key] = f"{shown} is an arbitrary smooth function (declared `function`)" + (
        f", not {known.meaning}; to mean that, declare {shown}: {known.builtin} or leave it undeclared" if known else ""
    )

    def apply(arg: object) -> Value:
        args = arg if isinstance(arg, tuple) else (arg,)
        return f(*(values.scalar(a, f"each argument of {shown}") for a in args))

    return Fn(shown, apply)


def definition(w: Walker, d: Definition, node: Node) -> Value | Fn:
    if sequences.is_sequence(w.scope.decls, d):
        raise w.fail(node, f"{d.name.latex} is a sequence; write a term of it, {d.name.latex}_{d.index}")
    tree = w.parse_text(d.body.text, d.body.origin)
    if not d.params:
        # a body is read with no bindings but the held names, so without them its value is the same each time
        memo = (d.name.key, w.scope.printed_mode)
        if not w.held and memo in w.scope.definition_values:
            return w.scope.definition_values[memo]
        value = _entrywise(w, d, tree) if d.index else w.child(d.body.origin, {}).value(tree)
        if not w.held:
            w.scope.definition_values[memo] = value
        return value

    def apply(arg: object) -> Value:
        args = arg if isinstance(arg, tuple) else (arg,)
        if len(args) != len(d.params):
            raise ValueError(f"{d.name.latex} takes {len(d.params)} arguments, not {len(args)}")
        return w.child(d.body.origin, dict(zip(d.params, args, strict=True))).value(tree)

    return Fn(d.name.latex, apply)


def _entrywise(w: Walker, d: Definition, tree: Tree) -> Value:
    """\\hat{x}_i = …: the vector of its entries over 1..k; J_{ij} = …: the k×k matrix."""
    n = w.scope.size()
    rows = d.index[0]
    cols = d.index[1:] or None

    def entry(i: int, j: int) -> sp.Expr:
        env = {rows: sp.Integer(i)} | ({cols: sp.Integer(j)} if cols else {})
        value = w.child(d.body.origin, env).value(tree)
        if isinstance(value, sp.MatrixBase) and value.shape != (1, 1):
            raise ValueError(f"each entry {d.name.latex}_{{{d.index}}} must be a scalar")
        return values.collapse(value)

    return Matrix(n, n if cols else 1, lambda i, j: entry(i + 1, j + 1))


def prime(w: Walker, node: Node) -> Fn:
    f = w.item(node.children[0])
    if not isinstance(f, Fn) or f.greedy:
        raise w.fail(
            node, "a prime (x', x^\\prime) goes on a function only, \\sigma'(x); name a variable \\tilde{x} or x_2"
        )
    t = sp.Dummy("t")
    d = values.collapse(f.apply(t))
    d = sp.diff(d, t)

    def apply(arg: object) -> Value:
        if isinstance(arg, tuple):
            raise ValueError(f"{f.label}' takes one argument")
        return Matrix(arg.applyfunc(lambda a: d.subs(t, a))) if isinstance(arg, sp.MatrixBase) else d.subs(t, arg)

    return Fn(f.label + "'", apply)
