"""How long ``invoke check`` takes on the sample site, against a full build in the same run.

Run: ``python benchmarks/check_speed.py [repeats]``. Both are run as an editor runs them
(a fresh ``python -m invoke`` process), so the figures include interpreter start-up; the
median of the repeats is reported. The goal: the check stays under 3 s, and cheaper than
the build it stands in for.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _seconds(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def main(repeats: int = 5) -> None:
    with tempfile.TemporaryDirectory(prefix="warta-bench-") as scratch:
        # A copy, so that the build does not replace the working tree's output/.
        project = Path(scratch) / "warta"
        shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", ".venv", "output", "cache"))
        invoke = [sys.executable, "-m", "invoke"]
        build = [_seconds([*invoke, "build"], project) for _ in range(repeats)]
        check = [_seconds([*invoke, "check"], project) for _ in range(repeats)]
    build_median, check_median = statistics.median(build), statistics.median(check)
    print(f"baseline  invoke build (sample site): {build_median:.2f} s (median of {repeats})")
    print(f"measured  invoke check (sample site): {check_median:.2f} s (median of {repeats})")
    print(f"ratio     check / build: {check_median / build_median:.2f}")
    print(f"goal      check under 3 s: {'met' if check_median < 3 else 'NOT met'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
