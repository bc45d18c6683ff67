"""A proof's work (heartbeats) does not depend on the processor's floating-point kernels.

The numeric check before each proof runs numpy's SIMD loops and OpenBLAS's kernels, which a processor chooses at
run time and which can round the last bit differently; their allocations then differ, and before the young
generation was emptied when a proof's budget opens, so did the first heartbeat of the proof. CI at aa06b12 ran
on an AMD machine with AVX2 and four proofs of the library moved by one heartbeat against the baseline written
on the machine before. Here the other processor is stood in for by capping numpy at x86-64-v2 and OpenBLAS at its
Sandybridge kernels: at aa06b12, convexity.quadratic_hessian took 1 heartbeat at n = 2 with them and 0 without.

A sum-of-squares proof rounds a floating-point solver's answer (Clarabel's, on scipy's LAPACK) exactly, and a rounding
that fails gets further or not by the answer's last bits: at c9d4b7f, classic_inequalities.am_gm took 59 heartbeats
at n = 5 with this AMD EPYC's kernels and 60 with OpenBLAS's Prescott ones (53 and 54 on the two machines CI ran on,
before an earlier change), until the rounding and the facial reduction ran outside the work (`budget.float_dependent`).
"""

from __future__ import annotations

import platform
from pathlib import Path
from typing import Any

import pytest

from tests.support import claims_by_name, run_cli

OTHER_KERNELS = {"NPY_DISABLE_CPU_FEATURES": "X86_V3", "OPENBLAS_CORETYPE": "Sandybridge"}
PRESCOTT = {"OPENBLAS_CORETYPE": "Prescott"}  # x86-64's first kernels: SSE3, no AVX


def _work(tmp_path: Path, claim: str, name: str, env: dict[str, str]) -> tuple[Any, ...]:
    out = tmp_path / f"{name}.json"
    done = run_cli("check", claim, "--no-cache", "--json", str(out), env=env, timeout=300)
    assert out.exists(), done.stdout + done.stderr
    (claim,) = claims_by_name(out).values()
    return claim["status"], claim["proved_n"], [(p["n"], p["work"]) for p in claim["evidence"]["proofs"]]


@pytest.mark.slow
@pytest.mark.skipif(platform.machine() != "x86_64", reason="the kernels capped are x86-64's")
@pytest.mark.parametrize(
    ("claim", "kernels", "proofs"),
    [
        ("convexity.quadratic_hessian", OTHER_KERNELS, 3),  # the generic proof and its cross-checks at n = 1, 2
        ("classic_inequalities.am_gm", PRESCOTT, 4),  # a sum of squares at each n = 2..5
    ],
)
def test_a_proofs_work_is_the_same_with_other_floating_point_kernels(
    tmp_path: Path, claim: str, kernels: dict[str, str], proofs: int
) -> None:
    here = _work(tmp_path, claim, "here", {})
    other = _work(tmp_path, claim, "other", kernels)
    assert other == here
    assert here[0] == "PROVED" and len(here[2]) == proofs, here
