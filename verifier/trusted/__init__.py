"""The trusted base: everything a PROVED verdict rests on, and nothing else.

``kernel/`` is the only place a Proof is made and PROVED decided; ``instantiate`` rebuilds a claim's
symbols from their declared domains; ``obligations``, ``entailment``, ``bounds``, ``rates``, ``dcp`` and
``provisos`` compute what must be shown; ``decide/`` holds the exact normalisers (normal_form,
rational_zero) and the Einstein-form decision for generic dimension (einsum/). This package imports only
itself and ``verifier.language`` (tests/test_architecture.py enforces it). A bug here can make PROVED
false: change it with a soundness probe in tests/quality/soundness/.
"""
