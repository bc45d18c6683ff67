"""The proviso a residual proof carries, and the float refusal: each distinct node asked once, the same answer
as sympy's atoms walked over every entry."""

from __future__ import annotations

import pytest
import sympy as sp

from verifier import (
    PSD,
    Chain,
    Convex,
    Derivative,
    Expectation,
    Identity,
    Inequality,
    Interval,
    Nonzero,
    Normal,
    Real,
    Relation,
    Step,
    claim,
)
from verifier.engine import EngineSettings, verify_family
from verifier.outcome import Status
from verifier.trusted import provisos
from verifier.trusted.kernel import Rejected
from verifier.trusted.kernel.base import refuse_floats
from verifier.trusted.kernel.rules import KINKS
from verifier.trusted.rates import NEAR

x, y, z = sp.symbols("x y z", real=True)
PROVISO = ("wherever both sides are defined (no denominator is 0)",)


def _by_atoms(exprs: list[sp.Expr]) -> tuple[str, ...]:
    """The rule as sympy's atoms state it, entry by entry."""
    for e in exprs:
        pows = sp.sympify(e).atoms(sp.Pow)
        if any(p.exp.is_negative and p.base.free_symbols and p.base.is_positive is not True for p in pows):
            return PROVISO
    return ()


SHARED = 1 / (x + y)
CASES = {
    "positive denominator": [sp.exp(z) / (1 + sp.exp(z)), 1 / (1 + sp.exp(-z)) ** 2],
    "later entry": [sp.Integer(0), x + y, y / (x - 1)],
    "shared deep": [SHARED * sp.exp(x), sp.exp(SHARED + 1) + SHARED],
    "number denominator": [x / 3, sp.Rational(1, 2) * y**2],
    "square root": [sp.sqrt(x**2 + 1), 1 / sp.sqrt(x**2 + 1)],
    "a plain int": [0, 1],
}


@pytest.mark.parametrize("exprs", CASES.values(), ids=CASES.keys())
def test_definedness_is_the_rule_over_every_entry(exprs: list[sp.Expr]) -> None:
    assert provisos.definedness(exprs) == _by_atoms(exprs)


EINSUM = "wherever the inverses, logs and powers involved are defined"  # decide/einsum/decide.py writes it inline
POLE = ("wherever both sides are defined (no logarithm of 0, no function at a pole)",)


@pytest.mark.parametrize(
    ("exprs", "proviso"),
    [
        ([sp.log(sp.Abs(x * (y**2 - 2))) - sp.log(sp.Abs(x)) - sp.log(sp.Abs(y**2 - 2))], POLE),  # y = √2 (helper-56)
        ([sp.log(1 + sp.exp(x)) - x], ()),  # its argument is positive: defined everywhere
        ([sp.tan(x) - sp.sin(x) / sp.cos(x)], PROVISO),  # sympy's quotient shows the pole as a denominator
        ([sp.tan(x) ** 2 + 1], POLE),
        ([sp.gamma(x**2 + 1) + 1], ()),  # Γ has no pole at a positive argument
        ([sp.gamma(x) + 1], POLE),
        ([sp.log(sp.Symbol("p", positive=True)) / y], PROVISO),  # a denominator first: one proviso
    ],
)
def test_a_logarithm_of_what_may_be_zero_or_a_pole_needs_the_proviso(exprs: list[sp.Expr], proviso: tuple) -> None:
    assert provisos.definedness(exprs) == proviso


def test_a_denominator_inside_a_shared_subexpression_needs_the_proviso() -> None:
    assert provisos.definedness(CASES["shared deep"]) == PROVISO
    assert provisos.definedness(CASES["later entry"]) == PROVISO
    assert provisos.definedness(CASES["positive denominator"]) == ()


def test_a_float_inside_a_shared_subexpression_of_a_matrix_is_refused() -> None:
    half = sp.exp(x * sp.Float(0.5))
    with pytest.raises(Rejected, match=r"float 0\.5"):
        refuse_floats("rule", [sp.ImmutableMatrix([[x + 1, y], [half, half + z]])])
    refuse_floats("rule", [sp.ImmutableMatrix([[x / 2, sp.exp(y)]]), x + sp.Rational(1, 3)])  # exact: accepted


def _proved(name: str, body: object) -> tuple[str, ...]:
    r = verify_family(claim(name=name)(lambda: body), EngineSettings(samples=40))
    assert r.status is Status.PROVED, r.reason
    return tuple(r.assumptions)


def test_a_pole_on_both_sides_bounds_the_proof_though_it_cancels_from_the_residual() -> None:
    """Red team helper-57: tan x + sin²x + cos²x = tan x + 1 is undefined at π/2, but lhs − rhs has no tan."""
    t, u = sp.symbols("t u")
    on_both = Identity(sp.tan(t) + sp.sin(t) ** 2 + sp.cos(t) ** 2, sp.tan(t) + 1, where={t: Real()})
    assert POLE[0] in _proved("on_both", on_both)
    over_both = Identity(1 / t + sp.sin(t) ** 2 + sp.cos(t) ** 2, 1 / t + 1, where={t: Real()})
    assert PROVISO[0] in _proved("over_both", over_both)
    in_the_gap = Inequality(sp.tan(t) + t**2, ">=", sp.tan(t), where={t: Real()})
    assert POLE[0] in _proved("in_the_gap", in_the_gap)  # the gap path carried no proviso at all
    in_f = Derivative(t + sp.tan(u), t, 1, where={t: Real(), u: Real()})  # f has no value at u = π/2, 1 has one
    refuted = verify_family(claim(name="in_f")(lambda: in_f), EngineSettings(samples=40))
    assert refuted.status is Status.REFUTED and "f is undefined at t = 1/3, u = -pi/2" in refuted.reason
    clean = Identity(sp.sin(t) ** 2 + sp.cos(t) ** 2, 1, where={t: Real()})
    assert not any("wherever" in a for a in _proved("clean", clean))


def test_a_derivative_across_a_jump_holds_only_away_from_it() -> None:
    """Red team helper-57: sympy's acot jumps at 0, atan2 across y = 0 for x < 0, arg at 0; none of these is a
    denominator's zero or a case, and their derivatives were PROVED with no proviso."""
    t, u = sp.symbols("t u")
    jumps = {
        "acot": Derivative(sp.acot(t), t, -1 / (1 + t**2), where={t: Real()}),
        "atan2": Derivative(sp.atan2(u, t), u, t / (t**2 + u**2), where={t: Interval(-2, -1), u: Real()}),
        "arg": Derivative(sp.arg(t), t, 0, where={t: Real()}),
    }
    for name, body in jumps.items():
        assert f"derivatives taken away from the jumps of {name}" in _proved(name, body)
    # on the whole plane, t² + u² = 0 at the origin, where only the claimed derivative divides (red team 170): a
    # one-sided divisor in several symbols on an unbounded domain is undecided, so the claim is not proved
    plane = Derivative(sp.atan2(u, t), u, t / (t**2 + u**2), where={t: Real(), u: Real()})
    r = verify_family(claim(name="plane")(lambda: plane), EngineSettings(samples=40))
    assert r.status is Status.UNKNOWN and "t**2 + u**2 = 0 in the declared domain is not decided" in r.reason
    smooth = _proved("atan", Derivative(sp.atan(t), t, 1 / (1 + t**2), where={t: Real()}))
    assert not any("jumps" in a for a in smooth)


def test_a_pole_on_both_sides_bounds_a_proof_by_squares_too() -> None:
    """The sum-of-squares path of an inequality: tan x + (x − y)² + y² ≥ tan x is undefined at π/2."""
    t, u = sp.symbols("t u")
    body = Inequality(sp.tan(t) + t**2 - 2 * t * u + 2 * u**2, ">=", sp.tan(t), where={t: Real(), u: Real()})
    assert POLE[0] in _proved("by_squares", body)


def test_the_reason_of_a_proof_says_where_it_holds() -> None:
    """What a reader of any door sees first, the reason, repeats the proof's provisos: "proved (…), wherever both
    sides are defined (…)"; a proof that holds on the whole domain says nothing more."""
    t, u = sp.symbols("t u")
    said = {
        "denominator": (Derivative(u / t, t, -u / t**2, where={t: Real(), u: Real()}), PROVISO[0]),
        "jump": (Derivative(sp.acot(t), t, -1 / (1 + t**2), where={t: Real()}), "away from the jumps of acot"),
        "kink": (Derivative(sp.Abs(t), t, sp.sign(t), where={t: Real()}), KINKS),
    }
    for name, (body, proviso) in said.items():
        r = verify_family(claim(name=name)(lambda body=body: body), EngineSettings(samples=40))
        assert r.status is Status.PROVED and proviso in r.reason.split(";")[0], r.reason
    commutes = Identity(t * u, u * t, where={t: Real(), u: Real()})
    clean = verify_family(claim(name="clean")(lambda: commutes), EngineSettings(samples=40))
    assert clean.status is Status.PROVED and clean.reason.startswith("proved (") and "wherever" not in clean.reason
    declared = Derivative(u / t, t, -u / t**2, where={t: Nonzero(), u: Real()})  # t ≠ 0 on the domain: no proviso
    nonzero = verify_family(claim(name="nonzero")(lambda: declared), EngineSettings(samples=40))
    assert nonzero.status is Status.PROVED and "wherever" not in nonzero.reason, nonzero.reason


def test_every_proviso_the_kernel_writes_is_one_the_reasons_repeat() -> None:
    t = sp.Symbol("t")
    written = [*provisos.definedness([1 / t]), *provisos.definedness([sp.log(t)]), KINKS, NEAR, EINSUM]
    assert written and all(provisos.narrows(a) for a in written)
    assert not any(provisos.narrows(a) for a in ("t ∈ ℝ", "w ranges over a convex set", "each free index in 1..n"))


REAL = "no root or logarithm of a negative number"


@pytest.mark.parametrize(
    ("exprs", "proviso"),
    [
        ([sp.sqrt(x)], (f"wherever both sides are real ({REAL})",)),
        ([(1 + sp.sqrt((7 * x - 1) ** 2 - sp.Rational(1, 10**6))) ** 2], (f"wherever both sides are real ({REAL})",)),
        ([sp.log(x) / y], (f"wherever both sides are real (no denominator is 0, {REAL})",)),
        ([sp.log(x**2 - 2)], (f"wherever both sides are real (no logarithm of 0, no function at a pole, {REAL})",)),
        ([((x**2 - 2) ** 2) ** sp.Rational(1, 3)], ()),  # a cube root of what is never negative
        ([sp.sqrt(x**2 + 1), sp.log(sp.Abs(x) + 1), sp.exp(x) ** sp.Rational(1, 2)], ()),
        ([x ** sp.Rational(3, 1)], ()),
    ],
)
def test_a_root_or_logarithm_of_what_may_be_negative_says_where_the_proof_holds(
    exprs: list[sp.Expr], proviso: tuple
) -> None:
    """(1 + √b)(1 − √b) = 1 − b with b = (7x − 1)² − 10⁻⁶ was PROVED on ℝ with no proviso: b < 0 only within 1/7000
    of x = 1/7, where no sample lands, and the ring's s² = b holds for every complex root (a red team's finding)."""
    assert provisos.definedness(exprs) == proviso


def test_a_partial_claim_the_samples_miss_is_proved_only_where_both_sides_are_real() -> None:
    t, u = sp.symbols("t u")
    b = (3 * t - 1) ** 2 + (7 * u - 1) ** 2 - sp.Rational(1, 10**6)  # < 0 in a disc of radius 1/3000
    where = {t: Real(), u: Real()}
    claims = {
        "conjugate": Identity((1 + sp.sqrt(b)) * (1 - sp.sqrt(b)), 1 - b, where=where),
        "conjugate_below": Inequality((1 + sp.sqrt(b)) * (1 - sp.sqrt(b)), "<=", 1 - b, where=where),
        "conjugate_psd": PSD(sp.Matrix([[(1 + sp.sqrt(b)) * (1 - sp.sqrt(b)) + b]]), where=where),
        "log_factored": Identity(sp.log(b) * (t + 1), t * sp.log(b) + sp.log(b), where=where),
    }
    for name, body in claims.items():
        result = verify_family(claim(name=name)(lambda body=body: body), EngineSettings(samples=200))
        assert result.status is not Status.PROVED or "both sides are real" in result.reason, (name, result.reason)


REAL_INVERSE = "no function outside its real domain"
U = (1 + sp.Rational(1, 10**8)) / (1 + (7 * x - 1) ** 2)  # in (0, 1] except within 1.5·10⁻⁵ of x = 1/7


@pytest.mark.parametrize(
    ("exprs", "proviso"),
    [
        ([sp.asin(U)], (f"wherever both sides are real ({REAL_INVERSE})",)),
        ([sp.acos(x)], (f"wherever both sides are real ({REAL_INVERSE})",)),
        ([sp.acosh(1 / U)], (f"wherever both sides are real ({REAL_INVERSE})",)),
        ([sp.acoth(x)], (f"wherever both sides are real (no logarithm of 0, no function at a pole, {REAL_INVERSE})",)),
        ([sp.asec(x) + sp.acsc(2)], (f"wherever both sides are real ({REAL_INVERSE})",)),
        ([sp.LambertW(x - 1)], (f"wherever both sides are real ({REAL_INVERSE})",)),
        ([sp.LambertW(x**2, -1)], (f"wherever both sides are real ({REAL_INVERSE})",)),  # another branch
        ([sp.sqrt(x) * sp.asin(x)], (f"wherever both sides are real ({REAL}, {REAL_INVERSE})",)),
        ([sp.acosh(x**2 + 1), sp.LambertW(x**2), sp.atan(x), sp.asinh(x), sp.asin(sp.Rational(1, 2))], ()),
    ],
)
def test_an_inverse_function_of_what_may_leave_its_real_domain_says_where_the_proof_holds(
    exprs: list[sp.Expr], proviso: tuple
) -> None:
    """asin(u)·(1 + x²) − asin(u) = x²·asin(u), with u > 1 only within 1.5·10⁻⁵ of x = 1/7, was PROVED on ℝ with no
    proviso (the ring treats asin(u) as an atom; no sample lands where it is complex), as the roots were."""
    assert provisos.definedness(exprs) == proviso


def test_a_partial_inverse_function_claim_the_samples_miss_is_proved_only_where_both_sides_are_real() -> None:
    where = {x: Real()}
    claims = {
        "asin_atom": Identity(sp.asin(U) * (1 + x**2) - sp.asin(U), x**2 * sp.asin(U), where=where),
        "acos_square": Identity((sp.acos(U) + 1) ** 2, sp.acos(U) ** 2 + 2 * sp.acos(U) + 1, where=where),
        "acosh_square": Identity(
            (sp.acosh(1 / U) - x) ** 2, sp.acosh(1 / U) ** 2 - 2 * x * sp.acosh(1 / U) + x**2, where=where
        ),
        "atanh_atom": Identity(sp.atanh(U) * x + sp.atanh(U), (x + 1) * sp.atanh(U), where=where),
    }
    for name, body in claims.items():
        result = verify_family(claim(name=name)(lambda body=body: body), EngineSettings(samples=200))
        assert result.status is not Status.PROVED or "both sides are real" in result.reason, (name, result.reason)


W = (7 * x - 1) ** 2 - sp.Rational(1, 10**8)  # negative only within 1.5·10⁻⁵ of x = 1/7
P = 7 * x - 1
REAL_ONLY = (f"wherever both sides are real ({REAL_INVERSE})",)


@pytest.mark.parametrize(
    ("expr", "proviso"),
    [
        (sp.erfinv(U), REAL_ONLY),
        (sp.erfcinv(2 * U), REAL_ONLY),
        (sp.asech(U), REAL_ONLY),
        (sp.polylog(2, U), REAL_ONLY),
        (sp.elliptic_k(U), REAL_ONLY),
        (sp.elliptic_e(U), REAL_ONLY),
        (sp.li(W), REAL_ONLY),
        (sp.Chi(W), REAL_ONLY),
        (sp.Ci(W), REAL_ONLY),
        (sp.bessely(0, W), REAL_ONLY),
        (sp.besseli(sp.Rational(1, 3), W), REAL_ONLY),
        (sp.besselj(sp.Rational(1, 2), W), REAL_ONLY),
        (sp.loggamma(W), (f"wherever both sides are real (no logarithm of 0, no function at a pole, {REAL_INVERSE})",)),
        (sp.coth(P), POLE),
        (sp.csch(P), POLE),
        (sp.acsch(P), POLE),
        (sp.Ei(P), POLE),
        (sp.harmonic(P - 1), POLE),
        (sp.besselj(0, P) + sp.besseli(1, P) + sp.loggamma(x**2 + 1), ()),
    ],
)
def test_a_function_real_only_on_part_of_the_line_or_with_a_pole_says_where_the_proof_holds(
    expr: sp.Expr, proviso: tuple
) -> None:
    """The second red team's list (helper-69): each was PROVED in asin's place with no proviso."""
    assert provisos.definedness([expr]) == proviso


def test_erfinv_undefined_on_most_of_the_line_is_proved_only_where_both_sides_are_real() -> None:
    """erfinv(7x) has a value only for |x| < 1/7: the proof was PROVED on ℝ with no proviso, its samples undefined at
    169 of 200 points (helper-69)."""
    body = Identity(sp.erfinv(7 * x) * (1 + x**2) - sp.erfinv(7 * x), x**2 * sp.erfinv(7 * x), where={x: Real()})
    result = verify_family(claim(name="erfinv_atom")(lambda: body), EngineSettings(samples=200))
    assert result.status is not Status.PROVED or "both sides are real" in result.reason, result.reason
    # and its samples outside (−1, 1) are findings, as a square root's of a negative number (helper-70: they were
    # skipped in silence, mpmath's ValueError read as "cannot evaluate")
    assert result.status is Status.ERROR and "narrow the domain" in result.reason, result.reason


def test_an_expectation_a_convexity_and_an_implication_are_proved_only_where_both_sides_are_real() -> None:
    """The rules for expectations, convexity by composition and a chain's implications asked no proviso at all
    (helper-69): E[asin(u)(1 + z²)] = 2 asin(u), f = y² + √w convex in y, and asin(u)·y = 0 ⇒ 2 asin(u)·y = 0 were
    PROVED on ℝ, complex within 1.5·10⁻⁵ of x = 1/7."""
    where = {x: Real(), y: Real()}
    claims = {
        "expectation_asin": Expectation(
            sp.asin(U) * (1 + z**2), equals=2 * sp.asin(U), noise={z: Normal(0, 1)}, where={x: Real()}
        ),
        "expectation_sqrt": Expectation(
            sp.sqrt(W) * (1 + z**2), equals=2 * sp.sqrt(W), noise={z: Normal(0, 1)}, where={x: Real()}
        ),
        "convex_asin": Convex(y**2 + sp.asin(U), y, where=where),
        "convex_sqrt": Convex(y**2 + sp.sqrt(W), y, where=where),
        "chain_asin": Chain(
            Relation(sp.asin(U) * y, "=", 0),
            steps=(Step("=>", Relation(2 * sp.asin(U) * y, "=", 0), "double"),),
            where=where,
        ),
    }
    for name, body in claims.items():
        result = verify_family(claim(name=name)(lambda body=body: body), EngineSettings(samples=200))
        text = result.reason + " ".join(str(s) for s in result.steps) + " ".join(result.assumptions)
        assert result.status is not Status.PROVED or "both sides are real" in text, (name, result.reason)


@pytest.mark.parametrize(
    ("expr", "proviso"),
    [
        (sp.factorial(P - 1), POLE),
        (sp.beta(P, 1 + x**2), POLE),
        (sp.RisingFactorial(sp.Rational(1, 2), P - 1), POLE),
        (sp.catalan(P - sp.Rational(1, 2)), POLE),
        (sp.lowergamma(P, 1), POLE),
        (sp.uppergamma(0, P**2), REAL_ONLY),  # sympy writes it expint(1, P²)
        (sp.atan2(P, P**2), POLE),
        (sp.Mod(1, P), POLE),
        (sp.E1(W), REAL_ONLY),
        (sp.expint(2, W), REAL_ONLY),
        (sp.elliptic_pi(sp.Rational(1, 3), U), REAL_ONLY),
        (sp.lerchphi(U, 2, 1), REAL_ONLY),
        ((-1) ** (1 + sp.exp(-((10**6 * P) ** 2)) / 2), (f"wherever both sides are real ({REAL})",)),
        (sp.factorial(x**2) + sp.beta(x**2 + 1, 2) + sp.atan2(x, x**2 + 1) + sp.E1(x**2 + 1) + 2**x, ()),
    ],
)
def test_the_poles_and_branch_cuts_a_second_red_team_found_bound_the_proof(expr: sp.Expr, proviso: tuple) -> None:
    """helper-70: each was PROVED in asin's place with no proviso (factorial(7x − 2) has a pole at x = 0, E1 is
    complex below 0, (−1)^t is complex where t is not an integer)."""
    assert provisos.definedness([expr]) == proviso


@pytest.mark.parametrize(
    "expr",
    [sp.yn(0, P), sp.jn(1, P), sp.hankel1(0, x**2 + 1), sp.DiracDelta(P), sp.Ynm(1, 0, P, x), sp.mathieus(1, 2, P)],
)
def test_a_function_of_sympy_no_table_knows_bounds_the_proof(expr: sp.Expr) -> None:
    """helper-70: yn(0, 7x − 1), with a pole at x = 1/7, was PROVED on ℝ with no proviso, as no table named yn.
    Every function of sympy's own that no table knows is now asked, whatever its arguments."""
    assert provisos.definedness([expr]) == REAL_ONLY


def test_the_functions_known_real_everywhere_and_a_users_own_need_no_proviso() -> None:
    f = sp.Function("f")
    known = sp.exp(x) + sp.atan(P) + sp.erf(P) + sp.Max(P, 0) + sp.Piecewise((P, x > 0), (0, True)) + sp.airyai(x)
    assert provisos.definedness([known + f(P) + sp.besselj(1, P) + sp.floor(P)]) == ()


def test_spherical_bessel_functions_and_double_factorials_are_verified_not_crashed_on() -> None:
    """helper-70: yn and jn had no high-precision implementation (a NameError when mpmath was asked), and
    factorial2(7x − 3) raised ValueError in the exact check: each ended UNKNOWN "internal error". mpmath's fac2 is
    defined at every real number, sympy's n!! only at integers, so the two evaluators disagreed."""
    for name, f, status in [
        ("yn_pole", sp.yn(0, 7 * x - 1), Status.PROVED),
        ("jn_entire", sp.jn(1, x**2 + 1), Status.PROVED),
        ("double_factorial", sp.factorial2(7 * x - 3), Status.ERROR),
    ]:
        body = Identity(f * (1 + x**2) - f, x**2 * f, where={x: Real()})
        result = verify_family(claim(name=name)(lambda body=body: body), EngineSettings(samples=200))
        assert result.status is status, (name, result.reason)
        assert status is Status.ERROR or "both sides are real" in result.reason, result.reason
    assert "narrow the domain" in result.reason


POLE_AND_REAL = (f"wherever both sides are real (no logarithm of 0, no function at a pole, {REAL_INVERSE})",)


@pytest.mark.parametrize(
    ("expr", "proviso"),
    [
        (sp.Piecewise((1, sp.Rational(1, 10**12) < P**2)), REAL_ONLY),  # no branch holds at x = 1/7: nan
        (sp.besselj(-sp.Rational(1, 3), P**2), REAL_ONLY),  # infinite at 0
        (sp.besseli(-sp.Rational(1, 3), P**2), REAL_ONLY),
        (sp.lowergamma(sp.Rational(1, 3), P**2 - sp.Rational(1, 10**6)), REAL_ONLY),  # complex below 0
        (sp.uppergamma(sp.Rational(1, 3), P**2 - sp.Rational(1, 10**12)), POLE_AND_REAL),
        (sp.zeta(sp.Rational(1, 2), P), POLE_AND_REAL),
        (sp.Abs(P) ** (x - 2), PROVISO),  # 0^(−13/7) at x = 1/7
        (sp.polylog(1 + P**2, 1 - P**2), REAL_ONLY),  # Li₁(1) = ∞
        (sp.besselj(sp.Rational(1, 3), P**2) + sp.lowergamma(2, x**2) + sp.polylog(2, 1 - P**2), ()),
        (sp.sech(P) + sp.erf2(P, 1) + sp.Piecewise((P, x > 0), (0, True)) + sp.Abs(P) ** 2, ()),
    ],
)
def test_what_a_third_red_team_found_bounds_the_proof(expr: sp.Expr, proviso: tuple) -> None:
    """helper-71: each was PROVED on ℝ with no proviso (or a pole's, where the value is complex), undefined or
    complex at x = 1/7; the last two need none."""
    assert provisos.definedness([expr]) == proviso


def test_a_claim_with_the_imaginary_unit_is_a_claim_in_the_complex_numbers() -> None:
    """Heaviside(u, i)·(1 + x²) − Heaviside(u, i) = x²·Heaviside(u, i) holds in ℂ at x = 1/7 too, and the numeric check
    compares such a claim's sides in ℂ (helper-71 counted it as a hole; helper-74 found Euler's formula read "wherever
    both sides are real", almost nowhere): no proviso of realness for i."""
    assert provisos.definedness([sp.Heaviside(P, sp.I), 1 + sp.I * sp.KroneckerDelta(7 * x, 1)]) == ()
    euler = Identity(sp.exp(sp.I * x), sp.cos(x) + sp.I * sp.sin(x), where={x: Real()})
    result = verify_family(claim(name="euler")(lambda: euler), EngineSettings(samples=40))
    assert result.status is Status.PROVED and "wherever" not in result.reason, result.reason
