"""Hostile inputs for `verifier serve`: each must get a clear error quickly, and the server must keep serving.

Shared by tests/test_serve_hostile.py (each is refused with its message, on its line) and
benchmarks/serve_load.py (how long each took). Only data: the request bodies and what the error says.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

HEAD = "```verifier\nx, y: real\n```\n\n"


def doc(math: str, head: str = HEAD) -> str:
    return f"{head}$$ {math} $$\n"


@dataclass(frozen=True)
class Hostile:
    name: str
    body: bytes
    said: str  # in the error's text
    line: int | None = None  # the line the error is put on, when it has one


def case(title: str, text: str, said: str, line: int | None = None, **fields: object) -> Hostile:
    return Hostile(title, json.dumps({"text": text, "seed": 0, **fields}).encode(), said, line)


TOUCHED = Path("/tmp/verifier-serve-hostile-was-here")
CASES = [
    case("a 1 MB paste", "x" * 1_048_576, "this page checks at most 16,384 bytes"),
    case("deep braces", doc("{" * 200 + "x" + "}" * 200 + " = x"), "brackets nest deeper than 24 levels", 5),
    case("deep parentheses", doc("(" * 500 + "x" + ")" * 500 + " = x"), "brackets nest deeper than 24 levels", 5),
    case("10^{10^{10}}", doc(r"10^{10^{10}} = x"), "a power of a power of numbers", 5),
    case("a huge exponent", doc(r"(x + y)^{100000} = x"), "the exponent 100000 is larger than this page allows", 5),
    case("a huge declared size", doc("x = x", "```verifier\nx: real\nk: 1..1000000\n```\n\n"), "declared size", 3),
    case("a huge matrix", doc("x = x", "```verifier\nx: real\nA: matrix 99999×99999\n```\n\n"), "declared size", 3),
    case("an undeclared macro", doc(r"\evilmacro{x} = x"), "unknown macro \\evilmacro", 5),
    case("unbalanced braces", doc(r"\frac{x}{y = x"), "unbalanced braces", 5),
    case("a NUL byte", doc("x\x00 = x"), "a NUL byte is not LaTeX", 5),
    case("an escape sequence", doc("x = x\x1b[2J"), "a control character (U+001B)", 5),
    case("Python in a display", doc(f"__import__('os').system('touch {TOUCHED}') = x"), "unexpected character", 5),
    case("Python in the declarations", doc("x = x", "```verifier\nx: __import__('os')\n```\n\n"), "unknown kind", 2),
    case("\\input of a file", doc(r"\input{/etc/passwd} = x"), "unknown macro \\input", 5),
    case("an undeclared symbol", doc("x = q"), "undeclared symbol q", 5),
    case("a 60-digit number", doc("x = " + "7" * 60), "a number of 60 digits", 5),
    case("a million-term sum", doc(r"\sum_{i=1}^{1000000} x = x"), "1000000 terms; at most 64 are expanded", 5),
    case("a 2000-term sum", doc(" + ".join(["x y"] * 2000) + " = x"), "this page reads at most 400 per display", 5),
    case("too many displays", HEAD + "$$ x = x $$\n" * 70, "this page checks at most 64 $$ … $$ displays", 69),
    case("too many steps", doc(" = ".join(["x"] * 21)), "has 20 steps; this page checks at most 16 per chain"),
    case("no declarations", "$$ x = x $$\n", "no declarations"),
    case("nothing at all", "", "no declarations"),
    case("a code field", "x", "unknown field 'python'", python="import os"),
    case("a Python file", doc("x = x"), "format must be md or tex", format="py"),
    case("a path as the name", doc("x = x"), "name must be a plain file name", name="../../etc/passwd"),
    case("a negative seed", doc("x = x"), "seed must be a whole number", seed=-5),
    Hostile("not JSON", b"print(open('/etc/passwd').read())", "not JSON"),
    Hostile("not UTF-8", b'{"text": "\xff\xfe"}', "not JSON"),
]
