"""Build the site into a staging folder and swap it in only when the build succeeded.

A content error stops Pelican before it writes anything (see ``content_schema``); the
staging folder is then removed and the previous ``output/`` stays exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from pelican import Pelican
from pelican.log import console
from pelican.log import init as init_logging
from pelican.settings import read_settings

from warta_common.problems import CheckFinished, ContentErrors, Problem


@dataclass
class BuildResult:
    ok: bool
    output: Path | None = None
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    seconds: float = 0.0


def load_settings(settings_file: str | os.PathLike = "pelicanconf.py", overrides: dict | None = None) -> dict:
    return read_settings(str(settings_file), override=overrides or {})


def _quiet_logging(verbose: bool) -> None:
    init_logging(level=logging.INFO if verbose else logging.WARNING, name="pelican")
    # Pelican prints its "Done: Processed …" summary on its console; our tasks print their own.
    console.quiet = not verbose


def _run(settings: dict) -> list[Problem]:
    """Run Pelican once; return the warnings it left, or raise ContentErrors."""
    try:
        Pelican(settings).run()
    except CheckFinished as finished:
        return finished.problems
    return []


def _swap_in(staging: Path, output: Path) -> None:
    retired = output.with_name(f".{output.name}.old-{os.getpid()}")
    if output.exists():
        output.rename(retired)
    staging.rename(output)
    shutil.rmtree(retired, ignore_errors=True)


def build(
    settings_file: str | os.PathLike = "pelicanconf.py",
    output: str | os.PathLike | None = None,
    *,
    overrides: dict | None = None,
    verbose: bool = False,
) -> BuildResult:
    """Build the site; on success the new site replaces ``output`` whole."""
    _quiet_logging(verbose)
    started = time.perf_counter()
    settings = load_settings(settings_file, overrides)
    target = Path(output or settings["OUTPUT_PATH"]).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    settings["OUTPUT_PATH"] = str(staging)
    try:
        _run(settings)
    except ContentErrors as failure:
        shutil.rmtree(staging, ignore_errors=True)
        return BuildResult(False, problems=failure.problems, seconds=time.perf_counter() - started)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    files = sum(len(names) for _, _, names in os.walk(staging))
    _swap_in(staging, target)
    return BuildResult(True, target, files=files, seconds=time.perf_counter() - started)


def check(
    settings_file: str | os.PathLike = "pelicanconf.py", *, overrides: dict | None = None
) -> BuildResult:
    """Validate every content file and write nothing."""
    _quiet_logging(False)
    started = time.perf_counter()
    settings = load_settings(settings_file, {**(overrides or {}), "WARTA_CHECK_ONLY": True})
    with tempfile.TemporaryDirectory(prefix="warta-check-") as scratch:
        settings["OUTPUT_PATH"] = scratch
        try:
            warnings = _run(settings)
        except ContentErrors as failure:
            return BuildResult(False, problems=failure.problems, seconds=time.perf_counter() - started)
    return BuildResult(True, problems=warnings, seconds=time.perf_counter() - started)
