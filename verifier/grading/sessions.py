"""A seccomp filter that keeps a submission's processes in the sandbox's one session.

Where Linux shares the CPUs among sessions (autogroup, on by default on desktop and many
server kernels), every session gets one share. A sandbox is one session (bwrap
``--new-session``), so a fork bomb's processes share one share. A process that calls
``setsid()`` starts a session, and a share, of its own: red team helper-58 had 7 submissions
fork 32 processes each, every one in its own session, and 3 honest imports of 0.4 CPU s
waited for a CPU past their wall-clock limit and its credit (NOT GRADED).

So the child that imports the submission (:func:`verifier.grading.extract.confine`, cold or
forked from the zygote) installs this filter first: ``setsid`` fails with EPERM, for it and
every process it starts, and every other system call is untouched. No honest submission starts
a session. The filter knows setsid's number on x86-64 (and the i386 and x32 calls a 64-bit
process can make), on arm64 and on 32-bit arm; on another architecture it is not installed,
and :func:`forbid_new_sessions` says so.
"""

from __future__ import annotations

import ctypes
import errno
import platform
import struct

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_LD_W_ABS, _JEQ_K, _RET_K = 0x20, 0x15, 0x06  # BPF_LD|BPF_W|BPF_ABS, BPF_JMP|BPF_JEQ|BPF_K, BPF_RET|BPF_K
_NR, _ARCH = 0, 4  # offsets in struct seccomp_data

# (AUDIT_ARCH_*, setsid's number) for the calls a process on each machine can make
SETSID = {
    "x86_64": ((0xC000003E, 112), (0xC000003E, 0x40000000 | 112), (0x40000003, 66)),  # x86-64, x32, i386
    "aarch64": ((0xC00000B7, 157), (0x40000028, 66)),  # arm64, 32-bit arm
}


def program(calls: tuple[tuple[int, int], ...]) -> bytes:
    """The classic BPF program: EPERM for each (architecture, system call number), ALLOW for all else."""
    out: list[tuple[int, int, int, int]] = []
    deny = 4 * len(calls) + 1  # after each pair's 4 instructions: ALLOW, then the EPERM
    for arch, nr in calls:
        at = len(out)
        out += [(_LD_W_ABS, 0, 0, _ARCH), (_JEQ_K, 0, 2, arch), (_LD_W_ABS, 0, 0, _NR)]
        out.append((_JEQ_K, deny - (at + 4), 0, nr))
    out += [(_RET_K, 0, 0, _RET_ALLOW), (_RET_K, 0, 0, _RET_ERRNO | errno.EPERM)]
    return b"".join(struct.pack("HBBI", *ins) for ins in out)


class _Program(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def forbid_new_sessions() -> str:
    """Install the filter in this process (inherited by every process it starts): "" once installed, else why not
    (an architecture it does not know, or a kernel that refused)."""
    calls = SETSID.get(platform.machine())
    if calls is None:
        return f"no seccomp filter on {platform.machine()}: setsid's number there is not known"
    code = program(calls)
    buffer = ctypes.create_string_buffer(code, len(code))
    prog = _Program(len(code) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return f"no_new_privs refused ({errno.errorcode.get(ctypes.get_errno(), '?')})"
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) != 0:
        return f"the seccomp filter was refused ({errno.errorcode.get(ctypes.get_errno(), '?')})"
    return ""
