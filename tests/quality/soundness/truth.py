"""An evaluator of probe claims that is independent of the engine: exact domain membership and
60-digit evaluation of a claim at its witness.

A probe module's TRUTH maps each claim name to (truth, issue class, witness). The witness of a
false claim gives exact values for every declared symbol (entry names such as "A12", or a matrix
as a nested list under its name), plus, by kind: "along" (points of the limit variable or of the
iterate, each of which must be far, by "gap" if given, else 10⁻³, from the claimed value; with "grows", each no
closer to the root after one step: no convergence), "orbit" (a number of steps after which the iterate from the
claim's own start is still 10⁻³ from the root), "memory" (a map with memory: its start, newest first, the
digits and the steps to run; |e_{k+1}|/|e_k|^order at the last step must be far from the constant), "spectral" (a
vector map's rate: the spectral radius of its Jacobian at the root is far, by "gap", from the claimed one), "a", "b",
"theta" (two points and a weight that break convexity), "step" (the first wrong line of a chain), "lhs"/"rhs" (the
statement of a corollary). Only sympy substitution and mpmath are used here: no verifier code
besides the claim dataclasses themselves.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import mpmath
import sympy as sp

from verifier.language import claims, distributions, domains, families
from verifier.language.stepwise import Chain, Implication, Relation

DIGITS = 60
FAR = sp.Rational(1, 10**3)  # a limit or rate is "not the claimed value" if every point is this far from it


@dataclass(frozen=True)
class Probe:
    """One probe: its module, claim family and recorded truth."""

    path: str
    module: str  # the folder and stem, e.g. twin/probe_twin (two files may share a stem)
    name: str
    truth: str  # "true", "false", "partial" (leaves the reals or is undefined somewhere) or "malformed"
    cls: int
    witness: Mapping[str, Any] | None
    family: families.ClaimFamily
    kind: str

    @property
    def key(self) -> str:
        return f"{self.module}.{self.name}"


def num(e: Any) -> sp.Expr:
    """e at 60 digits (complex allowed)."""
    return sp.N(sp.sympify(e), DIGITS)


def _stem(names: list[str]) -> str:
    prefix = os.path.commonprefix(names) if len(names) > 1 else names[0]  # noqa: RUF071 (names, not paths)
    return prefix.rstrip("0123456789_") or prefix


def _values(target: Any, witness: Mapping[str, Any]) -> dict[sp.Basic, Any]:
    """The substitution for one declared target: a symbol, a matrix of symbols or a MatrixSymbol."""
    if isinstance(target, sp.MatrixSymbol):
        return {target: sp.ImmutableMatrix(witness[target.name])}
    if isinstance(target, sp.MatrixBase):
        entries = list(target)
        names = [str(e) for e in entries]
        if all(n in witness for n in names):
            return {e: sp.sympify(witness[str(e)]) for e in entries}
        full = sp.ImmutableMatrix(witness[_stem(names)]).reshape(*target.shape)
        return {e: full[i] for i, e in enumerate(entries)}
    return {target: sp.sympify(witness[str(target)])}


def point(statement: claims.Statement, witness: Mapping[str, Any]) -> dict[sp.Basic, Any]:
    """The full substitution for every declared symbol of the statement (KeyError if one is missing)."""
    out: dict[sp.Basic, Any] = {}
    for given in statement.given():
        out.update(_values(given.target, witness))
    return out


def value_of(target: Any, subs: Mapping[sp.Basic, Any]) -> Any:
    """A declared target's value at the point: a number or an exact matrix."""
    if isinstance(target, sp.MatrixSymbol):
        return subs[target]
    if isinstance(target, sp.MatrixBase):
        return sp.ImmutableMatrix(target.shape[0], target.shape[1], [subs[e] for e in target])
    return subs[target]


def _real(v: Any) -> bool:
    return bool(sp.sympify(v).is_real)


def _minors(m: sp.Matrix, leading: bool) -> list[sp.Expr]:
    n = m.rows
    sets = (
        [tuple(range(k)) for k in range(1, n + 1)]
        if leading
        else [c for k in range(1, n + 1) for c in itertools.combinations(range(n), k)]
    )
    return [sp.expand(m.extract(list(c), list(c)).det()) for c in sets]


def in_domain(domain: domains.Domain, v: Any) -> bool:
    """Exact membership of a value in a declared domain."""
    entries = list(v) if isinstance(v, sp.MatrixBase) else [sp.sympify(v)]
    if not all(_real(e) for e in entries):
        return False
    if isinstance(domain, domains.Interval):
        lo, hi = sp.Rational(domain.lo), sp.Rational(domain.hi)  # as Interval reads its ends (a float exactly)
        return all((e > lo if domain.open_lo else e >= lo) and (e < hi if domain.open_hi else e <= hi) for e in entries)
    if isinstance(domain, domains.Integer):
        return all(e.is_integer and domain.lo <= e <= domain.hi for e in entries)
    if isinstance(domain, domains.Nonnegative):
        return all(e >= 0 for e in entries)
    if isinstance(domain, domains.Positive):
        return all(e > 0 for e in entries)
    if isinstance(domain, domains.Nonzero):
        return all(e != 0 for e in entries)
    if isinstance(domain, domains.OneHot):
        return sorted(entries) == [0] * (len(entries) - 1) + [1]
    if isinstance(domain, domains.Simplex):
        return all(e >= 0 for e in entries) and sp.nsimplify(sum(entries)) == 1
    if isinstance(domain, domains.Symmetric | domains.Orthogonal | domains.Invertible | domains.Diagonal):
        return _in_matrix_domain(domain, sp.Matrix(v))
    return True  # Real, General


def _in_matrix_domain(domain: domains.Domain, m: sp.Matrix) -> bool:
    if isinstance(domain, domains.Orthogonal):
        return sp.simplify(m.T * m - sp.eye(m.rows)) == sp.zeros(m.rows)
    if isinstance(domain, domains.Invertible):
        return sp.simplify(m.det()) != 0
    if isinstance(domain, domains.Diagonal):
        return m.is_diagonal()
    if m != m.T:
        return False
    if isinstance(domain, domains.SPD):
        return all(d > 0 for d in _minors(m, leading=True))
    if isinstance(domain, domains.PSDMatrix):
        return all(d >= 0 for d in _minors(m, leading=False))
    return True


def explicit(e: Any) -> Any:
    """Matrix expressions evaluated to explicit matrices (after substitution)."""
    if isinstance(e, sp.MatrixExpr | sp.MatrixBase):
        return sp.ImmutableMatrix(e.doit() if isinstance(e, sp.MatrixExpr) else e)
    return sp.sympify(e).doit()


def _entries(e: Any) -> list[sp.Expr]:
    e = explicit(e)
    return list(e) if isinstance(e, sp.MatrixBase) else [e]


def _beside_zero(u: Any, w: Any) -> sp.Expr | None:
    """Where one of u, w is exactly 0: the other at 60 digits, if it is nonzero there and the same to 10 digits at
    120 (a value, not the round-off of a cancellation); 0 if it is not. None where neither is exactly 0. The
    margins below are measured against max(1, |value|), too coarse for a side near 10⁻³⁴⁰ beside an exact 0."""
    u, w = sp.sympify(u), sp.sympify(w)
    if u != 0 and w != 0:
        return None
    other = w if u == 0 else u
    low, high = num(other), sp.N(other, 2 * DIGITS)
    if not (low.is_number and high.is_number) or low.has(sp.nan, sp.zoo) or low == 0:
        return sp.S.Zero
    return low if abs(low - high) <= sp.Rational(1, 10**10) * abs(high) else sp.S.Zero


def _differs(a: Any, b: Any) -> bool:
    """a ≠ b entrywise at 60 digits (an undefined side counts as different)."""
    for u, w in zip(_entries(a), _entries(b), strict=True):
        if (other := _beside_zero(sp.sympify(u) - sp.sympify(w), 0)) is not None and other != 0:
            return True  # the exact difference, a value at 60 and 120 digits: 10⁻³⁴⁰ against 2·10⁻³⁴⁰ differ
        nu, nw = num(u), num(w)
        if nu.has(sp.nan, sp.zoo) or nw.has(sp.nan, sp.zoo) or not (nu.is_number and nw.is_number):
            return True
        scale = max(1, abs(nu), abs(nw))
        if abs(nu - nw) > sp.Rational(1, 10**45) * scale:
            return True
    return False


def _slope_differs(f: Any, wrt: Any, equals: Any, subs: Mapping[sp.Basic, Any]) -> bool | None:
    """f′ ≠ the claimed value at the witness, f′ from f's difference quotients on both sides (h = 10⁻³⁰ at 240
    digits), where f has cases: sympy differentiates a Piecewise case by case, which at a case that is one point
    ((eˣ − 1)/x continued by 1 at 0) gives the constant's slope, 0. None where f has no cases, or its two sides'
    quotients differ there (no f′ to compare)."""
    f = sp.sympify(f)
    if not (isinstance(wrt, sp.Symbol) and wrt in subs and f.has(sp.Piecewise)) or isinstance(equals, sp.MatrixBase):
        return None
    fn = sp.lambdify(wrt, f.xreplace({k: v for k, v in subs.items() if k != wrt}), modules="mpmath")
    with mpmath.workdps(4 * DIGITS):  # a case's own cancellation ((eʰ − 1)/h) and the quotient's each eat digits
        c, h = mpmath.mpf(str(sp.N(subs[wrt], 4 * DIGITS))), mpmath.mpf(10) ** -30
        right, left = (fn(c + h) - fn(c)) / h, (fn(c) - fn(c - h)) / h
        if abs(right - left) > mpmath.mpf(10) ** -15 * (1 + abs(right)):
            return None
        claimed = mpmath.mpf(str(sp.N(sub(equals, subs), 4 * DIGITS)))
        return bool(abs(right - claimed) > mpmath.mpf(10) ** -15 * (1 + abs(claimed)))


def _holds(lhs: Any, op: str, rhs: Any) -> bool:
    """lhs op rhs at 60 digits; a side that is undefined or not real makes it false."""
    exact = _beside_zero(explicit(lhs), explicit(rhs))
    a, b = num(explicit(lhs)), num(explicit(rhs))
    if a.has(sp.nan, sp.zoo) or b.has(sp.nan, sp.zoo) or abs(sp.im(a)) + abs(sp.im(b)) > 0:
        return False
    if exact is not None and exact != 0 and sp.im(exact) == 0:  # a side near 10⁻³⁴⁰ beside an exact 0
        a, b = (exact, sp.S.Zero) if b == 0 else (sp.S.Zero, exact)
        return {"<=": a < b, "<": a < b, ">=": a > b, ">": a > b, "=": False}[op]
    if (close := _stable_difference(explicit(lhs), explicit(rhs))) is not None:  # 10⁴⁰⁰ + sin x against 10⁴⁰⁰ + 2
        return {"<=": close < 0, "<": close < 0, ">=": close > 0, ">": close > 0, "=": False}[op]
    gap = a - b
    if abs(gap) < sp.Rational(1, 10**50) * max(1, abs(a), abs(b)):
        return op in ("<=", ">=", "=")
    return {"<=": gap < 0, "<": gap < 0, ">=": gap > 0, ">": gap > 0, "=": False}[op]


def _stable_difference(u: Any, w: Any) -> sp.Expr | None:
    """u − w made by sympy, whose exact arithmetic cancels 10⁴⁰⁰ against 10⁴⁰⁰ and whose evalf raises its precision
    through a cancellation: the value at 60 digits if it is a nonzero real number the same to 10 digits at 120,
    else None (the margins below are relative to the sides, and do not see 1 + 10⁻⁴⁰⁰ against 1)."""
    difference = sp.sympify(u) - sp.sympify(w)
    if not difference.is_number or difference.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        return None
    low, high = sp.N(difference, DIGITS), sp.N(difference, 2 * DIGITS)
    if not (low.is_real and high.is_real) or low == 0 or high == 0:
        return None
    return low if abs(low - high) <= sp.Rational(1, 10**10) * abs(high) else None


def _relation_holds(rel: Relation, subs: Mapping[sp.Basic, Any]) -> bool:
    """lhs op rhs at the point; between matrices (an equation), entry by entry."""
    lhs, rhs = sub(rel.lhs, subs), sub(rel.rhs, subs)
    if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
        return all(_holds(a, rel.op, b) for a, b in zip(sp.Matrix(lhs), sp.Matrix(rhs), strict=True))
    return _holds(lhs, rel.op, rhs)


def sub(e: Any, subs: Mapping[sp.Basic, Any]) -> Any:
    return explicit(sp.sympify(e).xreplace(dict(subs)) if not isinstance(e, sp.MatrixBase) else e.xreplace(dict(subs)))


def _make_explicit(e: Any) -> Any:
    """Every MatrixSymbol replaced by a matrix of its entries X11, X12, … (plain symbols)."""
    if not isinstance(e, sp.Basic):
        return e
    found = {
        m: sp.ImmutableMatrix(m.rows, m.cols, lambda i, j, m=m: sp.Symbol(f"{m.name}{i + 1}{j + 1}"))
        for m in e.atoms(sp.MatrixSymbol)
    }
    return explicit(e.xreplace(found)) if found else e


def derivative(f: Any, wrt: Any, order: int) -> Any:
    """The derivative in the claims' layout: gradient has wrt's shape, Jacobian rows are outputs.

    Symbols of unknown sign are differentiated as reals (the probes declare real domains), so that
    d|x|/dx is sign(x), not an expression in re(x) and im(x)."""
    f, wrt = _make_explicit(f), _make_explicit(wrt)
    free = sp.sympify(f).free_symbols | sp.sympify(wrt).free_symbols
    reals = {s: sp.Dummy(s.name, real=True) for s in free if isinstance(s, sp.Symbol) and s.is_real is None}
    f, wrt = sp.sympify(f).xreplace(reals), sp.sympify(wrt).xreplace(reals)
    for _ in range(order):
        if isinstance(f, sp.MatrixBase) and isinstance(wrt, sp.MatrixBase):
            f = sp.ImmutableMatrix([[sp.diff(fi, v) for v in wrt] for fi in f])
        elif isinstance(wrt, sp.MatrixBase):
            f = sp.ImmutableMatrix(wrt.shape[0], wrt.shape[1], [sp.diff(f, v) for v in wrt])
        elif isinstance(f, sp.MatrixBase):
            f = f.applyfunc(lambda e: sp.diff(e, wrt))
        else:
            f = sp.diff(f, wrt)
    return f.xreplace({d: s for s, d in reals.items()})


def _explicit_point(subs: Mapping[sp.Basic, Any]) -> dict[sp.Basic, Any]:
    """MatrixSymbol values also given entry by entry (for expressions made explicit)."""
    out = dict(subs)
    for k, v in subs.items():
        if isinstance(k, sp.MatrixSymbol):
            out.update({sp.Symbol(f"{k.name}{i + 1}{j + 1}"): v[i, j] for i in range(k.rows) for j in range(k.cols)})
    return out


def expectation(expr: Any, noise: Mapping[sp.Symbol, distributions.Distribution], subs: Mapping[sp.Basic, Any]) -> Any:
    """E[expr] over one noise variable at 60 digits, by quadrature (or a sum for Bernoulli); over several
    independent Bernoulli variables, by the sum over every outcome. mpmath's precision is set for this call only:
    set for good, it reached the tests run after it in the worker (a rate's tolerance compared at 60 digits)."""
    with mpmath.workdps(DIGITS):
        return _expectation(expr, noise, subs)


def _expectation(expr: Any, noise: Mapping[sp.Symbol, distributions.Distribution], subs: Mapping[sp.Basic, Any]) -> Any:
    if len(noise) > 1 and all(isinstance(law, distributions.Bernoulli) for law in noise.values()):
        return _coins(expr, noise, subs)
    ((z, law),) = noise.items()
    params = [num(sub(p, subs)) for p in law.params()]
    f = sp.lambdify(z, sub(expr, subs), modules="mpmath")
    if isinstance(law, distributions.Bernoulli):
        p = mpmath.mpf(str(params[0]))
        return _exact(p * f(mpmath.mpf(1)) + (1 - p) * f(mpmath.mpf(0)))
    if isinstance(law, distributions.Uniform):
        a, b = (mpmath.mpf(str(v)) for v in params)
        return _exact(mpmath.quad(f, [a, b]) / (b - a))
    mu, var = (mpmath.mpf(str(v)) for v in params)
    pdf = lambda s: mpmath.exp(-((s - mu) ** 2) / (2 * var)) / mpmath.sqrt(2 * mpmath.pi * var)  # noqa: E731
    return _exact(mpmath.quad(lambda s: f(s) * pdf(s), [-mpmath.inf, mu, mpmath.inf]))


def _coins(expr: Any, noise: Mapping[sp.Symbol, distributions.Distribution], subs: Mapping[sp.Basic, Any]) -> Any:
    """E[expr] over independent Bernoulli variables: Σ over the 2ⁿ outcomes of their probability times expr there."""
    coins = list(noise)
    probs = [mpmath.mpf(str(num(sub(noise[c].params()[0], subs)))) for c in coins]
    f = sp.lambdify(coins, sub(expr, subs), modules="mpmath")
    total = mpmath.mpf(0)
    for mask in itertools.product((0, 1), repeat=len(coins)):
        weight = mpmath.fprod(p if bit else 1 - p for p, bit in zip(probs, mask, strict=True))
        total += weight * f(*[mpmath.mpf(bit) for bit in mask])
    return _exact(total)


def _exact(v: Any) -> sp.Expr:
    """An mpmath value as a 60-digit sympy number, its imaginary part kept (E e^{iX} is complex)."""
    c = mpmath.mpc(v)
    return sp.Float(str(c.real), DIGITS) + sp.I * sp.Float(str(c.imag), DIGITS)


def _float(v: Any) -> sp.Expr:
    """A point near a limit as a 60-digit float: exact powers such as (1 + 10⁻⁴⁰)^(10⁴⁰) never end."""
    return sp.N(sp.sympify(v), DIGITS)


def _orbit_misses(statement: claims.Convergence, subs: Mapping[sp.Basic, Any], steps: int) -> bool:
    """The iterates from the claim's own start (a one-step map, scalar or vector) do not converge to the root: after
    `steps` steps at 60 digits the iterate is still FAR from it, or the step has no real value on the way (witness
    "orbit": the number of steps)."""

    def entries(v: Any) -> list:
        return list(v) if isinstance(v, sp.MatrixBase) else [v]

    xs, step = entries(statement.x), entries(statement.step)
    root = [num(sub(r, subs)) for r in entries(statement.root)]
    point = [num(sub(v, subs)) for v in entries(statement.start)]
    for _ in range(steps):
        point = [num(sub(f, {**subs, **dict(zip(xs, point, strict=True))})) for f in step]
        if any(v.has(sp.nan, sp.zoo, sp.oo, -sp.oo, sp.I) for v in point):
            return True
    return sp.sqrt(sum((v - r) ** 2 for v, r in zip(point, root, strict=True))) > FAR


def _memory_ratio_far(statement: claims.Convergence, subs: Mapping[sp.Basic, Any], run: Mapping[str, Any]) -> bool:
    """A map with memory (x a tuple, newest first) run from run["start"] at run["digits"] digits for run["steps"]
    steps: |e_{k+1}|/|e_k|^order at the last step is FAR from the claimed constant (relative to it). The secant's
    ratio for its true order φ settles like (1/φ)^k; the steps are chosen so that this is far below FAR. A rational
    step is run as one fraction (sympy's cancel, exact)."""
    xs = list(statement.x)
    step = sub(statement.step, subs)
    if step.is_rational_function(*xs):  # as one fraction: x_k − (…) loses every digit once e_k ≪ e_(k−1)
        step = sp.cancel(step)
    f = sp.lambdify(xs, step, "mpmath")
    with mpmath.workdps(int(run["digits"])):
        root = mpmath.mpf(sp.N(sub(statement.root, subs), int(run["digits"]) + 10))
        q = mpmath.mpf(sp.N(sub(statement.order, subs), int(run["digits"]) + 10))
        c = mpmath.mpf(sp.N(sub(statement.constant, subs), int(run["digits"]) + 10))
        state = [root + mpmath.mpf(v) for v in run["start"]]
        errors = [abs(state[0] - root)]
        for _ in range(int(run["steps"])):
            state = [f(*state), *state[:-1]]
            errors.append(abs(state[0] - root))
        ratio = errors[-1] / errors[-2] ** q
        return bool(abs(ratio - c) > FAR * abs(c))


def _spectral_radius_far(step: Any, xs: sp.MatrixBase, root: Any, c: Any, gap: Any) -> bool:
    """A vector map's linear rate is the spectral radius of its Jacobian at the root: computed from sympy's
    eigenvalues at 60 digits, it is more than `gap` (relative) from the claimed rate (witness "spectral")."""
    jac = sp.Matrix(step).jacobian(xs).subs(dict(zip(list(xs), list(root), strict=True)))
    rho = max(abs(num(e)) for e in jac.eigenvals(multiple=True))
    return bool(abs(rho - num(c)) > gap * abs(num(c)))


def _vector_grows(step: Any, xs: sp.MatrixBase, root: Any, subs: Mapping[sp.Basic, Any], witness: Mapping) -> bool:
    """A vector map converges to its root at no rate: one step from each start in "along" (a list of entries) moves
    it no closer to the root, in the Euclidean norm (witness "grows" only)."""
    if not witness.get("grows"):
        raise TypeError("a vector map's witness is a list of starts that do not move closer (grows)")
    r = sp.Matrix(sub(root, subs))
    for a in witness["along"]:
        start = sp.Matrix([sp.sympify(v) for v in a])
        moved = sp.Matrix(sub(step, {**subs, **dict(zip(list(xs), list(start), strict=True))}))
        if num((moved - r).norm()) < num((start - r).norm()):
            return False
    return True


def _far(value: Any, claimed: Any, gap: Any = FAR) -> bool:
    v, c = num(value), sp.sympify(claimed)
    if c in (sp.oo, -sp.oo):
        return v.has(sp.nan) or not (abs(v) > 10**3 and sp.sign(sp.re(v)) == sp.sign(c))
    return v.has(sp.nan, sp.zoo) or abs(v - num(c)) > gap


def _is_psd(m: sp.Matrix, strict: bool) -> bool:
    """Symmetric, and every principal minor ≥ 0 (every leading one > 0 if strict), exactly when rational."""
    if m != m.T:
        return False
    minors = [d if d.is_Rational else num(d) for d in _minors(m, leading=strict)]
    return all((d > 0 if strict else d >= 0) for d in minors)


def fails(statement: claims.Statement, witness: Mapping[str, Any]) -> bool:
    """True if the statement is false at its witness, decided here without the engine."""
    if isinstance(statement, claims.Corollary) and statement.states is not None:
        return fails(statement.states, witness)  # a corollary with a statement is that statement
    if isinstance(statement, claims.Convex):
        return _breaks_convexity(statement, witness)
    subs = point(statement, witness)
    match statement:
        case claims.Identity(lhs=lhs, rhs=rhs):
            return _differs(sub(lhs, subs), sub(rhs, subs))
        case claims.Inequality(lhs=lhs, op=op, rhs=rhs):
            return not _holds(sub(lhs, subs), op, sub(rhs, subs))
        case claims.Derivative(f=f, wrt=wrt, equals=equals, order=order):
            at_switch = _slope_differs(f, wrt, equals, subs) if order == 1 else None
            if at_switch is not None:
                return at_switch
            return _differs(sub(derivative(f, wrt, order), _explicit_point(subs)), sub(equals, subs))
        case claims.PSD(matrix=m, strict=strict):
            return not _is_psd(sp.Matrix(sub(m, subs)), strict)
        case claims.Expectation(expr=expr, equals=equals, noise=noise):
            return _differs(expectation(expr, noise, subs), sub(equals, subs))
        case claims.Limit(expr=expr, var=var, equals=equals):
            gap = witness.get("gap", FAR)
            return all(_far(sub(expr, {**subs, var: _float(a)}), sub(equals, subs), gap) for a in witness["along"])
        case claims.Convergence() if witness.get("memory"):
            return _memory_ratio_far(statement, subs, witness["memory"])
        case claims.Convergence() if witness.get("orbit"):
            return _orbit_misses(statement, subs, int(witness["orbit"]))
        case claims.Convergence(step=step, x=xs, root=root, constant=c) if witness.get("spectral"):
            return _spectral_radius_far(sub(step, subs), xs, sub(root, subs), sub(c, subs), witness.get("gap", FAR))
        case claims.Convergence(step=step, x=xs, root=root, order=order, constant=c) if isinstance(xs, sp.MatrixBase):
            return _vector_grows(step, xs, root, subs, witness)
        case claims.Convergence(step=step, x=xs, root=root, order=order, constant=c):
            near = [_float(a) for a in witness["along"]]
            if witness.get("grows"):  # no convergence: the step moves no point near the root closer to it
                r = sub(root, subs)
                return all(abs(num(sub(step, {**subs, xs: a}) - r)) >= abs(num(a - r)) for a in near)
            ratios = [(sub(step, {**subs, xs: a}) - root) / (a - root) ** order for a in near]
            return all(_far(r, sub(c, subs), witness.get("gap", FAR)) for r in ratios)
        case Implication(premise=pre, conclusion=con):
            return _relation_holds(pre, subs) and not _relation_holds(con, subs)
        case Chain():
            return fails(statement.step_statement(int(witness["step"]) - 1), witness)
        case claims.Corollary():
            return not _holds(witness["lhs"], witness.get("op", "="), witness["rhs"])
    raise TypeError(f"no evaluator for {type(statement).__name__}")


def _breaks_convexity(statement: claims.Convex, witness: Mapping[str, Any]) -> bool:
    """f(θa + (1 − θ)b) > θf(a) + (1 − θ)f(b) (< for concave) at the witness's a, b and θ."""
    theta = sp.sympify(witness["theta"])
    a, b = (point(statement, {**witness, **witness[side]}) for side in ("a", "b"))
    mid = {k: theta * a[k] + (1 - theta) * b[k] for k in a}
    f = statement.f
    chord = theta * sub(f, a) + (1 - theta) * sub(f, b)
    return not _holds(sub(f, mid), ">=" if statement.concave else "<=", chord)


def witness_points(statement: claims.Statement, witness: Mapping[str, Any]) -> list[tuple[domains.Domain, Any]]:
    """(domain, value) for every declared symbol at the witness (convexity: at both points)."""
    points = [witness]
    if isinstance(statement, claims.Corollary) and statement.states is not None:
        statement = statement.states
    if isinstance(statement, claims.Convex):
        points = [{**witness, **witness[side]} for side in ("a", "b")]
    out = []
    for w in points:
        subs = point(statement, w)
        out += [(g.domain, value_of(g.target, subs)) for g in statement.given()]
    return out
