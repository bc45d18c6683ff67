"""Tests of verifier/load/."""
