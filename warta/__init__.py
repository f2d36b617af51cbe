"""Warta's build tooling: atomic builds, content checks, article scaffolding.

``tasks.py`` is a thin invoke layer over this package, so everything here is testable
without invoke.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The plugins' shared helpers (`warta_common`) are imported by this package too.
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))
