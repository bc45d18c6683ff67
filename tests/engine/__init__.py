"""Tests of verifier/engine/."""
