"""Strategies propose, never certify: the symbolic ladder and its rungs, work budgets, certificate search
(sum of squares in sos/), implication premises, and the generic-dimension attempt. Every proof they find is
checked by verifier.trusted.kernel. A bug here can cost a proof, never make one false.
"""
