"""verifier serve in a real browser (Playwright driving Debian's chromium, headless).

A chain with a planted slip is pasted and checked: its line is highlighted in the editor and in
the results, with the counterexample; the screenshot goes to build/screenshots/ (ignored by git: a test never
writes into the checkout's tracked files; reports/screenshots/ keeps a chosen one). Skipped when
chromium or Playwright for Python is missing (no browser is ever downloaded).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support import ROOT
from verifier.serve import client
from verifier.serve.client import Server

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - the test is skipped
    sync_playwright = None

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOT = ROOT / "build" / "screenshots" / "serve_wrong_step.png"
WAIT_MS = 240_000  # a guard against a hang on a loaded machine, not a measurement

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"),
    pytest.mark.skipif(
        sync_playwright is None, reason="Playwright for Python is not installed (pip install playwright)"
    ),
    pytest.mark.slow,
    pytest.mark.xdist_group("serve_browser"),
]

SLIP = r"""# A student's derivative of the logistic loss

```verifier
w, x, y: real
\sigma: sigmoid
```

% claim: logistic_derivative
$$ \frac{d}{dw} \log(1 + e^{-y w x}) = \frac{-y x e^{-y w x}}{1 + e^{-y w x}} \quad \text{chain rule} $$
$$ = -y x \frac{1}{1 + e^{y w x}} \quad \text{divide by } e^{-y w x} $$
$$ = -y x \sigma(y w x) \quad \text{since } \sigma(t) = 1/(1 + e^{-t}) $$
$$ = -y x (1 - \sigma(-y w x)) $$
"""
SLIP_LINE = 11  # step 2 is right, step 3 writes σ(ywx) where σ(−ywx) belongs
WRONG_STEP = 3


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with client.started("--jobs", "2", cwd=str(ROOT)) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert sync_playwright is not None and CHROMIUM is not None
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    opened = browser.new_page(viewport={"width": 1500, "height": 1000})
    problems: list[str] = []
    opened.on("pageerror", lambda err: problems.append(str(err)))
    opened.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    yield opened
    opened.close()
    assert problems == [], problems  # no script error, nothing the Content-Security-Policy had to block


def paste_and_check(page: Page, url: str, text: str) -> None:
    page.goto(url)
    page.locator("#text").focus()
    page.keyboard.insert_text(text)
    page.click("#check")


def classes(page: Page, selector: str) -> str:
    return str(page.get_attribute(selector, "class") or "")


def test_the_planted_line_is_highlighted_with_its_counterexample(server: Server, page: Page) -> None:
    paste_and_check(page, server.url, SLIP)
    page.wait_for_selector(".steps li.wrong .cx", timeout=WAIT_MS)
    page.wait_for_selector(".result .verdict", timeout=WAIT_MS)
    wrong = page.locator(".steps li.wrong")
    assert wrong.count() == 1
    assert wrong.get_attribute("data-line") == str(SLIP_LINE)
    assert wrong.get_attribute("id") == f"chain-0-step-{WRONG_STEP}"
    assert "wrong" in classes(page, f'#gutter [data-line="{SLIP_LINE}"]')
    assert "wrong" in classes(page, f'#marks [data-line="{SLIP_LINE}"]')
    counterexample = page.inner_text(".steps li.wrong .cx")
    for said in ("First wrong step", "at w = ", "x = ", "y = ", "claimed e₃ = ", "observed e₂ = "):
        assert said in counterexample, counterexample
    badges = page.locator(".steps li.step .badge").all_inner_texts()
    assert badges[WRONG_STEP - 1] == "REFUTED" and len(badges) == 4
    assert all(b in ("PROVED", "CHECKED") for b in badges[: WRONG_STEP - 1])
    result = page.inner_text(".result")
    assert "is wrong: its first wrong step is step 3" in result and "End result on its own" in result
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)


def test_the_link_reproduces_the_check(server: Server, page: Page, browser: Browser) -> None:
    page.goto(server.url)
    page.locator("#text").focus()
    page.keyboard.insert_text(SLIP)
    page.fill("#seed", "11")
    page.click("#check")
    page.wait_for_selector(".result .verdict", timeout=WAIT_MS)
    link = page.get_attribute("#share a", "href") or ""
    assert "#" in link and "text=" in link.split("#", 1)[1]
    again = browser.new_page()
    try:
        again.goto(link)
        again.wait_for_selector(".result .verdict", timeout=WAIT_MS)
        assert again.input_value("#text") == SLIP and again.input_value("#seed") == "11"
        seen: list[Any] = [p.locator(".steps li.step .badge").all_inner_texts() for p in (page, again)]
        assert seen[0] == seen[1]
        assert again.get_attribute(".steps li.wrong", "data-line") == str(SLIP_LINE)
    finally:
        again.close()


def test_an_input_error_is_put_on_its_line(server: Server, page: Page) -> None:
    paste_and_check(page, server.url, SLIP.replace(r"-y x \sigma(y w x)", r"-y x \sigma(q w x)"))
    page.wait_for_selector(".errors .input-error", timeout=WAIT_MS)
    message = page.inner_text(".errors .input-error")
    assert message.startswith(f"derivation.md:{SLIP_LINE}:") and "undeclared symbol q" in message
    assert page.get_attribute(".errors .input-error", "data-line") == str(SLIP_LINE)
    assert "error" in classes(page, f'#gutter [data-line="{SLIP_LINE}"]')


def test_the_library_chains_are_examples(server: Server, page: Page) -> None:
    page.goto(server.url)
    # the examples are loaded after the page: wait for a second option (a selector, not a JavaScript predicate,
    # which Playwright evaluates with eval when it polls, and the page's CSP refuses eval)
    page.wait_for_selector("#example option:nth-child(2)", state="attached", timeout=WAIT_MS)
    options = page.locator("#example option").all_inner_texts()
    library = sorted(p.name for p in (ROOT / "derivations").iterdir() if p.suffix in (".md", ".tex"))
    assert len(options) - 1 == len(library)
    page.select_option("#example", label=next(o for o in options if o.startswith("sigmoid_derivative.tex")))
    assert page.input_value("#format") == "tex" and page.input_value("#name") == "sigmoid_derivative"
    assert page.input_value("#text") == (ROOT / "derivations" / "sigmoid_derivative.tex").read_text(encoding="utf-8")
    page.wait_for_selector("#preview li math")
