"""Broken: a builder that kills its worker."""
import os
import signal
from verifier import claim
@claim()
def suicide():
    """Never built."""
    os.kill(os.getpid(), signal.SIGKILL)
