"""`python -m benchmarks`: the engine against the plain tools, and its own costs, in one rerunnable run.

Fourteen sections, each giving every side the same inputs. They run, and BENCHMARKS.md numbers them, in
the order of one list, `config.SECTIONS` (by the names `--only` takes, in parentheses):

- symbolic decision: the ladder against `simplify` on every entry of the same residual (`symbolic`);
- numeric spot checks: one compiled numpy batch against a `subs().evalf()` loop and `equals` (`numeric`);
- gradient checks: complex-step directional derivatives against `torch.autograd.gradcheck` (`gradient`);
- `verify-all` wall time, cold, warm and on one job, the slowest claim, and start-up (`verify-all`);
- the cost of one claim per n, split into symbolic and numeric, through `verify_family` (`cost`);
- compile speed: `numeric.Compiled` against `sympy.lambdify(..., cse=True)` (`compile`);
- special functions: samples/s of the evaluator on erf, loggamma and polygamma claims against a
  plain-numpy claim of the same shape (`special`);
- determinism: the statuses of an idle one-job run against a loaded many-job run (`determinism`);
- certificate search: the time to find a sum of squares and have the kernel check it, per n (`certificates`);
- LaTeX chains: reading and checking a 10-step chain (`latex`);
- grading a generated course: submissions and claims per second (`grading`);
- generic dimension: proofs for all n against the explicit ladder at n = 8 (`generic`);
- the SDP sum-of-squares search, split into the SDP, the exact rounding and the kernel's check, per n (`sos`);
- Dask: claims per second on a LocalCluster against the local pool, its overhead per task, and a killed
  worker (`dask`; needs the [dask] extra).

Every measurement runs in its own forked worker with a hard time limit (`verifier.run.pool`), so a
cell that blows up is reported as timed out and the run goes on. Timings are taken inside the
worker around the measured work only, never the fork or the loading of the claim. Sections
return plain data (frozen dataclasses with `to_json`, or JSON-ready dicts for the first three);
`report.run` gathers them with the targets already decided, and the Markdown and SVG renderers
only format that data (`render`: the page; `render_versus`, `render_costs` and the later sections' own
modules: each section). The engine and the CLI never import this package, and it is not installed with
the package: run `python -m benchmarks` in the root folder of a checkout (`benchmarks/cli.py`; its own
tests are in `benchmarks/tests/`). The generated courses and the texts sent to `verifier serve` are the
tests' fixtures, imported from `tests/fixtures/`.
"""

from verifier.cli.reexec import one_blas_thread

one_blas_thread()  # measured as the verifier's commands run: one BLAS thread per process, set before numpy loads
