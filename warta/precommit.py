"""The pre-commit hook: validate the whole site, report what the commit's files are part of.

``pre-commit`` passes the changed content files. The whole site is checked, because a
change in one file can break another (a title or slug that is now used twice, a link to a
file that moved); the hook fails on an error in a changed file and on an error elsewhere
that involves a changed file (the other half of a duplicate). Errors that were there
before and have nothing to do with the commit are counted, not blocking: ``invoke check``
shows them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from warta.build import check
from warta.report import print_grouped
from warta_common.problems import ERROR, Problem, display_path


def involved(problem: Problem, changed: set[str]) -> bool:
    # Problems that belong to no file (a setting) concern every commit.
    if problem.path.startswith("("):
        return True
    return problem.path in changed or bool(changed.intersection(problem.related))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="changed content files")
    parser.add_argument("--settings", default="pelicanconf.py", help="settings file")
    options = parser.parse_args(argv)
    changed = {display_path(path) for path in options.files}
    result = check(Path(options.settings))
    mine = [p for p in result.problems if involved(p, changed)]
    elsewhere = [p for p in result.problems if p not in mine and p.severity == ERROR]
    if mine:
        print_grouped(mine, sys.stderr)
    if elsewhere:
        files = len({p.path for p in elsewhere})
        print(
            f"({len(elsewhere)} other error(s) in {files} file(s) not in this commit:"
            " run `invoke check` to see them.)",
            file=sys.stderr,
        )
    return 1 if any(p.severity == ERROR for p in mine) else 0


if __name__ == "__main__":
    sys.exit(main())
