"""pytest plugin: `pytest --derivations [PATH ...]` collects every claim as a test item.

A claim passes when it meets its expectation; a failing item shows the verdict and
its evidence in pytest's usual failure report. Registered through the `pytest11`
entry point, so installing the verifier is enough. Heavy imports wait until used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("verifier", "derivation verifier")
    group.addoption(
        "--derivations",
        nargs="*",
        default=None,
        metavar="PATH",
        help="verify every claim in these derivation files or folders (default: derivations/)",
    )
    group.addoption("--derivation-samples", type=int, default=200, help="numeric samples per claim and n")
    group.addoption("--derivation-seed", type=int, default=0, help="random seed for the derivation claims")


class ClaimFailed(Exception):
    """A claim did not meet its expectation."""


class ClaimItem(pytest.Item):
    def __init__(self, *, family: Any, source: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.family = family
        self.source = source

    def runtest(self) -> None:
        from verifier.engine import EngineSettings, verify_family

        options = self.config.option
        settings = EngineSettings(seed=options.derivation_seed, samples=options.derivation_samples)
        result = verify_family(self.family, settings, source=self.source)
        self.user_properties.append(("status", result.status.value))
        if not result.met:
            raise ClaimFailed(result)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if not isinstance(excinfo.value, ClaimFailed):
            return str(super().repr_failure(excinfo))
        r = excinfo.value.args[0]
        lines = [f"{r.verdict} (expected {r.expect}): {r.reason}"]
        if r.counterexample:
            cx = r.counterexample
            from verifier.render import counterexample as cx_text

            lines += [cx_text.headline(cx, r)]
        if r.assumptions:
            lines.append("assumptions: " + "; ".join(r.assumptions))
        lines.append(f"replay: {r.replay}")
        return "\n".join(lines)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return Path(self.source), None, f"{self.family.derivation}.{self.family.name}"


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    paths = config.getoption("derivations")
    if paths is None:
        return
    from verifier import loader

    for path in loader.discover(paths or ["derivations"]):
        loaded = loader.load(path)
        for family in loaded.families:
            items.append(
                ClaimItem.from_parent(session, name=f"{path.stem}.{family.name}", family=family, source=str(path))
            )
        for name, message in loaded.errors:  # the parts of a LaTeX file that did not parse
            items.append(ErrorItem.from_parent(session, name=f"{path.stem}.{name}", message=message))


class ErrorItem(pytest.Item):
    """A chain of a LaTeX file that did not parse: it fails with its one-line error."""

    def __init__(self, *, message: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.message = message

    def runtest(self) -> None:
        raise ClaimFailed(self.message)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        return f"ERROR: {self.message}"
