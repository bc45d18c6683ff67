"""The command line that verifies one claim again with the same seed and options: its result's replay line.

It must reproduce the verdict it is printed for, in a shell, on Python 3.11's argparse:

- the file comes right after the claim's name: after an option (``--samples 200 FILE``) argparse 3.11 has already
  given ``check``'s optional PATH list its empty value, and rejects the file as an unrecognised argument;
- every option a verdict depends on is carried: the seed, the samples, and the budget when it is not the default
  (the time limit and the memory are safety nets, not inputs of a verdict);
- the file is left out only where ``check`` finds it by the claim's name alone: a file of ./derivations itself
  (not of a folder below it) whose stem no other derivation file there shares (sigmoid_derivative.py and .tex);
- the name is a pattern to ``check``: its glob characters are escaped (``star*x`` would also select ``star_x``), and
  each word is quoted for the shell (a chain named ``two words``).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from verifier.engine.settings import EngineSettings
from verifier.strategies.budget import DEFAULT_BUDGET

DEFAULT_FOLDER = "derivations"
SUFFIXES = (".py", ".md", ".tex")  # the derivation files a folder holds (verifier.load.loader)


def replay_line(key: str, settings: EngineSettings, source: str) -> str:
    """`verifier check KEY [FILE] --seed S --samples N [--budget B]`, quoted for a POSIX shell."""
    words = ["verifier", "check", _literal(key)]
    if source and not _found_by_name(source):
        words.append(source)
    words += ["--seed", str(settings.seed), "--samples", str(settings.samples)]
    if settings.budget != DEFAULT_BUDGET:
        words += ["--budget", str(settings.budget)]
    return " ".join(shlex.quote(w) for w in words)


def _literal(key: str) -> str:
    """The key as a pattern that selects it alone: each of * ? [ in a bracket of its own."""
    return re.sub(r"[*?\[]", lambda m: f"[{m[0]}]", key)


def _found_by_name(source: str) -> bool:
    path = Path(source)
    if path.is_absolute() or path.parent != Path(DEFAULT_FOLDER):
        return False
    return not any(path.with_suffix(s).exists() for s in SUFFIXES if s != path.suffix)
