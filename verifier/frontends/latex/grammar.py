"""LaTeX math → a lark parse tree, with every error at its line and column.

Three passes: lark's lexer cuts the text into raw tokens; :func:`classify` gives each
command its kind from the macro table (unknown commands are errors here) and pairs `|`
and `\\|` into opening and closing bars; the LALR parser reads the classified tokens.
Shift/reduce conflicts resolve as shift, which is the reading we want: a big operator's
operand and a derivative operator extend as far to the right as the product goes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from lark.lexer import Lexer

from verifier.frontends.latex import ambiguity, binders, braces, characters, gaps, macros, operands, spacing
from verifier.frontends.latex.errors import LatexError, Origin

LEX_GRAMMAR = r"""
start: tok*
tok: BEGIN | END | AMP | ROWSEP | CMD | NORM | NUMBER | LETTER | REL | PLUS | MINUS | TIMES | SLASH | CARET
   | UNDER | PRIME | LBRACE | RBRACE | LPAR | RPAR | LBRACK | RBRACK | COMMA | BAR
BEGIN.2: /\\begin\s*\{\s*[a-zA-Z*]+\s*\}/
END.2: /\\end\s*\{\s*[a-zA-Z*]+\s*\}/
AMP: "&"
ROWSEP: /\\\\/
CMD: /\\[a-zA-Z]+/
NORM: "\\|"
NUMBER: /\d+(\.\d+)?/
LETTER: /[a-zA-Z]/
REL: "=" | "<" | ">"
PLUS: "+"
MINUS: "-"
TIMES: "*"
SLASH: "/"
CARET: "^"
UNDER: "_"
PRIME: "'"
LBRACE: "{"
RBRACE: "}"
LPAR: "("
RPAR: ")"
LBRACK: "["
RBRACK: "]"
COMMA: ","
BAR: "|"
SPACE: /\\[,;:! ]/ | "~" | /\s+/ | /\\left\s*\./ | /\\right\s*\./
%ignore SPACE
"""

PARSE_GRAMMAR = r"""
?start: expr
?expr: term
     | expr PLUS term -> add
     | expr MINUS term -> sub
?term: signed
     | term TIMES signed -> mul
     | term SLASH signed -> div
     | term ODOT signed -> hadamard
?signed: juxt
       | MINUS signed -> neg
       | PLUS signed -> pos
?juxt: postfix+
?postfix: atom
        | postfix CARET script -> sup
        | postfix UNDER script -> sub
        | postfix PRIME -> prime
?script: braced
       | DIGIT -> number
       | LETTER -> name
       | NAMECMD -> name
       | TOP -> top
       | TIMES -> star
       | MINUS DIGIT -> negdigit
       | FONT arg -> font
braced: LBRACE inner RBRACE
?inner: expr
      | TIMES -> star
      | expr (COMMA expr)+ -> items
      | binding
      | binding (COMMA binding)+ -> bindings
binding: expr REL expr
?atom: NUMBER -> number
     | DIGIT -> number
     | LETTER -> name
     | NAMECMD -> name
     | LPAR expr RPAR -> paren
     | LPAR expr (COMMA expr)+ RPAR -> tuple
     | LBRACK expr RBRACK -> paren
     | braced
     | FRAC arg arg -> frac
     | SQRT (LBRACK expr RBRACK)? arg -> sqrt
     | BIGOP bounds? term -> bigop
     | NORM_L expr NORM_R -> norm
     | ABS_L expr ABS_R -> abs
     | DECOR arg -> decorated
     | FONT arg -> font
     | BB arg -> blackboard
     | DOTS -> dots
     | OPNAME braced -> opname
     | FUNC -> func
     | PARTIAL -> partial
     | NABLA -> nabla
     | TOP -> top
     | MAT_BEGIN rows MAT_END -> matrix
rows: row (ROWSEP row)* ROWSEP?
row: expr (AMP cell)*
?cell: expr
     | binding
     | expr REL expr REL expr -> chained
     | OTHERWISE -> otherwise
?arg: braced
    | LETTER -> name
    | DIGIT -> number
    | NAMECMD -> name
bounds: UNDER script (CARET script)? -> lower_upper
      | CARET script UNDER script -> upper_lower
%declare NUMBER DIGIT LETTER NAMECMD REL PLUS MINUS TIMES SLASH CARET UNDER PRIME LBRACE RBRACE LPAR RPAR
%declare LBRACK RBRACK COMMA FRAC SQRT BIGOP NORM_L NORM_R ABS_L ABS_R DECOR FONT OPNAME FUNC PARTIAL NABLA TOP
%declare MAT_BEGIN MAT_END AMP ROWSEP DOTS ODOT BB OTHERWISE
"""

WORDS = {
    "RBRACE": "'}'",
    "LBRACE": "'{'",
    "RPAR": "')'",
    "LPAR": "'('",
    "RBRACK": "']'",
    "REL": "a relation",
    "$END": "the end of the line",
    "CARET": "'^'",
    "UNDER": "'_'",
    "PLUS": "'+'",
    "MINUS": "'-'",
    "AMP": "'&'",
    "ROWSEP": "'\\\\'",
    "MAT_END": "\\end{pmatrix}",
}
_CLOSE = {"RBRACE": "LBRACE", "RPAR": "LPAR", "RBRACK": "LBRACK", "MAT_END": "MAT_BEGIN"}
MATRIX_ENVIRONMENTS = ("matrix", "pmatrix", "bmatrix", "cases", "dcases")
_CASE_WORDS = {"otherwise": "OTHERWISE", "else": "OTHERWISE", "if": "", "for": "", "when": ""}


class _Feed(Lexer):
    """Hands the parser the tokens that were classified already."""

    def __init__(self, conf: object) -> None:
        pass

    def lex(self, data: list[Token], parser_state: object = None) -> Iterator[Token]:  # type: ignore[override]
        yield from data


_LEXER = Lark(LEX_GRAMMAR, parser="lalr", lexer="basic")
_PARSER = Lark(PARSE_GRAMMAR, parser="lalr", lexer=_Feed)


def where(origin: Origin, token: Token) -> Origin:
    return origin.at(token.line or 1, token.column or 1)


def tokens(text: str, origin: Origin, commands: frozenset[str]) -> list[Token]:
    """The classified tokens of text (a LatexError for an unknown character or command)."""
    text = characters.checked(text, origin)  # x^\prime is x'; \|x\|_\infty and x_{\text{max}} are refused
    try:
        raw = list(_LEXER.lex(text))
    except UnexpectedCharacters as err:
        at = origin.at(err.line, err.column)
        raise LatexError(at, characters.unexpected(text, err.pos_in_stream or 0)) from None
    classified = [t for tok in _text_operators(_sized_bars(raw)) if (t := classify(tok, origin, commands)) is not None]
    split = _split_scripts(_environments(classified, origin), origin)
    ambiguity.bars_that_could_nest(split, origin)
    return spacing.mark(text, raw, _pair_bars(split))


def _text_operators(toks: list[Token]) -> list[Token]:
    """\\text{tr}(A) as students write it is \\operatorname{tr}(A), for the names of known operators only;
    in a cases environment, \\text{otherwise} is the last case and \\text{if} (\\text{for}) is dropped."""
    toks = _case_words(toks)
    out = list(toks)
    for i, tok in enumerate(toks):
        if tok.type != "CMD" or tok.value not in ("\\text", "\\textrm", "\\mbox") or i + 2 >= len(toks):
            continue
        end = next((j for j in range(i + 1, len(toks)) if toks[j].type == "RBRACE"), None)
        inside = toks[i + 2 : end] if end is not None and toks[i + 1].type == "LBRACE" else []
        word = "".join(t.value for t in inside) if all(t.type == "LETTER" for t in inside) else ""
        if word in macros.TEXT_OPERATORS:
            out[i] = Token.new_borrow_pos("CMD", "\\operatorname", tok)
    return out


def _case_words(toks: list[Token]) -> list[Token]:
    out: list[Token] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        close = i + 3 < len(toks) and toks[i + 1].type == "LBRACE"
        word = "".join(t.value for t in toks[i + 2 : i + 2 + _letters(toks, i + 2)]) if close else ""
        end = i + 2 + _letters(toks, i + 2) if close else i
        text = tok.type == "CMD" and tok.value in ("\\text", "\\textrm", "\\mbox")
        if text and close and word in _CASE_WORDS and end < len(toks) and toks[end].type == "RBRACE":
            if _CASE_WORDS[word]:
                out.append(Token.new_borrow_pos(_CASE_WORDS[word], word, tok))
            i = end + 1
            continue
        out.append(tok)
        i += 1
    return out


def _letters(toks: list[Token], start: int) -> int:
    return sum(1 for _ in itertools.takewhile(lambda t: t.type == "LETTER", toks[start:]))


def _environments(toks: list[Token], origin: Origin) -> list[Token]:
    """\\begin{pmatrix} … \\end{pmatrix} (and matrix, bmatrix) delimit a matrix, whose & and \\\\ separate
    entries and rows; outside one, & and \\\\ are alignment and line breaks, and dropped."""
    out: list[Token] = []
    depth = 0
    for tok in toks:
        if tok.type in ("BEGIN", "END"):
            env = tok.value.partition("{")[2].rstrip("}").strip()
            if env not in MATRIX_ENVIRONMENTS:
                raise LatexError(
                    where(origin, tok), f"unknown environment {env}; use {', '.join(MATRIX_ENVIRONMENTS)} for a matrix"
                )
            depth += 1 if tok.type == "BEGIN" else -1
            tok = Token.new_borrow_pos("MAT_BEGIN" if tok.type == "BEGIN" else "MAT_END", tok.value, tok)
        elif tok.type in ("AMP", "ROWSEP") and depth <= 0:
            continue
        out.append(tok)
    return out


def classify(tok: Token, origin: Origin, commands: frozenset[str]) -> Token | None:
    if tok.type != "CMD":
        return tok
    name = tok.value[1:]
    if name in ("text", "mbox", "textrm", "tag"):
        raise LatexError(where(origin, tok), f"\\{name} must close on the same line; write \\{name}{{reason}}")
    if name in macros.NO_STEP_RELATIONS and name not in commands:
        raise LatexError(where(origin, tok), macros.NO_STEP_RELATIONS[name])
    if name in macros.NOT_READ and name not in commands:
        raise LatexError(where(origin, tok), macros.NOT_READ[name])
    try:
        kind = macros.command_kind(name, commands)
    except KeyError:
        raise LatexError(
            where(origin, tok),
            f"unknown macro \\{name}; use one of {macros.known_commands()}, or declare it if it names a symbol of "
            f"your own (\\{name}: real)",
        ) from None
    return None if kind is None else Token.new_borrow_pos(kind, tok.value, tok)


def _split_scripts(toks: list[Token], origin: Origin) -> list[Token]:
    """A script takes one digit in LaTeX, and so does a root and each argument of \\frac (\\frac12 is 1/2); a lone
    digit is a DIGIT token. x^23 and x^0.5 (printed x²3, x⁰.5) are refused with what to write."""
    out: list[Token] = []
    todo = list(reversed(toks))
    while todo:
        tok = todo.pop()
        if out and out[-1].type in ("CARET", "UNDER") and tok.type in ("FRAC", "SQRT"):  # x^\\frac12
            raise LatexError(where(origin, tok), ambiguity.command_script(str(out[-1].value), str(tok.value)))
        if len(out) > 1 and out[-1].type == "MINUS" and out[-2].type in ("CARET", "UNDER"):  # x^-1 prints x⁻1
            raise LatexError(where(origin, out[-2]), ambiguity.signed_script(str(out[-2].value), str(tok.value)))
        taker = ambiguity.digit_taker(out) if tok.type == "NUMBER" else None
        if taker is None or ("." in tok.value and taker[0].type == "FRAC"):
            out.append(tok)
            continue
        if len(tok.value) > 1 and taker[0].type in ("CARET", "UNDER", "SQRT"):
            raise LatexError(where(origin, taker[0]), ambiguity.several_digits(taker[1], tok.value))
        out.append(Token.new_borrow_pos("DIGIT", tok.value[0], tok))
        if len(tok.value) > 1:  # the rest is read again: \\frac12 is \\frac{1}{2}
            start = (tok.start_pos or 0) + 1
            todo.append(Token("NUMBER", tok.value[1:], start, tok.line, (tok.column or 0) + 1, end_pos=tok.end_pos))
    return out


_OPENING_SIZES = frozenset({"\\left", "\\bigl", "\\Bigl", "\\biggl", "\\Biggl"})
_CLOSING_SIZES = frozenset({"\\right", "\\bigr", "\\Bigr", "\\biggr", "\\Biggr"})


def _sized_bars(raw: list[Token]) -> list[Token]:
    """A bar after \\left or \\bigl opens, after \\right or \\bigr closes, whatever the bars inside it:
    `\\left| |x| - |y| \\right|` nests as written (plain bars alternate, see _pair_bars)."""
    out = list(raw)
    for i in range(1, len(raw)):
        size, tok = raw[i - 1], raw[i]
        if size.type == "CMD" and tok.type in ("BAR", "NORM"):
            side = "L" if size.value in _OPENING_SIZES else "R" if size.value in _CLOSING_SIZES else ""
            if side:
                out[i] = Token.new_borrow_pos(f"{'ABS' if tok.type == 'BAR' else 'NORM'}_{side}", tok.value, tok)
    return out


def _pair_bars(toks: list[Token]) -> list[Token]:
    """Plain | and \\| alternate: the first opens, the next closes; inside each pair sized by \\left and
    \\right (or \\lvert and \\rvert), they alternate afresh."""
    levels = [{"BAR": False, "NORM": False}]
    out = []
    for tok in toks:
        opened = levels[-1]
        if tok.type in opened:
            kind = "ABS" if tok.type == "BAR" else "NORM"
            side = "R" if opened[tok.type] else "L"
            opened[tok.type] = not opened[tok.type]
            tok = Token.new_borrow_pos(f"{kind}_{side}", tok.value, tok)
        elif tok.type in ("ABS_L", "NORM_L"):
            levels.append({"BAR": False, "NORM": False})
        elif tok.type in ("ABS_R", "NORM_R") and len(levels) > 1:
            levels.pop()
        out.append(tok)
    return out


def check_balance(toks: list[Token], origin: Origin) -> None:
    """Every {, ( and [ is closed by its own kind, in order."""
    stack: list[Token] = []
    for tok in toks:
        if tok.type in _CLOSE.values():
            stack.append(tok)
        elif tok.type in _CLOSE:
            if not stack or stack[-1].type != _CLOSE[tok.type]:
                raise LatexError(where(origin, tok), ambiguity.unbalanced(tok, stack[-1] if stack else None))
            stack.pop()
    if stack:
        tok = stack[-1]
        raise LatexError(where(origin, tok), f"unbalanced braces: {tok.value} is never closed; close it")


def split_relations(toks: list[Token]) -> list[tuple[Token | None, list[Token]]]:
    """The display cut at its top-level relations: (relation or None, the tokens after it)."""
    parts: list[tuple[Token | None, list[Token]]] = [(None, [])]
    depth = 0
    for tok in toks:
        if tok.type in _CLOSE.values():
            depth += 1
        elif tok.type in _CLOSE:
            depth -= 1
        if tok.type == "REL" and depth == 0:
            parts.append((tok, []))
        else:
            parts[-1][1].append(tok)
    return parts


def _open_environment(toks: list[Token], at: Token) -> str:
    """\\end{cases} for the innermost environment open before the token (\\end{pmatrix} was named in a cases)."""
    opened = [WORDS["MAT_END"]]
    for tok in itertools.takewhile(lambda t: t is not at, toks):
        if tok.type == "MAT_BEGIN":
            opened.append(tok.value.replace("\\begin", "\\end", 1))
        elif tok.type == "MAT_END" and len(opened) > 1:
            opened.pop()
    return opened[-1]


def parse(toks: list[Token], origin: Origin, applied: frozenset[str] = frozenset()) -> Tree:
    """The parse tree of one expression's tokens. applied: the names that are functions in its file (L in L(w))."""
    try:
        tree = _PARSER.parse(toks)
    except UnexpectedToken as err:
        tok = err.token
        if tok.type == "$END":
            at = where(origin, toks[-1]) if toks else origin
            raise LatexError(
                at, f"the expression ends too early after '{toks[-1].value if toks else ''}'; complete it"
            ) from None
        words = {**WORDS, "MAT_END": _open_environment(toks, tok)}
        listed = "one of " + ", ".join(sorted(words.get(e, e.lower()) for e in err.expected)[:6])
        wanted = "an expression" if "LPAR" in err.expected else listed
        hint = _hint(toks, tok)
        raise LatexError(where(origin, tok), f"unexpected '{tok.value}'; expected {wanted} here{hint}") from None
    except UnexpectedInput as err:
        raise LatexError(origin, f"cannot parse: {str(err).splitlines()[0]}") from None
    braces.check(tree, origin)
    tree = operands.check(gaps.check(ambiguity.check(tree, origin), origin), origin, applied)
    binders.check(tree, origin)
    return tree


def _hint(toks: list[Token], tok: Token) -> str:
    """What to write instead, where a misplaced token has a likely cause: bars nested without sizes, or an
    evaluation bar |_{x=1}."""
    at = next((i for i, t in enumerate(toks) if t is tok), None)
    if at is None:
        return ""
    before = toks[at - 1] if at > 0 else None
    after = toks[at + 1] if at + 1 < len(toks) else None
    bar = ("ABS_L", "ABS_R")
    evaluation = tok.type in bar and after is not None and after.type == "UNDER"
    if evaluation or (tok.type == "UNDER" and before is not None and before.type in bar):
        return "; an evaluation bar |_{x=1} is not read: write the expression with the value put in"
    if tok.type in bar or (before is not None and before.type in bar):
        return "; bars inside bars can be read two ways: size the outer pair, \\left| |x| - |y| \\right|"
    return ""
