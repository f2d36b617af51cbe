"""What a deploy does: uploads in a safe order, deletes last, and the URLs to purge.

Upload order, so that a deploy stopped at any point leaves no page pointing at a missing file:
assets (CSS, JS, images, search index) → the search index's entry points → its list of
bundles → new pages → changed pages → feeds and sitemaps → the home page. Files no longer
built are deleted only after everything else is in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from warta_common.fingerprint import is_fingerprinted

from .files import LocalFile
from .store import Headers

HOME = "index.html"
PHASES = (
    "assets",
    "search index entries",
    "search bundle list",
    "new pages",
    "pages",
    "feeds and sitemaps",
    "home page",
)
# Files of the search index that name its other files: each bundle's entry (Pagefind's, its
# page list by content hash), then the list of bundles, which names the bundles and the
# fragments to hide (it may name a bundle that is new in this deploy).
_INDEX_ENTRY = "pagefind-entry.json"
_BUNDLE_LIST = "bundles.json"
_FEEDS = (".xml", ".atom", ".rss")
_PAGES = (".html", ".htm")


@dataclass(frozen=True)
class RemoteFile:
    md5: str
    # None until known: from the manifest when its record matches the object, else from HEAD.
    headers: Headers | None = None


@dataclass
class Plan:
    phases: list[tuple[str, list[LocalFile]]] = field(default_factory=list)
    new: set[str] = field(default_factory=set)
    deletes: list[str] = field(default_factory=list)
    purge: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def uploads(self) -> list[LocalFile]:
        return [file for _, files in self.phases for file in files]

    @property
    def changes_bucket(self) -> bool:
        return bool(self.phases or self.deletes)


def phase_of(key: str, new: bool) -> str:
    if key == HOME:
        return "home page"
    suffix = PurePosixPath(key).suffix.lower()
    if suffix in _FEEDS or key == "robots.txt":
        return "feeds and sitemaps"
    if suffix in _PAGES:
        return "new pages" if new else "pages"
    if PurePosixPath(key).name == _INDEX_ENTRY:
        return "search index entries"
    if PurePosixPath(key).name == _BUNDLE_LIST:
        return "search bundle list"
    return "assets"


def is_current(local: LocalFile, remote: RemoteFile | None) -> bool:
    return (
        remote is not None
        and remote.md5 == local.md5
        and remote.headers == Headers(local.content_type, local.cache_control)
    )


def make_plan(local: dict[str, LocalFile], remote: dict[str, RemoteFile], pending_purge: set[str]) -> Plan:
    """Compare the build with the bucket; ``pending_purge`` are keys an earlier deploy left unpurged."""
    plan = Plan()
    by_phase: dict[str, list[LocalFile]] = {phase: [] for phase in PHASES}
    for key in sorted(local):
        if is_current(local[key], remote.get(key)):
            plan.unchanged += 1
            continue
        if key not in remote:
            plan.new.add(key)
        by_phase[phase_of(key, key in plan.new)].append(local[key])
    plan.phases = [(phase, files) for phase, files in by_phase.items() if files]
    plan.deletes = sorted(set(remote) - set(local))
    touched = {file.key for file in plan.uploads} | set(plan.deletes)
    # A fingerprinted file never changes under its name: there is nothing stale to purge,
    # and a CDN copy of a deleted one still serves pages cached before this deploy.
    plan.purge = sorted({key for key in touched if not is_fingerprinted(key)} | pending_purge)
    return plan
