"""The exact tests the kernel routes through FLINT: the expand rung's ring test and the sign rule's factorisation."""

from __future__ import annotations

import pytest
import sympy as sp

from verifier import PSD, Identity, Inequality, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.outcome import Status
from verifier.trusted import kernel
from verifier.trusted.decide import normal_form
from verifier.trusted.decide.rational_zero import expanded, factored
from verifier.trusted.kernel import Rejected

x, y, z = sp.symbols("x y z")
a, b = sp.symbols("a b", positive=True)


def test_the_expand_rung_decides_a_large_polynomial_identity_in_the_ring(monkeypatch: pytest.MonkeyPatch) -> None:
    xs = sp.symbols("x1:9")
    product = sp.Mul(*[sp.Add(*xs[i : i + 4]) + i for i in range(5)])
    identity = product**2 - sp.expand(product) ** 2  # sympy's expand of this takes about 20 s; the ring, 0.01 s

    def no_expand(expr: sp.Expr, *args: object, **kwargs: object) -> sp.Expr:
        raise AssertionError("decided by sympy's expand, not in the ring")

    with monkeypatch.context() as patched:
        patched.setattr(sp, "expand", no_expand)
        assert kernel.zero(identity, "expand").rung == "expand"
    with pytest.raises(Rejected):
        kernel.zero(identity + xs[0] * xs[1] ** 7 / 10**30, "expand")  # one term off by 10⁻³⁰: not zero


def test_the_expand_rung_still_uses_sympy_where_the_ring_cannot_see_zero() -> None:
    assert normal_form.is_zero_expand(sp.exp(x) * sp.exp(y) - sp.exp(x + y))  # exp's hint, not a ring identity
    assert normal_form.is_zero_expand(x / (x**2 - 1) - 1 / (2 * (x - 1)) - 1 / (2 * (x + 1)))  # the ring combines
    assert not normal_form.is_zero_expand(sp.exp(x) * sp.exp(y) - sp.exp(x * y))
    assert not normal_form.is_zero_expand((x + y) ** 2 - x**2 - y**2)


def test_noncommuting_symbols_are_never_zero_in_a_commutative_ring() -> None:
    p, q = sp.symbols("p q", commutative=False)
    for rung in ("expand", "atoms"):
        with pytest.raises(Rejected):
            kernel.zero(p * q - q * p, rung)
    assert factored(p * q - q * p) is None


@pytest.mark.parametrize(
    "expr",
    [
        (x - y) ** 2 * (3 * x + 6 * y) * (-x - 1) / 5,
        (a**2 - b**2) / (a - b),
        sp.exp(z) / (1 + sp.exp(z)) ** 2,
        x / (x + 1) - 1 / (x + 1),
        (a - 1) ** 2 / (a**2 + 1),
        (a * b + a) ** 3 / (b + 1),
        sp.Integer(3),
        -a - 1,
    ],
)
def test_the_factored_form_equals_sympys_factor_of_cancel(expr: sp.Expr) -> None:
    form = factored(expr)
    assert form is not None
    assert sp.simplify(form - expr) == 0
    want = sp.factor(sp.cancel(expr))
    assert sp.expand(form - want) == 0
    assert (form.is_nonnegative, form.is_positive) == (want.is_nonnegative, want.is_positive)


def test_the_sign_rule_reads_signs_from_the_flint_factorisation() -> None:
    assert kernel.nonnegative((a - b) ** 2 * (a + b) / (a + 1) ** 3 * (a**2 - b**2) / (a - b)).rung == "assumptions"
    with pytest.raises(Rejected):
        kernel.nonnegative((a - b) ** 3)
    assert factored(sp.sqrt(x) + sp.log(y)) is not None  # opaque parts are indeterminates


def test_exponentials_whose_powers_sympy_relates_are_factored_by_sympy() -> None:
    e = sp.exp(2 * z) - 2 * sp.exp(z) + 1  # FLINT would read exp(2z) and exp(z) as two indeterminates
    assert normal_form._factor(e) == (sp.exp(z) - 1) ** 2
    w = sp.Symbol("w", real=True)
    assert kernel.nonnegative_where_defined((sp.exp(2 * w) - 2 * sp.exp(w) + 1) / (sp.exp(w) + 1)).property


def test_infinities_are_never_read_as_indeterminates() -> None:
    minus = [sp.Mul(-1, sp.oo, x, evaluate=False), sp.Mul(-1, sp.oo, evaluate=False)]
    g = sp.Add(sp.Mul(sp.oo, x + 1, evaluate=False), *minus, evaluate=False)  # the atoms rung said 0 before
    for rung in ("expand", "atoms"):
        with pytest.raises(Rejected):
            kernel.zero(g, rung)  # as a ring element g·(x + 1) − g·x − g is 0; as a value it is ∞ − ∞
    assert factored(g) is None


def test_the_atoms_rung_decides_exponential_identities_whole_in_the_ring() -> None:
    """The first, whole test (fresh symbols substituted as the reader meets them): true identities and
    near misses one term or one exponent away, each also asked of the step-by-step path."""
    e = sp.exp
    true = [
        e(x) / (1 + e(x)) + 1 / (1 + e(x)) - 1,  # across two groups: only the whole sum is zero
        e(2 * x) - e(x) ** 2,  # one family: exp(x)² is exp(2x)
        e(x + y) - e(x) * e(y),  # one fresh symbol per monomial
        sp.tanh(x) - (e(2 * x) - 1) / (e(2 * x) + 1),
        sum(e(s) / (1 + e(s)) ** 2 - e(-s) / (1 + e(-s)) ** 2 for s in (x, y, z)),  # one group per sample
        sp.sqrt(x) ** 2 * e(y) - x * e(y),
        (1 + sp.sqrt(a)) * (1 - sp.sqrt(a)) / (1 + e(a)) - (1 - a) / (1 + e(a)),  # modulo s² = a
    ]
    false = [
        e(x) / (1 + e(x)) + 1 / (1 + e(x)) - 1 + e(2 * x) / 10**30,
        e(2 * x) - e(x) ** 3,
        e(x * y) - e(x) * e(y),
        sp.tanh(x) - (e(2 * x) + 1) / (e(2 * x) - 1),
        sum(e(s) / (1 + e(s)) ** 2 - e(-s) / (1 + e(-s)) ** 3 for s in (x, y, z)),
        sp.sqrt(a) * e(y) - a * e(y),
    ]
    assert normal_form.are_zero_atoms(true) == [True] * len(true)
    assert normal_form.are_zero_atoms(false) == [False] * len(false)
    for expr in true:
        assert normal_form.is_zero_atoms(expr)
    for expr in false:
        assert not normal_form.is_zero_atoms(expr)
        assert normal_form._decide_in_ring([expr])[0] is not True


def test_a_constant_exponential_beside_a_shared_monomial_is_its_own_atom() -> None:
    """e^{xy + 2z − 3} beside e^{xy}, e^{2z} and e^{−3}: the arguments share monomials, so each monomial gets its
    fresh symbol, and the constant e^{−3} was mapped to itself, which the ring's reader followed forever (the
    claim hung to its time limit). It stays an atom of its own, and the identity is decided, a near miss too."""
    e = sp.exp
    values = normal_form._exponential_values([e(x * y + 2 * z - 3), e(x * y), e(2 * z), e(-3)])
    assert all(value != node for node, value in values.items())
    assert normal_form.is_zero_atoms(e(x * y + 2 * z - 3) - e(x * y) * e(2 * z) * e(-3))
    assert not normal_form.is_zero_atoms(e(x * y + 2 * z - 3) - e(x * y) * e(2 * z))


def test_a_whole_test_past_its_size_bound_decides_nothing_and_the_steps_still_decide() -> None:
    from verifier.trusted.decide.rational_zero import RationalZeroTester

    xs = sp.symbols("x1:7")
    product = sp.Mul(*[sp.Add(*xs[i : i + 3]) + i for i in range(4)])
    identity = product**2 - sp.expand(product) ** 2
    assert RationalZeroTester([identity], max_product=10).decide(identity) is None
    assert RationalZeroTester([identity]).decide(identity) is True
    assert RationalZeroTester([identity + xs[0]]).decide(identity + xs[0]) is False
    assert normal_form.is_zero_atoms(identity)


def test_infinities_are_never_indeterminates_even_inside_an_atom() -> None:
    from verifier.trusted.decide.rational_zero import RationalZeroTester

    f = sp.Function("f")
    for expr in [sp.Add(sp.oo * x, -sp.oo * x, evaluate=False), sp.Add(f(sp.oo) / x, -f(sp.oo) / x, evaluate=False)]:
        assert RationalZeroTester([expr]).decide(expr) is not True
    g = sp.Add(f(sp.zoo), -f(sp.zoo), evaluate=False)
    assert RationalZeroTester([g]).decide(g) is None


def test_the_simplify_rung_expands_logs_first_only_where_the_assumptions_allow(monkeypatch: pytest.MonkeyPatch) -> None:
    zs = sp.symbols("z1:9", real=True)
    total = sp.Add(*[sp.exp(zi) for zi in zs])
    log_softmax = sp.log(sp.exp(zs[0]) / total) - (zs[0] - sp.log(total))  # simplify took 0.1 s on it

    def no_simplify(expr: sp.Expr) -> sp.Expr:
        raise AssertionError("decided by simplify, not by the log expansion")

    with monkeypatch.context() as patched:
        patched.setattr(normal_form.sp, "simplify", no_simplify)
        assert normal_form.is_zero_simplify(log_softmax)
    assert not normal_form.is_zero_simplify(sp.log(x * y) - sp.log(x) - sp.log(y))  # x, y of any sign: false
    assert not normal_form.is_zero_simplify(sp.log(x**2) - 2 * sp.log(x))
    assert normal_form.is_zero_simplify(sp.log(a * b**2) - sp.log(a) - 2 * sp.log(b))


@pytest.mark.parametrize(
    "expr",
    [
        -(x + 2 * y) * z / 3 + x,  # the exponent of a logistic or a softmax: a product of sums
        (x - y) ** 3 * a / 7 - b,
        sp.Rational(5, 2),
        x,
        -x * y,
        (x + y) ** 2 - x**2 - 2 * x * y - y**2,  # zero
        x / y + (x + 1) ** 2,  # a denominator: sympy's expand
        sp.exp(x + y) * (x + 1),  # an exponential: sympy's expand, whose hints split it
        sp.sqrt(x) * (x + 1) + sp.Float("0.5") * y,
    ],
)
def test_the_exponents_expansion_is_sympys_expand(expr: sp.Expr) -> None:
    got, want = expanded(expr), sp.expand(expr)
    assert got == want and got.args == want.args


def test_the_atoms_rung_splits_a_polynomial_exponent_in_the_ring_and_keeps_its_cross_terms(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """exp((x + y)²) is exp(x²)·exp(2xy)·exp(y²), never exp(x²)·exp(y²): the split the ring's expansion makes
    must be sympy's expand's, term for term, without calling it."""
    e = sp.exp

    def no_expand(expr: sp.Expr, *args: object, **kwargs: object) -> sp.Expr:
        raise AssertionError("a polynomial exponent expanded by sympy, not in the ring")

    exponent = (x + 3 * y) ** 2 / 2
    by_sympy = tuple(t.as_coeff_Mul() for t in sp.Add.make_args(sp.expand(exponent)))
    assert dict(by_sympy) == {sp.Rational(1, 2): x**2, 3: x * y, sp.Rational(9, 2): y**2}
    with monkeypatch.context() as patched:
        patched.setattr(sp, "expand", no_expand)
        normal_form._split_exponent.cache_clear()
        assert normal_form._split_exponent(exponent) == (by_sympy, 0)
    normal_form._split_exponent.cache_clear()
    assert normal_form.is_zero_atoms(e((x + y) ** 2) - e(x**2) * e(2 * x * y) * e(y**2))
    for wrong in (e((x + y) ** 2) - e(x**2) * e(y**2), e(-(x + y) * z) - e(-x * z) * e(y * z)):
        assert not normal_form.is_zero_atoms(wrong)
        assert normal_form.are_zero_atoms([wrong, wrong + e(z)]) == [False, False]
        with pytest.raises(Rejected):
            kernel.zero(wrong, "atoms")


def test_one_samples_pieces_meet_in_one_group_when_their_denominators_are_equal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The logistic Hessian's entry, Σₖ xₖ²(σₖ' written two ways): e^{z}/(1 + e^{z})² and σ(1 − σ) with
    σ = 1/(1 + e^{−z}) have the denominator 1 + E as two objects. Grouped by equal polynomials, each sample's
    pieces cancel in a group of their own, and the whole sum is never read with its common denominator."""
    from verifier.trusted.decide import rational_zero

    n = 4
    x, z = sp.symbols(f"x1:{n + 1}"), sp.symbols(f"z1:{n + 1}")
    sigma = [1 / (1 + sp.exp(-zk)) for zk in z]
    entry = sp.Add(
        *[
            xk**2 * sp.exp(zk) / (sp.exp(zk) + 1) ** 2 - xk**2 * s * (1 - s)
            for xk, zk, s in zip(x, z, sigma, strict=True)
        ]
    )
    grouped: list[int] = []
    by_denominator = rational_zero._by_denominator
    monkeypatch.setattr(rational_zero, "_by_denominator", lambda p: grouped.append(len(g := by_denominator(p))) or g)
    read = rational_zero._Reader.read
    whole: list[sp.Basic] = []
    monkeypatch.setattr(
        rational_zero._Reader, "read", lambda r, node: (node == entry and whole.append(node)) or read(r, node)
    )
    assert normal_form.are_zero_atoms([entry]) == [True]
    assert grouped == [n] and whole == []
    assert normal_form.are_zero_atoms([entry + x[0] ** 2 / (sp.exp(z[0]) + 1)]) == [False]  # and a slip is seen


def test_a_root_whose_radicand_can_vanish_stands_for_a_nonnegative_number_not_a_positive_one() -> None:
    """√((3x − 1)² + (7y − 1)²) is 0 at x = 1/3, y = 1/7. Its stand-in was declared positive because the radicand
    is nonnegative, so sympy read sign(s), H(s) and s > 0 as 1, 1 and true: the three identities below, and the
    strict inequality and strict PSD claim, were PROVED (a red team's finding). A positive radicand keeps a
    positive stand-in, and the ring's relation s² = radicand still decides."""
    u, v = sp.symbols("u v", real=True)
    r = sp.sqrt((3 * u - 1) ** 2 + (7 * v - 1) ** 2)
    for wrong in (sp.sign(r) - 1, sp.Heaviside(r) - 1, sp.Piecewise((1, r > 0), (0, True)) - 1):
        with pytest.raises(Rejected):
            kernel.zero(wrong, "atoms")
    assert kernel.zero(sp.sign(sp.sqrt(u**2 + 1)) - 1, "atoms").rung == "atoms"
    assert kernel.zero(sp.sqrt((u - v) ** 2) ** 2 - (u - v) ** 2, "atoms").rung == "atoms"


def test_claims_false_where_a_root_vanishes_are_not_proved() -> None:
    u, v = sp.symbols("u v")
    r = sp.sqrt((3 * u - 1) ** 2 + (7 * v - 1) ** 2)
    where = {u: Real(), v: Real()}
    claims = {
        "sign_of_distance": Identity(sp.sign(r), sp.Integer(1), where=where),
        "distance_is_positive": Inequality(r, ">", sp.Integer(0), where=where),
        "distance_is_positive_definite": PSD(sp.Matrix([[r]]), strict=True, where=where),
    }
    for name, body in claims.items():
        result = verify_family(claim(name=name)(lambda body=body: body), EngineSettings(samples=200))
        assert result.status is not Status.PROVED, (name, result.reason)
