"""The test suite, shelved by layer as verifier/ is (see conftest.py for which folders are slow)."""
