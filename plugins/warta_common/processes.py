"""Rendering a batch of outputs on every core, in forked processes that share the build's memory.

Pelican renders one page after another on one core. :func:`render_split` shares a batch out:
the build process renders every n-th item, each of n−1 forked children renders its own
share, writes its files and reports what it did (the caller's bookkeeping) back through a
pipe. A fork shares the whole build's objects without copying or pickling them, so the
outputs come out exactly as they would in one process. Used for the articles generator's
pages (``unchanged_output``) and for the feeds (``feeds``).

:class:`Background` runs one piece of work in a forked child while the build goes on (the
search index, while the feeds are written), and hands back what it returned.

A child never returns into the build: whatever happens, it ends with ``os._exit``.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import pickle
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Any

from warta_common.cores import can_fork, usable_cores

SETTING = "WARTA_RENDER_PROCESSES"


class RenderingFailed(Exception):
    """A child process failed to render its share, or to do its work; the message is its
    traceback."""


def process_count(settings: dict) -> int:
    """How many processes render: the setting, or one per usable core; one where forking is unsafe."""
    if not can_fork():
        return 1
    wanted = settings.get(SETTING)
    return max(1, int(wanted) if wanted else usable_cores())


def render_split(
    calls: Sequence[Any],
    render: Callable[[Any], None],
    report: Callable[[], Any],
    merge: Callable[[Any], None],
    processes: int,
) -> None:
    """``render`` each of ``calls``, shared out among ``processes`` processes. Each child's
    ``report()`` after its share is handed to ``merge`` in this process."""
    processes = min(processes, len(calls))
    if processes < 2:
        for call in calls:
            render(call)
        return
    children = [
        _fork(functools.partial(_render_share, calls[share::processes], render, report))
        for share in range(1, processes)
    ]
    try:
        for call in calls[::processes]:
            render(call)
    finally:
        # Even when this process failed: no child may go on writing into a folder the build
        # is about to remove.
        outcomes = [_wait(child) for child in children]
    for kind, detail in outcomes:
        if kind == "failed":
            raise RenderingFailed(detail)
        merge(detail)


def _render_share(calls: Sequence[Any], render: Callable[[Any], None], report: Callable[[], Any]) -> Any:
    for call in calls:
        render(call)
    return report()


# Background children not waited for yet.
_running: dict[int, Background] = {}


class Background:
    """``work()`` in a forked child, started now; :meth:`wait` returns what it returned."""

    def __init__(self, work: Callable[[], Any]) -> None:
        self._child = _fork(work)
        _running[self._child[0]] = self

    def wait(self) -> Any:
        """Wait for the child; raises RenderingFailed with its traceback if the work failed."""
        _running.pop(self._child[0], None)
        kind, detail = _wait(self._child)
        if kind == "failed":
            raise RenderingFailed(detail)
        return detail


def finish_background() -> None:
    """Wait for the background children nobody else will wait for, as the build failed
    meanwhile, and drop what they did. Not killed: a child's own children (Pagefind) and
    its temporary files would outlive it, in and beside a folder the build removes."""
    for running in list(_running.values()):
        with contextlib.suppress(RenderingFailed):
            running.wait()


# Pelican's own command line exits when a build fails: not before the children are done.
atexit.register(finish_background)


def _fork(work: Callable[[], Any]) -> tuple[int, int]:
    reader, writer = os.pipe()
    # What this process buffered would otherwise be printed twice.
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.close(reader)
        status = 1
        try:
            outcome = ("done", work())
            status = 0
        except BaseException:
            outcome = ("failed", traceback.format_exc())
        try:
            with os.fdopen(writer, "wb") as stream:
                pickle.dump(outcome, stream, protocol=pickle.HIGHEST_PROTOCOL)
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(status)
    os.close(writer)
    return pid, reader


def _wait(child: tuple[int, int]) -> tuple[str, Any]:
    pid, reader = child
    with os.fdopen(reader, "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        return (
            "failed",
            f"the child process ended without a report (status {os.waitstatus_to_exitcode(status)})",
        )
    return pickle.loads(data)
