"""The report of ``invoke check``: every problem, grouped by file, errors first."""

from __future__ import annotations

import sys
from collections import defaultdict
from typing import TextIO

from warta_common.problems import ERROR, NOTE, WARNING, Problem

_ORDER = {ERROR: 0, WARNING: 1, NOTE: 2}
_LABEL_WIDTH = max(len(label) for label in _ORDER)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def summary_line(problems: list[Problem]) -> str:
    errors = sum(p.severity == ERROR for p in problems)
    warnings = sum(p.severity == WARNING for p in problems)
    notes = sum(p.severity == NOTE for p in problems)
    files = len({p.path for p in problems})
    counts = ", ".join((_count(errors, "error"), _count(warnings, "warning"), _count(notes, "note")))
    if errors:
        return f"{counts} in {_count(files, 'file')}. Fix the errors: the site cannot be built with them."
    if problems:
        return f"All content is valid: {counts} in {_count(files, 'file')}."
    return "All content is valid: no problems."


def print_grouped(problems: list[Problem], stream: TextIO | None = None) -> None:
    stream = stream or sys.stderr
    by_file: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        by_file[problem.path].append(problem)
    for path in sorted(by_file):
        print(path, file=stream)
        for problem in sorted(by_file[path], key=lambda p: _ORDER[p.severity]):
            print(f"  {problem.severity:<{_LABEL_WIDTH}}  {problem.detail}", file=stream)
        print(file=stream)
    print(summary_line(problems), file=stream)
