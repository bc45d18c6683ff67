"""Loading derivation files into claim families: Python modules (loader); LaTeX files go through verifier.frontends."""
