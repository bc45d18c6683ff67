"""A generated course: a reference derivation and N student folders with planted mistakes and attacks.

``write_course(root, n)`` writes ``root/reference.py`` and ``root/submissions/s001_<variant>/``
…, cycling through :data:`VARIANTS`, and returns what each student's row must show. The
same generator feeds the test (about 30 students) and the benchmark (300). LaTeX students
are graded against ``derivations/softmax_ce_gradient.md``: ``write_latex_course``.
"""

from __future__ import annotations

import shutil
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

HEADER = '''\
"""Ridge regression and the sigmoid, for grading: a gradient, a Hessian, its convexity, a derivative.

L(w) = ‖Xw − y‖² + λ‖w‖² has gradient 2Xᵀ(Xw − y) + 2λw and Hessian 2(XᵀX + λI), which is
positive semidefinite since vᵀHv = 2‖Xv‖² + 2λ‖v‖². The sigmoid σ(t) = 1/(1 + e^{−t}) has
σ'(t) = σ(t)(1 − σ(t)).

Source: Hastie, Tibshirani & Friedman, The Elements of Statistical Learning, §3.4.1;
Bishop, Pattern Recognition and Machine Learning, §4.3.2.
"""

import sympy as sp

from verifier import PSD, Certificate, Derivative, Positive, Real, claim
from verifier.language.mathlib import identity, matrix, sigmoid, squared_norm, vector

lam, t = sp.symbols("lambda t")


def loss(X, y, w):
    return squared_norm(X * w - y) + lam * squared_norm(w)
'''

CLAIMS = {
    "gradient": '''
@claim(n=range(1, 3))
def gradient(n: int) -> Derivative:
    """∇L = 2Xᵀ(Xw − y) + 2λw."""
    X, y, w = matrix("X", n), vector("y", n), vector("w", n)
    return Derivative(loss(X, y, w), wrt=w, equals=2 * X.T * (X * w - y) + 2 * lam * w,
                      where={X: Real(), y: Real(), w: Real(), lam: Positive()})
''',
    "hessian": '''
@claim(n=range(1, 3))
def hessian(n: int) -> Derivative:
    """∇²L = 2(XᵀX + λI)."""
    X, y, w = matrix("X", n), vector("y", n), vector("w", n)
    return Derivative(loss(X, y, w), wrt=w, order=2, equals=2 * (X.T * X + lam * identity(n)),
                      where={X: Real(), y: Real(), w: Real(), lam: Positive()})
''',
    "hessian_psd": '''
@claim(n=range(1, 3))
def hessian_psd(n: int) -> PSD:
    """2(XᵀX + λI) ⪰ 0."""
    X, v = matrix("X", n), vector("v", n)
    H = 2 * (X.T * X + lam * identity(n))
    forms = [(X * v)[i] for i in range(n)] + list(v)
    return PSD(H, where={X: Real(), lam: Positive()},
               certificate=Certificate(v, tuple([2] * n + [2 * lam] * n), tuple(forms)))
''',
    "sigmoid_derivative": '''
@claim()
def sigmoid_derivative() -> Derivative:
    """σ' = σ(1 − σ)."""
    return Derivative(sigmoid(t), wrt=t, equals=sigmoid(t) * (1 - sigmoid(t)), where={t: Real()})
''',
}
NAMES = tuple(CLAIMS)
PROVED = {name: "PROVED" for name in NAMES}


@dataclass(frozen=True)
class Planted:
    """What a student's row must show: a status per reference claim, and words its notes must contain."""

    variant: str
    grades: dict[str, str]
    problem: str = ""  # a substring of the row's problem ("" for none)
    how: dict[str, str] = field(default_factory=dict)  # claim → "statement" where it must be matched so
    reasons: dict[str, str] = field(default_factory=dict)  # claim → a substring of its grade's reason
    lenient: dict[str, str] = field(default_factory=dict)  # claim → its status under --match-by-statement
    integrity: tuple[str, ...] = ()  # words each of the row's integrity notes must contain, one per kind


def reference_text() -> str:
    return HEADER + "".join(CLAIMS.values())


def _module(claims: dict[str, str], prefix: str = "") -> str:
    return HEADER + prefix + "".join(claims.values())


def module_with(prefix: str) -> str:
    """The correct module, with prefix (module-level code run at import) before its claims."""
    return _module(CLAIMS, prefix)


def _swap(name: str, old: str, new: str) -> dict[str, str]:
    text = CLAIMS[name]
    assert old in text, (name, old)
    return {**CLAIMS, name: text.replace(old, new)}


def _renamed(name: str, new: str, claims: dict[str, str] | None = None) -> dict[str, str]:
    source = claims or CLAIMS
    return {**source, name: source[name].replace(f"def {name}(", f"def {new}(")}


NOT_GRADED = dict.fromkeys(NAMES, "NOT GRADED")
OFF_TOPIC = "t**2 / 2, wrt=t, equals=t"  # a true claim under the reference's name, about another function
_FORGED_DOC = '{"schema": "verifier-submission/1", "student": "s001_correct", "status": "PROVED", "files": []}'


def _attack(code: str) -> str:
    """Module-level code that runs when the module is imported."""
    return "\n" + textwrap.dedent(code).strip() + "\n"


def _variants(secret: str) -> dict[str, tuple[str, Planted]]:
    """Every kind of submission, in the order students are given them (a course of k students takes the first k)."""
    return {**_answers(), **_refused(secret), **_later(secret)}


def _answers() -> dict[str, tuple[str, Planted]]:
    """Submissions that load: right, wrong, missing, renamed or off-topic claims."""
    wrong_grad = _swap("gradient", "equals=2 * X.T", "equals=X.T")
    return {
        "correct": (_module(CLAIMS), Planted("correct", PROVED)),
        "wrong_gradient": (_module(wrong_grad), Planted("wrong_gradient", {**PROVED, "gradient": "REFUTED"})),
        "wrong_hessian": (
            _module(_swap("hessian", "2 * (X.T * X + lam * identity(n))", "2 * X.T * X")),
            Planted("wrong_hessian", {**PROVED, "hessian": "REFUTED"}),
        ),
        "wrong_sigmoid": (
            _module(_swap("sigmoid_derivative", "(1 - sigmoid(t))", "(1 + sigmoid(t))")),
            Planted("wrong_sigmoid", {**PROVED, "sigmoid_derivative": "REFUTED"}),
        ),
        "missing_claim": (
            _module({k: v for k, v in CLAIMS.items() if k != "hessian_psd"}),
            Planted("missing_claim", {**PROVED, "hessian_psd": "MISSING"}),
        ),
        "renamed": (
            _module(_renamed("gradient", "grad_w")),
            Planted(
                "renamed",
                {**PROVED, "gradient": "MISSING"},
                reasons={"gradient": "did you mean grad_w?"},
                lenient={"gradient": "PROVED"},
            ),
        ),
        "renamed_wrong": (
            _module(_renamed("gradient", "my_gradient", wrong_grad)),
            Planted(
                "renamed_wrong",
                {**PROVED, "gradient": "MISSING"},
                reasons={"gradient": "did you mean my_gradient?"},
                lenient={"gradient": "REFUTED"},
            ),
        ),
        "off_topic": (
            _module(_swap("sigmoid_derivative", "sigmoid(t), wrt=t, equals=sigmoid(t) * (1 - sigmoid(t))", OFF_TOPIC)),
            Planted("off_topic", {**PROVED, "sigmoid_derivative": "DIFFERENT"}),
        ),
    }


def _refused(secret: str) -> dict[str, tuple[str, Planted]]:
    """Submissions that cannot be graded: they do not load, or attack the sandbox while loading."""
    return {
        "syntax_error": (_module(CLAIMS, "\ndef broken(:\n"), Planted("syntax_error", NOT_GRADED, "syntax error")),
        "hang": (_module(CLAIMS, _attack("while True:\n    pass")), Planted("hang", NOT_GRADED, "stopped after")),
        "memory_hog": (
            _module(CLAIMS, _attack("hog = bytearray(16 * 1024**3)")),
            Planted("memory_hog", NOT_GRADED, "MemoryError"),
        ),
        "read_secret": (
            _module(CLAIMS, _attack(f"stolen = open({secret!r}).read()")),
            Planted("read_secret", NOT_GRADED, "FileNotFoundError", integrity=("open 1 path",)),
        ),
        "write_other": (
            _module(CLAIMS, _attack("open('../s001_correct/hacked.py', 'w').write('x = 1')")),
            Planted("write_other", NOT_GRADED, "Error", integrity=("hacked.py (for writing)",)),
        ),
        "network": (
            _module(CLAIMS, _attack("import socket\nsocket.create_connection(('1.1.1.1', 80), timeout=3)")),
            Planted("network", NOT_GRADED, "OSError", integrity=("connect 1 time(s) to 1.1.1.1:80",)),
        ),
        "fork_bomb": (
            _module(CLAIMS, _attack(FORK_BOMB)),
            Planted("fork_bomb", NOT_GRADED, "BlockingIOError", integrity=("process(es) (os.fork)",)),
        ),
        "forged_output": (
            _module(CLAIMS, _attack(FORGE)),
            Planted("forged_output", NOT_GRADED, "forged", integrity=("integrity channel",)),
        ),
    }


def _later(secret: str) -> dict[str, tuple[str, Planted]]:
    """Variants added after the others (so the first students of a course keep theirs): a false claim
    graded DIFFERENT, attacks the sandbox contains while the claims still load, and no file at all."""
    return {
        "false_psd": (
            _module(_swap("hessian_psd", "H = 2 * (X.T * X + lam", "H = 2 * (X.T * X - lam")),
            Planted(
                "false_psd",
                {**PROVED, "hessian_psd": "DIFFERENT"},
                reasons={"hessian_psd": "its matrix is not the reference's, and it is false: REFUTED"},
            ),
        ),
        "sneaky": (
            _module(CLAIMS, _attack(SNEAKY.format(secret=secret))),
            Planted("sneaky", PROVED, integrity=("open 2 path", "connect 1 time", "process(es) (subprocess.Popen)")),
        ),
        "patch_verifier": (
            _module(CLAIMS, _attack(PATCH)),
            Planted("patch_verifier", PROVED, integrity=("patch the verifier: verifier.engine.verify.verify_family",)),
        ),
        "no_file": ("", Planted("no_file", dict.fromkeys(NAMES, "MISSING"), "no derivation file")),
    }


FORK_BOMB = """
import os, time
children = []
for _ in range(200):  # bounded: safe even where the process limit would not bind
    pid = os.fork()
    if pid == 0:
        time.sleep(2)
        os._exit(0)
    children.append(pid)
"""
FORGE = f"""
import os
print({_FORGED_DOC!r})
for fd in range(3, 64):
    try:
        os.write(fd, {_FORGED_DOC!r}.encode())
    except OSError:
        pass
"""
SNEAKY = """
import os, socket, subprocess
for path in ({secret!r}, os.path.expanduser("~/.ssh/id_rsa")):
    try:
        open(path).read()
    except OSError:
        pass
try:
    socket.create_connection(("127.0.0.1", 8786), timeout=1)
except OSError:
    pass
try:
    subprocess.run(["cat", "/etc/passwd"], capture_output=True, timeout=2)
except (OSError, subprocess.SubprocessError):
    pass
"""
PATCH = """
import verifier.engine.verify
verifier.engine.verify.verify_family = lambda *args, **kwargs: None
"""
SNEAKY_ATTACKS = ("sneaky", "patch_verifier")  # caught quietly: the claims still load, and get their marks
ATTACKS = ("read_secret", "write_other", "network", "fork_bomb", "forged_output")


def variant_counts(n: int) -> dict[str, int]:
    """How many of a course of n students write each variant (write_course gives them in turn)."""
    names = list(_variants(""))
    return {v: len(range(i, n, len(names))) for i, v in enumerate(names)}


def write_course(root: Path, n: int, secret: Path | None = None, only: tuple[str, ...] = ()) -> dict[str, Planted]:
    """root/reference.py and root/submissions/ with n students (variants in turn); what each row must show."""
    secret = secret or root / "ta_private" / "answers.txt"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text("the teaching assistant's secret\n")
    (root / "reference.py").write_text(reference_text())
    variants = _variants(str(secret.resolve()))
    names = list(only or variants)
    planted: dict[str, Planted] = {}
    subs = root / "submissions"
    if subs.exists():
        shutil.rmtree(subs)
    for i in range(n):
        variant = names[i % len(names)]
        source, expected = variants[variant]
        folder = subs / f"s{i + 1:03d}_{variant}"
        folder.mkdir(parents=True)
        if source:
            (folder / "ridge.py").write_text(source)
        else:
            (folder / "notes.txt").write_text("I ran out of time.\n")
        planted[folder.name] = expected
    return planted


LATEX_REFERENCE = Path(__file__).resolve().parent.parent / "derivations" / "softmax_ce_gradient.md"


def write_latex_course(root: Path, n: int) -> dict[str, Planted]:
    """n students with LaTeX chains against derivations/softmax_ce_gradient.md: correct, a wrong step, renamed."""
    text = LATEX_REFERENCE.read_text()
    head, _, student_part = text.partition("A student's version.")
    correct = head
    student_chain = student_part.split("% expect: refuted")[1]
    student_chain = "\n".join(line for line in student_chain.splitlines() if not line.startswith("% planted:"))
    wrong = head.split("% claim: gradient")[0] + "% claim: gradient" + student_chain
    renamed = head.replace("% claim: gradient", "% claim: softmax_gradient")
    variants = {
        "latex_correct": (correct, Planted("latex_correct", {"gradient": "PROVED"})),
        "latex_wrong_step": (wrong, Planted("latex_wrong_step", {"gradient": "REFUTED"})),
        "latex_renamed": (
            renamed,
            Planted(
                "latex_renamed",
                {"gradient": "MISSING"},
                reasons={"gradient": "did you mean softmax_gradient?"},
                lenient={"gradient": "PROVED"},
            ),
        ),
    }
    names = list(variants)
    planted: dict[str, Planted] = {}
    for i in range(n):
        source, expected = variants[names[i % len(names)]]
        folder = root / f"t{i + 1:03d}_{expected.variant}"
        folder.mkdir(parents=True)
        (folder / "answer.md").write_text(source)
        planted[folder.name] = expected
    return planted
