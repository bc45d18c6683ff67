"""verifier serve, without a server: the bounds on the input, positions, and what the page's HTML may contain."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support import ROOT
from verifier.outcome import Counterexample, Status, StepResult
from verifier.render import typeset
from verifier.serve import fragments, limits, positions
from verifier.serve.settings import Bounds

BOUNDS = Bounds()
DOC = "```verifier\nx, y: real\n```\n\n$$ {math} $$\n"  # the math is on line 5, from column 4


def errors_of(math: str) -> list[limits.InputError]:
    return limits.check_text(DOC.format(math=math), BOUNDS)


@pytest.mark.parametrize(
    "path", sorted((ROOT / "derivations").glob("*.md")) + sorted((ROOT / "derivations").glob("*.tex"))
)
def test_every_library_chain_is_within_the_bounds(path: Path) -> None:
    assert limits.check_text(path.read_text(encoding="utf-8"), BOUNDS) == []


@pytest.mark.parametrize(
    ("math", "said", "col"),
    [
        (r"10^{10^{10}} = x", "a power of a power of numbers", 6),
        (r"{{10^{64}}^{64}}^{64} = x", "a power of a power of numbers", 14),
        (r"x^{1000} = x", "the exponent 1000 is larger than this page allows (at most 64)", 5),
        ("{" * 30 + "x" + "}" * 30 + " = x", "brackets nest deeper than 24 levels", 28),
        ("(" * 500 + "x" + ")" * 500 + " = x", "brackets nest deeper than 24 levels", 28),
        ("x = " + "9" * 40, "a number of 40 digits; at most 12", 8),
        ("x\x00 = x", "a NUL byte is not LaTeX", 5),
        ("x = \x1b[31m", "a control character (U+001B)", 8),
        ("x = " + " + ".join(["y"] * 300), "this page reads at most 400 per display", 804),
    ],
)
def test_each_bound_says_what_and_where(math: str, said: str, col: int) -> None:
    found = errors_of(math)
    assert [e.line for e in found] == [5] * len(found) and found, found
    assert said in found[0].message
    assert found[0].col == col
    assert found[0].text("derivation.md").startswith(f"derivation.md:5:{col}: ")


@pytest.mark.parametrize("math", [r"e^{-x^2/2} = x", r"\sum_{i=1}^{10} x = 10 x", r"x_{i}^{2} = x", r"2^{64} = x"])
def test_ordinary_powers_pass(math: str) -> None:
    assert errors_of(math) == []


@pytest.mark.parametrize(
    "declared", ["k: 1..1000000", "A: matrix 100x100", "z: vectors of size 7", "k: 2..99999999999"]
)
def test_declared_sizes_are_bounded(declared: str) -> None:
    text = f"```verifier\nx: real\n{declared}\n```\n$$ x = x $$\n"
    found = limits.check_text(text, BOUNDS)
    assert found and found[0].line == 3, found
    assert "larger than this page allows (sizes up to 6; the command line goes to 12)" in found[0].message


def test_a_megabyte_is_refused_before_it_is_read() -> None:
    body = json.dumps({"text": "x" * 1_000_000}).encode()
    read = limits.read_request(body, BOUNDS)
    assert isinstance(read, list) and read[0].kind == "size"
    assert "this page checks at most 16,384 bytes" in read[0].message


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (b"not json", "not JSON"),
        (b"[1, 2]", "must be a JSON object"),
        (json.dumps({"text": "x", "python": "import os"}).encode(), "unknown field 'python'"),
        (json.dumps({"text": "x", "seed": -1}).encode(), "seed must be a whole number"),
        (json.dumps({"text": "x", "seed": "0; rm -rf /"}).encode(), "seed must be a whole number"),
        (json.dumps({"text": "x", "format": "py"}).encode(), "format must be md or tex"),
        (json.dumps({"text": "x", "name": "../../etc/passwd"}).encode(), "name must be a plain file name"),
        (json.dumps({"text": 3}).encode(), "text must be a string"),
        (b'{"text": "\\ud800"}', "not valid Unicode (a lone surrogate)"),  # refused as it is read, for every route
        # a number of 5000 digits: Python's int limit raised ValueError out of json.loads, a 500 (red team 122)
        pytest.param(b'{"text": "x", "seed": ' + b"1" * 5000 + b"}", "more than 4,300 digits", id="5000 digits"),
    ],
)
def test_a_request_is_plain_data(body: bytes, said: str) -> None:
    read = limits.read_request(body, BOUNDS)
    assert isinstance(read, list)
    assert said in read[0].message


def test_a_good_request_is_read_with_its_line_ends_made_plain() -> None:
    read = limits.read_request(json.dumps({"text": "a\r\nb\rc", "seed": 7, "name": "notes"}).encode(), BOUNDS)
    assert read == limits.CheckRequest("a\nb\nc", 7, "md", "notes")
    assert isinstance(read, limits.CheckRequest) and read.path == "notes.md"


def test_steps_and_chains_are_bounded_after_reading() -> None:
    told = limits.check_parsed([("short", 3), ("long", 17)] + [(f"c{i}", 1) for i in range(15)], BOUNDS)
    assert told[0].startswith("17 chains; this page checks at most 16")
    assert told[1] == "chain long has 17 steps; this page checks at most 16 per chain: split it"


def test_errors_keep_their_position() -> None:
    message = "derivation.md:12:9: undeclared symbol q; declare it in the verifier block (q: real)"
    assert positions.error_position(message, "derivation.md") == (12, 9)
    assert positions.error_position("derivation.md: no claims found", "derivation.md") == (None, None)
    assert positions.error_position("other.md:3:1: x", "derivation.md") == (None, None)


def test_each_written_line_is_found_on_its_line() -> None:
    text = "# notes\n\n$$ (x + y)^2 = x^2 +  2xy\n + y^2 $$\n$$ = x^2 + y^2 \\quad \\text{slip} $$\n$$ x = x = x $$\n"
    lines = positions.chain_lines(text, [["(x + y)^2", "x^2 + 2xy + y^2", "x^2 + y^2"], ["x", "x", "x"]])
    assert lines == [[3, 3, 5], [6, 6, 6]]
    assert positions.chain_lines(text, [["z^3"]]) == [[None]]


@pytest.mark.parametrize(
    "latex",
    [
        r"\text{<img src=x onerror=alert(1)>}",
        r"\text{<script>alert(1)</script>}",
        r"\href{javascript:alert(1)}{x}",
        r"\text{</math><img src=x onerror=alert(1)>}",
        r"\mathcolor{red}{x} \style{background:url(x)}{y}",
    ],
)
def test_typeset_latex_holds_nothing_but_mathml(latex: str) -> None:
    out = typeset.formula(latex)
    elements = Elements()
    elements.feed(out)
    assert elements.tags and elements.tags <= typeset.MATHML_TAGS, elements.tags
    assert elements.attributes <= typeset.MATHML_ATTRIBUTES | {"xmlns"}, elements.attributes
    assert out.startswith("<math")


class Elements(HTMLParser):
    """The element and attribute names of some markup, as a browser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}


def test_typesetting_keeps_ordinary_mathml() -> None:
    out = typeset.formula(r"\frac{x^2}{\sqrt{2\pi}} e^{-x^2/2} < 1 \quad \text{a \& b}")
    for element in ("<mfrac>", "<msup>", "<msqrt>", "&lt;", "<mtext>"):
        assert element in out


def test_a_step_shows_its_counterexample_and_escapes_what_it_quotes() -> None:
    cx = Counterexample(2, {"x": [1.0, 0.5]}, "3.0", "4.0", "=", "1.0", 100, entries=((2,),))
    step = StepResult(3, "=", "x", "x", "", "<script>", Status.REFUTED, "wrong <b>here</b>", cx, written=r"x^2")
    html = fragments.decided_step(0, step, 8, first_wrong=True)
    assert 'class="step REFUTED wrong"' in html and 'data-line="8"' in html
    assert "Counterexample n = 2, entry 2, at x = [1.0, 0.5]" in html
    assert "claimed e₃ = 3.0 (this line), observed e₂ = 4.0 (the line before)" in html
    assert "<script>" not in html and "<b>here" not in html
    elements = Elements()
    elements.feed(html)
    assert "script" not in elements.tags and "b" in elements.tags  # the <b> of "First wrong step" only


def test_a_step_shows_what_the_reader_understood_typeset_and_never_as_markup() -> None:
    step = StepResult(1, "=", "x", r"\sin{\left(2 x \right)}", "", "", Status.PROVED, "", None, written=r"\sin 2x")
    html = fragments.decided_step(0, step, 3, first_wrong=False)
    assert 'class="reading">read as' in html and "<mi>sin</mi>" in html
    hostile = StepResult(1, "=", "x", "<img src=x onerror=alert(1)>", "", "", Status.PROVED, "", None, written="x")
    elements = Elements()
    elements.feed(fragments.decided_step(0, hostile, 3, first_wrong=False))
    assert "img" not in elements.tags and "onerror" not in elements.attributes
