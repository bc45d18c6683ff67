"""python -m verifier."""

import sys

from verifier.cli.reexec import reexec_early

reexec_early(sys.argv[1:])  # before the CLI is imported: a command that verifies runs again with a fixed seed

from verifier.cli.main import main  # noqa: E402

sys.exit(main())
