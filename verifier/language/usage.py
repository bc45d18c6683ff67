"""What to write instead, when a builder calls a claim's class with the wrong arguments.

Python's own message names the class and the argument ("Inequality.__init__() missing 1 required positional
argument: 'rhs'") but not the order of the rest; the call as it is declared does.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from verifier.language import claims, distributions, domains, stepwise

_CALLED = re.compile(r"^(\w+)\.__init__\(\)")


def builder_error(err: BaseException, at: str = "") -> str:
    """ "builder raised TypeError{at}: …", with the call to write where the error names one of our classes."""
    text = f"builder raised {type(err).__name__}{at}: {err}"
    found = _CALLED.match(str(err)) if isinstance(err, TypeError) else None
    call = _calls().get(found.group(1), "") if found else ""
    return f"{text}; write {call}" if call else text


@cache
def _calls() -> dict[str, str]:
    """Each public dataclass of the claim language, as the call that builds it: "Inequality(lhs, op, rhs,
    where=…)"."""
    calls = {}
    for module in (claims, stepwise, domains, distributions):
        for name, cls in vars(module).items():
            if name.startswith("_") or not isinstance(cls, type) or not dataclasses.is_dataclass(cls):
                continue
            parts = [
                f.name if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
                else f"{f.name}=…"
                for f in dataclasses.fields(cls)
                if f.init
            ]  # fmt: skip
            calls[name] = f"{name}({', '.join(parts)})"
    return calls
