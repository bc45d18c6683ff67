"""A two-layer network for binary classification, and its gradients by backpropagation.

There are m samples, the columns xᵢ ∈ ℝᵈ of X ∈ ℝ^{d×m}, with labels yᵢ ∈ [0, 1]. The
hidden layer has width n: hᵢ = σ(W₁xᵢ + b₁) with W₁ ∈ ℝ^{n×d}, b₁ ∈ ℝⁿ. The output is a
single probability pᵢ = σ(z₂ᵢ) with z₂ᵢ = W₂hᵢ + b₂, W₂ ∈ ℝ^{1×n}, b₂ ∈ ℝ. The loss is
the mean binary cross-entropy L = −(1/m)Σᵢ [yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)]; H is the
n×m matrix of the hᵢ, and σ′ = σ(1 − σ). The claims write L in terms of the logits, as
software computes it: −log σ(z) = log(1 + e^{−z}) and −log(1 − σ(z)) = log(1 + e^{z}).
This is the same function, but its floating-point values stay accurate when σ(z) is
within rounding of 1, where 1 − σ(z) would cancel catastrophically.

Since (log σ)′ = 1 − σ and (log(1 − σ))′ = −σ, the sigmoid's slope cancels against the
cross-entropy: ∂L/∂z₂ᵢ = (pᵢ − yᵢ)/m. Write δ₂ ∈ ℝᵐ for this vector. The chain rule
then gives, layer by layer,
  ∇_{W₂}L = δ₂ᵀHᵀ,  ∂L/∂b₂ = Σᵢ δ₂ᵢ,
  Δ₁ = (W₂ᵀδ₂ᵀ) ⊙ H ⊙ (1 − H)  (n×m: the error reaching the hidden pre-activations),
  ∇_{W₁}L = Δ₁Xᵀ,  ∇_{b₁}L = Δ₁1.
With ReLU hidden units, H = max(0, W₁X + b₁1ᵀ), the hidden slope σ′ becomes the step
𝟙[W₁X + b₁1ᵀ > 0] (the ReLU has no derivative at 0; random samples avoid it).

The network's claims use d = 2 inputs and m = 3 samples, and n is the hidden width;
the first claim, about the output layer alone, takes n = m samples.

Kept on purpose as wrong versions: the ReLU network's gradient written with the sigmoid
slope H ⊙ (1 − H), a copy-paste slip from the sigmoid case, and ∇_{W₂}L without the
1/m of the mean (the gradient of the summed loss).

Source: I. Goodfellow, Y. Bengio and A. Courville, *Deep Learning* (2016), §6.2.2.2
(sigmoid output with cross-entropy: the log undoes the exp, so the gradient does not
saturate), §6.3.1 (rectified linear units) and §6.5 (back-propagation); C. M. Bishop,
*Pattern Recognition and Machine Learning* (2006), §5.2 (eq. 5.21, binary cross-entropy)
and §5.3.1 (backpropagation); Stanford CS231n notes, "Backpropagation, Intuitions" (the
max gate routes the gradient to its larger input).
"""

from __future__ import annotations

import sympy as sp

from verifier import Derivative, General, Interval, Real, claim
from verifier.language.domains import Domain
from verifier.language.mathlib import Matrix, apply, hadamard, matrix, ones, scalar, sigmoid, vector

INPUTS = 2  # d
SAMPLES = 3  # m


def softplus(t: sp.Expr) -> sp.Expr:
    """log(1 + eᵗ)."""
    return sp.log(1 + sp.exp(t))


def mean_cross_entropy(y: Matrix, z2: Matrix) -> sp.Expr:
    """L = (1/m)Σᵢ [yᵢ log(1 + e^{−z₂ᵢ}) + (1 − yᵢ) log(1 + e^{z₂ᵢ})], the cross-entropy of σ(z₂)."""
    terms = [yi * softplus(-zi) + (1 - yi) * softplus(zi) for yi, zi in zip(y, z2, strict=True)]
    return sp.Add(*terms) / len(y)


def relu(t: sp.Expr) -> sp.Expr:
    """max(0, t)."""
    return sp.Max(0, t)


class Network:
    """The symbols of the network with hidden width n, its forward pass, and δ₂."""

    def __init__(self, n: int, activation: str = "sigmoid") -> None:
        m = SAMPLES
        self.X, self.y = matrix("x", INPUTS, m), vector("y", m)
        self.W1, self.b1 = matrix("W1_", n, INPUTS), vector("b1_", n)
        self.W2, self.b2 = matrix("W2_", 1, n), scalar("b2")
        self.Z1 = self.W1 * self.X + self.b1 * ones(m).T
        self.H = self.Z1.applyfunc(sigmoid if activation == "sigmoid" else relu)
        self.z2 = (self.W2 * self.H + self.b2 * ones(m).T).T
        self.delta2 = (apply(sigmoid, self.z2) - self.y) / m

    @property
    def loss(self) -> sp.Expr:
        return mean_cross_entropy(self.y, self.z2)

    @property
    def where(self) -> dict[sp.Basic, Domain]:
        return {
            self.X: Real(),
            self.y: Interval(0, 1),
            self.W1: General(),
            self.b1: Real(),
            self.W2: General(),
            self.b2: Real(),
        }

    def hidden_error(self, slope: Matrix) -> Matrix:
        """Δ₁ = (W₂ᵀδ₂ᵀ) ⊙ slope, slope the activation's derivative at Z₁."""
        return hadamard(self.W2.T * self.delta2.T, slope)


def sigmoid_slope(H: Matrix) -> Matrix:
    """H ⊙ (1 − H)."""
    return H.applyfunc(lambda h: h * (1 - h))


@claim(n=range(1, 9), numeric_n=(64,))
def output_delta(n: int) -> Derivative:
    """∂L/∂z₂ = (p − y)/m, p = σ(z₂): the sigmoid's slope cancels (m = n samples)."""
    y, z2 = vector("y", n), vector("z2_", n)
    p = apply(sigmoid, z2)
    return Derivative(mean_cross_entropy(y, z2), wrt=z2, equals=(p - y) / n, where={y: Interval(0, 1), z2: Real()})


@claim(n=range(1, 9), numeric_n=(16,))
def output_weight_gradient(n: int) -> Derivative:
    """∇_{W₂}L = δ₂ᵀHᵀ."""
    net = Network(n)
    return Derivative(net.loss, wrt=net.W2, equals=net.delta2.T * net.H.T, where=net.where)


@claim(n=range(1, 9), numeric_n=(16,))
def output_bias_gradient(n: int) -> Derivative:
    """∂L/∂b₂ = Σᵢ δ₂ᵢ."""
    net = Network(n)
    return Derivative(net.loss, wrt=net.b2, equals=sp.Add(*net.delta2), where=net.where)


@claim(n=range(1, 9), numeric_n=(16,))
def hidden_weight_gradient(n: int) -> Derivative:
    """∇_{W₁}L = Δ₁Xᵀ, Δ₁ = (W₂ᵀδ₂ᵀ) ⊙ H ⊙ (1 − H)."""
    net = Network(n)
    delta1 = net.hidden_error(sigmoid_slope(net.H))
    return Derivative(net.loss, wrt=net.W1, equals=delta1 * net.X.T, where=net.where)


@claim(n=range(1, 9), numeric_n=(16,))
def hidden_bias_gradient(n: int) -> Derivative:
    """∇_{b₁}L = Δ₁1."""
    net = Network(n)
    delta1 = net.hidden_error(sigmoid_slope(net.H))
    return Derivative(net.loss, wrt=net.b1, equals=delta1 * ones(SAMPLES), where=net.where)


@claim(n=range(1, 9), notes="no n = 16: finite differences across ReLU kinks flag too many samples")
def relu_hidden_weight_gradient(n: int) -> Derivative:
    """With ReLU hidden units: ∇_{W₁}L = ((W₂ᵀδ₂ᵀ) ⊙ 𝟙[Z₁ > 0])Xᵀ."""
    net = Network(n, activation="relu")
    delta1 = net.hidden_error(net.Z1.applyfunc(sp.Heaviside))
    return Derivative(net.loss, wrt=net.W1, equals=delta1 * net.X.T, where=net.where)


@claim(n=range(1, 4), expect="refuted")
def relu_gradient_with_sigmoid_slope(n: int) -> Derivative:
    """Wrong: with ReLU hidden units, ∇_{W₁}L = ((W₂ᵀδ₂ᵀ) ⊙ H ⊙ (1 − H))Xᵀ."""
    net = Network(n, activation="relu")
    delta1 = net.hidden_error(sigmoid_slope(net.H))
    return Derivative(net.loss, wrt=net.W1, equals=delta1 * net.X.T, where=net.where)


@claim(n=range(1, 4), expect="refuted")
def output_weight_gradient_without_mean(n: int) -> Derivative:
    """Wrong: ∇_{W₂}L = (p − y)ᵀHᵀ, forgetting the 1/m of the mean."""
    net = Network(n)
    return Derivative(net.loss, wrt=net.W2, equals=SAMPLES * net.delta2.T * net.H.T, where=net.where)
