"""The seed a subject's sample points are drawn from (:func:`verifier.grading.match.agree`): both subjects' digest."""

from __future__ import annotations

import hashlib
from typing import Any

import sympy as sp


def seed_of(a: Any, b: Any) -> int:
    """A seed drawn from both subjects: the same for the same pair, so a course's grades are reproducible, and
    unknown to a submission until its subject is fixed. Drawn from seed 0, the points were known: a cubic fitted
    to atan(t) e^t at them answered for it, and d/dt of the cubic was PROVED, full marks (red team 151)."""
    try:
        digest = hashlib.sha256(f"{sp.srepr(a)}\0{sp.srepr(b)}".encode()).digest()
    except RecursionError:  # nested past what srepr walks: a walk of its own, which does not recurse
        digest = walk_digest(a, b)
    return int.from_bytes(digest[:8], "big")


WALK_NODES = 200_000  # nodes a walk digests: a subject nested past srepr is one the decoder's bounds let through


def walk_digest(*objs: Any) -> bytes:
    """A digest of the objects' trees, walked without recursion (each node's class and number of children, an
    atom's srepr), up to WALK_NODES nodes: the same subjects give the same seed in every run. A random seed there
    made the grade of a deeply nested subject change from one run to the next (red team 161)."""
    digest = hashlib.sha256()
    stack: list[Any] = list(reversed(objs))
    for _ in range(WALK_NODES):
        if not stack:
            break
        node = stack.pop()
        children = _children(node)
        digest.update(f"{type(node).__name__}/{len(children)}:".encode())
        if not children:
            digest.update(_atom(node).encode() + b"\0")
        stack.extend(reversed(children))
    return digest.digest()


def _children(node: Any) -> tuple[Any, ...]:
    if isinstance(node, sp.MatrixBase):
        return (*node.shape, *node)
    if isinstance(node, sp.Basic):
        return tuple(node.args)
    return tuple(node) if isinstance(node, tuple | list) else ()


def _atom(node: Any) -> str:
    try:
        return sp.srepr(node) if isinstance(node, sp.Basic) else repr(node)[:1000]
    except RecursionError:
        return ""
