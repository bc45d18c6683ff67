"""A builder's divisions at a symbolic n: a factor sympy cancels there, but 0 at some size, keeps 'for all n' away."""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language import made
from verifier.outcome import Status
from verifier.strategies import size_divisors
from verifier.strategies.dimension import SIZE, attempt

FAST = EngineSettings(samples=40)
t = sp.Symbol("t", real=True)
k = sp.Symbol("k", integer=True)


@claim(n=range(1, 5))
def cancelled(n: int) -> Identity:
    """t(n − 5)/(n − 5) = t: no value at n = 5, where 'for all n' would reach."""
    return Identity(t * (n - 5) / (n - 5), t, where={t: Real()})


@claim(n=range(1, 8))
def cancelled_in_range(n: int) -> Identity:
    """t(n − 5)/(n − 5) = t for n = 1..7: undefined at n = 5, a stated size."""
    return Identity(t * (n - 5) / (n - 5), t, where={t: Real()})


@claim(n=range(1, 5))
def cancelled_quotient(n: int) -> Identity:
    """(n² − 25)/(n − 5)·t = (n + 5)·t."""
    return Identity(sp.S(n**2 - 25) / (n - 5) * t, (n + 5) * t, where={t: Real()})


@claim(n=range(1, 5))
def cancelled_reciprocal_first(n: int) -> Identity:
    """1/(n − 5)·(n − 5)·t = t."""
    return Identity(sp.S(1) / (n - 5) * (n - 5) * t, t, where={t: Real()})


@claim(n=range(1, 5))
def cancelled_in_a_product(n: int) -> Identity:
    """Π_{k=1}^{n} t(n − 5)/(n − 5) = Π_{k=1}^{n} t."""
    return Identity(sp.Product(t * (n - 5) / (n - 5), (k, 1, n)), sp.Product(t, (k, 1, n)), where={t: Real()})


@claim(n=range(1, 5))
def cancelled_on_a_matrix(n: int) -> Identity:
    """A(n − 5)/(n − 5) = A."""
    a = sp.MatrixSymbol("A", n, n)
    return Identity(a * (n - 5) / (n - 5), a, where={a: Real()})


@claim(n=range(6, 9))
def cancelled_below_the_start(n: int) -> Identity:
    """t(n − 5)/(n − 5) = t for n ≥ 6: every n from the first size on has a value."""
    return Identity(t * (n - 5) / (n - 5), t, where={t: Real()})


@claim(n=range(1, 5))
def cancelled_never_zero(n: int) -> Identity:
    """t(n + 5)/(n + 5) = t; and t(n² + 1)/(n² + 1) = t."""
    return Identity(t * (n + 5) / (n + 5) * (n**2 + 1) / (n**2 + 1), t, where={t: Real()})


def test_a_factor_cancelled_at_a_symbolic_n_but_zero_at_a_size_is_not_proved_for_all_n() -> None:
    for family in (cancelled, cancelled_quotient, cancelled_reciprocal_first, cancelled_in_a_product):
        found = attempt(family)
        assert found is not None and found.proof is None, family.name
        assert "n - 5" in found.reason and "0 at n = 5" in found.reason, found.reason
        r = verify_family(family, FAST)
        assert r.status is Status.PROVED and not r.for_all_n, (family.name, r.reason)  # its stated sizes stand
    found = attempt(cancelled_on_a_matrix)
    assert found is not None and found.proof is None and "0 at n = 5" in found.reason


def test_a_stated_size_where_it_is_undefined_is_no_proof_for_all_n() -> None:
    r = verify_family(cancelled_in_range, FAST)
    assert r.status is Status.PROVED and not r.for_all_n and r.undefined_n == [5]


def test_a_factor_nonzero_from_the_first_size_on_keeps_the_proof_for_all_n() -> None:
    for family in (cancelled_below_the_start, cancelled_never_zero):
        found = attempt(family)
        assert found is not None and found.proof is not None, (family.name, found.reason if found else None)


def _divisors(*bases: sp.Expr) -> made.Made:
    return made.Made(bases=list(bases))


def test_the_recorded_divisors() -> None:
    n = SIZE
    _, found = made.recording(lambda: t * (n - 5) / (n - 5) + t / n)
    assert set(made.divisors(found)) == {n - 5, n}
    assert size_divisors.failing(found, n, 1).startswith("it divides by n - 5, 0 at n = 5")
    assert size_divisors.failing(found, n, 6) == ""
    assert "not shown nonzero" in size_divisors.failing(_divisors(2**n - 8), n, 1)
    assert size_divisors.failing(_divisors(n**2 - 2, 2 * n + 1), n, 1) == ""  # no integer root
    assert ", 0 at n = 9 (no value there" in size_divisors.failing(_divisors((n - 2) * (n - 9)), n, 3)
    assert sp.Pow(n - 5, -1) == 1 / (n - 5)  # sympy's power is restored
