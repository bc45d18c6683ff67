"""What the process holding a module imports for its claims: scipy.special once, when the file names a function
it evaluates, rather than once in every claim's worker, and the same for a chain pasted into `verifier serve`; never
for a user's own _imp_ (behaviour, never timing)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import CACHE_HOME, ROOT
from verifier.numeric import special

ERF_CLAIMS = '''"""Two rules for erf: scipy.special evaluates both sides."""
import sympy as sp
from verifier import Derivative, Identity, Real, claim

x = sp.Symbol("x")


@claim()
def erf_odd() -> Identity:
    """erf(−x) = −erf(x)."""
    return Identity(sp.erf(-x), -sp.erf(x), where={x: Real()})


@claim()
def erf_rule() -> Derivative:
    """erf′(x) = 2/√π · e^{−x²}."""
    return Derivative(sp.erf(x), x, 2 / sp.sqrt(sp.pi) * sp.exp(-(x**2)), where={x: Real()})
'''

IMP_CLAIM = '''"""A claim through the user's own numeric implementation (an _imp_), which needs no scipy."""
import sympy as sp
from sympy.utilities.lambdify import implemented_function
from verifier import Identity, Real, claim

x = sp.Symbol("x")
twice = implemented_function("twice", lambda t: 2 * t)


@claim()
def twice_plus_zero() -> Identity:
    """twice(x) + 0 = twice(x)."""
    return Identity(twice(x) + x - x, twice(x), where={x: Real()})
'''


def _fresh(code: str) -> str:
    """Run python code in a fresh interpreter (nothing imported yet); its output."""
    env = {"NO_COLOR": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": CACHE_HOME}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


HOLD = (
    "import sys\n"
    "from verifier.run import plan\n"
    "plan.hold_module({path!r}, False)\n"
    "print(len(plan.HELD[{path!r}].families), 'scipy.special' in sys.modules)\n"
)


def test_the_holder_of_a_file_that_names_erf_imports_scipy_special_for_its_workers(tmp_path: Path) -> None:
    path = tmp_path / "erf_rules.py"
    path.write_text(ERF_CLAIMS)
    assert _fresh(HOLD.format(path=str(path))) == "2 True"  # once, before it forks the two claims' workers


def test_the_holder_of_a_file_that_names_no_special_function_leaves_scipy_alone(tmp_path: Path) -> None:
    path = tmp_path / "own_function.py"
    path.write_text(IMP_CLAIM)
    assert _fresh(HOLD.format(path=str(path))) == "1 False"


def test_a_users_own_implementation_is_evaluated_without_scipy(tmp_path: Path) -> None:
    path = tmp_path / "own_function.py"
    path.write_text(IMP_CLAIM)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from verifier import engine\n"
        "from verifier.engine import EngineSettings\n"
        "from verifier.load import loader\n"
        f"(family,) = loader.load(Path({str(path)!r})).families\n"
        "result = engine.verify_family(family, EngineSettings())\n"
        "print(result.status.name, sorted(m for m in sys.modules if m.split('.')[0] == 'scipy'))\n"
    )
    assert _fresh(code) == "PROVED []"


@pytest.mark.parametrize(
    "text",
    [
        "sp.erf(x)",
        "mathlib.gelu (t)",
        r"\operatorname{erf}(x)",
        r"\Phi(x) = \frac12 (1 + \operatorname{erf}(x/\sqrt2))",
        "Φ(x) + x φ(x)",
        "from scipy.special import ndtr",
        "import scipy",
    ],
)
def test_a_file_that_calls_a_special_function_or_imports_scipy_is_named(text: str) -> None:
    assert special.named_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "beta = 0.9  # Adam's first moment",
        r"y = \gamma (x - \mu) + \beta",  # batch norm's scale and shift, Greek letters in LaTeX
        "my_erf(x)",
        "erfx(x)",
        "# scipy is not used here",
    ],
)
def test_a_name_that_is_not_a_call_of_a_special_function_is_not(text: str) -> None:
    assert not special.named_in(text)


SERVE_READS = (
    "import sys\n"
    "from verifier.serve import checker\n"
    "from verifier.serve.limits import CheckRequest\n"
    "from verifier.serve.settings import ServeSettings\n"
    "def read(request):\n"
    "    print('scipy.special' in sys.modules)\n"
    "    raise SystemExit(0)\n"
    "checker.read = read\n"
    "checker.run_request(CheckRequest({text!r}), ServeSettings(), None)\n"
)


@pytest.mark.parametrize(
    ("text", "imported"),
    [(r"$$\operatorname{erf}(x) = -\operatorname{erf}(-x)$$", "True"), (r"$$x + x = 2 x$$", "False")],
)
def test_the_page_reads_a_chain_as_the_holder_of_its_file_would(text: str, imported: str) -> None:
    """`verifier serve` imports before it reads a pasted chain what the process holding the same text as a file
    imports before it loads it, so that a chain starts from the same state on the page as on the command line."""
    assert _fresh(SERVE_READS.format(text=text)) == imported
