"""Issue 38's grading attacks, and more: each one graded in the sandbox, contained, and reported in its own row."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import Any

import pytest
import sympy as sp
from markdown_it import MarkdownIt

from tests.fixtures.course import NAMES, write_course
from tests.fixtures.course_hostile import HOSTILE_NAME, MARKUP, write_hostile_course
from tests.grading.support import FAST, check_row, needs_sandbox, rows_of
from tests.support import run_cli, unwrapped
from verifier.grading import channel, codec, sandbox
from verifier.grading.statements import clean_text, decode_statement, encode_value
from verifier.language.claims import Derivative, Identity
from verifier.language.domains import Interval, Nonnegative, Real

pytestmark = [pytest.mark.xdist_group("grade"), pytest.mark.slow]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The hostile course graded once, as a TA would: JSON, CSV, feedback pages, the terminal."""
    root = tmp_path_factory.mktemp("hostile").resolve()
    planted = write_hostile_course(root)
    started = time.monotonic()
    proc = run_cli(
        "grade", str(root / "submissions"), "--against", str(root / "reference.py"), *FAST, "-q",
        "--json", str(root / "grades.json"), "--csv", str(root / "grades.csv"), "--feedback", str(root / "fb"),
    )  # fmt: skip
    return {"root": root, "planted": planted, "proc": proc, "seconds": time.monotonic() - started}


@needs_sandbox
def test_every_hostile_row_shows_what_was_planted(hostile: dict[str, Any]) -> None:
    proc, root = hostile["proc"], hostile["root"]
    assert proc.returncode == 1, proc.stdout + proc.stderr
    rows = rows_of(root / "grades.json")
    assert set(rows) == {clean_text(s) for s in hostile["planted"]}
    for student, planted in hostile["planted"].items():
        check_row(rows[clean_text(student)], planted)
    flagged = [s for s, p in hostile["planted"].items() if p.integrity]
    assert f"; {len(flagged)} with integrity notes" in unwrapped(proc.stdout)


@needs_sandbox
def test_a_claim_undefined_at_a_reference_size_is_not_a_pass(hostile: dict[str, Any]) -> None:
    """Issue 38 §1: the claim divides by zero at n = 2; PROVED at n = 1 alone earned the mark."""
    rows = rows_of(hostile["root"] / "grades.json")
    grade = next(g for g in rows["h01_zero_division"]["grades"] if g["reference"] == "gradient")
    assert grade["status"] == "ERROR" and not grade["met"]
    assert "cannot be built at n = 2, where the reference checks it" in grade["reason"]


@needs_sandbox
def test_what_a_submission_writes_cannot_widen_what_it_gets(hostile: dict[str, Any]) -> None:
    """Issue 38 §2: a document forged through /proc/self/fd, a frame injected into the extractor's pipe and a
    patched extractor (as __main__) earn nothing a plain submission would not; each is reported."""
    rows = rows_of(hostile["root"] / "grades.json")
    forged, injected, patched = rows["h02_forge_procfd"], rows["h18_frame_inject"], rows["h03_patch_main"]
    assert forged["score"] == 0 and "forged" in forged["problem"]
    assert injected["score"] == 0 and any("integrity channel" in n for n in injected["integrity"])
    assert patched["score"] == 1 and any("__main__.dims_for" in n for n in patched["integrity"])
    assert rows["h19_write_stdout"]["score"] == len(NAMES)  # its writes to stdout went to stderr, unread


@needs_sandbox
def test_an_unsigned_document_is_refused(tmp_path: Path) -> None:
    """The grader accepts only what the extractor signed with this run's key."""
    write_course(tmp_path, 1, only=("correct",))
    folder = tmp_path / "submissions" / "s001_correct"
    run = sandbox.run(folder, {"gradient": [1, 2]}, [1, 2], sandbox.Limits(wall_seconds=60), files=["ridge.py"])
    body = channel.verify(run.key, run.stdout)
    assert json.loads(body)["files"][0]["file"] == "ridge.py"
    for raw, key in ((body, run.key), (run.stdout, "another key"), (b"0" * 64 + b"\n" + body, run.key)):
        with pytest.raises(channel.Unauthenticated):
            channel.verify(key, raw)


def _markdown_html(text: str) -> str:
    """The Markdown as a permissive renderer shows it (raw HTML allowed, as many do)."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


@needs_sandbox
def test_no_student_markup_reaches_any_output(hostile: dict[str, Any]) -> None:
    """Issue 38 §3: markup in a docstring, in an exception and in a folder name, in every format."""
    root, fb = hostile["root"], hostile["root"] / "fb"
    pages = {p.name: p.read_text() for p in fb.iterdir()}
    for name, text in pages.items():
        shown = _markdown_html(text) if name.endswith(".md") else text
        assert not re.search(r"<(script|img)\b", shown), name
        assert not re.search(r"href=\"(javascript|data):", shown), name
        assert "\x1b" not in text, name
    assert "&lt;img src=x onerror=alert(2)&gt;" in pages["h04_markup.md"]  # shown, as text
    escaped = [line for line in hostile["proc"].stdout.splitlines() if "\x1b" in line]
    assert not escaped, escaped
    table = (root / "grades.csv").read_text()
    assert "<img src=x onerror=alert(9)>_[31m" in table and "\x1b" not in table  # the folder's name, printable
    gradescope = root / "gs.json"
    run_cli("grade", str(root / "submissions" / "h04_markup"), "--against", str(root / "reference.py"), *FAST,
            "-q", "--gradescope", str(gradescope))  # fmt: skip
    results = json.loads(gradescope.read_text())
    assert {t["output_format"] for t in results["tests"]} == {"text"} and results["output_format"] == "text"
    assert any(MARKUP[1] in t["output"] for t in results["tests"])  # plain text, which Gradescope escapes


@needs_sandbox
def test_a_decode_bomb_costs_only_its_claim(hostile: dict[str, Any]) -> None:
    """Issue 38 §4: `0 * Pow(3, 10**9, evaluate=False)` is refused at once; the rest of the submission graded."""
    rows = rows_of(hostile["root"] / "grades.json")
    bomb = rows["h05_decode_bomb"]
    assert bomb["score"] == len(NAMES) - 1 and bomb["seconds"] < 60
    assert hostile["seconds"] < 300


@needs_sandbox
def test_a_symbolic_link_is_skipped_and_the_rest_graded(hostile: dict[str, Any]) -> None:
    """Issue 38 §5."""
    row = rows_of(hostile["root"] / "grades.json")["h06_symlink"]
    assert row["score"] == len(NAMES) and row["files"] == ["ridge.py"]
    assert "symbolic links skipped" in row["problem"] and "link.py" in row["problem"]


@needs_sandbox
def test_no_host_path_reaches_a_student(hostile: dict[str, Any]) -> None:
    """Issue 38 §7: a LaTeX file's error named its absolute path in the page and the index."""
    root = hostile["root"]
    rows = rows_of(root / "grades.json")
    assert "notes.md:8:" in rows["h08_host_path"]["problem"]
    shown = [p.read_text() for p in (root / "fb").iterdir()] + [json.dumps(list(rows.values()))]
    shown += [(root / "grades.csv").read_text()]
    for text in shown:
        assert str(root) not in text and str(Path.home()) + "/" not in text


def _bounded(expr: sp.Basic) -> str:
    x = sp.Symbol("x")
    try:
        decode_statement(encode_value(Identity(expr, expr, where={x: Real()})))
    except codec.CodecError as err:
        return str(err)
    return ""


def test_decoding_refuses_what_it_cannot_build_quickly(monkeypatch: pytest.MonkeyPatch) -> None:
    x = sp.Symbol("x")
    started = time.monotonic()
    assert "20000 bits" in _bounded(sp.Mul(0, sp.Pow(3, 10**9, evaluate=False), evaluate=False))
    assert "20000 bits" in _bounded(sp.Pow(7, -(10**6), evaluate=False))
    assert "above 64" in _bounded(sp.Pow(sp.sqrt(2), 10**6, evaluate=False))
    assert "above 1000" in _bounded(sp.Pow(x + 1, 10**9, evaluate=False))
    assert "gamma" in _bounded(sp.gamma(sp.Integer(10**6), evaluate=False))
    assert "zeta" in _bounded(sp.zeta(sp.Integer(10**6), evaluate=False))
    assert "order above" in _bounded(sp.Derivative(sp.sin(x), (x, 10**5)))
    assert "terms" in _bounded(sp.Product(x, (x, 1, 10**7)))
    monkeypatch.setattr(codec, "MAX_NODES", 2000)  # as at 200000 (the same count), without the 4 s of building
    assert "more than 2000 expression nodes" in _bounded(sp.Add(*sp.symbols("a0:2100"), evaluate=False))
    monkeypatch.undo()
    assert time.monotonic() - started < 30
    assert _bounded(sp.Pow(3, 200, evaluate=False) * sp.Pow(x, 40) + sp.gamma(5)) == ""  # ordinary sizes pass


def test_the_sandbox_stops_sending_at_the_node_bound_the_grader_decodes_to(monkeypatch: pytest.MonkeyPatch) -> None:
    """A statement past the node bound is refused where it is encoded, in the sandbox, with the decoder's
    count. The node bomb once wrote a 9 MB document (2.3 s in the sandbox), and came out NOT GRADED in a loaded CI."""
    from verifier.grading.statements import encode_family
    from verifier.language.families import ClaimFamily
    from verifier.outcome import Expect

    def family(k: int) -> ClaimFamily:
        def builder() -> Identity:
            return Identity(sp.Add(*sp.symbols(f"a0:{k}"), evaluate=False), sp.Integer(0), where={t: Real()})

        return ClaimFamily("big", "d", "", builder, (None,), (), Expect.HOLDS, "")

    t = sp.Symbol("t")
    monkeypatch.setattr(codec, "MAX_NODES", 2000)  # the same counts as at 200000, without 8 s of building
    fits, past = codec.MAX_NODES - 3, codec.MAX_NODES - 2  # the sum's terms, its Add, the 0 and the domain's t
    sent = encode_family(family(fits), [None])["built"][0]
    assert "body" in sent and len(decode_statement(sent["body"]).lhs.args) == fits
    refused = encode_family(family(past), [None])["built"][0]
    assert refused == {"n": None, "error": "cannot be sent as data: a statement of more than 2000 expression nodes; "
                       "not sent"}  # fmt: skip
    assert "nodes; not decoded" in _bounded(sp.Add(*sp.symbols(f"a0:{past}"), evaluate=False) - sp.Integer(0))


def test_a_narrower_domain_or_assumption_is_named() -> None:
    from verifier.grading.narrower import narrower

    t = sp.Symbol("t")
    ref = Derivative(sp.sin(t), wrt=t, equals=sp.cos(t), where={t: Real()})
    point = Derivative(sp.sin(t), wrt=t, equals=sp.cos(t), where={t: Interval(0, 0)})
    half = Derivative(sp.sin(t), wrt=t, equals=sp.cos(t), where={t: Nonnegative()})
    assert "[0, 0], narrower than the reference's ℝ" in narrower(ref, point)
    assert "narrower" in narrower(ref, half) and narrower(half, ref) == "" and narrower(ref, ref) == ""
    positive = sp.Symbol("t", positive=True)
    assumed = Derivative(sp.sin(positive), wrt=positive, equals=sp.cos(positive), where={positive: Real()})
    assert "declared positive=True" in narrower(ref, assumed)


def test_markdown_text_cannot_shape_the_page() -> None:
    from verifier.render.feedback import md_text

    for text in (*MARKUP, "![x](http://e.vil/p.png)", "<a href='x'>y</a>", "`code` *em* _em_ ~~s~~ | cell"):
        html = _markdown_html(f"**Why:** {md_text(text)}")
        assert not re.search(r"<(script|img|a|em|code|del)\b", html), (text, html)
    assert md_text("hessian_psd: it is false") == "hessian_psd: it is false"


def test_host_paths_are_cut_from_what_students_see(tmp_path: Path) -> None:
    from verifier.grading.shown import host_roots, scrub

    folder = tmp_path / "course" / "submissions" / "alice"
    roots = host_roots(folder, folder.parent, str(tmp_path / "course" / "reference.py"))
    text = f"{folder}/answer.md:3:1: bad; see {tmp_path}/elsewhere/x.py and /submission/ridge.py \x1b[31m"
    assert scrub(text, roots) == "answer.md:3:1: bad; see x.py and /submission/ridge.py [31m"


def test_the_hostile_course_has_the_issues_attacks_and_ten_more() -> None:
    names = [s for s in write_hostile_course.__globals__["hostile_variants"]()]
    assert len(names) >= 8 + 10 and HOSTILE_NAME


def test_a_bidirectional_override_is_cut_from_a_students_text() -> None:
    """A folder s1_\u202eDEVORP drew the rest of its terminal row reversed: "… │ 0/1 │ REFUTED" as
    "PROVED │ 1/0 │ …" (red team 122). Every bidi formatting character is cut, as a control character is."""
    assert clean_text("s1_\u202eDEVORP\u202c \u2066a\u2069\u2067b\u2068c\u200e\u200f\u061c\u202a\u202b\u202d") == (
        "s1_DEVORP abc"
    )
    assert clean_text("x\u200dy\u00e9") == "x\u200dy\u00e9"  # a joiner is kept (it shapes scripts and emoji)


def test_a_name_that_is_not_utf8_is_shown_and_written(tmp_path: Path) -> None:
    """A folder named with bytes that are not UTF-8 (b"s1_\\xff"), or a docstring holding a lone surrogate, reached
    the JSON, CSV and feedback files as a surrogate: writing them stopped the whole course's grading with
    "internal error: UnicodeEncodeError" (red team 122). Each such character is shown as U+FFFD."""
    assert clean_text("s1_\udcff\udcfe \ud800x") == "s1_\ufffd\ufffd \ufffdx"
    assert clean_text("x\U0001d465") == "x\U0001d465"  # a character beyond the BMP is kept


@needs_sandbox
def test_a_folder_name_that_is_not_utf8_costs_nothing(tmp_path: Path) -> None:
    write_course(tmp_path, 1)
    subs = tmp_path / "submissions"
    only = next(subs.iterdir())
    bad = os.fsencode(subs) + b"/s9_\xff\xfe"
    os.rename(os.fsencode(only), bad)
    proc = run_cli("grade", str(subs), "--against", str(tmp_path / "reference.py"), *FAST, "-q",
                   "--json", str(tmp_path / "g.json"), "--csv", str(tmp_path / "g.csv"), "--feedback",
                   str(tmp_path / "fb"))  # fmt: skip
    assert "internal error" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    assert set(rows_of(tmp_path / "g.json")) == {"s9_\ufffd\ufffd"}
    assert "s9_\ufffd\ufffd" in (tmp_path / "g.csv").read_text()



RESTATED = '''"""{doc}"""
import sympy as sp
from verifier import Identity, Real, claim

t = sp.Symbol("t")


@claim()
def double_angle() -> Identity:
    """sin 2t = 2 sin t cos t."""
    return Identity(sp.sin(2 * t), {rhs}, where={{t: Real()}})


@claim(n=range(1, 3))
def square(n: int) -> Identity:
    """(t + n)² expanded."""
    return Identity((t + n) ** 2, {square}, where={{t: Real()}})
'''


@needs_sandbox
def test_a_claim_that_restates_its_question_earns_no_mark(tmp_path: Path) -> None:
    """sin 2t = sin 2t is true: under the reference's name it was PROVED and earned the mark without an answer
    (red team 122), and so did a right side that is its left side only at one of the reference's sizes. Each is
    DIFFERENT now; a reference that states lhs = lhs itself still takes it."""
    (tmp_path / "reference.py").write_text(RESTATED.format(
        doc="Reference.", rhs="2 * sp.sin(t) * sp.cos(t)", square="t**2 + 2 * n * t + n**2"))
    for student, rhs, square in [
        ("s1_restated", "sp.sin(2 * t)", "t**2 + 2 * n * t + n**2"),
        ("s2_disguised", "sp.Mul(sp.sin(2 * t), 1, evaluate=False)", "(t + n)**2 if n == 2 else t**2 + 2*t + 1"),
        ("s3_honest", "2 * sp.cos(t) * sp.sin(t)", "n**2 + 2 * n * t + t**2"),
    ]:
        (tmp_path / "submissions" / student).mkdir(parents=True)
        text = RESTATED.format(doc=student, rhs=rhs, square=square)
        (tmp_path / "submissions" / student / "m.py").write_text(text)
    proc = run_cli("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.py"), *FAST,
                   "-q", "--json", str(tmp_path / "g.json"))  # fmt: skip
    rows = rows_of(tmp_path / "g.json")
    got = {s: {g["reference"]: g["status"] for g in r["grades"]} for s, r in rows.items()}
    assert got == {
        "s1_restated": {"double_angle": "DIFFERENT", "square": "PROVED"},
        "s2_disguised": {"double_angle": "DIFFERENT", "square": "DIFFERENT"},
        "s3_honest": {"double_angle": "PROVED", "square": "PROVED"},
    }, proc.stdout + proc.stderr
    reasons = {g["reference"]: g["reason"] for g in rows["s2_disguised"]["grades"]}
    assert "its right side restates its left side" in reasons["double_angle"]
    assert "its right side restates its left side (at n = 2)" in reasons["square"]


CONVEX = '''"""Ridge: convexity."""
import sympy as sp
from verifier import Convex, Positive, Real, claim
from verifier.language.mathlib import matrix, squared_norm, vector

lam = sp.Symbol("lambda")


@claim(n=range(1, 3))
def loss_convex(n: int) -> Convex:
    """L is convex in w."""
    X, y, w = matrix("X", n), vector("y", n), vector("w", n)
    loss = squared_norm(X * w - y) + lam * squared_norm(w)
    return Convex({f}, wrt=w, where={{X: Real(), y: Real(), w: Real(), lam: Positive()}})
'''


@needs_sandbox
def test_a_convexity_claim_is_graded_and_must_be_of_the_references_function(tmp_path: Path) -> None:
    """A Convex claim could not be sent from the sandbox: every student, the honest one too, was ERROR, "uses
    Convex, a class of the submission's own" (red team 122). It is graded now, by its subject (the function and
    the variable) and its claimed result (convex or concave), as the other kinds are."""
    (tmp_path / "reference.py").write_text(CONVEX.format(f="loss"))
    for student, f in [("s0_honest", "loss"), ("s1_other", "squared_norm(w)"), ("s2_concave", "-loss, concave=True")]:
        (tmp_path / "submissions" / student).mkdir(parents=True)
        (tmp_path / "submissions" / student / "ridge.py").write_text(CONVEX.format(f=f))
    proc = run_cli("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.py"), *FAST,
                   "-q", "--json", str(tmp_path / "g.json"))  # fmt: skip
    rows = rows_of(tmp_path / "g.json")
    got = {s: [(g["status"], g["reason"]) for g in r["grades"]] for s, r in rows.items()}
    assert got["s0_honest"][0][0] == "PROVED", proc.stdout + proc.stderr
    assert got["s1_other"][0][0] == "DIFFERENT" and "its f is not the reference's" in got["s1_other"][0][1]
    assert got["s2_concave"][0][0] == "DIFFERENT", got


SQUARE_MD = "# Square\n\n```verifier\nx, y: real\n```\n\n% claim: square\n$$ (x + y)^2 = x^2 + 2 x y + y^2 $$\n"


@needs_sandbox
def test_a_chain_whose_last_line_restates_its_first_earns_no_mark(tmp_path: Path) -> None:
    """Against the chain (x + y)² = x² + 2xy + y², a student's (x + y)² = (x + y)², or (x + y)² = (x + y)(x + y),
    was PROVED and earned the mark: its end agrees with the reference's at every point (red team 122)."""
    (tmp_path / "reference.md").write_text(SQUARE_MD)
    head = SQUARE_MD[: SQUARE_MD.index("$$")]
    for student, chain in [
        ("s0_honest", SQUARE_MD[SQUARE_MD.index("$$") :]),
        ("s1_same", "$$ (x + y)^2 = (x + y)^2 $$\n"),
        ("s2_product", "$$ (x + y)^2 = (x + y)(x + y) $$\n$$ = (y + x)^2 $$\n"),
    ]:
        (tmp_path / "submissions" / student).mkdir(parents=True)
        (tmp_path / "submissions" / student / "hw.md").write_text(head + chain)
    proc = run_cli("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.md"), *FAST,
                   "-q", "--json", str(tmp_path / "g.json"))  # fmt: skip
    rows = rows_of(tmp_path / "g.json")
    got = {s: [(g["status"], g["reason"]) for g in r["grades"]] for s, r in rows.items()}
    assert got["s0_honest"][0][0] == "PROVED", proc.stdout + proc.stderr
    for student in ("s1_same", "s2_product"):
        assert got[student][0][0] == "DIFFERENT" and "its last line restates its first" in got[student][0][1], got


TAKEN = '''"""{doc}"""
import sympy as sp
from verifier import Derivative, Identity, Real, claim

t = sp.Symbol("t")
f = sp.atan(t) * sp.exp(t)


@claim()
def deriv() -> Derivative:
    """d/dt atan(t) e^t."""
    return Derivative(f, wrt=t, equals={equals}, where={{t: Real()}})


@claim()
def rule() -> Identity:
    """The product rule at atan(t) e^t."""
    return Identity(sp.Derivative(f, t), {rhs}, where={{t: Real()}})
'''


@needs_sandbox
def test_a_derivative_left_for_the_verifier_to_take_earns_no_mark(tmp_path: Path) -> None:
    """∂f/∂t stated to equal sp.Derivative(f, t), or an identity d/dt f = d/dt f: lowering takes the derivative it
    is given (a line often is one), so the verifier worked out the student's answer and it was PROVED, full marks
    (red team 122). Each is DIFFERENT now; a derivative the student works out is PROVED as before."""
    right = "sp.exp(t) * sp.atan(t) + sp.exp(t) / (1 + t**2)"
    (tmp_path / "reference.py").write_text(TAKEN.format(doc="Reference.", equals=right, rhs=right))
    for student, equals, rhs in [
        ("s0_honest", "sp.exp(t) * (sp.atan(t) + 1 / (1 + t**2))", right),
        ("s1_taken", "sp.Derivative(f, t)", "sp.Derivative(sp.exp(t) * sp.atan(t), t)"),
    ]:
        (tmp_path / "submissions" / student).mkdir(parents=True)
        text = TAKEN.format(doc=student, equals=equals, rhs=rhs)
        (tmp_path / "submissions" / student / "m.py").write_text(text)
    proc = run_cli("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.py"), *FAST,
                   "-q", "--json", str(tmp_path / "g.json"))  # fmt: skip
    rows = rows_of(tmp_path / "g.json")
    got = {s: {g["reference"]: (g["status"], g["reason"]) for g in r["grades"]} for s, r in rows.items()}
    assert {k: v[0] for k, v in got["s0_honest"].items()} == {"deriv": "PROVED", "rule": "PROVED"}, got
    assert got["s1_taken"]["deriv"][0] == "DIFFERENT", proc.stdout + proc.stderr
    assert "its claimed equals is a derivative left for the verifier to take" in got["s1_taken"]["deriv"][1]
    assert got["s1_taken"]["rule"][0] == "DIFFERENT" and "restates its left side" in got["s1_taken"]["rule"][1]


CUBE_MD = "# Cube\n\n```verifier\nt: real\n```\n\n% claim: cube\n$$ \\frac{d}{dt} t^3 = 3 t^2 $$\n"


@needs_sandbox
def test_a_chain_that_ends_in_a_derivative_earns_no_mark(tmp_path: Path) -> None:
    """Against d/dt t³ = 3t², a student's chain d/dt t³ = d/dt (t³ + t) − 1 was PROVED, full marks: the reader takes
    the derivative as it reads the line, so the verifier wrote the answer (red team 122). A derivative on the way
    is the student's work; one on the last line is not."""
    (tmp_path / "reference.md").write_text(CUBE_MD)
    head = CUBE_MD[: CUBE_MD.index("$$")]
    for student, chain in [
        ("s0_honest", "$$ \\frac{d}{dt} t^3 = \\frac{d}{dt} (t \\cdot t^2) $$\n$$ = t^2 + 2 t \\cdot t $$\n"),
        ("s1_taken", "$$ \\frac{d}{dt} t^3 = \\frac{d}{dt} (t^3 + t) - 1 $$\n"),
    ]:
        (tmp_path / "submissions" / student).mkdir(parents=True)
        (tmp_path / "submissions" / student / "hw.md").write_text(head + chain)
    proc = run_cli("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.md"), *FAST,
                   "-q", "--json", str(tmp_path / "g.json"))  # fmt: skip
    rows = rows_of(tmp_path / "g.json")
    got = {s: [(g["status"], g["reason"]) for g in r["grades"]] for s, r in rows.items()}
    assert got["s0_honest"][0][0] == "PROVED", proc.stdout + proc.stderr
    assert got["s1_taken"][0][0] == "DIFFERENT" and "a derivative left for the verifier" in got["s1_taken"][0][1], got


@needs_sandbox
def test_a_chain_that_answers_another_question_earns_no_step_credit(tmp_path: Path) -> None:
    """Under --step-credit a chain named `square` that states x = x + 0 = x, or (x + y)² = (x + y)(x + y), was
    DIFFERENT yet had "credit: 2 of 2 steps hold" (steps_met 2 in the JSON): the share of a question it does not
    answer (red team 122). A DIFFERENT chain earns no step credit; a chain with a slip keeps its share."""
    (tmp_path / "reference.md").write_text(SQUARE_MD)
    head = SQUARE_MD[: SQUARE_MD.index("$$")]
    for student, chain in [
        ("s1_other", "$$ x = x + 0 $$\n$$ = x $$\n"),
        ("s2_same", "$$ (x + y)^2 = (x + y)(x + y) $$\n$$ = (y + x)^2 $$\n"),
        ("s3_slip", "$$ (x + y)^2 = x (x + y) + y (x + y) $$\n$$ = x^2 + x y + y^2 $$\n"),
    ]:
        (tmp_path / "submissions" / student).mkdir(parents=True)
        (tmp_path / "submissions" / student / "hw.md").write_text(head + chain)
    proc = run_cli("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.md"), *FAST,
                   "-q", "--step-credit", "--json", str(tmp_path / "g.json"))  # fmt: skip
    rows = rows_of(tmp_path / "g.json")
    got = {s: [(g["status"], g["steps_met"], g["steps_total"]) for g in r["grades"]] for s, r in rows.items()}
    assert got["s1_other"] == [("DIFFERENT", 0, 0)] and got["s2_same"] == [("DIFFERENT", 0, 0)], proc.stdout + str(got)
    assert got["s3_slip"] == [("REFUTED", 1, 2)], got
