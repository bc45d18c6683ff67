"""Red team of the kernel's binding of proofs to statements (ClaimAt, Proof.statement, Proof.covers, judge).

Each test states one attack and asserts the SOUND outcome; "Fixed" marks an attack that succeeded until it
was fixed, and a failing test is a new finding. Where a test hands judge a "pass" numeric verdict for a
false claim, it stands for samples that miss the falsehood (as in test_kernel_binding.py): nothing but the
binding may stand between it and PROVED. The truth of every claim is settled by hand or by an exact
witness in the test, never by the engine.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np
import pytest
import sympy as sp
from sympy.utilities.lambdify import implemented_function

from verifier import Identity, Positive, Real
from verifier.engine import EngineSettings, mathtext, verify_family
from verifier.engine import verify as engine
from verifier.language.claims import Expect, Statement
from verifier.language.families import ClaimFamily
from verifier.numeric.checks import NumericOutcome, Settings
from verifier.outcome import NumericVerdict, Status
from verifier.strategies import dimension, ladder
from verifier.trusted import kernel
from verifier.trusted.instantiate import Instance, _canonical
from verifier.trusted.kernel import ClaimAt, Proof

SETTINGS = EngineSettings(samples=40)
PASS = NumericVerdict.PASS
x = sp.Symbol("x", real=True)
y = sp.Symbol("y", real=True)
free_x = sp.Symbol("x")  # no assumptions of its own: a Piecewise on x > 0 stays a Piecewise


def _family(name: str, builder: Callable[..., Statement], n_values: tuple, numeric_n: tuple = ()) -> ClaimFamily:
    return ClaimFamily(name, "redteam", name, builder, n_values, numeric_n, Expect.HOLDS, "")


def _instance(at: ClaimAt) -> Instance:
    assert at.instance is not None, at.undefined
    return at.instance


def _residual_proof(inst: Instance) -> Proof:
    """The kernel's own residual of inst, every entry shown zero by simplify."""
    obligation = kernel.residual(inst)
    return kernel.prove_residual(inst, obligation, [kernel.zero(e, "simplify") for e in obligation.entries])


def _verdict(family: ClaimFamily, at: ClaimAt, forge: Callable[[], Proof]) -> Status | None:
    """judge's status given the forged proof, with passing numerics; None if the kernel refused to make it."""
    try:
        proof = forge()
    except kernel.Rejected:
        return None
    return kernel.judge(family, [at], [proof], [PASS])[0]


def _blind(monkeypatch: pytest.MonkeyPatch) -> None:
    """Numerics that always pass, and no exact refutation: only the kernel's binding is left."""
    real_check = engine.spot_check

    def check(inst: Instance, rng: np.random.Generator, settings: Settings) -> NumericOutcome:
        outcome = real_check(inst, rng, settings)
        return dataclasses.replace(outcome, verdict=NumericVerdict.PASS, counterexample=None)

    monkeypatch.setattr(engine, "spot_check", check)
    monkeypatch.setattr(engine, "refute_exactly", lambda *args: None)


def _sqrt_square() -> Identity:
    """√(x²) = x for every real x: false, x = −1 gives 1 = −1."""
    return Identity(sp.sqrt(x**2), x, where={x: Real()})


SQRT = _family("sqrt_square", _sqrt_square, (None,))


# ----------------------------------------------------------------------------- an Instance is not kernel-made


def test_a_forged_instance_of_the_same_claim_proves_nothing() -> None:
    """Fixed. Instance has no key and its digest covers only .claim: a strategy may hand a rule the kernel's
    claim with x rebuilt as a positive symbol (to_symbolic), and the proof names the kernel's digest."""
    assert sp.sqrt(sp.Integer(-1) ** 2) != -1  # the claim is false at x = −1
    at = kernel.state(SQRT, None)
    forged = dataclasses.replace(_instance(at), to_symbolic={x: sp.Symbol("x", positive=True)})
    assert _verdict(SQRT, at, lambda: _residual_proof(forged)) is not Status.PROVED


def test_a_forged_instance_proves_nothing_end_to_end(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fixed. The same through verify_family: a ladder that proves the kernel's claim on a forged instance."""
    _blind(monkeypatch)

    def forged(inst: Instance, units: int, rungs: tuple[str, ...] = ()) -> ladder.SymbolicOutcome:
        weaker = dataclasses.replace(inst, to_symbolic={x: sp.Symbol("x", positive=True)})
        return ladder.SymbolicOutcome(_residual_proof(weaker), "", 0.0)

    monkeypatch.setattr(ladder, "prove", forged)
    result = verify_family(SQRT, SETTINGS)
    assert result.status is not Status.PROVED, result.reason


def test_an_obligation_of_a_forged_instance_is_not_the_claims() -> None:
    """Fixed. _own compares digests only: an obligation computed on a forged instance (same claim) passes
    for the kernel's own instance, and the Proof is then made on the genuine instance."""
    at = kernel.state(SQRT, None)
    genuine = _instance(at)
    forged = dataclasses.replace(genuine, to_symbolic={x: sp.Symbol("x", positive=True)})

    def forge() -> Proof:
        return kernel.prove_residual(genuine, kernel.residual(forged), [])

    assert _verdict(SQRT, at, forge) is not Status.PROVED


# ----------------------------------------------------------------------------- the key survives dataclasses.replace


def test_dataclasses_replace_does_not_reforge_a_proof() -> None:
    """Fixed. replace() copies the key: a proof of a true claim, renamed to the false one's name, n and digest."""
    true = _family("square", lambda: Identity((x + 1) ** 2, x**2 + 2 * x + 1, where={x: Real()}), (None,))
    proof = _residual_proof(_instance(kernel.state(true, None)))
    at = kernel.state(SQRT, None)
    renamed = f"{SQRT.derivation}.{SQRT.name}"

    def forge() -> Proof:
        return dataclasses.replace(proof, claim=renamed, statement=at.digest)

    assert _verdict(SQRT, at, forge) is not Status.PROVED


def test_dataclasses_replace_does_not_empty_an_obligation() -> None:
    """Fixed. replace() on the kernel's Obligation: entries all zero, and prove_residual takes it."""
    at = kernel.state(SQRT, None)
    inst = _instance(at)
    obligation = kernel.residual(inst)
    assert obligation.entries[0] != 0

    def forge() -> Proof:
        return kernel.prove_residual(inst, dataclasses.replace(obligation, entries=(sp.Integer(0),)), [])

    assert _verdict(SQRT, at, forge) is not Status.PROVED


# ----------------------------------------------------------------------------- statement_digest is not injective

S, C = sp.Function("sin"), sp.Function("cos")  # arbitrary functions that happen to be called sin and cos
g2 = implemented_function("g", lambda t: t**2)
g3 = implemented_function("g", lambda t: t**3)
COLLISIONS = {
    "sympy sin vs an undefined function named sin": (sp.sin(x) ** 2 + sp.cos(x) ** 2, S(x) ** 2 + C(x) ** 2),
    "x + y vs an undefined function named Add": (x + y, sp.Function("Add")(x, y)),
    "implemented functions with other bodies": (g2(x), g3(x)),
}


@pytest.mark.parametrize("name", list(COLLISIONS))
def test_different_statements_have_different_digests(name: str) -> None:
    """Fixed (each). _node digests a node by type(node).__name__ and its args: a function class's identity,
    assumptions and implementation are not in it. The two expressions differ in meaning (sympy says so)."""
    a, b = COLLISIONS[name]
    assert a != b
    claims = [_family("c", lambda e=e: Identity(e, 0, where={x: Real(), y: Real()}), (None,)) for e in (a, b)]
    digests = {_instance(kernel.state(fam, None)).digest for fam in claims}
    assert len(digests) == 2, name


DISTINCT = {
    "floats of other precision": (sp.Float("0.1", 15), sp.Float("0.1", 30)),
    "two dummies of one name": (sp.Dummy("d"), sp.Dummy("d")),
    "symbols of other assumptions": (x, sp.Symbol("x", positive=True)),
    "a row and a column": (sp.Matrix([[1, 2]]), sp.Matrix([[1], [2]])),
}


@pytest.mark.parametrize("name", list(DISTINCT))
def test_atoms_and_shapes_are_told_apart(name: str) -> None:
    """Defended: srepr of an atom carries its precision, dummy index and assumptions; a matrix its shape."""
    a, b = DISTINCT[name]
    assert _canonical(a, {}) != _canonical(b, {}), name


def test_a_proof_of_the_pythagorean_identity_is_not_one_for_arbitrary_functions() -> None:
    """Fixed. sin² + cos² = 1 (true) and S² + C² = 1 for arbitrary S, C (false: S = C = 0) have one digest,
    so a proof of the first, made under the same claim name, is judged a proof of the second."""
    true = _family("pythagoras", lambda: Identity(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1, where={x: Real()}), (None,))
    false = _family("pythagoras", lambda: Identity(S(x) ** 2 + C(x) ** 2, 1, where={x: Real()}), (None,))
    assert (S(x) ** 2 + C(x) ** 2).subs({S(x): 0, C(x): 0}) == 0  # S = C = 0: 0 ≠ 1
    proof = _residual_proof(_instance(kernel.state(true, None)))
    at = kernel.state(false, None)
    assert kernel.judge(false, [at], [proof], [PASS])[0] is not Status.PROVED


# ----------------------------------------------------------------------------- generic dimension


def _one_nth(n: int | sp.Symbol) -> Identity:
    """X·(1/n) = X/n: at a concrete n, Python's 1/3 is the float 0.333…, which is not 1/3."""
    X = sp.MatrixSymbol("X", n, n)
    return Identity(X * (1 / n), X / n, where={X: Real()})


def test_a_claim_holding_a_float_is_not_proved_through_the_generic_rung() -> None:
    """Fixed. refuse_floats reads the symbolic statement only; first_unlike's _same_value finds
    X·0.333… and X/3 alike (sympy rounds 1/3 to the float's precision). The per-n rule refuses this claim."""
    third = sp.Rational(sp.Float(1 / 3))
    assert third != sp.Rational(1, 3)  # exactly: X·0.333… − X/3 = −X/(3·2⁵⁴) ≠ 0
    result = verify_family(_family("one_nth", _one_nth, (3,)), SETTINGS)
    assert result.status is not Status.PROVED, result.reason


def _branching(n: int | sp.Symbol) -> Identity:
    """tr(AB) = tr(BA) at a symbolic n (true), tr(AB) = tr(A)·tr(B) at a concrete n (false at n = 2)."""
    A, B = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("B", n, n)
    rhs = sp.trace(B * A) if isinstance(n, sp.Symbol) else sp.trace(A) * sp.trace(B)
    return Identity(sp.trace(A * B), rhs, where={A: Real(), B: Real()})


def test_a_builder_that_branches_on_the_symbolic_n_proves_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Defended (first_unlike). At n = 2, A = B = I: tr(AB) = 2, tr(A)·tr(B) = 4."""
    assert sp.trace(sp.eye(2) * sp.eye(2)) != sp.trace(sp.eye(2)) ** 2
    _blind(monkeypatch)
    family = _family("branching", _branching, (2,))
    found = dimension.attempt(family)
    assert found is not None and found.proof is None
    assert verify_family(family, SETTINGS).status is not Status.PROVED


def _undefined_at_every_concrete_n(n: int | sp.Symbol) -> Identity:
    X = sp.MatrixSymbol("X", n, n)
    if not isinstance(n, sp.Symbol):
        raise ZeroDivisionError("undefined at every concrete n")
    return Identity(X * X, X * X.T, where={X: Real()})  # false, but never stated at a concrete n


def test_a_proof_for_all_n_that_covers_no_n_is_not_proved(monkeypatch: pytest.MonkeyPatch) -> None:
    """Defended. Every concrete n undefined: the kernel makes no proof for all n (a stated size has no value, red
    team 131; the proof covered no n before, and judge had no numeric verdict)."""
    _blind(monkeypatch)
    family = _family("nowhere", _undefined_at_every_concrete_n, (1, 2))
    stated = [kernel.state(family, n) for n in family.all_n]
    A, B = (sp.MatrixSymbol(name, dimension.SIZE, dimension.SIZE) for name in "AB")
    generic = Identity(sp.trace(A * B), sp.trace(B * A), where={A: Real(), B: Real()})
    with pytest.raises(kernel.Rejected, match="no value at n = 1"):
        kernel.prove_for_all_n("redteam.nowhere", generic, dimension.SIZE, stated)
    assert verify_family(family, SETTINGS).status is Status.ERROR


# ----------------------------------------------------------------------------- undefined n


def _dead_branch(n: int) -> Identity:
    """(n−1)·x = (n−1)²·x for x > 0, written with a branch for x ≤ 0 that the domain never reaches. True at
    n = 1, 2; false at n = 3 (2x ≠ 4x); the dead branch is 1/(n − 3), zoo at n = 3 only."""
    lhs = sp.Piecewise(((n - 1) * free_x, free_x > 0), (1 / sp.Integer(n - 3), True))
    return Identity(lhs, (n - 1) ** 2 * free_x, where={free_x: Positive()})


def test_zoo_in_a_branch_the_domain_never_reaches_does_not_hide_a_false_n() -> None:
    """Fixed. instantiate calls the claim at n = 3 'undefined everywhere' (has(zoo)), yet on x > 0 it is
    defined and false; judge then needs no proof there, and the family is PROVED."""
    at3 = _dead_branch(3).lhs.subs(free_x, 1)
    assert at3 == 2 and _dead_branch(3).rhs.subs(free_x, 1) == 4  # at x = 1: 2 ≠ 4
    result = verify_family(_family("dead_branch", _dead_branch, (1, 2, 3)), SETTINGS)
    assert result.status is not Status.PROVED, result.reason


def test_an_undefined_n_is_not_reported_as_checked() -> None:
    """Fixed (report). The reason said both 'checked numerically at n = 3' and 'undefined at n = 3 … not checked'
    (first seen with the dead branch above, which is no longer undefined there: not PROVED, see above)."""
    family = _family("skip_three", _undefined_at(3), (1, 2), (3,))
    result = verify_family(family, SETTINGS)
    assert result.undefined_n == [3]
    assert "checked numerically at n = 3" not in result.reason, result.reason


def _nan_outside_domain() -> Identity:
    """x = x for x > 0, with x ≤ 0 written as undefined (nan): true on the whole domain."""
    return Identity(sp.Piecewise((free_x, free_x > 0), (sp.nan, True)), free_x, where={free_x: Positive()})


def test_a_true_claim_with_nan_where_the_domain_never_goes_is_not_an_error() -> None:
    """Fixed (a true claim judged ERROR: 'an expression is undefined everywhere')."""
    assert _nan_outside_domain().lhs.subs(free_x, 2) == 2
    result = verify_family(_family("nan_outside", _nan_outside_domain, (None,)), SETTINGS)
    assert result.status is not Status.ERROR, result.reason


def _undefined_at(k: int) -> Callable[[int], Identity]:
    def builder(n: int) -> Identity:
        """xⁿ·x = xⁿ⁺¹ (true), except that the builder divides by zero at n = k (it states nothing there)."""
        if n == k:
            raise ZeroDivisionError
        return Identity(x**n * x, x ** (n + 1), where={x: Real()})

    return builder


@pytest.mark.parametrize("k", [1, 2])
def test_a_builder_that_divides_by_zero_is_proved_only_where_it_states_something(k: int) -> None:
    """k = 1: defended (by design): the verdict and the report say which n it covers. k = 2: fixed: n = 2 is
    display_n, which verify_family builds outside kernel.state; the ZeroDivisionError there is an ERROR."""
    result = verify_family(_family("skip", _undefined_at(k), (1, 2, 3)), SETTINGS)
    assert result.status is Status.PROVED, result.reason
    assert result.undefined_n == [k] and f"undefined at n = {k}" in result.reason


def test_a_claim_undefined_at_every_n_is_an_error() -> None:
    """Defended: a claim that says nothing at any n is not PROVED (nor CHECKED)."""
    result = verify_family(
        _family("never", lambda n: Identity(x / sp.Integer(0), x, where={x: Real()}), (1, 2)), SETTINGS
    )
    assert result.status is Status.ERROR


# ----------------------------------------------------------------------------- n_values and numeric_n


def _power(n: int) -> Identity:
    return Identity(x**n * x, x ** (n + 1), where={x: Real()})


@pytest.mark.parametrize(("n_values", "numeric_n"), [((2, 2), ()), ((2,), (3, 3))])
def test_a_repeated_n_is_not_an_engine_inconsistency(n_values: tuple, numeric_n: tuple) -> None:
    """Fixed. all_n keeps a repeated n; the walk checks it twice, judge counts one digest per n, and a
    true claim is UNKNOWN with 'ENGINE INCONSISTENCY … a counterexample was confirmed' (none was)."""
    result = verify_family(_family("repeated", _power, n_values, numeric_n), SETTINGS)
    assert not result.inconsistency and result.status is Status.PROVED, result.reason


# ----------------------------------------------------------------------------- a builder with state


def test_the_statement_shown_is_the_statement_judged() -> None:
    """Fixed (report). verify_family builds the claim it renders by a call of its own; a builder whose
    first answer is (x+1)² = x² + 1 (false at x = 1: 4 ≠ 2) and later ones the true expansion is PROVED,
    shown as the false statement."""
    calls: list[object] = []

    def builder(n: int) -> Identity:
        calls.append(n)
        rhs = x**2 + 1 if len(calls) == 1 else x**2 + 2 * x + 1
        return Identity((x + 1) ** 2, rhs, where={x: Real()})

    family = _family("stateful", builder, (1,))
    result = verify_family(family, SETTINGS)
    judged = kernel.state(family, 1)  # the builder's later answers, as the kernel stated them
    if result.status is Status.PROVED:
        assert result.latex == mathtext.render(_instance(judged).claim)[0], result.latex
