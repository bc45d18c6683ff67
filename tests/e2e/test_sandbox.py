"""The sandbox itself: what a submission can see, and a process limit that is each sandbox's own.

These are the tests CI runs a second time as an unprivileged user (.ci/unprivileged): as root, the sandbox
drops to a user id of its own; as any other user, it has a user namespace of its own.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.fixtures.course import write_course
from tests.grading.support import FAST, check_row, needs_sandbox, rows_of
from tests.support import ROOT, run_cli, unwrapped
from verifier.grading import channel, sandbox, warm

pytestmark = [pytest.mark.sandbox]

CLAIM = """
x = sp.Symbol("x")

def saw():
    return Identity(x, x, where={x: Real()})

saw.__doc__ = " ".join(seen)
claim()(saw)
"""
FORKS = """
import os, time
import sympy as sp
from verifier import Identity, Real, claim
children, refused = [], 0
for _ in range(%d):
    try:
        pid = os.fork()
    except OSError:
        refused += 1
        continue
    if pid == 0:
        time.sleep(120)  # held until the sandbox ends: its pid namespace goes with it
        os._exit(0)
    children.append(pid)
seen = [f"forked={len(children)}", f"refused={refused}"]
if os.path.exists("ready"):  # the bomb: say so while holding every process, then wait for the test's word
    with open("ready", "w") as fifo:
        fifo.write(" ".join(seen))
    with open("go") as fifo:
        fifo.read()
"""


def _seen(run: sandbox.Run) -> dict[str, str]:
    """What the module reported in its claim's docstring (key=value words)."""
    doc = json.loads(channel.verify(run.key, run.stdout))
    return dict(item.split("=", 1) for item in doc["files"][0]["claims"][0]["statement"].split())


def _run(start: str, folder: Path, limits: sandbox.Limits, monkeypatch: pytest.MonkeyPatch) -> sandbox.Run:
    """One sandbox run: cold, or forked from a warm zygote (which must then be used, not fallen back from)."""
    if start == "cold":
        return sandbox.run(folder, {}, [], limits)
    with warm.started() as zygote, monkeypatch.context() as m:
        assert zygote is not None and not zygote.broken
        m.setattr(sandbox, "run", lambda *a, **k: pytest.fail(f"a cold sandbox: {zygote.broken or 'no zygote'}"))
        return warm.run(folder, {}, [], limits)


@needs_sandbox
@pytest.mark.parametrize("start", ["cold", "warm"])
def test_the_sandbox_sees_only_the_students_folder(tmp_path: Path, start: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A module that looks around and reports what it saw in its claim's docstring (it cannot fail to load); from a
    warm zygote, it sees the same, and has no capability left. Its process is the first the kernel kills when
    memory runs out."""
    secret = tmp_path / "secret.txt"
    secret.write_text("ta-secret-42")
    folder = tmp_path / "student"
    folder.mkdir()
    probe = f"""
import os, socket
from verifier import Identity, Real, claim
import sympy as sp
seen = []
for path in ({str(secret)!r}, {str(ROOT / "pyproject.toml")!r}, "/root", os.path.expanduser("~")):
    seen.append(f"{{path}}={{os.path.exists(path) and bool(os.listdir(path) if os.path.isdir(path) else True)}}")
try:
    open("/submission/x.txt", "w")
    seen.append("write=ok")
except OSError:
    seen.append("write=blocked")
try:
    socket.create_connection(("1.1.1.1", 53), timeout=2)
    seen.append("net=ok")
except OSError:
    seen.append("net=blocked")
seen.append(f"uid={{os.getuid()}}")
status = dict(line.split(":", 1) for line in open("/proc/self/status").read().splitlines() if ":" in line)
seen += [f"CapEff={{status['CapEff'].strip()}}", f"NoNewPrivs={{status['NoNewPrivs'].strip()}}"]
seen.append(f"oom={{open('/proc/self/oom_score_adj').read().strip()}}")
"""
    (folder / "probe.py").write_text(probe + CLAIM)
    run = _run(start, folder, sandbox.Limits(wall_seconds=30), monkeypatch)
    seen = _seen(run)
    assert seen[str(secret)] == "False" and seen[str(ROOT / "pyproject.toml")] == "False"
    assert seen["write"] == "blocked" and seen["net"] == "blocked"
    assert seen["uid"] != "0" and seen["CapEff"] == "0000000000000000" and seen["NoNewPrivs"] == "1"
    assert seen["oom"] == "1000"
    assert "ta-secret-42" not in run.stdout.decode()


def _wait_for(fifo: Path, bomb: Future[sandbox.Run]) -> str:
    """What the bomb writes into its fifo once it holds its processes ("" if its sandbox ended first)."""
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        while not bomb.done():
            if select.select([fd], [], [], 0.2)[0]:
                return os.read(fd, 200).decode()
        return ""
    finally:
        os.close(fd)


def _release(fifo: Path, bomb: Future[sandbox.Run]) -> None:
    """Tell the bomb to finish (it opens its fifo to read once it has written that it is ready)."""
    while not bomb.done():
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # ENXIO: not reading yet
            select.select([], [], [], 0.05)
            continue
        os.write(fd, b"go")
        os.close(fd)
        return


def _student(folder: Path, forks: int) -> Path:
    folder.mkdir()
    (folder / "forks.py").write_text(FORKS % forks + CLAIM)
    return folder


@needs_sandbox
@pytest.mark.parametrize("start", ["cold", "warm"])
def test_the_process_limit_is_each_sandboxs_own(tmp_path: Path, start: str) -> None:
    """Neither the grader's own processes nor a fork bomb in another sandbox, holding every process it may
    have, take anything from a student's limit; and the bomb is stopped at its own (cold, and from a zygote)."""
    limits = sandbox.Limits(processes=12, wall_seconds=60)
    bomb, modest = _student(tmp_path / "bomb", 40), _student(tmp_path / "modest", 8)
    for name in ("ready", "go"):
        os.mkfifo(bomb / name, 0o666)
        os.chmod(bomb / name, 0o666)  # as root, the sandbox runs as a user id of its own
    outside = [subprocess.Popen(["sleep", "120"]) for _ in range(3 * limits.processes)]
    try:
        with ThreadPoolExecutor(1) as pool, warm.started(start == "warm") as zygote:
            assert (zygote is not None) == (start == "warm")
            running = pool.submit(warm.run, bomb, {}, [], limits)
            held = _wait_for(bomb / "ready", running)
            beside = warm.run(modest, {}, [], limits)
            _release(bomb / "go", running)
            bombed = running.result()
            assert zygote is None or not zygote.broken, zygote.broken
    finally:
        for proc in outside:
            proc.kill()
            proc.wait()
    assert held, bombed.stderr
    forked, refused = (int(word.split("=")[1]) for word in held.split())
    assert refused > 0 and forked < limits.processes, held
    assert _seen(bombed) == {"forked": str(forked), "refused": str(refused)}
    assert _seen(beside) == {"forked": "8", "refused": "0"}, beside.stderr


@needs_sandbox
def test_a_fork_bomb_and_a_snoop_are_contained_and_reported(tmp_path: Path) -> None:
    """A small course graded as a TA would: the attacks blocked, reported in their rows, the others unharmed."""
    planted = write_course(tmp_path, 3, only=("correct", "fork_bomb", "sneaky"))
    args = ("grade", str(tmp_path / "submissions"), "--against", str(tmp_path / "reference.py"), *FAST, "-q")
    proc = run_cli(*args, "--json", str(tmp_path / "grades.json"))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    rows = rows_of(tmp_path / "grades.json")
    for student, p in planted.items():
        check_row(rows[student], p)
    out = unwrapped(proc.stdout)
    assert "3 students: 1 with full marks" in out and "; 2 with integrity notes" in out


@needs_sandbox
def test_the_sandbox_keeps_no_capability_beyond_dropping_to_its_user(tmp_path: Path) -> None:
    """As root, bwrap keeps every capability unless told: the sandbox's own first process (the extractor's
    parent, before the student's child drops to its user id) may keep only SETUID, SETGID and KILL."""
    argv = [*sandbox._isolation(), "--proc", "/proc", "--", "/bin/cat", "/proc/self/status"]
    status = subprocess.run(argv, capture_output=True, text=True, timeout=20, check=True).stdout
    kept = int(next(ln for ln in status.splitlines() if ln.startswith("CapEff:")).split()[1], 16)
    allowed = (1 << 5) | (1 << 6) | (1 << 7)  # CAP_KILL, CAP_SETGID, CAP_SETUID
    assert kept & ~allowed == 0, f"CapEff {kept:016x}"


# a student's module named like one the extractor imports: harmless in the confined child (its rlimits are set),
# fatal in the extractor's parent, which holds the run's key and must run none of the student's code
SHADOW = """
import os, resource
soft = resource.getrlimit(resource.RLIMIT_NPROC)[0]
if os.getuid() == 0 or soft == resource.RLIM_INFINITY or soft > 32:  # not the child: it runs as the sandbox's
    os._exit(97)                                                       # user, under the process limit (32)
"""
SHADOWED = ("verifier", "sympy", "numpy", "json", "hmac", "hashlib", "selectors", "secrets")


@needs_sandbox
@pytest.mark.parametrize("start", ["cold", "warm"])
def test_the_extractors_parent_never_imports_from_the_students_folder(
    tmp_path: Path, start: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cold, the extractor ran as `python -m` in the student's folder, which put the folder first on its import
    path: a verifier.py there ran in the parent. Now only the confined child has the folder on its path, where a
    module of the student's still imports another (helper.py). Warm, the parent has imported everything before it
    forks, so the folder's absence from its path is a second line there, which this test cannot tell apart."""
    folder = tmp_path / "student"
    folder.mkdir()
    for name in SHADOWED:
        (folder / f"{name}.py").write_text(SHADOW)
    (folder / "helper.py").write_text("seen = ['helper=imported']\n")
    (folder / "aprobe.py").write_text("from helper import seen\nfrom verifier import Identity, Real, claim\n"
                                      "import sympy as sp\n" + CLAIM)  # fmt: skip
    run = _run(start, folder, sandbox.Limits(wall_seconds=60), monkeypatch)
    assert run.returncode == 0, run.stderr[-2000:]
    assert _seen(run) == {"helper": "imported"}


SESSION = """
import os
import sympy as sp
from verifier import Identity, Real, claim
child = os.fork()  # the importing process leads its process group already: setsid fails there in any case
if child == 0:
    try:
        os.setsid()
        os._exit(0)
    except PermissionError:
        os._exit(1)
seen = ["setsid=" + ("refused" if os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]) == 1 else "escaped")]
"""


@needs_sandbox
@pytest.mark.parametrize("start", ["cold", "warm"])
def test_no_process_of_a_submission_starts_a_session_of_its_own(
    tmp_path: Path, start: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Red team helper-58: where the CPUs are shared among sessions (autogroup), 7 submissions forking 32 processes
    each into sessions of their own starved honest imports past their limits. setsid fails in the sandbox
    (verifier.grading.sessions)."""
    folder = tmp_path / "student"
    folder.mkdir()
    (folder / "session.py").write_text(SESSION + CLAIM)
    run = _run(start, folder, sandbox.Limits(wall_seconds=30), monkeypatch)
    assert _seen(run)["setsid"] == "refused", run.stderr
