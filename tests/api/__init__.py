"""Tests of verifier.api and the public import paths."""
