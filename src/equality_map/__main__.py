"""`python -m equality_map` runs the command line."""

import sys

from equality_map.cli import main

sys.exit(main())
