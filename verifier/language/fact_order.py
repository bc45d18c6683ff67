"""sympy's assumptions derive facts in one fixed order, not a random one (issue 42).

When an object's fact (is_positive, is_zero…) is not known, ``sympy.core.assumptions._ask`` runs the
fact's handler and then queues the facts that could imply it, in an order it shuffles at random
(``_assumptions_shuffle``, a generator of its own that ``budget.start_claim`` seeds for each claim). The
shuffle is there to shake out handlers that disagree with the inference rules: sympy's comment says it
"should not lead to any non-determinism if all handlers are logically consistent". For the engine it has
two costs:

- time: about 6.8 million shuffles of two or three facts in a run of the whole library, each a
  Python-level `random.shuffle` (about 0.85 µs). Sorted, five files of the library took 7 % less CPU in one
  process, and the whole library 3 % less through `verify-all` (reports/bench_issue42_fact_order);
- a dependence on the process: the list shuffled comes from a set difference of fact names, whose order
  follows the string hash seed, so the facts were tried in an order that depended on PYTHONHASHSEED as well
  as on the seeded generator.

Importing this module makes ``_ask`` sort the queued facts by name instead: one order, the same in every
process whatever its hash seed. Each list is put in an order the shuffle could have drawn for it. Where
sympy's handlers agree with each other, every order gives the same answer. Where they do not, the answer
depends on the order, and no order is right everywhere. A red team found two such expressions
(tests/language/test_fact_order.py):

- 1/s, with s declared zero, is is_infinite False when sorted, where half of sympy's seeds say True;
- z = (∛3 + 3^{5/6} i)⁶ W(1) + 1 ≈ 327.7 is is_extended_nonzero False when sorted, as under 12 of 50 seeds.

So a claim built on such an expression can get another verdict than under the shuffle's seed 0:
Heaviside(z) = 1/2 was PROVED under it, and is UNKNOWN sorted. Such claims rest on sympy's inconsistent
facts either way (docs/explanation/known-limits.md); the library's claims all kept their verdicts. The order
is installed by importing the claim language (``verifier.language.claims`` imports this module), so a
statement is built under it too, not only verified.
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
