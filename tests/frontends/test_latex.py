"""LaTeX chains: malformed input gives one positioned line, gates hold (the library's chains: test_latex_chains.py)."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest
import sympy as sp

from tests.support import CACHE_HOME, ROOT, claims_by_name, run_cli
from verifier.engine import EngineSettings, verify_family
from verifier.frontends import latex
from verifier.load import loader
from verifier.outcome import Status

pytest.importorskip("lark")

from verifier.frontends.latex import gates
from verifier.frontends.latex.declarations import Declarations
from verifier.frontends.latex.errors import LatexError, Origin
from verifier.frontends.latex.scope import Scope

SETTINGS = EngineSettings(samples=40)
DERIVATIONS = ROOT / "derivations"


def _families(name: str) -> dict[str, object]:
    families, errors = latex.load(DERIVATIONS / name)
    assert errors == []
    return {f.name: f for f in families}


# the library's chains (these five files among them): each correct one PROVED, each planted slip named at its step,
# in tests/frontends/test_latex_chains.py


def test_a_step_is_shown_as_written_with_its_reason() -> None:
    chain = _families("softmax_ce_gradient.md")["gradient"].builder(3)  # type: ignore[attr-defined]
    assert chain.steps[2].written == r"\hat{y}_j - y_j"
    assert chain.steps[2].reason == r"since \sum_i y_i = 1"
    assert chain.start.shape == (3, 1), "the free index j makes each line the vector over j"


DECLARATIONS = """\
```verifier
x: real; a: positive
z: vector of size k; k: 2..3
{extra}
```
"""
GOOD_BEFORE = "% claim: before\n$$ (x + 1)^2 = x^2 + 2x + 1 $$\n"
GOOD_AFTER = "% claim: after\n$$ \\sum_{i=1}^{k} z_i \\le \\sum_i z_i + a $$\n"

# (declaration line, malformed chain, where the error is: line and column, a phrase of the message)
MALFORMED = [
    ("", "$$ x + q = q + x $$", (9, 8), "undeclared symbol q"),
    ("", "$$ \\foo{x} = x $$", (9, 4), "unknown macro \\foo"),
    ("", "$$ \\frac{x}{2 = x/2 $$", (9, 12), "unbalanced braces"),
    ("", "$$ x = = x $$", (9, 6), "empty step"),
    ("", "$$ x + 1 $$", (9, 4), "no relation"),
    ("", "$$ e x = x e $$", (9, 4), "Euler's number alone is \\exp(1)"),
    ("", "$$ \\hat{y}_1 = 1 $$", (9, 4), "undeclared symbol \\hat{y}"),
    ("m: 4..2", "$$ x = x $$", (4, 4), "bad size range 4..2"),
    ("", "$$ x = x + 0 = $$", (9, 14), "at the end of the line"),
    ("b: postive", "$$ x = x $$", (4, 4), "unknown kind 'postive'"),
    ("", "$$ z + z^\\top = 2 z $$", (9, 4), "cannot add a vector of size 2 and a 1×2 matrix"),
    ("", "$$ x + * x = 2x $$", (9, 8), "unexpected '*'"),
    ("", "$$ \\operatorname{foo}(z)_1 = 1 $$", (9, 4), "not a known function (sigmoid, softmax,"),
    ("", "$$ \\sigma + x = x + \\sigma $$", (9, 4), "logistic sigmoid σ(x) = 1/(1 + e^{−x}) (declare \\sigma: real"),
]


@pytest.mark.parametrize(("declaration", "chain", "at", "phrase"), MALFORMED)
def test_a_malformed_input_is_one_positioned_line_and_the_rest_is_checked(
    declaration: str, chain: str, at: tuple[int, int], phrase: str
) -> None:
    text = DECLARATIONS.format(extra=declaration) + GOOD_BEFORE + "\n" + chain + "\n\n" + GOOD_AFTER
    families, errors = latex.parse_chains(text, "notes.md", "notes")
    assert {"before", "after"} <= {f.name for f in families}
    assert len(errors) == 1, errors
    _, message = errors[0]
    assert "\n" not in message
    assert message.startswith(f"notes.md:{at[0]}:{at[1]}: "), message
    assert phrase in message, message


def test_a_chain_with_an_error_still_lets_the_good_chains_verify() -> None:
    text = DECLARATIONS.format(extra="") + GOOD_BEFORE + "\n$$ x + q = q + x $$\n\n" + GOOD_AFTER
    families, _ = latex.parse_chains(text, "notes.md", "notes")
    assert [verify_family(f, SETTINGS).status for f in families] == [Status.PROVED, Status.PROVED]


MACROS = {
    r"x^\top A x": "x1*(A11*x1 + A21*x2) + x2*(A12*x1 + A22*x2)",
    r"\mathbf{x}^T \mathbf{w}": "w1*x1 + w2*x2",
    r"\|x\|_2^2": "x1**2 + x2**2",
    r"\operatorname{tr}(A) + \log\det A": "A11 + A22 + log(A11*A22 - A12*A21)",
    r"e^{t} \sigma(t)": "exp(t)/(1 + exp(-t))",
    r"\sigma'(t)": "exp(-t)/(1 + exp(-t))**2",
    r"\hat{y}_2": "exp(z2)/(exp(z1) + exp(z2))",
    r"\frac{\partial}{\partial z_1} \sum_i z_i^2": "2*z1",
    r"\nabla_w (w^\top x)": "Matrix([\n[x1],\n[x2]])",
    r"\frac{d}{dt}(t^3) + \prod_i x_i": "3*t**2 + x1*x2",
    r"\mathbf{1}^\top x - |t|": "x1 + x2 - Abs(t)",
}


def test_the_macro_table_maps_ml_notation_onto_the_declared_objects() -> None:
    decl = (
        "```verifier\nx, w, z: vectors of size k; k: 2..2; A: matrix k×k; t: real\n"
        "\\sigma: sigmoid; \\operatorname{softmax}: softmax; \\hat{y} = \\operatorname{softmax}(z)\n```\n"
    )
    body = "\n".join(f"% claim: c{i}\n$$ {e} = {e} $$\n" for i, e in enumerate(MACROS))
    families, errors = latex.parse_chains(decl + body, "m.md", "m")
    assert errors == []
    got = {e: sp.sstr(f.build(f.n_values[0]).body.start) for e, f in zip(MACROS, families, strict=True)}
    assert got == MACROS


def _scope() -> Scope:
    decls = Declarations()
    decls.objects["x"] = __import__("verifier.frontends.latex.declarations", fromlist=["Declared"]).Declared(
        __import__("verifier.frontends.latex.declarations", fromlist=["Name"]).Name("x", "x"), Origin("g.md", 1, 1)
    )
    scope = Scope(decls, {}, None)
    scope.object("x")
    return scope


def test_the_gates_reject_what_is_not_a_declared_sympy_expression() -> None:
    scope, at, x = _scope(), Origin("g.md", 3, 7), sp.Symbol("x")
    same = lambda text: x + 1  # noqa: E731
    assert gates.check_line(x + 1, scope, at, same) == x + 1
    for bad, phrase in [
        ("x + 1", "not a sympy expression"),
        (x + sp.Symbol("hat"), "symbol hat came out of the parse"),
        (sp.Function("g")(x), "function g came out of the parse"),
        (x / sp.Integer(0), "divides by zero"),
    ]:
        with pytest.raises(LatexError, match=re.escape(phrase)) as err:
            gates.check_line(bad, scope, at, same)
        assert str(err.value).startswith("g.md:3:7: ")
    with pytest.raises(LatexError, match="round trip: sympy prints this line as x \\+ 2"):
        gates.check_line(x + 2, scope, at, same)


BUILTINS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN = {"sympify", "parse_expr", "parse_latex", "S", "lambdify", "eval", "exec"}


def test_nothing_in_the_latex_package_turns_text_into_code() -> None:
    paths = sorted((ROOT / "verifier" / "frontends" / "latex").glob("*.py"))
    assert len(paths) > 10  # the reader's modules (this looked in verifier/load/latex, empty since they moved)
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Name):
                assert node.id not in BUILTINS | FORBIDDEN, f"{path.name}:{node.lineno}: {node.id}"
            if isinstance(node, ast.Attribute):
                assert node.attr not in FORBIDDEN, f"{path.name}:{node.lineno}: .{node.attr}"
            if isinstance(node, ast.ImportFrom):
                assert not {a.name for a in node.names} & FORBIDDEN, f"{path.name}:{node.lineno}"


LIBRARY_LIKE = '''
"""One Python claim beside the LaTeX file."""
import sympy as sp
from verifier import Identity, Real, claim

@claim()
def double():
    """2x = x + x."""
    x = sp.Symbol("x")
    return Identity(2 * x, x + x, where={x: Real()})
'''
NOTES = DECLARATIONS.format(extra="") + GOOD_BEFORE + "\n% claim: broken\n$$ x + q = q + x $$\n"
BLOCK_LARK = (
    "import sys, importlib.abc\n"
    "class NoLark(importlib.abc.MetaPathFinder):\n"
    "    def find_spec(self, name, path=None, target=None):\n"
    "        if name.split('.')[0] == 'lark': raise ModuleNotFoundError(name)\n"
    "sys.meta_path.insert(0, NoLark())\n"
    "from verifier.cli.main import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def test_check_a_latex_file_end_to_end(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES)
    report = tmp_path / "r.json"
    out = run_cli("check", str(notes), "--no-cache", "--samples", "40", "-j", "1", "--json", str(report))
    assert out.returncode == 1, out.stdout + out.stderr
    claims = claims_by_name(report)
    assert claims["before"]["status"] == "PROVED"
    assert claims["broken"]["status"] == "ERROR"
    assert (
        claims["broken"]["reason"] == f"{notes}:10:8: undeclared symbol q; declare it in the verifier block (q: real)"
    )


@pytest.mark.slow
def test_without_lark_a_folder_skips_its_latex_files_with_one_dim_line(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "double.py").write_text(LIBRARY_LIKE)
    (mine / "notes.md").write_text(NOTES)
    (mine / "README.md").write_text("# not a derivation: no declaration block\n")
    args = ["--no-cache", "--samples", "40", "-j", "1"]
    run = lambda *a: __import__("subprocess").run(  # noqa: E731
        [sys.executable, "-c", BLOCK_LARK, *a, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": CACHE_HOME},
        timeout=300,
    )
    folder = run("verify-all", str(mine))
    assert folder.returncode == 0, folder.stdout + folder.stderr
    skipped = [line for line in folder.stdout.splitlines() if "skipped" in line]
    assert skipped == [f"skipped 1 LaTeX file (notes.md): {latex.INSTALL_HINT}"]
    direct = run("check", str(mine / "notes.md"))
    assert direct.returncode == 1
    assert latex.INSTALL_HINT in " ".join(direct.stdout.split())  # the failure's prose, wrapped at 80 columns


def test_a_folder_with_lark_finds_latex_files_with_a_declaration_block(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(NOTES)
    (tmp_path / "README.md").write_text("# no declaration block\n$$ x = y $$\n")
    assert [p.name for p in loader.discover([str(tmp_path)])] == ["notes.md"]
    assert loader.skipped_latex([str(tmp_path)]) == []


def test_the_tutorials_latex_example_verifies() -> None:
    tutorial = (ROOT / "docs" / "tutorial.md").read_text()
    block = re.search(r"Save this as `notes/softmax_grad.md`.*?\n````markdown\n(.*?)````", tutorial, re.S)
    assert block, "the tutorial's LaTeX example not found"
    families, errors = latex.parse_chains(block.group(1), "notes/softmax_grad.md", "softmax_grad")
    assert errors == []
    statuses = {f.name: verify_family(f, SETTINGS).status for f in families}
    assert statuses == {"gradient": Status.PROVED, "student": Status.REFUTED}


def test_a_worker_reads_only_the_chain_it_verifies() -> None:
    path = ROOT / "derivations" / "softmax_ce_gradient.md"
    whole = loader.load(path)
    one = loader.load(path, only="student_gradient")
    assert len(whole.families) == 2
    assert [f.name for f in one.families] == ["student_gradient"]
    same = next(f for f in whole.families if f.name == "student_gradient")
    assert one.families[0].build(3).body == same.build(3).body


# issue 27: the functions a course uses, and definitions as students write them --------------------------
GELU_LINE = (
    "$$ \\frac{d}{dx} \\frac{x}{2} (1 + \\operatorname{erf}(x/\\sqrt{2})) "
    "= \\frac{1}{2}(1 + \\operatorname{erf}(x/\\sqrt{2})) + \\frac{x}{\\sqrt{2\\pi}} e^{-x^2/2} $$\n"
)


def _one(text: str) -> tuple[object, list[tuple[str, str]]]:
    families, errors = latex.parse_chains(text, "hw.md", "hw")
    return (families[0] if families else None), errors


@pytest.mark.parametrize("declaration", ["", "\\operatorname{erf}: erf", "\\operatorname{erf}: ERF"])
def test_erf_undeclared_or_declared_erf_is_the_error_function_and_gelu_is_proved(declaration: str) -> None:
    family, errors = _one(f"```verifier\nx: real\n{declaration}\n```\n\n{GELU_LINE}")
    assert errors == []
    r = verify_family(family, SETTINGS)  # type: ignore[arg-type]
    assert r.status is Status.PROVED, r.reason
    if not declaration:
        assert "\\operatorname{erf} read as the error function erf" in r.reason


def test_a_known_name_declared_as_a_generic_function_is_said_to_be_arbitrary() -> None:
    family, errors = _one(f"```verifier\nx: real\n\\operatorname{{erf}}: function\n```\n\n{GELU_LINE}")
    assert errors == []
    r = verify_family(family, SETTINGS)  # type: ignore[arg-type]
    assert r.status is Status.REFUTED  # erf is then any function at all, and the chain is not an identity for all
    assert "\\operatorname{erf} is an arbitrary smooth function (declared `function`), not the error" in r.reason
    assert "declare \\operatorname{erf}: erf or leave it undeclared" in r.reason


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("\\frac{d}{dx} x \\Phi(x) = \\Phi(x) + x \\phi(x)", Status.PROVED),
        ("\\frac{d}{dx} \\operatorname{GELU}(x) = \\Phi(x) + x \\varphi(x)", Status.PROVED),
        ("\\frac{d}{dx} \\operatorname{softplus}(x) = \\sigma(x)", Status.PROVED),
        ("\\operatorname{ReLU}(x) = \\max(0, x)", Status.PROVED),
        ("\\operatorname{erfc}(x) = 1 - \\operatorname{erf}(x)", Status.CHECKED),  # the ladder does not rewrite erfc
        ("\\frac{d}{dx} \\operatorname{SiLU}(x) = \\sigma(x) + x \\sigma(x)(1 - \\sigma(x))", Status.PROVED),
        ("\\frac{d}{dx} \\tanh(x) = 1 - \\tanh(x)^2", Status.PROVED),
        ("\\cosh(x)^2 - \\sinh(x)^2 = 1", Status.PROVED),
        ("\\frac{d}{dx} x \\Phi(x) = \\Phi(x) + \\phi(x)", Status.REFUTED),
    ],
)
def test_the_functions_of_a_course_are_known_without_declaring_them(line: str, status: Status) -> None:
    family, errors = _one(f"```verifier\nx: real\n```\n\n$$ {line} $$\n")
    assert errors == []
    assert verify_family(family, SETTINGS).status is status  # type: ignore[arg-type]


def test_log_sum_exp_of_a_vector_has_the_softmax_as_its_gradient() -> None:
    text = "```verifier\nz: vector of size k; k: 2..3\nj: index\n```\n\n"
    text += "$$ \\frac{\\partial}{\\partial z_j} \\operatorname{LSE}(z) = \\operatorname{softmax}(z)_j $$\n"
    family, errors = _one(text)
    assert errors == []
    assert verify_family(family, SETTINGS).status is Status.PROVED  # type: ignore[arg-type]


def test_an_unknown_kind_lists_every_known_kind_and_an_unknown_function_never_suggests_generic_alone() -> None:
    _, errors = _one("```verifier\nx: real\n\\operatorname{g}: gaussian\n```\n\n$$ \\operatorname{foo}(x) = x $$\n")
    kinds, unknown = errors[0][1], errors[1][1]
    assert "unknown kind 'gaussian'" in kinds
    for kind in ("sigmoid", "softmax", "erf", "erfc", "normalcdf", "normalpdf", "gelu", "logsumexp", "min", "sgn"):
        assert kind in kinds
    assert "..." not in kinds
    assert "undeclared symbol \\operatorname{foo}; it is not a known function (sigmoid," in unknown
    assert "if it is one, declare which (\\operatorname{foo}: erf)" in unknown
    assert "arbitrary smooth function, of which nothing else is known" in unknown


LAYER_NORM = """\
```verifier
x: vector of size k; k: 2..3
\\epsilon: positive
j: index
\\mu = \\frac{1}{k}\\sum_i x_i
\\sigma^2 = \\frac{1}{k} \\sum_i (x_i - \\mu)^2
\\hat{x}_i = \\frac{x_i - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}}
```

"""


@pytest.mark.parametrize(
    ("line", "status"),
    [
        ("\\frac{\\partial \\mu}{\\partial x_j} = \\frac{1}{k}", Status.PROVED),
        ("\\frac{\\partial \\sigma^2}{\\partial x_j} = \\frac{2}{k} (x_j - \\mu)", Status.PROVED),
        ("\\sigma \\cdot \\sigma = \\sigma^2", Status.PROVED),
        ("\\sum_i \\hat{x}_i = 0", Status.PROVED),
        ("\\hat{x}_j = \\frac{x_j - \\mu}{\\sigma}", Status.REFUTED),
    ],
)
def test_definitions_take_the_forms_students_write(line: str, status: Status) -> None:
    family, errors = _one(LAYER_NORM + f"$$ {line} $$\n")
    assert errors == []
    assert verify_family(family, SETTINGS).status is status  # type: ignore[arg-type]


def test_a_left_side_that_is_not_a_name_says_what_to_write() -> None:
    _, errors = _one("```verifier\nx: real\n\\sigma^3 = x\n```\n\n$$ x = x $$\n")
    ((_, message),) = errors
    assert "'\\sigma^3' is not a name to define; write a name (\\mu = …, \\hat{x} = …, x_1 = …)" in message
    assert "a square (\\sigma^2 = …), a vector by its entries (\\hat{x}_i = …) or a recurrence" in message


@pytest.mark.parametrize(
    ("line", "phrase"),
    [
        ("x + 10^{10^{10}}", "a number of more than 1000 digits (10 to the power 10000000000)"),
        ("x + ((10^{64})^{64})^{64}", "a number of more than 1000 digits (10000000…(65 digits) to the power 64)"),
        ("A^{100000} x", "a matrix power up to 64, not 100000"),
    ],
)
def test_a_power_too_large_to_compute_is_one_positioned_line_not_a_hang(line: str, phrase: str) -> None:
    text = f"```verifier\nx: vector of size k; k: 2..2; A: matrix k×k\n```\n\n$$ {line} = {line} $$\n"
    families, errors = latex.parse_chains(text, "big.md", "big")
    assert families == [] and len(errors) == 1, errors
    assert phrase in errors[0][1] and errors[0][1].startswith("big.md:5:"), errors


HEAD_XY = "```verifier\nx, y: real\n```\n\n% claim: square\n$$ (x + y)^2 = "


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("{" * 3000 + "x" + "}" * 3000, "this line nests 3000 brackets deep is past what the reader can follow"),
        (" + ".join(["x y"] * 3000), "characters is past what the reader can follow"),
    ],
    ids=["3000 nested braces", "a 3000-term sum"],
)
def test_a_line_past_the_readers_recursion_is_named_as_such(line: str, said: str) -> None:
    """A chain nested 3000 braces deep, or a line of 3000 terms, ran out of Python's recursion and was reported
    as "a definition refers to itself; break the cycle": there was no definition (red team 122)."""
    families, errors = latex.parse_chains(HEAD_XY + line + " $$\n", "hw.md", "hw")
    assert not families and len(errors) == 1
    assert said in errors[0][1] and "refers to itself" not in errors[0][1], errors
