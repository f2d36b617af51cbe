"""Files in ``CACHE_PATH`` that keep work from one build for the next (converted Markdown,
linked citations). Each is a pickled dict keyed by a digest of its inputs, written whole
and atomically, so builds that share a cache folder only ever lose entries; or, for work
of which a build needs only a few pieces, an :class:`EntryFolder` with a file per entry."""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path


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
    return Path(settings["CACHE_PATH"]) / f"warta-{kind}-{digest(*fingerprint)[:16]}.pickle"


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
    return EntryFolder(Path(settings["CACHE_PATH"]) / f"warta-{kind}-{digest(*fingerprint)[:16]}")
