"""A hostile course (issue 38): submissions that attack the grader's channel, its decoder, its pages and its sizes.

``write_hostile_course(root)`` writes ``root/reference.py`` (the ridge course of
:mod:`benchmarks.course`) and one folder per variant in ``root/submissions/``, and returns
what each row must show (:class:`benchmarks.course.Planted`). The first eight are the
issue's own (a claim undefined at n ≥ 2, a document forged through /proc/self/fd, the
extractor patched as ``__main__``, markup in the feedback, a decode bomb, a symbolic link,
a narrower domain, a host path in a reason); the others are new. :data:`MARKUP` lists the
strings no rendered page may carry as markup.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.course import CLAIMS, NAMES, NOT_GRADED, PROVED, Planted, _attack, _module, _swap, reference_text

MARKUP = ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "[free marks](javascript:alert(3))")
ERROR = "ERROR"
SIZED = ("gradient", "hessian", "hessian_psd")
GRAD_BUILD = (
    '    X, y, w = matrix("X", n), vector("y", n), vector("w", n)\n    return Derivative(loss(X, y, w), wrt=w, equals'
)
SIGMOID = "equals=sigmoid(t) * (1 - sigmoid(t))"


def _in_gradient(line: str) -> dict[str, str]:
    """The gradient's builder with one more line before its return."""
    return _swap("gradient", GRAD_BUILD, GRAD_BUILD.replace("    return", f"    {line}\n    return"))


def _in_sigmoid(expr: str) -> dict[str, str]:
    """The sigmoid claim with expr (built inside the sandbox) added to its right side."""
    return _swap("sigmoid_derivative", SIGMOID, f"equals=sp.Add(sigmoid(t) * (1 - sigmoid(t)), {expr}, evaluate=False)")


BOMB = "sp.Mul(0, sp.Pow(3, 10**9, evaluate=False), evaluate=False)"
FORGE_PROCFD = """
import json, os
from verifier.grading.statements import SCHEMA
doc = json.dumps({"schema": SCHEMA, "files": [{"file": "ridge.py", "error": None, "claims": [], "notes": []}]})
for entry in os.listdir("/proc/self/fd"):
    try:
        os.write(int(entry), doc.encode())
    except OSError:
        pass
for pid in [p for p in os.listdir("/proc") if p.isdigit()]:
    for fd in ("1", "3", "4", "5", "6"):
        try:
            with open(f"/proc/{pid}/fd/{fd}", "w") as stream:
                stream.write(doc)
        except OSError:
            pass
os._exit(0)
"""
PATCH_MAIN = """
import __main__
__main__.dims_for = lambda family, dims, default: [None] if family.n_values == (None,) else [1]
"""
FRAME_INJECT = """
import json, os, stat
from verifier.grading.statements import SCHEMA, encode_family
from verifier.language.families import collected
doc = json.dumps({"schema": SCHEMA, "files": [{"file": "ridge.py", "error": None, "claims": [], "notes": []}]}).encode()
for entry in os.listdir("/proc/self/fd"):
    fd = int(entry)
    try:
        if fd > 2 and stat.S_ISFIFO(os.fstat(fd).st_mode):
            os.write(fd, b"%d\\n" % len(doc) + doc)
    except OSError:
        pass
"""
WRITE_STDOUT = """
import os
doc = '{"schema": "verifier-submission/1", "files": []}'
os.write(1, doc.encode())
try:
    with open("/proc/self/fd/1", "w") as stream:
        stream.write(doc)
except OSError:
    pass
print(doc)
"""
FLOOD = """
import os, sys
chunk = b"x" * (1 << 20)
for _ in range(40):
    os.write(1, chunk)
"""
NODE_BOMB = "sp.Mul(0, sp.Add(*([t] * 210000), evaluate=False), evaluate=False)"
DEEP = "sp.Mul(0, _nest(t, 205), evaluate=False)"
NEST = """
def _nest(e, k):
    for _ in range(k):
        e = sp.sin(e, evaluate=False)
    return e
"""
MARKED = f'''
@claim(n=range(1, 3))
def hessian(n: int) -> Derivative:
    """{MARKUP[0]} {MARKUP[1]} {MARKUP[2]}"""
    raise ValueError("{MARKUP[1]} {MARKUP[2]} \\x1b[31mred")
'''
BROKEN_CHAIN = """# My notes

```verifier
z: vector of size k; k: 2..3
```

% claim: extra
$$ \\frac{1}{ = z $$
"""


def _folder(source: str, extra: Callable[[Path], None] | None = None) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        (folder / "ridge.py").write_text(source)
        if extra is not None:
            extra(folder)

    return write


Variants = dict[str, tuple[Callable[[Path], None], Planted]]


def _one(variant: str, write: Callable[[Path], None], grades: dict[str, str], **kw: Any) -> Variants:
    return {variant: (write, Planted(variant, grades, **kw))}


def _symlink(folder: Path) -> None:
    (folder / "link.py").symlink_to("ridge.py")


def _broken_chain(folder: Path) -> None:
    (folder / "notes.md").write_text(BROKEN_CHAIN)


def _issue() -> Variants:
    """The issue's eight: each fix's attack, as a student would write it."""
    zero = _in_gradient("_ = 1 // (2 - n) if n >= 2 else 0")
    old = "equals=sigmoid(t) * (1 - sigmoid(t)), where={t: Real()}"
    narrow = _swap("sigmoid_derivative", old, "equals=sigmoid(t) / 2, where={t: Interval(0, 0)}")
    narrow_src = _module(narrow).replace("from verifier import PSD", "from verifier import Interval, PSD")
    sized_error = {**PROVED, **dict.fromkeys(SIZED, ERROR)}
    return {
        **_one("zero_division", _folder(_module(zero)), {**PROVED, "gradient": ERROR},
               reasons={"gradient": "cannot be built at n = 2"}),
        **_one("forge_procfd", _folder(_module(CLAIMS, _attack(FORGE_PROCFD))), NOT_GRADED, problem="forged",
               integrity=("open", "integrity channel")),
        **_one("patch_main", _folder(_module(zero, _attack(PATCH_MAIN))), sized_error,
               reasons={"gradient": "not built at n = 2"}, integrity=("patch the verifier: __main__.dims_for",)),
        **_one("markup", _folder(_module({**CLAIMS, "hessian": MARKED})), {**PROVED, "hessian": ERROR},
               reasons={"hessian": "onerror"}),
        **_one("decode_bomb", _folder(_module(_in_sigmoid(BOMB))), {**PROVED, "sigmoid_derivative": ERROR},
               reasons={"sigmoid_derivative": "more than 20000 bits"}),
        **_one("symlink", _folder(_module(CLAIMS), _symlink), PROVED,
               problem="symbolic links skipped, not followed (copy the files in): link.py"),
        **_one("narrow_domain", _folder(narrow_src), {**PROVED, "sigmoid_derivative": "DIFFERENT"},
               reasons={"sigmoid_derivative": "narrower than the reference's ℝ"}),
        **_one("host_path", _folder(_module(CLAIMS), _broken_chain), PROVED, problem="notes.md:8:"),
    }  # fmt: skip


def _ours() -> Variants:
    """Fourteen more: other ways out of the channel, other decode bombs, a builder that exits, a hostile name."""
    bounded = {
        "gamma_bomb": ("sp.gamma(sp.Integer(10**6), evaluate=False)", "gamma of a number above 1000"),
        "node_bomb": (NODE_BOMB, "more than 200000 expression nodes"),
        "deep_nesting": (DEEP, "RecursionError"),
        "big_literal": ("sp.Mul(0, sp.Integer(7**1000), evaluate=False)", "at most 400 digits"),
        "float_precision": ("sp.Mul(0, sp.Float('1.5', 100000), evaluate=False)", "precision of 1-4000 bits"),
        "sum_bomb": ("sp.Mul(0, sp.Sum(t, (sp.Symbol('i'), 1, 10**9)), evaluate=False)", "more than 10000 terms"),
        "derivative_order": ("sp.Mul(0, sp.Derivative(sp.sin(t), (t, 10**6)), evaluate=False)", "order above 32"),
        "symbolic_power": ("sp.Mul(0, sp.Pow(t + 1, 10**8, evaluate=False), evaluate=False)", "above 1000"),
    }
    out: Variants = {}
    for name, (expr, words) in bounded.items():
        source = _module(_in_sigmoid(expr), NEST)
        out |= _one(name, _folder(source), {**PROVED, "sigmoid_derivative": ERROR},
                    reasons={"sigmoid_derivative": words})  # fmt: skip
    exits = _in_gradient("import sys; sys.exit(0)")
    missing = dict.fromkeys(NAMES, "MISSING")
    return {
        **out,
        **_one("exit_early", _folder(_module(CLAIMS, _attack("import os\nos._exit(0)"))), NOT_GRADED,
               problem="no document came back"),
        **_one("frame_inject", _folder(_module(CLAIMS, _attack(FRAME_INJECT))), missing,
               integrity=("integrity channel",)),
        **_one("write_stdout", _folder(_module(CLAIMS, _attack(WRITE_STDOUT))), PROVED),
        **_one("stdout_flood", _folder(_module(CLAIMS, _attack(FLOOD))), PROVED),
        **_one("builder_exits", _folder(_module(exits)), {**PROVED, "gradient": ERROR},
               reasons={"gradient": "SystemExit"}),
        **_one("hostile_name", _folder(_module(CLAIMS)), PROVED),
    }  # fmt: skip


HOSTILE_NAME = "s_<img src=x onerror=alert(9)>_\x1b[31m"  # a folder name: markup and a terminal escape


def hostile_variants() -> Variants:
    return {**_issue(), **_ours()}


def write_hostile_course(root: Path, only: tuple[str, ...] = ()) -> dict[str, Planted]:
    """root/reference.py and one folder per hostile variant in root/submissions; what each row must show."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "reference.py").write_text(reference_text())
    subs = root / "submissions"
    if subs.exists():
        shutil.rmtree(subs)
    planted: dict[str, Planted] = {}
    for i, (variant, (write, expected)) in enumerate(hostile_variants().items()):
        if only and variant not in only:
            continue
        name = HOSTILE_NAME if variant == "hostile_name" else f"h{i + 1:02d}_{variant}"
        folder = subs / name
        folder.mkdir(parents=True)
        write(folder)
        planted[name] = expected
    return planted
