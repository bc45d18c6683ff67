"""Jupyter display: a ClaimFamily shows its statement in LaTeX, a ClaimResult its HTML card,
and a list of results (verifier.api.ResultList) a summary table above the cards.

Claims and outcomes are plain data and import no renderer; :func:`register` (called by
``verifier/__init__.py``) attaches ``_repr_latex_`` and ``_repr_html_`` to them. The
renderers are imported on first display, so ``import verifier`` stays light. The report's
style sheet is scoped to the output (``.verifier-output …``), so it never restyles the notebook.
"""

from __future__ import annotations

from verifier.language.families import ClaimFamily
from verifier.outcome import ClaimResult

SCOPE = "verifier-output"


def family_latex(family: ClaimFamily) -> str:
    """The statement at its smallest interesting dimension, as display math."""
    from verifier.engine import display_n
    from verifier.engine.mathtext import render

    latex = render(family.build(display_n(family)))[0]
    return f"$${latex}$$" if latex else family.statement_text


def scoped_css() -> str:
    """The HTML report's style sheet with every rule limited to the output's own <div>."""
    from verifier.render.html import CSS

    rules = []
    for line in CSS.strip().splitlines():
        selectors, brace, body = line.partition("{")
        if not brace or line.startswith("@"):  # not a one-line rule: kept as it is
            rules.append(line)
            continue
        if selectors.split(" ")[0] in ("header", "main"):  # the page's frame: a notebook output has none
            continue
        scoped = ",".join(_scoped(s.strip()) for s in selectors.split(","))
        rules.append(f"{scoped}{brace}{body}")
    return "\n".join(rules)


def _scoped(selector: str) -> str:
    """body → the output's <div>; anything else → inside it."""
    return f".{SCOPE}" if selector == "body" else f".{SCOPE} {selector}"


def result_html(result: ClaimResult) -> str:
    """The same card as in the HTML report, with the statement in MathML."""
    from verifier.render.html import claim_section

    return f'<style>{scoped_css()}</style><div class="{SCOPE}">{claim_section(result)}</div>'


def results_html(results: list[ClaimResult]) -> str:
    """Counts per status, one summary row per claim, then each claim's card."""
    from verifier.language.text import plural, unmet_text
    from verifier.render.html import claim_section, status_cards, summary_table

    unmet = sum(not r.met for r in results)
    head = f"<p><b>{plural(len(results), 'claim')}</b> · {unmet_text(unmet)}</p>"
    cards = f'<div class="cards">{status_cards(results)}</div>'
    body = head + cards + summary_table(results) + "".join(claim_section(r) for r in results)
    return f'<style>{scoped_css()}</style><div class="{SCOPE}">{body}</div>'


def register() -> None:
    """Give ClaimFamily and ClaimResult their Jupyter representations."""
    ClaimFamily._repr_latex_ = family_latex  # type: ignore[attr-defined]
    ClaimResult._repr_html_ = result_html  # type: ignore[attr-defined]
