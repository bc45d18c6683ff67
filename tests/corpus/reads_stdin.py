"""Broken: waits for input while loading."""
answer = input("n? ")
