"""Work that runs beside Pelican's page rendering, on the second core.

Pelican renders pages on one core. A step that needs only the finished content (not the
written pages) — the feeds — can run meanwhile in a forked process that shares the
build's memory: :func:`start` forks it, :meth:`Background.wait` waits for it and raises
in the build what the step raised in the child (content errors keep their problems).

Forking is safe only where the platform forks (Linux); elsewhere, and when
``WARTA_BACKGROUND_WORK`` is off, the step runs in the build process when waited for.
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from collections.abc import Callable

from warta_common.problems import ContentErrors

SETTING = "WARTA_BACKGROUND_WORK"


class BackgroundFailed(Exception):
    """The step failed in the child without content errors; the message says how."""


def can_fork(settings: dict) -> bool:
    return bool(settings.get(SETTING, True)) and sys.platform.startswith("linux") and hasattr(os, "fork")


class Background:
    """One step, running in a child process or waiting to run in this one."""

    def __init__(self, step: Callable[[], None], settings: dict) -> None:
        self._step = step
        self._pid: int | None = None
        self._reader: int | None = None
        if can_fork(settings):
            self._fork()

    def _fork(self) -> None:
        reader, writer = os.pipe()
        # Whatever this process buffered would otherwise be printed twice.
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            os.close(reader)
            os._exit(_run_in_child(self._step, writer))
        os.close(writer)
        self._pid, self._reader = pid, reader

    def wait(self) -> None:
        """Return when the step is done; raise what it raised."""
        if self._pid is None:
            self._step()
            return
        with os.fdopen(self._reader, "rb") as stream:
            report = stream.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if report:
            kind, detail = pickle.loads(report)
            if kind == "problems":
                raise ContentErrors(detail)
            raise BackgroundFailed(detail)
        if os.waitstatus_to_exitcode(status) != 0:
            raise BackgroundFailed(f"the background step ended with status {os.waitstatus_to_exitcode(status)}")


def _run_in_child(step: Callable[[], None], writer: int) -> int:
    """Run ``step``; report a failure through ``writer``. Never returns into the build."""
    with os.fdopen(writer, "wb") as stream:
        try:
            step()
        except ContentErrors as errors:
            stream.write(pickle.dumps(("problems", errors.problems)))
            return 1
        except BaseException:
            stream.write(pickle.dumps(("failure", traceback.format_exc())))
            return 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
    return 0
