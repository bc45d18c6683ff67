"""A user's own numeric implementation (an `_imp_`): called as it is, without scipy, and its mistakes are the
user's ERROR that names it, never an internal error of ours."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sympy as sp
from sympy.utilities.lambdify import implemented_function

from tests.support import CACHE_HOME, ROOT
from verifier import Identity, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.outcome import ClaimResult, Status

x = sp.Symbol("x")
FAST = EngineSettings(samples=40)


def _verify(fn: Any, equals: sp.Expr) -> ClaimResult:
    f = implemented_function("users_f", fn)
    return verify_family(claim(name="users_claim")(lambda: Identity(f(x), equals, where={x: Real()})), FAST)


def _bad_value(t: Any) -> Any:
    raise ValueError("no value here")


@pytest.mark.parametrize(
    ("fn", "said"),
    [
        (_bad_value, "raised ValueError: no value here"),
        (lambda t: [2 * t], "returned a list of shape (1, "),  # one list around the batch: not one value per sample
        (lambda t: [1, [2, 3]], "returned a ragged list"),
        (lambda t: np.stack([t, t]), "returned a ndarray of shape (2, "),
        (lambda t: np.array([2 * t[0]]), "returned a ndarray of shape (1,)"),  # the first sample's, for all
    ],
    ids=["raises ValueError", "list around the batch", "ragged list", "two values per sample", "one for the batch"],
)
def test_a_users_function_that_raises_or_gives_the_wrong_shape_is_the_users_error(fn: Any, said: str) -> None:
    r = _verify(fn, 2 * x)
    assert r.status is Status.ERROR, r.reason
    assert not r.internal_error, r.reason
    assert "users_f" in r.reason and said in r.reason, r.reason


@pytest.mark.parametrize(
    "fn",
    [lambda t: 2 * t, lambda t: [2 * v for v in t], lambda t: np.asarray(2 * t).tolist()],
    ids=["array", "list per sample", "tolist"],
)
def test_a_users_function_with_one_value_per_sample_is_evaluated(fn: Any) -> None:
    r = _verify(fn, 2 * x)
    assert r.status is Status.CHECKED, r.reason  # an _imp_ is evidence only: no symbolic proof sees inside it


def test_a_wrong_claim_through_a_users_function_is_refuted() -> None:
    r = _verify(lambda t: 2 * t, 3 * x)
    assert r.status is Status.REFUTED, r.reason


OWN_FUNCTION = '''"""A claim through the user's own numeric implementation (an _imp_), which needs no scipy."""
import sympy as sp
from sympy.utilities.lambdify import implemented_function
from verifier import Identity, Real, claim

x = sp.Symbol("x")
twice = implemented_function("twice", lambda t: 2 * t)


@claim()
def twice_is_double() -> Identity:
    """twice(x) = 2x."""
    return Identity(twice(x), 2 * x, where={x: Real()})
'''


def test_a_users_own_implementation_is_evaluated_without_scipy(tmp_path: Path) -> None:
    """lambdify's "scipy" namespace imported scipy.special (0.24 s of CPU in each claim's worker) for a function
    the user implemented themselves; it is called as it is."""
    path = tmp_path / "own_function.py"
    path.write_text(OWN_FUNCTION)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from verifier import engine\n"
        "from verifier.engine import EngineSettings\n"
        "from verifier.load import loader\n"
        f"(family,) = loader.load(Path({str(path)!r})).families\n"
        "result = engine.verify_family(family, EngineSettings(samples=40))\n"
        "print(result.status.name, sorted(m for m in sys.modules if m.split('.')[0] == 'scipy'))\n"
    )
    env = {"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": CACHE_HOME}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "CHECKED []"


def test_one_value_for_all_samples_is_broadcast() -> None:
    """A constant argument gives a scalar; a function that returns it as an array of one still holds for every sample
    (as it did through lambdify)."""
    g = implemented_function("users_g", lambda t: np.atleast_1d(np.asarray(t, dtype=float)) * 2)
    r = verify_family(claim(name="users_constant")(lambda: Identity(x + g(2), x + 4, where={x: Real()})), FAST)
    assert r.status is Status.CHECKED, r.reason
