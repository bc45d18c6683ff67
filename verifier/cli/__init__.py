"""The front doors on the command line: ``verifier`` (main, parser, help, commands) and the pytest plugin."""
