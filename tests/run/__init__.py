"""Tests of verifier/run/."""
