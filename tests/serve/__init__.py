"""Tests of verifier/serve/."""
