"""Every code block of the README and docs/ runs as the text around it says, and the pages hold together.

A page's blocks run in order in a folder of their own. An HTML comment right before a block says what
to do with it, where running it as it stands would not do:

- `<!-- file: PATH -->`: save the block as PATH (the text says "save this as PATH"); a shell file is
  only checked for syntax (`bash -n`);
- `<!-- setup: NAME -->`: prepare the folder first (`SETUPS`: e.g. a generated course to grade);
- `<!-- exit: 1,5 -->`: the exit statuses the block's commands may end with (default 0);
- `<!-- not run: REASON -->`: an exemption, listed in `EXEMPT` below.

A ```python block without `file:` runs as a script; a ```bash block runs in bash, and a ```console
block's `$ ` lines too, with `verifier` and `python3` on the PATH meaning this checkout's. Lines that
`pip install` are left out (the set-up they describe is this environment's). Each `verifier verify-all`
or `check` also writes its --json report, so the checks below can read what a page's commands decided.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.course import write_course
from tests.support import CACHE_HOME, ROOT
from verifier.load import loader

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
RUN = {"python", "bash", "console"}
FENCE = re.compile(r"^(`{3,})([\w-]*)\s*$")
DIRECTIVE = re.compile(r"^<!-- (file|setup|exit|not run): (.+?) -->$")
SETUPS: dict[str, Callable[[Path], object]] = {
    "course": lambda folder: write_course(folder, 2, only=("correct", "wrong_gradient")),
}
# the blocks that are not run, by page and reason: keep this short; each one is a block no test runs
EXEMPT = {
    (
        "docs/how-to/ci-pytest-notebooks.md",
        "needs the [dask] extra and starts a cluster of worker processes (tests/e2e/test_dask.py runs both)",
    ),
}
SHIM = """\
import json, os, subprocess, sys
runs = os.environ["DOCS_RUNS"]
args = sys.argv[1:]
n = sum(name.endswith(".run") for name in os.listdir(runs))
report = None
if args and args[0] in ("verify-all", "check"):
    if "--json" in args:
        report = os.path.abspath(args[args.index("--json") + 1])
    else:
        report = os.path.join(runs, f"{n}.json")
        args = [*args, "--json", report]
rc = subprocess.call([sys.executable, "-m", "verifier", *args])
with open(os.path.join(runs, f"{n}.run"), "w") as f:
    json.dump({"argv": sys.argv[1:], "rc": rc, "report": report}, f)
sys.exit(rc)
"""


@dataclass(frozen=True)
class Block:
    page: str  # relative to the repository
    line: int  # of the opening fence
    lang: str
    text: str
    said: dict[str, str] = field(default_factory=dict)  # the directives right before it


def blocks(path: Path, root: Path = ROOT) -> list[Block]:
    """The fenced blocks of a page, with the directives right before each (a longer fence may hold shorter)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    found, said, i = [], {}, 0
    while i < len(lines):
        directive, fence = DIRECTIVE.match(lines[i].strip()), FENCE.match(lines[i])
        if directive:
            said[directive.group(1)] = directive.group(2)
        elif fence:
            ticks, end = fence.group(1), i + 1
            while end < len(lines) and not (lines[end].strip() == "`" * len(lines[end].strip()) >= ticks):
                end += 1
            text = "\n".join(lines[i + 1 : end]) + "\n"
            found.append(Block(str(path.relative_to(root)), i + 1, fence.group(2), text, said))
            said, i = {}, end
        elif lines[i].strip():
            said = {}
        i += 1
    return found


@dataclass
class Ran:
    """What a page's blocks did: its folder, and each `verifier` command with its exit status and report."""

    folder: Path
    commands: list[dict[str, Any]] = field(default_factory=list)

    def report(self, *argv: str) -> dict[str, Any]:
        """The --json report of the command that was run as `verifier ARGV` (the last one, if several)."""
        (command,) = [c for c in self.commands if c["argv"] == list(argv)][-1:]
        return json.loads(Path(command["report"]).read_text())

    def statuses(self, *argv: str) -> dict[str, str]:
        return {c["name"]: c["status"] for c in self.report(*argv)["claims"]}


def _environment(folder: Path) -> dict[str, str]:
    bin_dir, runs = folder / ".bin", folder / ".runs"
    bin_dir.mkdir()
    runs.mkdir()
    (bin_dir / "verifier").write_text(f"#!{sys.executable}\n{SHIM}")
    (bin_dir / "verifier").chmod(0o755)
    (bin_dir / "python3").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')  # this environment's Python
    (bin_dir / "python3").chmod(0o755)
    return {
        "NO_COLOR": "1",
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
        "XDG_CACHE_HOME": CACHE_HOME,
        "PYTHONHASHSEED": "0",
        "DOCS_RUNS": str(runs),
        "HOME": os.environ.get("HOME", str(folder)),
    }


def _script(block: Block) -> str:
    """The shell commands of a bash or console block, without the lines that install packages."""
    lines = block.text.splitlines()
    if block.lang == "console":
        lines = [line[2:] for line in lines if line.startswith("$ ")]
    return "\n".join(line for line in lines if "pip install" not in line)


def _run_block(block: Block, folder: Path, env: dict[str, str]) -> None:
    where = f"{block.page}:{block.line}"
    if "setup" in block.said:
        SETUPS[block.said["setup"]](folder)
    if "file" in block.said:
        path = folder / block.said["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(block.text)
        if block.lang == "bash":
            done = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
            assert done.returncode == 0, f"{where}: {done.stderr}"
        return
    if block.lang not in RUN or "not run" in block.said:
        return
    if block.lang == "python":
        command = [sys.executable, "-c", block.text]
    elif not (script := _script(block)).strip():
        return
    else:
        command = ["bash", "-c", script]
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, timeout=900)
    allowed = {int(code) for code in block.said.get("exit", "0").split(",")}
    assert done.returncode in allowed, f"{where}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"


def run_page(page: Path, folder: Path) -> Ran:
    env = _environment(folder)
    for block in blocks(page):
        _run_block(block, folder, env)
    runs = sorted((folder / ".runs").glob("*.run"), key=lambda p: int(p.stem))
    return Ran(folder, [json.loads(p.read_text()) for p in runs])


# what a page's commands must have decided, beyond running as the page says ---------------------------------


def _readme(ran: Ran) -> None:
    assert ran.statuses("check", "my_derivations/sigmoid.py") == {"derivative": "PROVED", "slip": "REFUTED"}


def _tutorial(ran: Ran) -> None:
    ridge = ran.statuses("verify-all", "my_derivations/")
    assert ridge == {"gradient": "PROVED", "gradient_without_two": "REFUTED", "hessian_psd": "PROVED"}
    (chain,) = ran.report("check", "my_derivations/chain.py")["claims"]
    assert chain["status"] == "PROVED" and [s["status"] for s in chain["steps"]] == ["PROVED"] * 3
    assert ran.statuses("check", "notes/softmax_grad.md") == {"gradient": "PROVED", "student": "REFUTED"}


def _ci(ran: Ran) -> None:
    assert json.loads((ran.folder / "reports" / "baseline.json").read_text())
    assert [c["argv"][0] for c in ran.commands] == ["verify-all", "verify-all", "verify-all", "verify-all", "merge"]


def _grading(ran: Ran) -> None:
    assert (ran.folder / "grades.json").is_file() or ran.commands[-1]["rc"] == 5  # 5: no sandbox here


def _table_fields(page: str, heading: str) -> tuple[set[str], set[str]]:
    """The fields a table of the schema page names under `## heading`: (all, those marked optional)."""
    section = page.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    names, optional = set(), set()
    for row in re.findall(r"^\| (`.*?) \| (.*) \|$", section, re.M):
        fields = set(re.findall(r"`(\w+)`", row[0]))
        names |= fields
        optional |= fields if row[1].startswith("(optional)") else set()
    return names, optional


def _schema(ran: Ran) -> None:
    page = (ROOT / "docs" / "reference" / "json-schema.md").read_text(encoding="utf-8")
    report = json.loads((ran.folder / "report.json").read_text())
    claims = report["claims"]
    seen: dict[str, list[dict[str, Any]]] = {
        "The run": [report],
        "A claim": claims,
        "Evidence": [c["evidence"] for c in claims],
        "A proof": [p for c in claims for p in c["evidence"]["proofs"]],
        "A numeric check": [e for c in claims for e in c["evidence"]["numeric"]],
        "A counterexample": [c["evidence"]["counterexample"] for c in claims if c["evidence"]["counterexample"]],
        "A step of a chain": [s for c in claims for s in c["steps"]],
    }
    assert report["schema_version"] == 1
    for heading, objects in seen.items():
        documented, optional = _table_fields(page, heading)
        assert objects, f"the example report has no {heading.lower()}"
        for obj in objects:
            assert set(obj) <= documented, f"{heading}: not documented: {sorted(set(obj) - documented)}"
            assert documented - optional <= set(obj), f"{heading}: not in the report: {documented - set(obj)}"


CHECKS: dict[str, Callable[[Ran], None]] = {
    "README.md": _readme,
    "docs/tutorial.md": _tutorial,
    "docs/how-to/ci-pytest-notebooks.md": _ci,
    "docs/how-to/grading.md": _grading,
    "docs/reference/json-schema.md": _schema,
}
SLOW_PAGES = {"docs/tutorial.md", "docs/how-to/ci-pytest-notebooks.md", "docs/how-to/grading.md"}


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(
            p, id=str(p.relative_to(ROOT)), marks=[pytest.mark.slow] * (str(p.relative_to(ROOT)) in SLOW_PAGES)
        )
        for p in PAGES
    ],
)
def test_every_block_of_the_page_runs_as_it_says(page: Path, tmp_path: Path) -> None:
    ran = run_page(page, tmp_path)
    check = CHECKS.get(str(page.relative_to(ROOT)))
    if check is not None:
        check(ran)


def test_every_block_is_run_or_exempt_and_the_exemptions_are_these() -> None:
    every = [b for p in PAGES for b in blocks(p)]
    exempt = {(b.page, b.said["not run"]) for b in every if "not run" in b.said}
    assert exempt == EXEMPT, f"blocks not run: {sorted(exempt)}"
    run = [b for b in every if b.lang in RUN and "not run" not in b.said]
    assert len(run) >= 15, f"only {len(run)} blocks run: are the fences still found?"
    assert {b.said["setup"] for b in every if "setup" in b.said} <= set(SETUPS)
    assert all(re.fullmatch(r"\d+(,\d+)*", b.said.get("exit", "0")) for b in every)


def test_the_parser_sees_a_longer_fence_around_a_shorter_and_the_directives_before_it(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        textwrap.dedent(
            """\
            <!-- file: notes/a.md -->
            ````markdown
            ```verifier
            x: real
            ```
            ````

            <!-- not run: a reason -->
            words
            ```bash
            verifier list
            ```
            """
        )
    )
    found = [(b.lang, b.said, b.text) for b in blocks(page, tmp_path)]
    assert found == [
        ("markdown", {"file": "notes/a.md"}, "```verifier\nx: real\n```\n"),
        ("bash", {}, "verifier list\n"),  # a directive holds only right before its block
    ]


def test_the_readme_is_short_and_keeps_the_set_up_commands_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150
    bash = [b.text.strip() for b in blocks(ROOT / "README.md") if b.lang == "bash"]
    assert bash[:2] == [
        "python3 -m pip install . && verifier verify-all",
        'python3 -m pip install ".[test]" && python3 -m pytest',
    ]
    install, test = bash[1].split(" && ")
    ci = [line for line in (ROOT / ".ci" / "run").read_text().splitlines() if line.startswith(install)]
    # CI runs the README's test command, its two steps in order; between them it only starts the lint beside the
    # tests (`lint`: at a low priority, its exit code checked after the tests)
    assert ci == [f"{install} && lint && {test}"]


def _anchors(page: Path) -> set[str]:
    """The anchors of a page's headings, as GitHub makes them."""
    headings = re.findall(r"^#+ (.+)$", page.read_text(encoding="utf-8"), re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def test_every_page_is_linked_from_the_index_and_every_link_leads_to_a_page() -> None:
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    for page in PAGES:
        name = str(page.relative_to(ROOT / "docs")) if page.parent != ROOT else None
        assert name is None or name == "index.md" or f"]({name})" in index, f"docs/index.md does not link {name}"
        text = page.read_text(encoding="utf-8")
        for target, anchor in re.findall(r"\]\(([^)#:\s]*)(?:#([^)]*))?\)", text):
            path = page.parent / target if target else page
            assert path.exists(), f"{page.relative_to(ROOT)}: a link to {target}, which is not there"
            assert not anchor or anchor in _anchors(path), f"{page.relative_to(ROOT)}: no heading #{anchor} in {target}"


def test_the_default_install_verifies_the_whole_library() -> None:
    """lark and clarabel are core dependencies (the extras stay as aliases), and the docs say so."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    core = {re.split(r"[<>=\[ ]", dep)[0] for dep in project["dependencies"]}
    assert {"lark", "clarabel"} <= core
    assert {"latex", "sos"} <= set(project["optional-dependencies"])
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        assert 'need pip install ".[latex]"' not in text and 'install ".[sos]"' not in text, page
    library = [str(ROOT / "derivations")]
    assert loader.skipped_latex(library) == []
    assert {p.suffix for p in loader.discover(library)} == {".py", ".md", ".tex"}
