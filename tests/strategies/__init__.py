"""Tests of verifier/strategies/."""
