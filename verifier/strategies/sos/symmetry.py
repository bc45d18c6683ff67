"""Sign symmetry of a Gram problem: its blocks split by the parity of their monomials.

Let G be the sign flips tᵢ → −tᵢ of the variables in which the target and every block's multiplier are
even (each exponent of tᵢ even). A flip g maps a monomial basis z_b to D_g·z_b with D_g diagonal, ±1. If
target = Σ_b m_b·z_bᵀQ_b z_b with every Q_b ⪰ 0, the same holds at g·t, and the target and the m_b are
unchanged there, so target = Σ_b m_b·z_bᵀ Q̄_b z_b with Q̄_b the mean of D_g Q_b D_g over G: still ⪰ 0,
and its entry (a, c) is 0 unless the monomials a and c have the same parity in every flipped variable
(Gatermann & Parrilo, *Symmetry groups, semidefinite programs, and sums of squares*, J. Pure Appl.
Algebra 192 (2004), §8.1). So a block may be split by that parity without losing any certificate (a
strictly feasible Q gives a strictly feasible mean, so facial reduction sees the same faces), and the
SDP is solved on blocks a fraction of the size (linear_algebra.am_gm_trace_determinant at n = 3: one
56 × 56 block became six of 6 and twenty of 1).

A split is search, outside the trusted base: the kernel checks the squares it leads to, as any others.
"""

from __future__ import annotations

from fractions import Fraction

from verifier.strategies.sos.exact import Block, GramProblem, Monomial


def flips(problem: GramProblem) -> list[int]:
    """The variables whose sign flip fixes the target and every multiplier (every exponent of them even)."""
    monomials = [*problem.target, *(blk.multiplier for blk in problem.blocks)]
    width = len(monomials[0]) if monomials else 0
    return [i for i in range(width) if all(m[i] % 2 == 0 for m in monomials)]


def parity_classes(basis: list[Monomial], flipped: list[int]) -> list[list[Monomial]]:
    """The basis by parity in the flipped variables, each class in the basis's order, the classes in the order
    of their first monomial."""
    classes: dict[tuple[int, ...], list[Monomial]] = {}
    for a in basis:
        classes.setdefault(tuple(a[i] % 2 for i in flipped), []).append(a)
    return list(classes.values())


def split_by_signs(problem: GramProblem) -> GramProblem:
    """The problem with each block of monomials split by parity in the flipped variables (the same problem
    where no variable flips, or a block's basis is not one of plain monomials)."""
    flipped = flips(problem)
    if not flipped or any(len(z) != 1 for blk in problem.blocks for z in blk.basis):
        return problem
    blocks = []
    for blk in problem.blocks:
        basis = [next(iter(z)) for z in blk.basis]
        for part in parity_classes(basis, flipped):
            blocks.append(Block(blk.multiplier, tuple({a: Fraction(1)} for a in part)))
    return GramProblem(problem.target, tuple(blocks))
