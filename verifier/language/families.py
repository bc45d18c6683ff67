"""Claim families: a statement for a range of dimensions, declared with :func:`claim`.

A derivation module writes each claim as a builder function of the dimension n, decorated
with :func:`claim`; the decorator records a :class:`ClaimFamily`, and the engine builds one
:class:`Claim` per n (the statement kinds are in :mod:`verifier.language.claims`).
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, overload

from verifier.language import guards, made
from verifier.language.claims import Corollary, Expect, Given, Statement
from verifier.language.lowering import LoweringError, lower
from verifier.language.stepwise import Chain


def not_a_statement(body: object) -> str:
    """Why a builder's return value is not a claim, and what to return instead."""
    got = type(body).__name__
    if got in ("BooleanTrue", "BooleanFalse"):
        return (
            f"builder returned {body!s}: sympy decided the equation itself as it was built (an Eq whose sides it "
            "reads as the same is True, as different False), so nothing is left to verify; return "
            "Identity(lhs, rhs, where=…)"
        )
    if got == "Equality":
        return "builder returned a sympy Eq; return Identity(lhs, rhs, where=…)"
    if got in ("LessThan", "GreaterThan", "StrictLessThan", "StrictGreaterThan"):
        op = getattr(body, "rel_op", "<=")
        return f'builder returned a sympy relation ({op}); return Inequality(lhs, "{op}", rhs, where=…)'
    return f"builder returned {got}; return Identity, Derivative, PSD, ..."


class NotGeneric(Exception):
    """A builder cannot build its claim at a symbolic size; the message says why (it stays at its sizes)."""


@dataclass(frozen=True)
class Cancelled:
    """A claim whose builder had sympy cancel an inverse against its matrix (A⁻¹A → I; guards.recording), built again
    with none cancelled (written: guards.strictly), where the divisors the author wrote are read: the claim is
    undefined where det A = 0, as written, though nothing of A⁻¹ is left in body. The builder's other work (a product
    built and dropped) and a Piecewise's branches are read as in any claim. body's only: a claim the engine derives
    from this one (another body) does not inherit it."""

    body: Statement
    written: Statement


@dataclass(frozen=True)
class Claim:
    """One claim at one dimension: metadata plus a statement."""

    name: str
    derivation: str
    statement_text: str
    body: Statement
    expect: Expect
    n: int | None
    notes: str = ""
    as_written: Statement | None = None  # in matrix notation, before the matrix symbols were made explicit
    cites: tuple[str, ...] = ()  # a corollary's premises (claims of the same derivation), and why it follows
    because: str = ""
    cancelled: Cancelled | None = None  # inverses sympy cancelled (A⁻¹A → I) while the builder built the body

    @property
    def kind(self) -> str:
        return self.body.kind

    @property
    def given(self) -> tuple[Given, ...]:
        return self.body.given()


@dataclass(frozen=True)
class ClaimFamily:
    """A claim for a range of dimensions, built by a function of n."""

    name: str
    derivation: str
    statement_text: str
    builder: Callable[..., Statement]
    n_values: tuple[int | None, ...]
    numeric_n: tuple[int, ...]
    expect: Expect
    notes: str
    planted: int | None = None  # a chain's planted slip: the step that must be named as the first wrong one
    points: float = 1  # what the claim is worth when a course is graded against it
    # a LaTeX chain's: the chain again with line i (0: the first) written as the LaTeX given, or None if
    # it cannot be read so (the diagnosis proposes edits of the student's own line through it)
    reread: Callable[[int, str], ClaimFamily | None] | None = None

    def build(self, n: int | None) -> Claim:
        with guards.recording() as cancelled:
            built = lambda: call(self.builder) if n is None else call(self.builder, n)  # noqa: E731
            body, made_it = made.recording(built)
        if not isinstance(body, Statement):
            raise TypeError(not_a_statement(body))
        cites, because = (body.of, body.because) if isinstance(body, Corollary) else ((), "")
        if isinstance(body, Corollary) and body.states is not None:
            if not isinstance(body.states, Statement) or isinstance(body.states, Corollary):
                got = type(body.states).__name__
                raise TypeError(f"Corollary(states=...) is {got}; give the statement: Identity, Inequality, ...")
            body = body.states  # the corollary's statement is what gets verified
        explicit = lower(body)  # first: a sum written downward is refused there, as written
        if why := made.running_down(made_it):  # one evaluated as it was made (Σ_{k=0}^{-2} x · X is −x·X)
            raise LoweringError(why)
        if why := made.cancelled_in_range(made_it):  # a term's divisor cancelled as made, 0 in its range
            raise LoweringError(why)
        written = body if explicit is not body else None
        text, expect = self.statement_text, self.expect
        strict = _uncancelled(self.builder, n) if cancelled and not isinstance(body, Chain) else None
        kept = Cancelled(explicit, strict) if strict is not None else None
        return Claim(self.name, self.derivation, text, explicit, expect, n, self.notes, written, cites, because, kept)

    @property
    def all_n(self) -> tuple[int | None, ...]:
        return tuple(dict.fromkeys(self.n_values + self.numeric_n))  # each n once, symbolic ones first


def _uncancelled(builder: Callable[..., Statement], n: int | None) -> Statement | None:
    """The builder's statement with no inverse cancelled (A⁻¹A as written), or None if it cannot be built so."""
    try:
        with guards.strictly():
            body = call(builder) if n is None else call(builder, n)
    except Exception:  # the builder is user code: its claim is built as before, with no divisor read
        return None
    if isinstance(body, Corollary):
        body = body.states
    return body if isinstance(body, Statement) else None


# each family declared since the last reset, with the namespace of the module whose top-level code declared it
_COLLECTED: list[tuple[ClaimFamily, dict[str, Any] | None]] = []


class BuilderExit(RuntimeError):
    """sys.exit called in a builder: the builder's error at that n (SystemExit would end the worker instead)."""


def call(builder: Callable[..., Any], *n: Any) -> Any:
    """builder(*n), with a sys.exit in it raised as the builder's error."""
    try:
        return builder(*n)
    except SystemExit as err:
        raise BuilderExit(f"sys.exit({err.code!r}) called; a builder returns its claim") from None


@overload
def claim(n: Callable[..., Statement], /) -> ClaimFamily: ...


@overload
def claim(
    n: Iterable[int] | None = None,
    *,
    numeric_n: Iterable[int] = (),
    expect: Expect | str = Expect.HOLDS,
    name: str | None = None,
    notes: str = "",
    planted: int | None = None,
    points: float = 1,
) -> Callable[[Callable[..., Statement]], ClaimFamily]: ...


def claim(
    n: Iterable[int] | Callable[..., Statement] | None = None,
    *,
    numeric_n: Iterable[int] = (),
    expect: Expect | str = Expect.HOLDS,
    name: str | None = None,
    notes: str = "",
    planted: int | None = None,
    points: float = 1,
) -> Callable[[Callable[..., Statement]], ClaimFamily] | ClaimFamily:
    """Declare a claim. The builder's docstring is its one-line statement.

    `@claim()` and a bare `@claim` declare the same claim with the defaults below.

    n: the dimensions to prove (and check) it for; omit for a claim without a dimension.
    numeric_n: larger dimensions that are only spot-checked numerically.
    expect: "holds", or "refuted" for a known wrong version kept on purpose.
    notes: why a claim can only be CHECKED, or anything a reader should know.
    planted: for a chain with expect="refuted", the step whose slip must be named as the first wrong one.
    points: what the claim is worth in a reference a course is graded against (default 1).
    """

    if callable(n):  # a bare @claim: n is the builder itself
        declare = claim(numeric_n=numeric_n, expect=expect, name=name, notes=notes, planted=planted, points=points)
        return declare(n)

    def decorate(builder: Callable[..., Statement]) -> ClaimFamily:
        doc = (builder.__doc__ or "").strip().splitlines()
        family = ClaimFamily(
            name=name or builder.__name__,
            derivation=builder.__module__.rpartition(".")[2],
            statement_text=doc[0] if doc else builder.__name__,
            builder=builder,
            n_values=_sizes("n", n) if n is not None else (None,),
            numeric_n=_sizes("numeric_n", numeric_n),
            expect=_expect(expect),
            notes=notes,
            planted=_planted(planted),
            points=_points(points),
        )
        _COLLECTED.append((family, _declaring_module()))
        return family

    return decorate


def _sizes(keyword: str, value: object) -> tuple[int, ...]:
    """The sizes `n` or `numeric_n`, each a whole number ≥ 1; a lone number says to write a list."""
    if isinstance(value, int) and not isinstance(value, bool):
        raise TypeError(f"{keyword}={value} is one size, not a list of them: write {keyword}=[{value}]")
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise TypeError(f"{keyword}={value!r} is not a list of sizes: write e.g. {keyword}=[2, 3] or range(1, 5)")
    sizes = tuple(value)
    wrong = [v for v in sizes if isinstance(v, bool) or not isinstance(v, int) or v < 1]
    if wrong:
        raise ValueError(f"{keyword} has {wrong[0]!r}: each size is a whole number ≥ 1, as in {keyword}=[2, 3]")
    return sizes


def _planted(value: object) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
        return value
    raise ValueError(f"planted={value!r}: write the number of the step whose slip is planted, from 1, as planted=2")


def _points(value: object) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0 and value == value:
        return value
    raise ValueError(f"points={value!r}: write what the claim is worth as a number ≥ 0, as points=2")


def _expect(value: Expect | str) -> Expect:
    """`expect` as an Expect; a word that is none says which words are."""
    try:
        return Expect(value)
    except ValueError:
        raise ValueError(
            f'expect={value!r} is not what a claim can expect: write expect="holds" for a claim that should be '
            f'proved or checked (the default), or expect="refuted" for a known mistake kept on purpose'
        ) from None


def _declaring_module() -> dict[str, Any] | None:
    """The namespace of the module whose top-level code is running: the innermost `<module>` frame's globals (a
    claim made by a helper's function that the module calls is the module's; one a module it imports makes as it
    runs is that module's). None outside any module's code."""
    frame: types.FrameType | None = sys._getframe(1)
    while frame is not None and frame.f_code.co_name != "<module>":
        frame = frame.f_back
    return frame.f_globals if frame is not None else None


def collected() -> list[ClaimFamily]:
    """The families declared since the last :func:`reset_collected`, by any module."""
    return [family for family, _ in _COLLECTED]


def declarations() -> list[tuple[ClaimFamily, dict[str, Any] | None]]:
    """The families declared since the last :func:`reset_collected`, in order, each with the namespace of the module
    whose top-level code declared it (None outside any module's code). Used by the loader, which decides whose each
    one is."""
    return list(_COLLECTED)


def reset_collected() -> None:
    _COLLECTED.clear()
