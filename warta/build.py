"""Build the site into a staging folder and publish it only when the build succeeded.

A content error stops Pelican before it writes anything (see ``content_schema``); the
staging folder is then removed and the previous ``output/`` stays exactly as it was.

Publishing is incremental. The staging folder holds only what the build wrote: a file
whose published copy is unchanged is not put there, the build records that the published
file stands for it (``warta_common.output_files.link_published``). Publishing then moves
new and changed files into ``output/``, one atomic rename each, leaves the kept ones as
they are and removes files the build no longer produces. Unchanged files keep their bytes
and modification time, so a deploy uploads nothing for them.

A step that runs on the staging folder must therefore find a file through
``output_files.built_file`` (it may be the published one), and write new files rather than
rewrite one in place (``output_files.write_atomically``).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from pelican import Pelican
from pelican.log import console
from pelican.log import init as init_logging
from pelican.settings import read_settings

from warta_common.output_files import (
    FOLDER_MODE,
    forget_kept_files,
    kept_files,
    make_parent,
    same_file_contents,
)
from warta_common.problems import CheckFinished, ContentErrors, Problem
from warta_common.processes import finish_background


@dataclass
class BuildResult:
    ok: bool
    output: Path | None = None
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    seconds: float = 0.0
    # Files moved into the output folder because they are new or changed, and files removed.
    written: int = 0
    removed: int = 0


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


@dataclass
class _Published:
    files: int
    written: int
    removed: int


def _files(folder: str, relative: str = "") -> dict[str, os.DirEntry]:
    """Every file under ``folder``, by its path relative to it."""
    found = {}
    with os.scandir(folder) as entries:
        for entry in entries:
            path = f"{relative}{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                found.update(_files(entry.path, f"{path}/"))
            else:
                found[path] = entry
    return found


def _relative_to(folder: Path, paths) -> set[str]:
    prefix = os.path.join(str(folder), "")
    return {
        path[len(prefix) :] if path.startswith(prefix) else os.path.relpath(path, folder) for path in paths
    }


def _same_file(built: os.DirEntry, published: os.DirEntry | None) -> bool:
    if published is None:
        return False
    if built.inode() == published.inode() and built.stat().st_dev == published.stat().st_dev:
        return True
    return same_file_contents(Path(built.path), Path(published.path))


def _remove_empty_folders(output: Path, folder: Path) -> None:
    """Remove ``folder`` (relative to ``output``) and its parents while they are empty."""
    while folder.parts and (output / folder).is_dir() and not any((output / folder).iterdir()):
        (output / folder).rmdir()
        folder = folder.parent


def _publish(staging: Path, output: Path) -> _Published:
    """Move new and changed files from ``staging`` into ``output``; remove what is gone.
    Published files that the build kept (``link_published``) stay as they are."""
    built, published = _files(str(staging)), _files(str(output))
    kept = _relative_to(staging, kept_files()) - set(built)
    written = 0
    for relative, entry in built.items():
        if _same_file(entry, published.get(relative)):
            continue
        destination = output / relative
        if destination.is_dir() and not destination.is_symlink():
            shutil.rmtree(destination)
        make_parent(destination)
        os.replace(entry.path, destination)
        written += 1
    gone = [relative for relative in published if relative not in built and relative not in kept]
    for relative in gone:
        (output / relative).unlink(missing_ok=True)
    for relative in gone:
        _remove_empty_folders(output, Path(relative).parent)
    return _Published(len(built) + len(kept), written, len(gone))


_REMOVE_FOLDERS = "import shutil, sys\nfor folder in sys.argv[1:]: shutil.rmtree(folder, ignore_errors=True)"


def _remove_later(staging: Path, cache: str | None) -> None:
    """Remove a published staging folder without waiting for it. It still holds the
    folders of every file it published: after a change to the theme, one for every page
    (a 10,000-article site has some 17,000), and removing them takes seconds. A process of
    its own removes it (and any an interrupted one left) from the cache folder. Without a
    cache folder on the same disk it is removed here."""
    if not cache:
        shutil.rmtree(staging, ignore_errors=True)
        return
    trash = Path(cache, "removing")
    try:
        trash.mkdir(parents=True, exist_ok=True)
        staging.rename(Path(tempfile.mkdtemp(dir=trash)) / "site")
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        return
    subprocess.Popen(
        [sys.executable, "-c", _REMOVE_FOLDERS, *map(str, trash.iterdir())],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def build(
    settings_file: str | os.PathLike = "pelicanconf.py",
    output: str | os.PathLike | None = None,
    *,
    overrides: dict | None = None,
    verbose: bool = False,
) -> BuildResult:
    """Build the site; on success its new and changed files are published into ``output``."""
    _quiet_logging(verbose)
    started = time.perf_counter()
    settings = load_settings(settings_file, overrides)
    target = Path(output or settings["OUTPUT_PATH"]).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    # mkdtemp makes a private folder; it becomes output/ on a first build.
    staging.chmod(FOLDER_MODE)
    settings["OUTPUT_PATH"] = str(staging)
    forget_kept_files()
    settings["WARTA_PUBLISHED_OUTPUT"] = str(target)
    try:
        _run(settings)
    except ContentErrors as failure:
        finish_background()
        shutil.rmtree(staging, ignore_errors=True)
        return BuildResult(False, problems=failure.problems, seconds=time.perf_counter() - started)
    except BaseException:
        finish_background()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if target.exists():
        published = _publish(staging, target)
        _remove_later(staging, settings.get("CACHE_PATH"))
    else:
        staging.rename(target)
        files = sum(len(names) for _, _, names in os.walk(target))
        published = _Published(files, files, 0)
    return BuildResult(
        True,
        target,
        files=published.files,
        seconds=time.perf_counter() - started,
        written=published.written,
        removed=published.removed,
    )


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
