"""Tests of the verifier's power: soundness probes, mutants, fuzzing, red teams (all slow)."""
