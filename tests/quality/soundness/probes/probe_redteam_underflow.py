"""Red team: claims whose values fall below floats' normal range at every sample (inequalities, identities, PSD
claims, derivatives and Hessians).

On a domain of numbers near 10⁻¹⁷⁰, a product of two of them is about 10⁻³⁴⁰, which floats round to 0. Both sides
of A₁₁A₂₂ ≥ A₁₂A₂₁ were then 0 at every sample, the comparison 0 ≥ 0 held 200 times, and a false claim was CHECKED
"(worst 0, tol 0 (exact))". The samples where both sides fell below the normal range are blind now: only high
precision counts there, with margins measured against the largest value the evaluation computed (the decision is
exact for rational sides), and a gap within those margins is undecided, never passed.

Each claim is over a, b, c, d ∈ [0, 10⁻¹⁷⁰]. TRUTH maps each claim to (truth, class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import PSD, Derivative, Identity, Inequality, Interval, claim

T = sp.Rational(1, 10**170)
a, b, c, d = sp.symbols("a b c d", real=True)
TINY = {a: Interval(0, T), b: Interval(0, T), c: Interval(0, T), d: Interval(0, T)}


@claim()
def tiny_determinant_nonnegative() -> Inequality:
    """ad ≥ bc on [0, 10⁻¹⁷⁰]⁴: false at a = d = 0, b = c = 10⁻¹⁷⁰ (0 ≥ 10⁻³⁴⁰)."""
    return Inequality(a * d, ">=", b * c, where=TINY)


@claim()
def tiny_determinant_times_exp_nonnegative() -> Inequality:
    """ad·eᵃ ≥ bc on [0, 10⁻¹⁷⁰]⁴: false at a = d = 0, b = c = 10⁻¹⁷⁰ (0 ≥ 10⁻³⁴⁰)."""
    return Inequality(a * d * sp.exp(a), ">=", b * c, where=TINY)


@claim()
def tiny_products_strictly_ordered() -> Inequality:
    """ad > bc on [0, 10⁻¹⁷⁰]⁴: false at a = b = c = d = 0."""
    return Inequality(a * d, ">", b * c, where=TINY)


@claim()
def tiny_sum_of_products_nonnegative() -> Inequality:
    """ad + bc ≥ 0 on [0, 10⁻¹⁷⁰]⁴.

    Proof: every factor is ≥ 0, so both products are."""
    return Inequality(a * d + b * c, ">=", 0, where=TINY)


@claim()
def tiny_exp_minus_one_bound() -> Inequality:
    """eᵃ − 1 ≥ a on [0, 10⁻¹⁷⁰]. At 50 and 100 digits eᵃ − 1 rounds to 0 next to 1, so the gap is −a at both.

    Proof: eᵃ ≥ 1 + a for every real a (the tangent line of a convex function)."""
    return Inequality(sp.exp(a) - 1, ">=", a, where=TINY)


@claim()
def tiny_product_times_exp_bound() -> Inequality:
    """ab·eᵃ ≥ ab on [0, 10⁻¹⁷⁰]⁴.

    Proof: ab ≥ 0 and eᵃ ≥ 1 for a ≥ 0."""
    return Inequality(a * b * sp.exp(a), ">=", a * b, where=TINY)


@claim()
def tiny_products_times_exp_equal() -> Identity:
    """ad·eᵃ = bc·eᵇ on [0, 10⁻¹⁷⁰]⁴: false at a = d = 0, b = c = 10⁻¹⁷⁰ (0 against 10⁻³⁴⁰·e^{10⁻¹⁷⁰})."""
    return Identity(a * d * sp.exp(a), b * c * sp.exp(b), where=TINY)


@claim()
def tiny_sines_equal() -> Identity:
    """sin(ad) = sin(bc) on [0, 10⁻¹⁷⁰]⁴: false at a = d = 0, b = c = 10⁻¹⁷⁰."""
    return Identity(sp.sin(a * d), sp.sin(b * c), where=TINY)


@claim()
def tiny_exp_minus_one_as_sinh() -> Identity:
    """a(eᵇ − 1) = 2a·e^{b/2}·sinh(b/2) on [0, 10⁻¹⁷⁰]⁴.

    Proof: eᵇ − 1 = e^{b/2}(e^{b/2} − e^{−b/2}) = 2e^{b/2}·sinh(b/2)."""
    return Identity(a * (sp.exp(b) - 1), 2 * a * sp.exp(b / 2) * sp.sinh(b / 2), where=TINY)


@claim()
def tiny_swap_matrix_psd() -> PSD:
    """[[ad, bc], [bc, ad]] ⪰ 0 on [0, 10⁻¹⁷⁰]⁴: false at a = d = 0, b = c = 10⁻¹⁷⁰ (eigenvalue −10⁻³⁴⁰)."""
    return PSD(sp.Matrix([[a * d, b * c], [b * c, a * d]]), where=TINY)


@claim()
def tiny_gradient_doubled() -> Derivative:
    """∂(abc·eᵈ)/∂a = 2bc·eᵈ on [0, 10⁻¹⁷⁰]⁴: false (it is bc·eᵈ) wherever bc ≠ 0."""
    return Derivative(a * b * c * sp.exp(d), a, 2 * b * c * sp.exp(d), where=TINY)


@claim()
def tiny_hessian_tripled() -> Derivative:
    """∂²(a²bc·eᵈ)/∂a² = 3bc·eᵈ on [0, 10⁻¹⁷⁰]⁴: false (it is 2bc·eᵈ) wherever bc ≠ 0."""
    return Derivative(a**2 * b * c * sp.exp(d), a, 3 * b * c * sp.exp(d), where=TINY, order=2)


@claim()
def tiny_gradient() -> Derivative:
    """∂(abc·eᵈ)/∂a = bc·eᵈ on [0, 10⁻¹⁷⁰]⁴.

    Proof: the other factors do not depend on a."""
    return Derivative(a * b * c * sp.exp(d), a, b * c * sp.exp(d), where=TINY)


TRUTH = {
    "tiny_determinant_nonnegative": ("false", 1, {"a": 0, "b": T, "c": T, "d": 0}),
    "tiny_determinant_times_exp_nonnegative": ("false", 1, {"a": 0, "b": T, "c": T, "d": 0}),
    "tiny_products_strictly_ordered": ("false", 1, {"a": 0, "b": 0, "c": 0, "d": 0}),
    "tiny_sum_of_products_nonnegative": ("true", 1, None),
    "tiny_exp_minus_one_bound": ("true", 1, None),
    "tiny_product_times_exp_bound": ("true", 1, None),
    "tiny_products_times_exp_equal": ("false", 1, {"a": 0, "b": T, "c": T, "d": 0}),
    "tiny_sines_equal": ("false", 1, {"a": 0, "b": T, "c": T, "d": 0}),
    "tiny_exp_minus_one_as_sinh": ("true", 1, None),
    "tiny_swap_matrix_psd": ("false", 1, {"a": 0, "b": T, "c": T, "d": 0}),
    "tiny_gradient_doubled": ("false", 1, {"a": 0, "b": T, "c": T, "d": 0}),
    "tiny_hessian_tripled": ("false", 1, {"a": 0, "b": T, "c": T, "d": 0}),
    "tiny_gradient": ("true", 1, None),
}
