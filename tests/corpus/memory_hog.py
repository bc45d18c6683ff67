"""Broken: a builder that allocates far more memory than the limit."""
from verifier import claim
@claim()
def hog():
    """Never built."""
    blocks = [bytearray(512 * 1024 * 1024) for _ in range(64)]
    return blocks
