"""A function of the user's own on the numeric side: its implementation (an `_imp_`), called as it is or through
lambdify, and what counts as its mistake (the user's ERROR that names it) rather than a gap of the verifier (UNKNOWN)
or a bug of ours."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

Op = Callable[..., Any]


class NoNumericForm(ValueError):
    """An expression uses a function of the user's own that has no numeric implementation."""


class Unsupported(NoNumericForm):
    """A function sympy knows that the verifier cannot evaluate here: a limit of the verifier,
    reported as UNKNOWN ("unsupported: ..."), never as the user's ERROR."""


def through_lambdify(fn: Op, func: object) -> Op:
    """A user's function through lambdify: a TypeError there is the user's to fix, an ERROR, not a gap of ours
    (a NameError is a function with no numeric implementation at all: the walk says so)."""

    def call(*args: Any) -> Any:
        try:
            return fn(*args)
        except TypeError as err:
            raise NoNumericForm(
                f"the numeric implementation (_imp_) of {func} raised TypeError: {str(err)[:120]}"
            ) from None

    return call


def own_implementation(implementation: Op, func: object) -> Op:
    """A user's function called as its _imp_: an exception it raises, or a value that is not one per sample, is the
    user's to fix, an ERROR that names the function, not a gap (nor a bug) of ours."""

    def call(*args: Any) -> Any:
        try:
            value = implementation(*args)
        except MemoryError:
            raise  # the worker's memory limit, reported as such (pool), not the user's function's mistake
        except Exception as err:  # the user's code, whatever it raises (the budget's stop is no Exception)
            raise NoNumericForm(
                f"the numeric implementation (_imp_) of {func} raised {type(err).__name__}: {str(err)[:120]}"
            ) from None
        _one_per_sample(value, args, func)
        return value

    return call


def _one_per_sample(value: Any, args: Sequence[Any], func: object) -> None:
    """A user's function must give one value per sample: an array (or list) shaped like its array arguments, or a
    scalar; given only scalars (a constant argument), an array of one too, which the walk broadcasts. An array of one
    for a batch of samples is a bug (the first sample's value for every sample), not a constant."""
    shapes = {np.shape(a) for a in args if np.ndim(a) > 0}
    try:
        shape: tuple[int, ...] | None = np.shape(value)
    except ValueError:  # a ragged list
        shape = None
    if shape == () or shape in shapes or (shape == (1,) and not shapes):
        return
    got = f"a {type(value).__name__} of shape {shape}" if shape is not None else f"a ragged {type(value).__name__}"
    wanted = " or ".join(str(s) for s in sorted(shapes)) or "() (scalars)"
    raise NoNumericForm(
        f"the numeric implementation (_imp_) of {func} returned {got} for arguments of shape {wanted}; "
        "return one value per sample (a numpy array shaped like its arguments)"
    )
