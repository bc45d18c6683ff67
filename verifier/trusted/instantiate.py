"""Turn a claim into an instance the engine can work on, or a clear ClaimError.

Validation happens here, once: every free symbol must be declared with a domain,
shapes must agree, domains must fit their symbols and be samplable. The instance then
offers two views of the same claim:

* the numeric view keeps the user's symbols, so samples map onto them directly;
* the symbolic view swaps each symbol for one rebuilt from its domain alone (never from what
  the symbol object carries: :mod:`verifier.trusted.symbol_identity` refuses a symbol whose own
  assumptions the domain does not imply) and applies the domain's relations (symmetry, Σy = 1),
  listing them as assumptions.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.core.relational import Relational
from sympy.logic.boolalg import BooleanAtom, BooleanFunction

from verifier.language import distributions, iteration, walk
from verifier.language.claims import (
    PSD,
    Convergence,
    Convex,
    Derivative,
    Expectation,
    Given,
    Identity,
    Inequality,
    Limit,
    Statement,
)
from verifier.language.domains import Domain, DomainError, is_convex
from verifier.language.families import Claim
from verifier.language.keys import ClaimKey
from verifier.language.stepwise import Implication, Relation
from verifier.language.text import clipped
from verifier.trusted import sympy_mends
from verifier.trusted.genuine import mint
from verifier.trusted.symbol_identity import SymbolClash, check_symbols

sympy_mends.install()  # every module that asks sympy's facts of a claim imports this one: mended before any is asked

MAX_ENTRIES = 20_000


class ClaimError(ValueError):
    """The claim itself is malformed; the message says what to change."""


class UndefinedEverywhere(ClaimError):
    """An expression of the claim is zoo or nan as written: the claim says nothing at this n."""


@dataclass(frozen=True)
class Instance:
    claim: Claim
    given: tuple[Given, ...]
    symbols: tuple[sp.Symbol, ...]
    bound: tuple[sp.Symbol, ...]
    to_symbolic: dict[sp.Symbol, sp.Expr]
    assumptions: tuple[str, ...]
    relations: tuple[tuple[sp.Symbol, sp.Expr], ...] = ()
    to_assumed: dict[sp.Symbol, sp.Basic] = field(default_factory=dict)

    @cached_property
    def digest(self) -> str:
        """What the claim states, at its n: equal statements, equal digests (a Proof names its statement by it)."""
        return statement_digest(self.claim)

    @cached_property
    def _views(self) -> tuple[walk.Replaced, walk.Replaced]:
        """What each view has rebuilt so far (symbolic, assumed): a subexpression shared by many
        entries, or by both sides, is rebuilt once (walk.replaced, exactly sympy's xreplace)."""
        return {}, {}

    def symbolic(self, obj: sp.Basic) -> sp.Basic:
        """The symbolic view of an expression or matrix."""
        return walk.replaced(sp.sympify(obj), self.to_symbolic, self._views[0])

    def assumed(self, obj: sp.Basic) -> sp.Basic:
        """obj with every symbol carrying its domain's assumptions and no relation applied:
        what each entry satisfies on its own (p_n ≥ 0 on the simplex, which p_n = 1 − Σ hides)."""
        return walk.replaced(sp.sympify(obj), self.to_assumed, self._views[1])


def statement_digest(claim: Claim) -> str:
    """SHA-256 of the claim's name, n and statement: every sympy node by its class and its arguments' digests,
    every atom by its srepr (a symbol with its assumptions, a number exactly). A subexpression shared by many
    entries (a Hessian's) is digested once: srepr of the whole tree prints it once per use, and cost minutes."""
    memo: dict[sp.Basic, str] = {}
    text = f"{ClaimKey.of(claim)}|{claim.n}|{_canonical(claim.body, memo)}|{_canonical(claim.as_written, memo)}"
    if claim.cancelled is not None:  # A⁻¹A = I as written is not I = I
        text += f"|{_canonical(claim.cancelled.written, memo)}"
    return hashlib.sha256(text.encode()).hexdigest()


def _canonical(obj: object, memo: dict[sp.Basic, str]) -> str:
    if isinstance(obj, sp.Basic):
        return _node(obj, memo)
    if isinstance(obj, sp.MatrixBase):
        return f"Matrix{obj.shape}[" + ",".join(_node(e, memo) for e in obj) + "]"
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        fields = ",".join(f"{f.name}={_canonical(getattr(obj, f.name), memo)}" for f in dataclasses.fields(obj))
        return f"{type(obj).__qualname__}({fields})"
    if isinstance(obj, list | tuple):
        return "[" + ",".join(_canonical(x, memo) for x in obj) + "]"
    if isinstance(obj, dict):
        return "{" + ",".join(sorted(f"{_canonical(k, memo)}:{_canonical(v, memo)}" for k, v in obj.items())) + "}"
    return repr(obj)


def _class_key(cls: type) -> str:
    """sympy's own classes by their full name; a class made at run time (Function("sin"), an implemented
    function, a user's subclass) by its identity too: the name alone is not what it means."""
    key = f"{cls.__module__}.{cls.__qualname__}"
    made_at_run_time = issubclass(cls, AppliedUndef) or not cls.__module__.startswith("sympy.")
    return f"{key}#{id(cls)}" if made_at_run_time else key


def _node(node: sp.Basic, memo: dict[sp.Basic, str]) -> str:
    found = memo.get(node)
    if found is None:
        args = ",".join(_node(a, memo) for a in node.args)
        text = f"{_class_key(type(node))}({args})" if node.args else f"{_class_key(type(node))}:{sp.srepr(node)}"
        found = memo[node] = hashlib.sha256(text.encode()).hexdigest()
    return found


def as_matrix(obj: object) -> sp.ImmutableMatrix:
    if isinstance(obj, sp.MatrixBase):
        return sp.ImmutableMatrix(obj)
    if isinstance(obj, list | tuple):
        return sp.ImmutableMatrix(obj)
    return sp.ImmutableMatrix([[sp.sympify(obj)]])


def _free_symbols(objs: Iterable[sp.Basic]) -> set[sp.Symbol]:
    return {s for s in walk.free_symbols(objs) if isinstance(s, sp.Symbol)}


def _check_sizes(objs: Iterable[sp.Basic]) -> None:
    for obj in objs:
        if isinstance(obj, sp.MatrixBase) and obj.rows * obj.cols > MAX_ENTRIES:
            raise ClaimError(
                f"a {obj.rows}×{obj.cols} matrix has more than {MAX_ENTRIES} entries; "
                "use a smaller n (numeric_n up to 64 is plenty)"
            )


def _check_shapes(body: Statement) -> None:
    match body:
        case Identity(lhs=l, rhs=r):
            if as_matrix(l).shape != as_matrix(r).shape:
                raise ClaimError(f"shape mismatch: lhs is {_shape(l)}, rhs is {_shape(r)}{_zero_hint(l, r)}")
        case PSD(matrix=m):
            shape = as_matrix(m).shape
            if shape[0] != shape[1]:
                raise ClaimError(f"psd claim needs a square matrix, got {shape[0]}×{shape[1]}")
        case Inequality(lhs=l, rhs=r, op=op):
            if op not in ("<=", "<", ">=", ">"):
                raise ClaimError(f"inequality operator {op!r}; use <=, <, >= or >")
            if as_matrix(l).shape != (1, 1) or as_matrix(r).shape != (1, 1):
                raise ClaimError("inequality sides must be scalars")
        case Convergence():
            _check_iteration(body)
        case Limit(dir=direction):
            if direction not in ("+-", "+", "-"):
                raise ClaimError(f"limit direction {direction!r}; use dir='+-' (two-sided), '+' or '-'")
        case Convex(f=f, wrt=wrt):
            if as_matrix(f).shape != (1, 1) or all(g.target != wrt for g in body.given()):
                raise ClaimError("a convexity claim needs a scalar f and wrt= one of its where= keys")
            _check_convex_domain(next(g for g in body.given() if g.target == wrt))
        case Implication(premise=a, conclusion=b):
            for rel in (a, b):
                _check_relation(rel)
        case Derivative(wrt=wrt) if isinstance(wrt, list | tuple):
            shown = ", ".join(map(sp.sstr, wrt))
            raise ClaimError(f"wrt is a list [{shown}]; write wrt=sp.Matrix([{shown}]) for the gradient with respect "
                             f"to the vector ({shown}), or one symbol")  # fmt: skip
        case Expectation(noise=noise) if isinstance(noise, Mapping):
            dependent = distributions.dependence(noise, _free_symbols(body.parts()))
            if dependent:
                raise ClaimError(dependent)
            keys = [sp.ImmutableMatrix(k) if isinstance(k, sp.MatrixBase) else k for k in noise]
            drawn = sorted(map(sp.sstr, _free_symbols(keys) & _free_symbols([body.equals])))
            if drawn:
                raise ClaimError(f"the claimed value holds the noise {', '.join(drawn)}: an expectation is a number, "
                                 "or depends on the parameters alone; write its value without the noise")  # fmt: skip


def _check_convex_domain(given: Given) -> None:
    """Convexity is defined on a convex set only: on another (x ≠ 0, the orthogonal matrices) θa + (1 − θ)b can
    leave the domain, and a two-point check there evaluates f off it (1/x² was REFUTED at x = 0, "between" −1 and 1)."""
    if not is_convex(given.domain):
        raise ClaimError(
            f"convexity in {given.label} needs a convex domain, and {given.domain.describe()} is not known to be one "
            f"(a point between two of its points can lie outside it); declare {given.label} on a convex domain "
            "(ℝ, an interval, symmetric, PSD, the simplex, ...)"
        )


def _check_relation(rel: object) -> None:
    """A line of a chain of implications: lhs op rhs, sides of one shape, an inequality between scalars."""
    if not isinstance(rel, Relation):
        raise ClaimError(f"an implication joins statements Relation(lhs, op, rhs), not {type(rel).__name__}")
    if rel.op not in ("=", "<=", "<", ">=", ">"):
        raise ClaimError(f"statement relation {rel.op!r}; use =, <=, <, >= or >")
    shapes = as_matrix(rel.lhs).shape, as_matrix(rel.rhs).shape
    if shapes[0] != shapes[1] or (rel.op != "=" and shapes[0] != (1, 1)):
        raise ClaimError(f"statement sides {_shape(rel.lhs)} and {_shape(rel.rhs)}: equal shapes, scalars for ≤")


def _check_iteration(body: Convergence) -> None:
    try:
        shape = iteration.iteration_of(body)
    except iteration.IterationError as err:
        raise ClaimError(str(err)) from None
    for part, what in ((body.order, "order"), (body.constant, "constant")):
        if isinstance(part, sp.MatrixBase | tuple | list):
            raise ClaimError(f"the {what} of a convergence claim is a scalar")
    if shape.dim > 1 and sp.sympify(body.order) != 1:
        raise ClaimError("a vector iteration's claim is its linear rate: order=1, constant=the rate")


def _zero_hint(lhs: object, rhs: object) -> str:
    """A zero facing a matrix of another shape is the mark of sympy's matrix calculus getting a derivative wrong."""
    if any(as_matrix(side).is_zero_matrix for side in (lhs, rhs)):
        return (
            " (a zero of the wrong shape: sympy 1.14's sp.diff returns 0 for matrix derivatives "
            "such as ∂ log det X/∂X; write sp.Derivative(f, X) unevaluated, or use Derivative(f, wrt=X, ...), "
            "and the verifier differentiates entry by entry)"
        )
    return ""


def _shape(obj: object) -> str:
    r, c = as_matrix(obj).shape
    return f"{r}×{c}"


def _symbolic_map(given: tuple[Given, ...]) -> tuple[dict[sp.Symbol, sp.Expr], dict[sp.Symbol, sp.Symbol], list[str]]:
    swap: dict[sp.Symbol, sp.Expr] = {}
    notes: list[str] = []
    for g in given:
        assumptions = g.domain.assumptions()
        for s in g.symbols():
            swap[s] = sp.Symbol(s.name, **assumptions)  # from the domain alone (symbol_identity checked the rest)
    assumed = {s: v for s, v in swap.items() if isinstance(v, sp.Symbol)}
    for g in given:
        relations = g.domain.relations(g.target)
        if relations:
            swap.update({s: sp.sympify(v).xreplace(swap) for s, v in relations.items()})
        text = g.domain.relation_text(g.label)
        if text:
            notes.append(text)
    return swap, assumed, notes


def _domain_words(given: tuple[Given, ...]) -> list[str]:
    return [f"{g.label} ∈ {g.domain.describe()}" for g in given]


def _undefined_everywhere(obj: sp.Basic) -> bool:
    """zoo or nan outside every Piecewise: the expression has no value anywhere. Inside a Piecewise branch it
    is undefined only where that branch is taken, which the domain may never reach: the checks decide."""
    if not walk.has_any([obj], (sp.zoo, sp.nan)):
        return False
    pieces = dict.fromkeys(p for p in sp.preorder_traversal(obj) if isinstance(p, sp.Piecewise))  # not a set's order
    branches = {p: sp.Dummy() for p in pieces}
    return bool(obj.xreplace(branches).has(sp.zoo, sp.nan))


def instantiate(claim: Claim) -> Instance:
    """Validate the claim and build its two views; raise ClaimError on anything malformed."""
    body = claim.body
    objs = body.parts()
    _check_sizes(objs)
    values = [sp.sympify(obj) for obj in objs]
    entries = (e for v in values for e in (v if isinstance(v, sp.MatrixBase) else (v,)))  # [[x > 0]] too
    statement = next((e for e in entries if isinstance(e, Relational | BooleanAtom | BooleanFunction)), None)
    if statement is not None:
        raise ClaimError(
            f"{clipped(statement, 60)} is a statement, true or false, not a value: a claim relates expressions "
            "(Identity(x, x), not Identity(Eq(x, x), true)); for a statement that gives another, use Implication"
        )
    if walk.has_any(values, (sp.zoo, sp.nan)):  # one walk over every part; each part's own test only then
        for value in values:
            if _undefined_everywhere(value):
                raise UndefinedEverywhere("an expression is undefined everywhere (zoo or nan: a division by zero?)")
    try:
        given = claim.given
    except DomainError as err:  # a chain's step that declares a domain outside the one before it
        raise ClaimError(str(err)) from None
    for g in given:
        if not isinstance(g.domain, Domain):
            raise ClaimError(
                f"domain of {clipped(g.target, 40)} is {g.domain!r}; use a domain such as Real() or Positive()"
            )
        if not g.symbols():
            raise ClaimError(f"where= key {clipped(g.target, 40)} is not a symbol or matrix of symbols")
        try:
            g.domain.validate(g.shape)
        except DomainError as err:
            raise ClaimError(f"domain of {g.label}: {err}") from None
    _check_shapes(body)
    declared = {s for g in given for s in g.symbols()}
    bound = body.bound()
    if isinstance(body, Limit) and body.var in declared:  # else the kernel's limit is of its assumed copy, a constant
        raise ClaimError(
            f"{body.var} is the limit's variable, bound by the limit: do not declare it in where= "
            "(declare only the parameters; the limit's side is dir='+' or dir='-')"
        )
    free = _free_symbols(objs)
    undeclared = free - declared - set(bound)
    if undeclared:
        names = ", ".join(sorted(s.name for s in undeclared))
        example = ", ".join(f"{s.name}: Real()" for s in sorted(undeclared, key=lambda s: s.name)[:2])
        raise ClaimError(f"symbol(s) {names} have no domain; declare them in where={{...}}, e.g. where={{{example}}}")
    try:
        check_symbols(given, bound, free)
    except SymbolClash as err:
        raise ClaimError(str(err)) from None
    swap, assumed, relation_words = _symbolic_map(given)
    assumptions = tuple(_domain_words(given) + relation_words)
    symbols = tuple(sorted(declared, key=lambda s: s.name))
    relations = tuple((s, sp.sympify(v)) for g in given for s, v in g.domain.relations(g.target).items())
    return mint(Instance(claim, given, symbols, bound, swap, assumptions, relations, assumed))


def with_domain_facts(inst: Instance) -> Instance | None:
    """The same claim with every domain that has a parametrisation onto itself (SPD and PSD by Cholesky,
    a half-open interval by a Möbius map) written through it: its facts (Aᵢᵢ > 0, det A > 0, a ≤ x < b)
    become sympy assumptions of the parameters, and their words join the assumptions. None if no domain has one.
    Sound: the map is onto the domain, so what holds for every parameter holds at every point."""
    sub: dict[sp.Basic, sp.Expr] = {}
    words: list[str] = []
    for g in inst.given:
        param = g.domain.parametrisation(g.target)
        if param is None:
            continue
        sub.update({inst.to_assumed[s]: v for s, v in param.entries.items()})
        words.append(f"{g.label}: {param.text}")
    if not sub:
        return None
    symbolic = {s: sp.sympify(v).xreplace(sub) for s, v in inst.to_symbolic.items()}
    assumed = {s: sp.sympify(v).xreplace(sub) for s, v in inst.to_assumed.items()}
    return mint(replace(inst, to_symbolic=symbolic, to_assumed=assumed, assumptions=(*inst.assumptions, *words)))
