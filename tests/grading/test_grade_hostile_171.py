"""Red team 171: step credit for a step the reader had already worked out, and padding that is still cut out.

The rule of red team 161 compares lines as the verifier reads them, so a step that writes out what the reader had
already worked out (\\frac{d}{dx} 3x^2 = 6x: both lines read 6x) was taken for a step back to a line already
written: an honest chain that differentiates and then slips earned 0 of 1, not 1 of 2 (verifier/grading/credit.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from verifier.api import verify_file
from verifier.engine.settings import EngineSettings
from verifier.grading import prepare
from verifier.grading.credit import step_credit
from verifier.grading.submissions import Submission

HEAD = "# c\n\n```verifier\nx, y: real\n```\n\n"
CHAINS = {
    # honest: each step does what the reader did silently, so each one counts
    "deriv": ("$$ \\frac{d}{dx} 3 x^2 = 6 x $$", (1, 1)),
    "double": ("$$ x + x = 2 x $$", (1, 1)),
    "arith": ("$$ 2 + 3 = 5 $$", (1, 1)),
    "thrice": ("$$ x + x + x = 2 x + x $$\n$$ = 3 x $$", (1, 1)),  # one step from a line the reader read alike
    # each step strikes a + 0 out (red team 173): it earned one step, none of which worked anything out
    "whittled": ("$$ x + 0 + 0 + 0 + 0 = x + 0 + 0 + 0 $$\n$$ = x + 0 + 0 $$\n$$ = x + 0 $$\n$$ = x $$", (0, 0)),
    "slipped": ("$$ \\frac{d}{dx} (x^3 + x^2) $$\n$$ = 3 x^2 + 2 x $$\n$$ = x (3 x + 1) $$", (1, 2)),
    # padding: each step writes more than the line it restates, or comes back to one, and counts in neither number
    "pad": ("$$ x = 2 \\cdot \\frac{1}{2} x $$\n$$ = x + x - x $$\n$$ = x \\cdot 1 + 0 $$", (0, 0)),
    "spaced": ("$$ x + x = 2x $$\n$$ = 2 \\cdot x $$\n$$ = 2 \\, x $$", (1, 1)),
    "back": ("$$ \\frac{d}{dx} 3 x^2 = 6 x $$\n$$ = \\frac{d}{dx} 3 x^2 $$\n$$ = 6x $$", (1, 1)),
    "detour": ("$$ x + x = 2 x $$\n$$ = x + x $$\n$$ = 2 x $$\n$$ = 3 x $$", (1, 2)),  # as x + x = 2x = 3x
    # red team 173: a padded line, then the step that strikes the padding out, earned a second step for one
    "struck_zero": ("$$ (x + 1)^2 = x^2 + 2 x + 1 + 0 $$\n$$ = x^2 + 2 x + 1 $$", (1, 1)),
    "struck_one": ("$$ (x + 1)^2 = 1 \\cdot x^2 + 2 x + 1 $$\n$$ = x^2 + 2 x + 1 $$", (1, 1)),
    "struck_braces": ("$$ (x + 1)^2 = {x}^{2} + 2 x + 1 $$\n$$ = x^2 + 2 x + 1 $$", (1, 1)),
    "struck_mathrm": ("$$ (x + 1)^2 = (\\mathrm{x}^2) + 2 x + 1 $$\n$$ = x^2 + 2 x + 1 $$", (1, 1)),
    "order": ("$$ (x + 1)^2 = 1 + 2 x + x^2 $$\n$$ = x^2 + 2 x + 1 $$", (1, 1)),
}


@pytest.fixture(scope="module")
def credits(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, int]]:
    path = Path(tmp_path_factory.mktemp("credit")) / "c.md"
    path.write_text(HEAD + "".join(f"% claim: {name}\n{chain}\n\n" for name, (chain, _) in CHAINS.items()))
    return {r.name: step_credit(r) for r in verify_file(path, EngineSettings(samples=40))}


@pytest.mark.parametrize("name", list(CHAINS))
def test_a_step_that_writes_out_the_readers_work_counts_and_padding_does_not(
    credits: dict[str, tuple[int, int]], name: str
) -> None:
    assert credits[name] == CHAINS[name][1], (name, credits[name])


# The 1,000-line cap on a submission's LaTeX (grading/prepare.py) ---------------------------------------------------
def _read(tmp_path: Path, files: dict[str, str]) -> tuple[int, list[str]]:
    for name, text in files.items():
        (tmp_path / name).write_text(HEAD + text)
    sub = Submission("s", tmp_path, (), tuple(sorted(tmp_path / name for name in files)))
    problems: list[str] = []
    return len(prepare.latex_families(sub, problems)), problems


def test_a_display_of_thousands_of_steps_is_past_the_cap(tmp_path: Path) -> None:
    """One display of 3,000 steps, x = x + 0 - 0 = …, with no row break, counted as one line and took 8 s to read."""
    steps = " ".join(f"= x + {i} - {i}" for i in range(1200))
    read, problems = _read(tmp_path, {"long.md": f"$$ x {steps} $$\n"})
    assert read == 0 and "long.md: 1200 lines of display math (rows and steps), past the 1000" in problems[0]


def test_the_cap_is_met_exactly_and_counts_every_file(tmp_path: Path) -> None:
    """1,000 steps are read; the next file, one line past them, is not, whichever way the lines are cut."""
    rows = "\\\\\n".join(["x &= x"] * 500)
    files = {"a.md": f"$$ \\begin{{aligned}} {rows} \\end{{aligned}} $$\n", "b.md": f"$$ x {'= x ' * 500} $$\n"}
    read, problems = _read(tmp_path, {**files, "c.md": "$$ x = x $$\n"})
    assert read > 0 and len(problems) == 2 and problems[0].startswith("c.md: 1 line of display math"), problems
