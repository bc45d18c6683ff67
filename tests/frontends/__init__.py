"""Tests of the LaTeX front end."""
