"""Activations, optimisers and the statistics of training, line by line.

Each derivation is a chain, one line per step with its reason, beside a student's version
with one planted slip (PLANTED names the line the verifier must flag first).

- Activations: σ′ = σ(1 − σ) by the quotient rule; tanh t = 2σ(2t) − 1, so
  tanh′ = 4σ(2t)(1 − σ(2t)) = 1 − tanh²; the softplus log(1 + eᵗ) has derivative σ(t);
  (log σ)′ = σ′/σ = 1 − σ; and for one sample with label y, the binary cross-entropy
  −y log σ(t) − (1 − y) log(1 − σ(t)) has derivative σ(t) − y.
- Newton's method: with f(x* + e) = a₁e + a₂e² + a₃e³, the error after one step is
  e − f/f′ = (a₂e² + 2a₃e³)/f′ = (a₂/a₁)e² + O(e³), and a₂/a₁ = f″(x*)/(2f′(x*)). For the
  Babylonian square root, x ↦ (x + 2/x)/2 = x − f/f′ with f = x² − 2, the error map is
  exactly e²/(2(√2 + e)), with leading constant √2/4.
- Inverted dropout: d = m·x/q with m ~ Bernoulli(q) has E d = x and
  Var d = q(x/q − x)² + (1 − q)x² = x²(1 − q)/q.
- The variance decomposition: (1/n)Σ(xᵢ − μ)² = (1/n)Σxᵢ² − μ², for μ the mean.
- Adam's bias correction: from m₀ = 0, m_t = βm_{t−1} + (1 − β)g with a constant gradient g
  unrolls to (1 − β)Σₖ₌₀^{t−1}βᵏg = (1 − βᵗ)g, so m̂_t = m_t/(1 − βᵗ) = g.

Sources: I. Goodfellow, Y. Bengio and A. Courville, *Deep Learning* (2016), §3.10 (σ, the
softplus and their identities), §6.2.2.2, §7.12
(dropout) and §8.5.3 (Adam); C. M. Bishop, *Pattern Recognition and Machine Learning*
(2006), §1.2.2 (the variance); J. Nocedal and S. Wright, *Numerical Optimization* (2006),
Theorem 3.5 (Newton converges quadratically); D. P. Kingma and J. Ba, "Adam", ICLR 2015,
§3; N. Srivastava et al., "Dropout", JMLR 2014.
"""

from __future__ import annotations

import sympy as sp

from verifier import Chain, Interval, Real, Step, claim
from verifier.language.mathlib import Matrix, scalar, scalars, sigmoid, sum_entries, vector

# claim → the 1-based index of its planted wrong step
PLANTED = {
    "sigmoid_derivative_student": 4,  # σ(1 + σ) for σ(1 − σ)
    "tanh_derivative_student": 2,  # the inner derivative of 2t dropped: a missing factor 2
    "softplus_derivative_student": 2,  # dividing by eᵗ without flipping the exponent
    "log_sigmoid_derivative_student": 1,  # (log u)′ = u′, forgetting to divide by u
    "binary_ce_gradient_student": 2,  # a dropped minus sign
    "newton_error_student": 3,  # the constant f″/f′ instead of f″/(2f′)
    "babylonian_error_student": 2,  # (x + √2)² for (x − √2)²: a sign
    "dropout_variance_student": 2,  # q(1/q − 1)² = (1 − q)², forgetting the 1/q
    "variance_decomposition_student": 2,  # the cross term −2μxᵢ without its 2
    "adam_bias_correction_student": 1,  # the moving average unrolled from β¹ instead of β⁰
}

t, label = scalar("t"), scalar("y")
s = sigmoid(t)


@claim()
def sigmoid_derivative() -> Chain:
    """σ′(t) = σ(t)(1 − σ(t))."""
    u = sp.exp(-t)
    return Chain(
        sp.diff(s, t),
        steps=(
            Step("=", u / (1 + u) ** 2, "quotient rule"),
            Step("=", 1 / (1 + u) * (u / (1 + u)), "split the square"),
            Step("=", s * (1 - 1 / (1 + u)), "e^{−t}/(1 + e^{−t}) = 1 − 1/(1 + e^{−t})"),
            Step("=", s * (1 - s), "1/(1 + e^{−t}) = σ(t)"),
        ),
        where={t: Real()},
    )


@claim(expect="refuted")
def sigmoid_derivative_student() -> Chain:
    """A student's σ′(t) = σ(t)(1 + σ(t))."""
    u = sp.exp(-t)
    return Chain(
        sp.diff(s, t),
        steps=(
            Step("=", u / (1 + u) ** 2, "quotient rule"),
            Step("=", 1 / (1 + u) * (u / (1 + u)), "split the square"),
            Step("=", s * (1 - 1 / (1 + u)), "e^{−t}/(1 + e^{−t}) = 1 − 1/(1 + e^{−t})"),
            Step("=", s * (1 + s), "1/(1 + e^{−t}) = σ(t)"),
        ),
        where={t: Real()},
    )


@claim()
def tanh_derivative() -> Chain:
    """tanh′(t) = 1 − tanh²(t), through tanh t = 2σ(2t) − 1."""
    s2 = sigmoid(2 * t)
    return Chain(
        sp.diff(sp.tanh(t), t),
        steps=(
            Step("=", sp.diff(2 * s2 - 1, t), "tanh t = 2σ(2t) − 1"),
            Step("=", 2 * 2 * s2 * (1 - s2), "chain rule: 2·σ′(2t)·2, σ′ = σ(1 − σ)"),
            Step("=", (1 + sp.tanh(t)) * (1 - sp.tanh(t)), "σ(2t) = (1 + tanh t)/2"),
            Step("=", 1 - sp.tanh(t) ** 2, "expand"),
        ),
        where={t: Real()},
    )


@claim(expect="refuted")
def tanh_derivative_student() -> Chain:
    """A student's tanh′(t) = (1 − tanh²(t))/2, losing the inner factor 2."""
    s2 = sigmoid(2 * t)
    return Chain(
        sp.diff(sp.tanh(t), t),
        steps=(
            Step("=", sp.diff(2 * s2 - 1, t), "tanh t = 2σ(2t) − 1"),
            Step("=", 2 * s2 * (1 - s2), "chain rule: 2·σ′(2t), σ′ = σ(1 − σ)"),
            Step("=", (1 + sp.tanh(t)) * (1 - sp.tanh(t)) / 2, "σ(2t) = (1 + tanh t)/2"),
            Step("=", (1 - sp.tanh(t) ** 2) / 2, "expand"),
        ),
        where={t: Real()},
    )


@claim()
def softplus_derivative() -> Chain:
    """d/dt log(1 + eᵗ) = σ(t)."""
    return Chain(
        sp.diff(sp.log(1 + sp.exp(t)), t),
        steps=(
            Step("=", sp.exp(t) / (1 + sp.exp(t)), "(log u)′ = u′/u"),
            Step("=", 1 / (sp.exp(-t) + 1), "divide above and below by eᵗ"),
            Step("=", s, "the definition of σ"),
        ),
        where={t: Real()},
    )


@claim(expect="refuted")
def softplus_derivative_student() -> Chain:
    """A student's d/dt log(1 + eᵗ) = σ(−t)."""
    return Chain(
        sp.diff(sp.log(1 + sp.exp(t)), t),
        steps=(
            Step("=", sp.exp(t) / (1 + sp.exp(t)), "(log u)′ = u′/u"),
            Step("=", 1 / (1 + sp.exp(t)), "divide above and below by eᵗ"),
            Step("=", sigmoid(-t), "the definition of σ"),
        ),
        where={t: Real()},
    )


@claim()
def log_sigmoid_derivative() -> Chain:
    """d/dt log σ(t) = 1 − σ(t)."""
    return Chain(
        sp.diff(sp.log(s), t),
        steps=(
            Step("=", sp.diff(s, t) / s, "(log u)′ = u′/u"),
            Step("=", s * (1 - s) / s, "σ′ = σ(1 − σ)"),
            Step("=", 1 - s, "cancel σ"),
        ),
        where={t: Real()},
    )


@claim(expect="refuted")
def log_sigmoid_derivative_student() -> Chain:
    """A student's d/dt log σ(t) = σ(t) − σ(t)², forgetting to divide by σ."""
    return Chain(
        sp.diff(sp.log(s), t),
        steps=(
            Step("=", sp.diff(s, t), "(log u)′ = u′"),
            Step("=", s * (1 - s), "σ′ = σ(1 − σ)"),
            Step("=", s - s**2, "expand"),
        ),
        where={t: Real()},
    )


@claim()
def binary_ce_gradient() -> Chain:
    """d/dt [−y log σ(t) − (1 − y) log(1 − σ(t))] = σ(t) − y."""
    return Chain(
        sp.diff(-label * sp.log(s) - (1 - label) * sp.log(1 - s), t),
        steps=(
            Step("=", -label * s * (1 - s) / s + (1 - label) * s * (1 - s) / (1 - s), "chain rule, σ′ = σ(1 − σ)"),
            Step("=", -label * (1 - s) + (1 - label) * s, "cancel"),
            Step("=", s - label, "expand: −y + yσ + σ − yσ"),
        ),
        where={t: Real(), label: Interval(0, 1)},
    )


@claim(expect="refuted")
def binary_ce_gradient_student() -> Chain:
    """A student's binary cross-entropy derivative, with a dropped minus sign."""
    return Chain(
        sp.diff(-label * sp.log(s) - (1 - label) * sp.log(1 - s), t),
        steps=(
            Step("=", -label * s * (1 - s) / s + (1 - label) * s * (1 - s) / (1 - s), "chain rule, σ′ = σ(1 − σ)"),
            Step("=", -label * (1 - s) - (1 - label) * s, "cancel"),
            Step("=", 2 * label * s - label - s, "expand"),
        ),
        where={t: Real(), label: Interval(0, 1)},
    )


err = scalar("e")
a1, a2, a3 = scalars("a1 a2 a3")
cubic = a1 * err + a2 * err**2 + a3 * err**3  # f(x* + e)
NEWTON_WHERE = {err: Interval(-0.1, 0.1), a1: Interval(1, 2), a2: Interval(-1, 1), a3: Interval(-1, 1)}


def newton_remainder() -> sp.Expr:
    """The exact e³ part of the error map: e³(2a₁a₃ − 2a₂² − 3a₂a₃e)/(a₁f′)."""
    return err**3 * (2 * a1 * a3 - 2 * a2**2 - 3 * a2 * a3 * err) / (a1 * sp.diff(cubic, err))


@claim()
def newton_error() -> Chain:
    """Newton's error map e − f/f′ = (f″(x*)/(2f′(x*)))·e² + O(e³), as exact identities."""
    fp = sp.diff(cubic, err)
    f2, f1 = sp.diff(cubic, err, 2).subs(err, 0), fp.subs(err, 0)
    return Chain(
        err - cubic / fp,
        steps=(
            Step("=", (err * fp - cubic) / fp, "common denominator"),
            Step("=", (a2 * err**2 + 2 * a3 * err**3) / fp, "the a₁e terms cancel"),
            Step("=", a2 / a1 * err**2 + newton_remainder(), "split off the leading term"),
            Step("=", f2 / (2 * f1) * err**2 + newton_remainder(), "a₂ = f″(x*)/2, a₁ = f′(x*)"),
        ),
        where=NEWTON_WHERE,
    )


@claim(expect="refuted")
def newton_error_student() -> Chain:
    """A student's error map with the constant f″/f′, dropping the ½."""
    fp = sp.diff(cubic, err)
    f2, f1 = sp.diff(cubic, err, 2).subs(err, 0), fp.subs(err, 0)
    return Chain(
        err - cubic / fp,
        steps=(
            Step("=", (err * fp - cubic) / fp, "common denominator"),
            Step("=", (a2 * err**2 + 2 * a3 * err**3) / fp, "the a₁e terms cancel"),
            Step("=", 2 * a2 / a1 * err**2 + newton_remainder(), "split off the leading term"),
            Step("=", f2 / f1 * err**2 + newton_remainder(), "2a₂ = f″(x*), a₁ = f′(x*)"),
        ),
        where=NEWTON_WHERE,
    )


root2 = sp.sqrt(2)
x = root2 + err  # the iterate, at error e from √2


@claim()
def babylonian_error() -> Chain:
    """x ↦ (x + 2/x)/2 near √2: e ↦ e²/(2(√2 + e)) = (√2/4)e² + O(e³)."""
    return Chain(
        (x + 2 / x) / 2 - root2,
        steps=(
            Step("=", (x**2 + 2 - 2 * root2 * x) / (2 * x), "common denominator"),
            Step("=", (x - root2) ** 2 / (2 * x), "a perfect square"),
            Step("=", err**2 / (2 * (root2 + err)), "x − √2 = e"),
            Step("=", root2 / 4 * err**2 - root2 * err**3 / (4 * (root2 + err)), "split off (√2/4)e²"),
        ),
        where={err: Interval(-1, 1)},
    )


@claim(expect="refuted")
def babylonian_error_student() -> Chain:
    """A student's Babylonian error map, completing the square with the wrong sign."""
    return Chain(
        (x + 2 / x) / 2 - root2,
        steps=(
            Step("=", (x**2 + 2 - 2 * root2 * x) / (2 * x), "common denominator"),
            Step("=", (x + root2) ** 2 / (2 * x), "a perfect square"),
            Step("=", (2 * root2 + err) ** 2 / (2 * (root2 + err)), "x + √2 = 2√2 + e"),
        ),
        where={err: Interval(-1, 1)},
    )


q, xin = scalars("q x")
DROPOUT_WHERE = {q: Interval(0, 1, open_lo=True), xin: Real()}


@claim()
def dropout_variance() -> Chain:
    """Inverted dropout d = m·x/q, m ~ Bernoulli(q): Var d = x²(1 − q)/q."""
    return Chain(
        q * (xin / q - xin) ** 2 + (1 - q) * (0 - xin) ** 2,
        steps=(
            Step("=", q * xin**2 * (1 / q - 1) ** 2 + (1 - q) * xin**2, "factor x²"),
            Step("=", xin**2 * ((1 - q) ** 2 / q + (1 - q)), "q(1/q − 1)² = (1 − q)²/q"),
            Step("=", xin**2 * (1 - q) * ((1 - q) / q + 1), "factor 1 − q"),
            Step("=", xin**2 * (1 - q) / q, "(1 − q)/q + 1 = 1/q"),
        ),
        where=DROPOUT_WHERE,
    )


@claim(expect="refuted")
def dropout_variance_student() -> Chain:
    """A student's Var d = x²(1 − q)(2 − q), forgetting a 1/q."""
    return Chain(
        q * (xin / q - xin) ** 2 + (1 - q) * (0 - xin) ** 2,
        steps=(
            Step("=", q * xin**2 * (1 / q - 1) ** 2 + (1 - q) * xin**2, "factor x²"),
            Step("=", xin**2 * ((1 - q) ** 2 + (1 - q)), "q(1/q − 1)² = (1 − q)²"),
            Step("=", xin**2 * (1 - q) * (2 - q), "factor 1 − q"),
        ),
        where=DROPOUT_WHERE,
    )


def sample(n: int) -> tuple[Matrix, sp.Expr, sp.Expr]:
    """x, its mean μ and its mean square (1/n)Σxᵢ²."""
    xs = vector("x", n)
    return xs, sum_entries(xs) / n, sum_entries(xs.applyfunc(lambda v: v**2)) / n


@claim(n=range(2, 5))
def variance_decomposition(n: int) -> Chain:
    """(1/n)Σ(xᵢ − μ)² = (1/n)Σxᵢ² − μ²."""
    xs, mu, square = sample(n)
    return Chain(
        sp.Add(*[(xi - mu) ** 2 for xi in xs]) / n,
        steps=(
            Step("=", sp.Add(*[xi**2 - 2 * mu * xi + mu**2 for xi in xs]) / n, "expand the square"),
            Step("=", square - 2 * mu * sum_entries(xs) / n + mu**2, "split the sum; (1/n)Σμ² = μ²"),
            Step("=", square - 2 * mu**2 + mu**2, "(1/n)Σxᵢ = μ"),
            Step("=", square - mu**2, "collect"),
        ),
        where={xs: Real()},
    )


@claim(n=range(2, 5), expect="refuted")
def variance_decomposition_student(n: int) -> Chain:
    """A student's (1/n)Σ(xᵢ − μ)² = (1/n)Σxᵢ², losing the 2 of the cross term."""
    xs, mu, square = sample(n)
    return Chain(
        sp.Add(*[(xi - mu) ** 2 for xi in xs]) / n,
        steps=(
            Step("=", sp.Add(*[xi**2 - 2 * mu * xi + mu**2 for xi in xs]) / n, "expand the square"),
            Step("=", square - mu * sum_entries(xs) / n + mu**2, "split the sum; (1/n)Σμ² = μ²"),
            Step("=", square - mu**2 + mu**2, "(1/n)Σxᵢ = μ"),
            Step("=", square, "collect"),
        ),
        where={xs: Real()},
    )


beta, grad_g = scalars("β g")
ADAM_WHERE = {beta: Interval(0, 1, open_lo=True, open_hi=True), grad_g: Real()}


def first_moment(steps: int) -> sp.Expr:
    """m_t from m₀ = 0 by m_t = βm_{t−1} + (1 − β)g, for a constant gradient g."""
    m: sp.Expr = sp.Integer(0)
    for _ in range(steps):
        m = beta * m + (1 - beta) * grad_g
    return m


@claim(n=range(1, 5))
def adam_bias_correction(n: int) -> Chain:
    """Constant gradient g, step t = n: m̂_t = m_t/(1 − βᵗ) = g."""
    return Chain(
        first_moment(n) / (1 - beta**n),
        steps=(
            Step("=", (1 - beta) * grad_g * sp.Add(*[beta**k for k in range(n)]) / (1 - beta**n), "unroll m_t"),
            Step("=", (1 - beta**n) * grad_g / (1 - beta**n), "(1 − β)Σₖ₌₀^{t−1}βᵏ = 1 − βᵗ"),
            Step("=", grad_g, "cancel"),
        ),
        where=ADAM_WHERE,
    )


@claim(n=range(1, 5), expect="refuted")
def adam_bias_correction_student(n: int) -> Chain:
    """A student's m̂_t = βg, unrolling the average from β¹."""
    return Chain(
        first_moment(n) / (1 - beta**n),
        steps=(
            Step("=", (1 - beta) * grad_g * sp.Add(*[beta**k for k in range(1, n + 1)]) / (1 - beta**n), "unroll m_t"),
            Step("=", beta * (1 - beta**n) * grad_g / (1 - beta**n), "(1 − β)Σₖ₌₁ᵗβᵏ = β(1 − βᵗ)"),
            Step("=", beta * grad_g, "cancel"),
        ),
        where=ADAM_WHERE,
    )
