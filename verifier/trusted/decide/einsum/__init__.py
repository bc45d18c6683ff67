"""Generic-dimension matrix calculus: claims in matrix notation decided for every n (trusted base).

:mod:`~verifier.trusted.decide.einsum.read` turns sympy matrix expressions of symbolic size into sums of
index terms, :mod:`~verifier.trusted.decide.einsum.forms` brings them to a canonical form, and
:mod:`~verifier.trusted.decide.einsum.decide` compares the two sides of a claim. The kernel calls
:func:`compare` itself (kernel.prove_for_all_n); equal forms prove the claim for all n.
"""

from verifier.trusted.decide.einsum.decide import FormComparison, compare, first_unlike
from verifier.trusted.decide.einsum.forms import OutsideFragment

__all__ = ["FormComparison", "OutsideFragment", "compare", "first_unlike"]
