"""One request's events, as the page receives them: server-sent events carrying data and rendered HTML.

The dispatcher relays what the workers decide (`parsed`, `step`, `diagnosis`, `chain`) and what happens to the
request (`reading`, `queued`, `started`, `failed`, `finished`). Here each becomes one SSE event
whose data says where it belongs (the chain, the step, the editor line) and holds its HTML from
`verifier.serve.fragments`. The only state kept is where each chain's lines are in the text and
which step of each chain is its first wrong one.
"""

from __future__ import annotations

import json
from typing import Any

from verifier.language.text import plural
from verifier.outcome import Status, StepResult
from verifier.serve import fragments, positions
from verifier.serve.limits import CheckRequest, InputError
from verifier.serve.settings import ServeSettings


def sse(event: str, data: dict[str, Any]) -> str:
    """One server-sent event (the JSON is on one line, so it needs no escaping)."""
    return f"event: {event}\ndata: {json.dumps(data)}\n\n"


def replay_command(request: CheckRequest, settings: ServeSettings) -> str:
    """The command line that checks the same text (saved under the same name) with the same seed and options."""
    extra = f" --samples {settings.samples}" if settings.samples != 200 else ""
    extra += f" --budget {settings.budget}" if settings.budget != ServeSettings().budget else ""
    return f"verifier check {request.path} --seed {request.seed}{extra}"


def input_errors(errors: list[InputError], path: str) -> dict[str, Any]:
    """Errors found before any worker read the text, positioned, with their HTML."""
    items = [(e.text(path), e.line) for e in errors]
    return {"errors": [{"line": e.line, "col": e.col, "text": e.text(path)} for e in errors],
            "html": fragments.errors_list(items)}  # fmt: skip


class Stream:
    def __init__(self, request: CheckRequest, settings: ServeSettings) -> None:
        self.request = request
        self.settings = settings
        self.lines: list[list[int | None]] = []
        self.first_wrong: dict[int, int] = {}
        self.outcomes: dict[int, str] = {}

    def render(self, event: dict[str, Any]) -> str | None:
        """The SSE text for one event from the dispatcher; None for an event the page does not show."""
        kind = event.get("kind")
        if kind == "parsed":
            return sse("parsed", self.parsed(event))
        if kind in ("step", "diagnosis"):  # a diagnosis: the wrong step again, with why (after its verdict)
            return sse(kind, self.step(event))
        if kind == "chain":
            return sse("chain", self.chain(event))
        if kind in ("reading", "queued", "started", "restarted"):
            return sse("progress", {"message": self.progress(event)})
        if kind == "failed":
            message = str(event.get("message", "the check failed"))
            return sse("failed", {"message": message, "html": fragments.failure(message)})
        if kind == "finished":
            return sse("done", {"chains": self.outcomes})
        return None

    def progress(self, event: dict[str, Any]) -> str:
        kind = event.get("kind")
        if kind == "reading":
            return "reading the derivation…"
        if kind == "restarted":
            return "set aside for another address's turn: this chain will be verified again from its start"
        if kind == "queued" and event.get("paused"):
            return f"paused while another address takes its turn: {plural(int(event.get('ahead', 0)), 'check')} ahead"
        if kind == "queued":
            return f"waiting for a free worker: {plural(int(event.get('ahead', 0)), 'check')} ahead"
        return "checking, step by step…"

    def parsed(self, event: dict[str, Any]) -> dict[str, Any]:
        chains = list(event.get("chains") or [])
        self.lines = positions.chain_lines(self.request.text, [list(c.get("lines") or []) for c in chains])
        errors = []
        for item in event.get("errors") or []:
            text = str(item.get("message", ""))
            line, col = positions.error_position(text, self.request.path)
            errors.append({"line": line, "col": col, "text": text, "chain": item.get("name")})
        html = "".join(fragments.chain_outline(i, c, self.lines[i]) for i, c in enumerate(chains))
        return {
            "chains": [{"name": c.get("name"), "lines": self.lines[i]} for i, c in enumerate(chains)],
            "errors": errors,
            "errors_html": fragments.errors_list([(e["text"], e["line"]) for e in errors], len(chains)),
            "html": html,
            "verify": bool(event.get("verify")),
            "ahead": event.get("ahead"),
        }

    def line_of(self, chain: int, index: int) -> int | None:
        lines = self.lines[chain] if 0 <= chain < len(self.lines) else []
        return lines[index] if 0 <= index < len(lines) else None

    def step(self, event: dict[str, Any]) -> dict[str, Any]:
        chain = int(event.get("chain", 0))
        step = StepResult.from_json(event["step"])
        # the first wrong step comes again with its diagnosis: it stays the first wrong one
        first = step.status is Status.REFUTED and self.first_wrong.get(chain, step.index) == step.index
        if first:
            self.first_wrong[chain] = step.index
        line = self.line_of(chain, step.index)
        return {
            "chain": chain,
            "index": step.index,
            "status": step.status.value,
            "line": line,
            "wrong": first,
            "html": fragments.decided_step(chain, step, line, first),
        }

    def chain(self, event: dict[str, Any]) -> dict[str, Any]:
        chain = int(event.get("chain", 0))
        summary = dict(event.get("result") or {})
        self.outcomes[chain] = str(summary.get("status", ""))
        wrong = summary.get("first_wrong_step")
        first_line = self.line_of(chain, 0)
        return {
            "chain": chain,
            "name": summary.get("name"),
            "status": summary.get("status"),
            "verdict": summary.get("verdict"),
            "first_wrong_step": wrong,
            "wrong_line": self.line_of(chain, int(wrong)) if wrong else None,
            "line": first_line,
            "end_result": summary.get("end_result"),
            "met": summary.get("met"),
            "steps": [s.get("status") for s in summary.get("steps") or []],
            "evidence": [s.get("evidence") for s in summary.get("steps") or []],
            "reason": summary.get("reason"),
            "html": fragments.chain_result(summary, replay_command(self.request, self.settings)),
        }
