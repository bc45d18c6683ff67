"""Tests of verifier/render/."""
