"""The built site as files to upload: key, content hash, Content-Type and Cache-Control."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .config import DeployConfig

# Types the platform's mimetypes table may lack or get wrong; by file extension.
_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".xsl": "application/xslt+xml",
    ".txt": "text/plain",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".wasm": "application/wasm",
}
# A feed saved as .xml is told apart by its root element.
_XML_ROOTS = {b"<feed": "application/atom+xml", b"<rss": "application/rss+xml"}
_TEXT_TYPES = ("text/", "application/json", "application/manifest+json", "application/xslt+xml")
_TEXT_SUFFIXES = ("+xml", "/xml", "+json")


@dataclass(frozen=True)
class LocalFile:
    key: str
    path: Path
    md5: str
    size: int
    content_type: str
    cache_control: str

    def read(self) -> bytes:
        return self.path.read_bytes()


def content_type(key: str, head: bytes = b"") -> str:
    """The Content-Type header, with ``charset=utf-8`` for text (Warta writes UTF-8 only)."""
    suffix = PurePosixPath(key).suffix.lower()
    kind = _TYPES.get(suffix) or mimetypes.guess_type(key, strict=False)[0] or "application/octet-stream"
    if kind == "application/xml":
        kind = next((t for root, t in _XML_ROOTS.items() if root in head), kind)
    if kind.startswith(_TEXT_TYPES) or kind.endswith(_TEXT_SUFFIXES):
        return f"{kind}; charset=utf-8"
    return kind


def scan(output: Path, config: DeployConfig) -> dict[str, LocalFile]:
    """Every file of the built site, by its key (its path in the site, ``berita/x/index.html``)."""
    files = {}
    for path in sorted(output.rglob("*")):
        if not path.is_file():
            continue
        key = path.relative_to(output).as_posix()
        data = path.read_bytes()
        files[key] = LocalFile(
            key=key,
            path=path,
            md5=hashlib.md5(data, usedforsecurity=False).hexdigest(),
            size=len(data),
            content_type=content_type(key, data[:512]),
            cache_control=config.cache_control(key),
        )
    return files
