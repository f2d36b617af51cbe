"""How long ``invoke check`` takes, and what the editorial checks add to it.

Run: ``python -m benchmarks.check_speed [repeats] [articles]``. Two measurements, each the
median of the repeats, each against a baseline measured in the same run:

1. ``invoke check`` on the sample site as an editor runs it (a fresh process, Python's
   start-up included), against ``invoke build`` of the same site. Goal: under 3 s.
2. The validation of a synthetic corpus (``benchmarks.corpus``) in process, with and
   without the ``content_checks`` plugin: the share the link, alt-text, title and summary
   checks add to a check of a large site.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import generate
from warta.build import check, load_settings

ROOT = Path(__file__).resolve().parent.parent


def _seconds(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def _median(measure, repeats: int) -> float:
    return statistics.median(measure() for _ in range(repeats))


def sample_site(repeats: int, scratch: Path) -> None:
    # A copy, so that the build does not replace the working tree's output/.
    project = scratch / "warta"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", ".venv", "output", "cache"))
    invoke = [sys.executable, "-m", "invoke"]
    build = _median(lambda: _seconds([*invoke, "build"], project), repeats)
    checked = _median(lambda: _seconds([*invoke, "check"], project), repeats)
    print(f"baseline  invoke build, sample site: {build:.2f} s")
    print(f"measured  invoke check, sample site: {checked:.2f} s")
    print(f"ratio     check / build: {checked / build:.2f}")
    print(f"goal      check under 3 s: {'met' if checked < 3 else 'NOT met'}")


def _check_seconds(content: Path, plugins: list[str] | None) -> float:
    """One check in this process; Pelican's signals are process-wide, so each variant of
    the plugin list runs in a process of its own."""
    overrides = {"PATH": str(content), **({"PLUGINS": plugins} if plugins is not None else {})}
    started = time.perf_counter()
    check(ROOT / "pelicanconf.py", overrides=overrides)
    return time.perf_counter() - started


def _child(content: Path, variant: str) -> float:
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.check_speed", "--child", str(content), variant],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return float(run.stdout.split()[-1])


def corpus(repeats: int, articles: int, scratch: Path) -> None:
    content = generate(scratch / "corpus", articles)
    _child(content, "with")  # warm-up: the file system cache
    baseline = _median(lambda: _child(content, "without"), repeats)
    measured = _median(lambda: _child(content, "with"), repeats)
    print(f"baseline  check without content_checks, {articles} articles: {baseline:.2f} s")
    print(f"measured  check with content_checks, {articles} articles: {measured:.2f} s")
    print(f"ratio     with / without: {measured / baseline:.2f}")


def main(repeats: int = 5, articles: int = 2000) -> None:
    with tempfile.TemporaryDirectory(prefix="warta-bench-") as scratch:
        sample_site(repeats, Path(scratch))
        corpus(repeats, articles, Path(scratch))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        plugins = load_settings(ROOT / "pelicanconf.py")["PLUGINS"]
        without = [name for name in plugins if name != "content_checks"]
        print(_check_seconds(Path(sys.argv[2]), without if sys.argv[3] == "without" else None))
    else:
        main(*(int(argument) for argument in sys.argv[1:3]))
