"""Files in ``CACHE_PATH`` that keep work from one build for the next (converted Markdown,
linked citations). Each is a pickled dict keyed by a digest of its inputs, written whole
and atomically, so builds that share a cache folder only ever lose entries; or, for work
of which a build needs only a few pieces, an :class:`EntryFolder` with a file per entry.

A build marks the kept work it uses (:func:`in_use`): its modification time is then the
time of its last use, which :func:`remove_unused` reads."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import shutil
import time
from pathlib import Path

SECONDS_PER_DAY = 86400
# Kept work: ``warta-<kind>-<digest>`` files and entry folders, and the temporary files of
# saves that a killed build left (``.warta-<kind>-<digest>.pickle.<pid>``).
KEPT_WORK = re.compile(r"\.?warta-[a-z-]+-[0-9a-f]{16}(?:\.pickle|\.json)?(?:\.\d+)?")


def enabled(settings: dict) -> bool:
    return bool(settings.get("WARTA_BUILD_CACHE") and settings.get("CACHE_PATH"))


def digest(*parts: str | bytes) -> str:
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def cache_file(settings: dict, kind: str, *fingerprint: str | bytes) -> Path:
    """The cache file for ``kind`` of work done under the given fingerprint (settings, code)."""
    return in_use(Path(settings["CACHE_PATH"]) / f"warta-{kind}-{digest(*fingerprint)[:16]}.pickle")


def in_use(path: Path, stat: os.stat_result | None = None) -> Path:
    """``path``, marked as used by this build (its modification time is now) if it exists.
    With ``stat``, a file marked within the last day is left as it is: a build may use tens
    of thousands of image variants, and ages are counted in days."""
    if stat is not None and stat.st_mtime > time.time() - SECONDS_PER_DAY:
        return path
    with contextlib.suppress(OSError):
        os.utime(path)
    return path


def remove_unused(folder: Path, max_age: float, names: re.Pattern | None = None) -> list[str]:
    """Remove what in ``folder`` (only the names ``names`` matches whole) was last used more
    than ``max_age`` seconds ago; returns the names removed."""
    oldest = time.time() - max_age
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if names is not None and not names.fullmatch(entry.name):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_mtime >= oldest:
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
        except OSError:
            continue
        removed.append(entry.name)
    return sorted(removed)


# What reading a kept file may raise when it is missing, cut off or from other code: the
# work is then done again.
_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError, TypeError)


def _unpickled(path: Path) -> object | None:
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    except _UNREADABLE:
        return None


def load(path: Path) -> dict:
    loaded = _unpickled(path)
    return loaded if isinstance(loaded, dict) else {}


def save(path: Path, entries: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    with temporary.open("wb") as stream:
        pickle.dump(entries, stream, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


def code_fingerprint(package_file: str) -> bytes:
    """The source of the package that ``package_file`` belongs to: changing the code that
    produced an entry makes a new cache file."""
    folder = Path(package_file).parent
    return b"".join(path.read_bytes() for path in sorted(folder.glob("*.py")))


class EntryFolder:
    """Entries kept one file each, named by the digest of their inputs: a build reads and
    writes only the entries it needs, never the whole set. Each file is written atomically,
    so a reader sees a whole entry or none."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str) -> object | None:
        return _unpickled(self._path(key))

    def put(self, key: str, value: object) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(key)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        with temporary.open("wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)


def entry_folder(settings: dict, kind: str, *fingerprint: str | bytes) -> EntryFolder:
    """The entry folder for ``kind`` of work done under the given fingerprint (settings, code)."""
    return EntryFolder(in_use(Path(settings["CACHE_PATH"]) / f"warta-{kind}-{digest(*fingerprint)[:16]}"))
