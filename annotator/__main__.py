from __future__ import annotations

import sys

from annotator.cli import main

sys.exit(main())
