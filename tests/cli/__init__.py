"""Tests of verifier/cli/."""
