"""Tests of verifier/trusted/."""
