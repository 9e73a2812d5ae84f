"""`python -m pairing`: see pairing/cli.py for the commands."""

from .cli.main import main

raise SystemExit(main())
