"""Broken: imports a module that does not exist."""
import sympy_extensions_that_do_not_exist  # noqa: F401
