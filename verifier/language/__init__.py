"""What a derivation writes: the statement kinds, @claim and families, chains, domains, distributions,
the mathlib of ML functions, and the lowering of matrix symbols to entries. Plain data that reads like
the math. PROVED rests on it (the trusted base reads claims through it); it imports nothing else of verifier.
"""
