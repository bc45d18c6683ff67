"""Readings of a parse tree that could go two ways, refused at their place with what to write instead.

Checked on the tree before it is evaluated (none of these needs the declarations):

- a double superscript, `2^3^2`, which TeX itself refuses (a double subscript: scripts.subscript);
- a number right after a number, `2 3` (typeset 23) or `3 \\frac{1}{2}` (a mixed number 3½?);
- a `/` whose denominator is a product written by juxtaposition, `1/2 x` (1/(2x) or x/2?);
- a function applied without parentheses before a `/`, `\\sin x/2` (sin(x/2) or (sin x)/2?);
- a derivative operator whose operand is followed by `/`, `\\frac{d}{dx} x / x`.

And on the tokens, before parsing: a script written with several digits and no braces, `x^10` (TeX prints
x¹0, the tenth power meant: `several_digits`), and plain bars that could nest, `|x |y| z|` (|x|·y·|z| or
|x·|y|·z|?: `bars_that_could_nest`).

And one rewrite: a derivative operator takes the rest of the product, so `\\frac{d}{dx} x \\cdot y`
is d/dx (x · y), as for `\\frac{d}{dx} x y`: the `\\cdot`, `\\times`, `*` or `\\odot` after the
operand is moved inside the operator's scope.
"""

from __future__ import annotations

from itertools import pairwise

from lark import Token, Tree

from verifier.frontends.latex.errors import LatexError, Origin
from verifier.frontends.latex.walker import Node, inner, is_node, is_script, spaced

_PRODUCTS = ("mul", "hadamard")
_FUNCTIONS = ("func", "opname")


def check(tree: Node, origin: Origin, script: bool = False) -> Node:
    """The tree with operator scopes extended over explicit products, or a LatexError at an ambiguity.
    script: the tree is an index's content (A_{1 2} is two indices, no product); an exponent or a log's base is a
    number, where 2^{1 0} is typeset 2¹⁰ and \\log_{2 2} log₂₂, as 1 0 is typeset 10."""
    if not isinstance(tree, Tree):
        return tree
    index = is_script(tree) and tree.children[1] == "_" and not is_node(tree.children[0], "func")
    inside = [(index and i == 2) or (script and is_node(tree, "braced")) for i in range(len(tree.children))]
    tree.children = [check(c, origin, s) for c, s in zip(tree.children, inside, strict=True)]
    if is_script(tree):
        _double_script(tree, origin)
    elif is_node(tree, "juxt") and not script:
        _numbers(tree, origin)
        _two_operators(tree, origin)
    elif is_node(tree, "div"):
        _slash(tree, origin)
    elif is_node(tree, "bigop"):
        _product_reach(tree, origin)
    elif is_node(tree, *_PRODUCTS):
        return _extend(tree, origin)
    return tree


def text(node: Node) -> str:
    """The node's tokens, spaced as LaTeX (for a message)."""
    if isinstance(node, Token):
        return str(node.value)
    out = ""
    for tok in node.scan_values(lambda v: isinstance(v, Token)):
        value = str(tok.value)
        command = value.startswith("\\")
        after_word = (out[-1:].isalpha() or out[-1:] == "}") and (value[:1].isalnum() or command)
        if after_word or (out[-1:].isdigit() and (value[:1].isdigit() or command)):
            out += " "
        out += value
    return out


def _fail(origin: Origin, node: Node, message: str) -> LatexError:
    tok = next(iter(node.scan_values(lambda v: isinstance(v, Token))), None) if isinstance(node, Tree) else node
    at = origin.at(tok.line or 1, tok.column or 1) if isinstance(tok, Token) else origin
    return LatexError(at, message)


def _double_script(node: Node, origin: Origin) -> None:
    """x^a^b (or x^a_i^b): TeX's 'double superscript' error."""
    kind = node.children[1].type
    if kind == "UNDER":
        return  # x_a_b: refused in scripts.subscript, as sympy prints an entry of w_0 as w_{0}_{1}
    base = node.children[0]
    while is_script(base):
        if base.children[1].type == kind:
            b, s, t = text(base.children[0]), text(inner(base.children[2])), text(inner(node.children[2]))
            what = f"double superscript: write {b}^{{{s}^{{{t}}}}} or ({b}^{{{s}}})^{{{t}}}"
            raise _fail(origin, node.children[1], f"ambiguous {what}")
        base = base.children[0]


def _is_number(node: Node) -> bool:
    """A number, braced or not: {2}{3} and 2 {3} typeset as 23, as 2 3 does."""
    return is_node(_unbraced(node), "number")


def _unbraced(node: Node) -> Node:
    """The content of any number of braces: 2{\\frac{1}{2}} and 2{{\\frac{1}{2}}} typeset as 2½, as 2\\frac12 does."""
    while is_node(node, "braced"):
        node = inner(node)
    return node


def _numbers(node: Node, origin: Origin) -> None:
    """2 3 (typeset 23) and 3 \\frac{1}{2} (3 + ½ or 3 · ½?) are refused."""
    items = node.children
    for a, b in pairwise(items):
        if not _is_number(a):
            continue
        base = b
        while is_script(base):
            base = base.children[0]
        if _is_number(base):
            ta, tb, number = text(a), text(b), text(_unbraced(a)) + text(_unbraced(b))
            if spaced(b):  # 1~000, 2\,3: printed with a gap, a digit group or a product
                raise _fail(origin, b, f"ambiguous: {ta} and {tb} with a space between them: write {number} for one "
                                       f"number, or {ta} \\cdot {tb} for the product")  # fmt: skip
            raise _fail(origin, b, f"ambiguous: {ta} {tb} typesets as {number}: write {ta} \\cdot {tb}, or {number}")
        fraction = _unbraced(b)
        if is_node(fraction, "frac") and all(_is_number(c) for c in fraction.children[1:]):
            ta, tb = text(_unbraced(a)), text(fraction)
            raise _fail(
                origin,
                b,
                f"ambiguous: {ta} {tb} can be a mixed number or a product; write {ta} + {tb} or {ta} \\cdot {tb}",
            )


def is_operator(node: Node) -> bool:
    """A derivative operator: \\frac{d}{dx}, \\frac{\\partial}{\\partial z_j}, \\frac{\\partial^2}{…}, \\nabla_w."""
    if is_node(node, "frac"):
        top, bottom = inner(node.children[1]), inner(node.children[2])
        if is_node(top, "sup"):
            top = top.children[0]
        first = bottom.children[0] if is_node(bottom, "juxt") else bottom
        return _is_mark(top) and _is_mark(first)
    while is_script(node):
        node = node.children[0]
    return is_node(node, "nabla")


def _is_mark(node: Node) -> bool:
    if is_node(node, "partial"):
        return True
    if is_node(node, "name"):
        return str(node.children[0].value) == "d"
    return is_node(node, "font") and text(node.children[1]).strip("{}") == "d"


def _two_operators(node: Tree, origin: Origin) -> None:
    """\\frac{d}{dx} x^2 \\frac{d}{dx} x^3: does the first derivative take the second's product too, or is this a
    product of two derivatives? Refused, as with \\cdot between them (\\frac{d}{dx}\\frac{d}{dx} f, the second
    derivative, and \\frac{d}{dx}(x^2) \\frac{d}{dx}(x^3), a parenthesised operand, stay)."""
    at = [i for i, c in enumerate(node.children) if is_operator(c)]
    for i in at:
        j = next((j for j in at if j > i + 1), None)
        if j is None or (j == i + 2 and is_node(node.children[i + 1], "paren")):
            continue  # \\frac{d}{dx}(x^2) \\frac{d}{dx}(x^3): the first operand ends at ")"
        raise _fail(
            origin,
            node.children[j],
            f"ambiguous: does the first derivative in {text(node)} take the rest of the product, the second "
            "derivative included? write each derivative in parentheses, \\left(\\frac{d}{dx} …\\right) "
            "\\left(\\frac{d}{dx} …\\right), or the whole operand of the first in parentheses",
        )


def _product_reach(node: Tree, origin: Origin) -> None:
    """\\prod_i v_i / 2, \\prod_i v_i \\cdot 2: does the product take the / or \\cdot (each factor halved) or end
    before it? Refused, as \\max_i v_i / 2 is (a \\sum is linear: either reading is one value)."""
    body = node.children[-1]
    if str(node.children[0]) != "\\prod" or not is_node(body, "div", *_PRODUCTS):
        return
    head = "".join(text(c) for c in node.children[:-1])
    left, sign, right = text(body.children[0]), text(body.children[1]), text(body.children[2])
    alone = f"\\frac{{{head} {left}}}{{{right}}}" if sign == "/" else f"\\left({head} {left}\\right) {sign} {right}"
    raise _fail(
        origin,
        body.children[1],
        f"ambiguous: {head} {left} {sign} {right} can be read two ways; write {head}\\left({left} {sign} {right}"
        f"\\right) or {alone}",
    )


def _unparenthesised_function(items: list[Node]) -> Node | None:
    """The first function in a product applied without parentheses (\\sin x), or None."""
    for f, arg in pairwise(items):
        base = f
        while is_script(base) or is_node(base, "prime"):  # \\sin^2 x, \\sin' x
            base = base.children[0]
        if is_node(base, *_FUNCTIONS) and not is_node(arg, "paren", "tuple", "braced"):
            return f
    return None


def _slash(node: Node, origin: Origin) -> None:
    left, right = node.children[0], node.children[2]
    product = right.children[1] if is_node(right, "neg", "pos") else right  # 1/-2x as 1/2x
    if is_node(product, "juxt"):
        a, b = text(left), text(right)
        sign = text(right.children[0]) if product is not right else ""
        first, rest = sign + text(product.children[0]), " ".join(text(c) for c in product.children[1:])
        raise _fail(
            origin,
            node.children[1],
            f"ambiguous: {a}/{b} can be read two ways; write \\frac{{{a}}}{{{b}}} or \\frac{{{a}}}{{{first}}} {rest}",
        )
    items = list(left.children) if is_node(left, "juxt") else []
    if any(is_operator(c) for c in items[:-1]) and not (is_operator(items[-2]) and is_node(items[-1], "paren")):
        raise _fail(
            origin,
            node.children[1],
            f"ambiguous: does the derivative in {text(left)}/{text(right)} take the quotient? write the operand "
            f"in parentheses, \\frac{{d}}{{dx}}\\left(\\frac{{…}}{{…}}\\right), or the quotient as \\frac{{…}}{{…}}",
        )
    f = _unparenthesised_function(items)
    if f is not None:
        raise _fail(
            origin,
            node.children[1],
            f"ambiguous: {text(left)}/{text(right)} can be read two ways; write {applied(items, f, right)} "
            f"or \\frac{{{text(left)}}}{{{text(right)}}}",
        )


def applied(items: list[Node], f: Node, right: Node) -> str:
    """\\ln 2x / 3 as the function of the whole quotient, its argument all the factors after it: \\ln(2x/3)."""
    at = next(i for i, c in enumerate(items) if c is f)
    before = "".join(text(c) + " " for c in items[:at])
    return f"{before}{text(f)}({text(Tree('juxt', items[at + 1 :]))}/{text(right)})"


def _extend(node: Tree, origin: Origin) -> Tree:
    """(… OP a) · b is … OP (a · b): a derivative operator's scope takes the explicit product too. With a
    second operator in b (\\frac{d}{dx} x^2 \\cdot \\frac{d}{dx} x^2) either reading is plausible: refused."""
    left = node.children[0]
    if is_node(left, "neg", "pos"):
        moved = _extend(Tree(node.data, [left.children[1], *node.children[1:]]), origin)
        return Tree(left.data, [left.children[0], moved]) if moved.data != node.data else node
    if not is_node(left, "juxt"):
        return node
    items = list(left.children)
    at = next((i for i, c in enumerate(items[:-1]) if is_operator(c)), None)
    if at is None:
        return node
    rest = items[at + 1 :]
    if len(rest) == 1 and is_node(rest[0], "paren"):  # \\frac{d}{dx}(x^2) \\cdot x: the operand ends at ")"
        return node
    right = node.children[2].children[1] if is_node(node.children[2], "neg", "pos") else node.children[2]
    if is_operator(right) or (is_node(right, "juxt") and any(is_operator(c) for c in right.children)):
        raise _fail(
            origin,
            node.children[1],
            f"ambiguous: does the first derivative in {text(node)} take the whole product? write each "
            "derivative in parentheses, \\left(\\frac{d}{dx} …\\right) \\cdot \\left(\\frac{d}{dx} …\\right), "
            "or the operand of the first in parentheses",
        )
    operand = rest[0] if len(rest) == 1 else Tree("juxt", rest)
    return Tree("juxt", [*items[: at + 1], Tree(node.data, [operand, *node.children[1:]])])


def digit_taker(out: list[Token]) -> tuple[Token, str] | None:
    """The script, root or \\frac whose argument the next number starts, and how it is written, if that argument is
    one digit: after ^ or _ (a sign after them is refused first: x^-1), \\sqrt or \\sqrt[3], and as either
    argument of \\frac."""
    if not out:
        return None
    last = out[-1].type
    before = out[-2] if len(out) > 1 else None
    if last in ("CARET", "UNDER", "FRAC", "SQRT"):
        return out[-1], out[-1].value
    if before is not None and (last, before.type) == ("DIGIT", "FRAC"):
        return before, before.value
    return _root_with_index(out) if last == "RBRACK" else None


def _root_with_index(out: list[Token]) -> tuple[Token, str] | None:
    """\\sqrt[3] just before: the root and its text (the next number is its one-digit argument: \\sqrt[3]8)."""
    depth = 0
    for i in range(len(out) - 1, -1, -1):
        depth += {"RBRACK": 1, "LBRACK": -1}.get(out[i].type, 0)
        if depth == 0:
            if i > 0 and out[i - 1].type == "SQRT":
                return out[i - 1], "".join(str(t.value) for t in out[i - 1 :])
            return None
    return None


def command_script(script: str, command: str) -> str:
    """What to write for `x^\\frac12` or `e^\\sqrt{x}`: a script that is a whole fraction or root, in braces."""
    example = "\\frac{1}{2}" if command == "\\frac" else "\\sqrt{x}"
    return f"put a {command} in a script in braces: write {script}{{{example}}}, not {script}{command}…"


def signed_script(script: str, rest: str) -> str:
    """What to write for `x^-1` or `e^-x`: a script without braces takes one character, here the sign."""
    return (f"{script}-{rest} prints as {script}- followed by {rest} (a script without braces takes one character, "
            f"here the sign): write {script}{{-{rest}}}")  # fmt: skip


def several_digits(script: str, digits: str) -> str:
    """What to write for `^10`, `_12`, `x^0.5` or `\\sqrt 42`: TeX gives a script (and a root) one character, so x^10
    prints as x¹ followed by 0."""
    if script.startswith("\\"):
        shown = f"{script}{{{digits[0]}}} followed by {digits[1:]}"
        return f"{script} {digits} prints as {shown}: write {script}{{{digits}}}"
    role = "exponent" if script == "^" else "index"
    first, rest = digits[0], digits[1:]
    if "." in digits:
        return (f"{script}{digits} prints as {script}{first} followed by {rest} (a script without braces takes "
                f"one character): write {script}{{{digits}}} for the {role} {digits}")  # fmt: skip
    return (f"{script}{digits} prints as {script}{first} followed by {rest} (a script without braces takes one "
            f"digit): write {script}{{{digits}}} for the {role} {digits}, or {script}{first} \\cdot {rest} "
            "for the product")  # fmt: skip


_BINARY = frozenset({"REL", "PLUS", "MINUS", "TIMES", "SLASH", "ODOT", "CARET", "UNDER", "COMMA", "AMP", "ROWSEP"})
_CLOSERS = frozenset({"RPAR", "RBRACE", "RBRACK", "PRIME", "ABS_R", "NORM_R", "BAR", "NORM"})
_OPEN = {"LPAR": "RPAR", "LBRACE": "RBRACE", "LBRACK": "RBRACK", "ABS_L": "ABS_R", "NORM_L": "NORM_R"}


def bars_that_could_nest(toks: list[Token], origin: Origin) -> None:
    """Plain bars pair in turn, so |x |y| z| is |x|·y·|z|; nested, it is |x·|y|·z|. Refused where both readings
    are well formed: a bar that closes a pair right before a factor, whose run up to the next plain bar could be
    an inner pair's content (balanced, no operator at either end), with one more plain bar after it to close the
    outer pair. |x| y + |x| z, where the inner pair would hold `y +`, reads one way only."""
    levels = [{"BAR": False, "NORM": False}]
    for i, tok in enumerate(toks):
        if tok.type in ("ABS_L", "NORM_L"):
            levels.append({"BAR": False, "NORM": False})
        elif tok.type in ("ABS_R", "NORM_R") and len(levels) > 1:
            levels.pop()
        elif tok.type == "REL":
            levels[-1] = {"BAR": False, "NORM": False}
        elif tok.type in levels[-1]:
            levels[-1][tok.type] = not levels[-1][tok.type]
            closes = not levels[-1][tok.type]
            if closes and toks[i - 1].type == tok.type:  # || as an empty pair: the parser refuses the line, with a hint
                return
            if closes and _could_open(toks, i):
                bar = "\\|" if tok.type == "NORM" else "|"
                raise LatexError(origin.at(tok.line or 1, tok.column or 1), (
                    f"bars inside bars can be read two ways: plain bars pair in turn, so this {bar} closes the "
                    f"pair before it ({bar}x{bar} y {bar}z{bar}), or it opens a pair inside another "
                    f"({bar}x {bar}y{bar} z{bar}); size the outer pair (\\left{bar} x {bar}y{bar} z \\right{bar}) "
                    f"for the second reading, or set the pairs apart ({bar}x{bar} \\cdot y \\cdot {bar}z{bar})"
                ))  # fmt: skip


def _could_open(toks: list[Token], at: int) -> bool:
    """The bar at `at`, which closes a pair, could open an inner one instead: what follows it up to the next bar of
    its kind is an expression, and another bar of its kind follows that one, before the relation ends."""
    bars = _next_bars(toks, at + 1, toks[at].type, 2)
    if len(bars) < 2 or bars[1] == bars[0] + 1:  # |x |y||: in turn, the last pair is empty; one reading
        return False
    run = toks[at + 1 : bars[0]]
    # a sign right after a closing bar is binary, as TeX spaces it: |x| - y |z| (printed the same as |x |-y| z|)
    # is the difference it reads as in print
    starts = run and run[0].type not in _BINARY | _CLOSERS
    return bool(starts) and run[-1].type not in _BINARY and _balanced(run)


def _next_bars(toks: list[Token], start: int, kind: str, wanted: int) -> list[int]:
    """The positions of the next plain bars of kind at depth 0 (outside braces, parentheses and sized pairs),
    up to `wanted` of them, before the next relation."""
    found, depth = [], 0
    for j in range(start, len(toks)):
        t = toks[j].type
        if depth == 0 and t == "REL":
            break
        depth += 1 if t in _OPEN else -1 if t in _OPEN.values() else 0
        if depth < 0:
            break
        if depth == 0 and t == kind:
            found.append(j)
            if len(found) == wanted:
                break
    return found


def _balanced(run: list[Token]) -> bool:
    depth = 0
    for tok in run:
        depth += 1 if tok.type in _OPEN else -1 if tok.type in _OPEN.values() else 0
        if depth < 0:
            return False
    return depth == 0


_PARTNER = {"LBRACE": "}", "LPAR": ")", "LBRACK": "]"}


def unbalanced(closer: Token, open_: Token | None) -> str:
    """What to write for a closing bracket that closes nothing, or closes another kind: `\\left( x \\right]` (a
    half-open interval is not an expression)."""
    if open_ is None:
        return f"unbalanced braces: {closer.value} closes nothing; remove it or add its opening partner"
    partner = _PARTNER.get(str(open_.type), str(open_.value).replace("\\begin", "\\end"))
    interval = {str(open_.type), str(closer.type)} in ({"LPAR", "RBRACK"}, {"LBRACK", "RPAR"})
    note = " (an interval such as [0, 1) belongs in a declaration, x \\in [0, 1), not in a line)" if interval else ""
    return f"unbalanced braces: {closer.value} cannot close the {open_.value} before it; close it with {partner}{note}"
