"""How much work a build may share out: the cores it may use, and whether it may fork."""

from __future__ import annotations

import os
import sys


def usable_cores() -> int:
    """The cores this process may run on (its affinity), or every core where that is unknown."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Forking is safe, and Python's default, on Linux only (macOS's system libraries are not)."""
    return sys.platform.startswith("linux")
