"""Jupyter display: a ClaimFamily shows its statement in LaTeX, a ClaimResult its HTML card.

Claims and outcomes are plain data and import no renderer; :func:`register` (called by
``verifier/__init__.py``) attaches ``_repr_latex_`` and ``_repr_html_`` to them. The
renderers are imported on first display, so ``import verifier`` stays light.
"""

from __future__ import annotations

from verifier.claims import ClaimFamily
from verifier.outcome import ClaimResult


def family_latex(family: ClaimFamily) -> str:
    """The statement at its smallest interesting dimension, as display math."""
    from verifier.engine import display_n
    from verifier.mathtext import render

    latex = render(family.build(display_n(family)))[0]
    return f"$${latex}$$" if latex else family.statement_text


def result_html(result: ClaimResult) -> str:
    """The same card as in the HTML report, with the statement in MathML."""
    from verifier.render.html import CSS, claim_section

    return f"<style>{CSS}</style>" + claim_section(result)


def register() -> None:
    """Give ClaimFamily and ClaimResult their Jupyter representations."""
    ClaimFamily._repr_latex_ = family_latex  # type: ignore[attr-defined]
    ClaimResult._repr_html_ = result_html  # type: ignore[attr-defined]
