"""Each claim built once per n (issue 42): the display, the kernel's statement at each n, the proof for
every n, the diagnosis and the sizes beyond the stated ones all ask the same family, which calls its builder
and lowers the claim at each n once. A builder is the user's function of n; its answer at n is its answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

from verifier.language import families
from verifier.language.families import Claim, ClaimFamily


@dataclass(frozen=True)
class BuiltOnce(ClaimFamily):
    """A claim family whose claim at each n is built once (a builder's error at n is raised again, not redone)."""

    _built: dict[int | None, Claim | Exception] = field(init=False, default_factory=dict, compare=False, repr=False)

    def build(self, n: int | None) -> Claim:
        if n not in self._built:
            try:
                self._built[n] = super().build(n)
            except Exception as err:  # the builder is user code: what it raised at n, it raises at n
                self._built[n] = err
        built = self._built[n]
        if isinstance(built, Exception):
            raise built
        return built


def once_per_n(family: ClaimFamily) -> ClaimFamily:
    """The family, building each n once (a family that does already, or of another kind, is returned as it is)."""
    if type(family) is not ClaimFamily:
        return family
    return BuiltOnce(**{f.name: getattr(family, f.name) for f in fields(ClaimFamily)})


def builder_once_per_n(builder: Callable[..., Any], seeded: dict[tuple[Any, ...], Any]) -> Callable[..., Any]:
    """The builder, calling the given one once per n (seeded: what it already answered, by its arguments)."""
    answers = dict(seeded)

    def once(*n: Any) -> Any:
        if n not in answers:
            answers[n] = builder(*n)
        return answers[n]

    return once


def answers(family: ClaimFamily) -> Callable[..., Any]:
    """A builder for a family derived from this one (another name, other n): its statement at each concrete n as
    the family built it (once), the builder itself at a symbolic n."""

    def answer(*n: Any) -> Any:
        if n and not isinstance(n[0], int):
            return families.call(family.builder, *n)
        claim = family.build(n[0] if n else None)
        return claim.as_written if claim.as_written is not None else claim.body

    return answer
