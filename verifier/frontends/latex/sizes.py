"""A LaTeX chain's statements by size: those built when its file is read, those built when first asked for
(a line the diagnosis edits is read at one size until another is needed), and the statement at a symbolic
size, which the for-all-n rung asks for once per step (read once, its refusal kept as well)."""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from verifier.language.families import NotGeneric
from verifier.language.stepwise import Chain


class Sized:
    """The builders of one chain's claim family: `at` for one read at every size, `lazily` for an edit."""

    def __init__(
        self,
        built: dict[int | None, Chain],
        build_at: Callable[[int], Chain],
        symbolic_at: Callable[[sp.Symbol], Chain],
    ) -> None:
        self.built = built
        self._build_at = build_at
        self._symbolic_at = symbolic_at
        self._symbolic: dict[sp.Symbol, Chain | NotGeneric] = {}

    def at(self, *n: int) -> Chain:
        """The chain at n (built already), or at a symbolic size (Σ, entries and δ kept symbolic)."""
        if n and isinstance(n[0], sp.Symbol):
            if n[0] not in self._symbolic:
                try:
                    self._symbolic[n[0]] = self._symbolic_at(n[0])
                except NotGeneric as err:  # read once: every step asks
                    self._symbolic[n[0]] = err
            found = self._symbolic[n[0]]
            if isinstance(found, NotGeneric):
                raise found
            return found
        return self.built[n[0] if n else None]

    def lazily(self, *n: int) -> Chain:
        """The chain at n, built when first asked for."""
        at = n[0] if n else None
        if at not in self.built and at is not None:
            self.built[at] = self._build_at(at)
        return self.built[at]
