"""Renderers of run reports: terminal, JSON, Markdown, JUnit XML and HTML. They only render."""
