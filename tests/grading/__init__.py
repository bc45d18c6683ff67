"""Tests of verifier/grading/."""
