"""``python -m workshop`` does what the ``workshop`` command does."""

import sys

from workshop.cli import main

sys.exit(main())
