"""The rungs of the symbolic ladder: is an entry zero, by which rung, within which share of the budget.

Each entry of an obligation goes to the kernel's zero test, cheapest rung first (exact,
expand, atoms, simplify), each rung with its share of the work left. Nothing here makes a
proof: the kernel's Facts come back to :mod:`verifier.strategies.ladder`, which asks a rule to conclude.
"""

from __future__ import annotations

import sympy as sp

from verifier.strategies.budget import BudgetExceeded, WorkClock, budget
from verifier.trusted import kernel
from verifier.trusted.decide.normal_form import is_rational_in_symbols
from verifier.trusted.kernel import Fact, Rejected

__all__ = ["CHEAP_RUNGS", "RUNGS", "RUNG_SHARE", "zero_facts"]

RUNGS = ("exact", "expand", "atoms", "simplify")
CHEAP_RUNGS = ("exact", "expand", "atoms")
RUNG_SHARE = {"exact": 0.05, "expand": 0.25, "atoms": 0.6, "simplify": 1.0}


def zero_facts(entries: list[sp.Expr], clock: WorkClock, rungs: tuple[str, ...] = RUNGS) -> tuple[list[Fact], str]:
    """Facts that each distinct entry is zero; stops at the first entry no rung reduces."""
    facts = _joint_atoms(entries, clock) if "atoms" in rungs else []
    seen: set[sp.Expr] = {f.expr for f in facts}
    for index, entry in enumerate(entries):
        if entry == 0 or entry in seen:
            continue
        seen.add(entry)
        fact, why = _zero_fact(entry, clock, rungs)
        if fact is None:
            return facts, f"entry {index}: {why}"
        facts.append(fact)
    return facts, ""


def _needs_atoms(entry: sp.Expr) -> bool:
    """Exponentials, radicals or denominators: the atoms rung's work, where expand is slow."""
    transcendental = entry.has(sp.exp, sp.tanh, sp.sinh, sp.cosh)
    return transcendental or any(
        (isinstance(p.exp, sp.Rational) and not p.exp.is_integer) or (p.exp.is_negative and p.base.free_symbols)
        for p in entry.atoms(sp.Pow)
    )


def _joint_atoms(entries: list[sp.Expr], clock: WorkClock) -> list[Fact]:
    """The atoms rung on all entries that need it at once; the others go entry by entry."""
    todo = list(dict.fromkeys(e for e in entries if e != 0 and _needs_atoms(e)))
    if len(todo) < 2:
        return []
    try:
        with budget(int(clock.left() * RUNG_SHARE["atoms"])):
            return [f for f in kernel.zeros_by_atoms(todo) if f is not None]
    except BudgetExceeded:
        return []
    except (sp.PolynomialError, TypeError, ValueError, NotImplementedError, RecursionError, ZeroDivisionError):
        return []


def _zero_fact(entry: sp.Expr, clock: WorkClock, rungs: tuple[str, ...]) -> tuple[Fact | None, str]:
    tried = []
    if _needs_atoms(entry):
        rungs = tuple(r for r in rungs if r != "expand")  # atoms subsumes it, and is far faster here
    for rung in rungs:
        if rung == "simplify" and "atoms" in tried and is_rational_in_symbols(entry):
            # the atoms rung said no, and for a rational function that is final: simplify would spend the
            # whole budget (about 20 s for a 2×2 normal equation's wrong multiplier) and show nothing more
            tried.append("simplify (skipped: not zero as a rational function)")
            break
        share = int(clock.left() * RUNG_SHARE[rung])
        try:
            with budget(share):
                return kernel.zero(entry, rung), ""
        except Rejected:
            tried.append(rung)
        except BudgetExceeded:
            tried.append(f"{rung} (out of work budget)")
            if clock.left() <= 0:
                break
        except (
            sp.PolynomialError,
            sp.polys.polyerrors.PolificationFailed,
            TypeError,
            ValueError,
            NotImplementedError,
            RecursionError,
            AttributeError,
            ZeroDivisionError,
        ):
            tried.append(f"{rung} (failed)")
    return None, "not reduced to 0 by " + ", ".join(tried)
