"""Grading a course: many students' derivations checked against a reference list of claims.

A student's Python module is untrusted code. It is imported only inside a sandbox
(:mod:`verifier.grading.sandbox`, bubblewrap), and what comes out of the sandbox is data,
never code or verdicts: the claims the module declares, each statement encoded as a
JSON tree of allow-listed sympy node names, numbers as strings, and the statement,
domain and distribution dataclasses by name and fields (:mod:`verifier.grading.codec`,
:mod:`verifier.grading.statements`). The grader reads one size-capped JSON document from
the pipe of the sandbox it launched for that student's folder, checks its shape, and
rebuilds the claims from the allow-lists only (no eval, sympify, parse_expr or pickle of
student data, and the student's module is never imported outside the sandbox). The
normal engine then verifies the rebuilt claims in the normal worker pool, so the
verdict is computed outside the sandbox and a submission can neither forge it nor
write another student's row. LaTeX chains are data already; they are parsed outside
the sandbox, without eval, by :mod:`verifier.frontends.latex`.
"""
