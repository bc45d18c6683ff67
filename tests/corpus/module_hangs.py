"""Broken: the module loops forever while loading."""
while True:
    pass
