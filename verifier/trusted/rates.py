"""Exact computations behind the kernel's rules for iterations with memory and vector maps.

Part of the trusted base, like :mod:`verifier.trusted.obligations`: these compute, from the
instantiated claim, what the kernel compares (:func:`verifier.trusted.kernel.prove_leading_term`);
they decide nothing themselves. A claim that does not fit raises NotShowable.

* :func:`leading_monomial`: the error map g(e₀, …, e_{m−1}) = step(x* + e₀, …) − x* of a
  scalar map with memory, as a rational function N/D with D(0) ≠ 0, written
  N = e₀^{a₀}···e_{m−1}^{a_{m−1}}·N′ with N′(0) ≠ 0; then g = K·Π eᵢ^{aᵢ}·(1 + o(1)) with
  K = N′(0)/D(0).
* :func:`state_jacobian`: the Jacobian at (x*, …, x*) of the state map
  (x_k, …, x_{k−m+1}) ↦ (step, x_k, …, x_{k−m+2}), a block companion matrix.
* :func:`real_spectrum` and :func:`sign`: exact eigenvalues of a concrete matrix (real
  roots of its characteristic polynomial over QQ) and exact signs of algebraic numbers
  (zero decided by the minimal polynomial).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import sympy as sp
from sympy.polys.polyerrors import NotAlgebraic

from verifier.language import walk
from verifier.language.iteration import Iteration
from verifier.language.text import clipped
from verifier.trusted import obligations, provisos, state_domain
from verifier.trusted.decide import normal_form
from verifier.trusted.instantiate import Instance
from verifier.trusted.obligations import NotShowable

SIGN_DIGITS = 60
MEMORY_THEOREM = (
    "order = the positive root of q² = a₀q + a₁, the other root inside the unit circle, so "
    "|e_(k+1)|/|e_k|^q → |K|^(1/(1 − q′)) (Ostrowski; Traub 1964: one-point iterations with memory)"
)
NEAR = "starting values close enough to the root"
FROM_START = NEAR + " (the claim's own start reaches them in the numeric iteration: not proved)"
NEAR_RATE = NEAR + " (the rate is the worst case over them)"
RATE_THEOREM = (
    "a fixed point with ρ(J) < 1 attracts, and ρ(J) is the rate lim sup ‖e_k‖^(1/k) "
    "(Ostrowski; Ortega & Rheinboldt, Thm 10.1.3–10.1.4)"
)


@dataclass(frozen=True)
class Monomial:
    """g = coefficient·Π eᵢ^{exponents[i]}·(1 + o(1)) as all eᵢ → 0."""

    exponents: tuple[int, ...]
    coefficient: sp.Expr


def _errors(m: int) -> tuple[sp.Dummy, ...]:
    return tuple(sp.Dummy(f"e{i}") for i in range(m))


def one_step_error_map(inst: Instance, shape: Iteration) -> tuple[sp.Expr, sp.Dummy]:
    """(g(e), e): g(e) = step(x* + e) − x* for a one-step scalar map, in the symbolic view."""
    step, root, e = inst.symbolic(shape.step[0]), inst.symbolic(shape.root[0]), sp.Dummy("e")
    x = inst.to_symbolic.get(shape.items[0][0], shape.items[0][0])
    return sp.sympify(step).subs(x, root + e) - root, e


def _root_of(inst: Instance, shape: Iteration) -> tuple[list[sp.Expr], dict[sp.Symbol, sp.Expr]]:
    """(x*, each iterate symbol ↦ its entry of x*), in the symbolic view."""
    root = [inst.symbolic(r) for r in shape.root]
    return root, {s: root[j] for item in shape.items for j, s in enumerate(item)}


def fixed_point_gap(inst: Instance, shape: Iteration) -> list[sp.Expr]:
    """step(x*, …, x*) − x*, entry by entry (zero when the root is a fixed point)."""
    root, at_root = _root_of(inst, shape)
    return [sp.sympify(inst.symbolic(f)).xreplace(at_root) - r for f, r in zip(shape.step, root, strict=True)]


def near(inst: Instance, shape: Iteration, *near: str) -> tuple[str, ...]:
    """A convergence proof's assumptions: the claim's, then its proviso, the step near the root (each node's arguments
    at the root, every denominator nonzero and every argument strictly inside its real domain there, so the step is
    real beside the root too), the root and the constant, then near. The proof's series and fractions are the same
    in ℂ: x − f/f′ with f = (x − a)·asin(u(a)) + (x − a)² was PROVED on a ∈ ℝ, complex where u(a) > 1 (red team
    helper-70), as were x ↦ (x + a/x)/2 with root √a on a ∈ ℝ and 1 + (x − 1)² + (x − 1)³√a (helper-72). A claim
    with a start says last that the proof is local and the start was seen, not proved, to lead near the root: Newton
    for x² − 2 from 3/2 was "proved (together)", as if from 3/2 (red team, convergence)."""
    root, at_root = _root_of(inst, shape)
    step = [sp.sympify(inst.symbolic(f)) for f in shape.step]
    constant = inst.symbolic(sp.sympify(inst.claim.body.constant))  # type: ignore[attr-defined]
    if shape.start is not None:  # the proof is local; a start is checked by iteration
        near = (*(n for n in near if n != NEAR), FROM_START)
    return (*inst.assumptions, *provisos.near_a_point([*step, *root, constant], at_root), *near)


def leading_monomial(inst: Instance, shape: Iteration) -> Monomial:
    """The leading monomial of a scalar map's error map (see the module docstring)."""
    if shape.dim != 1:
        raise NotShowable("the leading monomial is defined for scalar maps")
    step, root = inst.symbolic(shape.step[0]), inst.symbolic(shape.root[0])
    if obligations.has_cases(step):
        raise NotShowable("the step branches (Abs, Max, Piecewise, ...)")
    es = _errors(shape.memory)
    g = sp.sympify(step).xreplace({item[0]: root + e for item, e in zip(shape.items, es, strict=True)}) - root
    numer, denom = sp.fraction(sp.cancel(sp.together(g)))
    if not (numer.is_polynomial(*es) and denom.is_polynomial(*es)):
        raise NotShowable("the error map is not a rational function of the errors")
    at_zero = dict.fromkeys(es, sp.Integer(0))
    d0 = sp.sympify(denom).xreplace(at_zero)
    if d0.is_zero is not False:
        raise NotShowable(f"the error map's denominator at the root, {clipped(d0, 60)}, is not provably nonzero")
    poly = sp.Poly(numer, *es)
    if poly.is_zero:
        raise NotShowable("the error map is identically 0")
    exponents = tuple(min(mono[i] for mono in poly.monoms()) for i in range(len(es)))
    lead = poly.coeff_monomial(sp.Mul(*[e**a for e, a in zip(es, exponents, strict=True)]))
    coefficient = sp.cancel(lead / d0)
    if coefficient.is_zero is not False:
        raise NotShowable("the error map has no single leading monomial (its coefficient is not provably nonzero)")
    return Monomial(exponents, coefficient)


def state_jacobian(inst: Instance, shape: Iteration) -> sp.ImmutableMatrix:
    """The block companion Jacobian of the state map at (x*, …, x*)."""
    step = [sp.sympify(inst.symbolic(f)) for f in shape.step]
    if any(obligations.has_cases(f) for f in step):
        raise NotShowable("the step branches (Abs, Max, Piecewise, ...): no Jacobian at the root")
    state = set(shape.symbols)
    if jumps := [n for n in walk.nodes(step) if isinstance(n, _JUMPS) and n.free_symbols & state]:
        # sympy's derivative of acot is −1/(1 + x²) at 0 too, where acot jumps by π: x ↦ (x/2 + (acot x − π/2)/4, y/2)
        # had the rate 1/2 PROVED, though every start left of the root leaves it (red team 118)
        raise NotShowable(f"the step holds {clipped(jumps[0], 60)}, which may jump at the root: no Jacobian there")
    root = [inst.symbolic(r) for r in shape.root]
    at_root = {s: root[j] for item in shape.items for j, s in enumerate(item)}
    d, m = shape.dim, shape.memory
    top = sp.Matrix([[sp.diff(f, s).xreplace(at_root) for s in shape.symbols] for f in step])
    below = sp.eye(d * (m - 1)).row_join(sp.zeros(d * (m - 1), d)) if m > 1 else sp.zeros(0, d * m)
    jac = sp.ImmutableMatrix(top.col_join(below))
    if any(v.has(sp.zoo, sp.nan, sp.oo, -sp.oo) for v in jac):
        raise NotShowable("the step is not differentiable at the root")
    return jac


def real_spectrum(jac: sp.MatrixBase) -> list[sp.Expr]:
    """The eigenvalues of a concrete matrix with exact rational entries, all real, with multiplicity."""
    if not all(sp.sympify(v).is_Rational for v in jac):
        raise NotShowable("the Jacobian at the root is not a matrix of exact rational numbers")
    t = sp.Dummy("t")
    chi = jac.charpoly(t)
    roots = sp.real_roots(chi)
    if len(roots) != chi.degree():
        raise NotShowable("the Jacobian at the root has complex eigenvalues (not decided by this rule)")
    return list(roots)


def sign(number: sp.Expr) -> int:
    """The exact sign of a real algebraic number: 0 by its minimal polynomial, else by evaluation."""
    x = sp.Dummy("x")
    if sp.sympify(number).has(sp.Float):
        raise NotShowable(f"{clipped(number, 60)} holds a Float: write exact Rationals")
    try:
        if sp.minimal_polynomial(number, x) == x:
            return 0
    except (NotImplementedError, ValueError, sp.PolynomialError, NotAlgebraic):
        raise NotShowable(f"{clipped(number, 60)} is not an algebraic number sympy can decide") from None
    value = sp.sympify(number).evalf(SIGN_DIGITS)
    if not value.is_comparable or abs(value) < sp.Float(10) ** (10 - SIGN_DIGITS):
        raise NotShowable(f"the sign of {clipped(number, 60)} is not decided at {SIGN_DIGITS} digits")
    return 1 if value > 0 else -1


def is_spectral_radius(rho: sp.Expr, eigenvalues: list[sp.Expr]) -> bool:
    """max |λ| == rho exactly, for real eigenvalues: every ±λ ≤ rho, with equality for one."""
    margins = [sign(rho - side) for lam in eigenvalues for side in (lam, -lam)]
    return bool(margins) and min(margins) >= 0 and 0 in margins


def vanishes(expr: sp.Expr) -> bool:
    """expr is identically 0 by the exact, expand or simplify normaliser."""
    return any(normal_form.NORMALISERS[rung](expr) for rung in ("exact", "expand", "simplify"))


def power(c: sp.Expr, s: sp.Expr) -> sp.Expr:
    """c^s, with the exponents multiplied out when c = b^t and b ≥ 0 ((b^t)^s = b^(ts) there)."""
    if c.is_Pow and c.base.is_nonnegative and c.exp.is_real:
        return c.base ** sp.expand(c.exp * s)
    return c**s


def one_step_leading_term(inst: Instance, shape: Iteration, q: int, constant: sp.Expr) -> tuple[str, str]:
    """(rung, detail) when the one-step error map is g(e) = C·e^q + O(e^{q+1}); NotShowable otherwise."""
    error_map, e = one_step_error_map(inst, shape)
    if constant.is_zero is not False:  # C = a² − 2 on a ∈ ℝ: at a = √2 the order is higher (helper-72)
        raise NotShowable(
            f"the constant {clipped(constant, 60)} is not shown nonzero; where it is 0 the order is higher"
        )
    if q == 1 and not _contracts(constant):
        shown = clipped(constant, 60)
        raise NotShowable(f"|{shown}| < 1 is not shown: order 1 converges only for a constant inside (−1, 1)")
    _same_branches_beside_the_root(inst, shape)
    state_domain.iterates_stay(inst, shape, q, constant)
    numer, denom = sp.fraction(sp.cancel(sp.together(error_map - constant * e**q)))
    d0 = denom.subs(e, 0)
    if d0.is_zero is None:  # (c·e³ + e⁵)/(c·e + e⁴) with c = a² − 2 is e²/1 for a ≠ ±√2 and 1 there (helper-73)
        raise NotShowable(f"the error map's denominator at the root, {clipped(d0, 60)}, is not shown nonzero")
    if d0.is_zero is False and numer.is_polynomial(e) and denom.is_polynomial(e):
        low = min((m[0] for m in sp.Poly(sp.expand(numer), e).monoms()), default=q + 1)
        if low > q:
            return "together", f"numerator of g(e) − C·e^{q} starts at e^{low}"
    for side in ("+", "-"):  # sympy expands from the right by default: x·|x| is x² there and −x² on the left
        gap = sp.expand(sp.series(error_map, e, 0, q + 1, dir=side).removeO() - constant * e**q)
        if gap != 0 and sp.simplify(gap) != 0:
            where = "right" if side == "+" else "left"
            raise NotShowable(f"series from the {where} has extra terms {clipped(gap, 80)}")
    return "series", f"series of g(e) from both sides is C·e^{q} + O(e^{q + 1})"


_SWITCHES = (sp.Abs, sp.sign, sp.Heaviside, sp.Max, sp.Min, sp.Piecewise, sp.floor, sp.ceiling, sp.frac)
_JUMPS = (sp.acot, sp.atan2, sp.arg, sp.floor, sp.ceiling, sp.frac, sp.Mod)  # discontinuous with a finite derivative


def _same_branches_beside_the_root(inst: Instance, shape: Iteration) -> None:
    """NotShowable unless whether the step switches branch at the root is the same for every parameter value: each
    |u|, sign u, H(u), max(u, v), u's floor and Piecewise condition is at the switch there (u = 0, an integer), which
    the one-sided series see, or shown away from it. 1 + e²(1 + sign(e − c) − sign(−c)) is C = 1 for c ≠ 0 and not
    at c = 0, where a generic series does not look (helper-73)."""
    _, at_root = _root_of(inst, shape)
    for node in walk.nodes([sp.sympify(inst.symbolic(f)) for f in shape.step]):
        if isinstance(node, _SWITCHES) and any(not _decided(a.xreplace(at_root), node) for a in _switching(node)):
            raise NotShowable(f"whether {clipped(node, 60)} switches branch at the root depends on the parameters")


def _switching(node: sp.Basic) -> list[sp.Expr]:
    """What decides the branch of a switching node: its argument; max(u, v)'s u − v; a Piecewise's conditions."""
    if isinstance(node, sp.Max | sp.Min):
        return [a - b for a, b in itertools.combinations(node.args, 2)]
    if isinstance(node, sp.Piecewise):
        relations = [r for pair in node.args for r in sp.sympify(pair.cond).atoms(sp.Rel)]
        return [r.lhs - r.rhs for r in relations]
    return [node.args[0]]


def _decided(at: sp.Expr, node: sp.Basic) -> bool:
    if isinstance(node, sp.floor | sp.ceiling | sp.frac):
        return at.is_integer is not None
    return at.is_zero is not None


def _contracts(constant: sp.Expr) -> bool:
    """−1 < C < 1: exactly for a number, by the symbols' assumptions for a parameter (x ↦ a·x on a ∈ [0, 3]
    diverges at a = 2: its leading term a·e shows no convergence)."""
    if constant.free_symbols:
        return (1 - constant).is_positive is True and (1 + constant).is_positive is True
    return sign(1 - constant) > 0 and sign(1 + constant) > 0


def memory_order_detail(inst: Instance, shape: Iteration, q: sp.Expr) -> str:
    """Two-point maps: g = K·e_k^{a₀}e_{k−1}^{a₁}(1 + o(1)) with a₀ + a₁ ≥ 2; q the positive root of
    q² = a₀q + a₁ (the only one, by Descartes' rule), q′ = a₀ − q the other with |q′| < 1; then
    y_k = log|e_k| has y_{k+1} − q·y_k → log|K|/(1 − q′), so the constant is |K|^{1/(1 − q′)}.
    The detail line for the proof, or NotShowable naming what fails."""
    if shape.memory != 2:
        raise NotShowable("orders of maps with memory are decided for two-point maps only")
    state_domain.iterates_stay(inst, shape)
    lead = leading_monomial(inst, shape)
    (a0, a1), k = lead.exponents, lead.coefficient
    if a0 + a1 < 2 or not vanishes(sp.expand(q**2 - a0 * q - a1)) or q.is_positive is not True:
        raise NotShowable(f"order {sp.sstr(q)} is not a root > 1 of q² = {a0}q + {a1}")
    other = a0 - q
    if sign(1 - other) <= 0 or sign(1 + other) <= 0:
        raise NotShowable(f"the other root {sp.sstr(other)} of q² = {a0}q + {a1} is not inside the unit circle")
    c, s1 = inst.symbolic(sp.sympify(inst.claim.body.constant)), sp.expand(1 - other)  # type: ignore[attr-defined]
    if c.is_nonnegative is not True or not vanishes(power(c, s1) - sp.Abs(k)):
        raise NotShowable(f"constant is not |K|^(1/({sp.sstr(s1)})) for K = {clipped(k, 60)}")
    return f"g = K·e_k^{a0}·e_(k−1)^{a1}·(1 + o(1)), K = {clipped(k, 60)}; {MEMORY_THEOREM}"


def linear_rate_detail(inst: Instance, shape: Iteration) -> str:
    """The rate is ρ(J) < 1, J the Jacobian at the root of the state map, all computed exactly;
    the detail line for the proof, or NotShowable naming what fails."""
    if not all(vanishes(gap) for gap in fixed_point_gap(inst, shape)):
        raise NotShowable("the root is not shown to be a fixed point of the step")
    state_domain.iterates_stay(inst, shape)
    eigenvalues = real_spectrum(state_jacobian(inst, shape))
    rho = sp.sympify(inst.symbolic(sp.sympify(inst.claim.body.constant)))  # type: ignore[attr-defined]
    if not is_spectral_radius(rho, eigenvalues) or sign(1 - rho) <= 0:
        raise NotShowable(f"{sp.sstr(rho)} is not ρ(J(x*)) < 1 (eigenvalues {eigenvalues})")
    return f"J(x*) has eigenvalues {clipped(eigenvalues, 120)}; ρ(J(x*)) = {sp.sstr(rho)}; {RATE_THEOREM}"
