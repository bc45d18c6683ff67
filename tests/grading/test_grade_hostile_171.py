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
from verifier.grading.credit import step_credit

HEAD = "# c\n\n```verifier\nx, y: real\n```\n\n"
CHAINS = {
    # honest: each step does what the reader did silently, so each one counts
    "deriv": ("$$ \\frac{d}{dx} 3 x^2 = 6 x $$", (1, 1)),
    "double": ("$$ x + x = 2 x $$", (1, 1)),
    "arith": ("$$ 2 + 3 = 5 $$", (1, 1)),
    "thrice": ("$$ x + x + x = 2 x + x $$\n$$ = 3 x $$", (2, 2)),
    "slipped": ("$$ \\frac{d}{dx} (x^3 + x^2) $$\n$$ = 3 x^2 + 2 x $$\n$$ = x (3 x + 1) $$", (1, 2)),
    # padding: each step writes more than the line it restates, or comes back to one, and counts in neither number
    "pad": ("$$ x = 2 \\cdot \\frac{1}{2} x $$\n$$ = x + x - x $$\n$$ = x \\cdot 1 + 0 $$", (0, 0)),
    "spaced": ("$$ x + x = 2x $$\n$$ = 2 \\cdot x $$\n$$ = 2 \\, x $$", (1, 1)),
    "back": ("$$ \\frac{d}{dx} 3 x^2 = 6 x $$\n$$ = \\frac{d}{dx} 3 x^2 $$\n$$ = 6x $$", (1, 1)),
    "detour": ("$$ x + x = 2 x $$\n$$ = x + x $$\n$$ = 2 x $$\n$$ = 3 x $$", (1, 2)),  # as x + x = 2x = 3x
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
