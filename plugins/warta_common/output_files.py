"""Comparing and replacing output files so that unchanged files are never rewritten.

When a build writes into a staging folder (``warta.build``), a file whose published copy is
unchanged is not put there at all: :func:`link_published` records that the published file
stands for it, and publishing leaves it where it is. A file written into the staging folder
wins over a published one recorded for the same place.
"""

from __future__ import annotations

import filecmp
import os
import tempfile
from pathlib import Path

# New files get the permissions open() would give them (mkstemp makes them private).
_UMASK = os.umask(0)
os.umask(_UMASK)
_FILE_MODE = 0o666 & ~_UMASK
FOLDER_MODE = 0o777 & ~_UMASK


def same_bytes(path: Path, data: bytes) -> bool:
    """True when ``path`` is a file holding exactly ``data``."""
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return False


def same_file_contents(first: Path, second: Path) -> bool:
    """True when both are files with the same bytes (a hard link to the other counts)."""
    try:
        if os.path.samefile(first, second):
            return True
    except FileNotFoundError:
        return False
    return second.is_file() and filecmp.cmp(first, second, shallow=False)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` so that readers see the old file or the new one, never half."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except (FileNotFoundError, NotADirectoryError):
        make_parent(path)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, _FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def make_parent(path: Path) -> None:
    """Create ``path``'s folder, removing a file that stands where a folder must be."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocking = next(p for p in reversed(path.parents) if p.exists() and not p.is_dir())
        blocking.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)


# Staging path → the published file that stands for it (see link_published).
_kept: dict[str, str] = {}


def file_stat(path: Path) -> tuple[int, int] | None:
    """Size and modification time (ns) of ``path`` (or of the published file kept for it):
    a file published earlier is trusted unchanged only while both are as recorded."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        if str(path) not in _kept:
            return None
        return file_stat(Path(_kept[str(path)]))
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def link_published(published: str | os.PathLike, path: str | os.PathLike) -> None:
    """Let the published file stand at ``path`` in a staging folder: it stays where it is,
    and publishing keeps it (a folder and a link for each of 10,000 unchanged pages would
    cost seconds)."""
    _kept[os.fspath(path)] = os.fspath(published)


def kept_files() -> dict[str, str]:
    """Staging paths that published files stand for, with those files."""
    return dict(_kept)


def keep_files(kept: dict[str, str]) -> None:
    """Record what another process (a rendering child) recorded with link_published."""
    _kept.update(kept)


def forget_kept_files() -> None:
    """At the start of a build into a new staging folder."""
    _kept.clear()


def built_files(site: Path, folder: str = "") -> dict[str, Path]:
    """Every file under ``folder`` of the site being built in ``site``, by its path relative to
    ``site``: written there, or the published file kept for it."""
    found = {}
    prefix = os.path.join(os.path.abspath(site), "")
    wanted = os.path.join(prefix, folder, "") if folder else prefix
    for path, published in _kept.items():
        if path.startswith(wanted):
            found[path[len(prefix) :].replace(os.sep, "/")] = Path(published)
    for path in (site / folder).rglob("*"):
        if path.is_file():
            found[path.relative_to(site).as_posix()] = path
    return found


def built_file(path: Path) -> Path:
    """The file at ``path`` in a staging folder: written there, or the published one kept for it."""
    kept = _kept.get(str(path))
    return Path(kept) if kept is not None and not path.exists() else path


def keep_or_write(path: Path, published: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` unless the published file already holds it.

    ``path`` is in the build's output folder; ``published`` is the same file in the folder
    readers are served from (the same path when Pelican writes there directly). An
    unchanged published file is kept where it is (see link_published), so it keeps its
    bytes, inode and modification time.
    """
    if same_bytes(published, data):
        if path != published:
            link_published(published, path)
    elif path != published:
        # Never write into a file that is there already: it may be a hard link elsewhere.
        path.unlink(missing_ok=True)
        make_parent(path)
        path.write_bytes(data)
    else:
        write_atomically(path, data)
