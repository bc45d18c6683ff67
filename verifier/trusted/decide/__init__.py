"""Exact decision procedures the kernel calls: normal forms, zero tests of rational functions, and the
canonical Einstein forms of matrix expressions (einsum/). Trusted.
"""
