"""How much work a build may share out (the cores it may use, whether it may fork), and
sharing it out: :func:`in_parallel`."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")


def usable_cores() -> int:
    """The cores this process may run on (its affinity), or every core where that is unknown."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Forking is safe, and Python's default, on Linux only (macOS's system libraries are not)."""
    return sys.platform.startswith("linux")


# What the worker processes of a pool read: set before the pool starts and inherited by the
# forked workers, so that it is never pickled.
_shared: Any = None


def shared() -> Any:
    """What :func:`in_parallel` shares with the function it runs."""
    return _shared


def in_parallel(function: Callable[[int], T], items: Sequence[int], shared: Any, workers: int) -> Iterator[T]:
    """``function`` of each of ``items``, in order, on up to ``workers`` forked processes that
    see ``shared`` as ``shared()`` (or here, when one process is enough or the platform does
    not fork). Items are units of work fixed in advance: results do not depend on ``workers``."""
    global _shared
    _shared = shared
    try:
        if workers < 2 or len(items) < 2 or not can_fork():
            yield from map(function, items)
            return
        with multiprocessing.get_context("fork").Pool(min(workers, len(items))) as pool:
            yield from pool.imap(function, items)
    finally:
        _shared = None
