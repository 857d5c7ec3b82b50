"""Entry point for the frozen app: the same `cpdesk` command as the console script."""

import sys

from cpdesk.cli import main

sys.exit(main())
