"""Statements, domains and whole claim families as JSON data, and back (see :mod:`verifier.grading.codec`).

A statement is ``{"t": "data", "class": "Derivative", "f": {field: value}}``, where the
class is one of the statement kinds of :mod:`verifier.language.claims` (or a Chain, Step or
Certificate) and every field value is encoded in turn: an expression, a domain
``{"t": "domain", "class": "Interval", "f": {...}}``, a distribution, a tuple, list or
mapping of values, or a plain string, integer, float, bool or null. Only the exact
classes named here decode; a subclass a submission defines is refused, because its
methods are code.

A claim family travels as its metadata and its statement built at each requested
dimension (or the one-line error its builder raised there), so no builder code ever
leaves the sandbox: :class:`Prebuilt` hands the decoded statements back to the engine.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from typing import Any

from verifier.grading.codec import CannotEncode, CodecError, bounded, check_name, decode_expr, encode_expr
from verifier.language import distributions, domains
from verifier.language.claims import (
    PSD,
    Certificate,
    Convergence,
    Convex,
    Corollary,
    Derivative,
    Expectation,
    Identity,
    Inequality,
    Limit,
    Statement,
)
from verifier.language.families import ClaimFamily, not_a_statement
from verifier.language.stepwise import Chain, Step
from verifier.language.text import CONTROL
from verifier.outcome import Expect
from verifier.strategies.budget import BudgetExceeded, cpu_limit

SCHEMA = "verifier-submission/1"
MAX_TEXT = 2000
DECODE_SECONDS = 5.0  # CPU seconds to decode one statement at one size (past the structural bounds: a backstop)
DATA: dict[str, type] = {
    cls.__name__: cls
    for cls in (Identity, Derivative, PSD, Convex, Inequality, Expectation, Convergence, Limit, Corollary, Chain, Step)
}
DATA["Certificate"] = Certificate
DOMAINS: dict[str, type] = {
    name: getattr(domains, name) for name in domains.__all__ if name not in ("Domain", "DomainError", "Shape")
}
DISTRIBUTIONS: dict[str, type] = {
    cls.__name__: cls for cls in (distributions.Normal, distributions.Bernoulli, distributions.Uniform)
}

_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: object, limit: int = MAX_TEXT) -> str:
    """A string from a submission, safe to show: control characters (terminal escapes) and bidirectional formatting
    characters (a right-to-left override redraws the rest of a row) removed, each lone surrogate (a folder name's
    byte that is not UTF-8, a docstring's "\\ud800": no file can hold one) shown as U+FFFD, length capped."""
    text = _SURROGATE.sub("\ufffd", CONTROL.sub("", str(value)))
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------- encoding (inside the sandbox)


def encode_value(value: Any) -> Any:
    """The JSON tree of one field value of a statement."""
    if value is None or isinstance(value, bool):
        return {"t": "bool", "v": value} if isinstance(value, bool) else {"t": "none"}
    if isinstance(value, str):
        return {"t": "str", "v": value[:MAX_TEXT]}
    if isinstance(value, int):
        return {"t": "int", "v": str(value)}
    if isinstance(value, float):
        return {"t": "float", "v": repr(value)}
    if isinstance(value, tuple | list):
        return {"t": type(value).__name__, "e": [encode_value(v) for v in value]}
    if isinstance(value, Mapping):
        return {"t": "map", "e": [[encode_value(k), encode_value(v)] for k, v in value.items()]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _encode_dataclass(value)
    return encode_expr(value)


def _encode_dataclass(value: Any) -> dict[str, Any]:
    name = type(value).__name__
    for tag, registry in (("data", DATA), ("domain", DOMAINS), ("dist", DISTRIBUTIONS)):
        if registry.get(name) is type(value):
            fields = {
                f.name: encode_value(getattr(value, f.name)) for f in dataclasses.fields(registry[name]) if f.init
            }
            return {"t": tag, "class": name, "f": fields}
    raise CannotEncode(f"uses {name}, a class of the submission's own; use the verifier's domains and statements")


def encode_family(family: ClaimFamily, dims: list[int | None]) -> dict[str, Any]:
    """A claim family's metadata and its statement at each dimension (or the builder's one-line error)."""
    built: list[dict[str, Any]] = []
    for n in dims:
        try:
            body = family.builder() if n is None else family.builder(n)
            if not isinstance(body, Statement):
                raise TypeError(not_a_statement(body))
            with bounded():
                built.append({"n": n, "body": encode_value(body)})
        except CannotEncode as err:
            built.append({"n": n, "error": f"cannot be sent as data: {err}"})
        except (Exception, SystemExit) as err:  # the builder is the submission's code (sys.exit included)
            built.append({"n": n, "error": f"builder raised {type(err).__name__}: {str(err)[:200]}"})
    return {
        "name": family.name,
        "statement": family.statement_text[:300],
        "notes": family.notes[:500],
        "n_values": list(family.n_values),
        "numeric_n": list(family.numeric_n),
        "built": built,
    }


# ---------------------------------------------------------------- decoding (in a worker, outside)


def decode_value(tree: Any, depth: int = 0) -> Any:
    """The field value a JSON tree describes, from the allow-lists only (CodecError otherwise)."""
    if depth > 64:
        raise CodecError("values nested deeper than 64 levels")
    tag = tree.get("t") if isinstance(tree, dict) else None
    if tag in ("none", "bool", "str", "int", "float"):
        return _primitive(tag, tree.get("v"))
    if tag in ("tuple", "list"):
        items = [decode_value(v, depth + 1) for v in _items(tree)]
        return tuple(items) if tag == "tuple" else items
    if tag == "map":
        pairs = [_pair(p, depth) for p in _items(tree)]
        return dict(pairs)
    if tag in ("data", "domain", "dist"):
        return _decode_dataclass(tag, tree, depth)
    return decode_expr(tree)


def _primitive(tag: str, v: object) -> Any:
    if tag == "none":
        return None
    if tag == "bool" and isinstance(v, bool):
        return v
    if tag == "str" and isinstance(v, str):
        return clean_text(v)
    if tag == "int" and isinstance(v, str) and re.fullmatch(r"-?[0-9]{1,30}", v):
        return int(v)
    if tag == "float" and isinstance(v, str) and re.fullmatch(r"-?(inf|nan|[0-9.]{1,40}(e[-+]?[0-9]{1,3})?)", v):
        return float(v)
    raise CodecError(f"a malformed {tag} value")


def _items(tree: dict[str, Any]) -> list[Any]:
    items = tree.get("e")
    if not isinstance(items, list):
        raise CodecError(f"a {tree.get('t')} without a list of items")
    return items


def _pair(pair: object, depth: int) -> tuple[Any, Any]:
    if not isinstance(pair, list) or len(pair) != 2:
        raise CodecError("a mapping entry that is not a [key, value] pair")
    key = decode_value(pair[0], depth + 1)
    try:
        hash(key)
    except TypeError:
        raise CodecError("a mapping key that cannot be a key") from None
    return key, decode_value(pair[1], depth + 1)


def _decode_dataclass(tag: str, tree: dict[str, Any], depth: int) -> Any:
    registry = {"data": DATA, "domain": DOMAINS, "dist": DISTRIBUTIONS}[tag]
    name, fields = tree.get("class"), tree.get("f")
    cls = registry.get(name) if isinstance(name, str) else None
    if cls is None or not isinstance(fields, dict):
        raise CodecError(f"{str(name)[:40]!r} is not an allowed {tag} class")
    allowed = {f.name for f in dataclasses.fields(cls) if f.init}
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise CodecError(f"{name} has no field {unknown[0][:40]!r}")
    values = {k: decode_value(v, depth + 1) for k, v in fields.items()}
    if tag == "domain" and not all(isinstance(v, int | float | bool) for v in values.values()):
        raise CodecError(f"the domain {name} takes numbers and flags only")
    try:
        return cls(**values)
    except (TypeError, ValueError) as err:
        raise CodecError(f"cannot build {name}: {str(err)[:200]}") from None


class BuildError(Exception):
    """The builder failed at this n inside the sandbox (or its statement could not be decoded)."""


@dataclasses.dataclass(frozen=True)
class Prebuilt:
    """A builder that returns the statements decoded from the sandbox's data, per n."""

    bodies: Mapping[int | None, Statement]
    errors: Mapping[int | None, str]

    def __call__(self, n: int | None = None) -> Statement:
        if n in self.bodies:
            return self.bodies[n]
        if self.errors.get(n, "").startswith("builder raised ZeroDivisionError"):
            raise ZeroDivisionError(self.errors[n])  # undefined at this n, as the engine expects
        raise BuildError(self.errors.get(n, f"the submission's claim was not built at n = {n}"))

    @property
    def dims(self) -> tuple[int | None, ...]:
        """Every n the sandbox built (or tried to build) the claim at."""
        return tuple(dict.fromkeys([*self.bodies, *self.errors]))


def _dims(value: object) -> tuple[int | None, ...]:
    if not isinstance(value, list) or len(value) > 64:
        raise CodecError("dimensions must be a list of at most 64 integers")
    if not all(v is None or (isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 4096) for v in value):
        raise CodecError("dimensions must be integers from 0 to 4096 (or null)")
    return tuple(value)


def decode_statement(tree: object) -> Statement:
    """One statement, within the node bound and a CPU-time backstop (CodecError past either)."""
    try:
        with bounded(), cpu_limit(DECODE_SECONDS):
            body = decode_value(tree)
    except BudgetExceeded:
        raise CodecError(f"decoding took over {DECODE_SECONDS:g} CPU seconds; not decoded") from None
    except RecursionError:
        raise CodecError("a statement nested too deeply") from None
    if not isinstance(body, Statement):
        raise CodecError(f"the statement is a {type(body).__name__}, not a claim kind")
    return body


def decode_family(data: object, derivation: str, statement: Callable[[object], Statement] | None = None) -> ClaimFamily:
    """A claim family rebuilt from the sandbox's data: its statements decoded at every n it was built for (by
    `statement`, decode_statement unless given: grading's sharing asks with one that reads none)."""
    if not isinstance(data, dict) or not isinstance(data.get("built"), list):
        raise CodecError("a claim entry without its built statements")
    name = check_name(data.get("name"), "claim name")
    bodies: dict[int | None, Statement] = {}
    errors: dict[int | None, str] = {}
    for entry in data["built"][:64]:
        n = _dims([entry.get("n")] if isinstance(entry, dict) else ["?"])[0]
        if "error" in entry:
            errors[n] = clean_text(entry["error"], 300)
            continue
        try:
            bodies[n] = (statement or decode_statement)(entry.get("body"))
        except CodecError as err:
            errors[n] = f"could not be read back: {err}"
    return ClaimFamily(
        name=name,
        derivation=derivation,
        statement_text=clean_text(data.get("statement", name), 300),
        builder=Prebuilt(bodies, errors),
        n_values=_dims(data.get("n_values", [None])) or (None,),
        numeric_n=tuple(n for n in _dims(data.get("numeric_n", [])) if n is not None),
        expect=Expect.HOLDS,
        notes=clean_text(data.get("notes", ""), 500),
    )
