"""One meaning per symbol: what instantiate checks before it builds the two views.

A claim's symbols are sympy objects, and sympy lets an object carry meaning of its own: a
``Symbol("x", positive=True)`` has already rewritten ``log(x**2)`` to ``2*log(x)`` by the time the
claim is built, whatever domain the claim declares. Two objects that print alike may be different
variables (``Symbol("x")`` and ``Symbol("x", real=True)``), and two declared objects may share an
entry (``matrix("a", 2)`` and ``vector("a", 12)`` both hold ``a11``). Each of these makes the claim
mean something other than what it declares, so each is a SymbolClash (instantiate turns it into a
ClaimError) that says what to write instead.
The symbolic view then rebuilds every declared symbol from its domain alone (instantiate._symbolic_map).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import sympy as sp

if TYPE_CHECKING:
    from verifier.language.claims import Given

# what a bound symbol (a limit's variable, a noise variable, an iterate, a certificate's v) may carry
_BOUND_OK = sp.Symbol("t", real=True).assumptions0


def check_symbols(given: Sequence[Given], bound: Iterable[sp.Symbol], free: Iterable[sp.Symbol]) -> None:
    """Raise SymbolClash where a symbol's own assumptions, a shared entry or a shared name would change the claim."""
    _check_disjoint(given)
    _check_names([*free, *bound, *(s for g in given for s in g.symbols())])
    for g in given:
        for s in g.symbols():
            _check_implied(s, g.domain.assumptions(), f"its domain {g.domain.describe()}", g.domain)
    for s in bound:
        _check_implied(s, {"real": True}, "a bound variable's (real)", None)


class SymbolClash(ValueError):
    """A symbol means something other than what the claim declares; the message says what to write."""


def _error(message: str) -> SymbolClash:
    return SymbolClash(message)


def _check_disjoint(given: Sequence[Given]) -> None:
    owner: dict[sp.Symbol, int] = {}
    for index, g in enumerate(given):
        for s in dict.fromkeys(g.symbols()):
            if owner.setdefault(s, index) != index:
                first = given[owner[s]].label
                raise _error(
                    f"{s} is an entry of two declared objects ({first} and {g.label}), which may not share a "
                    "symbol; give them names that cannot clash (e.g. matrix('A', 2) and vector('v', 12))"
                )


def _check_names(symbols: Iterable[sp.Symbol]) -> None:
    by_name: dict[str, sp.Symbol] = {}
    for s in symbols:
        if not isinstance(s, sp.Symbol) or isinstance(s, sp.Dummy):
            continue
        other = by_name.setdefault(s.name, s)
        if other != s:
            raise _error(
                f"two different symbols are both named {s.name} ({_spelled(other)} and {_spelled(s)}); "
                "sympy treats them as two variables: make one symbol and use it everywhere"
            )


def _spelled(s: sp.Symbol) -> str:
    own = _own_assumptions(s)
    extra = "".join(f", {k}={v}" for k, v in sorted(own.items()))
    return f"Symbol({s.name!r}{extra})"


def _own_assumptions(s: sp.Symbol) -> dict[str, bool]:
    """The assumptions the symbol was made with (not those sympy derived from them)."""
    orig = getattr(s, "_assumptions_orig", None)
    own = dict(orig) if orig is not None else dict(s.assumptions0)
    own.pop("commutative", None)
    return {k: bool(v) for k, v in own.items() if v is not None}


def _check_implied(s: sp.Symbol, assumptions: dict[str, bool], against: str, domain: object) -> None:
    """Every assumption s carries follows from the domain's (or a bound variable's) own."""
    if isinstance(s, sp.Dummy):
        return
    carried = [*_own_assumptions(s).items(), *s.assumptions0.items()]  # the user's own words first
    rebuilt = None  # made at the first assumption to compare (a plain symbol carries none)
    for key, value in carried:
        if key == "commutative" or value is None:
            continue
        rebuilt = sp.Symbol("t", **assumptions) if rebuilt is None else rebuilt
        if getattr(rebuilt, f"is_{key}") != value:
            fix = f" or declare the domain {_domain_for(s)}" if domain is not None else ""
            raise _error(
                f"{_spelled(s)} carries {key}={value}, which {against} does not imply (sympy may already have "
                f"used it to rewrite the claim): write Symbol({s.name!r}){fix}"
            )


def _domain_for(s: sp.Symbol) -> str:
    if s.is_positive:
        return "Positive()"
    if s.is_nonnegative:
        return "Nonnegative()"
    if s.is_integer:
        return "Integer()"
    if s.is_nonzero and s.is_real:
        return "Nonzero()"
    return "that states it"
