"""Dropout on a linear unit: the expected gradient is the clean gradient plus a ridge term.

A linear unit with weights w and input x predicts Σₖwₖxₖ for the target y_d. Dropout
multiplies each input by an independent noise variable δₖ, so the loss is
J = ½(y_d − Σₖδₖwₖxₖ)², against the noise-free J_c = ½(y_d − Σₖwₖxₖ)². The gradients are
∂J/∂wᵢ = −(y_d − Σₖδₖwₖxₖ)·δᵢxᵢ and ∂J_c/∂wᵢ = −(y_d − Σₖwₖxₖ)·xᵢ.

With E[δₖ] = 1 and Var δₖ = v, the cross terms average out and only E[δᵢ²] = 1 + v
survives, so E[∂J/∂wᵢ] = ∂J_c/∂wᵢ + v·wᵢxᵢ² and E[J] = J_c + ½v·Σₖwₖ²xₖ²: on average,
dropout descends the clean loss plus a ridge penalty weighted by the input scales.
Gaussian noise δₖ ~ N(1, σ²) has v = σ²; inverted Bernoulli dropout δₖ = mₖ/p with
mₖ ~ Bernoulli(p) (keep probability p) has v = (1 − p)/p.

Sources: N. Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks from
Overfitting", JMLR 15 (2014), §10 (multiplicative Gaussian noise) and §9 (linear
regression); P. Baldi and P. Sadowski, "Understanding Dropout", NIPS 2013, §4 (the linear
case); S. Wang and C. Manning, "Fast dropout training", ICML 2013, §2.
"""

from __future__ import annotations

import sympy as sp

from verifier import Bernoulli, Derivative, Expectation, Interval, Normal, Positive, Real, claim
from verifier.language.distributions import Distribution
from verifier.language.domains import Domain
from verifier.language.mathlib import Matrix, dot, hadamard, scalar, vector

y_d, sigma, p = scalar("y_d"), scalar("σ"), scalar("p")


def loss(w: Matrix, x: Matrix, delta: Matrix) -> sp.Expr:
    """J = ½(y_d − Σₖδₖwₖxₖ)²."""
    return sp.Rational(1, 2) * (y_d - dot(hadamard(delta, w), x)) ** 2


def gradient(w: Matrix, x: Matrix, delta: Matrix) -> Matrix:
    """∂J/∂wᵢ = −(y_d − Σₖδₖwₖxₖ)·δᵢxᵢ."""
    return -(y_d - dot(hadamard(delta, w), x)) * hadamard(delta, x)


def clean_loss(w: Matrix, x: Matrix) -> sp.Expr:
    """J_c = ½(y_d − Σₖwₖxₖ)²."""
    return sp.Rational(1, 2) * (y_d - dot(w, x)) ** 2


def clean_gradient(w: Matrix, x: Matrix) -> Matrix:
    """∂J_c/∂wᵢ = −(y_d − Σₖwₖxₖ)·xᵢ."""
    return -(y_d - dot(w, x)) * x


def ridge_gradient(w: Matrix, x: Matrix) -> Matrix:
    """(wᵢxᵢ²)ᵢ, the gradient of ½Σₖwₖ²xₖ²."""
    return hadamard(w, hadamard(x, x))


def ridge_penalty(w: Matrix, x: Matrix) -> sp.Expr:
    """½Σₖwₖ²xₖ²."""
    return sp.Rational(1, 2) * dot(hadamard(w, w), hadamard(x, x))


def unit(n: int) -> tuple[Matrix, Matrix, dict[object, Domain]]:
    """The weights w and input x of the unit, with the target y_d, all real."""
    w, x = vector("w", n), vector("x", n)
    return w, x, {w: Real(), x: Real(), y_d: Real()}


def gaussian_noise(n: int) -> tuple[Matrix, dict[sp.Symbol, Distribution]]:
    """δₖ ~ N(1, σ²) i.i.d."""
    delta = vector("δ", n)
    return delta, {d: Normal(sp.Integer(1), sigma**2) for d in delta}


def inverted_dropout_noise(n: int) -> tuple[Matrix, dict[sp.Symbol, Distribution]]:
    """δₖ = mₖ/p with mₖ ~ Bernoulli(p) i.i.d."""
    m = vector("m", n)
    return m / p, {mk: Bernoulli(p) for mk in m}


# ----------------------------------------------------------------------------- the gradients


@claim(n=range(1, 9), numeric_n=(64,))
def noisy_gradient(n: int) -> Derivative:
    """∂J/∂wᵢ = −(y_d − Σₖδₖwₖxₖ)·δᵢxᵢ."""
    w, x, where = unit(n)
    delta = vector("δ", n)
    where[delta] = Real()
    return Derivative(loss(w, x, delta), wrt=w, equals=gradient(w, x, delta), where=where)


@claim(n=range(1, 9), numeric_n=(64,))
def noise_free_gradient(n: int) -> Derivative:
    """∂J_c/∂wᵢ = −(y_d − Σₖwₖxₖ)·xᵢ."""
    w, x, where = unit(n)
    return Derivative(clean_loss(w, x), wrt=w, equals=clean_gradient(w, x), where=where)


# ----------------------------------------------------------------------------- Gaussian noise


@claim(n=range(1, 9), numeric_n=(32,))
def gaussian_expected_gradient(n: int) -> Expectation:
    """δₖ ~ N(1, σ²): E[∂J/∂wᵢ] = ∂J_c/∂wᵢ + σ²wᵢxᵢ²."""
    w, x, where = unit(n)
    delta, noise = gaussian_noise(n)
    where[sigma] = Positive()
    expected = clean_gradient(w, x) + sigma**2 * ridge_gradient(w, x)
    return Expectation(gradient(w, x, delta), expected, noise=noise, where=where)


@claim(n=range(1, 9), numeric_n=(32,))
def gaussian_expected_loss(n: int) -> Expectation:
    """δₖ ~ N(1, σ²): E[J] = J_c + ½σ²Σₖwₖ²xₖ²."""
    w, x, where = unit(n)
    delta, noise = gaussian_noise(n)
    where[sigma] = Positive()
    expected = clean_loss(w, x) + sigma**2 * ridge_penalty(w, x)
    return Expectation(loss(w, x, delta), expected, noise=noise, where=where)


@claim(n=range(1, 9), numeric_n=(32,), expect="refuted")
def gaussian_expected_gradient_without_noise_term(n: int) -> Expectation:
    """Wrong: δₖ ~ N(1, σ²): E[∂J/∂wᵢ] = ∂J_c/∂wᵢ, dropping σ²wᵢxᵢ²."""
    w, x, where = unit(n)
    delta, noise = gaussian_noise(n)
    where[sigma] = Positive()
    return Expectation(gradient(w, x, delta), clean_gradient(w, x), noise=noise, where=where)


# ----------------------------------------------------------------------------- inverted dropout


@claim(n=range(1, 9), numeric_n=(32,))
def inverted_dropout_expected_gradient(n: int) -> Expectation:
    """δₖ = mₖ/p, mₖ ~ Bernoulli(p): E[∂J/∂wᵢ] = ∂J_c/∂wᵢ + ((1 − p)/p)·wᵢxᵢ²."""
    w, x, where = unit(n)
    delta, noise = inverted_dropout_noise(n)
    where[p] = Interval(0, 1, open_lo=True)
    expected = clean_gradient(w, x) + (1 - p) / p * ridge_gradient(w, x)
    return Expectation(gradient(w, x, delta), expected, noise=noise, where=where)


@claim(n=range(1, 9), numeric_n=(32,))
def inverted_dropout_expected_loss(n: int) -> Expectation:
    """δₖ = mₖ/p, mₖ ~ Bernoulli(p): E[J] = J_c + ½((1 − p)/p)·Σₖwₖ²xₖ²."""
    w, x, where = unit(n)
    delta, noise = inverted_dropout_noise(n)
    where[p] = Interval(0, 1, open_lo=True)
    expected = clean_loss(w, x) + (1 - p) / p * ridge_penalty(w, x)
    return Expectation(loss(w, x, delta), expected, noise=noise, where=where)
