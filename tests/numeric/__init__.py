"""Tests of verifier/numeric/."""
