"""`pytest --derivations PATH` collects claims as items, tested with pytester."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

MODULE = '''
"""Two claims about a square."""
import sympy as sp
from verifier import Identity, Real, claim

x, y = sp.symbols("x y")

@claim()
def square_of_sum():
    """(x + y)² = x² + 2xy + y²."""
    return Identity((x + y) ** 2, x**2 + 2 * x * y + y**2, where={x: Real(), y: Real()})

@claim()
def freshman_dream():
    """(x + y)² = x² + y² (stated as true, which it is not)."""
    return Identity((x + y) ** 2, x**2 + y**2, where={x: Real(), y: Real()})
'''


def test_claims_become_items_and_failures_show_evidence(pytester: pytest.Pytester) -> None:
    folder = pytester.mkdir("derivs")
    (folder / "square.py").write_text(MODULE)
    result = pytester.runpytest_subprocess(
        "--derivations", str(folder), "--derivation-samples", "30", "-p", "no:cacheprovider"
    )
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*square.freshman_dream*",
            "*REFUTED (expected holds): counterexample*",
            "*replay: verifier check square.freshman_dream*",
        ]
    )


def test_without_the_option_nothing_is_collected(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_plain="def test_ok():\n    assert True\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


NOTES = """```verifier
x: real
```

% claim: square
$$ (x + 1)^2 = x^2 + 2x + 1 $$

% claim: broken
$$ x + q = q + x $$
"""


def test_latex_chains_become_items_and_a_parse_error_fails_with_its_line(pytester: pytest.Pytester) -> None:
    pytest.importorskip("lark")
    folder = pytester.mkdir("notes")
    (folder / "notes.md").write_text(NOTES)
    result = pytester.runpytest_subprocess(
        "--derivations", str(folder), "--derivation-samples", "30", "-p", "no:cacheprovider"
    )
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*ERROR: *notes.md:9:8: undeclared symbol q*"])
