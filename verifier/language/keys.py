"""A claim's key: its derivation (the file's stem) and its name, written ``derivation.name`` everywhere.

Reports, the baseline, the cache, the command line and the kernel's digests all name a claim by this
string ("softmax.jacobian"); :class:`ClaimKey` is the one place that writes it and reads it back. A
derivation's stem holds no dot, so the first dot of the string is the one between the two parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class Named(Protocol):
    """Anything that belongs to a claim: a family, a claim at one n, a result, a planned claim."""

    @property
    def derivation(self) -> str: ...

    @property
    def name(self) -> str: ...


@dataclass(frozen=True, order=True)
class ClaimKey:
    derivation: str
    name: str

    def __str__(self) -> str:
        return f"{self.derivation}.{self.name}"

    @classmethod
    def of(cls, item: Named) -> ClaimKey:
        return cls(item.derivation, item.name)

    @classmethod
    def parse(cls, text: str) -> ClaimKey:
        """ "softmax.jacobian" → ClaimKey("softmax", "jacobian"); a text without both parts is a ValueError."""
        derivation, dot, name = text.partition(".")
        if not (derivation and dot and name):
            raise ValueError(f"not a claim key (derivation.name): {text!r}")
        return cls(derivation, name)
