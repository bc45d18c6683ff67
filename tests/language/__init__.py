"""Tests of verifier/language/."""
