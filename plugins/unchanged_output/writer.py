"""A Pelican writer that compares each rendered file with the published one before writing."""

from __future__ import annotations

import io
import os
from pathlib import Path

from pelican.writers import Writer

from warta_common.output_files import same_bytes, write_atomically


class _ComparedFile(io.StringIO):
    """Collects what Pelican writes; on close, keeps or replaces the file at ``path``."""

    def __init__(self, path: str, published: str, encoding: str) -> None:
        super().__init__()
        self._path, self._published, self._encoding = path, published, encoding

    def close(self) -> None:
        if not self.closed:
            data = self.getvalue().encode(self._encoding)
            super().close()
            _keep_or_write(Path(self._path), Path(self._published), data)


def _keep_or_write(path: Path, published: Path, data: bytes) -> None:
    if same_bytes(published, data):
        if path != published:
            path.unlink(missing_ok=True)
            os.link(published, path)
        return
    write_atomically(path, data)


class UnchangedFilesWriter(Writer):
    """Pelican's writer, except that an unchanged file keeps its bytes and modification time."""

    def __init__(self, output_path, settings=None) -> None:
        super().__init__(output_path, settings=settings)
        published = (settings or {}).get("WARTA_PUBLISHED_OUTPUT")
        self._published_root = os.path.realpath(published or output_path)
        self._output_root = os.path.realpath(output_path)

    def _published_path(self, filename: str) -> str:
        relative = os.path.relpath(os.path.realpath(filename), self._output_root)
        return os.path.join(self._published_root, relative)

    def _open_w(self, filename, encoding, override=False):
        if filename in self._overridden_files or (filename in self._written_files and not override):
            # Pelican skips the file (opens os.devnull) or refuses to write it twice.
            return super()._open_w(filename, encoding, override)
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _ComparedFile(filename, self._published_path(filename), encoding)
