"""Broken: kills its own process while loading."""
import os
os._exit(7)
