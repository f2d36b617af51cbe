"""Content-hashed file names: ``name.<hash>.ext``.

A fingerprinted file never changes under its name, so it can be cached for a year as
immutable. Theme assets (``fingerprint`` plugin) and resized images use this naming, and the
deploy recognises it with :func:`is_fingerprinted`.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePosixPath

HASH_LENGTH = 10
# Searched in a path: ".<8 or more hex digits>.<extension>" at the end of the name.
FINGERPRINTED_NAME = r"\.[0-9a-f]{8,}\.[A-Za-z0-9]+$"
_FINGERPRINTED = re.compile(FINGERPRINTED_NAME)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def fingerprinted(path: str, data: bytes) -> str:
    """``css/warta.css`` → ``css/warta.3f2a9c1d0b.css`` (the hash of ``data``)."""
    pure = PurePosixPath(path)
    return str(pure.with_name(f"{pure.stem}.{content_hash(data)}{pure.suffix}"))


def is_fingerprinted(path: str) -> bool:
    return bool(_FINGERPRINTED.search(PurePosixPath(path).name))
