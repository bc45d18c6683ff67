"""Broken: a builder that allocates far more memory than the limit."""
from verifier import claim
@claim()
def hog():
    """Never built."""
    blocks = [bytearray(4 * 1024**3) for _ in range(8)]  # the first block alone is four times the 1 GiB limit
    return blocks
