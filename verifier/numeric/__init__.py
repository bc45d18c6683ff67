"""Numerical evidence and refutation: compiled batches, sampling, the per-kind checks, mpmath evaluation,
high-precision confirmation of counterexamples, and shrinking them. Not trusted for PROVED; a
counterexample is confirmed in high precision and in the domain before it refutes.
"""
