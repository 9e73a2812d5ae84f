"""`python -m pairing …`: the editors' command line (see pairing/cli.py)."""

import sys

from .cli import main

sys.exit(main())
