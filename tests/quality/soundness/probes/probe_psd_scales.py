"""Class 2: PSD matrices that fail by a little, or at a small scale, beside the certified pass (numeric/checks/psd.py).

A sample passes without eigenvalues where arb shows H positive definite, or, for a non-strict claim, H + εI with
ε = 2⁻²²⁶ (scaled down to a matrix smaller than 1), within what the eigenvalue at 100 digits passes as round-off.
Tried before the exact decision, the shift passed rational matrices that QQ refutes; unscaled, it passed
10⁻⁸⁰·x·[[1, 2], [2, 1]], whose least eigenvalue −10⁻⁸⁰x is its own size: UNKNOWN instead of REFUTED. Beside
them, true matrices the certified pass decides: the softmax Jacobian diag(p) − ppᵀ (singular) and XᵀSX with
S = diag(σ(z)(1 − σ(z))).

TRUTH maps each claim to (truth, class, witness): a false claim's witness is a point of its domain where the
matrix, exactly, is not PSD.
"""

from __future__ import annotations

import sympy as sp

from verifier import PSD, Interval, Positive, Real, claim

x, y = sp.symbols("x y")
GAP = sp.Integer(10) ** -70
SMALL = sp.Integer(10) ** -80


def _sigmoid(t: sp.Expr) -> sp.Expr:
    return 1 / (1 + sp.exp(-t))


@claim()
def rational_matrix_short_of_psd_by_ten_to_the_minus_seventy() -> PSD:
    """[[1 + x², 1], [1, 1 − 10⁻⁷⁰]] ⪰ 0 on ℝ (false at x = 0: det = −10⁻⁷⁰)."""
    return PSD(sp.Matrix([[1 + x**2, 1], [1, 1 - GAP]]), where={x: Real()})


@claim()
def indefinite_at_the_scale_ten_to_the_minus_eighty() -> PSD:
    """10⁻⁸⁰·x·[[1, 2], [2, 1]] ⪰ 0 for x > 0 (false: its eigenvalues are 3·10⁻⁸⁰x and −10⁻⁸⁰x)."""
    return PSD(SMALL * x * sp.Matrix([[1, 2], [2, 1]]), where={x: Positive()})


@claim()
def exponential_indefinite_at_a_small_scale() -> PSD:
    """10⁻⁸⁰·eˣ·[[1, 2], [2, 1]] ⪰ 0 on ℝ (false)."""
    return PSD(SMALL * sp.exp(x) * sp.Matrix([[1, 2], [2, 1]]), where={x: Real()})


@claim()
def exponential_indefinite_at_a_small_scale_on_the_positive_line() -> PSD:
    """10⁻⁸⁰·eˣ·[[1, 2], [2, 1]] ⪰ 0 for x > 0 (false: its least eigenvalue is −10⁻⁸⁰eˣ). UNKNOWN before: below 1,
    the eigenvalue at 100 digits passes −10⁻⁶⁸ as round-off; arb's second pivot, −3·10⁻⁸⁰eˣ, refutes it now."""
    return PSD(SMALL * sp.exp(x) * sp.Matrix([[1, 2], [2, 1]]), where={x: Positive()})


@claim()
def exponential_matrix_short_of_psd_by_ten_to_the_minus_seventy() -> PSD:
    """eˣ·[[1, 1], [1, 1 − 10⁻⁷⁰]] ⪰ 0 on ℝ (false: its least eigenvalue is about −5·10⁻⁷¹eˣ). CHECKED before: that
    eigenvalue lies within what the eigenvalue at 100 digits passes as round-off; arb's LDLᵀ shows the second pivot,
    −10⁻⁷⁰eˣ, below 0 at a near miss now (psd._certainly_not_psd)."""
    return PSD(sp.exp(x) * sp.Matrix([[1, 1], [1, 1 - GAP]]), where={x: Real()})


@claim()
def softmax_jacobian_is_psd() -> PSD:
    """diag(p) − ppᵀ ⪰ 0 for p = softmax(x, y, 0).

    Proof: vᵀ(diag(p) − ppᵀ)v = Σ pᵢvᵢ² − (Σ pᵢvᵢ)² ≥ 0 (Jensen), with Σ pᵢ = 1."""
    z = sp.exp(x) + sp.exp(y) + 1
    p = sp.Matrix([sp.exp(x) / z, sp.exp(y) / z, 1 / z])
    return PSD(sp.diag(*p) - p * p.T, where={x: Real(), y: Real()})


@claim()
def logistic_hessian_is_psd() -> PSD:
    """XᵀSX ⪰ 0 for X = [[x, 1], [1, y]], S = diag(σ(x + y)(1 − σ(x + y)), σ(x − y)(1 − σ(x − y))).

    Proof: vᵀXᵀSXv = Σ sᵢ(xᵢᵀv)² with every sᵢ > 0."""
    big_x = sp.Matrix([[x, 1], [1, y]])
    z = [x + y, x - y]
    s = sp.diag(*[_sigmoid(t) * (1 - _sigmoid(t)) for t in z])
    return PSD(big_x.T * s * big_x, where={x: Real(), y: Real()})


def _slope(t: sp.Expr) -> sp.Expr:
    return _sigmoid(t) * (1 - _sigmoid(t))


@claim()
def logistic_slopes_far_out_are_psd() -> PSD:
    """[[s₁ + s₂, s₂], [s₂, s₂ + s₃]] ⪰ 0 for sᵢ = σ(ix)(1 − σ(ix)), x ∈ [300, 3000], where floats see no sample
    (each sᵢ underflows): the certified pass tries such a sample again at more bits. Its minors' det ran into the
    time limit before (sympy's det cancels as it eliminates).

    Proof: the matrix is s₁e₁e₁ᵀ + s₂(1, 1)(1, 1)ᵀ + s₃e₂e₂ᵀ with every sᵢ > 0."""
    s1, s2, s3 = _slope(x), _slope(2 * x), _slope(3 * x)
    return PSD(sp.Matrix([[s1 + s2, s2], [s2, s2 + s3]]), where={x: Interval(300, 3000)})


@claim()
def logistic_slopes_far_out_short_of_psd() -> PSD:
    """[[s₂, s₂], [s₂, s₂ − s₃]] ⪰ 0 for sᵢ = σ(ix)(1 − σ(ix)), x ∈ [300, 3000] (false: det = −s₂s₃ < 0)."""
    s2, s3 = _slope(2 * x), _slope(3 * x)
    return PSD(sp.Matrix([[s2, s2], [s2, s2 - s3]]), where={x: Interval(300, 3000)})


@claim()
def a_sliver_beyond_the_deepest_bits() -> PSD:
    """[[1, 1], [1, 1 − e⁻ˣ]] ⪰ 0 on [20000, 30000] (false: det = −e⁻ˣ, about 10⁻⁸⁶⁸⁶ and less, beyond the 16,000
    bits a blind sample is tried at)."""
    return PSD(sp.Matrix([[1, 1], [1, 1 - sp.exp(-x)]]), where={x: Interval(20000, 30000)})


TRUTH = {
    "rational_matrix_short_of_psd_by_ten_to_the_minus_seventy": ("false", 2, {"x": 0}),
    "indefinite_at_the_scale_ten_to_the_minus_eighty": ("false", 2, {"x": 1}),
    "exponential_indefinite_at_a_small_scale": ("false", 2, {"x": 0}),
    "exponential_matrix_short_of_psd_by_ten_to_the_minus_seventy": ("false", 2, {"x": 0}),
    "exponential_indefinite_at_a_small_scale_on_the_positive_line": ("false", 2, {"x": 1}),
    "softmax_jacobian_is_psd": ("true", 2, None),
    "logistic_hessian_is_psd": ("true", 2, None),
    "logistic_slopes_far_out_are_psd": ("true", 2, None),
    "logistic_slopes_far_out_short_of_psd": ("false", 2, {"x": 300}),
    "a_sliver_beyond_the_deepest_bits": ("false", 2, {"x": 20000}),
}

KNOWN_WRONG: set[str] = set()
