"""`verifier grade`: a generated course graded end to end in the sandbox, each row checked against what was planted."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from tests.fixtures.course import ATTACKS, NAMES, SNEAKY_ATTACKS, write_course, write_latex_course
from tests.grading.support import FAST, check_row, needs_sandbox, rows_of
from tests.support import ROOT, run_cli, unwrapped
from verifier.grading.sandbox import Limits

# one worker runs this module: its module-scoped fixture is costly
pytestmark = [pytest.mark.xdist_group("grade"), pytest.mark.slow]


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """24 Python students (every variant once, the first few twice) graded in the sandbox; with the LaTeX
    students of test_latex_chains_are_graded_as_data, a course of about 30."""
    root = tmp_path_factory.mktemp("course")
    planted = write_course(root, 24)
    proc = run_cli(
        "grade", str(root / "submissions"), "--against", str(root / "reference.py"), *FAST,
        "--json", str(root / "grades.json"), "--csv", str(root / "grades.csv"),
    )  # fmt: skip
    return {"root": root, "planted": planted, "proc": proc}


@needs_sandbox
def test_every_row_shows_what_was_planted(course: dict[str, Any]) -> None:
    proc, root = course["proc"], course["root"]
    assert proc.returncode == 1, proc.stdout + proc.stderr  # some students lost marks
    rows = rows_of(root / "grades.json")
    assert set(rows) == set(course["planted"])
    for student, planted in course["planted"].items():
        check_row(rows[student], planted)
    assert "bubblewrap sandbox" in proc.stdout
    hang = next(line for line in unwrapped(proc.stdout).splitlines() if line.startswith("s010_hang: NOT GRADED — "))
    cpu = f"your module did not finish importing within {Limits().import_cpu:g} CPU s"  # the default limit
    assert cpu in hang or "did not finish within 30 s" in hang, hang


@needs_sandbox
def test_the_terminal_output_fits_80_columns(course: dict[str, Any]) -> None:
    """Piped, the grader writes 80 columns: the table narrows, and each line under it wraps between words, its
    later lines indented (they were one line each, up to 210 columns: a TA's terminal broke them anywhere). The
    paths of the files written print whole, to copy."""
    lines = course["proc"].stdout.splitlines()
    prose = [line for line in lines if not line.startswith("wrote ")]  # paths print whole, to copy
    assert max(cell_len(line) for line in prose) <= 80, max(prose, key=cell_len)
    assert any(line.startswith("    ") for line in lines)  # some line was wrapped
    said = [line for line in unwrapped(course["proc"].stdout).splitlines() if not line.startswith("wrote ")]
    assert "claims graded in" in said[-1]  # the summary, last


@needs_sandbox
def test_the_csv_has_one_row_per_student(course: dict[str, Any]) -> None:
    with open(course["root"] / "grades.csv", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [r["student"] for r in table] == sorted(course["planted"])
    correct = next(r for r in table if r["student"] == "s001_correct")
    assert correct["score"] == str(len(NAMES)) and correct["gradient"] == "PROVED"


@needs_sandbox
def test_escapes_are_blocked_and_leave_no_trace(course: dict[str, Any]) -> None:
    root = course["root"]
    rows = rows_of(root / "grades.json")
    attacked = [s for s, p in course["planted"].items() if p.variant in ATTACKS]
    assert {course["planted"][s].variant for s in attacked} == set(ATTACKS)
    assert all(rows[s]["score"] == 0 and rows[s]["how_run"] == "sandbox" for s in attacked)
    secret = (root / "ta_private" / "answers.txt").read_text().strip()
    everything = (
        (root / "grades.json").read_text() + (root / "grades.csv").read_text() + unwrapped(course["proc"].stdout)
    )
    assert secret not in everything
    assert sorted(p.name for p in (root / "submissions" / "s001_correct").iterdir()) == ["ridge.py"]
    assert sorted(p.name for p in root.iterdir() if p.name != "__pycache__") == [
        "grades.csv",
        "grades.json",
        "reference.py",
        "submissions",
        "ta_private",
    ]
    forged = next(s for s in attacked if course["planted"][s].variant == "forged_output")
    assert "forged" in rows[forged]["problem"] and rows["s001_correct"]["score"] == len(NAMES)


@needs_sandbox
def test_attacks_are_reported_in_theirrows_of(course: dict[str, Any]) -> None:
    """What the sandbox refused is an integrity note in the student's row (the table, the -q lines, the JSON),
    even when the submission caught the error and earned every mark; the summary counts those rows."""
    rows, out = rows_of(course["root"] / "grades.json"), unwrapped(course["proc"].stdout)
    flagged = [s for s, p in course["planted"].items() if p.integrity]
    assert {course["planted"][s].variant for s in flagged} == {*ATTACKS, *SNEAKY_ATTACKS}
    for student in flagged:
        assert rows[student]["integrity"] and f"{student}: integrity: " in out, student
    sneaky = [s for s in flagged if course["planted"][s].variant in SNEAKY_ATTACKS]
    assert all(rows[s]["score"] == len(NAMES) for s in sneaky)
    full = sum(r["score"] == r["total"] and not r["problem"] and not r["integrity"] for r in rows.values())
    assert f"{len(rows)} students: {full} with full marks" in out
    assert f"; {len(flagged)} with integrity notes" in out


def test_latex_chains_are_graded_as_data(tmp_path: Path) -> None:
    planted = write_latex_course(tmp_path / "subs", 3)
    reference = ROOT / "derivations" / "softmax_ce_gradient.md"
    proc = run_cli(
        "grade", str(tmp_path / "subs"), "--against", str(reference), *FAST, "--json", str(tmp_path / "g.json")
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    rows = rows_of(tmp_path / "g.json")
    for student, p in planted.items():
        check_row(rows[student], p)
    wrong = next(r for s, r in rows.items() if planted[s].variant == "latex_wrong_step")
    assert wrong["grades"][0]["first_wrong_step"] == 2
    assert "REFUTED (step 2)" in unwrapped(proc.stdout)


@needs_sandbox
def test_a_renamed_claim_is_missing_unless_matched_by_statement(tmp_path: Path) -> None:
    """Strict names by default, with a "did you mean"; the lenient rule grades the renamed claim, and every
    output mode (-q included) says it was renamed."""
    planted = write_course(tmp_path, 2, only=("renamed", "renamed_wrong"))
    args = ("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.py"), *FAST, "-q")
    strict = run_cli(*args, "--json", str(tmp_path / "strict.json"))
    assert strict.returncode == 1, strict.stdout + strict.stderr
    assert "s001_renamed.gradient: MISSING — missing; did you mean grad_w? (it states the same thing)" in unwrapped(
        strict.stdout
    )
    lenient = run_cli(*args, "--match-by-statement", "--json", str(tmp_path / "lenient.json"))
    assert "s001_renamed.gradient: PROVED as grad_w (answered by its statement" in unwrapped(lenient.stdout)
    assert "s002_renamed_wrong.gradient: REFUTED as my_gradient" in unwrapped(lenient.stdout)
    for kind, lenient_rule in (("strict", False), ("lenient", True)):
        rows = rows_of(tmp_path / f"{kind}.json")
        for student, p in planted.items():
            check_row(rows[student], p, lenient_rule)
            assert "grad" not in " ".join(rows[student]["extra"]), rows[student]["extra"]


def test_without_a_sandbox_python_is_refused_unless_trusted(tmp_path: Path) -> None:
    planted = write_course(tmp_path, 2, only=("correct", "wrong_gradient"))
    args = ("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.py"), *FAST)
    env = {"VERIFIER_NO_SANDBOX": "1"}
    refused = run_cli(*args, "--json", str(tmp_path / "refused.json"), env=env)
    assert refused.returncode == 5, refused.stdout + refused.stderr
    for row in rows_of(tmp_path / "refused.json").values():
        assert {g["status"] for g in row["grades"]} == {"NOT GRADED"}
        assert "bubblewrap" in row["problem"] and "--trust-submissions" in row["problem"]
    trusted = run_cli(*args, "--trust-submissions", "--json", str(tmp_path / "trusted.json"), env=env)
    assert trusted.returncode == 1, trusted.stdout + trusted.stderr
    assert "trusted (--trust-submissions)" in unwrapped(trusted.stdout)
    for student, row in rows_of(tmp_path / "trusted.json").items():
        check_row(row, planted[student])


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = run_cli("grade", str(tmp_path / "nowhere"), "--against", str(ROOT / "derivations" / "softmax.py"))
    assert missing.returncode == 2 and "no such submissions folder" in missing.stdout


@pytest.mark.parametrize("width", [240, 120, 80])
def test_the_header_never_breaks_a_claim_name_mid_word(width: int) -> None:
    from rich.console import Console

    from verifier.grading.report import ClaimGrade, GradeReport, StudentRow
    from verifier.outcome import Status
    from verifier.render import grades

    names = ["softmax_jacobian", "logistic_gradient", "logistic_hessian", "hessian_psd", "sigmoid_derivative", "ce"]
    row = StudentRow("s001", grades=[ClaimGrade(n, Status.PROVED, n) for n in names], extra=["note " * 30])
    report = GradeReport("ref.py", names, [row], 1.0, "sandbox")
    console = Console(width=width, record=True, no_color=True)
    grades.render(console, report)
    text = console.export_text()
    words = {w for line in text.splitlines() for w in line.replace("┃", " ").split()}
    legend = "claims: #1 softmax_jacobian" in text
    for name in names:  # each whole, or broken only after its underscores, or numbered in the legend
        assert name in words or set(name.replace("_", "_ ").split()) <= words or legend, (name, text)
    assert max(len(line) for line in text.splitlines() if line[:1] in "┏┃┡│└") <= width
    assert width < 120 or not legend


@needs_sandbox
def test_feedback_pages_and_the_course_summary(tmp_path: Path) -> None:
    write_course(tmp_path, 3, only=("correct", "wrong_gradient", "false_psd"))
    out = tmp_path / "feedback"
    proc = run_cli(
        "grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.py"), *FAST, "-q",
        "--feedback", str(out),
    )  # fmt: skip
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{stem}{suffix}" for stem in ("index", "s001_correct", "s002_wrong_gradient", "s003_false_psd")
        for suffix in (".md", ".html")
    )  # fmt: skip
    wrong = (out / "s002_wrong_gradient.md").read_text()
    assert "## gradient: REFUTED (not met)" in wrong and "∇L = 2Xᵀ(Xw − y) + 2λw." in wrong
    assert "**Counterexample** (at the reference's size):" in wrong and "counterexample (n = 1, at X = " in wrong
    assert "it is false: REFUTED" in (out / "s003_false_psd.md").read_text()
    index = (out / "index.md").read_text()
    assert "| gradient | 2/3 | 67% | PROVED 2, REFUTED 1 |" in index
    assert "| hessian_psd | DIFFERENT | 1 |" in index and "[s001_correct.md](s001_correct.md)" in index
    page = (out / "s002_wrong_gradient.html").read_text()
    assert "∇L = 2Xᵀ(Xw − y) + 2λw." in page and "<math" in page  # as written, and as checked (typeset)
    assert "Counterexample</b> at n = 1 (the reference's size)" in page and "<td><code>lambda</code></td>" in page
    summary = (out / "index.html").read_text()
    assert "<td>gradient</td><td>2/3</td>" in summary and '<a href="s003_false_psd.html">s003_false_psd</a>' in summary


def test_a_chains_feedback_names_its_first_wrong_step(tmp_path: Path) -> None:
    planted = write_latex_course(tmp_path / "subs", 2)
    reference = ROOT / "derivations" / "softmax_ce_gradient.md"
    out = tmp_path / "fb"
    proc = run_cli("grade", str(tmp_path / "subs"), "--against", str(reference), *FAST, "-q", "--feedback", str(out))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    wrong = next(s for s, p in planted.items() if p.variant == "latex_wrong_step")
    page = (out / f"{wrong}.md").read_text()
    assert "**First wrong step** (step 2):" in page and "## gradient: REFUTED (not met)" in page
    html = (out / f"{wrong}.html").read_text()
    row = html[html.index('<tr class="wrong">') :].split("</tr>")[0]
    assert "<td>2</td>" in row and "first wrong step" in row and "<math" in row  # the student's line, typeset


GRADESCOPE_SCHEMA = ROOT / "tests" / "schemas" / "gradescope_results.schema.json"  # from Gradescope's documented fields


def _validate_gradescope(doc: dict[str, Any]) -> None:
    """Validate results.json against the JSON Schema, and each test's score against its maximum."""
    import jsonschema

    jsonschema.validate(doc, json.loads(GRADESCOPE_SCHEMA.read_text()))
    for test in doc["tests"]:
        assert test["score"] <= test["max_score"] or test["max_score"] == 0, test


@needs_sandbox
def test_gradescope_results_for_one_submission(tmp_path: Path) -> None:
    """Grade one submission the way run_autograder would: /autograder/submission is the student's folder."""
    write_course(tmp_path, 2, only=("wrong_gradient", "sneaky"))
    reference = tmp_path / "reference.py"
    old, new = "@claim(n=range(1, 3))\ndef hessian(", "@claim(n=range(1, 3), points=2)\ndef hessian("
    reference.write_text(reference.read_text().replace(old, new))
    results = {}
    for student in ("s001_wrong_gradient", "s002_sneaky"):
        path = tmp_path / f"{student}.json"
        submission = tmp_path / "submissions" / student
        proc = run_cli("grade", str(submission), "--against", str(reference), *FAST, "-q", "--gradescope", str(path))
        assert path.exists(), proc.stdout + proc.stderr
        results[student] = json.loads(path.read_text())
        _validate_gradescope(results[student])
    wrong = {t["name"]: t for t in results["s001_wrong_gradient"]["tests"]}
    assert list(wrong) == list(NAMES) and wrong["hessian"]["max_score"] == 2 and wrong["hessian"]["score"] == 2
    assert wrong["gradient"]["score"] == 0 and wrong["gradient"]["output"].startswith("REFUTED: counterexample")
    assert results["s001_wrong_gradient"]["score"] == 4  # 5 points, the gradient's 1 lost
    sneaky = {t["name"]: t for t in results["s002_sneaky"]["tests"]}
    assert results["s002_sneaky"]["score"] == 5  # the grade follows the course's rule; the staff sees the note
    assert sneaky["integrity"]["visibility"] == "hidden" and "tried to connect" in sneaky["integrity"]["output"]
