"""Chains of steps: verify each line of a derivation as a claim of its own, name the first wrong one.

A :class:`~verifier.language.claims.Chain` is e₀ rel₁ e₁ rel₂ e₂ … as written on paper. Step i
becomes the claim e_{i−1} rel_i e_i, under the chain's assumptions and those that entered
at steps 1 … i, and goes through the whole engine (ladder, kernel, numerics, high-precision
confirmation) as any claim does. The end result e₀ rel e_k, with rel composed from the
steps, is verified on its own too, so a chain whose slips cancel (a wrong middle step, a
right boxed answer) is caught and said so.

The chain's verdict comes from :func:`verifier.trusted.kernel.judge_chain`: PROVED only if every
step is PROVED; REFUTED at the first step with a confirmed counterexample.

The engine's verify function is passed in (``verify_one``), so this module sits beside the
engine without importing it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import sympy as sp

from verifier.engine import built, diagnose, mathtext
from verifier.language import families
from verifier.language.claims import Statement
from verifier.language.domains import DomainError
from verifier.language.families import ClaimFamily
from verifier.language.stepwise import IMPLICATIONS, RELATIONS, Chain, Relation
from verifier.language.text import plural
from verifier.outcome import ClaimResult, Expect, Status, StepResult
from verifier.strategies import memory
from verifier.trusted import kernel
from verifier.trusted.instantiate import ClaimError

VerifyOne = Callable[[ClaimFamily, Any, str], ClaimResult]
StepListener = Callable[[StepResult], None]  # told each step's result as soon as it is decided
_SYMBOLS = {"=": "=", "<=": "≤", "<": "<", ">=": "≥", ">": ">", "=>": "⇒", "<=>": "⇔"}
_LATEX = {"=": "=", "<=": r"\le", "<": "<", ">=": r"\ge", ">": ">"}


def verify_chain(
    family: ClaimFamily,
    chain: Chain,
    settings: Any,
    source: str,
    result: ClaimResult,
    verify_one: VerifyOne,
    on_step: StepListener | None = None,
    answered: tuple[tuple[Any, ...], Any] | None = None,
) -> ClaimResult:
    """The chain's result, built once from every step's verdict, the first wrong step, the end result
    and the chain's status (result: the claim described, before any verdict).

    on_step, if given, is told each step's result as soon as that step is decided (a page that
    streams them); it only listens: the steps are verified in the same order either way.
    answered: (arguments, answer): what the family's builder answered already, if anything; each step and the
    end result are read from the chain built once per n."""
    _validate(chain)
    once = built.builder_once_per_n(family.builder, dict([answered]) if answered is not None else {})
    family = dataclasses.replace(family, builder=once)
    steps: list[tuple[StepResult, ClaimResult]] = []
    quiet = dataclasses.replace(settings, diagnose=False) if getattr(settings, "diagnose", False) else settings
    start_latex, start_inner = _markup(chain.start, e_named := _declares_e(chain))  # typeset now, as every line
    lines = [_markup(step.expr, e_named) for step in chain.steps]
    for i in range(len(chain.steps)):
        steps.append(_verify_step(family, chain, i, quiet, source, verify_one, lines[i]))
        if on_step is not None:
            on_step(steps[-1][0])
        if (
            quiet is not settings
            and steps[-1][1].status is Status.REFUTED
            and all(r.status is not Status.REFUTED for _, r in steps[:-1])
        ):  # the first wrong step: why, after its verdict (a page shows the verdict first, then this)
            steps[-1] = _diagnosed(family, chain, i, steps[-1], settings, verify_one)
            if on_step is not None and steps[-1][0].diagnosis is not None:
                on_step(steps[-1][0])
    sub_results = [r for _, r in steps]
    shown = [s for s, _ in steps]
    status = kernel.judge_chain([s.status for s in shown])
    wrong = next((s for s in shown if s.status is Status.REFUTED), None)
    end = _verify_end(family, chain, settings, source, verify_one)
    gathered = dataclasses.replace(
        result, steps=shown, status=status, start_written=chain.start_written, start_mathml=_math(start_inner),
        start_latex=start_latex, first_wrong_step=wrong.index if wrong else None,
        counterexample=wrong.counterexample if wrong else None, diagnosis=wrong.diagnosis if wrong else None,
        proved_n=[n for n in family.n_values if all(r.for_all_n or n in r.proved_n for r in sub_results)],
        assumptions=list(dict.fromkeys(a for r in sub_results for a in r.assumptions)),
        numeric=[e for r in sub_results for e in r.numeric],
        internal_error=any(r.internal_error for r in [*sub_results, *([end] if end else [])]),
        end_result=end.status.value if end is not None else "",
        for_all_n=status is Status.PROVED and all(r.for_all_n for r in sub_results),  # every step, for every n
    )  # fmt: skip
    reason = _summary(gathered, chain, end) + (f"; note: {family.notes}" if family.notes else "")
    if family.planted is not None and gathered.first_wrong_step != family.planted:
        named = f"step {gathered.first_wrong_step}" if gathered.first_wrong_step else "no step"
        reason += f"; the planted slip is step {family.planted}, but {named} was named as the first wrong one"
    if end is not None and end.status is Status.REFUTED and status in (Status.PROVED, Status.CHECKED):
        reason = "ENGINE INCONSISTENCY: every step holds but the end result was refuted. " + reason
        return dataclasses.replace(gathered, status=Status.UNKNOWN, inconsistency=True, reason=reason)
    return dataclasses.replace(gathered, reason=reason)


def _validate(chain: Chain) -> None:
    if not chain.steps:
        raise ClaimError("a chain needs at least one step: Chain(e0, steps=(Step('=', e1), ...))")
    statements = isinstance(chain.start, Relation)
    allowed = IMPLICATIONS if statements else RELATIONS
    for i, step in enumerate(chain.steps, start=1):
        if step.relation not in allowed:
            what = "a chain of statements joins them with" if statements else "use one of"
            raise ClaimError(f"step {i}: relation {step.relation!r}; {what} {', '.join(allowed)}")
        if isinstance(step.expr, Relation) != statements:
            raise ClaimError(
                f"step {i}: ⇒ and ⇔ join statements Relation(lhs, op, rhs), and =, ≤ join expressions; "
                "a chain is made of one or the other"
            )
    try:
        chain.ledger(len(chain.steps))  # a step's where= only narrows: said once, for the chain
    except DomainError as err:
        raise ClaimError(str(err)) from None


def _derived(family: ClaimFamily, suffix: str, pick: Callable[[Chain], Statement | None], text: str) -> ClaimFamily:
    def builder(*n: int) -> Statement:
        chain = families.call(family.builder, *n)
        if not isinstance(chain, Chain):
            raise ClaimError("the chain's builder returned something else at another n")
        statement = pick(chain)
        if statement is None:
            raise ClaimError("the steps give no relation between the first and the last line")
        return statement

    return dataclasses.replace(
        family, name=f"{family.name}.{suffix}", builder=builder, expect=Expect.HOLDS, statement_text=text
    )


def _diagnosed(
    family: ClaimFamily, chain: Chain, i: int, step: tuple[StepResult, ClaimResult], settings: Any,
    verify_one: VerifyOne,
) -> tuple[StepResult, ClaimResult]:  # fmt: skip
    """The step with its diagnosis (verifier/engine/diagnose.py); a diagnosis that fails is none."""
    evidence, r = step
    sub = _step_family(family, chain, i)
    reread = family.reread
    written = chain.steps[i].written

    def edited(text: str) -> ClaimFamily | None:
        again = reread(i + 1, text) if reread is not None else None
        return _step_family(again, chain, i) if again is not None else None

    try:
        found = diagnose.diagnose(sub, r, verify_one, settings, (written, edited) if reread and written else None)
    except Exception as err:  # optional: its absence is never an error
        found = memory.noted(err, None)
    return dataclasses.replace(evidence, diagnosis=found), dataclasses.replace(r, diagnosis=found)


def _step_family(family: ClaimFamily, chain: Chain, i: int) -> ClaimFamily:
    step = chain.steps[i]
    text = step.written or _text(step.expr)
    return _derived(
        family, f"step{i + 1}", lambda c: c.step_statement(i), f"step {i + 1}: {_SYMBOLS[step.relation]} {text}"
    )


def _verify_step(
    family: ClaimFamily, chain: Chain, i: int, settings: Any, source: str, verify_one: VerifyOne,
    markup: tuple[str, str],
) -> tuple[StepResult, ClaimResult]:  # fmt: skip
    step = chain.steps[i]
    text = step.written or _text(step.expr)
    r = verify_one(_step_family(family, chain, i), settings, source)
    latex, inner = markup
    evidence = StepResult(
        i + 1, step.relation, text, latex, _math(inner), step.reason, r.status, r.reason, r.counterexample,
        written=step.written, for_all_n=r.for_all_n, diagnosis=r.diagnosis,
    )  # fmt: skip
    return evidence, r


def _math(inner: str) -> str:
    return f'<math xmlns="http://www.w3.org/1998/Math/MathML">{inner}</math>'


def _verify_end(
    family: ClaimFamily, chain: Chain, settings: Any, source: str, verify_one: VerifyOne
) -> ClaimResult | None:
    if chain.end_relation() is None:
        return None
    return verify_one(_derived(family, "end", lambda c: c.end_statement(), "end result"), settings, source)


def _summary(result: ClaimResult, chain: Chain, end: ClaimResult | None) -> str:
    k = len(result.steps)
    relation = chain.end_relation()
    end_text = (
        f"end result e₀ {_SYMBOLS[relation]} e{_sub(k)}: {end.status.value}{_why(end)}"
        if end is not None and relation
        else "the steps conclude nothing between the first and last line (≤ meets ≥)"
    )
    wrong = next((s for s in result.steps if s.status is Status.REFUTED), None)
    if wrong is not None:
        cancel = _cancel(result, wrong.index, end)
        line = f"{_SYMBOLS[wrong.relation]} {wrong.text}"
        return f"step {wrong.index} of {k} is wrong ({line}): {wrong.evidence}; {end_text}{cancel}"
    counts = {s: sum(1 for step in result.steps if step.status is s) for s in Status}
    tally = ", ".join(f"{c} {s.value}" for s, c in counts.items() if c)
    weakest = next((s for s in result.steps if s.status is result.status and s.status is not Status.PROVED), None)
    detail = f"; step {weakest.index}: {weakest.evidence}" if weakest is not None else ""
    return f"{plural(k, 'step')}: {tally}; {end_text}{detail}"


def _cancel(result: ClaimResult, wrong: int, end: ClaimResult | None) -> str:
    """What an end result that holds though step `wrong` does not says: a later refuted step cancels the slip; with
    none (x² = x² + 1 ≤ x² + 2: the ≤ takes the slip in), the steps just do not lead to it."""
    if end is None or end.status not in (Status.PROVED, Status.CHECKED):
        return ""
    if any(s.status is Status.REFUTED for s in result.steps if s.index > wrong):
        return " — it holds on its own, so later slips cancel this one"
    return " — it holds on its own, though these steps do not lead to it"


def _why(end: ClaimResult) -> str:
    """The end result's own reason when it is neither shown nor refuted (an UNKNOWN says why)."""
    if end.status in (Status.PROVED, Status.CHECKED, Status.REFUTED) or not end.reason:
        return ""
    text = end.reason.rpartition("::")[2]
    return f" ({text.removeprefix(end.name).lstrip(': ')})"


def _declares_e(chain: Chain) -> bool:
    """The chain declares a symbol e (the error in Newton's method): its lines write Euler's number as \\exp(1)."""
    where = chain.where.items() if isinstance(chain.where, dict) else chain.where
    return any(mathtext.names_e(getattr(target, "free_symbols", ())) for target, _ in where)


def _markup(expr: Any, e_named: bool) -> tuple[str, str]:
    """(latex, presentation MathML) of a line: an expression, or a statement lhs op rhs."""
    if isinstance(expr, Relation):
        (ll, lm), (rl, rm) = _markup(expr.lhs, e_named), _markup(expr.rhs, e_named)
        mo = {"<=": "&#x2264;", ">=": "&#x2265;", "<": "&lt;", ">": "&gt;"}.get(expr.op, expr.op)
        return f"{ll} {_LATEX[expr.op]} {rl}", f"<mrow>{lm}<mo>{mo}</mo>{rm}</mrow>"
    line = _scalar(expr)
    return mathtext.latex(line, e_named), mathtext.mathml(line)


def _text(expr: Any) -> str:
    if isinstance(expr, Relation):
        return f"{_text(expr.lhs)} {_SYMBOLS[expr.op]} {_text(expr.rhs)}"
    value = _scalar(expr)
    return sp.sstr(value.tolist()) if isinstance(value, sp.MatrixBase) else sp.sstr(value)


def _scalar(expr: Any) -> Any:
    if isinstance(expr, sp.MatrixBase) and expr.shape == (1, 1):
        return expr[0, 0]
    return sp.sympify(expr)


def _sub(k: int) -> str:
    return str(k).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
