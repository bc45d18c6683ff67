"""`python -m benchmarks [OPTIONS]`: the benchmark, run from a checkout; the same as `verifier bench [OPTIONS]`."""

from __future__ import annotations

import sys

from verifier.cli.main import main

if __name__ == "__main__":
    sys.argv = [sys.argv[0], "bench", *sys.argv[1:]]  # as `verifier bench` (re-run with a fixed hash seed)
    sys.exit(main())
