"""Red team 131 on the proofs for every n of Python claims in index notation (sp.Sum to n, IndexedBase entries).

- The rule "substitution under δ", δ(u, v)·f = δ(u, v)·f[v := u], replaced v also inside a sum that binds u: the
  rules name a sum's first bound index b0, and with the claim's own integer scalar b0, δ(m, b0)·Σ_{b0} g(b0, m)
  became Σ_{b0} g(b0, b0). A false claim was PROVED for all n (probe_redteam_131.py). So did a product over the
  claim's own free k (the rules keep a product as written): δ(m, k)·Π_k g(k, m) became Π_k g(k, k).
- A fact read by name, z > 0 for a positive vector z, was used for z_{n+1}, an entry past the vector's end that
  the claim at each n declares on its own (a real scalar): log(z_{n+1}²) = 2 log z_{n+1} was proved for all n.
- A quotient of sums that is 0/0 at a stated n (the claim has no value there) was proved for all n; it is proved
  at its other sizes only now, as a size whose divisor in n alone is 0 there (tests/strategies/test_size_divisors).
  A divisor Σ_{k≤n} (kx − 2x) = x·n(n − 3)/2 has no value at n = 3 for any x, stated or not: such a claim is not read
  at a symbolic size (Python) or not proved for all n (LaTeX), as a divisor in n alone.
"""

from __future__ import annotations

from pathlib import Path

import sympy as sp

from verifier import Identity, Integer, Positive, Real, claim
from verifier.engine import EngineSettings, verify_family
from verifier.language.mathlib import vector
from verifier.outcome import Status
from verifier.run.runner import RunSettings, verify_paths
from verifier.strategies.dimension import attempt

FAST = EngineSettings(samples=40)
x, y = sp.symbols("x y")
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


TINY = sp.Rational(1, 10**30)


def _in_a_product(exponent: sp.Expr, n: object) -> sp.Expr:
    factor = 1 + (k + (k - 1) * (k - 2) * (exponent - k)) ** 2
    return x + TINY * x * sp.KroneckerDelta(m, k) * sp.Product(factor, (k, 1, n))


@claim(n=range(1, 4))
def captured_by_a_product(n: object) -> Identity:
    """x + 10⁻³⁰xδ(m, k)Π_k (1 + (k + (k − 1)(k − 2)(m − k))²) = x + 10⁻³⁰xδ(m, k)Π_k (1 + k²), k free beside the
    product's own k: false at n = 3, m = k = 1, x = 1 (the products are 2·5·2 and 2·5·10, 10⁻³⁰·80 apart)."""
    return Identity(_in_a_product(m, n), _in_a_product(k, n), where={x: Real(), m: Integer(1, 2), k: Integer(1, 2)})


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


@claim(n=range(1, 3))
def quotient_of_sums_without_a_value_past_the_sizes(n: int) -> Identity:
    """The same at n = 1, 2: true there, and no value at n = 3, where 'for all n' would reach."""
    return Identity(sp.Sum((k - 2) * x, (k, 1, n)) / sp.Sum(k * x - 2 * x, (k, 1, n)), sp.Integer(1), where={x: Real()})


@claim(n=range(1, 5))
def quotient_of_sines_without_a_value_at_three(n: int) -> Identity:
    """Σ_{k≤n} xy·sin(kπ/2) / Σ_{k≤n} x·sin(kπ/2) = y for x > 0: the sums are 0 at n = 3 (1 + 0 − 1) and 4."""
    s = sp.sin(k * sp.pi / 2)
    return Identity(sp.Sum(x * y * s, (k, 1, n)) / sp.Sum(x * s, (k, 1, n)), y, where={x: Positive(), y: Real()})


def test_a_delta_substitution_does_not_capture_a_sums_bound_index() -> None:
    found = attempt(captured)
    assert found is not None and found.proof is None, found
    other = attempt(captured_with_another_name)
    assert other is not None and other.proof is None, other  # the same claim: false, and never proved
    r = verify_family(captured, FAST)
    assert r.status is Status.REFUTED, r.reason


def test_a_delta_substitution_does_not_capture_a_products_index() -> None:
    """The product is kept as written, over the claim's own k; δ(m, k) turned m into it (PROVED for all n)."""
    found = attempt(captured_by_a_product)
    assert found is not None and found.proof is None, found
    r = verify_family(captured_by_a_product, FAST)
    assert r.status is Status.REFUTED, r.reason


def test_an_entry_past_a_declared_vector_is_not_the_vectors() -> None:
    found = attempt(entry_past_a_positive_vector)
    assert found is not None and found.proof is None, found
    assert "not one of the vector's" in found.reason, found.reason
    inside = attempt(entries_of_a_positive_vector)
    assert inside is not None and inside.proof is not None, inside.reason  # z₁ and z_n are the vector's


def test_a_stated_size_without_a_value_is_no_proof_for_every_n() -> None:
    found = attempt(quotient_of_sines_without_a_value_at_three)
    assert found is not None and found.proof is None, found
    assert "no value at n = 3" in found.reason, found.reason  # the kernel's: no closed form tells the builder's n
    r = verify_family(quotient_of_sines_without_a_value_at_three, FAST)
    assert r.status is Status.PROVED and not r.for_all_n and r.undefined_n == [3, 4], r.reason


def test_a_divisor_whose_sum_has_a_factor_in_the_size_is_not_read_for_all_n() -> None:
    for family in (quotient_of_sums_without_a_value_at_three, quotient_of_sums_without_a_value_past_the_sizes):
        found = attempt(family)
        assert found is not None and found.proof is None, found
        assert "whose factor n - 3 is 0 at n = 3" in found.reason, found.reason
    r = verify_family(quotient_of_sums_without_a_value_at_three, FAST)
    assert r.status is Status.PROVED and not r.for_all_n and r.undefined_n == [3], r.reason
    r = verify_family(quotient_of_sums_without_a_value_past_the_sizes, FAST)
    assert r.status is Status.PROVED and not r.for_all_n, r.reason


def test_a_latex_divisor_whose_sum_has_a_factor_in_the_size_is_not_proved_for_all_n(tmp_path: Path) -> None:
    """\\frac{Σ_i (i − 3)c}{Σ_i (ic − 3c)} = 1 on k: 2..4: its divisor is c·k(k − 5)/2, 0 at k = 5 for every c; the
    condition was read whole, and with the scalar c in it, as the proof's "wherever defined"."""
    source = tmp_path / "scaled.md"
    source.write_text(
        "```verifier\nk: 2..4\nc: positive\n```\n\n% claim: scaled\n"
        "$$ \\frac{\\sum_i (i - 3) c}{\\sum_i (i c - 3 c)} = 1 $$\n"
    )
    (r,) = verify_paths([str(source)], RunSettings(engine=FAST, jobs=1)).results
    assert r.status is Status.PROVED and not r.for_all_n, r.reason
