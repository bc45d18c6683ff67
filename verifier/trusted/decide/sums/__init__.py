"""Index-notation sums at a symbolic size, decided for every n (trusted base).

:mod:`~verifier.trusted.decide.sums.normal` brings an expression with Σ, entries and Kronecker δ to a
normal form by named rules, and :mod:`~verifier.trusted.decide.sums.decide` compares the two sides of
an Identity. The kernel calls :func:`compare` itself (kernel.prove_for_all_n).
"""

from verifier.trusted.decide.sums.decide import SumsComparison, compare
from verifier.trusted.decide.sums.normal import OutsideFragment

__all__ = ["OutsideFragment", "SumsComparison", "compare"]
