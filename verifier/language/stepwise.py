"""Chains: a derivation written line by line, e₀ rel₁ e₁ rel₂ e₂ …, as a statement kind.

Each step relates the previous line to its own, gives an optional reason ("use Σy = 1"),
and may bring assumptions that hold from that step on (the ledger). The engine verifies
every step as a claim of its own (:mod:`verifier.engine.chains`). A chain of statements,
A₀ ⇒ A₁ ⇒ … (or ⇔), has a :class:`Relation` on every line, and each step is an
:class:`Implication`: at every point of the domain where the previous line holds, this one does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from verifier.language.claims import Given, Identity, Inequality, MathData, Statement, Where, _freeze, _givens
from verifier.language.domains import Domain, DomainError
from verifier.language.domains.order import narrows

RELATIONS = ("=", "<=", "<", ">=", ">")
IMPLICATIONS = ("=>", "<=>")


@dataclass(frozen=True)
class Relation(MathData):
    """A statement `lhs op rhs` (op one of RELATIONS), true or false at each point: a line of a
    chain of implications, such as the stationarity condition ∇L = 0."""

    lhs: Any
    op: str
    rhs: Any
    MATH = ("lhs", "rhs")


@dataclass(frozen=True)
class Implication(Statement):
    """premise ⇒ conclusion at every point of the domain (⇔ too if both_ways)."""

    premise: Relation
    conclusion: Relation
    where: Where = field(default_factory=dict)
    both_ways: bool = False
    kind = "implication"
    MATH = ("premise", "conclusion")
    CLAIMED = None


@dataclass(frozen=True)
class Step(MathData):
    """One line of a chain: `relation expr`, optionally why, and assumptions that enter here
    and hold from this step on (the chain's assumption ledger)."""

    relation: str
    expr: Any
    reason: str = ""
    where: Where = field(default_factory=dict)
    written: str = ""  # the line as its author wrote it (LaTeX source), shown instead of sympy's text when given
    MATH = ("expr",)


@dataclass(frozen=True)
class Chain(Statement):
    """e₀ rel₁ e₁ rel₂ e₂ … as written on paper; every step is verified as a claim of its own."""

    start: Any
    steps: tuple[Step, ...]
    where: Where = field(default_factory=dict)
    start_written: str = ""  # e₀ as its author wrote it (LaTeX source), when given
    kind = "chain"
    MATH = ("start", "steps")
    CLAIMED = None

    def given(self) -> tuple[Given, ...]:
        return _givens(self.ledger(len(self.steps)))

    @staticmethod
    def _pairs(where: Where) -> list[tuple[Any, Domain]]:
        return list(where.items() if isinstance(where, Mapping) else where)

    def step_statement(self, i: int) -> Statement:
        """Step i (0-based) as an Identity or Inequality between the previous line and this one,
        under the assumptions in force at step i (see :meth:`ledger`)."""
        previous = self.start if i == 0 else self.steps[i - 1].expr
        step = self.steps[i]
        if step.relation in IMPLICATIONS:
            return Implication(previous, step.expr, where=self.ledger(i + 1), both_ways=step.relation == "<=>")
        if step.relation == "=":
            return Identity(previous, step.expr, where=self.ledger(i + 1))
        return Inequality(previous, step.relation, step.expr, where=self.ledger(i + 1))

    def ledger(self, upto: int) -> list[tuple[Any, Domain]]:
        """The assumptions in force after `upto` steps: the chain's, then each step's in turn; a
        symbol declared again gets its new (narrower) domain from that step on."""
        entries: dict[sp.Basic, Domain] = {}
        for where in (self.where, *(s.where for s in self.steps[:upto])):
            for target, domain in self._pairs(where):
                key = _freeze(target)
                if key in entries and not narrows(domain, entries[key]):
                    raise DomainError(_not_narrower(key, domain, entries[key]))
                entries[key] = domain
        return list(entries.items())

    def end_relation(self) -> str | None:
        """What the steps give between e₀ and the last line: = if all are =, ≤ if ≤ and = mix
        (< if any is strict), ⇒ for implications (⇔ if every step is one), and None when ≤
        meets ≥ (the chain then concludes nothing)."""
        ops = {s.relation for s in self.steps} - {"="}
        if ops & set(IMPLICATIONS):
            return "<=>" if ops == {"<=>"} else "=>"
        if not ops:
            return "="
        if ops <= {"<=", "<"}:
            return "<" if "<" in ops else "<="
        if ops <= {">=", ">"}:
            return ">" if ">" in ops else ">="
        return None

    def end_statement(self) -> Statement | None:
        """e₀ (relation) e_k on its own, under every assumption of the chain."""
        op = self.end_relation()
        if op is None or not self.steps:
            return None
        last = self.steps[-1].expr
        if op in IMPLICATIONS:
            return Implication(self.start, last, where=self.ledger(len(self.steps)), both_ways=op == "<=>")
        if op == "=":
            return Identity(self.start, last, where=self.ledger(len(self.steps)))
        return Inequality(self.start, op, last, where=self.ledger(len(self.steps)))


def _not_narrower(target: sp.Basic, domain: Domain, before: Domain) -> str:
    """Why a step may not declare target again with this domain (a step's where= only narrows)."""
    return (
        f"a step's where= may only narrow a domain: {target} ∈ {domain.describe()} is not inside "
        f"{target} ∈ {before.describe()}, declared before it; declare the narrower domain on the chain, "
        "or verify the other case as a chain of its own"
    )
