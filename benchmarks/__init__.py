"""`verifier bench`: the engine against the plain tools, and its own costs, in one rerunnable run.

Eleven sections, each giving every side the same inputs:

1. symbolic decision: the ladder against `simplify` on every entry of the same residual (`symbolic`);
2. numeric spot checks: one compiled numpy batch against a `subs().evalf()` loop and `equals` (`numeric`);
3. gradient checks: complex-step directional derivatives against `torch.autograd.gradcheck` (`gradient`);
4. `verify-all` wall time, cold, warm and on one job, the slowest claim, and start-up (`verify_all`);
5. the cost of one claim per n, split into symbolic and numeric, through `verify_family` (`cost`);
6. compile speed: `numeric.Compiled` against `sympy.lambdify(..., cse=True)` (`compile_speed`);
7. determinism: the statuses of an idle one-job run against a loaded many-job run (`determinism`);
8. special functions: samples/s of the evaluator on erf, loggamma and polygamma claims against a
   plain-numpy claim of the same shape (`special`).
9. certificate search: the time to find a sum of squares and have the kernel check it, per n (`certificates`).
10. LaTeX chains: reading and checking a 10-step chain (`latex_chain`).
11. grading a generated course: submissions and claims per second (`grading`, `course`).
12. generic dimension: proofs for all n against the explicit ladder at n = 8 (`generic_dimension`).
13. the SDP sum-of-squares search, split into the SDP, the exact rounding and the kernel's check, per n
    (`sos_search`).
14. Dask: claims per second on a LocalCluster against the local pool, its overhead per task, and a killed
    worker (`cluster`; needs the [dask] extra).

Every measurement runs in its own forked worker with a hard time limit (`verifier.pool`), so a
cell that blows up is reported as timed out and the run goes on. Timings are taken inside the
worker around the measured work only, never the fork or the loading of the claim. Sections
return plain data (frozen dataclasses with `to_json`, or JSON-ready dicts for the first three);
`report.run` gathers them with the targets already decided, and the Markdown and SVG renderers
only format that data. The engine never imports this package; the CLI imports it lazily.
"""
