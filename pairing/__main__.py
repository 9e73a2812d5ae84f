"""`python -m pairing`: see pairing/cli.py for the commands."""

from .cli import main

raise SystemExit(main())
