"""Measuring the verifier itself: mutation testing and the alarms that flag a suspicious library."""
