"""The package's shape: an acyclic import graph, and modules and functions of a readable size."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "verifier"
BENCHMARKS = PACKAGE.parent / "benchmarks"
MAX_LINES = 400  # the house style (STYLE.md)
MAX_FUNCTION_LINES = 60
# argparse tables (a subcommand's options, one add_argument after another) may run longer: each one by
# its module.function here. None needs to today; an entry that no longer does is an error too.
PARSER_TABLES: frozenset[str] = frozenset()


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The module `name` refers to, or its nearest enclosing package inside verifier/."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Every verifier module that `name` imports, at top level or inside functions."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from pkg import sub` imports the submodule pkg.sub when there is one
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        else:
            continue
        found |= {m for t in targets if (m := _resolve(t, modules)) is not None and m != name}
    return found


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as a path that returns to its start, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)) is not None:
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)) is not None:
            return found
    return None


def test_import_graph_is_acyclic() -> None:
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    cycle = _cycle(graph)
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_the_graph_sees_imports_inside_functions() -> None:
    modules = _modules()
    assert "verifier.engine" in _imports("verifier.render.notebook", modules["verifier.render.notebook"], modules)
    assert _cycle({"a": {"b"}, "b": {"a"}}) == ["a", "b", "a"]


# The layers, by folder. What PROVED rests on is verifier.trusted, and what it reads claims through is
# verifier.language: neither may import a strategy, a numeric check, the engine or a renderer.
TRUSTED = "verifier.trusted"
LANGUAGE = "verifier.language"
# verifier.moved: the root package's old import paths (a release of DeprecationWarnings), part of `import verifier`
TOP_LEVEL = {"verifier", "verifier.__main__", "verifier.api", "verifier.outcome", "verifier.moved"}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _inside(name: str, *packages: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def _escapes(graph: dict[str, set[str]], layer: str, allowed: tuple[str, ...]) -> list[str]:
    """Every import from a module of `layer` to a module outside `allowed`, as 'importer → imported'."""
    return sorted(
        f"{name} → {dep}"
        for name, deps in graph.items()
        if _inside(name, layer)
        for dep in deps
        if not _inside(dep, *allowed)
    )


def test_the_trusted_base_imports_only_itself_and_the_language() -> None:
    escapes = _escapes(_graph(), TRUSTED, (TRUSTED, LANGUAGE))
    assert not escapes, "the trusted base imports outside itself: " + ", ".join(escapes)


def test_the_language_imports_only_itself() -> None:
    escapes = _escapes(_graph(), LANGUAGE, (LANGUAGE,))
    assert not escapes, "the language layer imports outside itself: " + ", ".join(escapes)


# A front end reads an author's text (LaTeX today) into claim families: into the language, with the trusted
# base's statement helpers; it never runs, decides or phrases a claim (no engine, run, strategy or renderer).
FRONTENDS = "verifier.frontends"
FRONTENDS_MAY_IMPORT = (FRONTENDS, LANGUAGE, TRUSTED)


def test_a_front_end_imports_only_itself_the_language_and_the_trusted_base() -> None:
    escapes = _escapes(_graph(), FRONTENDS, FRONTENDS_MAY_IMPORT)
    assert not escapes, "a front end imports outside its layer: " + ", ".join(escapes)


def test_the_front_end_rule_sees_an_import_of_the_engine() -> None:
    graph = {"verifier.frontends.latex.family": {"verifier.language.families", "verifier.engine.verify"}}
    assert _escapes(graph, FRONTENDS, FRONTENDS_MAY_IMPORT) == [
        "verifier.frontends.latex.family → verifier.engine.verify"
    ]
    assert any(_inside(name, FRONTENDS) for name in _modules()), "no module in verifier/frontends/"


# What decides a verdict stores data; only the layers above phrase it for a reader (issue 39). Grading is
# below the renderers too: it makes grades as data (a counterexample as a Counterexample), which
# render/grades.py, feedback*.py and gradescope.py word; the renderers import grading, never the reverse.
BELOW_THE_RENDERERS = (
    "verifier.engine",
    "verifier.strategies",
    TRUSTED,
    "verifier.numeric",
    LANGUAGE,
    "verifier.grading",
)


def _renderer_imports(graph: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{name} → {dep}"
        for name, deps in graph.items()
        if _inside(name, *BELOW_THE_RENDERERS)
        for dep in deps
        if _inside(dep, "verifier.render")
    )


def test_nothing_that_decides_a_verdict_imports_a_renderer() -> None:
    escapes = _renderer_imports(_graph())
    assert not escapes, "a layer below the renderers imports one: " + ", ".join(escapes)


def test_the_renderer_rule_sees_an_engine_import_of_a_renderer() -> None:
    graph = {"verifier.engine.verify": {"verifier.render.text", "verifier.trusted.kernel"}}
    assert _renderer_imports(graph) == ["verifier.engine.verify → verifier.render.text"]


# The runner runs claims and writes files (verifier/run/files.py); the CLI above it renders. One exception: the
# zygote, a process that starts as the CLI does, imports the CLI's renderers so that its forks hold what the
# CLI's process holds (the same work, whichever process verifies a claim).
RUN_RENDERS_ONLY_TO_WARM = {"verifier.run.zygote"}


def test_the_runner_imports_no_renderer_but_to_warm_a_zygote() -> None:
    graph = _graph()
    escapes = sorted(
        f"{name} → {dep}"
        for name, deps in graph.items()
        if _inside(name, "verifier.run") and name not in RUN_RENDERS_ONLY_TO_WARM
        for dep in deps
        if _inside(dep, "verifier.render")
    )
    assert not escapes, "the run layer imports a renderer: " + ", ".join(escapes)
    assert any(_inside(name, "verifier.run") for name in graph)


# Every door (the runner, grading, the page, api.py, the pytest plugin) hands its claims to one session
# (verifier/run/session.py): only the session runs the engine on a claim source (`verify_source`, the task it
# gives an executor), and a worker's failure becomes a claim's result only through a source's `failed`.
SESSION = "verifier.run.session"
DOORS = ("verifier.run", "verifier.grading", "verifier.serve", "verifier.api", "verifier.cli")


def _called(node: ast.AST) -> str:
    return getattr(node, "id", getattr(node, "attr", ""))


def _session_bypasses(modules: dict[str, str]) -> list[str]:
    """Each use, outside the session, of the worker's function or of the engine's entry point by a door, and
    each failure made a result outside a source's `failed`: module:line what (module → its source)."""
    found = []
    for name, text in modules.items():
        if name == SESSION or not _inside(name, *DOORS):
            continue
        tree = ast.parse(text)
        for node in ast.walk(tree):
            if isinstance(node, ast.Name | ast.Attribute) and _called(node) in ("verify_source", "verify_family"):
                found.append(f"{name}:{node.lineno} {_called(node)}")
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef) and fn.name != "failed":
                calls = [n for n in ast.walk(fn) if isinstance(n, ast.Call) and _called(n.func) == "failure_result"]
                found += [f"{name}:{n.lineno} failure_result in {fn.name}" for n in calls]
    return sorted(set(found))


def test_every_door_verifies_through_the_session() -> None:
    modules = {name: path.read_text(encoding="utf-8") for name, path in _modules().items()}
    bypasses = _session_bypasses(modules)
    assert not bypasses, "a door verifies claims besides the session: " + ", ".join(bypasses)


def test_the_session_rule_sees_a_door_that_builds_its_own_task() -> None:
    grading = (
        "def tasks(sources):\n"
        "    return [pool.Task(s.key, session.verify_source, (s, settings)) for s in sources]\n"
        "def done(task, value):\n"
        "    return session.failure_result(value, '', '', '', '')\n"
        "class Submitted:\n"
        "    def failed(self, failure, seconds):\n"
        "        return session.failure_result(failure, '', '', '', '')\n"
    )
    page = "def verify_chain(family, settings):\n    return engine.verify_family(family, settings)\n"
    modules = {"verifier.grading.grade": grading, "verifier.serve.checker": page, SESSION: "verify_source(s)\n"}
    assert _session_bypasses(modules) == [
        "verifier.grading.grade:2 verify_source",
        "verifier.grading.grade:4 failure_result in done",
        "verifier.serve.checker:2 verify_family",
    ]


def test_the_closure_check_sees_an_import_out_of_the_base() -> None:
    graph = {"verifier.trusted.kernel": {"verifier.language.claims", "verifier.strategies.ladder"}}
    assert _escapes(graph, TRUSTED, (TRUSTED, LANGUAGE)) == ["verifier.trusted.kernel → verifier.strategies.ladder"]


def test_every_module_sits_in_a_layer_folder() -> None:
    loose = sorted(name for name in _modules() if name.count(".") < 2 and name not in TOP_LEVEL)
    loose = [name for name in loose if not (PACKAGE / name.removeprefix("verifier.")).is_dir()]
    assert not loose, "modules outside a layer folder: " + ", ".join(loose)


def _trusted_lines() -> int:
    return sum(len(p.read_text(encoding="utf-8").splitlines()) for p in (PACKAGE / "trusted").rglob("*.py"))


def test_the_architecture_names_the_trusted_base_size_honestly() -> None:
    text = (PACKAGE / "ARCHITECTURE.md").read_text(encoding="utf-8")
    match = re.search(r"trusted base is ([\d,]+) lines", text)
    assert match, "ARCHITECTURE.md should say 'the trusted base is N lines'"
    stated, actual = int(match.group(1).replace(",", "")), _trusted_lines()
    assert abs(stated - actual) <= 0.05 * actual, f"ARCHITECTURE.md says {stated} lines; verifier/trusted/ has {actual}"


def test_only_the_kernel_constructs_a_proof() -> None:
    makers = []
    for name, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Proof":
                makers.append(f"{name}:{node.lineno}")
    assert all(m.startswith(("verifier.trusted.kernel:", "verifier.trusted.kernel.")) for m in makers), makers


def test_no_module_is_too_long() -> None:
    paths = {**_modules(), **{f"benchmarks.{p.stem}": p for p in sorted(BENCHMARKS.glob("*.py"))}}
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in paths.items()}
    offenders = sorted(f"{name} ({lines} lines)" for name, lines in sizes.items() if lines > MAX_LINES)
    assert not offenders, f"modules over {MAX_LINES} lines: " + ", ".join(offenders)


def _function_lengths(root: Path) -> dict[str, int]:
    """module.function (methods and nested functions too) → lines from its def to its last line."""
    lengths = {}
    for path in sorted(root.rglob("*.py")):
        module = ".".join(path.relative_to(root.parent).with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lengths[f"{module}.{node.name}:{node.lineno}"] = (node.end_lineno or node.lineno) - node.lineno + 1
    return lengths


def test_no_function_is_too_long_except_parser_tables() -> None:
    lengths = {**_function_lengths(PACKAGE), **_function_lengths(BENCHMARKS)}
    long = {name.partition(":")[0]: lines for name, lines in lengths.items() if lines > MAX_FUNCTION_LINES}
    offenders = sorted(f"{name} ({lines} lines)" for name, lines in long.items() if name not in PARSER_TABLES)
    assert not offenders, f"functions over {MAX_FUNCTION_LINES} lines: " + ", ".join(offenders)
    stale = sorted(PARSER_TABLES - set(long))
    assert not stale, f"allowed to be long, but no longer are: {', '.join(stale)}"


def test_the_length_check_counts_a_function_from_its_def_to_its_last_line(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    body = "\n".join(f"    x{i} = {i}" for i in range(59))
    (package / "m.py").write_text(
        f"@decorated\ndef short():\n{body}\n\n\ndef long():\n{body}\n    x = 0\n    return x\n"
    )
    assert _function_lengths(package) == {"pkg.m.short:2": 60, "pkg.m.long:64": 62}


def test_every_test_folder_is_a_layer_or_a_slow_shelf() -> None:
    """tests/ is shelved as verifier/ is: a folder of test modules is named for a layer, or is one of the
    shelves conftest.py marks slow as a whole (quality/, e2e/). The LaTeX reader's tests are in frontends/."""
    from tests.conftest import SLOW_FOLDERS

    tests = PACKAGE.parent / "tests"
    shelves = {path.relative_to(tests).parts[0] for path in tests.glob("*/**/test_*.py")}
    # api/: verifier/api.py and the names `verifier` exports; frontends/: the LaTeX reader
    layers = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()} | {"api", "frontends"}
    assert not shelves - layers - set(SLOW_FOLDERS), sorted(shelves - layers - set(SLOW_FOLDERS))
    assert set(SLOW_FOLDERS) <= shelves
    loose = sorted(path.name for path in tests.glob("test_*.py"))
    assert loose == ["test_architecture.py", "test_docs.py"], f"tests of one layer belong in its folder: {loose}"
