"""Where a claim's CPU goes, by phase of the engine: the bench's account of its slowest claims.

`benchmarks/in_process.py --phases PATH` verifies the library with a `PhaseClock` installed: each
phase is one engine function, timed (CPU of this process) around its outermost call. Phases may
nest: `numeric` includes `confirm`, its high-precision confirmations, and a phase may build claims
(`build` is only the kernel stating the claim at an n). What no phase covers is `other`: loading the
claim's pieces, the reports' typesetting, the bookkeeping between phases.
"""

from __future__ import annotations

import importlib
import time
from collections import Counter
from collections.abc import Callable
from functools import wraps
from typing import Any

PHASES = (  # label, module, function
    ("build", "verifier.trusted.kernel", "state"),
    ("numeric", "verifier.engine.verify", "spot_check"),
    ("confirm", "verifier.numeric.confirm", "decide"),
    ("ladder", "verifier.strategies.ladder", "prove"),
    ("dimension", "verifier.strategies.dimension", "attempt"),
)
LABELS = tuple(label for label, _, _ in PHASES)


class PhaseClock:
    """CPU seconds per phase since the last `lap`, from the engine's functions wrapped in place."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = dict.fromkeys(LABELS, 0.0)
        self._open: Counter[str] = Counter()  # calls of each phase under way: only the outermost is timed

    def install(self) -> None:
        for label, module_name, name in PHASES:
            module = importlib.import_module(module_name)
            setattr(module, name, self._timed(label, getattr(module, name)))

    def lap(self) -> dict[str, float]:
        """The seconds per phase since the last lap (every label, 0 where none was spent)."""
        out = {label: round(self.spent[label], 3) for label in LABELS}
        self.spent = dict.fromkeys(LABELS, 0.0)
        return out

    def _timed(self, label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._open[label] += 1
            started = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self._open[label] -= 1
                if not self._open[label]:
                    self.spent[label] += time.process_time() - started

        return timed
