"""Broken: a derivation module that states nothing."""
import sympy as sp
x = sp.Symbol("x")
