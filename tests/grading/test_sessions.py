"""The seccomp filter that keeps a submission's processes in the sandbox's one session (red team helper-58)."""

from __future__ import annotations

import os
import platform
import struct

import pytest

from verifier.grading import sessions

needs_a_known_machine = pytest.mark.skipif(
    platform.machine() not in sessions.SETSID, reason=f"no setsid number known on {platform.machine()}"
)


def _in_a_child(install: bool) -> int:
    """0 if setsid succeeded in a forked child (and in its own child), 1 if both were refused, 2 if they differ."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 3
        try:
            if install and sessions.forbid_new_sessions():
                os._exit(4)
            refused = []
            grandchild = os.fork()
            if grandchild == 0:
                try:
                    os.setsid()
                    os._exit(0)
                except PermissionError:
                    os._exit(1)
            refused.append(os.waitstatus_to_exitcode(os.waitpid(grandchild, 0)[1]) == 1)
            try:
                os.setsid()
                refused.append(False)
            except PermissionError:
                refused.append(True)
            code = 1 if all(refused) else 0 if not any(refused) else 2
        finally:
            os._exit(code)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


@needs_a_known_machine
def test_setsid_is_refused_for_the_process_and_every_one_it_starts() -> None:
    assert _in_a_child(install=False) == 0  # a forked child may start a session, as may its child
    assert _in_a_child(install=True) == 1


def _a_pipe_carries_a_byte() -> bool:
    read, write = os.pipe()
    os.write(write, b"x")
    return os.read(read, 1) == b"x"


def _a_group_of_its_own() -> bool:
    os.setpgid(0, 0)
    return os.getpgid(0) == os.getpid()


@needs_a_known_machine
def test_other_system_calls_are_untouched() -> None:
    """The child reports the first call that failed, by number. getsid is compared with the parent's, not with 0:
    in a PID namespace whose session leader lives outside it (a CI container), getsid(0) is 0 (CI at aa06b12)."""
    session = os.getsid(0)
    steps = {
        "installing the filter": lambda: sessions.forbid_new_sessions() == "",
        "getsid": lambda: os.getsid(0) == session,
        "a pipe": _a_pipe_carries_a_byte,
        "setpgid": _a_group_of_its_own,
    }
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        failed = 1
        try:
            failed = next((k for k, works in enumerate(steps.values(), 1) if not works()), 0)
        finally:
            os._exit(failed)
    failed = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    assert failed == 0, list(steps)[failed - 1]


def test_the_program_denies_each_architectures_setsid_and_allows_the_rest() -> None:
    """Read as a table: per (architecture, number), load the arch, compare, load the number, compare; then ALLOW,
    then EPERM, every jump of a match landing on the EPERM."""
    calls = ((0xC000003E, 112), (0x40000003, 66))
    code = sessions.program(calls)
    ins = [struct.unpack("HBBI", code[i : i + 8]) for i in range(0, len(code), 8)]
    assert len(ins) == 4 * len(calls) + 2
    allow, deny = len(ins) - 2, len(ins) - 1
    assert ins[allow][3] == 0x7FFF0000 and ins[deny][3] == 0x00050000 | 1
    for k, (arch, nr) in enumerate(calls):
        at = 4 * k
        assert ins[at + 1][3] == arch and at + 2 + ins[at + 1][2] == at + 4  # another arch: the next pair
        assert ins[at + 3][3] == nr and at + 4 + ins[at + 3][1] == deny and ins[at + 3][2] == 0


@pytest.mark.skipif(platform.machine() != "x86_64", reason="the raw numbers are x86-64's")
def test_the_raw_system_call_and_its_x32_number_are_refused_too() -> None:
    """Around Python's os.setsid: libc's syscall(2) with setsid's number, and with the x32 bit set."""
    import ctypes

    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        ok = False
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            ok = sessions.forbid_new_sessions() == ""
            for number in (112, 0x40000000 | 112):
                ok = ok and libc.syscall(number) == -1 and ctypes.get_errno() == 1
            ok = ok and os.getsid(0) != os.getpid()
        finally:
            os._exit(0 if ok else 1)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
