"""A real browser renders the HTML report: not blank, and the MathML has a real size."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import run_cli, write_module
from verifier.render import html as html_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

MODULE = '''
"""Newton on x² − 2 and a softmax fact, for the report."""
import sympy as sp
from verifier import Convergence, Derivative, Identity, Real, claim
from verifier.language.mathlib import diag, softmax, vector

x = sp.Symbol("x")

@claim()
def newton_sqrt2():
    """Newton on x² − 2 converges quadratically to √2 with constant 1/(2√2)."""
    step = x - (x**2 - 2) / (2 * x)
    return Convergence(step, x, sp.sqrt(2), 2, 1 / (2 * sp.sqrt(2)), where={}, start=sp.Rational(3, 2))

@claim(n=range(2, 4), expect="refuted")
def jacobian_without_outer(n):
    """Wrong: ∂p/∂z = diag(p)."""
    z = vector("z", n)
    p = softmax(z)
    return Derivative(p, wrt=z, equals=diag(p), where={z: Real()})

@claim(notes="an unbroken run of text such as a path: " + "/very_long_folder_name" * 12)
def note_with_a_long_path():
    """x·1 = x."""
    return Identity(x * 1, x, where={x: Real()})
'''

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"),
    pytest.mark.xdist_group("html_browser"),  # one worker: the module-scoped page is costly
    pytest.mark.slow,
]


def _chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],  # type: ignore[list-item]
        capture_output=True,
        text=True,
        timeout=120,
    )


def _probed(report: Path, measure: str) -> str:
    """The report with a measuring script before </body>, its Content-Security-Policy (which forbids every script)
    taken out: the probe is the test's, not the page's."""
    policy = f'<meta http-equiv="Content-Security-Policy" content="{html_report.POLICY}">'
    text = report.read_text()
    assert policy in text
    return text.replace(policy, "").replace("</body>", measure + "</body>")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("html")
    write_module(folder, "newton_demo", MODULE)
    html = folder / "report.html"
    proc = run_cli("verify-all", str(folder), "--samples", "40", "--no-cache", "--html", str(html))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return html


def test_report_is_self_contained(report: Path) -> None:
    text = report.read_text()
    assert "<math" in text and "<svg" in text
    assert "<script" not in text and "<link" not in text, "no scripts, no stylesheets to fetch"
    assert not re.search(r"(src|href)\s*=\s*[\"']https?:", text), "nothing is fetched from the network"


def test_screenshot_is_not_blank(report: Path, tmp_path: Path) -> None:
    import matplotlib.image

    shot = tmp_path / "shot.png"
    _chromium(f"--screenshot={shot}", "--window-size=1200,1400", report.as_uri(), profile=tmp_path / "p1")
    pixels = matplotlib.image.imread(str(shot))
    assert pixels.shape[0] >= 1000 and pixels.shape[1] >= 1000
    assert pixels[..., :3].std() > 0.05, "the page is not a blank colour"


def test_mathml_is_laid_out_with_nonzero_size(report: Path, tmp_path: Path) -> None:
    probe = tmp_path / "probe.html"
    measure = (
        "<script>document.body.setAttribute('data-math', JSON.stringify("
        "[...document.querySelectorAll('math')].map(m => {const r = m.getBoundingClientRect();"
        " return [r.width, r.height];})));</script>"
    )
    probe.write_text(_probed(report, measure))
    dom = _chromium("--dump-dom", probe.as_uri(), profile=tmp_path / "p2").stdout
    found = re.search(r'data-math="([^"]*)"', dom)
    assert found, dom[:500]
    sizes = json.loads(found.group(1).replace("&quot;", '"'))
    assert len(sizes) >= 2
    assert all(w > 10 and h > 5 for w, h in sizes), sizes


def test_the_page_is_no_wider_than_a_narrow_window(report: Path, tmp_path: Path) -> None:
    """A long formula or an unbroken run of text scrolls inside its claim's card; the page itself never
    needs a horizontal scrollbar (CI's library report was 4,882 px wide in a 1,200 px window)."""
    probe = tmp_path / "probe.html"
    measure = (
        "<script>document.body.setAttribute('data-width', JSON.stringify("
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]));</script>"
    )
    probe.write_text(_probed(report, measure))
    dom = _chromium("--window-size=640,1000", "--dump-dom", probe.as_uri(), profile=tmp_path / "p3").stdout
    found = re.search(r'data-width="([^"]*)"', dom)
    assert found, dom[:500]
    scroll, client = json.loads(found.group(1).replace("&quot;", '"'))
    assert client > 0 and scroll <= client, (scroll, client)
