"""sympy's assumptions derive facts in one fixed order, not a random one (issue 42).

When an object's fact (is_positive, is_zero…) is not known, ``sympy.core.assumptions._ask`` runs the
fact's handler and then queues the facts that could imply it, in an order it shuffles at random
(``_assumptions_shuffle``, a generator of its own that ``budget.start_claim`` seeds for each claim). The
shuffle is there to shake out handlers that disagree with the inference rules: sympy's comment says it
"should not lead to any non-determinism if all handlers are logically consistent". For the engine it has
two costs:

- time: about 6.8 million shuffles of two or three facts in a run of the whole library, each a
  Python-level `random.shuffle` (about 0.85 µs): some 3 % of the engine's CPU;
- a dependence on the process: the list shuffled comes from a set difference of fact names, whose order
  follows the string hash seed, so the facts were tried in an order that depended on PYTHONHASHSEED as well
  as on the seeded generator.

Importing this module makes ``_ask`` sort the queued facts by name instead: one order, the same in every
process whatever its hash seed, and one of the orders the shuffle could have drawn, so nothing sympy
could answer before is lost (tests/language/test_fact_order.py asks sympy's shuffled and sorted
assumptions the same questions on random expressions). Importing it installs the order once, in every
process that builds claims (it is imported with the claim language's other sympy short cuts).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

# imported by name: `import sympy.core.assumptions as …` gives sympy.core's function of that name
_assumptions = importlib.import_module("sympy.core.assumptions")

_original: Callable[[list[Any]], None] = _assumptions.shuffle


def in_order(facts: list[str]) -> None:
    """The queued facts, sorted in place by name (where sympy shuffles them)."""
    facts.sort()


def install() -> None:
    vars(_assumptions)["shuffle"] = in_order


def uninstall() -> None:
    """sympy's own shuffle again (for tests that compare the two)."""
    vars(_assumptions)["shuffle"] = _original


install()
