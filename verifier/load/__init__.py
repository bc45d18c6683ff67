"""Reading derivations: Python modules (loader) and LaTeX chains (latex/) into claim families."""
