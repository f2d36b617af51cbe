"""Comparing and replacing output files so that unchanged files are never rewritten."""

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


def file_stat(path: Path) -> tuple[int, int] | None:
    """Size and modification time (ns) of ``path``: a file published earlier is trusted
    unchanged only while both are as recorded."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def link_published(published: Path, path: Path) -> None:
    """Put the published file itself at ``path`` in a staging folder (a hard link)."""
    path.unlink(missing_ok=True)
    make_parent(path)
    os.link(published, path)


def keep_or_write(path: Path, published: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` unless the published file already holds it.

    ``path`` is in the build's output folder; ``published`` is the same file in the folder
    readers are served from (the same path when Pelican writes there directly). An
    unchanged published file is kept — hard-linked into a staging folder — so it keeps its
    bytes, inode and modification time.
    """
    if same_bytes(published, data):
        if path != published:
            link_published(published, path)
    elif path != published:
        # A file in a staging folder may be a link to the published one: never write into it.
        path.unlink(missing_ok=True)
        make_parent(path)
        path.write_bytes(data)
    else:
        write_atomically(path, data)
