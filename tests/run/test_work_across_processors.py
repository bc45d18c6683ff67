"""A proof's work (heartbeats) does not depend on the processor's floating-point kernels.

The numeric check before each proof runs numpy's SIMD loops and OpenBLAS's kernels, which a processor chooses at
run time and which can round the last bit differently; their allocations then differ, and before the young
generation was emptied when a proof's budget opens, so did the first heartbeat of the proof. CI at aa06b12 ran
on an AMD machine with AVX2 and four proofs of the library moved by one heartbeat against the baseline written
on the machine before. Here the other processor is stood in for by capping numpy at x86-64-v2 and OpenBLAS at its
Sandybridge kernels: at aa06b12, convexity.quadratic_hessian took 1 heartbeat at n = 2 with them and 0 without.
"""

from __future__ import annotations

import platform
from pathlib import Path
from typing import Any

import pytest

from tests.support import claims_by_name, run_cli

CLAIM = "convexity.quadratic_hessian"
OTHER_KERNELS = {"NPY_DISABLE_CPU_FEATURES": "X86_V3", "OPENBLAS_CORETYPE": "Sandybridge"}


def _work(tmp_path: Path, name: str, env: dict[str, str]) -> tuple[Any, ...]:
    out = tmp_path / f"{name}.json"
    done = run_cli("check", CLAIM, "--no-cache", "--json", str(out), env=env, timeout=300)
    assert out.exists(), done.stdout + done.stderr
    (claim,) = claims_by_name(out).values()
    return claim["status"], claim["proved_n"], [(p["n"], p["work"]) for p in claim["evidence"]["proofs"]]


@pytest.mark.slow
@pytest.mark.skipif(platform.machine() != "x86_64", reason="the kernels capped are x86-64's")
def test_a_proofs_work_is_the_same_with_other_floating_point_kernels(tmp_path: Path) -> None:
    here = _work(tmp_path, "here", {})
    other = _work(tmp_path, "other", OTHER_KERNELS)
    assert other == here
    assert here[0] == "PROVED" and len(here[2]) == 3, here  # the generic proof and its cross-checks at n = 1, 2
