"""Broken: calls sys.exit while loading."""
import sys
sys.exit(3)
