"""Red team 131 on the proofs for every n of Python claims in index notation (sp.Sum to n, IndexedBase entries).

- The rule "substitution under δ", δ(u, v)·f = δ(u, v)·f[v := u], replaced v also inside a sum that binds u: the
  rules name a sum's first bound index b0, and with the claim's own integer scalar b0, δ(m, b0)·Σ_{b0} g(b0, m)
  became Σ_{b0} g(b0, b0). A false claim was PROVED for all n (probe_redteam_131.py).
- A fact read by name, z > 0 for a positive vector z, was used for z_{n+1}, an entry past the vector's end that
  the claim at each n declares on its own (a real scalar): log(z_{n+1}²) = 2 log z_{n+1} was proved for all n.
- A quotient of sums that is 0/0 at a stated n (the claim has no value there) was proved for all n; it is proved
  at its other sizes only now, as a size whose divisor in n alone is 0 there (tests/strategies/test_size_divisors).
"""

from __future__ import annotations

import sympy as sp

from verifier import Identity, Integer, Positive, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.mathlib import vector
from verifier.outcome import Status
from verifier.strategies.dimension import attempt

FAST = EngineSettings(samples=40)
x = sp.Symbol("x")
m = sp.Symbol("m", integer=True)
b0 = sp.Symbol("b0", integer=True)
k = sp.Symbol("k", integer=True)


def _summed(n: object, term: object) -> sp.Expr:
    if isinstance(n, int):
        return sp.Add(*[term(sp.Integer(j)) for j in range(1, n + 1)])  # type: ignore[operator]
    return sp.Sum(term(k), (k, 1, n))  # type: ignore[operator]


@claim(n=range(1, 3))
def captured(n: object) -> Identity:
    """δ(m, b0)·Σ_k x·cos(k·m) = δ(m, b0)·Σ_k x·cos(k²): false at n = 1, m = b0 = 2, x = 1 (cos 2 against cos 1)."""
    where = {x: Real(), m: Integer(1, 2), b0: Integer(1, 2)}
    left = sp.KroneckerDelta(m, b0) * _summed(n, lambda j: x * sp.cos(j * m))
    right = sp.KroneckerDelta(m, b0) * _summed(n, lambda j: x * sp.cos(j * j))
    return Identity(left, right, where=where)


@claim(n=range(1, 3))
def captured_with_another_name(n: object) -> Identity:
    """The same with the scalar named p: no bound index shares its name."""
    p = sp.Symbol("p", integer=True)
    where = {x: Real(), m: Integer(1, 2), p: Integer(1, 2)}
    left = sp.KroneckerDelta(m, p) * _summed(n, lambda j: x * sp.cos(j * m))
    right = sp.KroneckerDelta(m, p) * _summed(n, lambda j: x * sp.cos(j * j))
    return Identity(left, right, where=where)


@claim(n=range(1, 4))
def entry_past_a_positive_vector(n: object) -> Identity:
    """log(z_{n+1}²) = 2 log z_{n+1} with z ∈ ℝⁿ positive and z_{n+1} a real scalar: false (complex) at z_{n+1} = −1."""
    if isinstance(n, int):
        z, extra = vector("z", n), sp.Symbol(f"z{n + 1}")
        return Identity(sp.log(extra**2) + z[0], 2 * sp.log(extra) + z[0], where={z: Positive(), extra: Real()})
    zb = sp.IndexedBase("z")
    return Identity(sp.log(zb[n + 1] ** 2) + zb[1], 2 * sp.log(zb[n + 1]) + zb[1], where={zb: Positive()})  # type: ignore[operator]


@claim(n=range(1, 4))
def entries_of_a_positive_vector(n: object) -> Identity:
    """log(z₁²) = 2 log z₁ for z ∈ ℝⁿ positive: log of a positive power."""
    if isinstance(n, int):
        z = vector("z", n)
        return Identity(sp.log(z[0] ** 2) + z[n - 1], 2 * sp.log(z[0]) + z[n - 1], where={z: Positive()})
    zb = sp.IndexedBase("z")
    return Identity(sp.log(zb[1] ** 2) + zb[n], 2 * sp.log(zb[1]) + zb[n], where={zb: Positive()})


@claim(n=range(1, 5))
def quotient_of_sums_without_a_value_at_three(n: int) -> Identity:
    """Σ_{k≤n} (k − 2)x / Σ_{k≤n} (kx − 2x) = 1: both sums are 0 at n = 3 (−x + 0 + x), for every x."""
    return Identity(sp.Sum((k - 2) * x, (k, 1, n)) / sp.Sum(k * x - 2 * x, (k, 1, n)), sp.Integer(1), where={x: Real()})


def test_a_delta_substitution_does_not_capture_a_sums_bound_index() -> None:
    found = attempt(captured)
    assert found is not None and found.proof is None, found
    other = attempt(captured_with_another_name)
    assert other is not None and other.proof is None, other  # the same claim: false, and never proved
    r = verify_family(captured, FAST)
    assert r.status is Status.REFUTED, r.reason


def test_an_entry_past_a_declared_vector_is_not_the_vectors() -> None:
    found = attempt(entry_past_a_positive_vector)
    assert found is not None and found.proof is None, found
    assert "not one of the vector's" in found.reason, found.reason
    inside = attempt(entries_of_a_positive_vector)
    assert inside is not None and inside.proof is not None, inside.reason  # z₁ and z_n are the vector's


def test_a_stated_size_without_a_value_is_no_proof_for_every_n() -> None:
    found = attempt(quotient_of_sums_without_a_value_at_three)
    assert found is not None and found.proof is None, found
    assert "no value at n = 3" in found.reason, found.reason
    r = verify_family(quotient_of_sums_without_a_value_at_three, FAST)
    assert r.status is Status.PROVED and not r.for_all_n and r.undefined_n == [3], r.reason
