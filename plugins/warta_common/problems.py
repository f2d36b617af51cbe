"""Collect content problems during a build and stop the build before anything is written.

Every plugin reports problems here instead of raising, so that one run lists every problem
of the whole site. ``content_schema`` stops the build at Pelican's ``get_writer`` signal,
which fires after all content is read and finalised and before the first file is written.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

ERROR = "error"
WARNING = "warning"
# Information an editor should see (an article held back until its date), never a failure.
NOTE = "note"


@dataclass(frozen=True)
class Problem:
    path: str
    field: str
    message: str
    severity: str = ERROR
    # Other files the problem involves (the file that already uses a slug or a title), so
    # that a check of a few changed files also sees a clash they cause elsewhere.
    related: tuple[str, ...] = ()

    def __str__(self) -> str:
        where = f"{self.path}: {self.field}: " if self.field else f"{self.path}: "
        prefix = "" if self.severity == ERROR else f"{self.severity}: "
        return f"{prefix}{where}{self.message}"

    @property
    def detail(self) -> str:
        """The problem without its file name, for a report grouped by file."""
        return f"{self.field}: {self.message}" if self.field else self.message


class ContentErrors(SystemExit):
    """Raised to stop a build with content errors.

    A ``SystemExit`` so that Pelican's own command line exits with status 1 without
    printing a traceback: the problems were already printed as one line each.
    """

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(1)
        self.problems = problems


class CheckFinished(SystemExit):
    """Raised in check-only mode once every content file was validated without errors."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(0)
        self.problems = problems


_problems: list[Problem] = []
_unreadable: set[str] = set()


def display_path(source_path: str | os.PathLike) -> str:
    """The path as an editor typed it: relative to the working directory when inside it."""
    path = Path(source_path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def reset() -> None:
    _problems.clear()
    _unreadable.clear()


def report(
    source_path: str | os.PathLike,
    field: str,
    message: str,
    *,
    warning: bool = False,
    note: bool = False,
    related: tuple[str | os.PathLike, ...] = (),
) -> None:
    severity = WARNING if warning else NOTE if note else ERROR
    involved = tuple(display_path(path) for path in related)
    problem = Problem(display_path(source_path), field, message, severity, involved)
    if problem not in _problems:
        _problems.append(problem)


def mark_unreadable(source_path: str | os.PathLike) -> None:
    """Remember a file whose text could not be read, so field checks do not pile up on it."""
    _unreadable.add(display_path(source_path))


def is_unreadable(source_path: str | os.PathLike) -> bool:
    return display_path(source_path) in _unreadable


def collected() -> list[Problem]:
    """All problems so far, grouped by file in a stable order."""
    order = {path: index for index, path in enumerate(sorted({p.path for p in _problems}))}
    return sorted(_problems, key=lambda p: order[p.path])


def errors() -> list[Problem]:
    return [p for p in collected() if p.severity == ERROR]


def print_report(problems: list[Problem], stream=None) -> None:
    stream = stream or sys.stderr
    for problem in problems:
        print(problem, file=stream)
    error_count = sum(p.severity == ERROR for p in problems)
    if error_count:
        files = len({p.path for p in problems if p.severity == ERROR})
        noun = "problem" if error_count == 1 else "problems"
        print(f"{error_count} content {noun} in {files} file(s); nothing was written.", file=stream)
