"""Class 2: branch cuts and principal values behind log, exp, Pow, sqrt, atan and asin rewrites.

sympy's `expand_log(force=True)`, `powsimp(force=True)` and friends apply rules that hold only
on the positive reals or on one branch. Each false probe declares its symbols on ℝ (or a set
where the rule breaks) and has a witness in that domain where the two sides differ at 60 digits,
in full complex value. A claim that leaves the reals (or is undefined) on part of its domain is
"partial": REFUTED or an ERROR that says "narrow the domain" are both honest, PROVED and CHECKED
are not. The true probes are the same rules on the domains where they hold.

TRUTH maps each claim to (truth, issue class, witness).
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Interval, Nonnegative, Nonzero, Positive, Real, claim

x, y, r, a, b = sp.symbols("x y r a b")
HALF = sp.Rational(1, 2)


@claim(expect="refuted")
def log_of_product_on_reals() -> Identity:
    """log(xy) = log x + log y on ℝ∖{0} (false at x = y = −1)."""
    return Identity(sp.log(x * y), sp.log(x) + sp.log(y), where={x: Nonzero(), y: Nonzero()})


@claim(expect="refuted")
def log_of_quotient_on_reals() -> Identity:
    """log(x/y) = log x − log y on ℝ∖{0} (false at x = 1, y = −1)."""
    return Identity(sp.log(x / y), sp.log(x) - sp.log(y), where={x: Nonzero(), y: Nonzero()})


@claim(expect="refuted")
def power_of_product_on_reals() -> Identity:
    """(xy)ʳ = xʳyʳ on ℝ (false at x = y = −1, r = ½)."""
    return Identity((x * y) ** r, x**r * y**r, where={x: Real(), y: Real(), r: Real()})


@claim(expect="refuted")
def sqrt_of_product_on_reals() -> Identity:
    """√(xy) = √x·√y on ℝ (false at x = y = −1)."""
    return Identity(sp.sqrt(x * y), sp.sqrt(x) * sp.sqrt(y), where={x: Real(), y: Real()})


@claim(expect="refuted")
def sqrt_of_quotient_on_reals() -> Identity:
    """√x/√y = √(x/y) on ℝ∖{0} (false at x = 1, y = −1: −i against i)."""
    return Identity(sp.sqrt(x) / sp.sqrt(y), sp.sqrt(x / y), where={x: Nonzero(), y: Nonzero()})


@claim(expect="refuted")
def sqrt_of_square_on_reals() -> Identity:
    """√(x²) = x on ℝ (false at x = −1)."""
    return Identity(sp.sqrt(x**2), x, where={x: Real()})


@claim(expect="refuted")
def cube_root_of_cube_on_reals() -> Identity:
    """(x³)^{1/3} = x on ℝ (false at x = −1: the principal cube root of −1 is e^{iπ/3})."""
    return Identity((x**3) ** sp.Rational(1, 3), x, where={x: Real()})


@claim(expect="refuted")
def power_of_power_on_reals() -> Identity:
    """(xᵃ)ᵇ = x^{ab} on ℝ (false at x = −1, a = 2, b = ½)."""
    return Identity((x**a) ** b, x ** (a * b), where={x: Real(), a: Real(), b: Real()})


@claim(expect="refuted")
def power_of_square_on_reals() -> Identity:
    """(x²)ʳ = x^{2r} on ℝ (false at x = −1, r = ½)."""
    return Identity((x**2) ** r, x ** (2 * r), where={x: Real(), r: Real()})


@claim(expect="refuted")
def log_of_exp_of_imaginary() -> Identity:
    """log(e^{ix}) = ix on ℝ (false at x = 4: the principal log gives i(4 − 2π))."""
    return Identity(sp.log(sp.exp(sp.I * x)), sp.I * x, where={x: Real()})


@claim(expect="refuted")
def atan_addition_on_reals() -> Identity:
    """atan x + atan y = atan((x + y)/(1 − xy)) on ℝ (false at x = y = 2)."""
    return Identity(sp.atan(x) + sp.atan(y), sp.atan((x + y) / (1 - x * y)), where={x: Real(), y: Real()})


@claim(expect="refuted")
def atan_of_reciprocal_on_nonzero() -> Identity:
    """atan(1/x) = π/2 − atan x on ℝ∖{0} (false at x = −1)."""
    return Identity(sp.atan(1 / x), sp.pi / 2 - sp.atan(x), where={x: Nonzero()})


@claim(expect="refuted")
def asin_of_sin_on_reals() -> Identity:
    """asin(sin x) = x on ℝ (false at x = 2)."""
    return Identity(sp.asin(sp.sin(x)), x, where={x: Real()})


@claim(expect="refuted")
def acos_of_cos_on_reals() -> Identity:
    """acos(cos x) = x on ℝ (false at x = −1)."""
    return Identity(sp.acos(sp.cos(x)), x, where={x: Real()})


@claim(expect="refuted")
def atan_of_tan_on_closed_interval() -> Identity:
    """atan(tan x) = x on [−2, 2] (false at the endpoint x = 2, past π/2)."""
    return Identity(sp.atan(sp.tan(x)), x, where={x: Interval(-2, 2)})


@claim(expect="refuted")
def log_of_power_on_reals() -> Identity:
    """log(xʳ) = r log x on x > 0, r ∈ ℝ is true; on x ∈ ℝ∖{0} false at x = −1, r = 2."""
    return Identity(sp.log(x**r), r * sp.log(x), where={x: Nonzero(), r: Real()})


# ----------------------------------------------------------------------------- true on their domains


@claim()
def log_of_product_on_positive_reals() -> Identity:
    """log(xy) = log x + log y for x, y > 0.

    Proof: exp is a bijection ℝ → (0, ∞) and e^{log x + log y} = xy.
    """
    return Identity(sp.log(x * y), sp.log(x) + sp.log(y), where={x: Positive(), y: Positive()})


@claim()
def power_of_product_on_positive_reals() -> Identity:
    """(xy)ʳ = xʳyʳ for x, y > 0, r ∈ ℝ.

    Proof: both sides are e^{r(log x + log y)}.
    """
    return Identity((x * y) ** r, x**r * y**r, where={x: Positive(), y: Positive(), r: Real()})


@claim()
def sqrt_of_product_on_nonnegative_reals() -> Identity:
    """√(xy) = √x·√y for x, y ≥ 0.

    Proof: both sides are ≥ 0 and square to xy.
    """
    return Identity(sp.sqrt(x * y), sp.sqrt(x) * sp.sqrt(y), where={x: Nonnegative(), y: Nonnegative()})


@claim()
def log_of_power_on_positive_reals() -> Identity:
    """log(xʳ) = r log x for x > 0, r ∈ ℝ.

    Proof: xʳ = e^{r log x} with r log x real.
    """
    return Identity(sp.log(x**r), r * sp.log(x), where={x: Positive(), r: Real()})


@claim()
def log_of_exp_on_reals() -> Identity:
    """log(eˣ) = x on ℝ.

    Proof: the real logarithm inverts exp.
    """
    return Identity(sp.log(sp.exp(x)), x, where={x: Real()})


@claim()
def asin_of_sin_on_unit_interval() -> Identity:
    """asin(sin x) = x on [−1, 1].

    Proof: [−1, 1] ⊂ [−π/2, π/2], where asin inverts sin.
    """
    return Identity(sp.asin(sp.sin(x)), x, where={x: Interval(-1, 1)})


@claim()
def asin_plus_acos() -> Identity:
    """asin x + acos x = π/2 on [−1, 1].

    Proof: acos x = π/2 − asin x by definition of the principal branches (DLMF 4.23.16).
    """
    return Identity(sp.asin(x) + sp.acos(x), sp.pi / 2, where={x: Interval(-1, 1)})


@claim()
def atan_plus_atan_of_reciprocal() -> Identity:
    """atan x + atan(1/x) = π/2 for x > 0.

    Proof: the two angles of a right triangle with legs 1 and x (DLMF 4.24.16).
    """
    return Identity(sp.atan(x) + sp.atan(1 / x), sp.pi / 2, where={x: Positive()})


@claim()
def atan_addition_on_small_arguments() -> Identity:
    """atan x + atan y = atan((x + y)/(1 − xy)) for x, y ∈ [−½, ½].

    Proof: xy ≤ ¼ < 1, so the sum lies in (−π/2, π/2) and tan of it is (x + y)/(1 − xy).
    """
    return Identity(
        sp.atan(x) + sp.atan(y),
        sp.atan((x + y) / (1 - x * y)),
        where={x: Interval(-HALF, HALF), y: Interval(-HALF, HALF)},
    )


@claim()
def sqrt_of_square_is_abs() -> Identity:
    """(x²)^{1/2} = |x| on ℝ.

    Proof: the nonnegative square root of x² is |x|.
    """
    return Identity((x**2) ** HALF, sp.Abs(x), where={x: Real()})


@claim()
def exp_of_sum() -> Identity:
    """e^{a+b} = eᵃeᵇ on ℝ.

    Proof: the functional equation of exp.
    """
    return Identity(sp.exp(a + b), sp.exp(a) * sp.exp(b), where={a: Real(), b: Real()})


@claim()
def cube_root_of_cube_on_positive_reals() -> Identity:
    """(x³)^{1/3} = x for x > 0.

    Proof: x is the positive real cube root of x³.
    """
    return Identity((x**3) ** sp.Rational(1, 3), x, where={x: Positive()})


TRUTH = {
    "log_of_product_on_reals": ("partial", 2, {"x": -1, "y": -1}),
    "log_of_quotient_on_reals": ("partial", 2, {"x": 1, "y": -1}),
    "power_of_product_on_reals": ("partial", 2, {"x": -1, "y": -1, "r": HALF}),
    "sqrt_of_product_on_reals": ("partial", 2, {"x": -1, "y": -1}),
    "sqrt_of_quotient_on_reals": ("partial", 2, {"x": 1, "y": -1}),
    "sqrt_of_square_on_reals": ("false", 2, {"x": -1}),
    "cube_root_of_cube_on_reals": ("partial", 2, {"x": -1}),
    "power_of_power_on_reals": ("partial", 2, {"x": -1, "a": 2, "b": HALF}),
    "power_of_square_on_reals": ("partial", 2, {"x": -1, "r": HALF}),
    "log_of_exp_of_imaginary": ("false", 2, {"x": 4}),
    "atan_addition_on_reals": ("partial", 2, {"x": 2, "y": 2}),
    "atan_of_reciprocal_on_nonzero": ("false", 2, {"x": -1}),
    "asin_of_sin_on_reals": ("false", 2, {"x": 2}),
    "acos_of_cos_on_reals": ("false", 2, {"x": -1}),
    "atan_of_tan_on_closed_interval": ("partial", 2, {"x": 2}),
    "log_of_power_on_reals": ("partial", 2, {"x": -1, "r": 2}),
    "log_of_product_on_positive_reals": ("true", 2, None),
    "power_of_product_on_positive_reals": ("true", 2, None),
    "sqrt_of_product_on_nonnegative_reals": ("true", 2, None),
    "log_of_power_on_positive_reals": ("true", 2, None),
    "log_of_exp_on_reals": ("true", 2, None),
    "asin_of_sin_on_unit_interval": ("true", 2, None),
    "asin_plus_acos": ("true", 2, None),
    "atan_plus_atan_of_reciprocal": ("true", 2, None),
    "atan_addition_on_small_arguments": ("true", 2, None),
    "sqrt_of_square_is_abs": ("true", 2, None),
    "exp_of_sum": ("true", 2, None),
    "cube_root_of_cube_on_positive_reals": ("true", 2, None),
}
