"""The claim at one n, as its family declares it, built by the kernel: what a verdict is about.

The engine asks :func:`state` for each n it walks, once; the kernel builds the claim from the family's
builder and instantiates it (symbols rebuilt from their domains). A :class:`ClaimAt` is made here only,
and it names its statement by a digest: :func:`verifier.trusted.kernel.judge` accepts a proof only for a
ClaimAt's digest, and decides from the ClaimAts which n a claim must be proved at. A claim with 1/(n − 1)
is undefined at n = 1: its ClaimAt there says so (the builder divided by zero, or an expression is zoo
or nan as written), and judge asks for neither a proof nor a check there.
"""

from __future__ import annotations

from dataclasses import dataclass

from verifier.language.families import ClaimFamily
from verifier.language.keys import ClaimKey
from verifier.language.lowering import LoweringError
from verifier.language.usage import builder_error
from verifier.trusted.genuine import mint
from verifier.trusted.instantiate import ClaimError, Instance, UndefinedEverywhere, instantiate
from verifier.trusted.kernel.base import _KEY, Rejected


@dataclass(frozen=True)
class ClaimAt:
    """The claim `claim` at n: its instance and digest, or why it is undefined there."""

    claim: str  # derivation.name
    n: int | None
    instance: Instance | None  # None where the claim is undefined at n
    undefined: str  # why it is undefined at n ("" where it is defined)
    key: object

    def __post_init__(self) -> None:
        if self.key is not _KEY:
            raise Rejected("ClaimAt", "a claim at n is stated by the kernel only")

    @property
    def digest(self) -> str:
        return self.instance.digest if self.instance is not None else ""


def family_name(family: ClaimFamily) -> str:
    return str(ClaimKey.of(family))


def state(family: ClaimFamily, n: int | None) -> ClaimAt:
    """The claim at n. Raises ClaimError for a malformed claim (the builder is user code: what it raises
    is the user's error, named), except where the claim is undefined at a concrete n."""
    name = family_name(family)
    try:
        claim = family.build(n)
    except LoweringError as err:
        raise ClaimError(str(err)) from None
    except ZeroDivisionError:
        if n is None:
            raise ClaimError("builder raised ZeroDivisionError") from None
        return mint(ClaimAt(name, n, None, "the builder divides by zero", _KEY))
    except Exception as err:
        raise ClaimError(builder_error(err, f" at n={n}")) from None
    try:
        return mint(ClaimAt(name, n, instantiate(claim), "", _KEY))
    except UndefinedEverywhere as err:
        if n is None:
            raise
        return mint(ClaimAt(name, n, None, str(err), _KEY))
