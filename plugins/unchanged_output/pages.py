"""What the previous build rendered: each page's fingerprint and the files it wrote.

Kept in ``CACHE_PATH``, one file per published folder. A page is reused only when its
fingerprint is the same *and* every file it wrote is still in the published folder with
the size and modification time recorded, so a published folder changed by anything else
(a failed publish, a hand edit, ``invoke clean``) is rendered again.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from warta_common import build_cache

VERSION = 1


@dataclass
class Rendered:
    fingerprint: str
    # Output file (relative to the site's root) → (size, modification time in ns).
    files: dict[str, tuple[int, int]] = field(default_factory=dict)


def state_file(cache_path: str, published: str, kind: str = "pages") -> Path:
    """The file in ``CACHE_PATH`` where this plugin keeps ``kind`` for one published folder."""
    name = hashlib.blake2b(published.encode(), digest_size=8).hexdigest()
    return build_cache.in_use(Path(cache_path) / f"warta-{kind}-{name}.json")


def read_state(path: Path) -> dict:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stored if isinstance(stored, dict) else {}


def write_state(path: Path, stored: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(json.dumps(stored, sort_keys=True), encoding="utf-8")
    os.replace(temporary, path)


def load(path: Path) -> dict[str, Rendered]:
    stored = read_state(path)
    if stored.get("version") != VERSION:
        return {}
    return {
        key: Rendered(entry["fingerprint"], {name: tuple(stat) for name, stat in entry["files"].items()})
        for key, entry in stored["pages"].items()
    }


def save(path: Path, pages: dict[str, Rendered]) -> None:
    write_state(
        path,
        {
            "version": VERSION,
            "pages": {
                key: {"fingerprint": page.fingerprint, "files": page.files}
                for key, page in sorted(pages.items())
            },
        },
    )
