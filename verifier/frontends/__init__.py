"""Front ends: an author's text (LaTeX chains, latex/) read into claim families of the language, never run."""
